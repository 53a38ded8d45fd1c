/* Tests of the numeric kinds (int, bool, float, complex) and format specs.
 *
 * "Table" runs the differential sample in check_numbers_data.h (results
 * of the real interpreters) through the simulation for every profile.
 * The other cases pin what only the simulated heap shows: sys.getsizeof,
 * the small-int cache and 3.8's uncached paths, object identity, CPython's
 * request sizes for int results (measured with tracemalloc), the float
 * free list, and the version-specific limits and hashes. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_numbers_data.h"
#include "check_suites.h"
#include "session/session.h"
#include "sim/abstract.h"
#include "sim/complexobject.h"
#include "sim/excobject.h"
#include "sim/floatobject.h"
#include "sim/format.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/strobject.h"

static const char *const versions[] = {"3.8", "3.11", "3.12", "3.13"};

/* ------------------------------------------------------------------ */
/* helpers                                                             */

/* An int parsed from decimal text. */
static Ref mkint(Heap *h, const char *s)
{
    Ref r = int_from_str(h, s, strlen(s), 10);
    ck_assert_msg(r != 0, "int_from_str(%s)", s);
    return r;
}

/* A float parsed like float(s). */
static Ref mkfloat(Heap *h, const char *s)
{
    Ref r = float_from_str(h, s, strlen(s), NULLREF);
    ck_assert_msg(r != 0, "float_from_str(%s)", s);
    return r;
}

/* The operand described by S ("i:", "f:", "c:re:im", "b:", "s:", "n:"), or
 * 0 for "". */
static Ref operand(Heap *h, const char *s)
{
    const char *v = s + 2;
    switch (s[0]) {
    case 'i': return mkint(h, v);
    case 'f': return mkfloat(h, v);
    case 'b': return bool_from(h, atoi(v));
    case 'n': return heap_newref(h, h->none);
    case 's': return str_from_cstr(h, v);
    case 'c': {
        const char *colon = strchr(v, ':');
        Ref re = float_from_str(h, v, (size_t)(colon - v), NULLREF);
        Ref im = mkfloat(h, colon + 1);
        Ref r = complex_from_doubles(h, float_value(h, re), float_value(h, im));
        heap_decref(h, re);
        heap_decref(h, im);
        return r;
    }
    default:
        return NULLREF;
    }
}

/* Append the pending exception as "!! Type: message" and clear it. */
static void take_exception(Heap *h, StrBuf *out)
{
    Ref e = heap_fetch_exc(h);
    strbuf_puts(out, "!! ");
    if (e)
        exc_format_last_line(h, e, out);
    heap_decref(h, e);
}

/* Append repr(R) (or the exception when R is 0) and drop R. */
static void show(Heap *h, Ref r, bool text, StrBuf *out)
{
    if (!r) {
        take_exception(h, out);
        return;
    }
    Ref s = text ? heap_newref(h, r) : obj_repr(h, r);
    heap_decref(h, r);
    if (!s) {
        take_exception(h, out);
        return;
    }
    strbuf_puts(out, str_utf8(h, s, NULL));
    heap_decref(h, s);
}

static const char *const binop_names[OP_BINOP_MAX] = {
    "add", "sub", "mul", "matmul", "truediv", "floordiv", "mod", "pow",
    "lshift", "rshift", "and", "xor", "or",
};
static const char *const cmp_names[6] = {"lt", "le", "eq", "ne", "gt", "ge"};

/* Call a type's constructor slot with the given operands. */
static Ref construct(Heap *h, Kind k, Ref a, Ref b)
{
    Ref args[2] = {a, b};
    size_t n = a ? (b ? 2 : 1) : 0;
    return kind_ops[k]->new_(h, h->type_of_kind[k], args, n, NULLREF);
}

/* Call method NAME of A with the argument C (when given). */
static Ref call_method(Heap *h, Ref a, Ref name, Ref c)
{
    Ref m = obj_getattr(h, a, name);
    if (!m)
        return NULLREF;
    Ref r = obj_call(h, m, &c, c ? 1 : 0, NULLREF);
    heap_decref(h, m);
    return r;
}

