/* int and bool objects (CPython's Objects/longobject.c and boolobject.c).
 *
 * Values: an int64 inline in Obj.v.i, or a GMP integer behind Obj.v.p with
 * OF_BIGINT when it does not fit; every constructor normalizes.
 *
 * Memory: CPython allocates an int once, with the digit count its
 * algorithm needs before normalization, and never shrinks the block.  So
 * each result here is built by mk()/mkz() with the size CPython requests
 * for that operation (checked against tracemalloc on all four versions):
 *   - one-digit results of PyLong_FromLong and the compact fast paths:
 *     _PyLong_New(1) = 28 bytes in 3.8, _PyLong_FromMedium = 32 from 3.11
 *     (Profile.int_medium_size);
 *   - x_add: larger operand + 1 digit; x_sub: larger operand, or for equal
 *     lengths up to the highest differing digit;
 *   - x_mul / k_mul: the sum of the operands' digits;
 *   - division by a one-digit divisor: quotient as long as the dividend,
 *     remainder exact; by a longer divisor (x_divrem): quotient
 *     size_v - size_w (+1 when the normalized dividend grows), remainder as
 *     long as the divisor; |a| < |b| gives quotient 0 and a itself; the
 *     floor fix-ups go through long_add / long_sub;
 *   - long_bitwise: the operand picked by the sign rules, +1 when negative;
 *   - shifts: size +- wordshift (+1 for a left shift with a bit remainder;
 *     3.8 shifts negatives as ~(~a >> n));
 *   - pow: the last multiplication of the left-to-right exponentiation,
 *     then long_pow's REDUCE for a modulus;
 *   - PyLong_FromString: digits * log(base) / log(2**30) + 1.
 * sys.getsizeof reports the normalized size: int_base + 4 * max(digits,
 * int_min_digits).
 *
 * The small-int cache: every result in -5..256 is h->small_ints[...],
 * except on 3.8's paths that did not call maybe_small_long (x_add/x_sub of
 * a multi-digit operand, x_divrem remainders, PyLong_FromDouble), selected
 * by Profile.int_cache_all_results. */
#include "sim/intobject.h"

#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/bytesobject.h"
#include "sim/complexobject.h"
#include "sim/floatobject.h"
#include "sim/format.h"
#include "sim/funcobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/unicodectype.h"
#include "util/xalloc.h"

_Static_assert(sizeof(long) == 8, "GMP's signed long must be int64");

#define SHIFT 30                              /* PyLong_SHIFT */
#define HASH_MODULUS ((1ULL << 61) - 1)       /* _PyHASH_MODULUS */
#define MAX_LONG_DIGITS ((INT64_MAX - 24) / 4)
#define COMPACT_LIMIT (1LL << SHIFT)
/* Results beyond this many digits (256 MiB) are refused with MemoryError
 * rather than computed on the host. */
#define HOST_MAX_DIGITS (1ULL << 26)

/* ------------------------------------------------------------------ */
/* representation                                                      */

/* The GMP value of big int R. */
static mpz_srcptr big(const Heap *h, Ref r)
{
    return (mpz_srcptr)h->objs[r].v.p;
}

/* True when R keeps its value in a GMP integer. */
static bool is_big(const Heap *h, Ref r)
{
    return (h->objs[r].flags & OF_BIGINT) != 0;
}

/* |V| as an unsigned 64-bit number. */
static uint64_t uabs64(int64_t v)
{
    return v < 0 ? -(uint64_t)v : (uint64_t)v;
}

/* 30-bit digits of the magnitude U. */
static size_t nd_u64(uint64_t u)
{
    size_t bits = u ? 64 - (size_t)__builtin_clzll(u) : 0;
    return (bits + SHIFT - 1) / SHIFT;
}

/* 30-bit digits of |Z|. */
static size_t nd_mpz(mpz_srcptr z)
{
    if (mpz_sgn(z) == 0)
        return 0;
    return (mpz_sizeinbase(z, 2) + SHIFT - 1) / SHIFT;
}

/* Number of 30-bit digits of |r| (CPython's abs(ob_size)). */
size_t int_ndigits(const Heap *h, Ref r)
{
    return is_big(h, r) ? nd_mpz(big(h, r)) : nd_u64(uabs64(h->objs[r].v.i));
}

/* -1, 0 or 1. */
int int_sign(const Heap *h, Ref r)
{
    if (is_big(h, r))
        return mpz_sgn(big(h, r));
    int64_t v = h->objs[r].v.i;
    return (v > 0) - (v < 0);
}

/* Store R's value in *OUT; false (no exception) when it does not fit. */
bool int_as_i64(const Heap *h, Ref r, int64_t *out)
{
    if (is_big(h, r))
        return false;
    *out = h->objs[r].v.i;
    return true;
}

/* Store R's value in OUT (initialized by the caller). */
void int_to_mpz(const Heap *h, Ref r, mpz_t out)
{
    if (is_big(h, r))
        mpz_set(out, big(h, r));
    else
        mpz_set_si(out, h->objs[r].v.i);
}

/* True when R is a one-digit ("compact", medium) int: |v| < 2**30. */
static bool compact(const Heap *h, Ref r)
{
    return !is_big(h, r) && h->objs[r].v.i > -COMPACT_LIMIT && h->objs[r].v.i < COMPACT_LIMIT;
}

/* True when results of 3.8's non-caching paths still use the cache. */
static bool cache_all(const Heap *h)
{
    return h->prof->int_cache_all_results != 0;
}

/* A new reference to NotImplemented. */
static Ref notimpl(Heap *h)
{
    return heap_newref(h, h->notimpl);
}

/* ------------------------------------------------------------------ */
/* construction                                                        */

/* Raise MemoryError unless an int of DIGITS digits fits in simulated memory. */
static bool reserve_ok(Heap *h, uint64_t digits)
{
    if (digits > MAX_LONG_DIGITS) {
        heap_raise(h, EXC_OverflowError, "too many digits in integer");
        return false;
    }
    uint64_t bytes = h->prof->int_base + 4 * digits;
    if (digits > HOST_MAX_DIGITS || bytes > h->mem_limit || h->mem_bytes + bytes > h->mem_limit) {
        heap_raise(h, EXC_MemoryError, "%s", "");
        return false;
    }
    return true;
}

/* Allocate the block of an int of ND digits: _PyLong_New(ND), or for a
 * one-digit result built without an explicit size (MEDIUM) 3.11's
 * _PyLong_FromMedium, which requests sizeof(PyLongObject).  0 on MemoryError. */
static uint64_t alloc_block(Heap *h, size_t nd, bool medium)
{
    const Profile *p = h->prof;
    if (medium && nd == 1 && p->int_medium_size)
        return heap_mem_alloc(h, p->int_medium_size);
    if (nd < (size_t)p->int_min_digits)
        nd = (size_t)p->int_min_digits;
    return heap_mem_alloc(h, p->int_base + 4 * nd);
}

/* The int V in a block of ALLOC digits (0: the exact size, through the
 * medium path for one digit), from the small-int cache when CACHE allows. */
static Ref mk(Heap *h, int64_t v, size_t alloc, bool cache)
{
    const Profile *p = h->prof;
    if (cache && v >= p->small_int_min && v <= p->small_int_max)
        return heap_newref(h, h->small_ints[v - p->small_int_min]);
    size_t nd = nd_u64(uabs64(v));
    uint64_t a = alloc_block(h, alloc > nd ? alloc : nd, alloc == 0);
    if (!a)
        return NULLREF;
    Ref r = heap_new_slot(h, K_INT, h->type_of_kind[K_INT], a);
    h->objs[r].v.i = v;
    return r;
}

/* The int Z in a block of ALLOC digits (at least its own); see mk(). */
static Ref mkz(Heap *h, mpz_srcptr z, size_t alloc, bool cache)
{
    if (mpz_fits_slong_p(z))
        return mk(h, mpz_get_si(z), alloc, cache);
    size_t nd = nd_mpz(z);
    uint64_t a = alloc_block(h, alloc > nd ? alloc : nd, false);
    if (!a)
        return NULLREF;
    Ref r = heap_new_slot(h, K_INT, h->type_of_kind[K_INT], a);
    mpz_ptr p = xmalloc(sizeof *p);
    mpz_init_set(p, z);
    h->objs[r].v.p = p;
    h->objs[r].flags |= OF_BIGINT;
    return r;
}

/* An int of value V (PyLong_FromLongLong): cached in -5..256. */
Ref int_from_i64(Heap *h, int64_t v)
{
    return mk(h, v, 0, true);
}

/* An int of value Z (cached in -5..256). */
Ref int_from_mpz(Heap *h, const mpz_t z)
{
    return mkz(h, z, 0, true);
}

/* True or False (a new reference). */
Ref bool_from(Heap *h, int v)
{
    return heap_newref(h, v ? h->true_ : h->false_);
}

/* int(r) of an int or bool: r itself for an int, a plain int for a bool
 * (long_long / _PyLong_Copy). */
