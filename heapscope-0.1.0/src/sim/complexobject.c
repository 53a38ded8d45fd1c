/* complex objects (CPython's Objects/complexobject.c).
 *
 * Operands are converted like TO_COMPLEX: a complex as is, a float or an
 * int (through int_as_double) as (x, 0.0); anything else answers
 * NotImplemented.  Products, quotients and powers use CPython's _Py_c_prod,
 * _Py_c_quot (Smith's algorithm), c_powu/c_powi for small integral
 * exponents and _Py_c_pow otherwise, with errno-style ZeroDivisionError
 * and OverflowError.  3.8 still had //, % and divmod slots that raised
 * complex-specific TypeErrors (Profile.complex_floor_slots). */
#include "sim/complexobject.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/floatobject.h"
#include "sim/format.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/unicodectype.h"
#include "util/xalloc.h"

#define COMPLEX_SIZE 32        /* sizeof(PyComplexObject) */
#define HASH_IMAG 1000003ULL   /* _PyHASH_IMAG */

/* ------------------------------------------------------------------ */
/* allocation                                                          */

/* A new complex real+imag*j. */
Ref complex_from_doubles(Heap *h, double real, double imag)
{
    uint64_t a = heap_mem_alloc(h, COMPLEX_SIZE);
    if (!a)
        return NULLREF;
    Ref r = heap_new_slot(h, K_COMPLEX, h->type_of_kind[K_COMPLEX], a);
    Complex *c = xmalloc(sizeof *c);
    c->real = real;
    c->imag = imag;
    h->objs[r].v.p = c;
    return r;
}

/* A new complex of value C. */
static Ref from_c(Heap *h, Complex c)
{
    return complex_from_doubles(h, c.real, c.imag);
}

/* Free the host payload. */
static void complex_release(Heap *h, Ref r)
{
    free(h->objs[r].v.p);
    h->objs[r].v.p = NULL;
}

/* Copy the payload for heap_clone. */
static void complex_clone(const Heap *src, Heap *dst, Ref r, CloneMap *map)
{
    (void)map;
    dst->objs[r].v.p = clone_memdup(src->objs[r].v.p, sizeof(Complex));
}

/* complex_dealloc. */
static void complex_dealloc(Heap *h, Ref r)
{
    complex_release(h, r);
    heap_mem_free(h, h->objs[r].addr);
    heap_free_slot(h, r);
}

/* sys.getsizeof(complex). */
static size_t complex_sizeof(Heap *h, Ref r)
{
    (void)r;
    return h->prof->complex_size;
}

/* ------------------------------------------------------------------ */
/* C-level arithmetic (_Py_c_*)                                        */

/* TO_COMPLEX: 1 with *OUT set, 0 for non-numbers, -1 on OverflowError. */
static int to_complex(Heap *h, Ref r, Complex *out)
{
    if (complex_check(h, r)) {
        *out = complex_value(h, r);
        return 1;
    }
    out->imag = 0.0;
    return float_coerce(h, r, &out->real);
}

/* _Py_c_prod. */
static Complex c_prod(Complex a, Complex b)
{
    return (Complex){a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

/* _Py_c_quot (errno EDOM for a zero divisor). */
static Complex c_quot(Complex a, Complex b)
{
    double abs_breal = fabs(b.real), abs_bimag = fabs(b.imag);
    Complex r;
    if (abs_breal >= abs_bimag) {
        if (abs_breal == 0.0) {
            errno = EDOM;
            r.real = r.imag = 0.0;
        } else {
            double ratio = b.imag / b.real, denom = b.real + b.imag * ratio;
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bimag >= abs_breal) {
        double ratio = b.real / b.imag, denom = b.real * ratio + b.imag;
        r.real = (a.real * ratio + a.imag) / denom;
        r.imag = (a.imag * ratio - a.real) / denom;
    } else {
        r.real = r.imag = NAN;
    }
    return r;
}

/* _Py_c_pow. */
static Complex c_pow(Complex a, Complex b)
{
    Complex r;
    if (b.real == 0.0 && b.imag == 0.0) {
        r.real = 1.0;
        r.imag = 0.0;
    } else if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0)
            errno = EDOM;
        r.real = r.imag = 0.0;
    } else {
        double vabs = hypot(a.real, a.imag), len = pow(vabs, b.real);
        double at = atan2(a.imag, a.real), phase = at * b.real;
        if (b.imag != 0.0) {
            len /= exp(at * b.imag);
            phase += b.imag * log(vabs);
        }
        r.real = len * cos(phase);
        r.imag = len * sin(phase);
    }
    return r;
}

/* c_powu: X ** N for N >= 1 by repeated squaring. */
static Complex c_powu(Complex x, long n)
{
    Complex r = {1.0, 0.0}, p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask)
            r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}

