/* Tests of tuple, list, range, slice and the iterator objects, at the C
 * level.  Every expected size, growth sequence, id-reuse answer and
 * message below was printed by the real interpreters (CPython 3.8.18,
 * 3.11.7, 3.12.1, 3.13.0; see the comment above each table), e.g.
 *   a = []; [sys.getsizeof(a) for i in range(101) if not a.append(i)] ...
 * Each test ends by releasing everything it made and validating the heap,
 * which also catches leaked references. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check_suites.h"
#include "sim/abstract.h"
#include "sim/excobject.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/rangeobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"

static const char *const ALL[] = {"3.8", "3.11", "3.12", "3.13"};
#define NVERSIONS 4

/* ---- helpers ---- */

/* A fresh heap for profile NAME. */
static Heap *heap_for(const char *name)
{
    const Profile *p = profile_find(name);
    ck_assert_ptr_nonnull(p);
    return heap_new(p);
}

/* Check the heap (no leaks, counts right) and delete it. */
static void finish(Heap *h)
{
    StrBuf why = {0};
    ck_assert_ptr_null((void *)(uintptr_t)h->exc);
    ck_assert_msg(heap_validate(h, &why), "%s: %s", h->prof->name, strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
}

/* sys.getsizeof(r). */
static size_t size_of(Heap *h, Ref r)
{
    return heap_ops(h, r)->sizeof_(h, r);
}

/* id(r). */
static uint64_t id_of(Heap *h, Ref r)
{
    return heap_obj(h, r)->addr;
}

/* A new int. */
static Ref I(Heap *h, int64_t v)
{
    return int_from_i64(h, v);
}

/* The value of int R. */
static int64_t V(Heap *h, Ref r)
{
    int64_t v = 0;
    ck_assert(int_as_i64(h, r, &v));
    return v;
}

/* repr(r) into a static buffer. */
static const char *R(Heap *h, Ref r)
{
    static char buf[512];
    Ref s = obj_repr(h, r);
    ck_assert_uint_ne(s, 0);
    snprintf(buf, sizeof buf, "%s", str_utf8(h, s, NULL));
    heap_decref(h, s);
    return buf;
}

/* "Type: message" of the pending exception, which is cleared. */
static const char *E(Heap *h)
{
    static char buf[512];
    ck_assert_uint_ne(h->exc, 0);
    StrBuf b = {0};
    exc_format_last_line(h, h->exc, &b);
    snprintf(buf, sizeof buf, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
    heap_clear_exc(h);
    return buf;
}

/* A tuple (0, 1, ..., n-1). */
static Ref range_tuple(Heap *h, int64_t n)
{
    Ref t = tuple_new(h, (size_t)n);
    for (int64_t i = 0; i < n; i++)
        tuple_set_item(h, t, (size_t)i, I(h, i));
    return t;
}

/* A list [0, 1, ..., n-1] made by PyList_New(n) (exact). */
static Ref range_list(Heap *h, int64_t n)
{
    Ref l = list_new(h, (size_t)n);
    for (int64_t i = 0; i < n; i++)
        list_set_item(h, l, (size_t)i, I(h, i));
    return l;
}

/* range(n). */
static Ref range_n(Heap *h, int64_t n)
{
    Ref a = I(h, n);
    Ref args[1] = {a};
    Ref r = range_ops.new_(h, h->type_of_kind[K_RANGE], args, 1, NULLREF);
    heap_decref(h, a);
    ck_assert_uint_ne(r, 0);
    return r;
}

/* TYPE(*ARGS) through the kind's constructor slot. */
static Ref construct(Heap *h, Kind kind, const Ref *args, size_t nargs)
{
    return kind_ops[kind]->new_(h, h->type_of_kind[kind], args, nargs, NULLREF);
}

/* obj.NAME(*ARGS) through a bound builtin method. */
static Ref call(Heap *h, Ref obj, const char *name, size_t nargs, ...)
{
    Ref args[4];
    va_list ap;
    va_start(ap, nargs);
    for (size_t i = 0; i < nargs; i++)
        args[i] = va_arg(ap, Ref);
    va_end(ap);
    Ref m = obj_getattr_cstr(h, obj, name);
    ck_assert_uint_ne(m, 0);
    Ref r = obj_call(h, m, args, nargs, NULLREF);
    heap_decref(h, m);
    return r;
}

/* obj.NAME(*ARGS), expecting None. */
static void call_none(Heap *h, Ref obj, const char *name, size_t nargs, Ref a, Ref b)
{
    Ref r = call(h, obj, name, nargs, a, b);
    ck_assert_uint_eq(r, h->none);
    heap_decref(h, r);
}

/* A C function usable as a Python callable: -x for ints. */
static Ref negate(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)kwnames;
    ck_assert_uint_eq(nargs, 1);
    return obj_unary(h, args[0], OP_NEG);
}

static const MethodDef negate_def = {"negate", negate, NULL};

/* A C function usable as a key: the first item of a tuple. */
static Ref first(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)nargs, (void)kwnames;
    return heap_newref(h, tuple_items(h, args[0])[0]);
}

static const MethodDef first_def = {"first", first, NULL};

/* ---- tuple ---- */

START_TEST(test_tuple_sizes_and_singleton)
{
    /* [sys.getsizeof(tuple(range(n))) for n in range(5)] in every version */
    static const size_t expect[] = {40, 48, 56, 64, 72};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        for (int n = 0; n < 5; n++) {
            Ref t = range_tuple(h, n);
            ck_assert_uint_eq(size_of(h, t), expect[n]);
            ck_assert(n == 0 ? t == h->empty_tuple && !gc_is_tracked(h, t)
                             : gc_is_tracked(h, t));
            heap_decref(h, t);
        }
        finish(h);
    }
}
END_TEST

START_TEST(test_tuple_freelist_by_length)
{
    /* t = tuple(range(n)); i = id(t); del t; id(tuple(range(n))) == i
     * for n = 19, 20, 21: 3.8 T T T (obmalloc reuse), 3.11/3.12 T F T
     * (20-tuples parked on a free list never popped), 3.13 T T T */
    static const bool expect[NVERSIONS][3] = {
        {true, true, true}, {true, false, true}, {true, false, true}, {true, true, true}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        for (int k = 0; k < 3; k++) {
            Ref t = range_tuple(h, 19 + k);
            uint64_t old = id_of(h, t);
            heap_decref(h, t);
            t = range_tuple(h, 19 + k);
            ck_assert_msg((id_of(h, t) == old) == expect[v][k], "%s n=%d", ALL[v], 19 + k);
            heap_decref(h, t);
        }
        finish(h);
    }
}
END_TEST

START_TEST(test_tuple_dealloc_order)
{
    /* del t releases the items from the last to the first: three lists
     * freed that way come back from the list free list first-item-first */
    Heap *h = heap_for("3.12");
    Ref a = list_new(h, 0), b = list_new(h, 0), c = list_new(h, 0);
    uint64_t ia = id_of(h, a), ib = id_of(h, b), ic = id_of(h, c);
    Ref items[3] = {a, b, c};
    Ref t = tuple_from_array_steal(h, items, 3);
    heap_decref(h, t);
    Ref x = list_new(h, 0), y = list_new(h, 0), z = list_new(h, 0);
    ck_assert_uint_eq(id_of(h, x), ia);
    ck_assert_uint_eq(id_of(h, y), ib);
    ck_assert_uint_eq(id_of(h, z), ic);
    heap_decref(h, x);
    heap_decref(h, y);
    heap_decref(h, z);
    finish(h);
}
END_TEST

