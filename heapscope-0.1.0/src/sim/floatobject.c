/* float objects (CPython's Objects/floatobject.c) and the numeric builtins
 * divmod/pow/abs/round that dispatch over int, float and complex.
 *
 * Allocation follows PyFloat_FromDouble: pop the float free list, else a
 * 24-byte block from obmalloc.  float_dealloc pushes the address back on
 * the free list while it holds fewer than freelist_float (100) entries,
 * else frees the block; so `x = 1.5; i = id(x); del x; id(2.5) == i`.
 *
 * Arithmetic converts int operands with int_as_double (OverflowError "int
 * too large to convert to float") and follows float_divmod, float_rem and
 * float_pow case by case (signed zeros, infinities, NaN, the complex result
 * of a negative base to a fractional power, errno-style OverflowError).
 * Comparisons with ints are exact, like float_richcompare. */
#include "sim/floatobject.h"

#include <errno.h>
#include <float.h>
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/bytesobject.h"
#include "sim/complexobject.h"
#include "sim/excobject.h"
#include "sim/format.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/unicodectype.h"
#include "util/xalloc.h"

#define FLOAT_SIZE 24          /* sizeof(PyFloatObject) */
#define HASH_BITS 61
#define HASH_MODULUS ((1ULL << HASH_BITS) - 1)
#define HASH_INF 314159

/* ------------------------------------------------------------------ */
/* allocation                                                          */

/* A new float of value X (PyFloat_FromDouble). */
Ref float_from_double(Heap *h, double x)
{
    uint64_t a = heap_freelist_pop(&h->fl_float);
    if (!a)
        a = heap_mem_alloc(h, FLOAT_SIZE);
    if (!a)
        return NULLREF;
    Ref r = heap_new_slot(h, K_FLOAT, h->type_of_kind[K_FLOAT], a);
    h->objs[r].v.f = x;
    return r;
}

/* float_dealloc: back to the free list, or to obmalloc when it is full. */
static void float_dealloc(Heap *h, Ref r)
{
    uint64_t a = h->objs[r].addr;
    if (!heap_freelist_push(&h->fl_float, a))
        heap_mem_free(h, a);
    heap_free_slot(h, r);
}

/* Release every address on the float free list, most recent first. */
void float_clear_freelist(Heap *h)
{
    uint64_t a;
    while ((a = heap_freelist_pop(&h->fl_float)) != 0)
        heap_mem_free(h, a);
}

/* sys.getsizeof(float). */
static size_t float_sizeof(Heap *h, Ref r)
{
    (void)r;
    return h->prof->float_size;
}

/* ------------------------------------------------------------------ */
/* conversion, hashing, text                                           */

/* Store the value of an int, bool or float in *OUT: 1 on success, 0 for
 * other types (no exception), -1 on OverflowError. */
int float_coerce(Heap *h, Ref r, double *out)
{
    switch (heap_kind(h, r)) {
    case K_FLOAT:
        *out = h->objs[r].v.f;
        return 1;
    case K_INT:
    case K_BOOL: {
        bool ovf;
        *out = int_as_double(h, r, &ovf);
        return ovf ? -1 : 1;
    }
    default:
        return 0;
    }
}

