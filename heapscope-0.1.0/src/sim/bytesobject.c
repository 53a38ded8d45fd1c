/* bytes objects (CPython's Objects/bytesobject.c), the str()/bytes()
 * constructors and the codecs heapscope knows (UTF-8, ASCII, Latin-1).
 *
 * A bytes object is one simulated block of bytes_header + n bytes.  b''
 * and the one-byte values are the cached objects CPython keeps (static
 * from 3.11; in 3.8 the non-ASCII ones are created on first use, like the
 * Latin-1 str cache).  PyBytes_FromStringAndSize(data, n) semantics
 * (slices, literals, encode results, bytes([x])) use the caches; buffers
 * allocated first and filled later (bytes(n), concatenation, repetition)
 * are new objects. */
#include "sim/bytesobject.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/sliceobject.h"
#include "sim/strimpl.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

#define TP "bytes"

/* ---- allocation and caches ---- */

/* Allocate a bytes object of N bytes (contents uninitialized, NUL added). */
static Ref bytes_alloc(Heap *h, size_t n)
{
    if (n > (size_t)INT64_MAX - h->prof->bytes_header)
        return heap_raise(h, EXC_OverflowError, "byte string is too large");
    Ref r = heap_alloc_object(h, K_BYTES, h->type_of_kind[K_BYTES], h->prof->bytes_header + n,
                              0, false);
    if (!r)
        return NULLREF;
    BytesData *d = xmalloc(sizeof *d + n + 1);
    d->n = n;
    d->hash = 0;
    d->hashed = false;
    d->data[n] = 0;
    h->objs[r].v.p = d;
    return r;
}

/* A static bytes object holding N bytes of P. */
static Ref static_bytes(Heap *h, const void *p, size_t n)
{
    uint64_t addr = h->static_next;
    h->static_next += (h->prof->bytes_header + n + 15) & ~(size_t)15;
    Ref r = heap_new_slot(h, K_BYTES, h->type_of_kind[K_BYTES], addr);
    BytesData *d = xmalloc(sizeof *d + n + 1);
    d->n = n;
    d->hash = 0;
    d->hashed = false;
    memcpy(d->data, p, n);
    d->data[n] = 0;
    h->objs[r].v.p = d;
    heap_make_static(h, r);
    return r;
}

/* The cached one-byte object C (a new reference). */
static Ref byte_char(Heap *h, unsigned c)
{
    if (!h->bytes_chars[c]) {
        unsigned char b = (unsigned char)c;
        Ref r;
        if (c >= 0x80 && h->prof->latin1_lazy) {
            r = bytes_alloc(h, 1);
            if (!r)
                return NULLREF;
            bytes_data_of(h, r)->data[0] = b;
            heap_make_static(h, r);
        } else {
            r = static_bytes(h, &b, 1);
        }
        h->bytes_chars[c] = r;
    }
    return heap_newref(h, h->bytes_chars[c]);
}

/* b'' (a new reference). */
static Ref bytes_empty(Heap *h)
{
    if (!h->empty_bytes)
        h->empty_bytes = static_bytes(h, "", 0);
    return heap_newref(h, h->empty_bytes);
}

/* Create b'', the one-byte cache and the bytes_iterator type. */
Ref bytes_new_static_empty(Heap *h)
{
    Ref e = bytes_empty(h);
    for (unsigned c = 0; c < 256; c++)
        if (c < 0x80 || !h->prof->latin1_lazy)
            heap_decref(h, byte_char(h, c));
    if (!h->bytes_iter_type)
        h->bytes_iter_type = type_new_static(h, "bytes_iterator", K_STRITER, h->object_type);
    return e;
}

/* PyBytes_FromStringAndSize(data, n). */
Ref bytes_from(Heap *h, const void *data, size_t n)
{
    if (n == 0)
        return bytes_empty(h);
    if (n == 1)
        return byte_char(h, *(const unsigned char *)data);
    Ref r = bytes_alloc(h, n);
    if (r)
        memcpy(bytes_data_of(h, r)->data, data, n);
    return r;
}

/* PyBytes_FromStringAndSize(NULL, n), zero-filled. */
Ref bytes_new_zeroed(Heap *h, size_t n)
{
    if (n == 0)
        return bytes_empty(h);
    Ref r = bytes_alloc(h, n);
    if (r)
        memset(bytes_data_of(h, r)->data, 0, n);
    return r;
}

/* The bytes of B. */
const unsigned char *bytes_data(const Heap *h, Ref b, size_t *n)
{
    BytesData *d = bytes_data_of(h, b);
    if (n)
        *n = d->n;
    return d->data;
}

/* True when B is exactly a bytes object. */
static bool exact(const Heap *h, Ref b)
{
    return h->objs[b].type == h->type_of_kind[K_BYTES];
}

/* ---- slots ---- */

/* sys.getsizeof(b). */
static size_t bytes_sizeof(Heap *h, Ref b)
{
    return h->prof->bytes_header + bytes_data_of(h, b)->n;
}

/* Free the host payload. */
static void bytes_release(Heap *h, Ref b)
{
    free(h->objs[b].v.p);
    h->objs[b].v.p = NULL;
}

/* Copy the payload for heap_clone. */
static void bytes_clone(const Heap *src, Heap *dst, Ref b, CloneMap *map)
{
    (void)map;
    const BytesData *d = bytes_data_of(src, b);
    dst->objs[b].v.p = d ? clone_memdup(d, sizeof *d + d->n + 1) : NULL;
}

/* Free the payload and the block. */
static void bytes_dealloc(Heap *h, Ref b)
{
    bytes_release(h, b);
    heap_free_object(h, b, 0, false);
}