Ref int_exact(Heap *h, Ref r)
{
    if (heap_kind(h, r) == K_INT)
        return heap_newref(h, r);
    return int_from_i64(h, h->objs[r].v.i);
}

/* PyLong_FromDouble of X; TRUNC selects float.__trunc__'s fits-in-a-long
 * fast path (which 3.8's PyLong_FromDouble itself lacks). */
static Ref from_double(Heap *h, double x, bool trunc)
{
    if (isinf(x))
        return heap_raise(h, EXC_OverflowError, "cannot convert float infinity to integer");
    if (isnan(x))
        return heap_raise(h, EXC_ValueError, "cannot convert float NaN to integer");
    x = x < 0 ? ceil(x) : floor(x);
    if ((trunc || cache_all(h)) && x > -9223372036854775808.0 && x < 9223372036854775808.0)
        return mk(h, (int64_t)x, 0, true);
    if (fabs(x) < 1.0)
        return mk(h, 0, 0, true);
    mpz_t z;
    mpz_init_set_d(z, x);
    Ref r = mkz(h, z, 0, cache_all(h));
    mpz_clear(z);
    return r;
}

/* int(x) of a float value X (PyLong_FromDouble). */
Ref int_from_double(Heap *h, double x)
{
    return from_double(h, x, false);
}

/* float.__trunc__(x): PyLong_FromDouble behind a fits-in-a-long fast path. */
Ref int_from_float_trunc(Heap *h, double x)
{
    return from_double(h, x, true);
}

/* ------------------------------------------------------------------ */
/* conversion to double                                                */

/* Bit length of the non-negative Z. */
static int64_t bitlen(mpz_srcptr z)
{
    return mpz_sgn(z) ? (int64_t)mpz_sizeinbase(z, 2) : 0;
}

/* N / D (N >= 0, D > 0) correctly rounded to a double, as CPython's
 * long_true_divide; *OVERFLOW when it does not fit. */
static double ratio_to_double(mpz_srcptr n, mpz_srcptr d, bool *overflow)
{
    *overflow = false;
    if (mpz_sgn(n) == 0)
        return 0.0;
    int64_t diff = bitlen(n) - bitlen(d);
    if (diff > DBL_MAX_EXP) {
        *overflow = true;
        return 0.0;
    }
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1)
        return 0.0;
    int64_t shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
    mpz_t x, r;
    mpz_inits(x, r, NULL);
    bool inexact = false;
    if (shift <= 0) {
        mpz_mul_2exp(x, n, (mp_bitcnt_t)-shift);
    } else {
        mpz_fdiv_q_2exp(x, n, (mp_bitcnt_t)shift);
        inexact = mpz_scan1(n, 0) < (mp_bitcnt_t)shift;
    }
    mpz_fdiv_qr(x, r, x, d);
    inexact |= mpz_sgn(r) != 0;
    uint64_t q = mpz_get_ui(x);
    int64_t x_size = bitlen(x);
    mpz_clears(x, r, NULL);
    int64_t extra = (x_size > DBL_MIN_EXP - shift ? x_size : DBL_MIN_EXP - shift) - DBL_MANT_DIG;
    uint64_t mask = 1ULL << (extra - 1);
    uint64_t low = (q & (2 * mask - 1)) | inexact;
    if ((low & mask) && (low & (3 * mask - 1)))
        q += mask;
    q &= ~(2 * mask - 1);
    double dx = (double)q;
    if (shift + x_size >= DBL_MAX_EXP
        && (shift + x_size > DBL_MAX_EXP || dx == ldexp(1.0, (int)x_size))) {
        *overflow = true;
        return 0.0;
    }
    return ldexp(dx, (int)shift);
}

/* float(r), correctly rounded (PyLong_AsDouble); OverflowError "int too
 * large to convert to float" (and *OVERFLOW) when out of range. */