/* c_powi: X ** N for an integral N. */
static Complex c_powi(Complex x, long n)
{
    if (n > 100 || n < -100)
        return c_pow(x, (Complex){(double)n, 0.0});
    if (n > 0)
        return c_powu(x, n);
    return c_quot((Complex){1.0, 0.0}, c_powu(x, -n));
}

/* ------------------------------------------------------------------ */
/* slots                                                               */

/* Fetch both operands: 1 ok, 0 NotImplemented, -1 error. */
static int operands(Heap *h, Ref a, Ref b, Complex *x, Complex *y)
{
    int ra = to_complex(h, a, x);
    if (ra <= 0)
        return ra;
    return to_complex(h, b, y);
}

/* The prologue of every binary slot. */
#define COMPLEX_OPERANDS(h, a, b, x, y)                                     \
    Complex x, y;                                                           \
    do {                                                                    \
        int rc_ = operands(h, a, b, &x, &y);                                \
        if (rc_ == 0)                                                       \
            return heap_newref(h, h->notimpl);                              \
        if (rc_ < 0)                                                        \
            return NULLREF;                                                 \
    } while (0)

/* a + b. */
static Ref complex_add(Heap *h, Ref a, Ref b)
{
    COMPLEX_OPERANDS(h, a, b, x, y);
    return complex_from_doubles(h, x.real + y.real, x.imag + y.imag);
}

/* a - b. */
static Ref complex_sub(Heap *h, Ref a, Ref b)
{
    COMPLEX_OPERANDS(h, a, b, x, y);
    return complex_from_doubles(h, x.real - y.real, x.imag - y.imag);
}

/* a * b. */
static Ref complex_mul(Heap *h, Ref a, Ref b)
{
    COMPLEX_OPERANDS(h, a, b, x, y);
    return from_c(h, c_prod(x, y));
}

/* a / b. */
static Ref complex_div(Heap *h, Ref a, Ref b)
{
    COMPLEX_OPERANDS(h, a, b, x, y);
    errno = 0;
    Complex q = c_quot(x, y);
    if (errno == EDOM)
        return heap_raise(h, EXC_ZeroDivisionError, "complex division by zero");
    return from_c(h, q);
}

/* 3.8's complex // (a TypeError whatever the other operand); NotImplemented later. */
static Ref complex_floordiv(Heap *h, Ref a, Ref b)
{
    (void)a;
    (void)b;
    if (!h->prof->complex_floor_slots)
        return heap_newref(h, h->notimpl);
    return heap_raise(h, EXC_TypeError, "can't take floor of complex number.");
}

/* 3.8's complex % (a TypeError whatever the other operand); NotImplemented later. */
static Ref complex_mod(Heap *h, Ref a, Ref b)
{
    (void)a;
    (void)b;
    if (!h->prof->complex_floor_slots)
        return heap_newref(h, h->notimpl);
    return heap_raise(h, EXC_TypeError, "can't mod complex numbers.");
}

