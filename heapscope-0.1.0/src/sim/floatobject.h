/* float objects (CPython's PyFloatObject) and the numeric builtins shared
 * by int, float and complex (divmod, pow, abs, round).
 *
 * The value lives inline in Obj.v.f.  Memory is one 24-byte block, taken
 * from and returned to the float free list h->fl_float exactly as
 * PyFloat_FromDouble / float_dealloc do (100 entries in 3.8-3.13), so an
 * address freed by `del` comes back for the next float. */
#ifndef HS_FLOATOBJECT_H
#define HS_FLOATOBJECT_H

#include <stdbool.h>

#include "sim/heap.h"

/* A new float of value X (PyFloat_FromDouble). */
Ref float_from_double(Heap *h, double x);
/* True when R is a float. */
static inline bool float_check(const Heap *h, Ref r) { return h->objs[r].kind == K_FLOAT; }
/* The value of float R. */
static inline double float_value(const Heap *h, Ref r) { return h->objs[r].v.f; }
/* float(s) of N bytes of UTF-8 text; ValueError "could not convert string
 * to float: 'x'" (REPR_OF, a str or bytes, is quoted; 0 quotes S). */
Ref float_from_str(Heap *h, const char *s, size_t n, Ref repr_of);
/* The length of the float literal (sign, digits, point, exponent, or
 * inf/nan) at the start of [S, END), 0 when there is none. */
size_t float_scan(const char *s, const char *end);
/* Copy N bytes of S to OUT without underscores, each of which must sit
 * between two digits; false when one does not. */
bool float_strip_underscores(const char *s, size_t n, StrBuf *out);
/* Store the value of an int, bool or float in *OUT: 1 on success, 0 when
 * R is of another type (no exception), -1 on OverflowError. */
int float_coerce(Heap *h, Ref r, double *out);
/* CPython's _Py_HashDouble of X for object R (R matters for NaN in 3.10+). */
int64_t float_hash_double(const Heap *h, Ref r, double x);
/* Release every address on the float free list (gc.collect(2) in CPython's
 * _PyFloat_ClearFreeList order: most recently freed first). */
void float_clear_freelist(Heap *h);

/* divmod(a, b) for ints and floats; NotImplemented for other types. */
Ref num_divmod(Heap *h, Ref a, Ref b);
/* pow(a, b, m) of numbers; M is 0 (or None) for two-argument pow. */
Ref num_power(Heap *h, Ref a, Ref b, Ref m);
/* abs(x) of an int, bool, float or complex; TypeError "bad operand type
 * for abs(): 'str'" otherwise. */
Ref num_abs(Heap *h, Ref x);
/* round(x, ndigits) of an int, bool or float (NDIGITS 0 or None: round to
 * an int); TypeError "type str doesn't define __round__ method" else. */
Ref num_round(Heap *h, Ref x, Ref ndigits);

extern const TypeOps float_ops;

#endif
