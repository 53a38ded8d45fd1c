/* int and bool objects (CPython's PyLongObject and PyBool_Type).
 *
 * An int whose value fits in int64 keeps it inline in Obj.v.i; a larger
 * one keeps a GMP mpz_t behind Obj.v.p and carries OF_BIGINT.  Results are
 * always normalized back to the inline form when they fit.  The simulated
 * memory is one block of CPython's request size for the digit count
 * CPython allocated (offsetof(PyLongObject, ob_digit) + 4 * ndigits, with
 * 30-bit digits; x_add allocates one digit more than its larger operand and
 * so on), while sys.getsizeof reports the normalized digit count.  Values
 * in -5..256 come from the small-int cache h->small_ints, except on the few
 * 3.8 paths that skipped it (Profile.int_cache_all_results).
 *
 * True and False are the two static K_BOOL objects h->true_ / h->false_;
 * bool shares int's slots except repr/str, new_ and & | ^ (bool & bool is
 * a bool). */
#ifndef HS_INTOBJECT_H
#define HS_INTOBJECT_H

#include <gmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "sim/heap.h"

/* ---- creation ---- */

/* An int of value V (PyLong_FromLongLong): cached in -5..256. */
Ref int_from_i64(Heap *h, int64_t v);
/* An int of value Z (cached in -5..256). */
Ref int_from_mpz(Heap *h, const mpz_t z);
/* int(S, BASE) of N bytes of ASCII/UTF-8 text (PyLong_FromString rules:
 * whitespace, sign, base prefixes, single underscores between digits,
 * base 0 guesses from the prefix).  ValueError "invalid literal for int()
 * with base 10: 'x'" or the str-digits limit error on failure. */
Ref int_from_str(Heap *h, const char *s, size_t n, int base);
/* int(x) of a float value X (PyLong_FromDouble): OverflowError for
 * infinities, ValueError for NaN. */
Ref int_from_double(Heap *h, double x);
/* float.__trunc__(x) (int(x) of a float): like int_from_double, but the
 * result always comes from the small-int cache when it can. */
Ref int_from_float_trunc(Heap *h, double x);
/* True or False (a new reference). */
Ref bool_from(Heap *h, int v);

/* ---- access ---- */

/* True when R is an int or a bool. */
static inline bool int_check(const Heap *h, Ref r)
{
    return h->objs[r].kind == K_INT || h->objs[r].kind == K_BOOL;
}
/* Store R's value in *OUT; false (no exception) when it does not fit. */
bool int_as_i64(const Heap *h, Ref r, int64_t *out);
/* Store R's value in OUT (initialized by the caller). */
void int_to_mpz(const Heap *h, Ref r, mpz_t out);
/* float(r), correctly rounded (PyLong_AsDouble).  When the value is too
 * large, sets *OVERFLOW (when given), raises OverflowError "int too large
 * to convert to float" and returns -1.0. */
double int_as_double(Heap *h, Ref r, bool *overflow);
/* -1, 0 or 1. */
int int_sign(const Heap *h, Ref r);
/* Number of 30-bit digits of |r| (CPython's abs(ob_size)). */
size_t int_ndigits(const Heap *h, Ref r);

/* ---- text ---- */

/* Append str(r) to B; false with CPython's ValueError when the result
 * would exceed the int max str digits limit. */
bool int_str_into(Heap *h, Ref r, StrBuf *b);
/* bin()/oct()/hex() of an int: "-0x1f" (BASE 2, 8 or 16); TypeError
 * "'float' object cannot be interpreted as an integer" for non-ints. */
Ref int_to_base_str(Heap *h, Ref r, int base);

/* ---- operations for builtins ---- */

/* divmod(a, b) of two ints: a (q, r) tuple. */
Ref int_divmod(Heap *h, Ref a, Ref b);
/* pow(a, b, m) of three ints (M may be 0 for two-argument pow). */
Ref int_pow3(Heap *h, Ref a, Ref b, Ref m);
/* abs(r) of an int (r itself when non-negative and exactly an int). */
Ref int_abs(Heap *h, Ref r);
/* round(r, ndigits) of an int; NDIGITS is an int, or 0 for round(r). */
Ref int_round(Heap *h, Ref r, Ref ndigits);
/* int(r) of an int or bool: r itself for an int, a plain int for a bool. */
Ref int_exact(Heap *h, Ref r);
/* hash(r) of an int/bool value (CPython's modular hash). */
int64_t int_hash_value(const Heap *h, Ref r);
/* Compare int A with double F exactly; returns <0, 0, >0 (F not NaN). */
int int_cmp_double(const Heap *h, Ref a, double f);

extern const TypeOps int_ops, bool_ops;

#endif
