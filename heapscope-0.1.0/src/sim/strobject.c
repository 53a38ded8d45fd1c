/* str objects: creation and caches, interning, hashing, the operators and
 * the str iterators (CPython's Objects/unicodeobject.c).
 *
 * Text lives on the host as UTF-8; what CPython would store is modelled
 * alongside it (see strobject.h).  Which operation returns which object
 * follows CPython, because `is` and id() show it:
 *   - PyUnicode_New-style results (case mapping, concatenation, join,
 *     repetition, replace, stepped slices) are new objects, except '' which
 *     is always the empty singleton (STR_FRESH);
 *   - decoding, substrings, indexing, iteration and chr() return the
 *     one-character Latin-1 singletons (STR_CACHED);
 *   - operations that change nothing return their operand when it is an
 *     exact str (s[:], s + '', s * 1, s.strip() without whitespace...).
 *
 * The interned set h->interned is open-addressed with linear probing and
 * backward-shift deletion, keyed by the cached hash; it holds its members
 * without counting references, like CPython's "mortal" interning, and a
 * mortal member leaves the set when it is deallocated. */
#include "sim/strobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/sliceobject.h"
#include "sim/strimpl.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/unicodectype.h"
#include "util/xalloc.h"

#define SSIZE_MAX_ ((int64_t)INT64_MAX)

/* ---- UTF-8 ---- */

/* Decode the UTF-8 sequence at S; returns its length, the code point in *CP. */
int utf8_decode1(const unsigned char *s, uint32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xe0) {
        *cp = ((c & 0x1fu) << 6) | (s[1] & 0x3fu);
        return 2;
    }
    if (c < 0xf0) {
        *cp = ((c & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
        return 3;
    }
    *cp = ((c & 0x07u) << 18) | ((s[1] & 0x3fu) << 12) | ((s[2] & 0x3fu) << 6)
          | (s[3] & 0x3fu);
    return 4;
}

/* Encode CP as UTF-8 into OUT; returns the length. */
int utf8_encode1(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xc0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xe0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (unsigned char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (unsigned char)(0xf0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (unsigned char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Length of the well-formed sequence at S (N bytes left), surrogates
 * allowed when LAX; 0 when malformed.  Sets *REASON and *BAD for the error. */
static size_t utf8_seq(const unsigned char *s, size_t n, bool lax, const char **reason,
                       size_t *bad)
{
    unsigned c = s[0];
    size_t need;
    unsigned lo = 0x80, hi = 0xbf;
    *bad = 1;
    if (c < 0x80)
        return 1;
    if (c < 0xc2) {
        *reason = "invalid start byte";
        return 0;
    }
    if (c < 0xe0)
        need = 2;
    else if (c < 0xf0) {
        need = 3;
        if (c == 0xe0)
            lo = 0xa0;
        else if (c == 0xed && !lax)
            hi = 0x9f;
    } else if (c < 0xf5) {
        need = 4;
        if (c == 0xf0)
            lo = 0x90;
        else if (c == 0xf4)
            hi = 0x8f;
    } else {
        *reason = "invalid start byte";
        return 0;
    }
    for (size_t i = 1; i < need; i++) {
        if (i >= n) {
            *reason = "unexpected end of data";
            *bad = i;
            return 0;
        }
        unsigned b = s[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xbf)) {
            *reason = "invalid continuation byte";
            *bad = i;
            return 0;
        }
    }
    return need;
}

/* Check strict UTF-8; on error report the bad range and CPython's reason. */
bool utf8_validate(const unsigned char *s, size_t n, size_t *pos, size_t *end,
                   const char **reason)
{
    size_t i = 0;
    while (i < n) {
        size_t bad;
        size_t k = utf8_seq(s + i, n - i, false, reason, &bad);
        if (!k) {
            *pos = i;
            *end = i + bad;
            if (strcmp(*reason, "invalid continuation byte") == 0)
                *end = i + 1;
            return false;
        }
        i += k;
    }
    return true;
}

/* Count the code points of N bytes and find the widest; false when the
 * bytes are not (generalized) UTF-8. */
static bool scan(const char *s, size_t n, size_t *len, uint32_t *maxchar)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t count = 0, i = 0;
    uint32_t mx = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            if (u[i] > mx)
                mx = u[i];
            i++;
        } else {
            const char *reason;
            size_t bad;
            size_t k = utf8_seq(u + i, n - i, true, &reason, &bad);
            if (!k)
                return false;
            uint32_t cp;
            utf8_decode1(u + i, &cp);
            if (cp > mx)
                mx = cp;
            i += k;
        }
        count++;
    }
    *len = count;
    *maxchar = mx;
    return true;
}

/* Re-encode malformed input with U+FFFD for every bad byte (defensive). */
static char *sanitize(const char *s, size_t n, size_t *outn)
{
    StrBuf b = {0};
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        const char *reason;
        size_t bad;
        size_t k = utf8_seq(u + i, n - i, true, &reason, &bad);
        if (k) {
            strbuf_append(&b, s + i, k);
            i += k;
        } else {
            strbuf_append(&b, "\xef\xbf\xbd", 3);
            i++;
        }
    }
    strbuf_putc(&b, '\0');
    *outn = b.len - 1;
    return strbuf_steal(&b);
}

/* ---- layout and allocation ---- */

/* PyUnicode_KIND for a string whose widest code point is MAXCHAR. */
static int kind_of(uint32_t maxchar)
{
    return maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4;
}

/* CPython's request size for LENGTH code points up to MAXCHAR; 0 when it
 * cannot be represented. */
static size_t request_size(const Heap *h, size_t length, uint32_t maxchar)
{
    size_t header = maxchar < 0x80 ? h->prof->str_ascii_header : h->prof->str_compact_header;
    size_t kind = (size_t)kind_of(maxchar);
    if (length > ((size_t)SSIZE_MAX_ - header) / kind - 1)
        return 0;
    return header + (length + 1) * kind;
}