/* Evaluate OP on the operands A, B, C, appending the outcome to OUT. */
static void evaluate(Heap *h, const char *op, Ref a, Ref b, Ref c, StrBuf *out)
{
    for (int i = 0; i < OP_BINOP_MAX; i++) {
        if (strcmp(op, binop_names[i]) == 0) {
            show(h, obj_binop(h, a, b, (BinOp)i), false, out);
            return;
        }
    }
    for (int i = 0; i < 6; i++) {
        if (strcmp(op, cmp_names[i]) == 0) {
            show(h, obj_richcompare(h, a, b, i), false, out);
            return;
        }
    }
    Ref r = NULLREF;
    bool text = false;
    int64_t hv;
    if (strcmp(op, "neg") == 0) r = obj_unary(h, a, OP_NEG);
    else if (strcmp(op, "pos") == 0) r = obj_unary(h, a, OP_POS);
    else if (strcmp(op, "invert") == 0) r = obj_unary(h, a, OP_INVERT);
    else if (strcmp(op, "abs") == 0) r = num_abs(h, a);
    else if (strcmp(op, "divmod") == 0) r = num_divmod(h, a, b);
    else if (strcmp(op, "pow3") == 0) r = num_power(h, a, b, c);
    else if (strcmp(op, "round") == 0) r = num_round(h, a, b);
    else if (strcmp(op, "repr") == 0) r = obj_repr(h, a), text = true;
    else if (strcmp(op, "str") == 0) r = obj_str(h, a), text = true;
    else if (strcmp(op, "format") == 0) r = obj_format(h, a, b), text = true;
    else if (strcmp(op, "hash") == 0) r = obj_hash(h, a, &hv) < 0 ? 0 : int_from_i64(h, hv);
    else if (strcmp(op, "int") == 0) r = construct(h, K_INT, a, b);
    else if (strcmp(op, "float") == 0) r = construct(h, K_FLOAT, a, b);
    else if (strcmp(op, "complex") == 0) r = construct(h, K_COMPLEX, a, b);
    else if (strcmp(op, "bool") == 0) r = construct(h, K_BOOL, a, b);
    else if (strcmp(op, "sizeof") == 0) r = int_from_i64(h, (int64_t)heap_ops(h, a)->sizeof_(h, a));
    else if (strcmp(op, "truth") == 0) r = obj_truth(h, a) ? bool_from(h, 1) : bool_from(h, 0);
    else if (strcmp(op, "getattr") == 0) r = obj_getattr(h, a, b);
    else if (strcmp(op, "call0") == 0 || strcmp(op, "call1") == 0) r = call_method(h, a, b, c);
    else if (strcmp(op, "hex") == 0) r = int_to_base_str(h, a, 16);
    else if (strcmp(op, "bin") == 0) r = int_to_base_str(h, a, 2);
    else if (strcmp(op, "oct") == 0) r = int_to_base_str(h, a, 8);
    else ck_abort_msg("unknown operation %s", op);
    show(h, r, text, out);
}

/* ------------------------------------------------------------------ */
/* the differential table                                              */

START_TEST(test_table)
{
    const char *prof = versions[_i];
    Heap *h = heap_new(profile_find(prof));
    StrBuf got = {0};
    size_t ran = 0;
    for (size_t i = 0; i < sizeof num_cases / sizeof num_cases[0]; i++) {
        const NumCase *t = &num_cases[i];
        if (strcmp(t->profile, "*") != 0 && strcmp(t->profile, prof) != 0)
            continue;
        Ref a = operand(h, t->a), b = operand(h, t->b), c = operand(h, t->c);
        strbuf_reset(&got);
        evaluate(h, t->op, a, b, c, &got);
        ck_assert_msg(strcmp(strbuf_cstr(&got), t->expected) == 0,
                      "%s: %s(%s, %s, %s): expected <%s>, got <%s>", prof, t->op, t->a, t->b,
                      t->c, t->expected, strbuf_cstr(&got));
        ck_assert_msg(h->exc == 0, "%s: %s left an exception", prof, t->op);
        heap_decref(h, a);
        heap_decref(h, b);
        heap_decref(h, c);
        ran++;
    }
    ck_assert_uint_gt(ran, 500);
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    strbuf_free(&got);
    heap_delete(h);
}
END_TEST

/* ------------------------------------------------------------------ */
/* sizes and the small-int cache                                       */

/* sys.getsizeof of the int written S. */
static size_t int_size(Heap *h, const char *s)
{
    Ref r = mkint(h, s);
    size_t n = heap_ops(h, r)->sizeof_(h, r);
    heap_decref(h, r);
    return n;
}