START_TEST(test_tuple_hash_repr_compare)
{
    /* hash(()), hash((1,)), hash((1, 2)), hash((-1,)), hash((1, (2, 3))) */
    Heap *h = heap_for("3.8");
    Ref e = tuple_new(h, 0), one = I(h, 1), two = I(h, 2), three = I(h, 3), m1 = I(h, -1);
    Ref t1 = tuple_pack(h, 1, one), t12 = tuple_pack(h, 2, one, two);
    Ref tm = tuple_pack(h, 1, m1), t23 = tuple_pack(h, 2, two, three);
    Ref nested = tuple_pack(h, 2, one, t23);
    int64_t hv;
    ck_assert_int_eq(obj_hash(h, e, &hv), 0);
    ck_assert_int_eq(hv, 5740354900026072187LL);
    obj_hash(h, t1, &hv);
    ck_assert_int_eq(hv, -6644214454873602895LL);
    obj_hash(h, t12, &hv);
    ck_assert_int_eq(hv, -3550055125485641917LL);
    obj_hash(h, tm, &hv);
    ck_assert_int_eq(hv, 8078679518589016365LL);
    obj_hash(h, nested, &hv);
    ck_assert_int_eq(hv, 7267574591690527098LL);
    ck_assert_str_eq(R(h, e), "()");
    ck_assert_str_eq(R(h, t1), "(1,)");
    ck_assert_str_eq(R(h, nested), "(1, (2, 3))");
    ck_assert_int_eq(obj_richcompare_bool(h, t12, t1, CMP_GT), 1);
    ck_assert_int_eq(obj_richcompare_bool(h, t12, t23, CMP_LT), 1);
    ck_assert_int_eq(obj_richcompare_bool(h, t12, t23, CMP_EQ), 0);
    Ref l = list_new(h, 0), tl = tuple_pack(h, 1, l);
    ck_assert_int_eq(obj_hash(h, tl, &hv), -1);
    ck_assert_str_eq(E(h), "TypeError: unhashable type: 'list'");
    Ref refs[] = {e, one, two, three, m1, t1, t12, tm, t23, nested, l, tl};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

START_TEST(test_tuple_identity_shortcuts)
{
    /* t[:] is t, t + () is t, () + t is t, t * 1 is t, t[::-1] is not t,
     * (1, 2)[5:] is () -- in every version */
    Heap *h = heap_for("3.13");
    Ref t = range_tuple(h, 3), e = tuple_new(h, 0), n1 = I(h, 1);
    Ref all = slice_new(h, NULLREF, NULLREF, NULLREF);
    Ref rev = slice_new(h, NULLREF, NULLREF, I(h, -1));
    heap_decref(h, slice_data(h, rev)->step);
    Ref s1 = obj_getitem(h, t, all), s2 = obj_binop(h, t, e, OP_ADD),
        s3 = obj_binop(h, e, t, OP_ADD), s4 = obj_binop(h, t, n1, OP_MUL),
        s5 = obj_getitem(h, t, rev);
    ck_assert_uint_eq(s1, t);
    ck_assert_uint_eq(s2, t);
    ck_assert_uint_eq(s3, t);
    ck_assert_uint_eq(s4, t);
    ck_assert_uint_ne(s5, t);
    ck_assert_str_eq(R(h, s5), "(2, 1, 0)");
    Ref refs[] = {t, e, n1, all, rev, s1, s2, s3, s4, s5};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

START_TEST(test_tuple_from_iterable_empty)
{
    /* tuple(x for x in []) is (): False in 3.8 (a fresh empty tuple left
     * by _PyTuple_Resize), True from 3.9; map() has no length hint either */
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref f = builtin_new(h, &negate_def, NULLREF, NULLREF), l = list_new(h, 0);
        Ref args[2] = {f, l};
        Ref m = construct(h, K_MAP, args, 2);
        Ref t = tuple_from_iterable(h, m);
        ck_assert_uint_eq(size_of(h, t), 40);
        ck_assert((t == h->empty_tuple) == (v != 0));
        heap_decref(h, t);
        /* tuple(map(negate, [1, 2, 3])) grows 10 -> 3 */
        Ref one = I(h, 1);
        list_append(h, l, one);
        list_append(h, l, one);
        list_append(h, l, one);
        heap_decref(h, m);
        m = construct(h, K_MAP, args, 2);
        t = tuple_from_iterable(h, m);
        ck_assert_str_eq(R(h, t), "(-1, -1, -1)");
        ck_assert_uint_eq(size_of(h, t), 64);
        Ref refs[] = {f, l, m, t, one};
        for (size_t i = 0; i < 5; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_tuple_untrack_if_atomic)
{
    Heap *h = heap_for("3.12");
    Ref one = I(h, 1), l = list_new(h, 0);
    Ref a = tuple_pack(h, 2, one, one), b = tuple_pack(h, 1, l), c = tuple_pack(h, 1, a);
    ck_assert(gc_is_tracked(h, a) && gc_is_tracked(h, b) && gc_is_tracked(h, c));
    tuple_untrack_if_atomic(h, c);      /* holds a tracked tuple */
    ck_assert(gc_is_tracked(h, c));
    tuple_untrack_if_atomic(h, a);
    tuple_untrack_if_atomic(h, b);
    tuple_untrack_if_atomic(h, c);
    ck_assert(!gc_is_tracked(h, a) && gc_is_tracked(h, b) && !gc_is_tracked(h, c));
    Ref refs[] = {one, l, a, b, c};
    for (size_t i = 0; i < 5; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

START_TEST(test_tuple_errors)
{
    Heap *h = heap_for("3.12");
    Ref t = range_tuple(h, 2), five = I(h, 5), s = str_from_cstr(h, "a");
    ck_assert_uint_eq(obj_getitem(h, t, five), 0);
    ck_assert_str_eq(E(h), "IndexError: tuple index out of range");
    ck_assert_uint_eq(obj_getitem(h, t, s), 0);
    ck_assert_str_eq(E(h), "TypeError: tuple indices must be integers or slices, not str");
    ck_assert_uint_eq(call(h, t, "index", 1, five), 0);
    ck_assert_str_eq(E(h), "ValueError: tuple.index(x): x not in tuple");
    ck_assert_uint_eq(obj_binop(h, t, s, OP_MUL), 0);
    ck_assert_str_eq(E(h), "TypeError: can't multiply sequence by non-int of type 'str'");
    Ref refs[] = {t, five, s};
    for (size_t i = 0; i < 3; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

/* ---- list sizes ---- */

/* [sys.getsizeof(a) after i appends for i in range(101)] */
static const size_t APPEND_38[101] = {
    56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184,
    256, 256, 256, 256, 256, 256, 256, 256, 256, 336, 336, 336, 336, 336, 336, 336, 336,
    336, 336, 424, 424, 424, 424, 424, 424, 424, 424, 424, 424, 424, 520, 520, 520, 520,
    520, 520, 520, 520, 520, 520, 520, 520, 632, 632, 632, 632, 632, 632, 632, 632, 632,
    632, 632, 632, 632, 632, 760, 760, 760, 760, 760, 760, 760, 760, 760, 760, 760, 760,
    760, 760, 760, 760, 904, 904, 904, 904, 904, 904, 904, 904, 904, 904, 904, 904};
static const size_t APPEND_39[101] = {
    56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184,
    248, 248, 248, 248, 248, 248, 248, 248, 312, 312, 312, 312, 312, 312, 312, 312, 376,
    376, 376, 376, 376, 376, 376, 376, 472, 472, 472, 472, 472, 472, 472, 472, 472, 472,
    472, 472, 568, 568, 568, 568, 568, 568, 568, 568, 568, 568, 568, 568, 664, 664, 664,
    664, 664, 664, 664, 664, 664, 664, 664, 664, 792, 792, 792, 792, 792, 792, 792, 792,
    792, 792, 792, 792, 792, 792, 792, 792, 920, 920, 920, 920, 920, 920, 920, 920};

START_TEST(test_list_append_growth)
{
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        const size_t *expect = v == 0 ? APPEND_38 : APPEND_39;
        Ref l = list_new(h, 0);
        for (int i = 0; i < 101; i++) {
            ck_assert_msg(size_of(h, l) == expect[i], "%s after %d appends: %zu", ALL[v], i,
                          size_of(h, l));
            Ref x = I(h, i);
            ck_assert_int_eq(list_append(h, l, x), 0);
            heap_decref(h, x);
        }
        heap_decref(h, l);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_pop_shrink)
{
    /* a = list(range(20)); sizes after each a.pop() */
    static const size_t pops[2][20] = {
        {216, 216, 216, 216, 216, 216, 216, 216, 216, 216, 184, 184, 136, 136, 136, 112,
         112, 96, 88, 56},
        {216, 216, 216, 216, 216, 216, 216, 216, 216, 216, 184, 184, 152, 152, 120, 120,
         120, 120, 88, 56}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref l = range_list(h, 20);
        for (int i = 0; i < 20; i++) {
            Ref x = call(h, l, "pop", 0);
            ck_assert_int_eq(V(h, x), 19 - i);
            heap_decref(h, x);
            ck_assert_msg(size_of(h, l) == pops[v != 0][i], "%s pop %d", ALL[v], i);
        }
        ck_assert_uint_eq(call(h, l, "pop", 0), 0);
        ck_assert_str_eq(E(h), "IndexError: pop from empty list");
        heap_decref(h, l);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_del_item_shrink)
{
    /* a = list(range(20)); del a[0] x 19: 3.13 never shrinks; others as pop */
    for (int v = 2; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref l = range_list(h, 20), zero = I(h, 0);
        for (int i = 0; i < 19; i++)
            ck_assert_int_eq(obj_setitem(h, l, zero, NULLREF), 0);
        ck_assert_uint_eq(size_of(h, l), v == 3 ? 216 : 88);
        ck_assert_str_eq(R(h, l), "[19]");
        heap_decref(h, l);
        heap_decref(h, zero);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_insert_growth)
{
    /* a = []; a.insert(0, i) for i in range(30) */
    static const size_t ins[2][30] = {
        {88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184, 256,
         256, 256, 256, 256, 256, 256, 256, 256, 336, 336, 336, 336, 336},
        {88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184, 248,
         248, 248, 248, 248, 248, 248, 248, 312, 312, 312, 312, 312, 312}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref l = list_new(h, 0), zero = I(h, 0);
        for (int i = 0; i < 30; i++) {
            Ref x = I(h, i);
            call_none(h, l, "insert", 2, zero, x);
            heap_decref(h, x);
            ck_assert_uint_eq(size_of(h, l), ins[v != 0][i]);
        }
        ck_assert_str_eq(R(h, list_items(h, l)[0]), "29");
        heap_decref(h, l);
        heap_decref(h, zero);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_literal_primitives)
{
    /* list_new(n): every version exact (BUILD_LIST n, [0] * n, slices);
     * [] extended by a tuple of n (LIST_EXTEND of a constant tuple):
     * 3.8 [56, 88, 96, 104, 112, 120, 128, 136, 152, 184, 192, 200],
     * 3.11+ [56, 72, 72, 88, 88, 104, 104, 120, 120, 136, 136, 152] */
    static const size_t ext[2][12] = {
        {56, 88, 96, 104, 112, 120, 128, 136, 152, 184, 192, 200},
        {56, 72, 72, 88, 88, 104, 104, 120, 120, 136, 136, 152}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        for (int n = 0; n < 12; n++) {
            Ref exact = range_list(h, n), t = range_tuple(h, n), l = list_new(h, 0);
            ck_assert_uint_eq(size_of(h, exact), 56 + 8 * (size_t)n);
            ck_assert_int_eq(list_extend(h, l, t), 0);
            ck_assert_msg(size_of(h, l) == ext[v != 0][n], "%s n=%d", ALL[v], n);
            heap_decref(h, exact);
            heap_decref(h, t);
            heap_decref(h, l);
        }
        finish(h);
    }
}
END_TEST

START_TEST(test_list_constructor_sizes)
{
    /* list(range(n)): 3.8 exact, 3.11+ exact rounded up to even;
     * list(iter(tuple(range(n)))): 3.8 grows from the hint, 3.11+ even;
     * list(map(f, range(n))): no hint, 8 preallocated then cut back */
    static const size_t by_range[2][12] = {
        {56, 64, 72, 80, 88, 96, 104, 112, 120, 128, 136, 144},
        {56, 72, 72, 88, 88, 104, 104, 120, 120, 136, 136, 152}};
    static const size_t by_iter[2][12] = {
        {56, 88, 96, 104, 112, 120, 128, 136, 152, 184, 192, 200},
        {56, 72, 72, 88, 88, 104, 104, 120, 120, 136, 136, 152}};
    static const size_t by_map[2][12] = {
        {56, 88, 96, 104, 112, 120, 152, 152, 152, 152, 152, 152},
        {56, 88, 120, 120, 120, 120, 120, 120, 120, 184, 184, 184}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref f = builtin_new(h, &negate_def, NULLREF, NULLREF);
        for (int n = 0; n < 12; n++) {
            Ref r = range_n(h, n), t = range_tuple(h, n), it = tuple_iter(h, t);
            Ref margs[2] = {f, r};
            Ref m = construct(h, K_MAP, margs, 2);
            Ref a = construct(h, K_LIST, &r, 1), b = construct(h, K_LIST, &it, 1),
                c = construct(h, K_LIST, &m, 1);
            ck_assert_msg(size_of(h, a) == by_range[v != 0][n], "%s range %d", ALL[v], n);
            ck_assert_msg(size_of(h, b) == by_iter[v != 0][n], "%s iter %d", ALL[v], n);
            ck_assert_msg(size_of(h, c) == by_map[v != 0][n], "%s map %d", ALL[v], n);
            Ref refs[] = {r, t, it, m, a, b, c};
            for (size_t i = 0; i < 7; i++)
                heap_decref(h, refs[i]);
        }
        heap_decref(h, f);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_from_iterable_is_sequence_list)
{
    /* sorted(range(n)) = PySequence_List: extend only, so 3.8 grows */
    static const size_t expect[2][12] = {
        {56, 88, 96, 104, 112, 120, 128, 136, 152, 184, 192, 200},
        {56, 72, 72, 88, 88, 104, 104, 120, 120, 136, 136, 152}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        for (int n = 0; n < 12; n++) {
            Ref r = range_n(h, n), l = list_from_iterable(h, r);
            ck_assert_uint_eq(size_of(h, l), expect[v != 0][n]);
            heap_decref(h, r);
            heap_decref(h, l);
        }
        finish(h);
    }
}
END_TEST

START_TEST(test_list_extend_nonempty)
{
    /* a = [1]; a.extend(list(range(n))) */
    static const size_t expect[2][12] = {
        {64, 96, 104, 112, 120, 128, 136, 152, 184, 192, 200, 208},
        {64, 120, 120, 120, 120, 152, 120, 120, 152, 152, 152, 152}};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        for (int n = 0; n < 12; n++) {
            Ref a = range_list(h, 1), b = range_list(h, n);
            ck_assert_int_eq(list_extend(h, a, b), 0);
            ck_assert_uint_eq(size_of(h, a), expect[v != 0][n]);
            heap_decref(h, a);
            heap_decref(h, b);
        }
        finish(h);
    }
}
END_TEST

START_TEST(test_list_pop_then_extend)
{
    /* a = [1]; a.pop(); a.extend((1, 2, 3)): 3.8 104, 3.11 120 (realloc to
     * 0 keeps an array, so extend resizes), 3.12+ 88 (pop clears it) */
    static const size_t expect[NVERSIONS] = {104, 120, 88, 88};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref a = range_list(h, 1), t = range_tuple(h, 3);
        Ref x = call(h, a, "pop", 0);
        heap_decref(h, x);
        ck_assert_int_eq(list_extend(h, a, t), 0);
        ck_assert_uint_eq(size_of(h, a), expect[v]);
        heap_decref(h, a);
        heap_decref(h, t);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_repeat_concat_slice_copy)
{
    /* [1, 2] * 5 = 136 ... all exact; a *= 5 on [1, 2]: 192 (3.8), 152;
     * [1, 2, 3].extend(itself): 128 (3.8, from 80), 152 (3.12, from 88) */
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref two = range_list(h, 2), five = I(h, 5);
        Ref r = obj_binop(h, two, five, OP_MUL), c = obj_binop(h, two, r, OP_ADD);
        ck_assert_uint_eq(size_of(h, r), 136);
        ck_assert_uint_eq(size_of(h, c), 152);
        Ref sl = slice_new(h, I(h, 1), NULLREF, NULLREF);
        heap_decref(h, slice_data(h, sl)->start);
        Ref part = obj_getitem(h, r, sl), cp = call(h, r, "copy", 0);
        ck_assert_uint_eq(size_of(h, part), 56 + 9 * 8);
        ck_assert_uint_eq(size_of(h, cp), 136);
        Ref got = obj_inplace(h, two, five, OP_MUL);
        ck_assert_uint_eq(got, two);
        heap_decref(h, got);
        ck_assert_uint_eq(size_of(h, two), v == 0 ? 192 : 152);
        Ref three = v == 0 ? range_list(h, 3) : list_new(h, 0);
        if (v != 0) {
            Ref t = range_tuple(h, 3);
            list_extend(h, three, t);
            heap_decref(h, t);
        }
        ck_assert_int_eq(list_extend(h, three, three), 0);
        ck_assert_uint_eq(size_of(h, three), v == 0 ? 128 : 152);
        ck_assert_str_eq(R(h, three), "[0, 1, 2, 0, 1, 2]");
        Ref refs[] = {two, five, r, c, sl, part, cp, three};
        for (size_t i = 0; i < 8; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_slice_assignment)
{
    Heap *h = heap_for("3.12");
    /* a = list(range(10)); a[2:8] = [] -> 120; a[2:3] = range(10) -> 216 */
    Ref a = range_list(h, 10), e = list_new(h, 0), r = range_n(h, 10);
    ck_assert_int_eq(list_setslice(h, a, 2, 8, e), 0);
    ck_assert_uint_eq(size_of(h, a), 120);
    ck_assert_str_eq(R(h, a), "[0, 1, 8, 9]");
    heap_decref(h, a);
    a = range_list(h, 10);
    ck_assert_int_eq(list_setslice(h, a, 2, 3, r), 0);
    ck_assert_uint_eq(size_of(h, a), 216);
    ck_assert_uint_eq(list_size(h, a), 19);
    /* extended slices: del a[::2]; a[4:1:-1] = [7, 8, 9]; a[::-1] = a */
    heap_decref(h, a);
    a = range_list(h, 5);
    Ref m1 = I(h, -1), two = I(h, 2), four = I(h, 4), one = I(h, 1);
    Ref s = slice_new(h, NULLREF, NULLREF, two);
    ck_assert_int_eq(obj_setitem(h, a, s, NULLREF), 0);
    ck_assert_str_eq(R(h, a), "[1, 3]");
    heap_decref(h, a);
    a = range_list(h, 5);
    Ref s2 = slice_new(h, four, one, m1), v = range_list(h, 3);
    ck_assert_int_eq(obj_setitem(h, a, s2, v), 0);
    ck_assert_str_eq(R(h, a), "[0, 1, 2, 1, 0]");
    Ref s3 = slice_new(h, NULLREF, NULLREF, m1);
    ck_assert_int_eq(obj_setitem(h, a, s3, a), 0);
    ck_assert_str_eq(R(h, a), "[0, 1, 2, 1, 0]");
    Ref v2 = range_list(h, 2);
    ck_assert_int_eq(obj_setitem(h, a, s, v2), -1);
    ck_assert_str_eq(E(h), "ValueError: attempt to assign sequence of size 2 to extended "
                           "slice of size 3");
    heap_decref(h, v2);
    ck_assert_int_eq(list_setslice(h, a, 0, 1, two), -1);
    ck_assert_str_eq(E(h), "TypeError: can only assign an iterable");
    Ref refs[] = {a, e, r, m1, two, four, one, s, s2, v, s3};
    for (size_t i = 0; i < 11; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

START_TEST(test_list_assign_message_313)
{
    Heap *h = heap_for("3.13");
    Ref a = range_list(h, 3), five = I(h, 5);
    ck_assert_int_eq(list_setslice(h, a, 0, 2, five), -1);
    ck_assert_str_eq(E(h), "TypeError: must assign iterable to extended slice");
    heap_decref(h, a);
    heap_decref(h, five);
    finish(h);
}
END_TEST

START_TEST(test_list_freelist_and_constructor)
{
    /* a = [1, 2]; i = id(a); del a: id([]) == i, id(list()) != i */
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref a = range_list(h, 2);
        uint64_t old = id_of(h, a);
        heap_decref(h, a);
        Ref b = construct(h, K_LIST, NULL, 0);
        ck_assert_uint_ne(id_of(h, b), old);
        ck_assert(gc_is_tracked(h, b));
        Ref c = list_new(h, 0);
        ck_assert_uint_eq(id_of(h, c), old);
        ck_assert_uint_eq(size_of(h, c), 56);
        heap_decref(h, b);
        heap_decref(h, c);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_dealloc_order)
{
    /* list_dealloc releases items last to first (del l prints del 3, 2, 1):
     * the freed lists come back off the free list in item order */
    Heap *h = heap_for("3.8");
    Ref outer = list_new(h, 3);
    uint64_t ids[3];
    for (int i = 0; i < 3; i++) {
        Ref x = list_new(h, 0);
        ids[i] = id_of(h, x);
        list_set_item(h, outer, (size_t)i, x);
    }
    heap_decref(h, outer);
    uint64_t back = 0;
    Ref again[4];
    for (int i = 0; i < 4; i++)
        again[i] = list_new(h, 0);
    back = id_of(h, again[0]);
    ck_assert_uint_ne(back, ids[0]);    /* the outer list went last */
    for (int i = 0; i < 3; i++)
        ck_assert_uint_eq(id_of(h, again[i + 1]), ids[i]);
    for (int i = 0; i < 4; i++)
        heap_decref(h, again[i]);
    finish(h);
}
END_TEST

START_TEST(test_list_methods_and_errors)
{
    Heap *h = heap_for("3.12");
    Ref a = range_list(h, 3), five = I(h, 5), two = I(h, 2), s = str_from_cstr(h, "a");
    ck_assert_uint_eq(call(h, a, "remove", 1, five), 0);
    ck_assert_str_eq(E(h), "ValueError: list.remove(x): x not in list");
    ck_assert_uint_eq(call(h, a, "index", 1, five), 0);
    ck_assert_str_eq(E(h), "ValueError: 5 is not in list");
    ck_assert_uint_eq(call(h, a, "index", 1, s), 0);
    ck_assert_str_eq(E(h), "ValueError: 'a' is not in list");
    ck_assert_uint_eq(call(h, a, "pop", 1, five), 0);
    ck_assert_str_eq(E(h), "IndexError: pop index out of range");
    ck_assert_uint_eq(call(h, a, "pop", 1, s), 0);
    ck_assert_str_eq(E(h), "TypeError: 'str' object cannot be interpreted as an integer");
    ck_assert_uint_eq(call(h, a, "append", 0), 0);
    ck_assert_str_eq(E(h), "TypeError: list.append() takes exactly one argument (0 given)");
    ck_assert_uint_eq(call(h, a, "insert", 1, two), 0);
    ck_assert_str_eq(E(h), "TypeError: insert expected 2 arguments, got 1");
    ck_assert_uint_eq(obj_getitem(h, a, five), 0);
    ck_assert_str_eq(E(h), "IndexError: list index out of range");
    ck_assert_uint_eq(obj_getitem(h, a, s), 0);
    ck_assert_str_eq(E(h), "TypeError: list indices must be integers or slices, not str");
    ck_assert_int_eq(obj_setitem(h, a, five, two), -1);
    ck_assert_str_eq(E(h), "IndexError: list assignment index out of range");
    ck_assert_uint_eq(obj_binop(h, a, s, OP_ADD), 0);
    ck_assert_str_eq(E(h), "TypeError: can only concatenate list (not \"str\") to list");
    Ref x = call(h, a, "index", 1, two);
    ck_assert_int_eq(V(h, x), 2);
    heap_decref(h, x);
    x = call(h, a, "count", 1, two);
    ck_assert_int_eq(V(h, x), 1);
    heap_decref(h, x);
    call_none(h, a, "remove", 1, two, 0);
    call_none(h, a, "reverse", 0, 0, 0);
    ck_assert_str_eq(R(h, a), "[1, 0]");
    ck_assert_int_eq(obj_contains(h, a, two), 0);
    call_none(h, a, "clear", 0, 0, 0);
    ck_assert_uint_eq(size_of(h, a), 56);
    Ref refs[] = {a, five, two, s};
    for (size_t i = 0; i < 4; i++)
        heap_decref(h, refs[i]);
    /* 3.8 names the method alone */
    Heap *g = heap_for("3.8");
    Ref b = list_new(g, 0);
    ck_assert_uint_eq(call(g, b, "append", 0), 0);
    ck_assert_str_eq(E(g), "TypeError: append() takes exactly one argument (0 given)");
    heap_decref(g, b);
    finish(g);
    finish(h);
}
END_TEST

START_TEST(test_list_repr_recursive)
{
    /* a = [1]; a.append(a) -> [1, [...]]; t = ([],); t[0].append(t) -> ([(...)],) */
    Heap *h = heap_for("3.12");
    Ref a = range_list(h, 1);
    list_append(h, a, a);
    ck_assert_str_eq(R(h, a), "[0, [...]]");
    Ref inner = list_new(h, 0), t = tuple_pack(h, 1, inner);
    list_append(h, inner, t);
    ck_assert_str_eq(R(h, t), "([(...)],)");
    list_clear(h, a);
    list_clear(h, inner);
    heap_decref(h, a);
    heap_decref(h, inner);
    heap_decref(h, t);
    finish(h);
}
END_TEST

START_TEST(test_list_sort)
{
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        /* stable: sorted by first item, second items keep their order */
        Ref l = list_new(h, 0);
        int64_t data[][2] = {{3, 0}, {1, 1}, {3, 2}, {2, 3}, {1, 4}, {3, 5}};
        for (int i = 0; i < 6; i++) {
            Ref a = I(h, data[i][0]), b = I(h, data[i][1]);
            Ref t = tuple_pack(h, 2, a, b);
            list_append(h, l, t);
            heap_decref(h, a);
            heap_decref(h, b);
            heap_decref(h, t);
        }
        Ref key = builtin_new(h, &first_def, NULLREF, NULLREF);
        ck_assert_int_eq(list_sort(h, l, key, false), 0);
        ck_assert_str_eq(R(h, l), "[(1, 1), (1, 4), (2, 3), (3, 0), (3, 2), (3, 5)]");
        ck_assert_int_eq(list_sort(h, l, key, true), 0);
        ck_assert_str_eq(R(h, l), "[(3, 0), (3, 2), (3, 5), (2, 3), (1, 1), (1, 4)]");
        /* a long list exercises runs and merges */
        Ref big = list_new(h, 0);
        for (int i = 0; i < 300; i++) {
            Ref x = I(h, (i * 7919) % 301);
            list_append(h, big, x);
            heap_decref(h, x);
        }
        Ref neg = builtin_new(h, &negate_def, NULLREF, NULLREF);
        ck_assert_int_eq(list_sort(h, big, NULLREF, false), 0);
        for (size_t i = 1; i < 300; i++)
            ck_assert_int_le(V(h, list_items(h, big)[i - 1]), V(h, list_items(h, big)[i]));
        ck_assert_int_eq(list_sort(h, big, neg, false), 0);
        for (size_t i = 1; i < 300; i++)
            ck_assert_int_ge(V(h, list_items(h, big)[i - 1]), V(h, list_items(h, big)[i]));
        /* [1, 'a'].sort() */
        Ref s = str_from_cstr(h, "a"), mixed = range_list(h, 2);
        list_set_item(h, mixed, 0, heap_newref(h, s));
        ck_assert_int_eq(list_sort(h, mixed, NULLREF, false), -1);
        ck_assert_str_eq(E(h), "TypeError: '<' not supported between instances of 'int' and 'str'");
        /* descending runs with equal items (3.13's count_run reverses them) */
        Ref runs = list_new(h, 0);
        static const int64_t desc[] = {3, 3, 2, 2, 1, 1, 5, 4, 4, 0};
        for (size_t i = 0; i < sizeof desc / sizeof desc[0]; i++) {
            Ref x = I(h, desc[i]);
            list_append(h, runs, x);
            heap_decref(h, x);
        }
        ck_assert_int_eq(list_sort(h, runs, NULLREF, false), 0);
        ck_assert_str_eq(R(h, runs), "[0, 1, 1, 2, 2, 3, 3, 4, 4, 5]");
        Ref refs[] = {l, key, big, neg, s, mixed, runs};
        for (size_t i = 0; i < 7; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_iterators_release)
{
    /* l = [1]; it = iter(l); list(it): the iterator drops l (refcount
     * 3 -> 2); reversed(l) does too, except in 3.13 where it keeps l */
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref l = range_list(h, 1);
        Ref it = list_iter(h, l), rv = list_reversed(h, l);
        ck_assert_int_eq(heap_obj(h, l)->refcnt, 3);
        Ref x = obj_next(h, it), y = obj_next(h, rv);
        ck_assert_uint_eq(x, y);
        ck_assert_uint_eq(obj_next(h, it), 0);
        ck_assert_uint_eq(obj_next(h, rv), 0);
        ck_assert_int_eq(heap_obj(h, l)->refcnt, v == 3 ? 2 : 1);
        ck_assert_uint_eq(size_of(h, it), 48);
        ck_assert_uint_eq(size_of(h, rv), 48);
        Ref refs[] = {l, it, rv, x, y};
        for (size_t i = 0; i < 5; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_list_reversed_builtin)
{
    Heap *h = heap_for("3.12");
    Ref l = range_list(h, 3);
    Ref rv = construct(h, K_REVERSED, &l, 1);
    ck_assert_int_eq(heap_kind(h, rv), K_LISTREVITER);
    Ref out = list_from_iterable(h, rv);
    ck_assert_str_eq(R(h, out), "[2, 1, 0]");
    ck_assert_uint_eq(size_of(h, out), 88);     /* hint 3 -> even 4 */
    Ref t = range_tuple(h, 3), rt = construct(h, K_REVERSED, &t, 1);
    ck_assert_int_eq(heap_kind(h, rt), K_REVERSED);
    Ref out2 = tuple_from_iterable(h, rt);
    ck_assert_str_eq(R(h, out2), "(2, 1, 0)");
    Ref one = I(h, 1);
    ck_assert_uint_eq(construct(h, K_REVERSED, &one, 1), 0);
    ck_assert_str_eq(E(h), "TypeError: 'int' object is not reversible");
    Ref refs[] = {l, rv, out, t, rt, out2, one};
    for (size_t i = 0; i < 7; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

/* ---- range ---- */

START_TEST(test_range_basics)
{
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref one = I(h, 1), ten = I(h, 10), three = I(h, 3), zero = I(h, 0), m1 = I(h, -1);
        Ref args[3] = {one, ten, three};
        Ref r = construct(h, K_RANGE, args, 3);
        ck_assert_str_eq(R(h, r), "range(1, 10, 3)");
        ck_assert_uint_eq(size_of(h, r), 48);
        ck_assert(!gc_is_tracked(h, r));
        size_t n;
        ck_assert_int_eq(obj_len(h, r, &n), 0);
        ck_assert_uint_eq(n, 3);
        Ref x = obj_getitem(h, r, m1);
        ck_assert_int_eq(V(h, x), 7);
        heap_decref(h, x);
        ck_assert_uint_eq(obj_getitem(h, r, three), 0);
        ck_assert_str_eq(E(h), "IndexError: range object index out of range");
        ck_assert_int_eq(obj_contains(h, r, ten), 0);
        Ref seven = I(h, 7);
        ck_assert_int_eq(obj_contains(h, r, seven), 1);
        Ref it = range_iter(h, r), rv = range_reversed(h, r);
        ck_assert_uint_eq(size_of(h, it), v < 2 ? 48 : 40);
        Ref l1 = list_from_iterable(h, it), l2 = list_from_iterable(h, rv);
        ck_assert_str_eq(R(h, l1), "[1, 4, 7]");
        ck_assert_str_eq(R(h, l2), "[7, 4, 1]");
        /* range(0, 10, 3)[1::2] == range(3, 12, 6) */
        Ref two = I(h, 2);
        Ref sl = slice_new(h, one, NULLREF, two);
        Ref a3[3] = {zero, ten, three};
        Ref r2 = construct(h, K_RANGE, a3, 3), sub = obj_getitem(h, r2, sl);
        ck_assert_str_eq(R(h, sub), "range(3, 12, 6)");
        /* range(3) == range(0, 3, 1); range(0) == range(2, 2) */
        Ref r3 = range_n(h, 3), a4[3] = {zero, three, one};
        Ref r4 = construct(h, K_RANGE, a4, 3);
        ck_assert_int_eq(obj_richcompare_bool(h, r3, r4, CMP_EQ), 1);
        ck_assert_uint_eq(obj_richcompare(h, r3, r4, CMP_LT), 0);
        ck_assert_str_eq(E(h), "TypeError: '<' not supported between instances of 'range' "
                               "and 'range'");
        Ref refs[] = {one, ten, three, zero, m1, r, seven, it, rv, l1, l2, two, sl, r2, sub,
                      r3, r4};
        for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_range_errors_by_version)
{
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        ck_assert_uint_eq(construct(h, K_RANGE, NULL, 0), 0);
        ck_assert_str_eq(E(h), v == 0 ? "TypeError: range expected 1 argument, got 0"
                                      : "TypeError: range expected at least 1 argument, got 0");
        Ref one = I(h, 1), zero = I(h, 0), s = str_from_cstr(h, "a");
        Ref a[4] = {one, one, zero, one};
        ck_assert_uint_eq(construct(h, K_RANGE, a, 3), 0);
        ck_assert_str_eq(E(h), "ValueError: range() arg 3 must not be zero");
        ck_assert_uint_eq(construct(h, K_RANGE, a, 4), 0);
        ck_assert_str_eq(E(h), "TypeError: range expected at most 3 arguments, got 4");
        ck_assert_uint_eq(construct(h, K_RANGE, &s, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: 'str' object cannot be interpreted as an integer");
        /* range(True): 3.8 keeps the bool */
        Ref r = construct(h, K_RANGE, &h->true_, 1);
        ck_assert_str_eq(R(h, r), v == 0 ? "range(0, True)" : "range(0, 1)");
        Ref twenty = I(h, 20), ten = range_n(h, 10);
        ck_assert_uint_eq(call(h, ten, "index", 1, twenty), 0);
        ck_assert_str_eq(E(h), "ValueError: 20 is not in range");
        Ref refs[] = {one, zero, s, r, twenty, ten};
        for (size_t i = 0; i < 6; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_range_big)
{
    /* range(2**70): len() overflows, indexing works, repr shows the bound */
    Heap *h = heap_for("3.12");
    Ref two = I(h, 2), seventy = I(h, 70), sixtynine = I(h, 69);
    Ref big = obj_binop(h, two, seventy, OP_POW), half = obj_binop(h, two, sixtynine, OP_POW);
    Ref r = construct(h, K_RANGE, &big, 1);
    ck_assert_str_eq(R(h, r), "range(0, 1180591620717411303424)");
    size_t n;
    ck_assert_int_eq(obj_len(h, r, &n), -1);
    ck_assert_str_eq(E(h), "OverflowError: Python int too large to convert to C ssize_t");
    Ref x = obj_getitem(h, r, half);
    ck_assert_str_eq(R(h, x), "590295810358705651712");
    ck_assert_int_eq(obj_contains(h, r, half), 1);
    Ref refs[] = {two, seventy, sixtynine, big, half, r, x};
    for (size_t i = 0; i < 7; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

/* ---- slices ---- */

START_TEST(test_slice_indices)
{
    /* slice(a, b, c).indices(n) of CPython */
    static const struct {
        int64_t a, b, c;
        bool na, nb, nc;
        size_t len;
        int64_t s, e, st, n;
    } cases[] = {
        {1, 2, 0, false, false, true, 10, 1, 2, 1, 1},
        {0, 0, -1, true, true, false, 5, 4, -1, -1, 5},
        {-3, 0, 0, false, true, true, 5, 2, 5, 1, 3},
        {0, -1, -2, true, false, false, 5, 4, 4, -2, 0},
        {8, 2, -3, false, false, false, 10, 8, 2, -3, 2},
        {-100, 100, 1, false, false, true, 4, 0, 4, 1, 4},
        {100, -100, -1, false, false, false, 4, 3, -1, -1, 4},
    };
    Heap *h = heap_for("3.12");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Ref a = cases[k].na ? NULLREF : I(h, cases[k].a);
        Ref b = cases[k].nb ? NULLREF : I(h, cases[k].b);
        Ref c = cases[k].nc ? NULLREF : I(h, cases[k].c);
        Ref s = slice_new(h, a, b, c);
        int64_t start, stop, step;
        size_t len;
        ck_assert_int_eq(slice_indices(h, s, cases[k].len, &start, &stop, &step, &len), 0);
        ck_assert_int_eq(start, cases[k].s);
        ck_assert_int_eq(stop, cases[k].e);
        ck_assert_int_eq(step, cases[k].st);
        ck_assert_uint_eq(len, (size_t)cases[k].n);
        heap_decref(h, a);
        heap_decref(h, b);
        heap_decref(h, c);
        heap_decref(h, s);
    }
    Ref zero = I(h, 0), s = slice_new(h, NULLREF, NULLREF, zero), l = range_list(h, 3);
    ck_assert_uint_eq(obj_getitem(h, l, s), 0);
    ck_assert_str_eq(E(h), "ValueError: slice step cannot be zero");
    Ref str = str_from_cstr(h, "x"), bad = slice_new(h, str, NULLREF, NULLREF);
    ck_assert_uint_eq(obj_getitem(h, l, bad), 0);
    ck_assert_str_eq(E(h), "TypeError: slice indices must be integers or None or have an "
                           "__index__ method");
    Ref refs[] = {zero, s, l, str, bad};
    for (size_t i = 0; i < 5; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

START_TEST(test_slice_object)
{
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref one = I(h, 1), two = I(h, 2), three = I(h, 3);
        Ref s = slice_new(h, one, two, NULLREF), s3 = slice_new(h, one, two, three);
        ck_assert_str_eq(R(h, s), "slice(1, 2, None)");
        ck_assert_uint_eq(size_of(h, s), 56);
        ck_assert(gc_is_tracked(h, s));
        Ref ten = I(h, 10), idx = call(h, s, "indices", 1, ten);
        ck_assert_str_eq(R(h, idx), "(1, 2, 1)");
        int64_t hv;
        if (v < 2) {
            ck_assert_int_eq(obj_hash(h, s3, &hv), -1);
            ck_assert_str_eq(E(h), "TypeError: unhashable type: 'slice'");
        } else {
            /* hash(slice(1, 2, 3)) in 3.12 and 3.13 */
            ck_assert_int_eq(obj_hash(h, s3, &hv), 0);
            ck_assert_int_eq(hv, -2340833382717974474LL);
        }
        Ref st = obj_getattr_cstr(h, s3, "step");
        ck_assert_uint_eq(st, three);
        Ref s4 = slice_new(h, two, two, three);
        ck_assert_int_eq(obj_richcompare_bool(h, s3, s4, CMP_LT), 1);
        ck_assert_int_eq(obj_richcompare_bool(h, s, s3, CMP_LT), -1);
        ck_assert_str_eq(E(h), "TypeError: '<' not supported between instances of "
                               "'NoneType' and 'int'");
        Ref refs[] = {one, two, three, s, s3, ten, idx, st, s4};
        for (size_t i = 0; i < 9; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

/* ---- enumerate, zip, map, filter, seqiter ---- */

START_TEST(test_enumerate_zip_sizes_and_reuse)
{
    /* sys.getsizeof(enumerate([])) 64/72/72/72, zip 56/64/64/64, map and
     * filter 48; the result tuple is recycled when the caller dropped it */
    static const size_t en[NVERSIONS] = {64, 72, 72, 72}, zp[NVERSIONS] = {56, 64, 64, 64};
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref l = range_list(h, 3), five = I(h, 5);
        Ref eargs[2] = {l, five};
        Ref e = construct(h, K_ENUMERATE, eargs, 2);
        ck_assert_uint_eq(size_of(h, e), en[v]);
        ck_assert(gc_is_tracked(h, e));
        Ref x = obj_next(h, e);
        ck_assert_str_eq(R(h, x), "(5, 0)");
        uint64_t first_id = id_of(h, x);
        Ref y = obj_next(h, e);
        ck_assert_uint_ne(id_of(h, y), first_id);   /* x still held */
        heap_decref(h, y);
        heap_decref(h, x);
        x = obj_next(h, e);
        ck_assert_str_eq(R(h, x), "(7, 2)");
        ck_assert_uint_eq(id_of(h, x), first_id);   /* recycled */
        heap_decref(h, x);
        ck_assert_uint_eq(obj_next(h, e), 0);
        ck_assert_ptr_null((void *)(uintptr_t)h->exc);
        Ref zargs[2] = {l, l};
        Ref z = construct(h, K_ZIP, zargs, 2);
        ck_assert_uint_eq(size_of(h, z), zp[v]);
        Ref zl = list_from_iterable(h, z);
        ck_assert_str_eq(R(h, zl), "[(0, 0), (1, 1), (2, 2)]");
        Ref f = builtin_new(h, &negate_def, NULLREF, NULLREF);
        Ref margs[2] = {f, l};
        Ref m = construct(h, K_MAP, margs, 2), fl = construct(h, K_FILTER, margs, 2);
        ck_assert_uint_eq(size_of(h, m), 48);
        ck_assert_uint_eq(size_of(h, fl), 48);
        Ref ml = list_from_iterable(h, m), fll = list_from_iterable(h, fl);
        ck_assert_str_eq(R(h, ml), "[0, -1, -2]");
        ck_assert_str_eq(R(h, fll), "[1, 2]");
        Ref refs[] = {l, five, e, z, zl, f, m, fl, ml, fll};
        for (size_t i = 0; i < 10; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

START_TEST(test_builtin_constructor_errors)
{
    for (int v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref one = I(h, 1), l = list_new(h, 0);
        ck_assert_uint_eq(construct(h, K_ENUMERATE, NULL, 0), 0);
        ck_assert_str_eq(E(h), v == 0 ? "TypeError: enumerate() missing required argument "
                                        "'iterable' (pos 1)"
                                      : "TypeError: enumerate() missing required argument "
                                        "'iterable'");
        ck_assert_uint_eq(construct(h, K_ENUMERATE, &one, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: 'int' object is not iterable");
        ck_assert_uint_eq(construct(h, K_MAP, &one, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: map() must have at least two arguments.");
        ck_assert_uint_eq(construct(h, K_FILTER, &one, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: filter expected 2 arguments, got 1");
        ck_assert_uint_eq(construct(h, K_ZIP, &one, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: 'int' object is not iterable");
        ck_assert_uint_eq(construct(h, K_LIST, &one, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: 'int' object is not iterable");
        Ref two[2] = {l, one};
        ck_assert_uint_eq(construct(h, K_LIST, two, 2), 0);
        ck_assert_str_eq(E(h), "TypeError: list expected at most 1 argument, got 2");
        ck_assert_uint_eq(construct(h, K_TUPLE, &one, 1), 0);
        ck_assert_str_eq(E(h), "TypeError: 'int' object is not iterable");
        Ref z = construct(h, K_ZIP, NULL, 0);
        ck_assert_uint_eq(obj_next(h, z), 0);
        heap_decref(h, z);
        heap_decref(h, one);
        heap_decref(h, l);
        finish(h);
    }
}
END_TEST

START_TEST(test_length_hint)
{
    Heap *h = heap_for("3.12");
    Ref l = range_list(h, 5), it = list_iter(h, l), r = range_n(h, 7), ri = range_iter(h, r);
    size_t n;
    ck_assert_int_eq(iter_length_hint(h, it, 8, &n), 0);
    ck_assert_uint_eq(n, 5);
    Ref x = obj_next(h, it);
    heap_decref(h, x);
    ck_assert_int_eq(iter_length_hint(h, it, 8, &n), 0);
    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(iter_length_hint(h, ri, 8, &n), 0);
    ck_assert_uint_eq(n, 7);
    ck_assert_int_eq(iter_length_hint(h, h->none, 8, &n), 0);
    ck_assert_uint_eq(n, 8);
    Ref refs[] = {l, it, r, ri};
    for (size_t i = 0; i < 4; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

/* Collect what a traverse visits. */
static void collect(Heap *h, Ref r, void *arg)
{
    (void)h;
    Ref *out = arg;
    while (*out)
        out++;
    *out = r;
}

START_TEST(test_traverse_order)
{
    /* gc.get_referents order: [1, 2, 3] -> [3, 2, 1]; slice(1, 2, 3) ->
     * [1, 2, 3]; map(f, it) -> [iters, f]; filter(f, it) -> [it, f] */
    Heap *h = heap_for("3.12");
    Ref l = range_list(h, 3), seen[8] = {0};
    list_ops.traverse(h, l, collect, seen);
    ck_assert(seen[0] == list_items(h, l)[2] && seen[2] == list_items(h, l)[0]);
    Ref one = I(h, 1), two = I(h, 2), three = I(h, 3), s = slice_new(h, one, two, three);
    memset(seen, 0, sizeof seen);
    slice_ops.traverse(h, s, collect, seen);
    ck_assert(seen[0] == one && seen[1] == two && seen[2] == three);
    Ref f = builtin_new(h, &negate_def, NULLREF, NULLREF), args[2] = {f, l};
    Ref m = construct(h, K_MAP, args, 2), fl = construct(h, K_FILTER, args, 2);
    memset(seen, 0, sizeof seen);
    map_ops.traverse(h, m, collect, seen);
    ck_assert(heap_kind(h, seen[0]) == K_TUPLE && seen[1] == f);
    memset(seen, 0, sizeof seen);
    filter_ops.traverse(h, fl, collect, seen);
    ck_assert(heap_kind(h, seen[0]) == K_LISTITER && seen[1] == f);
    Ref refs[] = {l, one, two, three, s, f, m, fl};
    for (size_t i = 0; i < 8; i++)
        heap_decref(h, refs[i]);
    finish(h);
}
END_TEST

START_TEST(test_keyword_messages)
{
    /* [].sort(foo=1), zip(x=1): 3.12 "'foo' is an invalid keyword argument
     * for sort()", 3.13 "sort() got an unexpected keyword argument 'foo'" */
    for (int v = 2; v < NVERSIONS; v++) {
        Heap *h = heap_for(ALL[v]);
        Ref l = list_new(h, 0), one = I(h, 1), foo = str_from_cstr(h, "foo");
        Ref kw = tuple_pack(h, 1, foo), m = obj_getattr_cstr(h, l, "sort");
        ck_assert_uint_eq(obj_call(h, m, &one, 0, kw), 0);
        ck_assert_str_eq(E(h), v == 2 ? "TypeError: 'foo' is an invalid keyword argument "
                                        "for sort()"
                                      : "TypeError: sort() got an unexpected keyword "
                                        "argument 'foo'");
        ck_assert_uint_eq(kind_ops[K_ZIP]->new_(h, h->type_of_kind[K_ZIP], &one, 0, kw), 0);
        ck_assert_str_eq(E(h), v == 2 ? "TypeError: 'foo' is an invalid keyword argument "
                                        "for zip()"
                                      : "TypeError: zip() got an unexpected keyword "
                                        "argument 'foo'");
        Ref refs[] = {l, one, foo, kw, m};
        for (size_t i = 0; i < 5; i++)
            heap_decref(h, refs[i]);
        finish(h);
    }
}
END_TEST

Suite *suite_sequences(void)
{
    Suite *s = suite_create("sequences");
    TCase *t = tcase_create("tuple");
    tcase_add_test(t, test_tuple_sizes_and_singleton);
    tcase_add_test(t, test_tuple_freelist_by_length);
    tcase_add_test(t, test_tuple_dealloc_order);
    tcase_add_test(t, test_tuple_hash_repr_compare);
    tcase_add_test(t, test_tuple_identity_shortcuts);
    tcase_add_test(t, test_tuple_from_iterable_empty);
    tcase_add_test(t, test_tuple_untrack_if_atomic);
    tcase_add_test(t, test_tuple_errors);
    suite_add_tcase(s, t);
    t = tcase_create("list");
    tcase_add_test(t, test_list_append_growth);
    tcase_add_test(t, test_list_pop_shrink);
    tcase_add_test(t, test_list_del_item_shrink);
    tcase_add_test(t, test_list_insert_growth);
    tcase_add_test(t, test_list_literal_primitives);
    tcase_add_test(t, test_list_constructor_sizes);
    tcase_add_test(t, test_list_from_iterable_is_sequence_list);
    tcase_add_test(t, test_list_extend_nonempty);
    tcase_add_test(t, test_list_pop_then_extend);
    tcase_add_test(t, test_list_repeat_concat_slice_copy);
    tcase_add_test(t, test_list_slice_assignment);
    tcase_add_test(t, test_list_assign_message_313);
    tcase_add_test(t, test_list_freelist_and_constructor);
    tcase_add_test(t, test_list_dealloc_order);
    tcase_add_test(t, test_list_methods_and_errors);
    tcase_add_test(t, test_list_repr_recursive);
    tcase_add_test(t, test_list_sort);
    tcase_add_test(t, test_list_iterators_release);
    tcase_add_test(t, test_list_reversed_builtin);
    suite_add_tcase(s, t);
    t = tcase_create("range and slice");
    tcase_add_test(t, test_range_basics);
    tcase_add_test(t, test_range_errors_by_version);
    tcase_add_test(t, test_range_big);
    tcase_add_test(t, test_slice_indices);
    tcase_add_test(t, test_slice_object);
    suite_add_tcase(s, t);
    t = tcase_create("iterators");
    tcase_add_test(t, test_enumerate_zip_sizes_and_reuse);
    tcase_add_test(t, test_builtin_constructor_errors);
    tcase_add_test(t, test_length_hint);
    tcase_add_test(t, test_traverse_order);
    tcase_add_test(t, test_keyword_messages);
    suite_add_tcase(s, t);
    return s;
}