/* Fill a fresh StrData for object R. */
static StrData *attach(Heap *h, Ref r, char *utf8, size_t nbytes, size_t length,
                       uint32_t maxchar)
{
    StrData *d = xcalloc(1, sizeof *d);
    d->utf8 = utf8;
    d->nbytes = nbytes;
    d->length = length;
    d->kind = (uint8_t)kind_of(maxchar);
    d->ascii = maxchar < 0x80;
    h->objs[r].v.p = d;
    return d;
}

/* Allocate a str object for LENGTH code points up to MAXCHAR whose host
 * buffer (NBYTES + 1, uninitialized) the caller fills; 0 on MemoryError. */
static Ref str_alloc_raw(Heap *h, size_t nbytes, size_t length, uint32_t maxchar)
{
    size_t req = request_size(h, length, maxchar);
    if (!req) {
        heap_raise(h, EXC_MemoryError, "%s", "");
        return NULLREF;
    }
    Ref r = heap_alloc_object(h, K_STR, h->type_of_kind[K_STR], req, 0, false);
    if (!r)
        return NULLREF;
    char *buf = xmalloc(nbytes + 1);
    buf[nbytes] = '\0';
    attach(h, r, buf, nbytes, length, maxchar);
    return r;
}

/* Reserve LEN bytes of static address space (for singletons). */
static uint64_t static_addr(Heap *h, size_t len)
{
    uint64_t a = h->static_next;
    h->static_next += (len + 15) & ~(size_t)15;
    return a;
}

/* A static (interpreter-owned) str of valid UTF-8. */
static Ref static_str(Heap *h, const char *s, size_t n)
{
    size_t length;
    uint32_t maxchar;
    scan(s, n, &length, &maxchar);
    Ref r = heap_new_slot(h, K_STR, h->type_of_kind[K_STR],
                          static_addr(h, request_size(h, length, maxchar)));
    attach(h, r, xstrndup(s, n), n, length, maxchar);
    heap_make_static(h, r);
    return r;
}

/* The one-character Latin-1 string CH (a new reference), creating it on
 * first use: static, or in 3.8 a heap block for non-ASCII characters. */
static Ref latin1_char(Heap *h, uint32_t ch)
{
    if (!h->latin1[ch]) {
        char buf[4];
        int n = utf8_encode1(ch, buf);
        Ref r;
        if (ch >= 0x80 && h->prof->latin1_lazy) {
            r = str_alloc_raw(h, (size_t)n, 1, ch);
            if (!r)
                return NULLREF;
            memcpy(str_data(h, r)->utf8, buf, (size_t)n);
            heap_make_static(h, r);     /* the cache's reference, never freed */
        } else {
            r = static_str(h, buf, (size_t)n);
            if (ch >= 0x80 && h->prof->latin1_utf8)
                str_data(h, r)->utf8_cached = true;
        }
        h->latin1[ch] = r;
    }
    return heap_newref(h, h->latin1[ch]);
}

/* The empty string (a new reference). */
static Ref empty(Heap *h)
{
    if (!h->empty_str)
        h->empty_str = static_str(h, "", 0);
    return heap_newref(h, h->empty_str);
}

/* A str of N bytes of valid UTF-8 with known LENGTH and MAXCHAR. */
Ref str_make(Heap *h, const char *s, size_t n, size_t length, uint32_t maxchar,
             StrPolicy policy)
{
    if (length == 0)
        return empty(h);
    if (length == 1 && maxchar < 0x100 && policy == STR_CACHED)
        return latin1_char(h, maxchar);
    Ref r = str_alloc_raw(h, n, length, maxchar);
    if (r)
        memcpy(str_data(h, r)->utf8, s, n);
    return r;
}

/* Create a str from N bytes with POLICY, sanitizing malformed input. */
static Ref from_bytes(Heap *h, const char *s, size_t n, StrPolicy policy)
{
    size_t length;
    uint32_t maxchar;
    if (!s)
        s = "";
    if (scan(s, n, &length, &maxchar))
        return str_make(h, s, n, length, maxchar, policy);
    size_t m;
    char *clean = sanitize(s, n, &m);
    scan(clean, m, &length, &maxchar);
    Ref r = str_make(h, clean, m, length, maxchar, policy);
    free(clean);
    return r;
}

/* A str from valid UTF-8 (PyUnicode_DecodeUTF8). */
Ref str_from_utf8(Heap *h, const char *s, size_t nbytes)
{
    return from_bytes(h, s, nbytes, STR_CACHED);
}

/* str_from_utf8 of a NUL-terminated string. */
Ref str_from_cstr(Heap *h, const char *s)
{
    return from_bytes(h, s, s ? strlen(s) : 0, STR_CACHED);
}

/* A new str from valid UTF-8 (PyUnicode_New semantics). */
Ref str_new_utf8(Heap *h, const char *s, size_t nbytes)
{
    return from_bytes(h, s, nbytes, STR_FRESH);
}

/* CPython's unicode_char(): one code point, cached below 256. */
static Ref unicode_char(Heap *h, uint32_t cp)
{
    if (cp < 0x100)
        return latin1_char(h, cp);
    char buf[4];
    int n = utf8_encode1(cp, buf);
    return str_make(h, buf, (size_t)n, 1, cp, STR_FRESH);
}

/* ---- builder ---- */

/* Append code point CP. */
void sb_putc(StrBuilder *sb, uint32_t cp)
{
    char buf[4];
    int n = utf8_encode1(cp, buf);
    strbuf_append(&sb->b, buf, (size_t)n);
    sb->len++;
    if (cp > sb->maxchar)
        sb->maxchar = cp;
}

/* Append N bytes of ASCII text. */
void sb_ascii(StrBuilder *sb, const char *s, size_t n)
{
    strbuf_append(&sb->b, s, n);
    sb->len += n;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] > sb->maxchar)
            sb->maxchar = (unsigned char)s[i];
}