/* a ** b for numbers of which at least one is complex (complex_pow). */
Ref complex_pow(Heap *h, Ref a, Ref b)
{
    COMPLEX_OPERANDS(h, a, b, x, y);
    errno = 0;
    Complex p;
    if (y.imag == 0.0 && y.real == floor(y.real) && fabs(y.real) <= 100.0)
        p = c_powi(x, (long)y.real);
    else
        p = c_pow(x, y);
    if (isinf(p.real) || isinf(p.imag)) {
        if (errno == 0)
            errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0;
    }
    if (errno == EDOM)
        return heap_raise(h, EXC_ZeroDivisionError, "0.0 to a negative or complex power");
    if (errno == ERANGE)
        return heap_raise(h, EXC_OverflowError, "complex exponentiation");
    return from_c(h, p);
}

/* -a. */
static Ref complex_neg(Heap *h, Ref a)
{
    Complex c = complex_value(h, a);
    return complex_from_doubles(h, -c.real, -c.imag);
}

/* +a: a itself. */
static Ref complex_pos(Heap *h, Ref a)
{
    return heap_newref(h, a);
}

/* abs(c) (_Py_c_abs; OverflowError "absolute value too large"). */
Ref complex_abs(Heap *h, Ref r)
{
    Complex c = complex_value(h, r);
    double result;
    if (!isfinite(c.real) || !isfinite(c.imag)) {
        result = isinf(c.real) ? fabs(c.real) : isinf(c.imag) ? fabs(c.imag) : NAN;
    } else {
        result = hypot(c.real, c.imag);
        if (!isfinite(result))
            return heap_raise(h, EXC_OverflowError, "absolute value too large");
    }
    return float_from_double(h, result);
}

/* bool(c). */
static int complex_truth(Heap *h, Ref r)
{
    Complex c = complex_value(h, r);
    return c.real != 0.0 || c.imag != 0.0;
}

/* hash(c): hash(real) + 1000003 * hash(imag). */
static int complex_hash(Heap *h, Ref r, int64_t *out)
{
    Complex c = complex_value(h, r);
    uint64_t hr = (uint64_t)float_hash_double(h, r, c.real);
    uint64_t hi = (uint64_t)float_hash_double(h, r, c.imag);
    uint64_t v = hr + HASH_IMAG * hi;
    *out = v == (uint64_t)-1 ? -2 : (int64_t)v;
    return 0;
}

/* == and != with complex, float and int operands on either side. */
static Ref complex_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (op != CMP_EQ && op != CMP_NE)
        return heap_newref(h, h->notimpl);
    if (!complex_check(h, a)) {
        Ref t = a;
        a = b;
        b = t;
    }
    Complex c = complex_value(h, a);
    bool equal;
    if (int_check(h, b))
        equal = c.imag == 0.0 && !isnan(c.real) && int_cmp_double(h, b, c.real) == 0;
    else if (float_check(h, b))
        equal = c.real == float_value(h, b) && c.imag == 0.0;
    else if (complex_check(h, b))
        equal = c.real == complex_value(h, b).real && c.imag == complex_value(h, b).imag;
    else
        return heap_newref(h, h->notimpl);
    return bool_from(h, equal == (op == CMP_EQ));
}