double int_as_double(Heap *h, Ref r, bool *overflow)
{
    if (overflow)
        *overflow = false;
    if (!is_big(h, r))
        return (double)h->objs[r].v.i;
    mpz_t n, one;
    mpz_init(n);
    mpz_init_set_ui(one, 1);
    mpz_abs(n, big(h, r));
    bool ovf;
    double x = ratio_to_double(n, one, &ovf);
    mpz_clears(n, one, NULL);
    if (ovf) {
        if (overflow)
            *overflow = true;
        heap_raise(h, EXC_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return mpz_sgn(big(h, r)) < 0 ? -x : x;
}

/* Compare int A with double F exactly; returns <0, 0, >0 (F not NaN). */
int int_cmp_double(const Heap *h, Ref a, double f)
{
    if (isinf(f))
        return f > 0 ? -1 : 1;
    if (!is_big(h, a) && uabs64(h->objs[a].v.i) <= (1ULL << 53)) {
        double d = (double)h->objs[a].v.i;
        return (d > f) - (d < f);
    }
    double fl = floor(f);
    mpz_t x, t;
    mpz_init(x);
    mpz_init_set_d(t, fl);
    int_to_mpz(h, a, x);
    int c = mpz_cmp(x, t);
    mpz_clears(x, t, NULL);
    if (c != 0)
        return c > 0 ? 1 : -1;
    return f > fl ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* arithmetic helpers working on GMP values                            */

/* Load the values of A and B into X and Y (initialized here). */
static void load2(const Heap *h, Ref a, Ref b, mpz_t x, mpz_t y)
{
    mpz_init(x);
    mpz_init(y);
    int_to_mpz(h, a, x);
    int_to_mpz(h, b, y);
}

/* The size x_sub allocates for |X| - |Y|: the longer operand's, or for
 * equal lengths up to the highest digit where they differ. */
static size_t xsub_size(mpz_srcptr x, mpz_srcptr y, size_t nx, size_t ny)
{
    if (nx != ny)
        return nx > ny ? nx : ny;
    mpz_t t, u;
    mpz_init(t);
    mpz_init(u);
    mpz_abs(t, x);
    mpz_abs(u, y);
    mpz_xor(t, t, u);
    size_t n = nd_mpz(t);
    mpz_clears(t, u, NULL);
    return n;
}

/* X + Y (or X - Y when SUB) with long_add/long_sub's allocation and 3.8's
 * caching: exact for two compact operands, else x_add/x_sub. */
static Ref add_z(Heap *h, mpz_srcptr x, mpz_srcptr y, bool sub)
{
    size_t nx = nd_mpz(x), ny = nd_mpz(y);
    mpz_t z;
    mpz_init(z);
    if (sub)
        mpz_sub(z, x, y);
    else
        mpz_add(z, x, y);
    Ref r;
    if (nx <= 1 && ny <= 1) {
        r = mkz(h, z, 0, true);
    } else {
        bool xadd = (mpz_sgn(x) < 0) == ((mpz_sgn(y) < 0) != sub);
        r = mkz(h, z, xadd ? (nx > ny ? nx : ny) + 1 : xsub_size(x, y, nx, ny),
                cache_all(h) || mpz_sgn(z) == 0);
    }
    mpz_clear(z);
    return r;
}

/* add_z() for two int64 operands without GMP: the same sizes and caching;
 * falls back to add_z when the result overflows int64. */
static Ref add_i64(Heap *h, int64_t x, int64_t y, bool sub)
{
    int64_t z;
    if (sub ? __builtin_sub_overflow(x, y, &z) : __builtin_add_overflow(x, y, &z)) {
        mpz_t mx, my;
        mpz_init_set_si(mx, x);
        mpz_init_set_si(my, y);
        Ref r = add_z(h, mx, my, sub);
        mpz_clears(mx, my, NULL);
        return r;
    }
    uint64_t ux = uabs64(x), uy = uabs64(y);
    size_t nx = nd_u64(ux), ny = nd_u64(uy);
    if (nx <= 1 && ny <= 1)
        return mk(h, z, 0, true);
    bool xadd = (x < 0) == ((y < 0) != sub);
    size_t alloc = xadd ? (nx > ny ? nx : ny) + 1
                 : nx != ny ? (nx > ny ? nx : ny) : nd_u64(ux ^ uy);
    return mk(h, z, alloc, cache_all(h) || z == 0);
}

/* a + b or a - b of two ints. */
static Ref add_sub(Heap *h, Ref a, Ref b, bool sub)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (compact(h, a) && compact(h, b)) {
        int64_t x = h->objs[a].v.i, y = h->objs[b].v.i;
        return mk(h, sub ? x - y : x + y, 0, true);
    }
    if (!is_big(h, a) && !is_big(h, b))
        return add_i64(h, h->objs[a].v.i, h->objs[b].v.i, sub);
    mpz_t x, y;
    load2(h, a, b, x, y);
    Ref r = add_z(h, x, y, sub);
    mpz_clears(x, y, NULL);
    return r;
}

/* a + b. */
static Ref int_add(Heap *h, Ref a, Ref b)
{
    return add_sub(h, a, b, false);
}

/* a - b. */
static Ref int_sub(Heap *h, Ref a, Ref b)
{
    return add_sub(h, a, b, true);
}

/* a * b (long_mul: exact for compact operands, else size_a + size_b). */
static Ref int_mul(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (compact(h, a) && compact(h, b))
        return mk(h, h->objs[a].v.i * h->objs[b].v.i, 0, true);
    size_t na = int_ndigits(h, a), nb = int_ndigits(h, b);
    if (na == 0 || nb == 0)
        return mk(h, 0, 0, true);
    if (!reserve_ok(h, (uint64_t)na + nb))
        return NULLREF;
    mpz_t x, y;
    load2(h, a, b, x, y);
    mpz_mul(x, x, y);
    Ref r = mkz(h, x, na + nb, true);
    mpz_clears(x, y, NULL);
    return r;
}

/* The top 30-bit digit of |Z| (Z != 0) of ND digits. */
static uint64_t top_digit(mpz_srcptr z, size_t nd)
{
    mpz_t t;
    mpz_init(t);
    mpz_abs(t, z);
    mpz_fdiv_q_2exp(t, t, (mp_bitcnt_t)(SHIFT * (nd - 1)));
    uint64_t d = mpz_get_ui(t);
    mpz_clear(t);
    return d;
}

/* The quotient size x_divrem allocates for |V| / |W| (W of two digits or
 * more): size_v - size_w, plus one when the normalized dividend grows. */
static size_t xdivrem_qsize(mpz_srcptr v, mpz_srcptr w, size_t nv, size_t nw)
{
    uint64_t wtop = top_digit(w, nw);
    int d = SHIFT - (64 - __builtin_clzll(wtop));
    mpz_t t;
    mpz_init(t);
    mpz_abs(t, v);
    mpz_mul_2exp(t, t, (mp_bitcnt_t)d);
    size_t k;
    if (nd_mpz(t) > nv) {
        k = nv + 1 - nw;
    } else {
        uint64_t vtop = top_digit(t, nv);
        mpz_abs(t, w);
        mpz_mul_2exp(t, t, (mp_bitcnt_t)d);
        k = vtop >= top_digit(t, nw) ? nv + 1 - nw : nv - nw;
    }
    mpz_clear(t);
    return k;
}

/* CPython's l_divmod of int A by nonzero int B: floor quotient in *PDIV
 * and remainder in *PMOD (either may be NULL), each allocated and cached
 * as long_divrem and its sign fix-ups do.  False on error. */
static bool divmod_ints(Heap *h, Ref a, Ref b, Ref *pdiv, Ref *pmod)
{
    if (compact(h, a) && compact(h, b)) {
        int64_t x = h->objs[a].v.i, y = h->objs[b].v.i;
        int64_t q = x / y, m = x % y;
        if (m && ((m < 0) != (y < 0))) {
            m += y;
            q -= 1;
        }
        if (pdiv && !(*pdiv = mk(h, q, 0, true)))
            return false;
        if (pmod && !(*pmod = mk(h, m, 0, true))) {
            if (pdiv)
                heap_decref(h, *pdiv);
            return false;
        }
        return true;
    }
    size_t na = int_ndigits(h, a), nb = int_ndigits(h, b);
    mpz_t x, y, q, m;
    load2(h, a, b, x, y);
    mpz_inits(q, m, NULL);
    mpz_tdiv_qr(q, m, x, y);
    bool lt = na < nb || (na == nb && top_digit(x, na) < top_digit(y, nb));
    size_t qalloc = lt ? 0 : nb == 1 ? na : xdivrem_qsize(x, y, na, nb);
    bool fix = mpz_sgn(m) != 0 && (mpz_sgn(m) < 0) != (mpz_sgn(y) < 0);
    Ref div = NULLREF, mod = NULLREF;
    bool ok = true;
    if (pdiv) {
        if (fix) {
            mpz_t one;
            mpz_init_set_si(one, 1);
            div = add_z(h, q, one, true);
            mpz_clear(one);
        } else {
            div = mkz(h, q, qalloc, true);
        }
        ok = div != 0;
    }
    if (ok && pmod) {
        if (fix)
            mod = add_z(h, m, y, false);
        else if (lt)
            mod = int_exact(h, a);
        else if (nb == 1)
            mod = mkz(h, m, 0, true);
        else
            mod = mkz(h, m, nb, cache_all(h));
        ok = mod != 0;
    }
    mpz_clears(x, y, q, m, NULL);
    if (!ok) {
        heap_decref(h, div);
        return false;
    }
    if (pdiv)
        *pdiv = div;
    if (pmod)
        *pmod = mod;
    return true;
}

/* a // b. */
static Ref int_floordiv(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (int_sign(h, b) == 0)
        return heap_raise(h, EXC_ZeroDivisionError, "integer division or modulo by zero");
    Ref q;
    return divmod_ints(h, a, b, &q, NULL) ? q : NULLREF;
}

/* a % b. */
static Ref int_mod(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (int_sign(h, b) == 0)
        return heap_raise(h, EXC_ZeroDivisionError, "%s", h->prof->zdiv_int_mod);
    Ref m;
    return divmod_ints(h, a, b, NULL, &m) ? m : NULLREF;
}

/* divmod(a, b) of two ints: a (q, r) tuple. */
Ref int_divmod(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (int_sign(h, b) == 0)
        return heap_raise(h, EXC_ZeroDivisionError, "integer division or modulo by zero");
    Ref q, m;
    if (!divmod_ints(h, a, b, &q, &m))
        return NULLREF;
    Ref t = tuple_pack(h, 2, q, m);
    heap_decref(h, q);
    heap_decref(h, m);
    return t;
}

/* a / b of two ints, correctly rounded (long_true_divide). */
static Ref int_truediv(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (int_sign(h, b) == 0)
        return heap_raise(h, EXC_ZeroDivisionError, "division by zero");
    bool negate = (int_sign(h, a) < 0) != (int_sign(h, b) < 0);
    mpz_t x, y;
    load2(h, a, b, x, y);
    mpz_abs(x, x);
    mpz_abs(y, y);
    bool ovf;
    double d = ratio_to_double(x, y, &ovf);
    mpz_clears(x, y, NULL);
    if (ovf)
        return heap_raise(h, EXC_OverflowError,
                          "integer division result too large for a float");
    return float_from_double(h, negate ? -d : d);
}

/* The size long_mul allocates for X * Y: exact (the medium path) for two
 * compact operands or a zero, else the sum of their digits. */
static size_t mul_size(mpz_srcptr x, mpz_srcptr y)
{
    size_t nx = nd_mpz(x), ny = nd_mpz(y);
    if ((nx <= 1 && ny <= 1) || nx == 0 || ny == 0)
        return 0;
    return nx + ny;
}

/* Z = A ** N (mod C when C is given) for the left-to-right exponentiation
 * state before its last multiplication: the operands of that product are
 * (A**(N-1), A) for an odd N and (A**(N/2), A**(N/2)) for an even one. */
static void last_factors(mpz_ptr x, mpz_ptr y, mpz_srcptr a, mpz_srcptr n, mpz_srcptr c)
{
    mpz_t k;
    mpz_init(k);
    if (mpz_odd_p(n))
        mpz_sub_ui(k, n, 1);
    else
        mpz_fdiv_q_2exp(k, n, 1);
    if (c)
        mpz_powm(x, a, k, c);
    else
        mpz_pow_ui(x, a, mpz_get_ui(k));
    mpz_set(y, mpz_odd_p(n) ? a : x);
    mpz_clear(k);
}

/* The allocation of the last multiplication computing A ** N (N >= 1). */
static size_t pow_alloc(mpz_srcptr a, mpz_srcptr n)
{
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    last_factors(x, y, a, n, NULL);
    size_t alloc = mul_size(x, y);
    mpz_clears(x, y, NULL);
    return alloc;
}

/* a ** e for E >= 0 without a modulus. */
static Ref pow_plain(Heap *h, mpz_srcptr a, mpz_srcptr e)
{
    if (mpz_sgn(e) == 0)
        return mk(h, 1, 0, true);
    if (mpz_cmpabs_ui(a, 1) <= 0) {
        /* 0, 1 and -1 to any power */
        int64_t v = mpz_get_si(a);
        if (v == -1 && mpz_even_p(e))
            v = 1;
        return mk(h, v, 0, true);
    }
    uint64_t bits = mpz_sizeinbase(a, 2) - 1;  /* |a| >= 2**bits */
    if (!mpz_fits_ulong_p(e) || mpz_get_ui(e) > (uint64_t)MAX_LONG_DIGITS * SHIFT / bits)
        return heap_raise(h, EXC_MemoryError, "%s", "");
    uint64_t n = mpz_get_ui(e);
    if (!reserve_ok(h, (bits * n + SHIFT) / SHIFT))
        return NULLREF;
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, a, n);
    Ref res = mkz(h, r, pow_alloc(a, e), true);
    mpz_clear(r);
    return res;
}

/* True when |X| < |Y| by long_divrem's test: fewer digits, or as many
 * digits and a smaller top digit. */
static bool divrem_lt(mpz_srcptr x, mpz_srcptr y)
{
    size_t nx = nd_mpz(x), ny = nd_mpz(y);
    return nx < ny || (nx == ny && nx > 0 && top_digit(x, nx) < top_digit(y, ny));
}

/* REDUCE(P) of long_pow: P % C for the non-negative product P, allocated
 * as l_divmod does (P itself when smaller than C). */
static Ref pow_reduce(Heap *h, mpz_srcptr p, size_t palloc, mpz_srcptr c)
{
    if (divrem_lt(p, c))
        return mkz(h, p, palloc, true);
    mpz_t r;
    mpz_init(r);
    mpz_mod(r, p, c);
    size_t nc = nd_mpz(c);
    Ref res = mkz(h, r, nc >= 2 ? nc : 0, nc < 2 || cache_all(h));
    mpz_clear(r);
    return res;
}

/* The REDUCE'd result of a ** e % c (E > 0, C > 1, A already inverted
 * for a negative exponent), before the sign fix-up. */
static Ref pow_mod_positive(Heap *h, mpz_t a, mpz_srcptr e, mpz_srcptr c)
{
    mpz_t x, y, p;
    mpz_inits(x, y, p, NULL);
    if (mpz_sgn(a) < 0 || nd_mpz(a) > nd_mpz(c))
        mpz_mod(a, a, c);
    if (mpz_cmp_ui(e, 1) == 0) {
        mpz_set_ui(x, 1);
        mpz_set(y, a);
    } else {
        last_factors(x, y, a, e, c);
    }
    mpz_mul(p, x, y);
    Ref z = pow_reduce(h, p, mul_size(x, y), c);
    mpz_clears(x, y, p, NULL);
    return z;
}

/* pow(a, e, m) with a nonzero modulus M (long_pow with c != NULL): the
 * result takes the modulus's sign through z - c, as CPython does. */
static Ref pow_mod(Heap *h, mpz_t a, mpz_t e, mpz_srcptr m)
{
    mpz_t c;
    mpz_init(c);
    mpz_abs(c, m);
    Ref z = NULLREF;
    if (mpz_cmp_ui(c, 1) == 0) {
        z = mk(h, 0, 0, true);
    } else if (mpz_sgn(e) < 0 && !mpz_invert(a, a, c)) {
        heap_raise(h, EXC_ValueError, "base is not invertible for the given modulus");
    } else {
        mpz_abs(e, e);
        z = mpz_sgn(e) == 0 ? mk(h, 1, 0, true) : pow_mod_positive(h, a, e, c);
        if (z && mpz_sgn(m) < 0 && int_sign(h, z) != 0) {
            mpz_t zv;
            mpz_init(zv);
            int_to_mpz(h, z, zv);
            heap_decref(h, z);
            z = add_z(h, zv, c, true);
            mpz_clear(zv);
        }
    }
    mpz_clear(c);
    return z;
}

/* pow(a, b, m) of three ints (M may be 0 for two-argument pow). */
Ref int_pow3(Heap *h, Ref a, Ref b, Ref m)
{
    if (m == h->none)
        m = NULLREF;
    if (!int_check(h, a) || !int_check(h, b) || (m && !int_check(h, m)))
        return notimpl(h);
    if (m && int_sign(h, m) == 0)
        return heap_raise(h, EXC_ValueError, "pow() 3rd argument cannot be 0");
    if (!m && int_sign(h, b) < 0)
        return float_ops.binop[OP_POW](h, a, b);
    mpz_t x, e;
    load2(h, a, b, x, e);
    Ref r;
    if (m) {
        mpz_t c;
        mpz_init(c);
        int_to_mpz(h, m, c);
        r = pow_mod(h, x, e, c);
        mpz_clear(c);
    } else {
        r = pow_plain(h, x, e);
    }
    mpz_clears(x, e, NULL);
    return r;
}

/* a ** b. */
static Ref int_pow(Heap *h, Ref a, Ref b)
{
    return int_pow3(h, a, b, NULLREF);
}

/* The shift count B as an mpz, or -1 with ValueError when negative. */
static int shift_count(Heap *h, Ref b, mpz_t n)
{
    mpz_init(n);
    int_to_mpz(h, b, n);
    if (mpz_sgn(n) < 0) {
        mpz_clear(n);
        heap_raise(h, EXC_ValueError, "negative shift count");
        return -1;
    }
    return 0;
}

/* a << b (long_lshift: size + wordshift (+1 with a bit remainder)). */
static Ref int_lshift(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    mpz_t n;
    if (shift_count(h, b, n) < 0)
        return NULLREF;
    size_t na = int_ndigits(h, a);
    Ref r = NULLREF;
    if (na == 0) {
        r = mk(h, 0, 0, true);
    } else {
        mpz_t w;
        mpz_init(w);
        mpz_fdiv_q_ui(w, n, SHIFT);
        uint64_t word = mpz_fits_ulong_p(w) ? mpz_get_ui(w) : (uint64_t)MAX_LONG_DIGITS;
        uint64_t rem = mpz_fdiv_ui(n, SHIFT);
        bool fast = word == 0 && na <= 1 && h->prof->int_medium_size;
        uint64_t alloc = word >= (uint64_t)MAX_LONG_DIGITS ? word + 1 : na + word + (rem != 0);
        if (reserve_ok(h, fast ? 1 : alloc)) {
            mpz_t x;
            mpz_init(x);
            int_to_mpz(h, a, x);
            mpz_mul_2exp(x, x, (mp_bitcnt_t)mpz_get_ui(n));
            r = mkz(h, x, fast ? 0 : (size_t)alloc, true);
            mpz_clear(x);
        }
        mpz_clear(w);
    }
    mpz_clear(n);
    return r;
}

/* The size long_rshift allocates for A >> S giving R (A of NA digits,
 * not compact): size - wordshift for a positive A; for a negative one 3.11
 * shifts once with 0 < remshift <= SHIFT, 3.8 computes ~(~a >> s), whose
 * long_invert adds a digit unless ~a >> s is compact. */
static size_t rshift_size(const Heap *h, mpz_srcptr a, size_t na, uint64_t s, mpz_srcptr r)
{
    uint64_t word = s / SHIFT, rem = s % SHIFT;
    if (mpz_sgn(a) >= 0)
        return na - word;
    if (h->prof->int_medium_size)
        return rem == 0 ? na - word + 1 : na - word;
    mpz_t t;
    mpz_init(t);
    mpz_com(t, r);
    size_t nt = nd_mpz(t);
    mpz_clear(t);
    return nt <= 1 ? 0 : nt + 1;
}

/* a >> b (floor). */
static Ref int_rshift(Heap *h, Ref a, Ref b)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    mpz_t n;
    if (shift_count(h, b, n) < 0)
        return NULLREF;
    size_t na = int_ndigits(h, a);
    mpz_t x, r;
    mpz_inits(x, r, NULL);
    int_to_mpz(h, a, x);
    Ref res;
    if (mpz_cmp_ui(n, (unsigned long)na * SHIFT) >= 0) {
        res = mk(h, mpz_sgn(x) < 0 ? -1 : 0, 0, true);
    } else if (na > 1 && mpz_sgn(x) < 0 && mpz_sgn(n) == 0 && h->prof->int_medium_size) {
        res = int_exact(h, a);                  /* 3.11+: long_long(a) */
    } else {
        uint64_t s = mpz_get_ui(n);
        mpz_fdiv_q_2exp(r, x, (mp_bitcnt_t)s);
        res = mkz(h, r, na <= 1 ? 0 : rshift_size(h, x, na, s, r), true);
    }
    mpz_clears(x, r, n, NULL);
    return res;
}