/* Append the whole of str S. */
void sb_str(Heap *h, StrBuilder *sb, Ref s)
{
    StrData *d = str_data(h, s);
    strbuf_append(&sb->b, d->utf8, d->nbytes);
    sb->len += d->length;
    if (d->ascii) {
        for (size_t i = 0; i < d->nbytes; i++)
            if ((unsigned char)d->utf8[i] > sb->maxchar)
                sb->maxchar = (unsigned char)d->utf8[i];
        return;
    }
    const uint32_t *u = str_ucs(h, s);
    for (size_t i = 0; i < d->length; i++)
        if (u[i] > sb->maxchar)
            sb->maxchar = u[i];
}

/* Append code points START..END of str S. */
void sb_substr(Heap *h, StrBuilder *sb, Ref s, size_t start, size_t end)
{
    StrData *d = str_data(h, s);
    if (d->ascii) {
        sb_ascii(sb, d->utf8 + start, end - start);
        return;
    }
    const uint32_t *u = str_ucs(h, s);
    for (size_t i = start; i < end; i++)
        sb_putc(sb, u[i]);
}

/* Release the builder's buffer. */
void sb_free(StrBuilder *sb)
{
    strbuf_free(&sb->b);
    sb->len = 0;
    sb->maxchar = 0;
}

/* Turn the builder into a str (the builder is emptied). */
Ref sb_finish(Heap *h, StrBuilder *sb, StrPolicy policy)
{
    Ref r = str_make(h, sb->b.data ? sb->b.data : "", sb->b.len, sb->len, sb->maxchar,
                     policy);
    sb_free(sb);
    return r;
}

/* ---- access ---- */

/* The UTF-8 of S and its byte length. */
const char *str_utf8(const Heap *h, Ref s, size_t *nbytes)
{
    StrData *d = str_data(h, s);
    if (nbytes)
        *nbytes = d->nbytes;
    return d->utf8;
}

/* Length of S in code points. */
size_t str_len(const Heap *h, Ref s)
{
    return str_data(h, s)->length;
}

/* The code points of S, decoded on first use. */
const uint32_t *str_ucs(Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    if (!d->ucs) {
        d->ucs = xmalloc((d->length + 1) * sizeof *d->ucs);
        const unsigned char *u = (const unsigned char *)d->utf8;
        size_t i = 0;
        for (size_t k = 0; k < d->length; k++)
            i += (size_t)utf8_decode1(u + i, &d->ucs[k]);
        d->ucs[d->length] = 0;
    }
    return d->ucs;
}

/* Code point I of S. */
uint32_t str_char_at(Heap *h, Ref s, size_t i)
{
    StrData *d = str_data(h, s);
    if (d->ascii)
        return (unsigned char)d->utf8[i];
    return str_ucs(h, s)[i];
}

/* The widest code point S's kind allows. */
uint32_t str_maxchar_bound(const Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    if (d->ascii)
        return 0x7f;
    return d->kind == 1 ? 0xff : d->kind == 2 ? 0xffff : 0x10ffff;
}

/* True when S is exactly a str. */
bool str_check_exact(const Heap *h, Ref s)
{
    return h->objs[s].kind == K_STR && h->objs[s].type == h->type_of_kind[K_STR];
}

/* S itself when it is an exact str, else a copy (a new reference). */
Ref str_unchanged(Heap *h, Ref s)
{
    if (str_check_exact(h, s))
        return heap_newref(h, s);
    StrData *d = str_data(h, s);
    return str_new_utf8(h, d->utf8, d->nbytes);
}

/* True when S equals the C string C. */
bool str_eq_cstr(const Heap *h, Ref s, const char *c)
{
    StrData *d = str_data(h, s);
    size_t n = strlen(c);
    return d->nbytes == n && memcmp(d->utf8, c, n) == 0;
}

/* True when str A equals str B. */
bool str_equal(const Heap *h, Ref a, Ref b)
{
    if (a == b)
        return true;
    StrData *x = str_data(h, a), *y = str_data(h, b);
    if (x->hashed && y->hashed && x->hash != y->hash)
        return false;
    return x->nbytes == y->nbytes && memcmp(x->utf8, y->utf8, x->nbytes) == 0;
}

/* Compare A and B by code points (UTF-8 byte order is code point order). */
int str_compare(const Heap *h, Ref a, Ref b)
{
    StrData *x = str_data(h, a), *y = str_data(h, b);
    size_t n = x->nbytes < y->nbytes ? x->nbytes : y->nbytes;
    int c = memcmp(x->utf8, y->utf8, n);
    if (c)
        return c;
    return x->nbytes < y->nbytes ? -1 : x->nbytes > y->nbytes;
}

/* ---- hashing: SipHash as in Python/pyhash.c, with the zero key ---- */

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

/* One SipRound. */
static void sipround(uint64_t v[4])
{
    v[0] += v[1]; v[1] = ROTL(v[1], 13); v[1] ^= v[0]; v[0] = ROTL(v[0], 32);
    v[2] += v[3]; v[3] = ROTL(v[3], 16); v[3] ^= v[2];
    v[0] += v[3]; v[3] = ROTL(v[3], 21); v[3] ^= v[0];
    v[2] += v[1]; v[1] = ROTL(v[1], 17); v[1] ^= v[2]; v[2] = ROTL(v[2], 32);
}