START_TEST(test_sizes)
{
    /* sys.getsizeof, measured: 3.8 / 3.12 */
    static const struct { const char *v; size_t s38, s312; } ints[] = {
        {"0", 24, 28}, {"1", 28, 28}, {"-1", 28, 28}, {"1073741823", 28, 28},
        {"1073741824", 32, 32}, {"1152921504606846975", 32, 32},
        {"1152921504606846976", 36, 36}, {"18446744073709551616", 36, 36},
        {"1000000000000000000000000000000", 40, 40},
    };
    Heap *h38 = heap_new(profile_find("3.8")), *h312 = heap_new(profile_find("3.12"));
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        ck_assert_uint_eq(int_size(h38, ints[i].v), ints[i].s38);
        ck_assert_uint_eq(int_size(h312, ints[i].v), ints[i].s312);
    }
    ck_assert_uint_eq(bool_ops.sizeof_(h38, h38->false_), 24);
    ck_assert_uint_eq(bool_ops.sizeof_(h38, h38->true_), 28);
    ck_assert_uint_eq(bool_ops.sizeof_(h312, h312->false_), 28);
    Ref f = float_from_double(h312, 1.5), c = complex_from_doubles(h312, 1, 2);
    ck_assert_uint_eq(float_ops.sizeof_(h312, f), 24);
    ck_assert_uint_eq(complex_ops.sizeof_(h312, c), 32);
    heap_decref(h312, f);
    heap_decref(h312, c);
    heap_delete(h38);
    heap_delete(h312);
}
END_TEST

/* The cached small int V of H. */
static Ref small(Heap *h, int v)
{
    return h->small_ints[v - h->prof->small_int_min];
}

START_TEST(test_small_int_cache)
{
    Heap *h = heap_new(profile_find(versions[_i]));
    Ref r = int_from_i64(h, -5);
    ck_assert_uint_eq(r, small(h, -5));
    heap_decref(h, r);
    r = mkint(h, "256");
    ck_assert_uint_eq(r, small(h, 256));
    heap_decref(h, r);
    Ref a = mkint(h, "257"), b = mkint(h, "257");
    ck_assert_uint_ne(a, b);                     /* int('257') is int('257'): False */
    Ref d = mkint(h, "44");
    r = obj_binop(h, a, d, OP_SUB);              /* 257 - 44 is 213 */
    ck_assert_uint_eq(r, small(h, 213));
    heap_decref(h, r);
    Ref t = bool_from(h, 1);
    r = obj_binop(h, t, t, OP_ADD);              /* True + True is 2 */
    ck_assert_uint_eq(r, small(h, 2));
    heap_decref(h, r);
    heap_decref(h, t);
    heap_decref(h, a);
    heap_decref(h, b);
    heap_decref(h, d);
    heap_delete(h);
}
END_TEST

/* True when OP applied to the ints A and B gives the cached V. */
static bool binop_cached(Heap *h, const char *a, const char *b, BinOp op, int v)
{
    Ref x = mkint(h, a), y = mkint(h, b);
    Ref r = obj_binop(h, x, y, op);
    int64_t got;
    ck_assert(int_as_i64(h, r, &got) && got == v);
    bool cached = r == small(h, v);
    heap_decref(h, r);
    heap_decref(h, x);
    heap_decref(h, y);
    return cached;
}

/* 3.8's x_add/x_sub, x_divrem remainders and PyLong_FromDouble skipped
 * the cache (measured: (2**30+1) - 2**30 is 1 -> False in 3.8 only). */
START_TEST(test_uncached_38_paths)
{
    bool is38 = _i == 0;
    Heap *h = heap_new(profile_find(versions[_i]));
    const char *m = "1073741824", *m1 = "1073741825";
    const char *b = "1000000000000000000000000000000", *b1 = "1000000000000000000000000000001";
    ck_assert(binop_cached(h, m1, m, OP_SUB, 1) != is38);
    ck_assert(binop_cached(h, b1, b, OP_MOD, 1) != is38);
    ck_assert(binop_cached(h, b, b, OP_MOD, 0) != is38);
    ck_assert(binop_cached(h, b, b, OP_SUB, 0));          /* x_sub of equals: always */
    ck_assert(binop_cached(h, b1, "5", OP_MOD, 1));       /* one-digit divisor */
    ck_assert(binop_cached(h, b, b, OP_FLOORDIV, 1));     /* quotients: always */
    ck_assert(binop_cached(h, "1000", "100", OP_RSHIFT, 0));
    Ref f = float_from_double(h, 5.4), z = float_from_double(h, 0.4);
    Ref r = num_round(h, f, NULLREF), q = num_round(h, z, NULLREF);
    ck_assert((r == small(h, 5)) != is38);                /* round(5.4) is 5 */
    ck_assert_uint_eq(q, small(h, 0));                    /* round(0.4) is 0 */
    Ref t = obj_call(h, h->type_of_kind[K_INT], &f, 1, NULLREF);
    ck_assert_uint_eq(t, small(h, 5));                    /* int(5.4) is 5 */
    heap_decref(h, t);
    heap_decref(h, r);
    heap_decref(h, q);
    heap_decref(h, f);
    heap_decref(h, z);
    heap_delete(h);
}
END_TEST