/* Append repr(b) to BUF. */
void bytes_repr_into(const Heap *h, Ref b, StrBuf *buf)
{
    static const char hex[] = "0123456789abcdef";
    BytesData *d = bytes_data_of(h, b);
    bool sq = memchr(d->data, '\'', d->n) != NULL, dq = memchr(d->data, '"', d->n) != NULL;
    char quote = sq && !dq ? '"' : '\'';
    strbuf_putc(buf, 'b');
    strbuf_putc(buf, quote);
    for (size_t i = 0; i < d->n; i++) {
        unsigned char c = d->data[i];
        if (c == quote || c == '\\') {
            strbuf_putc(buf, '\\');
            strbuf_putc(buf, (char)c);
        } else if (c == '\t') {
            strbuf_puts(buf, "\\t");
        } else if (c == '\n') {
            strbuf_puts(buf, "\\n");
        } else if (c == '\r') {
            strbuf_puts(buf, "\\r");
        } else if (c < ' ' || c >= 0x7f) {
            strbuf_puts(buf, "\\x");
            strbuf_putc(buf, hex[c >> 4]);
            strbuf_putc(buf, hex[c & 15]);
        } else {
            strbuf_putc(buf, (char)c);
        }
    }
    strbuf_putc(buf, quote);
}

/* repr(b) and str(b). */
static Ref bytes_repr(Heap *h, Ref b)
{
    StrBuf s = {0};
    bytes_repr_into(h, b, &s);
    Ref r = str_new_utf8(h, s.data, s.len);
    strbuf_free(&s);
    return r;
}

/* hash(b): the same SipHash as str, cached. */
static int bytes_hash(Heap *h, Ref b, int64_t *out)
{
    BytesData *d = bytes_data_of(h, b);
    if (!d->hashed) {
        d->hash = str_hash_bytes(h, d->data, d->n);
        d->hashed = true;
    }
    *out = d->hash;
    return 0;
}

/* Compare two bytes lexicographically. */
static Ref bytes_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!bytes_check(h, a) || !bytes_check(h, b))
        return heap_newref(h, h->notimpl);
    BytesData *x = bytes_data_of(h, a), *y = bytes_data_of(h, b);
    size_t n = x->n < y->n ? x->n : y->n;
    int c = a == b ? 0 : memcmp(x->data, y->data, n);
    if (c == 0)
        c = x->n < y->n ? -1 : x->n > y->n;
    bool r = op == CMP_LT ? c < 0 : op == CMP_LE ? c <= 0 : op == CMP_EQ ? c == 0
             : op == CMP_NE ? c != 0 : op == CMP_GT ? c > 0 : c >= 0;
    return heap_newref(h, r ? h->true_ : h->false_);
}

/* a + b (bytes_concat). */
static Ref bytes_add(Heap *h, Ref a, Ref b)
{
    if (!bytes_check(h, a) || !bytes_check(h, b))
        return heap_newref(h, h->notimpl);
    BytesData *x = bytes_data_of(h, a), *y = bytes_data_of(h, b);
    if (x->n == 0 && exact(h, b))
        return heap_newref(h, b);
    if (y->n == 0 && exact(h, a))
        return heap_newref(h, a);
    if (x->n > (size_t)INT64_MAX - y->n)
        return heap_raise(h, EXC_MemoryError, "%s", "");
    Ref r = bytes_alloc(h, x->n + y->n);
    if (!r)
        return NULLREF;
    memcpy(bytes_data_of(h, r)->data, x->data, x->n);
    memcpy(bytes_data_of(h, r)->data + x->n, y->data, y->n);
    return r;
}

/* b * n (bytes_repeat). */
static Ref bytes_repeat(Heap *h, Ref b, int64_t n)
{
    BytesData *d = bytes_data_of(h, b);
    if (n < 0)
        n = 0;
    if (n > 0 && d->n > (size_t)(INT64_MAX / n))
        return heap_raise(h, EXC_OverflowError, "repeated bytes are too long");
    size_t size = d->n * (size_t)n;
    if (size == d->n && exact(h, b))
        return heap_newref(h, b);
    Ref r = bytes_alloc(h, size);
    if (!r)
        return NULLREF;
    for (int64_t i = 0; i < n; i++)
        memcpy(bytes_data_of(h, r)->data + (size_t)i * d->n, d->data, d->n);
    return r;
}

/* b * n or n * b. */
static Ref bytes_mul(Heap *h, Ref a, Ref b)
{
    Ref s = bytes_check(h, a) ? a : b, n = s == a ? b : a;
    if (!bytes_check(h, s))
        return heap_newref(h, h->notimpl);
    int64_t count;
    if (int_check(h, n)) {
        if (!int_as_i64(h, n, &count))
            return heap_raise(h, EXC_OverflowError, "cannot fit 'int' into an index-sized integer");
    } else {
        Ref t = heap_type(h, n);
        if (!(heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
              && type_lookup_cstr(h, t, "__index__")))
            return heap_newref(h, h->notimpl);
        if (obj_as_index(h, n, &count) < 0)
            return NULLREF;
    }
    return bytes_repeat(h, s, count);
}

/* bool(b). */
static int bytes_truth(Heap *h, Ref b)
{
    return bytes_data_of(h, b)->n != 0;
}

/* len(b). */
static int bytes_len(Heap *h, Ref b, size_t *out)
{
    *out = bytes_data_of(h, b)->n;
    return 0;
}

/* b[key]: an int for an index, bytes for a slice. */
static Ref bytes_getitem(Heap *h, Ref b, Ref key)
{
    BytesData *d = bytes_data_of(h, b);
    if (slice_check(h, key)) {
        int64_t start, stop, step;
        size_t n;
        if (slice_indices(h, key, d->n, &start, &stop, &step, &n) < 0)
            return NULLREF;
        if (n == 0)
            return bytes_empty(h);
        if (start == 0 && step == 1 && n == d->n && exact(h, b))
            return heap_newref(h, b);
        if (step == 1)
            return bytes_from(h, d->data + start, n);
        Ref r = bytes_alloc(h, n);
        if (!r)
            return NULLREF;
        for (size_t i = 0; i < n; i++)
            bytes_data_of(h, r)->data[i] = d->data[start + (int64_t)i * step];
        return r;
    }
    Ref t = heap_type(h, key);
    if (!int_check(h, key) && !(heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
                                && type_lookup_cstr(h, t, "__index__")))
        return heap_raise(h, EXC_TypeError, "byte indices must be integers or slices, not %s",
                          heap_type_name(h, key));
    int64_t i;
    if (obj_as_index(h, key, &i) < 0)
        return NULLREF;
    if (i < 0)
        i += (int64_t)d->n;
    if (i < 0 || i >= (int64_t)d->n)
        return heap_raise(h, EXC_IndexError, "index out of range");
    return int_from_i64(h, d->data[i]);
}