/* SipHash-c-d of LEN bytes with key (0, 0). */
static uint64_t siphash(const unsigned char *in, size_t len, int c, int d)
{
    uint64_t v[4] = {0x736f6d6570736575ULL, 0x646f72616e646f6dULL,
                     0x6c7967656e657261ULL, 0x7465646279746573ULL};
    uint64_t b = (uint64_t)len << 56;
    while (len >= 8) {
        uint64_t m = 0;
        for (int i = 7; i >= 0; i--)
            m = (m << 8) | in[i];
        v[3] ^= m;
        for (int i = 0; i < c; i++)
            sipround(v);
        v[0] ^= m;
        in += 8;
        len -= 8;
    }
    uint64_t t = 0;
    for (size_t i = len; i > 0; i--)
        t = (t << 8) | in[i - 1];
    b |= t;
    v[3] ^= b;
    for (int i = 0; i < c; i++)
        sipround(v);
    v[0] ^= b;
    v[2] ^= 0xff;
    for (int i = 0; i < d; i++)
        sipround(v);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* CPython's hash of LEN bytes; 0 for an empty buffer, never -1. */
int64_t str_hash_bytes(const Heap *h, const void *data, size_t len)
{
    if (len == 0)
        return 0;
    uint64_t x = h->prof->hash_siphash13 ? siphash(data, len, 1, 3)
                                         : siphash(data, len, 2, 4);
    int64_t r = (int64_t)x;
    return r == -1 ? -2 : r;
}

/* hash(s): SipHash of the canonical 1/2/4-byte data, cached. */
int64_t str_hash(Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    if (d->hashed)
        return d->hash;
    if (d->ascii) {
        d->hash = str_hash_bytes(h, d->utf8, d->nbytes);
    } else {
        const uint32_t *u = str_ucs(h, s);
        size_t n = d->length * d->kind;
        unsigned char *buf = xmalloc(n);
        for (size_t i = 0; i < d->length; i++)
            for (int k = 0; k < d->kind; k++)
                buf[i * d->kind + (size_t)k] = (unsigned char)(u[i] >> (8 * k));
        d->hash = str_hash_bytes(h, buf, n);
        free(buf);
    }
    d->hashed = true;
    return d->hash;
}

static void str_release(Heap *h, Ref s);

/* ---- the interned set ---- */

#define INTERN_MIN 64

/* Slot of S's equal in the interned table, or the empty slot to use. */
static size_t intern_probe(Heap *h, Ref s)
{
    size_t mask = h->capinterned - 1;
    size_t i = (size_t)str_hash(h, s) & mask;
    while (h->interned[i] && !str_equal(h, h->interned[i], s))
        i = (i + 1) & mask;
    return i;
}

/* Double the table (or create it). */
static void intern_grow(Heap *h)
{
    Ref *old = h->interned;
    size_t oldcap = h->capinterned;
    h->capinterned = oldcap ? oldcap * 2 : INTERN_MIN;
    h->interned = xcalloc(h->capinterned, sizeof *h->interned);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i])
            h->interned[intern_probe(h, old[i])] = old[i];
    free(old);
}

/* The interned string equal to S, or 0 (borrowed). */
Ref str_interned_lookup(Heap *h, Ref s)
{
    if (!h->capinterned)
        return NULLREF;
    return h->interned[intern_probe(h, s)];
}

/* Put S (not yet interned) in the table. */
static void intern_insert(Heap *h, Ref s)
{
    if ((h->ninterned + 1) * 3 >= h->capinterned * 2)
        intern_grow(h);
    h->interned[intern_probe(h, s)] = s;
    h->ninterned++;
    h->objs[s].flags |= OF_INTERNED;
}

/* Remove S from the table (backward-shift deletion). */
static void intern_remove(Heap *h, Ref s)
{
    size_t mask = h->capinterned - 1;
    size_t i = (size_t)str_hash(h, s) & mask;
    while (h->interned[i] && h->interned[i] != s)
        i = (i + 1) & mask;
    if (h->interned[i] != s)
        return;
    size_t j = i;
    for (;;) {
        j = (j + 1) & mask;
        Ref t = h->interned[j];
        if (!t)
            break;
        size_t k = (size_t)str_hash(h, t) & mask;
        bool move = i <= j ? (k <= i || k > j) : (k <= i && k > j);
        if (move) {
            h->interned[i] = t;
            i = j;
        }
    }
    h->interned[i] = NULLREF;
    h->ninterned--;
    h->objs[s].flags &= (uint8_t)~OF_INTERNED;
}

/* Make interned string S immortal (3.12+): the interpreter owns it now. */
static void immortalize(Heap *h, Ref s)
{
    Obj *o = &h->objs[s];
    if (!h->prof->immortal || (o->flags & OF_IMMORTAL))
        return;
    o->flags |= OF_IMMORTAL | OF_STATIC;
    o->refcnt = h->prof->immortal_refcnt;
}

/* PyUnicode_InternInPlace: steals S, returns the canonical string. */
static Ref intern_common(Heap *h, Ref s, bool immortal)
{
    if (!s)
        return NULLREF;
    if (!(h->objs[s].flags & OF_INTERNED)) {
        Ref t = str_interned_lookup(h, s);
        if (t) {
            heap_incref(h, t);
            heap_decref(h, s);
            s = t;
        } else {
            intern_insert(h, s);
        }
    }
    if (immortal)
        immortalize(h, s);
    return s;
}

/* sys.intern(s). */
Ref str_intern(Heap *h, Ref s)
{
    return intern_common(h, s, h->prof->intern_immortal && !h->prof->runtime_intern_mortal);
}

/* Intern a name (immortal from 3.12 on). */
Ref str_intern_name(Heap *h, Ref s)
{
    return intern_common(h, s, h->prof->intern_immortal);
}

/* The interned string whose text is the N bytes at S, or 0 (borrowed). */
static Ref intern_find_text(Heap *h, const char *s, size_t n)
{
    if (!h->capinterned)
        return NULLREF;
    Ref tmp = heap_new_slot(h, K_STR, h->type_of_kind[K_STR], 0);
    size_t length;
    uint32_t maxchar;
    scan(s, n, &length, &maxchar);
    attach(h, tmp, (char *)s, n, length, maxchar);
    Ref t = h->interned[intern_probe(h, tmp)];
    str_data(h, tmp)->utf8 = NULL;
    str_release(h, tmp);
    h->objs[tmp].refcnt = 0;
    heap_free_slot(h, tmp);
    return t;
}

/* A name the interpreter's C code uses (CPython's _Py_ID / _Py_IDENTIFIER
 * strings): the interned string, made static when missing so that looking
 * names up never allocates simulated memory. */