/* a & b, a | b, a ^ b with long_bitwise's allocation. */
static Ref bitwise(Heap *h, Ref a, Ref b, char op)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    if (compact(h, a) && compact(h, b) && h->prof->int_medium_size) {
        int64_t x = h->objs[a].v.i, y = h->objs[b].v.i;
        return mk(h, op == '&' ? (x & y) : op == '|' ? (x | y) : (x ^ y), 0, true);
    }
    size_t sa = int_ndigits(h, a), sb = int_ndigits(h, b);
    bool nega = int_sign(h, a) < 0, negb = int_sign(h, b) < 0;
    if (sa < sb) {
        size_t ts = sa; sa = sb; sb = ts;
        bool tn = nega; nega = negb; negb = tn;
    }
    size_t size_z;
    bool negz;
    if (op == '^') {
        negz = nega ^ negb;
        size_z = sa;
    } else if (op == '&') {
        negz = nega & negb;
        size_z = negb ? sa : sb;
    } else {
        negz = nega | negb;
        size_z = negb ? sb : sa;
    }
    mpz_t x, y;
    load2(h, a, b, x, y);
    if (op == '&')
        mpz_and(x, x, y);
    else if (op == '|')
        mpz_ior(x, x, y);
    else
        mpz_xor(x, x, y);
    Ref r = mkz(h, x, size_z + negz, true);
    mpz_clears(x, y, NULL);
    return r;
}

/* a & b. */
static Ref int_and(Heap *h, Ref a, Ref b)
{
    return bitwise(h, a, b, '&');
}