/* Offset of NEEDLE in HAY[from:to], forward or REVERSE, or -1. */
static int64_t bfind(const unsigned char *hay, int64_t from, int64_t to,
                     const unsigned char *needle, int64_t m, bool reverse)
{
    if (to - from < m)
        return -1;
    if (m == 0)
        return reverse ? to : from;
    if (!reverse) {
        for (int64_t i = from; i + m <= to; i++)
            if (memcmp(hay + i, needle, (size_t)m) == 0)
                return i;
    } else {
        for (int64_t i = to - m; i >= from; i--)
            if (memcmp(hay + i, needle, (size_t)m) == 0)
                return i;
    }
    return -1;
}

/* item in b: an int in range(256) or a bytes. */
static int bytes_contains(Heap *h, Ref b, Ref item)
{
    BytesData *d = bytes_data_of(h, b);
    if (int_check(h, item)) {
        int64_t v;
        if (!int_as_i64(h, item, &v) || v < 0 || v > 255) {
            heap_raise(h, EXC_ValueError, "byte must be in range(0, 256)");
            return -1;
        }
        return memchr(d->data, (int)v, d->n) != NULL;
    }
    if (!bytes_check(h, item)) {
        heap_raise(h, EXC_TypeError, "a bytes-like object is required, not '%s'",
                   heap_type_name(h, item));
        return -1;
    }
    BytesData *s = bytes_data_of(h, item);
    return bfind(d->data, 0, (int64_t)d->n, s->data, (int64_t)s->n, false) >= 0;
}

/* iter(b). */
static Ref bytes_iter_slot(Heap *h, Ref b)
{
    return bytes_iter(h, b);
}

/* ---- codecs ---- */

/* Normalize an encoding name like encodings.normalize_encoding + lower. */
static void normalize(const char *name, char *out, size_t n)
{
    size_t k = 0;
    for (const char *p = name; *p && k + 1 < n; p++)
        out[k++] = (*p == '-' || *p == ' ') ? '_' : (char)tolower((unsigned char)*p);
    out[k] = '\0';
}

/* True when NAME is one of the NULL-terminated NAMES. */
static bool one_of(const char *name, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(name, *names) == 0)
            return true;
    return false;
}

/* The codec named NAME. */
Codec codec_lookup(const char *name)
{
    static const char *const utf8[] = {"utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4",
                                       "cp65001", NULL};
    static const char *const ascii[] = {"ascii", "us_ascii", "646", "us", "ansi_x3.4_1968",
                                        "ansi_x3_4_1968", "iso646_us", "cp367", "csascii",
                                        "ibm367", "iso_ir_6", NULL};
    static const char *const latin1[] = {"latin_1", "latin1", "iso_8859_1", "iso8859_1",
                                         "8859", "cp819", "l1", "latin", "iso_ir_100",
                                         "csisolatin1", "ibm819", "iso_8859_1:1987", NULL};
    char n[64];
    normalize(name, n, sizeof n);
    if (one_of(n, utf8))
        return CODEC_UTF8;
    if (one_of(n, ascii))
        return CODEC_ASCII;
    if (one_of(n, latin1))
        return CODEC_LATIN1;
    return CODEC_UNKNOWN;
}

/* The error handler named NAME. */
Errors errors_lookup(const char *name)
{
    if (strcmp(name, "strict") == 0)
        return ERR_STRICT;
    if (strcmp(name, "ignore") == 0)
        return ERR_IGNORE;
    if (strcmp(name, "replace") == 0)
        return ERR_REPLACE;
    if (strcmp(name, "surrogatepass") == 0)
        return ERR_SURROGATEPASS;
    return ERR_UNKNOWN;
}

/* Raise the LookupError of an unknown codec (NotImplementedError for real
 * codecs the simulation does not implement). */
static Ref unknown_codec(Heap *h, const char *encoding)
{
    static const char *const real[] = {"utf_16", "utf_32", "utf_16_le", "utf_16_be",
                                       "utf_32_le", "utf_32_be", "utf_7", "cp1252", "cp437",
                                       "cp1251", "idna", "koi8_r", "mac_roman", "big5",
                                       "shift_jis", "euc_jp", "gbk", "gb2312", "utf_8_sig",
                                       "unicode_escape", "raw_unicode_escape", NULL};
    char n[64];
    normalize(encoding, n, sizeof n);
    if (one_of(n, real))
        return heap_raise(h, EXC_NotImplementedError,
                          "the '%s' codec is not supported by heapscope (only utf-8, ascii "
                          "and latin-1)", encoding);
    return heap_raise(h, EXC_LookupError, "unknown encoding: %s", encoding);
}

/* The codec name CPython prints in errors. */
static const char *codec_name(Codec c)
{
    return c == CODEC_UTF8 ? "utf-8" : c == CODEC_ASCII ? "ascii" : "latin-1";
}

/* Raise UnicodeDecodeError for bytes START..END (exclusive). */
static Ref decode_error(Heap *h, Codec c, const unsigned char *s, size_t start, size_t end,
                        const char *reason)
{
    if (end - start == 1)
        return heap_raise(h, EXC_UnicodeDecodeError,
                          "'%s' codec can't decode byte 0x%02x in position %zu: %s",
                          codec_name(c), s[start], start, reason);
    return heap_raise(h, EXC_UnicodeDecodeError,
                      "'%s' codec can't decode bytes in position %zu-%zu: %s", codec_name(c),
                      start, end - 1, reason);
}

/* Handle a decoding error over START..END by ERRORS: true when handled. */
static bool decode_handle(Heap *h, Errors e, const char *errors, StrBuilder *sb, Codec c,
                          const unsigned char *s, size_t start, size_t end, const char *reason)
{
    switch (e) {
    case ERR_IGNORE:
        return true;
    case ERR_REPLACE:
        sb_putc(sb, 0xfffd);
        return true;
    case ERR_STRICT:
    case ERR_SURROGATEPASS:
        decode_error(h, c, s, start, end, reason);
        return false;
    default:
        heap_raise(h, EXC_LookupError, "unknown error handler name '%s'", errors);
        return false;
    }
}

/* Append N bytes of valid UTF-8 to SB. */
static void put_utf8(StrBuilder *sb, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += (size_t)utf8_decode1(s + i, &cp);
        sb_putc(sb, cp);
    }
}