Ref str_intern_cstr(Heap *h, const char *s)
{
    size_t n = strlen(s);
    size_t length;
    uint32_t maxchar;
    if (!scan(s, n, &length, &maxchar))
        return str_intern_name(h, str_from_cstr(h, s));
    Ref t = intern_find_text(h, s, n);
    if (t)
        return heap_newref(h, t);
    if (length == 1 && maxchar < 0x100)
        return str_intern_name(h, latin1_char(h, maxchar));
    t = static_str(h, s, n);
    intern_insert(h, t);
    return heap_newref(h, t);
}

/* True when S consists of [A-Za-z0-9_] only. */
bool str_is_identifier_like(const Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    for (size_t i = 0; i < d->nbytes; i++) {
        unsigned char c = (unsigned char)d->utf8[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_'))
            return false;
    }
    return true;
}

/* True when S is a valid identifier (str.isidentifier). */
bool str_is_identifier(Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    if (d->length == 0)
        return false;
    uint32_t c0 = str_char_at(h, s, 0);
    if (c0 != '_' && !uni_is(c0, UNI_XID_START))
        return false;
    for (size_t i = 1; i < d->length; i++)
        if (!uni_is(str_char_at(h, s, i), UNI_XID_CONTINUE))
            return false;
    return true;
}

/* ---- startup ---- */

/* Make the builtin exception classes str needs when excobject lacks them. */
static void ensure_exception_types(Heap *h)
{
    static const struct { ExcType t; const char *name; } extra[] = {
        {EXC_UnicodeDecodeError, "UnicodeDecodeError"},
        {EXC_UnicodeEncodeError, "UnicodeEncodeError"},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (!h->exc_types[extra[i].t] && h->exc_types[EXC_UnicodeError])
            h->exc_types[extra[i].t] = type_new_static(h, extra[i].name, K_EXCEPTION,
                                                       h->exc_types[EXC_UnicodeError]);
}

/* Create '', the Latin-1 characters, the startup interned strings and the
 * str_ascii_iterator type. */
Ref str_new_static_empty(Heap *h)
{
    ensure_exception_types(h);
    if (h->prof->str_ascii_iterator && !h->str_ascii_iter_type)
        h->str_ascii_iter_type = type_new_static(h, "str_ascii_iterator", K_STRITER,
                                                 h->object_type);
    Ref e = empty(h);
    for (uint32_t c = 0; c < 256; c++)
        if (c < 0x80 || !h->prof->latin1_lazy)
            heap_decref(h, latin1_char(h, c));
    const char *d = h->prof->interned_distinct_chars;
    for (; d && *d; d++)
        intern_insert(h, static_str(h, d, 1));
    if (!(h->objs[e].flags & OF_INTERNED))
        intern_insert(h, e);
    for (uint32_t c = 0; c < 256; c++)
        if (h->latin1[c] && !str_interned_lookup(h, h->latin1[c]))
            intern_insert(h, h->latin1[c]);
    return e;
}

/* ---- chr / ord ---- */

/* chr(cp). */
Ref str_chr(Heap *h, int64_t cp)
{
    if (cp < 0 || cp >= 0x110000)
        return heap_raise(h, EXC_ValueError, "chr() arg not in range(0x110000)");
    return unicode_char(h, (uint32_t)cp);
}

/* chr(o) with the builtin's argument conversion and messages. */
Ref str_chr_obj(Heap *h, Ref o)
{
    int64_t v;
    if (!h->prof->chr_overflow_valueerror)
        return arg_cint(h, o, &v) < 0 ? NULLREF : str_chr(h, v);
    if (obj_as_index(h, o, &v) == 0)
        return str_chr(h, v);
    if (heap_exc_matches(h, EXC_IndexError)) {
        heap_clear_exc(h);
        return heap_raise(h, EXC_ValueError, "chr() arg not in range(0x110000)");
    }
    return NULLREF;
}

/* ord(o) of a str or bytes of length 1. */
int64_t str_ord(Heap *h, Ref o)
{
    size_t n;
    if (heap_kind(h, o) == K_STR) {
        n = str_len(h, o);
        if (n == 1)
            return str_char_at(h, o, 0);
    } else if (heap_kind(h, o) == K_BYTES) {
        const unsigned char *p = bytes_data(h, o, &n);
        if (n == 1)
            return p[0];
    } else {
        heap_raise(h, EXC_TypeError, "ord() expected string of length 1, but %s found",
                   heap_type_name(h, o));
        return -1;
    }
    heap_raise(h, EXC_TypeError, "ord() expected a character, but string of length %zu found",
               n);
    return -1;
}

/* ---- operations ---- */

/* a + b for two str (PyUnicode_Concat). */
Ref str_concat(Heap *h, Ref a, Ref b)
{
    if (a == h->empty_str)
        return str_unchanged(h, b);
    if (b == h->empty_str)
        return str_unchanged(h, a);
    StrData *x = str_data(h, a), *y = str_data(h, b);
    if (x->length > (size_t)SSIZE_MAX_ - y->length)
        return heap_raise(h, EXC_OverflowError, "strings are too large to concat");
    uint32_t mx = str_maxchar_bound(h, a), my = str_maxchar_bound(h, b);
    Ref r = str_alloc_raw(h, x->nbytes + y->nbytes, x->length + y->length, mx > my ? mx : my);
    if (!r)
        return NULLREF;
    StrData *d = str_data(h, r);
    memcpy(d->utf8, x->utf8, x->nbytes);
    memcpy(d->utf8 + x->nbytes, y->utf8, y->nbytes);
    return r;
}

/* s * n (unicode_repeat). */
Ref str_repeat(Heap *h, Ref s, int64_t n)
{
    StrData *d = str_data(h, s);
    if (n < 1)
        return empty(h);
    if (n == 1)
        return str_unchanged(h, s);
    if (d->length == 0)
        return empty(h);
    if (d->length > (size_t)(SSIZE_MAX_ / n))
        return heap_raise(h, EXC_OverflowError, "repeated string is too long");
    size_t len = d->length * (size_t)n;
    if (d->nbytes > SIZE_MAX / (size_t)n)
        return heap_raise(h, EXC_MemoryError, "%s", "");
    Ref r = str_alloc_raw(h, d->nbytes * (size_t)n, len, str_maxchar_bound(h, s));
    if (!r)
        return NULLREF;
    StrData *rd = str_data(h, r);
    for (int64_t i = 0; i < n; i++)
        memcpy(rd->utf8 + (size_t)i * d->nbytes, d->utf8, d->nbytes);
    return r;
}

/* s[start:end] (PyUnicode_Substring). */
Ref str_substring(Heap *h, Ref s, size_t start, size_t end)
{
    StrData *d = str_data(h, s);
    if (start == 0 && end >= d->length)
        return str_unchanged(h, s);
    if (start >= d->length || end <= start)
        return empty(h);
    StrBuilder sb = {0};
    sb_substr(h, &sb, s, start, end);
    return sb_finish(h, &sb, STR_CACHED);
}

/* Append the escape of a code point below 0x100 as \xHH. */
static void put_hex(StrBuf *b, const char *prefix, uint32_t cp, int digits)
{
    static const char hex[] = "0123456789abcdef";
    strbuf_puts(b, prefix);
    for (int i = digits - 1; i >= 0; i--)
        strbuf_putc(b, hex[(cp >> (4 * i)) & 0xf]);
}

/* Append repr(s) (ASCII_ONLY: ascii(s)) to B. */
static void repr_into(Heap *h, Ref s, StrBuf *b, bool ascii_only)
{
    StrData *d = str_data(h, s);
    bool sq = memchr(d->utf8, '\'', d->nbytes) != NULL;
    bool dq = memchr(d->utf8, '"', d->nbytes) != NULL;
    char quote = sq && !dq ? '"' : '\'';
    strbuf_putc(b, quote);
    const unsigned char *u = (const unsigned char *)d->utf8;
    size_t i = 0;
    while (i < d->nbytes) {
        uint32_t cp;
        int k = utf8_decode1(u + i, &cp);
        if (cp == (uint32_t)quote || cp == '\\') {
            strbuf_putc(b, '\\');
            strbuf_putc(b, (char)cp);
        } else if (cp == '\t') {
            strbuf_puts(b, "\\t");
        } else if (cp == '\n') {
            strbuf_puts(b, "\\n");
        } else if (cp == '\r') {
            strbuf_puts(b, "\\r");
        } else if (cp < ' ' || cp == 0x7f) {
            put_hex(b, "\\x", cp, 2);
        } else if (cp < 0x7f) {
            strbuf_putc(b, (char)cp);
        } else if (!ascii_only && uni_is(cp, UNI_PRINTABLE)) {
            strbuf_append(b, d->utf8 + i, (size_t)k);
        } else if (cp <= 0xff) {
            put_hex(b, "\\x", cp, 2);
        } else if (cp <= 0xffff) {
            put_hex(b, "\\u", cp, 4);
        } else {
            put_hex(b, "\\U", cp, 8);
        }
        i += (size_t)k;
    }
    strbuf_putc(b, quote);
}

/* Append repr(s) to B. */
void str_repr_into(Heap *h, Ref s, StrBuf *b)
{
    repr_into(h, s, b, false);
}

/* Append ascii(s) to B. */
void str_ascii_into(Heap *h, Ref s, StrBuf *b)
{
    repr_into(h, s, b, true);
}

/* repr(s) (unicode_repr: a new object). */
Ref str_repr(Heap *h, Ref s)
{
    StrBuf b = {0};
    repr_into(h, s, &b, false);
    Ref r = str_new_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return r;
}

/* PySequence_Fast(iterable, "can only join an iterable"). */
static Ref join_sequence(Heap *h, Ref iterable)
{
    Kind k = heap_kind(h, iterable);
    if ((k == K_LIST && h->objs[iterable].type == h->type_of_kind[K_LIST])
        || tuple_check_exact(h, iterable))
        return heap_newref(h, iterable);
    Ref it = obj_iter(h, iterable);
    if (!it) {
        if (heap_exc_matches(h, EXC_TypeError)) {
            heap_clear_exc(h);
            heap_raise(h, EXC_TypeError, "can only join an iterable");
        }
        return NULLREF;
    }
    Ref l = obj_to_list(h, it);
    heap_decref(h, it);
    return l;
}

/* The items of a list or tuple SEQ. */
static const Ref *seq_items(const Heap *h, Ref seq, size_t *n)
{
    if (heap_kind(h, seq) == K_TUPLE) {
        *n = tuple_size(h, seq);
        return tuple_items(h, seq);
    }
    *n = list_size(h, seq);
    return list_items(h, seq);
}

/* Join N str ITEMS with SEP (_PyUnicode_JoinArray). */
Ref str_join_array(Heap *h, Ref sep, const Ref *items, size_t n)
{
    if (n == 0)
        return empty(h);
    if (n == 1 && str_check_exact(h, items[0]))
        return heap_newref(h, items[0]);
    StrData *sd = str_data(h, sep);
    size_t seplen = n > 1 ? sd->length : 0, sepbytes = n > 1 ? sd->nbytes : 0;
    uint32_t mx = n > 1 ? str_maxchar_bound(h, sep) : 0;
    size_t len = 0, nbytes = 0;
    for (size_t i = 0; i < n; i++) {
        if (!str_check(h, items[i]))
            return heap_raise(h, EXC_TypeError,
                              "sequence item %zu: expected str instance, %s found", i,
                              heap_type_name(h, items[i]));
        StrData *d = str_data(h, items[i]);
        size_t add = d->length + (i ? seplen : 0);
        if (add > (size_t)SSIZE_MAX_ - len)
            return heap_raise(h, EXC_OverflowError,
                              "join() result is too long for a Python string");
        len += add;
        nbytes += d->nbytes + (i ? sepbytes : 0);
        uint32_t m = str_maxchar_bound(h, items[i]);
        if (m > mx)
            mx = m;
    }
    if (len == 0)
        return empty(h);
    Ref r = str_alloc_raw(h, nbytes, len, mx);
    if (!r)
        return NULLREF;
    char *p = str_data(h, r)->utf8;
    for (size_t i = 0; i < n; i++) {
        if (i && sepbytes) {
            memcpy(p, sd->utf8, sepbytes);
            p += sepbytes;
        }
        StrData *d = str_data(h, items[i]);
        memcpy(p, d->utf8, d->nbytes);
        p += d->nbytes;
    }
    return r;
}

/* sep.join(iterable). */
Ref str_join(Heap *h, Ref sep, Ref iterable)
{
    Ref seq = join_sequence(h, iterable);
    if (!seq)
        return NULLREF;
    size_t n;
    const Ref *items = seq_items(h, seq, &n);
    Ref r = str_join_array(h, sep, items, n);
    heap_decref(h, seq);
    return r;
}

/* ---- the str type's slots ---- */

/* sys.getsizeof(s): header + (length + 1) * kind, plus a UTF-8 copy. */
static size_t str_sizeof(Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    size_t size = request_size(h, d->length, d->ascii ? 0 : d->kind == 1 ? 0xff
                                                      : d->kind == 2 ? 0xffff : 0x10ffff);
    if (d->utf8_cached && !d->ascii)
        size += d->nbytes + 1;
    return size;
}

/* Free the host payload of S. */
static void str_release(Heap *h, Ref s)
{
    StrData *d = str_data(h, s);
    if (!d)
        return;
    free(d->utf8);
    free(d->ucs);
    free(d);
    h->objs[s].v.p = NULL;
}

/* Copy the payload for heap_clone; the decoded code points are a cache
 * and are left to be decoded again on demand. */
static void str_clone(const Heap *src, Heap *dst, Ref s, CloneMap *map)
{
    (void)map;
    const StrData *d = str_data(src, s);
    if (!d)
        return;
    StrData *c = clone_memdup(d, sizeof *d);
    c->utf8 = clone_memdup(d->utf8, d->nbytes + 1);
    c->ucs = NULL;
    dst->objs[s].v.p = c;
}

/* unicode_dealloc: leave the interned set, free the payload and block. */
static void str_dealloc(Heap *h, Ref s)
{
    if (h->objs[s].flags & OF_INTERNED)
        intern_remove(h, s);
    str_release(h, s);
    heap_free_object(h, s, 0, false);
}

/* repr slot. */
static Ref str_repr_slot(Heap *h, Ref s)
{
    return str_repr(h, s);
}

/* str slot: an exact str is its own str(). */
static Ref str_str_slot(Heap *h, Ref s)
{
    return str_unchanged(h, s);
}

/* hash slot. */
static int str_hash_slot(Heap *h, Ref s, int64_t *out)
{
    *out = str_hash(h, s);
    return 0;
}

/* Rich comparison of two str by code points. */
static Ref str_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!str_check(h, a) || !str_check(h, b))
        return heap_newref(h, h->notimpl);
    bool r;
    if (op == CMP_EQ || op == CMP_NE) {
        r = str_equal(h, a, b) == (op == CMP_EQ);
    } else {
        int c = a == b ? 0 : str_compare(h, a, b);
        r = op == CMP_LT ? c < 0 : op == CMP_LE ? c <= 0 : op == CMP_GT ? c > 0 : c >= 0;
    }
    return heap_newref(h, r ? h->true_ : h->false_);
}