/* CPython's _Py_HashDouble of X for object R. */
int64_t float_hash_double(const Heap *h, Ref r, double x)
{
    if (isinf(x))
        return x > 0 ? HASH_INF : -HASH_INF;
    if (isnan(x)) {
        if (!h->prof->hash_nan_by_id)
            return 0;
        uint64_t y = h->objs[r].addr;
        y = (y >> 4) | (y << 60);
        int64_t v = (int64_t)y;
        return v == -1 ? -2 : v;
    }
    int e;
    double m = frexp(x, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t acc = 0;
    while (m) {
        acc = ((acc << 28) & HASH_MODULUS) | acc >> (HASH_BITS - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        acc += y;
        if (acc >= HASH_MODULUS)
            acc -= HASH_MODULUS;
    }
    e = e >= 0 ? e % HASH_BITS : HASH_BITS - 1 - ((-1 - e) % HASH_BITS);
    acc = ((acc << e) & HASH_MODULUS) | acc >> (HASH_BITS - e);
    uint64_t v = acc * (uint64_t)(int64_t)sign;
    return v == (uint64_t)-1 ? -2 : (int64_t)v;
}

/* hash slot. */
static int float_hash(Heap *h, Ref r, int64_t *out)
{
    *out = float_hash_double(h, r, h->objs[r].v.f);
    return 0;
}

/* repr(float) == str(float). */
static Ref float_repr(Heap *h, Ref r)
{
    StrBuf b = {0};
    format_float_repr(&b, h->objs[r].v.f);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* ------------------------------------------------------------------ */
/* float(str)                                                          */

/* Py_ISSPACE. */
static bool ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Case-insensitive prefix match of S against lower-case T. */
static bool match_ci(const char *s, const char *end, const char *t)
{
    for (; *t; s++, t++)
        if (s >= end || (*s | 0x20) != *t)
            return false;
    return true;
}

/* The length of the float literal (sign, digits, point, exponent, or
 * inf/nan) at the start of [S, END), 0 when there is none. */
size_t float_scan(const char *s, const char *end)
{
    const char *p = s;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    if (match_ci(p, end, "infinity"))
        return (size_t)(p + 8 - s);
    if (match_ci(p, end, "inf") || match_ci(p, end, "nan"))
        return (size_t)(p + 3 - s);
    size_t digits = 0;
    while (p < end && *p >= '0' && *p <= '9')
        p++, digits++;
    if (p < end && *p == '.') {
        p++;
        while (p < end && *p >= '0' && *p <= '9')
            p++, digits++;
    }
    if (!digits)
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (q < end && *q >= '0' && *q <= '9') {
            while (q < end && *q >= '0' && *q <= '9')
                q++;
            p = q;
        }
    }
    return (size_t)(p - s);
}

/* Copy N bytes of S to OUT without underscores, each of which must sit
 * between two digits (_Py_string_to_number_with_underscores); false when
 * one does not. */
bool float_strip_underscores(const char *s, size_t n, StrBuf *out)
{
    char prev = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool digit = c >= '0' && c <= '9';
        if (c == '_') {
            if (!(prev >= '0' && prev <= '9'))
                return false;
        } else {
            if (prev == '_' && !digit)
                return false;
            strbuf_putc(out, c);
        }
        prev = c;
    }
    return prev != '_';
}

/* Parse ASCII text [S, S+N) as a float into *OUT; false when invalid. */
static bool parse_float_ascii(const char *s, size_t n, double *out)
{
    const char *end = s + n;
    while (s < end && ascii_space(*s))
        s++;
    while (end > s && ascii_space(end[-1]))
        end--;
    StrBuf clean = {0};
    if (!float_strip_underscores(s, (size_t)(end - s), &clean)) {
        strbuf_free(&clean);
        return false;
    }
    const char *t = clean.data ? clean.data : "";
    size_t len = float_scan(t, t + clean.len);
    bool ok = len > 0 && len == clean.len && memchr(t, '\0', clean.len) == NULL;
    if (ok) {
        const char *p = t + (*t == '+' || *t == '-');
        if (match_ci(p, t + len, "inf"))
            *out = *t == '-' ? -INFINITY : INFINITY;
        else if (match_ci(p, t + len, "nan"))
            *out = *t == '-' ? -NAN : NAN;
        else
            *out = strtod(t, NULL);
    }
    strbuf_free(&clean);
    return ok;
}

/* float(s) of N bytes of UTF-8 text (see floatobject.h). */
Ref float_from_str(Heap *h, const char *s, size_t n, Ref repr_of)
{
    StrBuf a = {0};
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            strbuf_putc(&a, (char)c);
            i++;
            continue;
        }
        uint32_t cp;
        i += (size_t)utf8_decode1((const unsigned char *)s + i, &cp);
        char d = '?';
        if (uni_is(cp, UNI_SPACE)) {
            d = ' ';
        } else if (uni_is(cp, UNI_DECIMAL)) {
            uint32_t lo = cp;
            while (uni_is(lo - 1, UNI_DECIMAL) && cp - lo < 60)
                lo--;
            d = (char)('0' + (cp - lo) % 10);
        }
        strbuf_putc(&a, d);
    }
    double v;
    bool ok = parse_float_ascii(a.data ? a.data : "", a.len, &v);
    strbuf_free(&a);
    if (ok)
        return float_from_double(h, v);
    StrBuf msg = {0};
    if (repr_of && bytes_check(h, repr_of)) {
        bytes_repr_into(h, repr_of, &msg);
    } else {
        Ref tmp = repr_of ? heap_newref(h, repr_of) : str_from_utf8(h, s, n);
        if (tmp) {
            str_repr_into(h, tmp, &msg);
            heap_decref(h, tmp);
        }
    }
    heap_raise(h, EXC_ValueError, "could not convert string to float: %s",
               msg.data ? msg.data : "");
    strbuf_free(&msg);
    return NULLREF;
}