/* repr(c) == str(c). */
static Ref complex_repr(Heap *h, Ref r)
{
    Complex c = complex_value(h, r);
    StrBuf b = {0};
    format_complex_repr(&b, c.real, c.imag);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* ------------------------------------------------------------------ */
/* complex(...)                                                        */

/* Parse one float at *P (up to END) into *X; false when none. */
static bool take_float(const char **p, const char *end, double *x)
{
    size_t n = float_scan(*p, end);
    if (!n)
        return false;
    char *tmp = xstrndup(*p, n);
    const char *q = tmp + (*tmp == '+' || *tmp == '-');
    if ((*q | 0x20) == 'i')
        *x = *tmp == '-' ? -INFINITY : INFINITY;
    else if ((*q | 0x20) == 'n')
        *x = *tmp == '-' ? -NAN : NAN;
    else
        *x = strtod(tmp, NULL);
    free(tmp);
    *p += n;
    return true;
}

/* Py_ISSPACE. */
static bool ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* complex_from_string_inner on ASCII text [S, END). */
static bool parse_complex(const char *s, const char *end, Complex *out)
{
    double x = 0.0, y = 0.0, z;
    while (s < end && ascii_space(*s))
        s++;
    bool paren = s < end && *s == '(';
    if (paren)
        for (s++; s < end && ascii_space(*s); s++) {}
    const char *start = s;
    if (take_float(&s, end, &z)) {
        if (s < end && (*s == '+' || *s == '-')) {
            x = z;
            const char *t = s;
            if (take_float(&s, end, &y)) {
            } else {
                y = *t == '+' ? 1.0 : -1.0;
                s = t + 1;
            }
            if (!(s < end && (*s == 'j' || *s == 'J')))
                return false;
            s++;
        } else if (s < end && (*s == 'j' || *s == 'J')) {
            y = z;
            s++;
        } else {
            x = z;
        }
    } else {
        if (s < end && (*s == '+' || *s == '-'))
            y = *s++ == '+' ? 1.0 : -1.0;
        else
            y = 1.0;
        if (!(s < end && (*s == 'j' || *s == 'J')))
            return false;
        s++;
    }
    (void)start;
    while (s < end && ascii_space(*s))
        s++;
    if (paren) {
        if (!(s < end && *s == ')'))
            return false;
        for (s++; s < end && ascii_space(*s); s++) {}
    }
    *out = (Complex){x, y};
    return s == end;
}

/* complex(str): Unicode spaces and decimal digits become ASCII first. */
static Ref complex_from_str(Heap *h, Ref o)
{
    size_t n;
    const char *u = str_utf8(h, o, &n);
    StrBuf a = {0}, clean = {0};
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += (size_t)utf8_decode1((const unsigned char *)u + i, &cp);
        char c = cp < 0x80 ? (char)cp : uni_is(cp, UNI_SPACE) ? ' ' : '?';
        if (cp >= 0x80 && uni_is(cp, UNI_DECIMAL)) {
            uint32_t lo = cp;
            while (uni_is(lo - 1, UNI_DECIMAL) && cp - lo < 60)
                lo--;
            c = (char)('0' + (cp - lo) % 10);
        }
        strbuf_putc(&a, c);
    }
    const char *t = a.data ? a.data : "";
    Complex c;
    bool under = float_strip_underscores(t, a.len, &clean);
    const char *ct = clean.data ? clean.data : "";
    bool ok = under && memchr(ct, '\0', clean.len) == NULL
              && parse_complex(ct, ct + clean.len, &c);
    strbuf_free(&a);
    strbuf_free(&clean);
    if (ok)
        return from_c(h, c);
    if (!under) {
        StrBuf r = {0};
        str_repr_into(h, o, &r);
        heap_raise(h, EXC_ValueError, "could not convert string to complex: %s", r.data);
        strbuf_free(&r);
        return NULLREF;
    }
    return heap_raise(h, EXC_ValueError, "complex() arg is a malformed string");
}

/* The __complex__/__float__/__index__ method of a class statement's
 * instance O, or 0. */
static Ref user_method(Heap *h, Ref o, const char *name)
{
    Ref t = heap_type(h, o);
    if (heap_kind(h, t) != K_TYPE || !type_data(h, t)->heaptype)
        return NULLREF;
    return type_lookup_cstr(h, t, name);
}

/* The value of complex()'s argument X in *OUT: 1 when it is a number
 * (*IS_COMPLEX when a complex one, via __complex__ too when DUNDER), 0
 * when it is not a number (no exception), -1 on error. */
