/* Internals shared by strobject.c, strmethods.c, strformat.c and
 * bytesobject.c: building str results, CPython's argument-parsing errors
 * for builtin methods, and the codecs the simulation knows. */
#ifndef HS_STRIMPL_H
#define HS_STRIMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/strobject.h"

/* ---- building str results ---- */

/* Text being assembled, with what CPython needs to pick the result's
 * layout: the number of code points and the widest one. */
typedef struct StrBuilder {
    StrBuf b;
    size_t len;
    uint32_t maxchar;
} StrBuilder;

/* Append code point CP. */
void sb_putc(StrBuilder *sb, uint32_t cp);
/* Append N bytes of ASCII text. */
void sb_ascii(StrBuilder *sb, const char *s, size_t n);
/* Append the whole of str S. */
void sb_str(Heap *h, StrBuilder *sb, Ref s);
/* Append code points START..END of str S. */
void sb_substr(Heap *h, StrBuilder *sb, Ref s, size_t start, size_t end);
/* Release the builder's buffer. */
void sb_free(StrBuilder *sb);

/* How a finished result is allocated. */
typedef enum StrPolicy {
    STR_FRESH,    /* PyUnicode_New: '' is the singleton, anything else new */
    STR_CACHED,   /* unicode_result: '' and Latin-1 single characters cached */
} StrPolicy;

/* Turn the builder into a str (the builder is emptied). */
Ref sb_finish(Heap *h, StrBuilder *sb, StrPolicy policy);
/* A str of N bytes of valid UTF-8 with known LENGTH and MAXCHAR. */
Ref str_make(Heap *h, const char *s, size_t n, size_t length, uint32_t maxchar,
             StrPolicy policy);
/* The widest code point S's kind allows (127, 255, 0xffff or 0x10ffff). */
uint32_t str_maxchar_bound(const Heap *h, Ref s);
/* The code points of S (decoded on demand; NULL for the empty string is
 * never returned). */
const uint32_t *str_ucs(Heap *h, Ref s);
/* S itself when it is an exact str (unicode_result_unchanged), a new
 * reference. */
Ref str_unchanged(Heap *h, Ref s);
/* True when S is exactly a str (not a subclass instance). */
bool str_check_exact(const Heap *h, Ref s);

/* ---- argument parsing, with CPython's messages ---- */

/* METH_NOARGS: "upper() takes no arguments (1 given)". */
bool args_none(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames);
/* METH_O: "join() takes exactly one argument (0 given)". */
bool args_one(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames);
/* Argument Clinic, positional only: "strip expected at most 1 argument, got 2". */
bool args_pos(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames,
              size_t min, size_t max);
/* PyArg_ParseTuple: "find() takes at least 1 argument (0 given)". */
bool args_tuple(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames,
                size_t min, size_t max);
/* Argument Clinic with keywords: fill OUT[0..nkw) from ARGS/KWNAMES by
 * the names in KWLIST (positional-or-keyword, the first NPOSONLY of them
 * positional only); missing optional arguments are 0. */
bool args_kw(Heap *h, const char *name, const Ref *args, size_t nargs, Ref kwnames,
             const char *const *kwlist, size_t nposonly, size_t min, Ref *out);
/* The name of R's type as CPython's clinic prints it ("None" in 3.13). */
const char *arg_type_name(const Heap *h, Ref r);
/* Convert a Py_ssize_t argument ('n'); -1 with CPython's TypeError or
 * OverflowError. */
int arg_ssize(Heap *h, Ref o, int64_t *out);
/* Convert a C int argument ('i'). */
int arg_cint(Heap *h, Ref o, int64_t *out);
/* A slice index argument (start/end of find, count...): None keeps *OUT,
 * huge values clamp; -1 with "slice indices must be integers or None or
 * have an __index__ method". */
int arg_slice_index(Heap *h, Ref o, int64_t *out);
/* Clamp START/END to a sequence of LEN items like ADJUST_INDICES. */
void adjust_indices(int64_t *start, int64_t *end, int64_t len);

/* ---- codecs ---- */

typedef enum Codec { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1, CODEC_UNKNOWN } Codec;
typedef enum Errors { ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_SURROGATEPASS,
                      ERR_UNKNOWN } Errors;

/* The codec named NAME (CPython's normalization and common aliases). */
Codec codec_lookup(const char *name);
/* The error handler named NAME. */
Errors errors_lookup(const char *name);
/* Decode N bytes with CODEC and ERRORS into a str (STR_CACHED policy);
 * 0 with UnicodeDecodeError/LookupError. */
Ref codec_decode(Heap *h, const unsigned char *s, size_t n, const char *encoding,
                 const char *errors);
/* Encode str S with ENCODING and ERRORS into bytes; 0 on error. */
Ref codec_encode(Heap *h, Ref s, const char *encoding, const char *errors);

/* ---- split lists (stringlib's PREALLOC_SIZE / SPLIT_ADD) ---- */

/* The list a split with at most MAXCOUNT splits starts with. */
Ref split_list(Heap *h, int64_t maxcount);
/* Store SUB (stolen) as item *COUNT of LIST; false on error. */
bool split_add(Heap *h, Ref list, size_t *count, Ref sub);
/* FIX_PREALLOC_SIZE: the list holds COUNT items. */
void split_fix(Heap *h, Ref list, size_t count);

/* ---- method tables (strmethods.c) ---- */

extern const MethodDef str_methods[];

/* ---- shared pieces of the str type ---- */

/* The str() constructor (str.__new__). */
Ref str_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames);
/* The KeyError/IndexError helpers of str.format live in strformat.c. */
Ref str_format_method(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames);

#endif