/* ------------------------------------------------------------------ */
/* arithmetic                                                          */

/* Fetch both operands as doubles: 1 ok, 0 NotImplemented, -1 error. */
static int coerce2(Heap *h, Ref a, Ref b, double *x, double *y)
{
    int ra = float_coerce(h, a, x);
    if (ra <= 0)
        return ra;
    return float_coerce(h, b, y);
}

/* Common prologue of the binary slots: returns 0 with *RES set when the
 * operation cannot proceed (NotImplemented or error). */
#define FLOAT_OPERANDS(h, a, b, x, y)                                       \
    double x, y;                                                            \
    do {                                                                    \
        int rc_ = coerce2(h, a, b, &x, &y);                                 \
        if (rc_ == 0)                                                       \
            return heap_newref(h, h->notimpl);                              \
        if (rc_ < 0)                                                        \
            return NULLREF;                                                 \
    } while (0)

/* a + b. */
static Ref float_add(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    return float_from_double(h, x + y);
}

/* a - b. */
static Ref float_sub(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    return float_from_double(h, x - y);
}

/* a * b. */
static Ref float_mul(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    return float_from_double(h, x * y);
}

/* a / b. */
static Ref float_div(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    if (y == 0.0)
        return heap_raise(h, EXC_ZeroDivisionError, "float division by zero");
    return float_from_double(h, x / y);
}

/* a % b (float_rem). */
static Ref float_rem(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    if (y == 0.0)
        return heap_raise(h, EXC_ZeroDivisionError, "%s", h->prof->zdiv_float_mod);
    double mod = fmod(x, y);
    if (mod) {
        if ((y < 0) != (mod < 0))
            mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return float_from_double(h, mod);
}

/* _float_div_mod: floor quotient and remainder of X by nonzero Y. */
static void div_mod(double x, double y, double *floordiv, double *mod)
{
    *mod = fmod(x, y);
    double div = (x - *mod) / y;
    if (*mod) {
        if ((y < 0) != (*mod < 0)) {
            *mod += y;
            div -= 1.0;
        }
    } else {
        *mod = copysign(0.0, y);
    }
    if (div) {
        *floordiv = floor(div);
        if (div - *floordiv > 0.5)
            *floordiv += 1.0;
    } else {
        *floordiv = copysign(0.0, x / y);
    }
}

/* a // b. */
static Ref float_floordiv(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    if (y == 0.0)
        return heap_raise(h, EXC_ZeroDivisionError, "%s", h->prof->zdiv_float_floordiv);
    double q, m;
    div_mod(x, y, &q, &m);
    return float_from_double(h, q);
}

/* divmod(a, b) with a float operand. */
static Ref float_divmod(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, x, y);
    if (y == 0.0)
        return heap_raise(h, EXC_ZeroDivisionError, "float divmod()");
    double q, m;
    div_mod(x, y, &q, &m);
    Ref rq = float_from_double(h, q);
    Ref rm = rq ? float_from_double(h, m) : NULLREF;
    Ref t = rm ? tuple_pack(h, 2, rq, rm) : NULLREF;
    heap_decref(h, rq);
    heap_decref(h, rm);
    return t;
}

/* True when X is an odd integer (DOUBLE_IS_ODD_INTEGER). */
static bool odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