/* True when the 3 bytes at S (N left) are a UTF-8 encoded surrogate. */
static bool surrogate_at(const unsigned char *s, size_t n)
{
    return n >= 3 && s[0] == 0xed && (s[1] & 0xe0) == 0xa0 && (s[2] & 0xc0) == 0x80;
}

/* Decode UTF-8 with an error handler into SB; false on error. */
static bool decode_utf8(Heap *h, StrBuilder *sb, const unsigned char *s, size_t n, Errors e,
                        const char *errors)
{
    size_t i = 0;
    while (i < n) {
        size_t pos, end;
        const char *reason;
        if (utf8_validate(s + i, n - i, &pos, &end, &reason)) {
            put_utf8(sb, s + i, n - i);
            return true;
        }
        put_utf8(sb, s + i, pos);
        if (e == ERR_SURROGATEPASS && surrogate_at(s + i + pos, n - i - pos)) {
            put_utf8(sb, s + i + pos, 3);
            i += pos + 3;
            continue;
        }
        if (!decode_handle(h, e, errors, sb, CODEC_UTF8, s, i + pos, i + end, reason))
            return false;
        i += end;
    }
    return true;
}

/* Decode N bytes with ENCODING and ERRORS into a str. */
Ref codec_decode(Heap *h, const unsigned char *s, size_t n, const char *encoding,
                 const char *errors)
{
    if (n == 0)
        return str_from_utf8(h, "", 0);
    Codec c = codec_lookup(encoding);
    if (c == CODEC_UNKNOWN)
        return unknown_codec(h, encoding);
    Errors e = errors_lookup(errors);
    StrBuilder sb = {0};
    bool ok = true;
    if (c == CODEC_UTF8) {
        size_t pos, end;
        const char *reason;
        if (utf8_validate(s, n, &pos, &end, &reason))
            return str_from_utf8(h, (const char *)s, n);
        ok = decode_utf8(h, &sb, s, n, e, errors);
    } else {
        for (size_t i = 0; i < n && ok; i++) {
            if (c == CODEC_LATIN1 || s[i] < 0x80)
                sb_putc(&sb, s[i]);
            else
                ok = decode_handle(h, e, errors, &sb, c, s, i, i + 1,
                                   "ordinal not in range(128)");
        }
    }
    if (!ok) {
        sb_free(&sb);
        return NULLREF;
    }
    return sb_finish(h, &sb, STR_CACHED);
}

/* The escape CPython's UnicodeEncodeError message shows for CP. */
static void bad_char(uint32_t cp, char *buf, size_t n)
{
    if (cp < 0x100)
        snprintf(buf, n, "\\x%02x", (unsigned)cp);
    else if (cp < 0x10000)
        snprintf(buf, n, "\\u%04x", (unsigned)cp);
    else
        snprintf(buf, n, "\\U%08x", (unsigned)cp);
}

/* True when codec C cannot encode CP (ERRORS surrogatepass for UTF-8). */
static bool unencodable(Codec c, Errors e, uint32_t cp)
{
    if (c == CODEC_ASCII)
        return cp >= 0x80;
    if (c == CODEC_LATIN1)
        return cp >= 0x100;
    return cp >= 0xd800 && cp <= 0xdfff && e != ERR_SURROGATEPASS;
}

/* Encode str S with ENCODING and ERRORS into bytes. */
Ref codec_encode(Heap *h, Ref s, const char *encoding, const char *errors)
{
    Codec c = codec_lookup(encoding);
    if (c == CODEC_UNKNOWN)
        return unknown_codec(h, encoding);
    Errors e = errors_lookup(errors);
    size_t n = str_len(h, s);
    StrBuf out = {0};
    for (size_t i = 0; i < n;) {
        uint32_t cp = str_char_at(h, s, i);
        if (!unencodable(c, e, cp)) {
            char buf[4];
            if (c == CODEC_UTF8)
                strbuf_append(&out, buf, (size_t)utf8_encode1(cp, buf));
            else
                strbuf_putc(&out, (char)cp);
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && unencodable(c, e, str_char_at(h, s, j)))
            j++;
        if (e == ERR_IGNORE || e == ERR_REPLACE) {
            for (size_t k = i; e == ERR_REPLACE && k < j; k++)
                strbuf_putc(&out, '?');
            i = j;
            continue;
        }
        strbuf_free(&out);
        if (e != ERR_STRICT && e != ERR_SURROGATEPASS)
            return heap_raise(h, EXC_LookupError, "unknown error handler name '%s'", errors);
        const char *reason = c == CODEC_UTF8 ? "surrogates not allowed"
                             : c == CODEC_ASCII ? "ordinal not in range(128)"
                                                : "ordinal not in range(256)";
        if (j - i == 1) {
            char bc[16];
            bad_char(cp, bc, sizeof bc);
            return heap_raise(h, EXC_UnicodeEncodeError,
                              "'%s' codec can't encode character '%s' in position %zu: %s",
                              codec_name(c), bc, i, reason);
        }
        return heap_raise(h, EXC_UnicodeEncodeError,
                          "'%s' codec can't encode characters in position %zu-%zu: %s",
                          codec_name(c), i, j - 1, reason);
    }
    Ref r = bytes_from(h, out.data ? out.data : "", out.len);
    strbuf_free(&out);
    return r;
}

/* ---- constructors ---- */

/* The encoding/errors argument I (0 or 1) of str()/bytes(): a C string,
 * or NULL with CPython's TypeError. */
static const char *str_arg(Heap *h, const char *fname, Ref v, int i)
{
    static const char *const names[] = {"encoding", "errors"};
    if (str_check(h, v))
        return str_utf8(h, v, NULL);
    if (h->prof->str_new_argnames)
        heap_raise(h, EXC_TypeError, "%s() argument '%s' must be str, not %s", fname, names[i],
                   arg_type_name(h, v));
    else
        heap_raise(h, EXC_TypeError, "%s() argument %d must be str, not %s", fname, i + 2,
                   heap_type_name(h, v));
    return NULL;
}

