/* Number to text conversion and the format-spec mini-language (CPython's
 * Python/pystrtod.c PyOS_double_to_string and Python/formatter_unicode.c).
 *
 * Doubles are converted with correctly rounded digits (the C library's
 * exact printf, David Gay's rounding rules: round-half-even on exact ties,
 * shortest round-trip digits for repr) and laid out by CPython's own
 * format_float_short rules, so repr(), str(), format() and f-strings give
 * CPython's text. */
#ifndef HS_FORMAT_H
#define HS_FORMAT_H

#include "sim/heap.h"

/* Flags of format_double (CPython's Py_DTSF_*). */
enum {
    DTSF_SIGN = 1,      /* always write a sign */
    DTSF_ADD_DOT_0 = 2, /* integral values without exponent get ".0" */
    DTSF_ALT = 4,       /* '#': keep the decimal point and trailing zeros */
    DTSF_NO_NEG_0 = 8,  /* 'z': negative zero after rounding loses its sign */
};

/* Append X as PyOS_double_to_string(x, code, precision, flags) does; CODE
 * is one of e E f F g G r ('r' = repr, PRECISION 0). */
void format_double(StrBuf *out, double x, char code, int precision, int flags);
/* Append repr(x) of a float: '0.1', '1e+16', '-0.0', 'inf', 'nan'. */
void format_float_repr(StrBuf *out, double x);
/* Append repr(complex(re, im)): '1j', '(1+2j)', '(-0-1j)'. */
void format_complex_repr(StrBuf *out, double re, double im);

/* format(value, spec) for a non-empty SPEC of N bytes of UTF-8 (CPython's
 * int/float/complex/str __format__): fill, align, sign, z, #, 0, width,
 * grouping, precision and type, with CPython's ValueErrors.  Other kinds:
 * TypeError "unsupported format string passed to list.__format__". */
Ref format_spec(Heap *h, Ref value, const char *spec, size_t n);

#endif