START_TEST(test_identity)
{
    Heap *h = heap_new(profile_find(versions[_i]));
    Ref x = mkint(h, "1000"), big = mkint(h, "10000000000000000000000000000000000000000");
    Ref r = obj_binop(h, x, big, OP_MOD);                 /* x % big is x */
    ck_assert_uint_eq(r, x);
    heap_decref(h, r);
    r = obj_unary(h, x, OP_POS);                          /* +x is x */
    ck_assert_uint_eq(r, x);
    heap_decref(h, r);
    r = num_abs(h, x);                                    /* abs(x) is x */
    ck_assert_uint_eq(r, x);
    heap_decref(h, r);
    r = num_round(h, x, NULLREF);                         /* round(x) is x */
    ck_assert_uint_eq(r, x);
    heap_decref(h, r);
    r = obj_binop(h, x, small(h, 0), OP_ADD);             /* x + 0 is not x */
    ck_assert_uint_ne(r, x);
    heap_decref(h, r);
    Ref f = float_from_double(h, 1.5);
    r = obj_unary(h, f, OP_POS);                          /* +f is f, abs(f) is not */
    ck_assert_uint_eq(r, f);
    heap_decref(h, r);
    r = num_abs(h, f);
    ck_assert_uint_ne(r, f);
    heap_decref(h, r);
    Ref c = complex_from_doubles(h, 1, 2);
    r = obj_unary(h, c, OP_POS);
    ck_assert_uint_eq(r, c);
    heap_decref(h, r);
    Ref t = bool_from(h, 1);
    r = obj_unary(h, t, OP_POS);                          /* +True is the int 1 */
    ck_assert_uint_eq(r, small(h, 1));
    heap_decref(h, r);
    r = obj_binop(h, t, t, OP_AND);                       /* True & True is True */
    ck_assert_uint_eq(r, h->true_);
    heap_decref(h, r);
    heap_decref(h, t);
    Ref neg = mkint(h, "-3443954096");
    r = obj_binop(h, neg, small(h, 0), OP_RSHIFT);   /* 3.11+: negative >> 0 is itself */
    ck_assert((r == neg) == (_i != 0));
    heap_decref(h, r);
    heap_decref(h, neg);
    heap_decref(h, c);
    heap_decref(h, f);
    heap_decref(h, x);
    heap_decref(h, big);
    heap_delete(h);
}
END_TEST

/* ------------------------------------------------------------------ */
/* memory                                                              */

/* The request size of the int A OP B (both written in decimal), seen as
 * the growth of the simulated bytes in use. */
static size_t op_request(Heap *h, const char *a, const char *b, BinOp op)
{
    Ref x = mkint(h, a), y = mkint(h, b);
    uint64_t before = h->mem_bytes;
    Ref r = obj_binop(h, x, y, op);
    size_t req = (size_t)(h->mem_bytes - before);
    ck_assert_uint_ne(r, 0);
    heap_decref(h, r);
    heap_decref(h, x);
    heap_decref(h, y);
    return req;
}

/* The request size of int(S) from decimal text. */
static size_t str_request(Heap *h, const char *s)
{
    uint64_t before = h->mem_bytes;
    Ref r = mkint(h, s);
    size_t req = (size_t)(h->mem_bytes - before);
    heap_decref(h, r);
    return req;
}