/* Parse (object, encoding, errors) for str()/bytes() into OUT[3]. */
static bool ctor_args(Heap *h, const char *fname, const char *first, const Ref *args,
                      size_t nargs, Ref kwnames, Ref out[3])
{
    const char *kwlist[] = {first, "encoding", "errors", NULL};
    if (h->prof->clinic_kw_errors_313 && nargs > 3 && strcmp(fname, "str") == 0) {
        heap_raise(h, EXC_TypeError, "%s expected at most 3 arguments, got %zu", fname, nargs);
        return false;
    }
    return args_kw(h, fname, args, nargs, kwnames, kwlist, 0, 0, out);
}

/* str(object='') / str(object=b'', encoding='utf-8', errors='strict'). */
Ref str_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    Ref a[3];
    if (!ctor_args(h, "str", "object", args, nargs, kwnames, a))
        return NULLREF;
    if (!a[1] && !a[2]) {
        if (!a[0])
            return str_from_utf8(h, "", 0);
        return obj_str(h, a[0]);
    }
    const char *enc = "utf-8", *err = "strict";
    if ((a[1] && !(enc = str_arg(h, "str", a[1], 0))) || (a[2] && !(err = str_arg(h, "str", a[2], 1))))
        return NULLREF;
    if (!a[0])
        return str_from_utf8(h, "", 0);
    if (str_check(h, a[0]))
        return heap_raise(h, EXC_TypeError, "decoding str is not supported");
    if (!bytes_check(h, a[0]))
        return heap_raise(h, EXC_TypeError, "decoding to str: need a bytes-like object, %s found",
                          heap_type_name(h, a[0]));
    size_t n;
    const unsigned char *p = bytes_data(h, a[0], &n);
    return codec_decode(h, p, n, enc, err);
}

/* bytes(iterable of ints) (_PyBytes_FromIterator / FromList). */
static Ref bytes_from_ints(Heap *h, Ref src)
{
    Ref it = obj_iter(h, src);
    if (!it) {
        if (heap_exc_matches(h, EXC_TypeError)) {
            heap_clear_exc(h);
            heap_raise(h, EXC_TypeError, "cannot convert '%s' object to bytes",
                       heap_type_name(h, src));
        }
        return NULLREF;
    }
    StrBuf b = {0};
    Ref x;
    while ((x = obj_next(h, it)) != 0) {
        int64_t v;
        int rc = obj_as_index(h, x, &v);
        heap_decref(h, x);
        if (rc < 0 && heap_exc_matches(h, EXC_IndexError)) {
            heap_clear_exc(h);
            v = -1;
            rc = 0;
        }
        if (rc < 0 || v < 0 || v > 255) {
            if (rc == 0)
                heap_raise(h, EXC_ValueError, "bytes must be in range(0, 256)");
            strbuf_free(&b);
            heap_decref(h, it);
            return NULLREF;
        }
        strbuf_putc(&b, (char)v);
    }
    heap_decref(h, it);
    if (h->exc) {
        strbuf_free(&b);
        return NULLREF;
    }
    Ref r = bytes_from(h, b.data ? b.data : "", b.len);
    strbuf_free(&b);
    return r;
}

/* bytes(), bytes(n), bytes(str, encoding[, errors]), bytes(iterable). */
static Ref bytes_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    Ref a[3];
    if (!ctor_args(h, "bytes", "source", args, nargs, kwnames, a))
        return NULLREF;
    const char *enc = NULL, *err = NULL;
    if ((a[1] && !(enc = str_arg(h, "bytes", a[1], 0))) || (a[2] && !(err = str_arg(h, "bytes", a[2], 1))))
        return NULLREF;
    Ref x = a[0];
    if (!x) {
        if (enc || err)
            return heap_raise(h, EXC_TypeError, enc ? "encoding without a string argument"
                                                    : "errors without a string argument");
        return bytes_empty(h);
    }
    if (str_check(h, x)) {
        if (!enc)
            return heap_raise(h, EXC_TypeError, "string argument without an encoding");
        return codec_encode(h, x, enc, err ? err : "strict");
    }
    if (enc || err)
        return heap_raise(h, EXC_TypeError, enc ? "encoding without a string argument"
                                                : "errors without a string argument");
    if (bytes_check(h, x))
        return exact(h, x) ? heap_newref(h, x) : bytes_from(h, bytes_data(h, x, NULL),
                                                            bytes_data_of(h, x)->n);
    if (int_check(h, x)) {
        int64_t n;
        if (!int_as_i64(h, x, &n))
            return heap_raise(h, EXC_OverflowError, "cannot fit 'int' into an index-sized integer");
        if (n < 0)
            return heap_raise(h, EXC_ValueError, "negative count");
        return bytes_new_zeroed(h, (size_t)n);
    }
    return bytes_from_ints(h, x);
}

/* ---- methods ---- */

/* Resolve the receiver of an unbound call (bytes.hex(b)). */
static bool receiver(Heap *h, Ref *self, const Ref **args, size_t *nargs, const char *name)
{
    if (*self)
        return true;
    if (*nargs == 0 || !bytes_check(h, (*args)[0])) {
        if (*nargs == 0)
            heap_raise(h, EXC_TypeError, "unbound method bytes.%s() needs an argument", name);
        else
            heap_raise(h, EXC_TypeError,
                       "descriptor '%s' for 'bytes' objects doesn't apply to a '%s' object", name,
                       heap_type_name(h, (*args)[0]));
        return false;
    }
    *self = (*args)[0];
    (*args)++;
    (*nargs)--;
    return true;
}

/* Resolve SELF for an unbound call of method NAME, or fail. */
#define RECEIVER(name)                                   \
    do {                                                 \
        if (!receiver(h, &self, &args, &nargs, name))    \
            return NULLREF;                              \
    } while (0)