/* Raise OverflowError(34, 'Numerical result out of range'), errno style. */
static Ref range_error(Heap *h)
{
    Ref code = int_from_i64(h, ERANGE);
    Ref text = str_from_cstr(h, "Numerical result out of range");
    Ref args = code && text ? tuple_pack(h, 2, code, text) : NULLREF;
    heap_decref(h, code);
    heap_decref(h, text);
    Ref e = args ? exc_new_args(h, h->exc_types[EXC_OverflowError], args) : NULLREF;
    heap_decref(h, args);
    if (e) {
        heap_raise_obj(h, e);
        heap_decref(h, e);
    }
    return NULLREF;
}

/* float_pow's special cases for infinite or zero operands; true when
 * *OUT is the result (or *ERR when ZeroDivisionError applies). */
static bool pow_special(double iv, double iw, double *out, bool *err)
{
    *err = false;
    if (iw == 0) {
        *out = 1.0;
    } else if (isnan(iv)) {
        *out = iv;
    } else if (isnan(iw)) {
        *out = iv == 1.0 ? 1.0 : iw;
    } else if (isinf(iw)) {
        double av = fabs(iv);
        *out = av == 1.0 ? 1.0 : ((iw > 0.0) == (av > 1.0)) ? fabs(iw) : 0.0;
    } else if (isinf(iv)) {
        bool odd = odd_integer(iw);
        *out = iw > 0.0 ? (odd ? iv : fabs(iv)) : (odd ? copysign(0.0, iv) : 0.0);
    } else if (iv == 0.0) {
        *err = iw < 0.0;
        *out = odd_integer(iw) ? iv : 0.0;
    } else {
        return false;
    }
    return true;
}

/* a ** b (float_pow). */
static Ref float_pow(Heap *h, Ref a, Ref b)
{
    FLOAT_OPERANDS(h, a, b, iv, iw);
    double r;
    bool err;
    if (pow_special(iv, iw, &r, &err)) {
        if (err)
            return heap_raise(h, EXC_ZeroDivisionError,
                              "0.0 cannot be raised to a negative power");
        return float_from_double(h, r);
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != floor(iw))
            return complex_pow(h, a, b);
        iv = -iv;
        negate = odd_integer(iw);
    }
    if (iv == 1.0)
        return float_from_double(h, negate ? -1.0 : 1.0);
    errno = 0;
    r = pow(iv, iw);
    if (errno == 0 && isinf(r))
        errno = ERANGE;
    else if (errno == ERANGE && r == 0.0)
        errno = 0;
    if (negate)
        r = -r;
    if (errno == ERANGE)
        return range_error(h);
    if (errno)
        return heap_raise(h, EXC_ValueError, "math domain error");
    return float_from_double(h, r);
}

/* -a. */
static Ref float_neg(Heap *h, Ref a)
{
    return float_from_double(h, -h->objs[a].v.f);
}

/* +a: a itself. */
static Ref float_pos(Heap *h, Ref a)
{
    return heap_newref(h, a);
}

/* bool(a). */
static int float_truth(Heap *h, Ref a)
{
    return h->objs[a].v.f != 0.0;
}

/* ------------------------------------------------------------------ */
/* comparison                                                          */

/* X OP Y for doubles (false for NaN except !=). */
static bool cmp_doubles(double x, double y, int op)
{
    switch (op) {
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_EQ: return x == y;
    case CMP_NE: return x != y;
    case CMP_GT: return x > y;
    default: return x >= y;
    }
}

/* C (<0, 0, >0) satisfies OP. */
static bool cmp_sign(int c, int op)
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

static const int swapped_op[6] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};

/* float OP (float or int), exact for ints (float_richcompare). */
static Ref float_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!float_check(h, a)) {
        Ref t = a;
        a = b;
        b = t;
        op = swapped_op[op];
    }
    double x = float_value(h, a);
    if (float_check(h, b))
        return bool_from(h, cmp_doubles(x, float_value(h, b), op));
    if (!int_check(h, b))
        return heap_newref(h, h->notimpl);
    if (isnan(x))
        return bool_from(h, op == CMP_NE);
    return bool_from(h, cmp_sign(-int_cmp_double(h, b, x), op));
}