/* a | b. */
static Ref int_or(Heap *h, Ref a, Ref b)
{
    return bitwise(h, a, b, '|');
}

/* a ^ b. */
static Ref int_xor(Heap *h, Ref a, Ref b)
{
    return bitwise(h, a, b, '^');
}

/* -a (exact size; a copy for multi-digit values). */
static Ref int_neg(Heap *h, Ref a)
{
    if (compact(h, a))
        return mk(h, -h->objs[a].v.i, 0, true);
    mpz_t x;
    mpz_init(x);
    int_to_mpz(h, a, x);
    mpz_neg(x, x);
    Ref r = mkz(h, x, 0, true);
    mpz_clear(x);
    return r;
}

/* +a: a itself for an int, a plain int for a bool. */
static Ref int_pos(Heap *h, Ref a)
{
    return int_exact(h, a);
}

/* ~a = -(a + 1) (long_invert: via long_add(a, 1) for multi-digit a). */
static Ref int_invert(Heap *h, Ref a)
{
    if (compact(h, a))
        return mk(h, ~h->objs[a].v.i, 0, true);
    size_t na = int_ndigits(h, a);
    mpz_t x;
    mpz_init(x);
    int_to_mpz(h, a, x);
    size_t alloc = mpz_sgn(x) >= 0 ? na + 1 : na;
    mpz_com(x, x);
    Ref r = mkz(h, x, alloc, cache_all(h));
    mpz_clear(x);
    return r;
}

/* abs(r) of an int (r itself when non-negative and exactly an int). */
Ref int_abs(Heap *h, Ref r)
{
    return int_sign(h, r) < 0 ? int_neg(h, r) : int_exact(h, r);
}

/* bool(a). */
static int int_truth(Heap *h, Ref a)
{
    return int_sign(h, a) != 0;
}

/* ------------------------------------------------------------------ */
/* comparison and hashing                                              */

/* Compare ints A and B: <0, 0, >0. */
static int int_cmp(const Heap *h, Ref a, Ref b)
{
    if (!is_big(h, a) && !is_big(h, b)) {
        int64_t x = h->objs[a].v.i, y = h->objs[b].v.i;
        return (x > y) - (x < y);
    }
    mpz_t x, y;
    load2(h, a, b, x, y);
    int c = mpz_cmp(x, y);
    mpz_clears(x, y, NULL);
    return (c > 0) - (c < 0);
}

/* True when comparison result C (<0, 0, >0) satisfies OP. */
static bool cmp_holds(int c, int op)
{
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

/* a OP b for two ints; NotImplemented otherwise (float compares itself). */
static Ref int_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!int_check(h, a) || !int_check(h, b))
        return notimpl(h);
    return bool_from(h, cmp_holds(int_cmp(h, a, b), op));
}

/* hash(r) of an int/bool value (CPython's modular hash). */
int64_t int_hash_value(const Heap *h, Ref r)
{
    uint64_t x;
    int sign = int_sign(h, r);
    if (is_big(h, r)) {
        mpz_t t;
        mpz_init(t);
        mpz_abs(t, big(h, r));
        x = mpz_fdiv_ui(t, HASH_MODULUS);
        mpz_clear(t);
    } else {
        x = uabs64(h->objs[r].v.i) % HASH_MODULUS;
    }
    int64_t v = sign < 0 ? -(int64_t)x : (int64_t)x;
    return v == -1 ? -2 : v;
}

/* hash slot. */
static int int_hash(Heap *h, Ref r, int64_t *out)
{
    *out = int_hash_value(h, r);
    return 0;
}

/* ------------------------------------------------------------------ */
/* text                                                                */

/* Raise the int-to-str limit error. */
static bool str_limit_error(Heap *h)
{
    heap_raise(h, EXC_ValueError,
               "Exceeds the limit (%d%s) for integer string conversion; "
               "use sys.set_int_max_str_digits() to increase the limit",
               h->prof->int_max_str_digits, h->prof->int_limit_unit);
    return false;
}

/* The decimal digits of V, written backwards from END: the first char. */
static char *i64_digits(int64_t v, char *end)
{
    uint64_t u = uabs64(v);
    char *p = end;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    return p;
}

/* Append str(r) to B; false with CPython's ValueError when the result
 * would exceed the int max str digits limit. */
bool int_str_into(Heap *h, Ref r, StrBuf *b)
{
    if (!is_big(h, r)) {
        char buf[24], *end = buf + sizeof buf;
        char *p = i64_digits(h->objs[r].v.i, end);
        strbuf_append(b, p, (size_t)(end - p));
        return true;
    }
    mpz_srcptr z = big(h, r);
    size_t est = mpz_sizeinbase(z, 10);
    size_t lim = (size_t)h->prof->int_max_str_digits;
    if (lim && est > lim + 1)
        return str_limit_error(h);
    char *s = xmalloc(est + 2);
    mpz_get_str(s, 10, z);
    size_t len = strlen(s);
    if (lim && len - (s[0] == '-') > lim) {
        free(s);
        return str_limit_error(h);
    }
    strbuf_append(b, s, len);
    free(s);
    return true;
}

/* Turn buffer B into a fresh str object, as PyUnicode_New gives (B is freed). */
static Ref buf_to_str(Heap *h, StrBuf *b)
{
    Ref s = str_new_utf8(h, b->data ? b->data : "", b->len);
    strbuf_free(b);
    return s;
}

/* repr(int) and str(int). */
static Ref int_repr(Heap *h, Ref r)
{
    if (!is_big(h, r)) {
        char buf[24], *end = buf + sizeof buf;
        char *p = i64_digits(h->objs[r].v.i, end);
        return str_new_utf8(h, p, (size_t)(end - p));
    }
    StrBuf b = {0};
    if (!int_str_into(h, r, &b)) {
        strbuf_free(&b);
        return NULLREF;
    }
    return buf_to_str(h, &b);
}

/* repr(bool): the interned 'True' / 'False'. */
static Ref bool_repr(Heap *h, Ref r)
{
    return str_intern_cstr(h, h->objs[r].v.i ? "True" : "False");
}

/* The int value of O for bin()/oct()/hex(): O itself (new reference) when
 * an int, else its __index__ result. */
static Ref index_value(Heap *h, Ref o)
{
    if (int_check(h, o))
        return heap_newref(h, o);
    Ref t = heap_type(h, o);
    Ref fn = type_data(h, t)->heaptype ? type_lookup_cstr(h, t, "__index__") : NULLREF;
    if (!fn)
        return heap_raise(h, EXC_TypeError, "'%s' object cannot be interpreted as an integer",
                          heap_type_name(h, o));
    Ref r = heap_call(h, fn, &o, 1, NULLREF);
    if (r && !int_check(h, r)) {
        heap_raise(h, EXC_TypeError, "__index__ returned non-int (type %s)",
                   heap_type_name(h, r));
        heap_decref(h, r);
        return NULLREF;
    }
    return r;
}

/* bin()/oct()/hex() of an int: "-0x1f" (BASE 2, 8 or 16). */
Ref int_to_base_str(Heap *h, Ref o, int base)
{
    Ref r = index_value(h, o);
    if (!r)
        return NULLREF;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(h, r, z);
    heap_decref(h, r);
    StrBuf b = {0};
    if (mpz_sgn(z) < 0) {
        strbuf_putc(&b, '-');
        mpz_neg(z, z);
    }
    strbuf_puts(&b, base == 2 ? "0b" : base == 8 ? "0o" : "0x");
    char *s = xmalloc(mpz_sizeinbase(z, base) + 2);
    mpz_get_str(s, base, z);
    strbuf_puts(&b, s);
    free(s);
    mpz_clear(z);
    return buf_to_str(h, &b);
}

/* ------------------------------------------------------------------ */
/* int(str)                                                            */

/* The repr of the text in an error message: repr(ORIG) when given, else
 * repr of S as a str; truncated to MAXCHARS code points (0: whole). */
static void text_repr(Heap *h, Ref orig, const char *s, size_t n, size_t maxchars, StrBuf *b)
{
    StrBuf r = {0};
    if (orig && bytes_check(h, orig)) {
        bytes_repr_into(h, orig, &r);
    } else {
        Ref tmp = orig ? heap_newref(h, orig) : str_from_utf8(h, s, n);
        if (!tmp) {
            heap_clear_exc(h);
            strbuf_append(&r, s, n);
        } else {
            str_repr_into(h, tmp, &r);
            heap_decref(h, tmp);
        }
    }
    size_t i = 0, chars = 0;
    while (i < r.len && (!maxchars || chars < maxchars)) {
        unsigned char c = (unsigned char)r.data[i];
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        chars++;
    }
    strbuf_append(b, r.data ? r.data : "", i > r.len ? r.len : i);
    strbuf_free(&r);
}

/* Raise "invalid literal for int() with base B: 'text'". */
static Ref invalid_literal(Heap *h, int base, Ref orig, const char *s, size_t n)
{
    StrBuf b = {0};
    text_repr(h, orig, s, n, 200, &b);
    heap_raise(h, EXC_ValueError, "invalid literal for int() with base %d: %s", base,
               b.data ? b.data : "");
    strbuf_free(&b);
    return NULLREF;
}