static int complex_arg(Heap *h, Ref x, bool dunder, Complex *out, bool *is_complex)
{
    *is_complex = false;
    if (complex_check(h, x)) {
        *out = complex_value(h, x);
        *is_complex = true;
        return 1;
    }
    Ref fn = dunder ? user_method(h, x, "__complex__") : NULLREF;
    if (fn) {
        Ref r = heap_call(h, fn, &x, 1, NULLREF);
        if (!r)
            return -1;
        int rc = complex_check(h, r) ? 1 : -1;
        if (rc > 0)
            *out = complex_value(h, r), *is_complex = true;
        else
            heap_raise(h, EXC_TypeError, "__complex__ returned non-complex (type %s)",
                       heap_type_name(h, r));
        heap_decref(h, r);
        return rc;
    }
    out->imag = 0.0;
    int rc = float_coerce(h, x, &out->real);
    if (rc != 0)
        return rc;
    if (!user_method(h, x, "__float__") && !user_method(h, x, "__index__"))
        return 0;
    Ref f = float_ops.new_(h, h->type_of_kind[K_FLOAT], &x, 1, NULLREF);
    if (!f)
        return -1;
    out->real = float_value(h, f);
    heap_decref(h, f);
    return 1;
}

/* Collect complex()'s real/imag arguments from positional and keyword
 * arguments; false with CPython's TypeError. */
static bool complex_args(Heap *h, const Ref *args, size_t nargs, Ref kwnames, Ref *r, Ref *i)
{
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (nargs + nkw > 2) {
        heap_raise(h, EXC_TypeError, "complex() takes at most 2 arguments (%zu given)",
                   nargs + nkw);
        return false;
    }
    *r = nargs > 0 ? args[0] : NULLREF;
    *i = nargs > 1 ? args[1] : NULLREF;
    for (size_t k = 0; k < nkw; k++) {
        Ref name = tuple_items(h, kwnames)[k];
        bool is_real = str_eq_cstr(h, name, "real");
        if (!is_real && !str_eq_cstr(h, name, "imag")) {
            if (h->prof->clinic_kw_errors_313)
                heap_raise(h, EXC_TypeError, "complex() got an unexpected keyword argument '%s'",
                           str_utf8(h, name, NULL));
            else
                heap_raise(h, EXC_TypeError, "'%s' is an invalid keyword argument for complex()",
                           str_utf8(h, name, NULL));
            return false;
        }
        Ref *slot = is_real ? r : i;
        if (*slot) {
            heap_raise(h, EXC_TypeError,
                       "argument for complex() given by name ('%s') and position (%d)",
                       is_real ? "real" : "imag", is_real ? 1 : 2);
            return false;
        }
        *slot = args[nargs + k];
    }
    return true;
}

/* complex(real=0, imag=0). */
static Ref complex_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    Ref r, i;
    if (!complex_args(h, args, nargs, kwnames, &r, &i))
        return NULLREF;
    if (!r)
        r = h->small_ints[0 - h->prof->small_int_min];
    if (str_check(h, r)) {
        if (i)
            return heap_raise(h, EXC_TypeError,
                              "complex() can't take second arg if first is a string");
        return complex_from_str(h, r);
    }
    if (i && str_check(h, i))
        return heap_raise(h, EXC_TypeError, "complex() second arg can't be a string");
    if (complex_check(h, r) && !i)
        return heap_newref(h, r);
    Complex cr, ci = {0.0, 0.0};
    bool cr_complex, ci_complex = false;
    int rc = complex_arg(h, r, true, &cr, &cr_complex);
    if (rc == 0)
        return heap_raise(h, EXC_TypeError,
                          "complex() first argument must be a string or a number, not '%s'",
                          heap_type_name(h, r));
    if (rc < 0)
        return NULLREF;
    if (!i) {
        ci.real = cr.imag;
    } else {
        rc = complex_arg(h, i, false, &ci, &ci_complex);
        if (rc == 0)
            return heap_raise(h, EXC_TypeError,
                              "complex() second argument must be a number, not '%s'",
                              heap_type_name(h, i));
        if (rc < 0)
            return NULLREF;
    }
    if (ci_complex)
        cr.real -= ci.imag;
    if (cr_complex && i)
        ci.real += cr.imag;
    return complex_from_doubles(h, cr.real, ci.real);
}