/* a + b: str concatenation (NotImplemented unless both are str; the
 * generic error path prints "can only concatenate str ..."). */
static Ref str_add(Heap *h, Ref a, Ref b)
{
    if (!str_check(h, a) || !str_check(h, b))
        return heap_newref(h, h->notimpl);
    return str_concat(h, a, b);
}

/* The repeat count N of `seq * n`; 1 = usable, 0 = not an index (no
 * exception), -1 = error. */
static int repeat_count(Heap *h, Ref n, int64_t *out)
{
    if (int_check(h, n)) {
        if (!int_as_i64(h, n, out)) {
            heap_raise(h, EXC_OverflowError, "cannot fit 'int' into an index-sized integer");
            return -1;
        }
        return 1;
    }
    Ref t = heap_type(h, n);
    if (heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
        && type_lookup_cstr(h, t, "__index__")) {
        if (obj_as_index(h, n, out) < 0) {
            if (heap_exc_matches(h, EXC_IndexError)) {
                heap_clear_exc(h);
                heap_raise(h, EXC_OverflowError,
                           "cannot fit 'int' into an index-sized integer");
            }
            return -1;
        }
        return 1;
    }
    return 0;
}

/* s * n or n * s. */
static Ref str_mul(Heap *h, Ref a, Ref b)
{
    Ref s = str_check(h, a) ? a : b, n = s == a ? b : a;
    if (!str_check(h, s))
        return heap_newref(h, h->notimpl);
    int64_t count;
    int rc = repeat_count(h, n, &count);
    if (rc < 0)
        return NULLREF;
    if (rc == 0)
        return heap_newref(h, h->notimpl);
    return str_repeat(h, s, count);
}

