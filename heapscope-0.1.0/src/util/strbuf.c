/* Growable byte buffer. */
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Make room for N more bytes plus a terminating NUL. */
static void reserve(StrBuf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
        cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

/* Append LEN bytes of S. */
void strbuf_append(StrBuf *b, const char *s, size_t len)
{
    reserve(b, len);
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
}

/* Append a NUL-terminated string. */
void strbuf_puts(StrBuf *b, const char *s)
{
    strbuf_append(b, s, strlen(s));
}

/* Append one byte. */
void strbuf_putc(StrBuf *b, char c)
{
    strbuf_append(b, &c, 1);
}

/* Append printf-formatted text from a va_list. */
void strbuf_vprintf(StrBuf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

/* Append printf-formatted text. */
void strbuf_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Forget the contents but keep the storage. */
void strbuf_reset(StrBuf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Hand the contents to the caller (who frees them) and empty the buffer. */
char *strbuf_steal(StrBuf *b)
{
    char *s = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* Release the storage. */
void strbuf_free(StrBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* Return the contents as a C string ("" when empty). */
const char *strbuf_cstr(const StrBuf *b)
{
    return b->data ? b->data : "";
}