/* ------------------------------------------------------------------ */
/* float(...)                                                          */

/* Call O's dunder NAME on a heap type; *FOUND tells whether it exists. */
static Ref call_dunder0(Heap *h, Ref o, const char *name, bool *found)
{
    Ref t = heap_type(h, o);
    Ref fn = heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
             ? type_lookup_cstr(h, t, name) : NULLREF;
    *found = fn != 0;
    return fn ? heap_call(h, fn, &o, 1, NULLREF) : NULLREF;
}

/* PyNumber_Float(x). */
static Ref number_float(Heap *h, Ref x)
{
    Kind k = heap_kind(h, x);
    if (k == K_FLOAT)
        return heap_newref(h, x);
    if (k == K_INT || k == K_BOOL) {
        double d = int_as_double(h, x, NULL);
        return h->exc ? NULLREF : float_from_double(h, d);
    }
    if (k == K_STR) {
        size_t n;
        const char *s = str_utf8(h, x, &n);
        return float_from_str(h, s, n, x);
    }
    if (k == K_BYTES) {
        size_t n;
        const unsigned char *d = bytes_data(h, x, &n);
        return float_from_str(h, (const char *)d, n, x);
    }
    if (k == K_COMPLEX && h->prof->complex_floor_slots)
        return heap_raise(h, EXC_TypeError, "can't convert complex to float");
    bool found;
    Ref r = call_dunder0(h, x, "__float__", &found);
    if (found) {
        if (r && !float_check(h, r)) {
            heap_raise(h, EXC_TypeError, "%s.__float__ returned non-float (type %s)",
                       heap_type_name(h, x), heap_type_name(h, r));
            heap_decref(h, r);
            return NULLREF;
        }
        return r;
    }
    r = call_dunder0(h, x, "__index__", &found);
    if (found) {
        Ref f = r ? number_float(h, r) : NULLREF;
        heap_decref(h, r);
        return f;
    }
    return heap_raise(h, EXC_TypeError, "float() argument must be a string or a %s, not '%s'",
                      h->prof->real_number, heap_type_name(h, x));
}

/* float(x=0.0, /). */
static Ref float_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    if (!arg_check(h, "float", nargs, kwnames, 0, 1))
        return NULLREF;
    return nargs ? number_float(h, args[0]) : float_from_double(h, 0.0);
}

/* ------------------------------------------------------------------ */
/* methods                                                             */

static Ref float_round(Heap *h, double x, Ref ndigits);

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

/* float.is_integer(). */
static Ref m_is_integer(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("is_integer", 0, 0);
    double x = float_value(h, self);
    return bool_from(h, isfinite(x) && floor(x) == x);
}

/* float.as_integer_ratio(). */
static Ref m_as_integer_ratio(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("as_integer_ratio", 0, 0);
    double x = float_value(h, self);
    if (isinf(x))
        return heap_raise(h, EXC_OverflowError, "cannot convert Infinity to integer ratio");
    if (isnan(x))
        return heap_raise(h, EXC_ValueError, "cannot convert NaN to integer ratio");
    int exponent;
    double part = frexp(x, &exponent);
    for (int i = 0; i < 300 && part != floor(part); i++) {
        part *= 2.0;
        exponent--;
    }
    Ref num = int_from_double(h, part);
    Ref den = num ? int_from_i64(h, 1) : NULLREF;
    Ref e = den ? int_from_i64(h, exponent > 0 ? exponent : -exponent) : NULLREF;
    Ref t = NULLREF;
    if (e) {
        Ref *side = exponent > 0 ? &num : &den;
        Ref shifted = int_ops.binop[OP_LSHIFT](h, *side, e);
        heap_setref(h, side, shifted);
        if (shifted)
            t = tuple_pack(h, 2, num, den);
    }
    heap_decref(h, e);
    heap_decref(h, num);
    heap_decref(h, den);
    return t;
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

/* float.conjugate(): self. */
static Ref m_conjugate(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("conjugate", 0, 0);
    return heap_newref(h, self);
}

/* float.__float__() (a slot wrapper): self. */
static Ref m_float(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    return wrapper_noargs(h, nargs, kwnames) ? heap_newref(h, self) : NULLREF;
}

/* float.__trunc__(). */
static Ref m_trunc(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("__trunc__", 0, 0);
    return int_from_float_trunc(h, float_value(h, self));
}

/* float.__int__() (a slot wrapper). */
static Ref m_int(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!wrapper_noargs(h, nargs, kwnames))
        return NULLREF;
    return int_from_float_trunc(h, float_value(h, self));
}