/* The value of an ASCII digit C in bases up to 36, or 99. */
static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* Py_ISSPACE for ASCII. */
static bool ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The decimal value of code point CP (Unicode category Nd), or -1. */
static int decimal_value(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp < 0x80 || !uni_is(cp, UNI_DECIMAL))
        return -1;
    uint32_t lo = cp;
    while (lo > 0 && uni_is(lo - 1, UNI_DECIMAL) && cp - lo < 60)
        lo--;
    return (int)((cp - lo) % 10);
}

/* _PyUnicode_TransformDecimalAndSpaceToASCII of N bytes of UTF-8 into B:
 * non-ASCII spaces become ' ', decimal digits '0'..'9', others '?'. */
static void to_ascii_digits(const char *s, size_t n, StrBuf *b)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            strbuf_putc(b, (char)c);
            i++;
            continue;
        }
        uint32_t cp;
        i += (size_t)utf8_decode1((const unsigned char *)s + i, &cp);
        int d = decimal_value(cp);
        strbuf_putc(b, uni_is(cp, UNI_SPACE) ? ' ' : d >= 0 ? (char)('0' + d) : '?');
    }
}

/* The state of PyLong_FromString's scan over ASCII text. */
typedef struct IntScan {
    const char *p, *end;
    int base, sign;
    bool nonzero_error;   /* "0..." in base 0: valid only when the value is 0 */
} IntScan;

/* Skip whitespace and the sign, guess the base from the prefix when it is
 * 0, and skip a prefix that matches the base (and one underscore). */
static void scan_prefix(IntScan *sc)
{
    const char *p = sc->p, *end = sc->end;
    while (p < end && ascii_space(*p))
        p++;
    sc->sign = 1;
    if (p < end && (*p == '+' || *p == '-'))
        sc->sign = *p++ == '-' ? -1 : 1;
    char c1 = p + 1 < end ? (char)(p[1] | 0x20) : 0;
    if (sc->base == 0) {
        if (p >= end || *p != '0')
            sc->base = 10;
        else if (c1 == 'x' || c1 == 'o' || c1 == 'b')
            sc->base = c1 == 'x' ? 16 : c1 == 'o' ? 8 : 2;
        else
            sc->base = 10, sc->nonzero_error = true;
    }
    int b = sc->base;
    if (p < end && *p == '0'
        && ((b == 16 && c1 == 'x') || (b == 8 && c1 == 'o') || (b == 2 && c1 == 'b'))) {
        p += 2;
        if (p < end && *p == '_')
            p++;
    }
    sc->p = p;
}

/* Collect the digits, with single underscores between them, into D and
 * skip trailing whitespace; false when the text is not a valid literal. */
static bool scan_digits(IntScan *sc, StrBuf *d)
{
    const char *p = sc->p, *end = sc->end;
    char prev = 0;
    if (p < end && *p == '_')
        return false;
    for (; p < end; p++) {
        if (*p == '_') {
            if (prev == '_')
                return false;
        } else if (digit_value(*p) < sc->base) {
            strbuf_putc(d, *p);
        } else {
            break;
        }
        prev = *p;
    }
    if (prev == '_' || d->len == 0)
        return false;
    while (p < end && ascii_space(*p))
        p++;
    sc->p = p;
    return true;
}

/* The digits PyLong_FromString allocates for N digit characters in BASE. */
static size_t str_alloc(size_t n, int base)
{
    if ((base & (base - 1)) == 0)
        return (n * (size_t)__builtin_ctz((unsigned)base) + SHIFT - 1) / SHIFT;
    return (size_t)((double)n * (log((double)base) / log(1073741824.0))) + 1;
}

/* Raise the str-to-int digit limit error for COUNT digits. */
static Ref str_to_int_limit_error(Heap *h, size_t count)
{
    return heap_raise(h, EXC_ValueError,
                      "Exceeds the limit (%d%s) for integer string conversion: "
                      "value has %zu digits; use sys.set_int_max_str_digits() "
                      "to increase the limit",
                      h->prof->int_max_str_digits, h->prof->int_limit_unit, count);
}

/* Parse ASCII text S of N bytes as an int in BASE (PyLong_FromString);
 * ORIG (or S itself) is quoted in the error message. */
static Ref parse_int(Heap *h, const char *s, size_t n, int base, Ref orig)
{
    IntScan sc = {.p = s, .end = s + n, .base = base};
    scan_prefix(&sc);
    StrBuf digits = {0};
    bool ok = scan_digits(&sc, &digits);
    size_t lim = (size_t)h->prof->int_max_str_digits;
    if (!h->prof->int_limit_before_garbage)
        ok = ok && sc.p == sc.end;
    if (ok && (sc.base & (sc.base - 1)) != 0 && lim && digits.len > lim) {
        size_t count = digits.len;
        strbuf_free(&digits);
        return str_to_int_limit_error(h, count);
    }
    ok = ok && sc.p == sc.end;
    size_t alloc = str_alloc(digits.len, sc.base);
    Ref r = NULLREF;
    if (!ok) {
        invalid_literal(h, base, orig, s, n);
    } else if (reserve_ok(h, alloc)) {
        mpz_t z;
        mpz_init_set_str(z, digits.data, sc.base);
        if (sc.nonzero_error && mpz_sgn(z) != 0) {
            invalid_literal(h, base, orig, s, n);
        } else {
            if (sc.sign < 0)
                mpz_neg(z, z);
            r = mkz(h, z, alloc, true);
        }
        mpz_clear(z);
    }
    strbuf_free(&digits);
    return r;
}

/* int(S, BASE) of N bytes of text (see intobject.h). */
Ref int_from_str(Heap *h, const char *s, size_t n, int base)
{
    StrBuf b = {0};
    to_ascii_digits(s, n, &b);
    Ref r = parse_int(h, b.data ? b.data : "", b.len, base, NULLREF);
    strbuf_free(&b);
    return r;
}

/* int(O, BASE) of a str or bytes object O. */
static Ref int_from_text_obj(Heap *h, Ref o, int base)
{
    if (bytes_check(h, o)) {
        size_t n;
        const unsigned char *d = bytes_data(h, o, &n);
        return parse_int(h, (const char *)d, n, base, o);
    }
    size_t n;
    const char *s = str_utf8(h, o, &n);
    StrBuf b = {0};
    to_ascii_digits(s, n, &b);
    Ref r = parse_int(h, b.data ? b.data : "", b.len, base, o);
    strbuf_free(&b);
    return r;
}

/* ------------------------------------------------------------------ */
/* int(...) and bool(...)                                              */

/* Call O's dunder NAME (a heap type's method) and check it returned an int;
 * *FOUND tells whether the method exists. */
static Ref call_int_dunder(Heap *h, Ref o, const char *name, bool *found)
{
    Ref t = heap_type(h, o);
    Ref fn = type_data(h, t)->heaptype ? type_lookup_cstr(h, t, name) : NULLREF;
    *found = fn != 0;
    if (!fn)
        return NULLREF;
    Ref r = heap_call(h, fn, &o, 1, NULLREF);
    if (r && !int_check(h, r)) {
        heap_raise(h, EXC_TypeError, "%s returned non-int (type %s)", name,
                   heap_type_name(h, r));
        heap_decref(h, r);
        return NULLREF;
    }
    if (r && heap_kind(h, r) == K_BOOL) {
        Ref e = int_exact(h, r);
        heap_decref(h, r);
        r = e;
    }
    return r;
}

/* int(x) without a base (PyNumber_Long). */
static Ref number_long(Heap *h, Ref x)
{
    Kind k = heap_kind(h, x);
    if (k == K_INT || k == K_BOOL)
        return int_exact(h, x);
    if (k == K_FLOAT)
        return from_double(h, float_value(h, x), true);
    if (k == K_STR || k == K_BYTES)
        return int_from_text_obj(h, x, 10);
    if (k == K_COMPLEX && h->prof->complex_floor_slots)
        return heap_raise(h, EXC_TypeError, "can't convert complex to int");
    static const char *const dunders[] = {"__int__", "__index__", "__trunc__"};
    for (size_t i = 0; i < 3; i++) {
        bool found;
        Ref r = call_int_dunder(h, x, dunders[i], &found);
        if (found)
            return r;
    }
    return heap_raise(h, EXC_TypeError,
                      "int() argument must be a string, a bytes-like object or a %s, not '%s'",
                      h->prof->real_number, heap_type_name(h, x));
}

/* Raise the "unexpected keyword argument" TypeError of FNAME's KW. */
static Ref bad_keyword(Heap *h, const char *fname, const char *kw)
{
    if (h->prof->clinic_kw_errors_313)
        return heap_raise(h, EXC_TypeError, "%s() got an unexpected keyword argument '%s'",
                          fname, kw);
    return heap_raise(h, EXC_TypeError, "'%s' is an invalid keyword argument for %s()", kw,
                      fname);
}