/* CPython's request sizes for int results (tracemalloc, 3.8 to 3.13 agree). */
START_TEST(test_int_request_sizes)
{
    Heap *h = heap_new(profile_find(versions[_i]));
    const char *A = "2147483648", *B = "2305843009213693952", *C = "4611686018427387909";
    const char *D = "1000000000000000000000000000000";
    ck_assert_uint_eq(op_request(h, A, A, OP_ADD), 36);       /* x_add: size + 1 */
    ck_assert_uint_eq(op_request(h, B, "1", OP_ADD), 40);
    ck_assert_uint_eq(op_request(h, B, "1", OP_SUB), 36);     /* x_sub: size */
    ck_assert_uint_eq(op_request(h, C, B, OP_SUB), 36);
    ck_assert_uint_eq(op_request(h, A, A, OP_MUL), 40);       /* size_a + size_b */
    ck_assert_uint_eq(op_request(h, A, "3", OP_MUL), 36);
    ck_assert_uint_eq(op_request(h, D, A, OP_FLOORDIV), 36);  /* x_divrem quotient */
    ck_assert_uint_eq(op_request(h, D, A, OP_MOD), 32);       /* remainder: size_w */
    ck_assert_uint_eq(op_request(h, D, "7", OP_FLOORDIV), 40);/* divrem1 */
    ck_assert_uint_eq(op_request(h, D, "0", OP_LSHIFT), 40);
    ck_assert_uint_eq(op_request(h, D, "40", OP_RSHIFT), 36);
    ck_assert_uint_eq(op_request(h, D, "1", OP_OR), 40);
    ck_assert_uint_eq(op_request(h, D, "-1", OP_XOR), 44);    /* negative: +1 digit */
    ck_assert_uint_eq(op_request(h, D, "2", OP_POW), 56);     /* last multiply 4+4 */
    ck_assert_uint_eq(op_request(h, A, "1", OP_ADD), 36);
    /* one-digit results: _PyLong_New(1) in 3.8, _PyLong_FromMedium from 3.11 */
    ck_assert_uint_eq(op_request(h, "-415067794125343805", "55351751664733859", OP_FLOORDIV),
                      _i == 0 ? 28 : 32);
    ck_assert_uint_eq(op_request(h, "55707", "1", OP_LSHIFT), 32);
    /* x_sub of equal lengths: only up to the highest differing digit */
    ck_assert_uint_eq(op_request(h, "-2105044260", "1549315578", OP_ADD), 28);
    ck_assert_uint_eq(str_request(h, "1000000000000000000"), 36); /* 19*log(10)/log(2**30)+1 */
    ck_assert_uint_eq(str_request(h, "123456789"), 28);
    ck_assert_uint_eq(str_request(h, "1000000000000000000000000000000"), 40);
    heap_delete(h);
}
END_TEST

START_TEST(test_float_freelist)
{
    Heap *h = heap_new(profile_find(versions[_i]));
    Ref f = float_from_double(h, 1.5);
    uint64_t addr = heap_obj(h, f)->addr;
    heap_decref(h, f);                           /* x = 1.5; i = id(x); del x */
    Ref g = float_from_double(h, 2.5);
    ck_assert_uint_eq(heap_obj(h, g)->addr, addr);   /* id(2.5) == i */
    heap_decref(h, g);
    Ref many[101];
    uint64_t addrs[101];
    for (int i = 0; i < 101; i++) {
        many[i] = float_from_double(h, i);
        addrs[i] = heap_obj(h, many[i])->addr;
    }
    for (int i = 0; i < 101; i++)
        heap_decref(h, many[i]);
    ck_assert_uint_eq(h->fl_float.n, 100);       /* PyFloat_MAXFREELIST */
    Ref last = float_from_double(h, 0.5);        /* LIFO: the 100th one freed */
    ck_assert_uint_eq(heap_obj(h, last)->addr, addrs[99]);
    heap_decref(h, last);
    float_clear_freelist(h);
    ck_assert_uint_eq(h->fl_float.n, 0);
    heap_delete(h);
}
END_TEST

/* ------------------------------------------------------------------ */
/* version-specific limits and hashes                                  */

/* The message of the pending exception (cleared). */
static void exc_text(Heap *h, StrBuf *out)
{
    strbuf_reset(out);
    take_exception(h, out);
}