/* float.__round__(ndigits=None). */
static Ref m_round(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!arg_check(h, "__round__", nargs, kwnames, 0, 1))
        return NULLREF;
    return float_round(h, float_value(h, self), nargs ? args[0] : NULLREF);
}

/* float.__format__(spec). */
static Ref m_format(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    CHECK_ARGS("__format__", 1, 1);
    if (!str_check(h, args[0]))
        return heap_raise(h, EXC_TypeError, "__format__() argument must be str, not %s",
                          heap_type_name(h, args[0]));
    return obj_format(h, self, args[0]);
}

/* float.__sizeof__(). */
static Ref m_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("__sizeof__", 0, 0);
    return int_from_i64(h, (int64_t)float_sizeof(h, self));
}

/* float.hex(). */
static Ref m_hex(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    CHECK_ARGS("hex", 0, 0);
    double x = float_value(h, self);
    StrBuf b = {0};
    if (isnan(x) || isinf(x)) {
        format_float_repr(&b, x);
    } else if (x == 0.0) {
        strbuf_puts(&b, copysign(1.0, x) == -1.0 ? "-0x0.0p+0" : "0x0.0p+0");
    } else {
        int e;
        double m = frexp(fabs(x), &e);
        int shift = 1 - (DBL_MIN_EXP - e > 0 ? DBL_MIN_EXP - e : 0);
        m = ldexp(m, shift);
        e -= shift;
        strbuf_puts(&b, x < 0 ? "-0x" : "0x");
        strbuf_putc(&b, "0123456789abcdef"[(int)m]);
        m -= (int)m;
        strbuf_putc(&b, '.');
        for (int i = 0; i < 13; i++) {
            m *= 16.0;
            strbuf_putc(&b, "0123456789abcdef"[(int)m]);
            m -= (int)m;
        }
        strbuf_printf(&b, "p%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

static const MethodDef float_methods[] = {
    {"is_integer", m_is_integer, "Return True if the float is an integer."},
    {"as_integer_ratio", m_as_integer_ratio, "Return integer ratio."},
    {"conjugate", m_conjugate, "Return self, the complex conjugate of any float."},
    {"hex", m_hex, "Return a hexadecimal representation of a floating-point number."},
    {"__float__", m_float, NULL},
    {"__trunc__", m_trunc, NULL},
    {"__int__", m_int, NULL},
    {"__round__", m_round, NULL},
    {"__format__", m_format, NULL},
    {"__sizeof__", m_sizeof, NULL},
    {NULL, NULL, NULL},
};

/* Attributes real/imag, then the methods. */
static Ref float_getattr(Heap *h, Ref self, Ref name)
{
    if (str_eq_cstr(h, name, "real"))
        return heap_newref(h, self);
    if (str_eq_cstr(h, name, "imag"))
        return float_from_double(h, 0.0);
    for (const MethodDef *m = float_methods; m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_new(h, m, self, NULLREF);
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, self), str_utf8(h, name, NULL));
}

const TypeOps float_ops = {
    .name = "float", .basetype = 1,
    .sizeof_ = float_sizeof, .dealloc = float_dealloc,
    .repr = float_repr, .str = float_repr, .hash = float_hash,
    .richcompare = float_richcompare,
    .binop = {
        [OP_ADD] = float_add, [OP_SUB] = float_sub, [OP_MUL] = float_mul,
        [OP_TRUEDIV] = float_div, [OP_FLOORDIV] = float_floordiv, [OP_MOD] = float_rem,
        [OP_POW] = float_pow,
    },
    .unary = {float_neg, float_pos, NULL},
    .truth = float_truth,
    .getattr = float_getattr,
    .new_ = float_new,
    .methods = float_methods,
};

/* ------------------------------------------------------------------ */
/* numeric builtins                                                    */

/* True when O is an instance of a class statement's class. */
static bool heap_instance(const Heap *h, Ref o)
{
    Ref t = heap_type(h, o);
    return heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype;
}

/* Call O's dunder NAME with ARGS when O's class defines it; *FOUND. */
static Ref call_dunder(Heap *h, Ref o, const char *name, const Ref *args, size_t n,
                       bool *found)
{
    *found = false;
    if (!heap_instance(h, o))
        return NULLREF;
    Ref fn = type_lookup_cstr(h, heap_type(h, o), name);
    if (!fn)
        return NULLREF;
    *found = true;
    Ref buf[3] = {o, n > 0 ? args[0] : 0, n > 1 ? args[1] : 0};
    return heap_call(h, fn, buf, n + 1, NULLREF);
}

/* divmod(a, b) for ints and floats (and user classes' __divmod__). */
Ref num_divmod(Heap *h, Ref a, Ref b)
{
    bool found;
    Ref r = call_dunder(h, a, "__divmod__", &b, 1, &found);
    if (found && r != h->notimpl)
        return r;
    heap_decref(h, r);
    r = call_dunder(h, b, "__rdivmod__", &a, 1, &found);
    if (found && r != h->notimpl)
        return r;
    heap_decref(h, r);
    if (int_check(h, a) && int_check(h, b))
        return int_divmod(h, a, b);
    bool cplx = complex_check(h, a) || complex_check(h, b);
    if (cplx && h->prof->complex_floor_slots)
        return heap_raise(h, EXC_TypeError, "can't take floor or mod of complex number.");
    if (!cplx) {
        r = float_divmod(h, a, b);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
    }
    return heap_raise(h, EXC_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                      heap_type_name(h, a), heap_type_name(h, b));
}

/* One kind's nb_power slot applied to (a, b, m), CPython's long_pow,
 * float_pow or complex_pow with a modulus; NotImplemented when it does not
 * apply. */
static Ref power_slot(Heap *h, Kind k, Ref a, Ref b, Ref m)
{
    switch (k) {
    case K_INT:
    case K_BOOL:
        return int_pow3(h, a, b, m);
    case K_FLOAT:
        return heap_raise(h, EXC_TypeError,
                          "pow() 3rd argument not allowed unless all arguments are integers");
    case K_COMPLEX: {
        double x;
        bool na = !complex_check(h, a) && float_coerce(h, a, &x) == 0;
        bool nb = !complex_check(h, b) && float_coerce(h, b, &x) == 0;
        if (h->exc)
            return NULLREF;
        if (na || nb)
            return heap_newref(h, h->notimpl);
        return heap_raise(h, EXC_ValueError, "complex modulo");
    }
    default:
        return heap_newref(h, h->notimpl);
    }
}

/* pow(a, b, m) of numbers; M is 0 (or None) for two-argument pow.  With a
 * modulus this is CPython's ternary_op: the nb_power slots of a's, b's and
 * m's types in turn, each distinct slot tried once. */
Ref num_power(Heap *h, Ref a, Ref b, Ref m)
{
    if (!m || m == h->none)
        return obj_binop(h, a, b, OP_POW);
    bool found;
    Ref args[2] = {b, m};
    Ref r = call_dunder(h, a, "__pow__", args, 2, &found);
    if (found && r != h->notimpl)
        return r;
    heap_decref(h, r);
    Ref ops[3] = {a, b, m};
    Kind slot[3];
    for (int i = 0; i < 3; i++) {
        Kind k = heap_kind(h, ops[i]);
        slot[i] = k == K_BOOL ? K_INT : k;   /* bool inherits int's nb_power */
        bool seen = false;
        for (int j = 0; j < i; j++)
            seen |= slot[j] == slot[i];
        if (seen)
            continue;
        r = power_slot(h, slot[i], a, b, m);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
    }
    return heap_raise(h, EXC_TypeError, "unsupported operand type(s) for %s: '%s', '%s', '%s'",
                      h->prof->pow3_op_name, heap_type_name(h, a), heap_type_name(h, b),
                      heap_type_name(h, m));
}

/* abs(x). */
Ref num_abs(Heap *h, Ref x)
{
    bool found;
    Ref r = call_dunder(h, x, "__abs__", NULL, 0, &found);
    if (found)
        return r;
    switch (heap_kind(h, x)) {
    case K_INT:
    case K_BOOL:
        return int_abs(h, x);
    case K_FLOAT:
        return float_from_double(h, fabs(float_value(h, x)));
    case K_COMPLEX:
        return complex_abs(h, x);
    default:
        return heap_raise(h, EXC_TypeError, "bad operand type for abs(): '%s'",
                          heap_type_name(h, x));
    }
}

/* round(x) of a float to the nearest int, ties to even. */
static Ref round_to_int(Heap *h, double x)
{
    double r = round(x);
    if (fabs(x - r) == 0.5)
        r = 2.0 * round(x / 2.0);
    return int_from_double(h, r);
}

/* double_round: X rounded to NDIGITS decimal places through the correctly
 * rounded decimal string, like CPython with short float repr. */
static Ref round_digits(Heap *h, double x, long ndigits)
{
    int e;
    double m = frexp(fabs(x), &e);
    mpz_t num, den, p, q, rem;
    mpz_inits(num, den, p, q, rem, NULL);
    mpz_set_d(num, ldexp(m, DBL_MANT_DIG));
    e -= DBL_MANT_DIG;
    mpz_set_ui(den, 1);
    if (e >= 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    mpz_ui_pow_ui(p, 10, (unsigned long)labs(ndigits));
    if (ndigits >= 0)
        mpz_mul(num, num, p);
    else
        mpz_mul(den, den, p);
    mpz_fdiv_qr(q, rem, num, den);
    mpz_mul_2exp(rem, rem, 1);
    int c = mpz_cmp(rem, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    char *digits = mpz_get_str(NULL, 10, q);
    StrBuf b = {0};
    strbuf_printf(&b, "%s0%se%ld", signbit(x) ? "-" : "", mpz_sgn(q) ? digits : "", -ndigits);
    void (*freefn)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefn);
    freefn(digits, strlen(digits) + 1);
    mpz_clears(num, den, p, q, rem, NULL);
    errno = 0;
    double r = strtod(b.data, NULL);
    strbuf_free(&b);
    if (errno == ERANGE && fabs(r) >= 1.0)
        return heap_raise(h, EXC_OverflowError, "rounded value too large to represent");
    return float_from_double(h, r);
}

/* round(float, ndigits) (float___round___impl). */
static Ref float_round(Heap *h, double x, Ref ndigits)
{
    if (!ndigits || ndigits == h->none)
        return round_to_int(h, x);
    int64_t n;
    if (obj_as_index(h, ndigits, &n) < 0) {
        if (!heap_exc_matches(h, EXC_IndexError))
            return NULLREF;
        heap_clear_exc(h);
        n = int_sign(h, ndigits) < 0 ? INT64_MIN : INT64_MAX;
    }
    if (!isfinite(x))
        return float_from_double(h, x);
    const long ndigits_max = (long)((DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103);
    const long ndigits_min = -(long)((DBL_MAX_EXP + 1) * 0.30103);
    if (n > ndigits_max)
        return float_from_double(h, x);
    if (n < ndigits_min)
        return float_from_double(h, 0.0 * x);
    if (x == 0.0)
        return float_from_double(h, x);
    return round_digits(h, x, (long)n);
}

/* round(x, ndigits) of an int, bool or float (or a class's __round__). */
Ref num_round(Heap *h, Ref x, Ref ndigits)
{
    if (ndigits == h->none)
        ndigits = NULLREF;
    bool found;
    Ref r = call_dunder(h, x, "__round__", &ndigits, ndigits ? 1 : 0, &found);
    if (found)
        return r;
    switch (heap_kind(h, x)) {
    case K_INT:
    case K_BOOL:
        return int_round(h, x, ndigits);
    case K_FLOAT:
        return float_round(h, float_value(h, x), ndigits);
    default:
        return heap_raise(h, EXC_TypeError, "type %s doesn't define __round__ method",
                          heap_type_name(h, x));
    }
}