/* fmt % args. */
static Ref str_mod_slot(Heap *h, Ref a, Ref b)
{
    if (!str_check(h, a))
        return heap_newref(h, h->notimpl);
    return str_mod(h, a, b);
}

/* bool(s). */
static int str_truth(Heap *h, Ref s)
{
    return str_len(h, s) != 0;
}

/* len(s). */
static int str_len_slot(Heap *h, Ref s, size_t *out)
{
    *out = str_len(h, s);
    return 0;
}

/* s[i] for an index I (already an int64). */
static Ref str_index(Heap *h, Ref s, int64_t i)
{
    int64_t n = (int64_t)str_len(h, s);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return heap_raise(h, EXC_IndexError, "string index out of range");
    return unicode_char(h, str_char_at(h, s, (size_t)i));
}

/* s[slice] (unicode_subscript). */
static Ref str_slice(Heap *h, Ref s, Ref slice)
{
    int64_t start, stop, step;
    if (slice_unpack(h, slice, &start, &stop, &step) < 0)
        return NULLREF;
    int64_t len = (int64_t)str_len(h, s);
    int64_t n = slice_adjust_indices(len, &start, &stop, step);
    if (n <= 0)
        return empty(h);
    if (start == 0 && step == 1 && n == len)
        return str_unchanged(h, s);
    if (step == 1)
        return str_substring(h, s, (size_t)start, (size_t)(start + n));
    StrBuilder sb = {0};
    int64_t cur = start;
    for (int64_t i = 0; i < n; i++, cur += step)
        sb_putc(&sb, str_char_at(h, s, (size_t)cur));
    return sb_finish(h, &sb, STR_FRESH);
}