/* b.decode(encoding='utf-8', errors='strict'). */
static Ref bytes_decode(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"encoding", "errors", NULL};
    RECEIVER("decode");
    Ref a[2];
    if (!args_kw(h, "decode", args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    for (int i = 0; i < 2; i++)
        if (a[i] && !str_check(h, a[i]))
            return heap_raise(h, EXC_TypeError, "decode() argument '%s' must be str, not %s",
                              kwlist[i], arg_type_name(h, a[i]));
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    return codec_decode(h, p, n, a[0] ? str_utf8(h, a[0], NULL) : "utf-8",
                        a[1] ? str_utf8(h, a[1], NULL) : "strict");
}

/* b.hex([sep[, bytes_per_sep]]). */
static Ref bytes_hex(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"sep", "bytes_per_sep", NULL};
    static const char hex[] = "0123456789abcdef";
    RECEIVER("hex");
    Ref a[2];
    if (!args_kw(h, "hex", args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    char sep = 0;
    int64_t group = 1;
    if (a[0]) {
        size_t len;
        if (obj_len(h, a[0], &len) < 0)
            return NULLREF;
        if (len != 1)
            return heap_raise(h, EXC_ValueError, "sep must be length 1.");
        if (str_check(h, a[0])) {
            uint32_t c = str_char_at(h, a[0], 0);
            if (c >= 0x80)
                return heap_raise(h, EXC_ValueError, "sep must be ASCII.");
            sep = (char)c;
        } else if (bytes_check(h, a[0])) {
            sep = (char)bytes_data(h, a[0], NULL)[0];
        }
    }
    if (a[1] && arg_cint(h, a[1], &group) < 0)
        return NULLREF;
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    StrBuf b = {0};
    int64_t g = group < 0 ? -group : group;
    for (size_t i = 0; i < n; i++) {
        if (sep && g && i) {
            size_t from_end = n - i;
            if (group > 0 ? from_end % (size_t)g == 0 : i % (size_t)g == 0)
                strbuf_putc(&b, sep);
        }
        strbuf_putc(&b, hex[p[i] >> 4]);
        strbuf_putc(&b, hex[p[i] & 15]);
    }
    Ref r = str_new_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return r;
}

/* b.join(iterable of bytes). */
static Ref bytes_join(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("join");
    if (!args_one(h, TP, "join", nargs, kwnames))
        return NULLREF;
    Ref it = obj_iter(h, args[0]);
    if (!it) {
        if (heap_exc_matches(h, EXC_TypeError)) {
            heap_clear_exc(h);
            heap_raise(h, EXC_TypeError, "can only join an iterable");
        }
        return NULLREF;
    }
    Ref l = obj_to_list(h, it);
    heap_decref(h, it);
    if (!l)
        return NULLREF;
    size_t n = list_size(h, l);
    Ref *items = list_items(h, l);
    if (n == 1 && bytes_check(h, items[0]) && exact(h, items[0])) {
        Ref r = heap_newref(h, items[0]);
        heap_decref(h, l);
        return r;
    }
    size_t sepn;
    const unsigned char *sep = bytes_data(h, self, &sepn);
    StrBuf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (!bytes_check(h, items[i])) {
            heap_raise(h, EXC_TypeError, "sequence item %zu: expected a bytes-like object, %s found",
                       i, heap_type_name(h, items[i]));
            strbuf_free(&b);
            heap_decref(h, l);
            return NULLREF;
        }
        if (i)
            strbuf_append(&b, (const char *)sep, sepn);
        size_t k;
        const unsigned char *p = bytes_data(h, items[i], &k);
        strbuf_append(&b, (const char *)p, k);
    }
    heap_decref(h, l);
    Ref r = b.len ? bytes_alloc(h, b.len) : bytes_empty(h);
    if (r && b.len)
        memcpy(bytes_data_of(h, r)->data, b.data, b.len);
    strbuf_free(&b);
    return r;
}

/* The bytes argument of find/count/startswith...: bytes, or an int byte
 * value for find/count (stored in *BYTE). */
static bool sub_arg(Heap *h, Ref x, bool int_ok, const unsigned char **p, size_t *n,
                    unsigned char *byte)
{
    if (bytes_check(h, x)) {
        *p = bytes_data(h, x, n);
        return true;
    }
    if (int_ok && int_check(h, x)) {
        int64_t v;
        if (!int_as_i64(h, x, &v) || v < 0 || v > 255) {
            heap_raise(h, EXC_ValueError, "byte must be in range(0, 256)");
            return false;
        }
        *byte = (unsigned char)v;
        *p = byte;
        *n = 1;
        return true;
    }
    heap_raise(h, EXC_TypeError, "argument should be integer or bytes-like object, not '%s'",
               heap_type_name(h, x));
    return false;
}

enum { B_FIND, B_RFIND, B_INDEX, B_RINDEX, B_COUNT };

/* find/rfind/index/rindex/count. */
static Ref search_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                     const char *name, int op)
{
    RECEIVER(name);
    bool ok = h->prof->str_find_clinic ? args_pos(h, TP, name, nargs, kwnames, 1, 3)
                                       : args_tuple(h, TP, name, nargs, kwnames, 1, 3);
    if (!ok)
        return NULLREF;
    const unsigned char *sub;
    size_t m;
    unsigned char byte;
    if (!sub_arg(h, args[0], true, &sub, &m, &byte))
        return NULLREF;
    int64_t start = 0, end = INT64_MAX;
    if ((nargs > 1 && arg_slice_index(h, args[1], &start) < 0)
        || (nargs > 2 && arg_slice_index(h, args[2], &end) < 0))
        return NULLREF;
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    adjust_indices(&start, &end, (int64_t)n);
    if (op == B_COUNT) {
        int64_t count = 0;
        if (end - start >= (int64_t)m) {
            if (m == 0)
                count = end - start + 1;
            else
                for (int64_t i = start; (i = bfind(p, i, end, sub, (int64_t)m, false)) >= 0;
                     i += (int64_t)m)
                    count++;
        }
        return int_from_i64(h, count);
    }
    int64_t r = bfind(p, start, end, sub, (int64_t)m, op == B_RFIND || op == B_RINDEX);
    if (r < 0 && (op == B_INDEX || op == B_RINDEX))
        return heap_raise(h, EXC_ValueError, "subsection not found");
    return int_from_i64(h, r);
}

/* Define the search method FN doing OP. */
#define SEARCH_METHOD(fn, name, op)                                                  \
    static Ref fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)     \
    {                                                                                \
        return search_op(h, self, args, nargs, kwnames, name, op);                   \
    }
SEARCH_METHOD(bytes_find, "find", B_FIND)
SEARCH_METHOD(bytes_rfind, "rfind", B_RFIND)
SEARCH_METHOD(bytes_index, "index", B_INDEX)
SEARCH_METHOD(bytes_rindex, "rindex", B_RINDEX)
SEARCH_METHOD(bytes_count, "count", B_COUNT)