/* int(x=0, /, base=10). */
static Ref int_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (nargs + nkw > 2) {
        if (nkw == 0 && h->prof->clinic_kw_errors_313)
            return heap_raise(h, EXC_TypeError, "int expected at most 2 arguments, got %zu",
                              nargs);
        return heap_raise(h, EXC_TypeError, "int() takes at most 2 arguments (%zu given)",
                          nargs + nkw);
    }
    Ref x = nargs > 0 ? args[0] : NULLREF, base = nargs > 1 ? args[1] : NULLREF;
    for (size_t i = 0; i < nkw; i++) {
        Ref name = tuple_items(h, kwnames)[i];
        if (!str_eq_cstr(h, name, "base"))
            return bad_keyword(h, "int", str_utf8(h, name, NULL));
        base = args[nargs + i];
    }
    if (!base)
        return x ? number_long(h, x) : int_from_i64(h, 0);
    if (!x)
        return heap_raise(h, EXC_TypeError, "int() missing string argument");
    int64_t b;
    if (obj_as_index(h, base, &b) < 0) {
        if (heap_exc_matches(h, EXC_IndexError)) {
            heap_clear_exc(h);
            b = 99;
        } else {
            return NULLREF;
        }
    }
    if ((b != 0 && b < 2) || b > 36)
        return heap_raise(h, EXC_ValueError, "int() base must be >= 2 and <= 36, or 0");
    Kind k = heap_kind(h, x);
    if (k != K_STR && k != K_BYTES)
        return heap_raise(h, EXC_TypeError, "int() can't convert non-string with explicit base");
    return int_from_text_obj(h, x, (int)b);
}

/* bool(x=False, /). */
static Ref bool_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    if (!arg_check(h, "bool", nargs, kwnames, 0, 1))
        return NULLREF;
    if (nargs == 0)
        return bool_from(h, 0);
    int t = obj_truth(h, args[0]);
    return t < 0 ? NULLREF : bool_from(h, t);
}

/* ------------------------------------------------------------------ */
/* methods and attributes                                              */

/* The name of method NAME of SELF as this version's argument errors spell
 * it: "bool.bit_length" from 3.10 on, plain "bit_length" before. */
static const char *mname(const Heap *h, Ref self, const char *name, char *buf, size_t size)
{
    if (!h->prof->method_qualname_errors)
        return name;
    snprintf(buf, size, "%s.%s", heap_type_name(h, self), name);
    return buf;
}

/* Check a method's argument count (no keywords), CPython's messages. */
#define CHECK_ARGS(name, lo, hi)                                             \
    do {                                                                    \
        char nb_[96];                                                       \
        if (!arg_check(h, mname(h, self, name, nb_, sizeof nb_), nargs,     \
                       kwnames, lo, hi))                                    \
            return NULLREF;                                                 \
    } while (0)

/* int.bit_length(). */
static Ref m_bit_length(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("bit_length", 0, 0);
    if (!is_big(h, self)) {
        uint64_t u = uabs64(h->objs[self].v.i);
        return int_from_i64(h, u ? 64 - __builtin_clzll(u) : 0);
    }
    return int_from_i64(h, (int64_t)mpz_sizeinbase(big(h, self), 2));
}

/* int.bit_count() (3.10+). */
static Ref m_bit_count(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("bit_count", 0, 0);
    mpz_t z;
    mpz_init(z);
    int_to_mpz(h, self, z);
    mpz_abs(z, z);
    Ref r = int_from_i64(h, (int64_t)mpz_popcount(z));
    mpz_clear(z);
    return r;
}

/* Raise a slot wrapper's argument error ("expected 0 arguments, got 1"). */
static bool wrapper_noargs(Heap *h, size_t nargs, Ref kwnames)
{
    if (kwnames && tuple_size(h, kwnames)) {
        heap_raise(h, EXC_TypeError, "wrapper takes no keyword arguments");
        return false;
    }
    if (nargs) {
        heap_raise(h, EXC_TypeError, "expected 0 arguments, got %zu", nargs);
        return false;
    }
    return true;
}

/* A METH_NOARGS method FN named NAME that returns int(self). */
#define SELF_METHOD(fn, name)                                               \
    static Ref fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames) \
    {                                                                       \
        (void)args;                                                         \
        CHECK_ARGS(name, 0, 0);                                             \
        return int_exact(h, self);                                          \
    }

/* int.conjugate(), __trunc__(), __floor__(), __ceil__(): self. */
SELF_METHOD(m_conjugate, "conjugate")
SELF_METHOD(m_trunc, "__trunc__")
SELF_METHOD(m_floor, "__floor__")
SELF_METHOD(m_ceil, "__ceil__")

/* int.__int__() and __index__() (slot wrappers): self. */
static Ref m_int(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    return wrapper_noargs(h, nargs, kwnames) ? int_exact(h, self) : NULLREF;
}

/* int.__float__() (a slot wrapper). */
static Ref m_float(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!wrapper_noargs(h, nargs, kwnames))
        return NULLREF;
    double d = int_as_double(h, self, NULL);
    return h->exc ? NULLREF : float_from_double(h, d);
}

/* int.is_integer() (3.12+): always True. */
static Ref m_is_integer(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("is_integer", 0, 0);
    return bool_from(h, 1);
}

/* int.as_integer_ratio(). */
static Ref m_as_integer_ratio(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("as_integer_ratio", 0, 0);
    Ref n = int_exact(h, self);
    Ref t = n ? tuple_pack(h, 2, n, h->small_ints[1 - h->prof->small_int_min]) : NULLREF;
    heap_decref(h, n);
    return t;
}

/* int.__round__(ndigits=None). */
static Ref m_round(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!arg_check(h, "__round__", nargs, kwnames, 0, 1))
        return NULLREF;
    return int_round(h, self, nargs ? args[0] : NULLREF);
}

/* int.__format__(spec). */
static Ref m_format(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    CHECK_ARGS("__format__", 1, 1);
    if (!str_check(h, args[0]))
        return heap_raise(h, EXC_TypeError, "__format__() argument must be str, not %s",
                          heap_type_name(h, args[0]));
    return obj_format(h, self, args[0]);
}

/* int.__sizeof__(). */
static Ref m_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("__sizeof__", 0, 0);
    return int_from_i64(h, (int64_t)heap_ops(h, self)->sizeof_(h, self));
}

/* Fetch to_bytes' arguments: length, byteorder and keyword-only signed. */
static bool to_bytes_args(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                          Ref *length, Ref *order, Ref *sign)
{
    char nb[96];
    const char *fn = mname(h, self, "to_bytes", nb, sizeof nb);
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (nargs > 2) {
        heap_raise(h, EXC_TypeError, "%s() takes at most 2 positional arguments (%zu given)",
                   fn, nargs);
        return false;
    }
    *length = nargs > 0 ? args[0] : NULLREF;
    *order = nargs > 1 ? args[1] : NULLREF;
    *sign = NULLREF;
    for (size_t i = 0; i < nkw; i++) {
        Ref name = tuple_items(h, kwnames)[i], v = args[nargs + i];
        if (str_eq_cstr(h, name, "length") && !*length)
            *length = v;
        else if (str_eq_cstr(h, name, "byteorder") && !*order)
            *order = v;
        else if (str_eq_cstr(h, name, "signed"))
            *sign = v;
        else {
            heap_raise(h, EXC_TypeError, "%s() got an unexpected keyword argument '%s'", fn,
                       str_utf8(h, name, NULL));
            return false;
        }
    }
    if (!h->prof->int_to_bytes_defaults && (!*length || !*order)) {
        heap_raise(h, EXC_TypeError, "%s() missing required argument '%s' (pos %d)", fn,
                   *length ? "byteorder" : "length", *length ? 2 : 1);
        return false;
    }
    return true;
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False). */
static Ref m_to_bytes(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    Ref lo, oo, so;
    if (!to_bytes_args(h, self, args, nargs, kwnames, &lo, &oo, &so))
        return NULLREF;
    int64_t len = 1;
    if (lo && obj_as_index(h, lo, &len) < 0)
        return NULLREF;
    if (len < 0)
        return heap_raise(h, EXC_ValueError, "length argument must be non-negative");
    bool little = false;
    if (oo) {
        if (!str_check(h, oo))
            return heap_raise(h, EXC_TypeError,
                              "to_bytes() argument 'byteorder' must be str, not %s",
                              heap_type_name(h, oo));
        little = str_eq_cstr(h, oo, "little");
        if (!little && !str_eq_cstr(h, oo, "big"))
            return heap_raise(h, EXC_ValueError, "byteorder must be either 'little' or 'big'");
    }
    int sgn = so ? obj_truth(h, so) : 0;
    if (sgn < 0)
        return NULLREF;
    mpz_t z;
    mpz_init(z);
    int_to_mpz(h, self, z);
    Ref r = NULLREF;
    if (!sgn && mpz_sgn(z) < 0) {
        heap_raise(h, EXC_OverflowError, "can't convert negative int to unsigned");
    } else {
        size_t need = mpz_sgn(z) == 0 ? 0 : mpz_sizeinbase(z, 2) + (sgn ? 1 : 0);
        if (sgn && mpz_sgn(z) < 0) {
            mpz_t t;
            mpz_init(t);
            mpz_com(t, z);  /* -z - 1 fits in the same width as z */
            need = mpz_sgn(t) == 0 ? 1 : mpz_sizeinbase(t, 2) + 1;
            mpz_clear(t);
        }
        if (need > (uint64_t)len * 8) {
            heap_raise(h, EXC_OverflowError, "int too big to convert");
        } else {
            unsigned char *buf = xcalloc((size_t)len + 1, 1);
            if (mpz_sgn(z) < 0) {
                mpz_t m;
                mpz_init_set_ui(m, 1);
                mpz_mul_2exp(m, m, (mp_bitcnt_t)(8 * len));
                mpz_add(z, z, m);
                mpz_clear(m);
            }
            size_t cnt = 0;
            if (mpz_sgn(z))
                mpz_export(buf, &cnt, little ? -1 : 1, 1, 0, 0, z);
            if (!little && cnt < (size_t)len) {
                memmove(buf + (len - (int64_t)cnt), buf, cnt);
                memset(buf, 0, (size_t)len - cnt);
            }
            r = bytes_from(h, buf, (size_t)len);
            free(buf);
        }
    }
    mpz_clear(z);
    return r;
}