/* ------------------------------------------------------------------ */
/* methods                                                             */

/* complex.conjugate(). */
static Ref m_conjugate(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    const char *fn = h->prof->method_qualname_errors ? "complex.conjugate" : "conjugate";
    if (!arg_check(h, fn, nargs, kwnames, 0, 0))
        return NULLREF;
    Complex c = complex_value(h, self);
    return complex_from_doubles(h, c.real, -c.imag);
}

/* complex.__format__(spec). */
static Ref m_format(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    const char *fn = h->prof->method_qualname_errors ? "complex.__format__" : "__format__";
    if (!arg_check(h, fn, nargs, kwnames, 1, 1))
        return NULLREF;
    if (!str_check(h, args[0]))
        return heap_raise(h, EXC_TypeError, "__format__() argument must be str, not %s",
                          heap_type_name(h, args[0]));
    return obj_format(h, self, args[0]);
}

/* complex.__sizeof__(). */
static Ref m_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    const char *fn = h->prof->method_qualname_errors ? "complex.__sizeof__" : "__sizeof__";
    if (!arg_check(h, fn, nargs, kwnames, 0, 0))
        return NULLREF;
    return int_from_i64(h, (int64_t)complex_sizeof(h, self));
}

/* 3.8's complex.__int__(): always a TypeError. */
static Ref m_no_int(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return heap_raise(h, EXC_TypeError, "can't convert complex to int");
}

/* 3.8's complex.__float__(): always a TypeError. */
static Ref m_no_float(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args, (void)nargs, (void)kwnames;
    return heap_raise(h, EXC_TypeError, "can't convert complex to float");
}

static const MethodDef complex_methods[] = {
    {"conjugate", m_conjugate, "Return the complex conjugate of its argument."},
    {"__format__", m_format, NULL},
    {"__sizeof__", m_sizeof, NULL},
    {NULL, NULL, NULL},
};

/* 3.8's conversion methods that exist only to raise. */
static const MethodDef complex_methods_38[] = {
    {"__int__", m_no_int, NULL},
    {"__float__", m_no_float, NULL},
    {NULL, NULL, NULL},
};

/* Attributes real/imag, then the methods. */
static Ref complex_getattr(Heap *h, Ref self, Ref name)
{
    if (str_eq_cstr(h, name, "real"))
        return float_from_double(h, complex_value(h, self).real);
    if (str_eq_cstr(h, name, "imag"))
        return float_from_double(h, complex_value(h, self).imag);
    for (const MethodDef *m = complex_methods; m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_new(h, m, self, NULLREF);
    for (const MethodDef *m = complex_methods_38; h->prof->complex_floor_slots && m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_new(h, m, self, NULLREF);
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, self), str_utf8(h, name, NULL));
}

const TypeOps complex_ops = {
    .name = "complex", .basetype = 1,
    .sizeof_ = complex_sizeof, .dealloc = complex_dealloc, .release = complex_release,
    .clone = complex_clone,
    .repr = complex_repr, .str = complex_repr, .hash = complex_hash,
    .richcompare = complex_richcompare,
    .binop = {
        [OP_ADD] = complex_add, [OP_SUB] = complex_sub, [OP_MUL] = complex_mul,
        [OP_TRUEDIV] = complex_div, [OP_FLOORDIV] = complex_floordiv, [OP_MOD] = complex_mod,
        [OP_POW] = complex_pow,
    },
    .unary = {complex_neg, complex_pos, NULL},
    .truth = complex_truth,
    .getattr = complex_getattr,
    .new_ = complex_new,
    .methods = complex_methods,
};