/* startswith/endswith(prefix[, start[, end]]). */
static Ref affix_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                    const char *name, bool at_end)
{
    RECEIVER(name);
    bool ok = h->prof->str_find_clinic ? args_pos(h, TP, name, nargs, kwnames, 1, 3)
                                       : args_tuple(h, TP, name, nargs, kwnames, 1, 3);
    if (!ok)
        return NULLREF;
    int64_t start = 0, end = INT64_MAX;
    if ((nargs > 1 && arg_slice_index(h, args[1], &start) < 0)
        || (nargs > 2 && arg_slice_index(h, args[2], &end) < 0))
        return NULLREF;
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    adjust_indices(&start, &end, (int64_t)n);
    Ref x = args[0];
    size_t count = heap_kind(h, x) == K_TUPLE ? tuple_size(h, x) : 1;
    for (size_t i = 0; i < count; i++) {
        Ref sub = heap_kind(h, x) == K_TUPLE ? tuple_items(h, x)[i] : x;
        if (!bytes_check(h, sub)) {
            if (heap_kind(h, x) == K_TUPLE)
                return heap_raise(h, EXC_TypeError, "a bytes-like object is required, not '%s'",
                                  heap_type_name(h, sub));
            return heap_raise(h, EXC_TypeError,
                              "%s first arg must be bytes or a tuple of bytes, not %s", name,
                              heap_type_name(h, sub));
        }
        size_t m;
        const unsigned char *s = bytes_data(h, sub, &m);
        int64_t e = end - (int64_t)m;
        if (e >= start && (m == 0 || memcmp(p + (at_end ? e : start), s, m) == 0))
            return heap_newref(h, h->true_);
    }
    return heap_newref(h, h->false_);
}

/* b.startswith(prefix[, start[, end]]). */
static Ref bytes_startswith(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return affix_op(h, self, args, nargs, kwnames, "startswith", false);
}

/* b.endswith(suffix[, start[, end]]). */
static Ref bytes_endswith(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return affix_op(h, self, args, nargs, kwnames, "endswith", true);
}

/* True for the bytes whitespace of bytes.split()/strip(). */
static bool bspace(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* strip/lstrip/rstrip([chars]). */
static Ref strip_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                    const char *name, bool left, bool right)
{
    RECEIVER(name);
    if (!args_pos(h, TP, name, nargs, kwnames, 0, 1))
        return NULLREF;
    const unsigned char *chars = NULL;
    size_t nc = 0;
    if (nargs && args[0] != h->none) {
        if (!bytes_check(h, args[0]))
            return heap_raise(h, EXC_TypeError, "a bytes-like object is required, not '%s'",
                              heap_type_name(h, args[0]));
        chars = bytes_data(h, args[0], &nc);
    }
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    size_t i = 0, j = n;
#define STRIPPED(c) (chars ? memchr(chars, (c), nc) != NULL : bspace(c))
    while (left && i < j && STRIPPED(p[i]))
        i++;
    while (right && j > i && STRIPPED(p[j - 1]))
        j--;
#undef STRIPPED
    if (i == 0 && j == n && exact(h, self))
        return heap_newref(h, self);
    return bytes_from(h, p + i, j - i);
}

/* b.strip([chars]). */
static Ref bytes_strip(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return strip_op(h, self, args, nargs, kwnames, "strip", true, true);
}

/* b.lstrip([chars]). */
static Ref bytes_lstrip(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return strip_op(h, self, args, nargs, kwnames, "lstrip", true, false);
}

/* b.rstrip([chars]). */
static Ref bytes_rstrip(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return strip_op(h, self, args, nargs, kwnames, "rstrip", false, true);
}

/* SPLIT_ADD of bytes P[a:b] (SELF itself for all of an exact bytes). */
static bool add_piece(Heap *h, Ref list, size_t *count, Ref self, const unsigned char *p,
                      size_t a, size_t b, size_t n)
{
    Ref sub = a == 0 && b == n && exact(h, self) ? heap_newref(h, self) : bytes_from(h, p + a, b - a);
    return split_add(h, list, count, sub);
}

/* b.split(sep=None, maxsplit=-1) (stringlib split / split_whitespace). */
static Ref bytes_split(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"sep", "maxsplit", NULL};
    RECEIVER("split");
    Ref a[2];
    if (!args_kw(h, "split", args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    int64_t max = -1;
    if (a[1] && arg_ssize(h, a[1], &max) < 0)
        return NULLREF;
    if (max < 0)
        max = INT64_MAX;
    const unsigned char *sep = NULL;
    size_t m = 0;
    if (a[0] && a[0] != h->none) {
        if (!bytes_check(h, a[0]))
            return heap_raise(h, EXC_TypeError, "a bytes-like object is required, not '%s'",
                              heap_type_name(h, a[0]));
        sep = bytes_data(h, a[0], &m);
        if (m == 0)
            return heap_raise(h, EXC_ValueError, "empty separator");
    }
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    Ref list = split_list(h, max);
    if (!list)
        return NULLREF;
    bool ok = true;
    size_t i = 0, count = 0;
    if (!sep) {
        while (ok && max-- > 0) {
            while (i < n && bspace(p[i]))
                i++;
            if (i == n)
                break;
            size_t j = i;
            while (i < n && !bspace(p[i]))
                i++;
            ok = add_piece(h, list, &count, self, p, j, i, n);
        }
        while (i < n && bspace(p[i]))
            i++;
        if (ok && i < n)
            ok = add_piece(h, list, &count, self, p, i, n, n);
    } else {
        while (ok && max-- > 0) {
            int64_t pos = bfind(p, (int64_t)i, (int64_t)n, sep, (int64_t)m, false);
            if (pos < 0)
                break;
            ok = add_piece(h, list, &count, self, p, i, (size_t)pos, n);
            i = (size_t)pos + m;
        }
        if (ok)
            ok = add_piece(h, list, &count, self, p, i, n, n);
    }
    split_fix(h, list, count);
    if (!ok) {
        heap_decref(h, list);
        return NULLREF;
    }
    return list;
}

/* b.replace(old, new[, count]). */
static Ref bytes_replace(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("replace");
    if (!args_pos(h, TP, "replace", nargs, kwnames, 2, 3))
        return NULLREF;
    for (int i = 0; i < 2; i++)
        if (!bytes_check(h, args[i]))
            return heap_raise(h, EXC_TypeError, "a bytes-like object is required, not '%s'",
                              heap_type_name(h, args[i]));
    int64_t max = -1;
    if (nargs > 2 && arg_ssize(h, args[2], &max) < 0)
        return NULLREF;
    if (max < 0)
        max = INT64_MAX;
    size_t n, m, k;
    const unsigned char *p = bytes_data(h, self, &n);
    const unsigned char *old = bytes_data(h, args[0], &m), *new_ = bytes_data(h, args[1], &k);
    StrBuf b = {0};
    size_t i = 0;
    int64_t done = 0;
    while (done < max) {
        int64_t pos = m ? bfind(p, (int64_t)i, (int64_t)n, old, (int64_t)m, false)
                        : (i <= n ? (int64_t)i : -1);
        if (pos < 0)
            break;
        strbuf_append(&b, (const char *)p + i, (size_t)pos - i);
        strbuf_append(&b, (const char *)new_, k);
        if (m == 0) {
            if ((size_t)pos < n)
                strbuf_putc(&b, (char)p[pos]);
            i = (size_t)pos + 1;
        } else {
            i = (size_t)pos + m;
        }
        done++;
    }
    if (done == 0 && exact(h, self)) {
        strbuf_free(&b);
        return heap_newref(h, self);
    }
    if (i < n)
        strbuf_append(&b, (const char *)p + i, n - i);
    Ref r = b.len ? bytes_alloc(h, b.len) : bytes_empty(h);
    if (r && b.len)
        memcpy(bytes_data_of(h, r)->data, b.data, b.len);
    strbuf_free(&b);
    return r;
}

/* upper()/lower(): ASCII letters only; a new object. */
static Ref case_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                   const char *name, bool upper)
{
    RECEIVER(name);
    (void)args;
    if (!args_none(h, TP, name, nargs, kwnames))
        return NULLREF;
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    Ref r = bytes_new_zeroed(h, n);
    if (!r || n == 0)
        return r;
    unsigned char *q = bytes_data_of(h, r)->data;
    for (size_t i = 0; i < n; i++)
        q[i] = (unsigned char)(upper ? toupper(p[i]) : tolower(p[i]));
    return r;
}