static const MethodDef int_methods[] = {
    {"bit_length", m_bit_length, "Number of bits necessary to represent self in binary."},
    {"bit_count", m_bit_count, "Number of ones in the binary representation of abs(self)."},
    {"conjugate", m_conjugate, "Returns self, the complex conjugate of any int."},
    {"as_integer_ratio", m_as_integer_ratio, "Return integer ratio."},
    {"is_integer", m_is_integer, "Returns True."},
    {"to_bytes", m_to_bytes, "Return an array of bytes representing an integer."},
    {"__int__", m_int, NULL},
    {"__index__", m_int, NULL},
    {"__trunc__", m_trunc, NULL},
    {"__floor__", m_floor, NULL},
    {"__ceil__", m_ceil, NULL},
    {"__float__", m_float, NULL},
    {"__round__", m_round, NULL},
    {"__format__", m_format, NULL},
    {"__sizeof__", m_sizeof, NULL},
    {NULL, NULL, NULL},
};

/* Attributes real/imag/numerator/denominator, then the methods. */
static Ref int_getattr(Heap *h, Ref self, Ref name)
{
    if (str_eq_cstr(h, name, "real") || str_eq_cstr(h, name, "numerator"))
        return int_exact(h, self);
    if (str_eq_cstr(h, name, "imag"))
        return int_from_i64(h, 0);
    if (str_eq_cstr(h, name, "denominator"))
        return int_from_i64(h, 1);
    for (const MethodDef *m = int_methods; m->name; m++) {
        if (!str_eq_cstr(h, name, m->name))
            continue;
        if ((m->fn == m_bit_count && !h->prof->int_bit_count)
            || (m->fn == m_is_integer && !h->prof->int_is_integer))
            break;
        return builtin_new(h, m, self, NULLREF);
    }
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, self), str_utf8(h, name, NULL));
}

/* round(r, ndigits) of an int (long_round): r itself without NDIGITS or
 * for NDIGITS >= 0, else rounded half-to-even to a multiple of 10**-n. */
Ref int_round(Heap *h, Ref r, Ref ndigits)
{
    if (!ndigits)
        return int_exact(h, r);
    if (!int_check(h, ndigits)) {
        int64_t dummy;
        if (obj_as_index(h, ndigits, &dummy) < 0)
            return NULLREF;
    }
    if (int_sign(h, ndigits) >= 0)
        return int_exact(h, r);
    mpz_t x, n, p, q, m;
    mpz_inits(x, n, p, q, m, NULL);
    int_to_mpz(h, r, x);
    int_to_mpz(h, ndigits, n);
    mpz_neg(n, n);
    Ref res;
    if (!mpz_fits_ulong_p(n) || mpz_get_ui(n) > mpz_sizeinbase(x, 10) + 1) {
        res = mk(h, 0, 0, true);
    } else {
        /* result = x - divmod_near(x, 10**-ndigits)[1] */
        mpz_ui_pow_ui(p, 10, mpz_get_ui(n));
        mpz_fdiv_qr(q, m, x, p);          /* x = q*p + m, 0 <= m < p */
        mpz_mul_2exp(m, m, 1);
        int c = mpz_cmp(m, p);
        if (c > 0 || (c == 0 && mpz_odd_p(q)))
            mpz_add_ui(q, q, 1);
        mpz_mul(q, q, p);
        mpz_sub(m, x, q);                 /* the near remainder */
        res = add_z(h, x, m, true);
    }
    mpz_clears(x, n, p, q, m, NULL);
    return res;
}

/* ------------------------------------------------------------------ */
/* memory                                                              */

/* sys.getsizeof(int): int_base + 4 * max(digits, int_min_digits). */
static size_t int_sizeof(Heap *h, Ref r)
{
    size_t nd = int_ndigits(h, r);
    if (nd < (size_t)h->prof->int_min_digits)
        nd = (size_t)h->prof->int_min_digits;
    return h->prof->int_base + 4 * nd;
}

/* Free the GMP value of R, if any. */
static void int_release(Heap *h, Ref r)
{
    Obj *o = heap_obj(h, r);
    if (o->flags & OF_BIGINT) {
        mpz_clear((mpz_ptr)o->v.p);
        free(o->v.p);
        o->v.p = NULL;
        o->flags &= (uint8_t)~OF_BIGINT;
    }
}

/* Copy a big int's GMP value for heap_clone (small ints are inline). */
static void int_clone(const Heap *src, Heap *dst, Ref r, CloneMap *map)
{
    (void)map;
    const Obj *o = &src->objs[r];
    if (!(o->flags & OF_BIGINT))
        return;
    mpz_ptr p = xmalloc(sizeof *p);
    mpz_init_set(p, (mpz_srcptr)o->v.p);
    dst->objs[r].v.p = p;
}

/* long_dealloc: release the payload and the block. */
static void int_dealloc(Heap *h, Ref r)
{
    int_release(h, r);
    heap_mem_free(h, h->objs[r].addr);
    heap_free_slot(h, r);
}

/* The slots bool shares with int. */
#define INT_COMMON_SLOTS                                                     \
    .sizeof_ = int_sizeof, .dealloc = int_dealloc, .clone = int_clone,       \
    .release = int_release, .hash = int_hash, .richcompare = int_richcompare, \
    .unary = {int_neg, int_pos, int_invert}, .truth = int_truth,             \
    .getattr = int_getattr, .methods = int_methods

const TypeOps int_ops = {
    .name = "int", .basetype = 1,
    INT_COMMON_SLOTS,
    .repr = int_repr, .str = int_repr,
    .binop = {
        [OP_ADD] = int_add, [OP_SUB] = int_sub, [OP_MUL] = int_mul,
        [OP_TRUEDIV] = int_truediv, [OP_FLOORDIV] = int_floordiv, [OP_MOD] = int_mod,
        [OP_POW] = int_pow, [OP_LSHIFT] = int_lshift, [OP_RSHIFT] = int_rshift,
        [OP_AND] = int_and, [OP_XOR] = int_xor, [OP_OR] = int_or,
    },
    .new_ = int_new,
};

/* bool & | ^: a bool when both operands are bools, else int's result. */
static Ref bool_bitwise(Heap *h, Ref a, Ref b, char op)
{
    if (heap_kind(h, a) != K_BOOL || heap_kind(h, b) != K_BOOL)
        return bitwise(h, a, b, op);
    int x = a == h->true_, y = b == h->true_;
    return bool_from(h, op == '&' ? (x & y) : op == '|' ? (x | y) : (x ^ y));
}

/* bool & x. */
static Ref bool_and(Heap *h, Ref a, Ref b)
{
    return bool_bitwise(h, a, b, '&');
}

/* bool | x. */
static Ref bool_or(Heap *h, Ref a, Ref b)
{
    return bool_bitwise(h, a, b, '|');
}

/* bool ^ x. */
static Ref bool_xor(Heap *h, Ref a, Ref b)
{
    return bool_bitwise(h, a, b, '^');
}

const TypeOps bool_ops = {
    .name = "bool",
    INT_COMMON_SLOTS,
    .repr = bool_repr, .str = bool_repr,
    .binop = {
        [OP_ADD] = int_add, [OP_SUB] = int_sub, [OP_MUL] = int_mul,
        [OP_TRUEDIV] = int_truediv, [OP_FLOORDIV] = int_floordiv, [OP_MOD] = int_mod,
        [OP_POW] = int_pow, [OP_LSHIFT] = int_lshift, [OP_RSHIFT] = int_rshift,
        [OP_AND] = bool_and, [OP_XOR] = bool_xor, [OP_OR] = bool_or,
    },
    .new_ = bool_new,
};