START_TEST(test_str_digits_limit)
{
    static const char *const unit[] = {"(4300)", "(4300 digits)", "(4300 digits)", "(4300 digits)"};
    Heap *h = heap_new(profile_find(versions[_i]));
    StrBuf big = {0}, msg = {0}, want = {0};
    strbuf_putc(&big, '-');
    for (int i = 0; i < 4300; i++)
        strbuf_putc(&big, '9');
    Ref ok = mkint(h, big.data);                 /* 4300 digits and a sign: fine */
    Ref s = obj_repr(h, ok);
    ck_assert_uint_eq(str_len(h, s), 4301);
    heap_decref(h, s);
    Ref ten = mkint(h, "10");
    Ref huge = obj_binop(h, ok, ten, OP_MUL);    /* 4301 digits */
    ck_assert_uint_eq(obj_repr(h, huge), 0);
    exc_text(h, &msg);
    strbuf_printf(&want, "!! ValueError: Exceeds the limit %s for integer string conversion; "
                  "use sys.set_int_max_str_digits() to increase the limit", unit[_i]);
    ck_assert_str_eq(msg.data, want.data);
    strbuf_putc(&big, '1');
    ck_assert_uint_eq(int_from_str(h, big.data, big.len, 10), 0);
    exc_text(h, &msg);
    strbuf_reset(&want);
    strbuf_printf(&want, "!! ValueError: Exceeds the limit %s for integer string conversion: "
                  "value has 4301 digits; use sys.set_int_max_str_digits() to increase "
                  "the limit", unit[_i]);
    ck_assert_str_eq(msg.data, want.data);
    strbuf_reset(&big);
    for (int i = 0; i < 5000; i++)
        strbuf_putc(&big, '1');
    strbuf_putc(&big, 'x');                      /* int('1'*5000 + 'x') */
    ck_assert_uint_eq(int_from_str(h, big.data, big.len, 10), 0);
    exc_text(h, &msg);
    const char *want_start = _i <= 1 ? "!! ValueError: Exceeds the limit"
                                     : "!! ValueError: invalid literal for int() with base 10: '111";
    ck_assert_msg(strncmp(msg.data, want_start, strlen(want_start)) == 0, "%s", msg.data);
    heap_decref(h, huge);
    heap_decref(h, ten);
    heap_decref(h, ok);
    strbuf_free(&big);
    strbuf_free(&msg);
    strbuf_free(&want);
    heap_delete(h);
}
END_TEST

START_TEST(test_nan_hash)
{
    Heap *h = heap_new(profile_find(versions[_i]));
    Ref n = float_from_double(h, NAN);
    int64_t v;
    ck_assert_int_eq(obj_hash(h, n, &v), 0);
    uint64_t a = heap_obj(h, n)->addr;
    int64_t by_id = (int64_t)((a >> 4) | (a << 60));
    ck_assert_int_eq(v, _i == 0 ? 0 : by_id);   /* 3.10+: _Py_HashPointer(self) */
    heap_decref(h, n);
    heap_delete(h);
}
END_TEST

/* ------------------------------------------------------------------ */
/* C API                                                               */

START_TEST(test_c_api)
{
    Heap *h = heap_new(profile_find("3.12"));
    Ref r = int_from_str(h, "0x_ff", 5, 0);
    int64_t v;
    ck_assert(int_as_i64(h, r, &v) && v == 255);
    heap_decref(h, r);
    r = int_from_str(h, " -1_000 ", 8, 10);
    ck_assert(int_as_i64(h, r, &v) && v == -1000);
    heap_decref(h, r);
    ck_assert_uint_eq(int_from_str(h, "12a", 3, 10), 0);
    StrBuf msg = {0};
    exc_text(h, &msg);
    ck_assert_str_eq(msg.data, "!! ValueError: invalid literal for int() with base 10: '12a'");
    r = mkint(h, "-99999999999999999999");
    ck_assert(!int_as_i64(h, r, &v));
    mpz_t z;
    mpz_init(z);
    int_to_mpz(h, r, z);
    ck_assert_int_eq(mpz_cmp_si(z, 0), -1);
    Ref back = int_from_mpz(h, z);
    ck_assert_int_eq(obj_richcompare_bool(h, back, r, CMP_EQ), 1);
    mpz_clear(z);
    bool ovf;
    ck_assert(int_as_double(h, r, &ovf) == -1e20 && !ovf);
    heap_decref(h, back);
    heap_decref(h, r);
    r = mkint(h, "1" "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
              "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
              "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
              "00000000000000000000000000000000000000000000000000000000000000000000000000000000");
    int_as_double(h, r, &ovf);
    ck_assert(ovf);
    exc_text(h, &msg);
    ck_assert_str_eq(msg.data, "!! OverflowError: int too large to convert to float");
    heap_decref(h, r);
    ck_assert(int_check(h, h->true_) && !int_check(h, h->none));
    StrBuf b = {0};
    format_double(&b, 1e16, 'r', 0, DTSF_ADD_DOT_0);
    format_float_repr(&b, 123456789012345678.0);
    format_complex_repr(&b, -0.0, -1.0);
    ck_assert_str_eq(b.data, "1e+161.2345678901234568e+17(-0-1j)");
    strbuf_free(&b);
    strbuf_free(&msg);
    heap_delete(h);
}
END_TEST