/* s[key]. */
static Ref str_getitem(Heap *h, Ref s, Ref key)
{
    if (heap_kind(h, key) == K_SLICE)
        return str_slice(h, s, key);
    Ref t = heap_type(h, key);
    bool index = int_check(h, key)
                 || (heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
                     && type_lookup_cstr(h, t, "__index__"));
    if (!index) {
        if (h->prof->str_index_msg_type)
            return heap_raise(h, EXC_TypeError, "string indices must be integers, not '%s'",
                              heap_type_name(h, key));
        return heap_raise(h, EXC_TypeError, "string indices must be integers");
    }
    int64_t i;
    if (obj_as_index(h, key, &i) < 0)
        return NULLREF;
    return str_index(h, s, i);
}

/* Byte offset of NEEDLE in HAY (N and M bytes) at or after FROM, or -1. */
static int64_t find_bytes(const char *hay, size_t n, const char *needle, size_t m, size_t from)
{
    if (m == 0)
        return from <= n ? (int64_t)from : -1;
    if (m > n)
        return -1;
    for (size_t i = from; i + m <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, m) == 0)
            return (int64_t)i;
    return -1;
}

/* item in s. */
static int str_contains(Heap *h, Ref s, Ref item)
{
    if (!str_check(h, item)) {
        heap_raise(h, EXC_TypeError, "'in <string>' requires string as left operand, not %s",
                   heap_type_name(h, item));
        return -1;
    }
    StrData *a = str_data(h, s), *b = str_data(h, item);
    return find_bytes(a->utf8, a->nbytes, b->utf8, b->nbytes, 0) >= 0;
}

/* ---- iterators ---- */

/* iter(s): a str_iterator (str_ascii_iterator for ASCII text in 3.11+). */
Ref str_iter(Heap *h, Ref s)
{
    Ref it = iter_seq_new(h, K_STRITER, s, 0);
    if (it && str_data(h, s)->ascii && h->str_ascii_iter_type)
        h->objs[it].type = h->str_ascii_iter_type;
    return it;
}

/* iter(b) for bytes B: a bytes_iterator. */
Ref bytes_iter(Heap *h, Ref b)
{
    if (!h->bytes_iter_type)
        h->bytes_iter_type = type_new_static(h, "bytes_iterator", K_STRITER, h->object_type);
    Ref it = iter_seq_new(h, K_STRITER, b, 0);
    if (it)
        h->objs[it].type = h->bytes_iter_type;
    return it;
}

/* The iter slot of str. */
static Ref str_iter_slot(Heap *h, Ref s)
{
    return str_iter(h, s);
}

/* Items left in iterator IT. */
static size_t striter_left(Heap *h, Ref it)
{
    Ref seq = iter_seq(h, it);
    if (!seq)
        return 0;
    size_t len;
    if (heap_kind(h, seq) == K_STR)
        len = str_len(h, seq);
    else
        bytes_data(h, seq, &len);
    size_t i = (size_t)iter_index(h, it);
    return len > i ? len - i : 0;
}

/* next(it): the next character (or byte value), 0 when exhausted. */
static Ref striter_next(Heap *h, Ref it)
{
    Ref seq = iter_seq(h, it);
    if (!seq)
        return NULLREF;
    if (striter_left(h, it) == 0) {
        iter_seq_release(h, it);
        return NULLREF;
    }
    size_t i = (size_t)h->objs[it].v.i++;
    if (heap_kind(h, seq) == K_STR)
        return unicode_char(h, str_char_at(h, seq, i));
    return int_from_i64(h, bytes_data(h, seq, NULL)[i]);
}

/* it.__length_hint__(). */
static Ref striter_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!args_none(h, heap_type_name(h, self), "__length_hint__", nargs, kwnames))
        return NULLREF;
    return int_from_i64(h, (int64_t)striter_left(h, self));
}

static const MethodDef striter_methods[] = {
    {"__length_hint__", striter_length_hint, "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, NULL},
};

const TypeOps striter_ops = {
    .name = "str_iterator", .gc = 1,
    .sizeof_ = iter_seq_sizeof, .dealloc = iter_seq_dealloc,
    .traverse = iter_seq_traverse,
    .iter = iter_self, .iternext = striter_next,
    .methods = striter_methods,
};

/* The new_ slot: str(object='', encoding=..., errors=...). */
static Ref str_new_slot(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    return str_type_new(h, type, args, nargs, kwnames);
}

const TypeOps str_ops = {
    .name = "str",
    .sizeof_ = str_sizeof, .dealloc = str_dealloc, .release = str_release,
    .clone = str_clone,
    .repr = str_repr_slot, .str = str_str_slot, .hash = str_hash_slot,
    .richcompare = str_richcompare,
    .binop = {[OP_ADD] = str_add, [OP_MUL] = str_mul, [OP_MOD] = str_mod_slot},
    .truth = str_truth, .len = str_len_slot, .getitem = str_getitem,
    .contains = str_contains, .iter = str_iter_slot, .new_ = str_new_slot,
    .methods = str_methods,
};
