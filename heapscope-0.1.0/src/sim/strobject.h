/* str objects (CPython's PyUnicodeObject) and their iterators.
 *
 * The simulation keeps every string as UTF-8 on the host (surrogates are
 * allowed and encoded as three bytes, as in CPython's "surrogatepass") and
 * models what CPython would store: the compact layout picked by the widest
 * code point (`kind` 1, 2 or 4 bytes a character; ASCII strings have the
 * smaller PyASCIIObject header), the cached hash, the interned state and
 * whether a UTF-8 copy exists next to the canonical data.  Simulated memory
 * is one block of CPython's request size, header + (length + 1) * kind.
 *
 * Caches, as in CPython: the empty string h->empty_str, the one-character
 * Latin-1 strings h->latin1[] (static in 3.11+, created on first use in
 * 3.8), and the interned-string set h->interned, whose references are not
 * counted (3.8/3.11 "mortal" interning, 3.13 runtime interning) or whose
 * members are immortal (3.12, and names in 3.13). */
#ifndef HS_STROBJECT_H
#define HS_STROBJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/bytesobject.h"
#include "sim/heap.h"

/* The payload of a K_STR object. */
typedef struct StrData {
    char *utf8;          /* host UTF-8, NUL-terminated */
    size_t nbytes;       /* UTF-8 length in bytes */
    size_t length;       /* code points (PyUnicode_GET_LENGTH) */
    uint32_t *ucs;       /* code points, decoded on demand (host cache, non-ASCII) */
    int64_t hash;        /* valid when hashed */
    uint8_t kind;        /* PyUnicode_KIND: 1, 2 or 4 */
    bool ascii;          /* compact ASCII (PyASCIIObject header) */
    bool hashed;
    bool utf8_cached;    /* CPython holds a separate UTF-8 copy (non-ASCII only) */
} StrData;

/* The StrData of str S. */
static inline StrData *str_data(const Heap *h, Ref s) { return (StrData *)h->objs[s].v.p; }

/* ---- creation ---- */

/* Create '' and the one-character caches (heap startup). */
Ref str_new_static_empty(Heap *h);
/* A str from valid UTF-8 (PyUnicode_DecodeUTF8): '' and Latin-1 single
 * characters come from the caches, anything else is a new object. */
Ref str_from_utf8(Heap *h, const char *s, size_t nbytes);
/* str_from_utf8 of a NUL-terminated string. */
Ref str_from_cstr(Heap *h, const char *s);
/* A new str from valid UTF-8 that never comes from the one-character cache
 * (PyUnicode_New semantics; '' is still the singleton). */
Ref str_new_utf8(Heap *h, const char *s, size_t nbytes);
/* chr(cp): cached below 256; ValueError outside range(0x110000). */
Ref str_chr(Heap *h, int64_t cp);
/* chr(o) of any object, with the builtin's argument conversion and
 * CPython's messages per version (for builtins.c). */
Ref str_chr_obj(Heap *h, Ref o);
/* ord(o) of a str or bytes of length 1; -1 with TypeError otherwise. */
int64_t str_ord(Heap *h, Ref o);

/* ---- access ---- */

/* True when R is a str (exact or subclass). */
static inline bool str_check(const Heap *h, Ref r) { return h->objs[r].kind == K_STR; }
/* The UTF-8 of S (NUL-terminated); its byte length in *NBYTES when given. */
const char *str_utf8(const Heap *h, Ref s, size_t *nbytes);
/* Length of S in code points. */
size_t str_len(const Heap *h, Ref s);
/* Code point I of S (0 <= I < length). */
uint32_t str_char_at(Heap *h, Ref s, size_t i);
/* True when S equals the C string C. */
bool str_eq_cstr(const Heap *h, Ref s, const char *c);
/* True when str A equals str B. */
bool str_equal(const Heap *h, Ref a, Ref b);
/* Compare A and B by code points: <0, 0, >0. */
int str_compare(const Heap *h, Ref a, Ref b);
/* hash(s), cached in the object (SipHash of CPython's canonical data). */
int64_t str_hash(Heap *h, Ref s);
/* CPython's hash of LEN bytes (SipHash-1-3 from 3.11, SipHash-2-4 before,
 * with the all-zero key of PYTHONHASHSEED=0); 0 for an empty buffer. */
int64_t str_hash_bytes(const Heap *h, const void *data, size_t len);

/* ---- operations ---- */

/* a + b for two str. */
Ref str_concat(Heap *h, Ref a, Ref b);
/* s * n; n <= 0 gives ''. */
Ref str_repeat(Heap *h, Ref s, int64_t n);
/* s[start:end] (0 <= start <= end <= len): PyUnicode_Substring. */
Ref str_substring(Heap *h, Ref s, size_t start, size_t end);
/* repr(s). */
Ref str_repr(Heap *h, Ref s);
/* Append repr(s) to B. */
void str_repr_into(Heap *h, Ref s, StrBuf *b);
/* Append ascii(s) (repr with every non-ASCII character escaped) to B. */
void str_ascii_into(Heap *h, Ref s, StrBuf *b);
/* sep.join(iterable). */
Ref str_join(Heap *h, Ref sep, Ref iterable);
/* _PyUnicode_JoinArray: N str ITEMS (borrowed) joined with SEP; one exact
 * str item is returned itself (BUILD_STRING of f-strings uses this with
 * SEP = ''). */
Ref str_join_array(Heap *h, Ref sep, const Ref *items, size_t n);
/* fmt % args (PyUnicode_Format). */
Ref str_mod(Heap *h, Ref fmt, Ref args);
/* fmt.format(*args, **kw) in the vectorcall layout. */
Ref str_format_call(Heap *h, Ref fmt, const Ref *args, size_t nargs, Ref kwnames);
/* A new iterator over S (str_iterator / str_ascii_iterator). */
Ref str_iter(Heap *h, Ref s);

/* ---- interning ---- */

/* sys.intern(s): steals S, returns the interned equal string (new
 * reference).  Immortal in 3.12; mortal (uncounted) in 3.8, 3.11, 3.13. */
Ref str_intern(Heap *h, Ref s);
/* Intern a name (identifier of co_names, attribute or keyword): like
 * str_intern, but immortal from 3.12 on (3.13's _PyUnicode_InternImmortal). */
Ref str_intern_name(Heap *h, Ref s);
/* str_intern of a C string (a name). */
Ref str_intern_cstr(Heap *h, const char *s);
/* The interned string equal to S, or 0 (borrowed; no exception). */
Ref str_interned_lookup(Heap *h, Ref s);
/* True when S consists of [A-Za-z0-9_] only (CPython's all_name_chars):
 * the compiler interns such string constants. */
bool str_is_identifier_like(const Heap *h, Ref s);
/* True when S is a valid Python identifier (str.isidentifier). */
bool str_is_identifier(Heap *h, Ref s);

/* ---- UTF-8 helpers shared with bytes ---- */

/* Decode the UTF-8 sequence at S (valid, generalized UTF-8); returns its
 * length and stores the code point in *CP. */
int utf8_decode1(const unsigned char *s, uint32_t *cp);
/* Encode CP as UTF-8 into OUT (4 bytes); returns the length. */
int utf8_encode1(uint32_t cp, char *out);
/* Check strict UTF-8 (no surrogates) of N bytes; on error return false and
 * set *POS to the offending byte, *END to the end of the bad sequence and
 * *REASON to CPython's reason text. */
bool utf8_validate(const unsigned char *s, size_t n, size_t *pos, size_t *end,
                   const char **reason);

extern const TypeOps str_ops, striter_ops;

#endif