/* ------------------------------------------------------------------ */
/* whole scripts                                                       */

/* A script whose output, with CPython's, depends on the free list, the
 * cache, the sizes and the text of numbers. */
static const char script[] =
    "import sys\n"
    "a = 1.5\nb = 2.5\nc = a * b\ni = id(c)\ndel c\nd = a + b\n"
    "print(id(d) == i)\n"
    "n = int('1000')\n"
    "print(n + 0 is n, (n % 10**40) is n, abs(n) is n, +n is n, round(n) is n)\n"
    "print(sys.getsizeof(0), sys.getsizeof(2**30), sys.getsizeof(10**100), "
    "sys.getsizeof(False))\n"
    "print(sys.getsizeof(1.5), sys.getsizeof(2j), (5).__sizeof__())\n"
    "seven = 7\nfive = 5\nw = 2**40 + 7\nw2 = 10**30\n"
    "print(w - 2**40 is seven, (w2 + 5) % w2 is five, round(5.4) is five)\n"
    "print(repr(0.1), 1e16, 123456789012345678.0, -0.0, 2**0.5, 1/3)\n"
    "print(f'{1234567:,}', f'{3.14159:.2f}', f'{255:#x}', format(-1234.5678, '^+20,.2f'))\n"
    "try:\n    print(1 % 0)\nexcept ZeroDivisionError as e:\n    print(e)\n";

/* What CPython 3.8, 3.11, 3.12 and 3.13 print for the script. */
static const char *const script_output[] = {
    "True\nFalse True True True True\n24 32 72 24\n24 32 28\nFalse False False\n"
    "0.1 1e+16 1.2345678901234568e+17 -0.0 1.4142135623730951 0.3333333333333333\n"
    "1,234,567 3.14 0xff      -1,234.57      \ninteger division or modulo by zero\n",
    "True\nFalse True True True True\n28 32 72 28\n24 32 28\nTrue True True\n"
    "0.1 1e+16 1.2345678901234568e+17 -0.0 1.4142135623730951 0.3333333333333333\n"
    "1,234,567 3.14 0xff      -1,234.57      \ninteger modulo by zero\n",
};

START_TEST(test_script)
{
    Session *s = session_new(profile_find(versions[_i]), true);
    if (session_load(s, "t.py", script))
        session_run(s);
    ck_assert_msg(session_heap_error(s) == NULL, "%s", session_heap_error(s));
    ck_assert_str_eq(strbuf_cstr(&s->heap->out), script_output[_i == 0 ? 0 : 1]);
    session_delete(s);
}
END_TEST

Suite *suite_numbers(void)
{
    Suite *s = suite_create("numbers");
    TCase *core = tcase_create("Core");
    tcase_set_timeout(core, 30);
    tcase_add_loop_test(core, test_table, 0, 4);
    tcase_add_test(core, test_sizes);
    tcase_add_loop_test(core, test_small_int_cache, 0, 4);
    tcase_add_loop_test(core, test_uncached_38_paths, 0, 4);
    tcase_add_loop_test(core, test_identity, 0, 4);
    tcase_add_test(core, test_c_api);
    tcase_add_loop_test(core, test_script, 0, 4);
    suite_add_tcase(s, core);
    TCase *mem = tcase_create("Memory");
    tcase_add_loop_test(mem, test_int_request_sizes, 0, 4);
    tcase_add_loop_test(mem, test_float_freelist, 0, 4);
    suite_add_tcase(s, mem);
    TCase *limits = tcase_create("Limits");
    tcase_add_loop_test(limits, test_str_digits_limit, 0, 4);
    tcase_add_loop_test(limits, test_nan_hash, 0, 4);
    suite_add_tcase(s, limits);
    return s;
}
