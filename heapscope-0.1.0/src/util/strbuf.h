/* Growable byte buffer used for every piece of text the simulation builds
 * (reprs, messages, program output).  It never does I/O. */
#ifndef HS_STRBUF_H
#define HS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *data;   /* always NUL-terminated once anything was appended */
    size_t len;
    size_t cap;
} StrBuf;

/* Append LEN bytes of S. */
void strbuf_append(StrBuf *b, const char *s, size_t len);
/* Append a NUL-terminated string. */
void strbuf_puts(StrBuf *b, const char *s);
/* Append one byte. */
void strbuf_putc(StrBuf *b, char c);
/* Append printf-formatted text. */
void strbuf_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append printf-formatted text from a va_list. */
void strbuf_vprintf(StrBuf *b, const char *fmt, va_list ap);
/* Forget the contents but keep the storage. */
void strbuf_reset(StrBuf *b);
/* Hand the contents to the caller (who frees them) and empty the buffer. */
char *strbuf_steal(StrBuf *b);
/* Release the storage. */
void strbuf_free(StrBuf *b);
/* Return the contents as a C string ("" when empty). */
const char *strbuf_cstr(const StrBuf *b);

#endif