/* b.upper(). */
static Ref bytes_upper(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return case_op(h, self, args, nargs, kwnames, "upper", true);
}

/* b.lower(). */
static Ref bytes_lower(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return case_op(h, self, args, nargs, kwnames, "lower", false);
}

/* isdigit/isalpha/isspace/isalnum: every byte passes TEST, non-empty. */
static Ref test_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                   const char *name, int (*test)(int))
{
    RECEIVER(name);
    (void)args;
    if (!args_none(h, TP, name, nargs, kwnames))
        return NULLREF;
    size_t n;
    const unsigned char *p = bytes_data(h, self, &n);
    bool r = n > 0;
    for (size_t i = 0; i < n && r; i++)
        r = p[i] < 0x80 && test(p[i]);
    return heap_newref(h, r ? h->true_ : h->false_);
}

/* Define the byte-class method FN using TEST. */
#define TEST_METHOD(fn, name, test)                                                  \
    static Ref fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)     \
    {                                                                                \
        return test_op(h, self, args, nargs, kwnames, name, test);                   \
    }
TEST_METHOD(bytes_isdigit, "isdigit", isdigit)
TEST_METHOD(bytes_isalpha, "isalpha", isalpha)
TEST_METHOD(bytes_isalnum, "isalnum", isalnum)
TEST_METHOD(bytes_isspace, "isspace", isspace)

/* b.__len__(). */
static Ref bytes_dunder_len(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__len__");
    (void)args;
    if (!args_none(h, TP, "__len__", nargs, kwnames))
        return NULLREF;
    return int_from_i64(h, (int64_t)bytes_data_of(h, self)->n);
}

/* b.__sizeof__(). */
static Ref bytes_dunder_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__sizeof__");
    (void)args;
    if (!args_none(h, TP, "__sizeof__", nargs, kwnames))
        return NULLREF;
    return int_from_i64(h, (int64_t)bytes_sizeof(h, self));
}

/* b.__getitem__(key). */
static Ref bytes_dunder_getitem(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__getitem__");
    if (!args_one(h, TP, "__getitem__", nargs, kwnames))
        return NULLREF;
    return bytes_getitem(h, self, args[0]);
}

static const MethodDef bytes_methods[] = {
    {"decode", bytes_decode, NULL},
    {"hex", bytes_hex, NULL},
    {"join", bytes_join, NULL},
    {"find", bytes_find, NULL},
    {"rfind", bytes_rfind, NULL},
    {"index", bytes_index, NULL},
    {"rindex", bytes_rindex, NULL},
    {"count", bytes_count, NULL},
    {"startswith", bytes_startswith, NULL},
    {"endswith", bytes_endswith, NULL},
    {"strip", bytes_strip, NULL},
    {"lstrip", bytes_lstrip, NULL},
    {"rstrip", bytes_rstrip, NULL},
    {"split", bytes_split, NULL},
    {"replace", bytes_replace, NULL},
    {"upper", bytes_upper, NULL},
    {"lower", bytes_lower, NULL},
    {"isdigit", bytes_isdigit, NULL},
    {"isalpha", bytes_isalpha, NULL},
    {"isalnum", bytes_isalnum, NULL},
    {"isspace", bytes_isspace, NULL},
    {"__len__", bytes_dunder_len, NULL},
    {"__sizeof__", bytes_dunder_sizeof, NULL},
    {"__getitem__", bytes_dunder_getitem, NULL},
    {NULL, NULL, NULL},
};

const TypeOps bytes_ops = {
    .name = "bytes",
    .sizeof_ = bytes_sizeof, .dealloc = bytes_dealloc, .release = bytes_release,
    .clone = bytes_clone,
    .repr = bytes_repr, .str = bytes_repr, .hash = bytes_hash,
    .richcompare = bytes_richcompare,
    .binop = {[OP_ADD] = bytes_add, [OP_MUL] = bytes_mul},
    .truth = bytes_truth, .len = bytes_len, .getitem = bytes_getitem,
    .contains = bytes_contains, .iter = bytes_iter_slot, .new_ = bytes_new,
    .methods = bytes_methods,
};
