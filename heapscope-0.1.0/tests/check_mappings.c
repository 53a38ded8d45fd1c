/* Tests of dict, set and frozenset: sys.getsizeof after every way of
 * building them, growth points, set iteration orders, free lists, GC
 * tracking, instance-dict sizes and error messages, for every profile.
 *
 * Every expected value was printed by the real interpreters (3.8.18,
 * 3.11.7, 3.12.1, 3.13.0); the bulk tables are in check_mappings_data.h.
 * The measuring scripts were, in short:
 *   sizes:   for n in range(101): sys.getsizeof(<built with n items>)
 *   sets:    s = set(); [s.add(x) for x in case]; list(s), getsizeof(s)
 *   inst:    class C: pass; a = C(); ... setattr; getsizeof(a.__dict__) */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/gc.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"

typedef struct SizePoint {
    int n;
    int size;
} SizePoint;

typedef struct DictSeries {
    const char *name, *version;
    int count;
    SizePoint points[12];
} DictSeries;

typedef struct SetCase {
    int n;
    long long in[64], out[64];
    int size;
} SetCase;

typedef struct SetRemCase {
    int n;
    long long in[64];
    int ndel;
    long long del[64];
    int nadd;
    long long add[16];
    int nout;
    long long out[64];
    int size;
} SetRemCase;

typedef struct InstCase {
    int nattrs;
    int two_a, two_b;      /* two instances, then attributes on each */
    int dict_first;        /* __dict__ taken before the attributes */
    int one;               /* a single instance */
} InstCase;

#include "check_mappings_data.h"

static const char *const versions[] = {"3.8", "3.11", "3.12", "3.13"};

/* ---- helpers ---- */

/* A fresh heap for profile V. */
static Heap *new_heap(const char *v)
{
    const Profile *p = profile_find(v);
    ck_assert_ptr_nonnull(p);
    return heap_new(p);
}

/* Free the heap (and the dict keys free list's host array, which
 * heap_delete may not know about). */
static void free_heap(Heap *h)
{
    free(h->fl_dictkeys.addr);
    h->fl_dictkeys.addr = NULL;
    h->fl_dictkeys.n = h->fl_dictkeys.cap = 0;
    heap_delete(h);
}

/* Check the heap's invariants and free it. */
static void done(Heap *h)
{
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    free_heap(h);
}

/* sys.getsizeof(o). */
static size_t gs(Heap *h, Ref o)
{
    return heap_ops(h, o)->sizeof_(h, o);
}

/* An int object. */
static Ref I(Heap *h, long long v)
{
    Ref r = int_from_i64(h, v);
    ck_assert(r != 0);
    return r;
}

/* The str 'k<i>' (a runtime string, like '%d' formatting makes). */
static Ref K(Heap *h, int i)
{
    char buf[32];
    snprintf(buf, sizeof buf, "k%d", i);
    return str_from_cstr(h, buf);
}

/* Key I of a series: an int or the str 'k<i>'. */
static Ref key(Heap *h, int i, bool str)
{
    return str ? K(h, i) : I(h, i);
}

/* d[k] = v, dropping the caller's references to K and V. */
static void put(Heap *h, Ref d, Ref k, Ref v)
{
    ck_assert_int_eq(dict_setitem(h, d, k, v), 0);
    heap_decref(h, k);
    heap_decref(h, v);
}

/* {key(i): 1 for i in range(lo, lo + n)} built by insertion. */
static Ref comp(Heap *h, int lo, int n, bool str)
{
    Ref d = dict_new(h);
    for (int i = lo; i < lo + n; i++)
        put(h, d, key(h, i, str), I(h, 1));
    return d;
}

/* Call method NAME of O (a C method of its kind). */
static Ref call_method(Heap *h, Ref o, const char *name, const Ref *args, size_t n, Ref kw)
{
    for (const MethodDef *m = heap_ops(h, o)->methods; m && m->name; m++)
        if (!strcmp(m->name, name))
            return m->fn(h, o, args, n, kw);
    ck_abort_msg("no method %s", name);
    return NULLREF;
}

/* The "Type: message" line of the pending exception; clears it. */
static const char *exc_line(Heap *h)
{
    static char buf[256];
    ck_assert_msg(h->exc != 0, "no exception pending");
    StrBuf b = {0};
    exc_format_last_line(h, h->exc, &b);
    snprintf(buf, sizeof buf, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
    heap_clear_exc(h);
    return buf;
}

/* repr(o) as a C string (static buffer). */
static const char *repr(Heap *h, Ref o)
{
    static char buf[1024];
    Ref s = obj_repr(h, o);
    ck_assert_msg(s != 0, "repr failed");
    snprintf(buf, sizeof buf, "%s", str_utf8(h, s, NULL));
    heap_decref(h, s);
    return buf;
}

/* Expected size of series S at index I. */
static int series_at(const DictSeries *s, int i)
{
    int size = 0;
    for (int k = 0; k < 12 && (s->points[k].n || s->points[k].size); k++)
        if (s->points[k].n <= i)
            size = s->points[k].size;
    return size;
}

/* The series NAME of version V (NULL when not measured there). */
static const DictSeries *find_series(const char *name, const char *v)
{
    for (size_t i = 0; i < sizeof dict_series / sizeof dict_series[0]; i++)
        if (!strcmp(dict_series[i].name, name) && !strcmp(dict_series[i].version, v))
            return &dict_series[i];
    return NULL;
}

/* ---- dict builders: one per measured series, size at index N ---- */

typedef size_t (*Builder)(Heap *h, int n, bool str);

/* Size after N insertions. */
static size_t b_ins(Heap *h, int n, bool str)
{
    Ref d = comp(h, 0, n, str);
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* A literal of N items: BUILD_MAP / BUILD_CONST_KEY_MAP. */
static size_t b_lit(Heap *h, int n, bool str)
{
    Ref ks[128] = {0}, vs[128] = {0};
    for (int i = 0; i < n; i++) {
        ks[i] = key(h, i, str);
        vs[i] = I(h, 1);
    }
    Ref d = dict_from_items(h, ks, 1, vs, 1, (size_t)n);
    for (int i = 0; i < n; i++) {
        heap_decref(h, ks[i]);
        heap_decref(h, vs[i]);
    }
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* Call the dict type with ARGS / KWNAMES. */
static Ref call_dict(Heap *h, const Ref *args, size_t n, Ref kw)
{
    Ref d = obj_call(h, h->type_of_kind[K_DICT], args, n, kw);
    ck_assert_msg(d != 0, "dict() failed");
    return d;
}

/* dict([(k, 1), ...]). */
static size_t b_pairs(Heap *h, int n, bool str)
{
    Ref l = list_new(h, 0);
    for (int i = 0; i < n; i++) {
        Ref k = key(h, i, str), v = I(h, 1);
        Ref t = tuple_pack(h, 2, k, v);
        list_append(h, l, t);
        heap_decref(h, t);
        heap_decref(h, k);
        heap_decref(h, v);
    }
    Ref d = call_dict(h, &l, 1, 0);
    heap_decref(h, l);
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* dict(k0=1, k1=1, ...). */
static size_t b_kwcall(Heap *h, int n, bool str)
{
    (void)str;
    Ref names[128] = {0}, vals[128] = {0};
    for (int i = 0; i < n; i++) {
        char buf[16];
        snprintf(buf, sizeof buf, "k%d", i);
        names[i] = str_intern_cstr(h, buf);
        vals[i] = I(h, 1);
    }
    Ref kw = n ? tuple_from_array(h, names, (size_t)n) : 0;
    Ref d = call_dict(h, vals, 0, kw);
    for (int i = 0; i < n; i++) {
        heap_decref(h, names[i]);
        heap_decref(h, vals[i]);
    }
    heap_decref(h, kw);
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* dict.fromkeys(SRC) (the method called on the class). */
static Ref fromkeys(Heap *h, Ref src)
{
    Ref d = NULLREF;
    for (const MethodDef *m = dict_ops.methods; m->name; m++)
        if (!strcmp(m->name, "fromkeys"))
            d = m->fn(h, h->type_of_kind[K_DICT], &src, 1, 0);
    ck_assert_msg(d != 0, "fromkeys failed");
    return d;
}

/* A list of the N keys. */
static Ref key_list(Heap *h, int n, bool str)
{
    Ref l = list_new(h, 0);
    for (int i = 0; i < n; i++) {
        Ref k = key(h, i, str);
        list_append(h, l, k);
        heap_decref(h, k);
    }
    return l;
}

/* dict(dict.fromkeys(keys)). */
static size_t b_dict_of_dict(Heap *h, int n, bool str)
{
    Ref l = key_list(h, n, str);
    Ref src = fromkeys(h, l);
    Ref d = call_dict(h, &src, 1, 0);
    size_t s = gs(h, d);
    heap_decref(h, d);
    heap_decref(h, src);
    heap_decref(h, l);
    return s;
}

/* dict.fromkeys(list). */
static size_t b_fromkeys_list(Heap *h, int n, bool str)
{
    Ref l = key_list(h, n, str);
    Ref d = fromkeys(h, l);
    size_t s = gs(h, d);
    heap_decref(h, d);
    heap_decref(h, l);
    return s;
}

/* dict.fromkeys({i: 1 ...}). */
static size_t b_fromkeys_dict(Heap *h, int n, bool str)
{
    Ref src = comp(h, 0, n, str);
    Ref d = fromkeys(h, src);
    size_t s = gs(h, d);
    heap_decref(h, d);
    heap_decref(h, src);
    return s;
}

/* dict.fromkeys(set(range(n))). */
static size_t b_fromkeys_set(Heap *h, int n, bool str)
{
    Ref l = key_list(h, n, str);
    Ref src = set_new(h, l);
    Ref d = fromkeys(h, src);
    size_t s = gs(h, d);
    heap_decref(h, d);
    heap_decref(h, src);
    heap_decref(h, l);
    return s;
}

/* ({...n} minus its first DELS keys).copy(). */
static size_t copy_after_dels(Heap *h, int n, bool str, int dels)
{
    Ref d = comp(h, 0, n, str);
    for (int i = 0; i < dels && i < n; i++) {
        Ref k = key(h, i, str);
        ck_assert_int_eq(dict_delitem(h, d, k), 0);
        heap_decref(h, k);
    }
    Ref c = dict_copy(h, d);
    size_t s = gs(h, c);
    heap_decref(h, c);
    heap_decref(h, d);
    return s;
}

/* d.copy(). */
static size_t b_copy(Heap *h, int n, bool str) { return copy_after_dels(h, n, str, 0); }
/* d.copy() after deleting half. */
static size_t b_copy_half(Heap *h, int n, bool str) { return copy_after_dels(h, n, str, n / 2); }
/* d.copy() after deleting a third. */
static size_t b_copy_third(Heap *h, int n, bool str) { return copy_after_dels(h, n, str, n / 3); }

/* d = {}; d.update({...n}). */
static size_t b_update_empty(Heap *h, int n, bool str)
{
    Ref d = dict_new(h), src = comp(h, 0, n, str);
    ck_assert_int_eq(dict_update(h, d, src), 0);
    size_t s = gs(h, d);
    heap_decref(h, src);
    heap_decref(h, d);
    return s;
}

/* d = {-1: 1}; d.update({...n}). */
static size_t b_update_one(Heap *h, int n, bool str)
{
    Ref d = dict_new(h), src = comp(h, 0, n, str);
    put(h, d, I(h, -1), I(h, 1));
    ck_assert_int_eq(dict_update(h, d, src), 0);
    size_t s = gs(h, d);
    heap_decref(h, src);
    heap_decref(h, d);
    return s;
}

/* d[0] = 1, then n str keys. */
static size_t b_mixed_int_then_str(Heap *h, int n, bool str)
{
    (void)str;
    Ref d = dict_new(h);
    put(h, d, I(h, 0), I(h, 1));
    for (int i = 0; i < n; i++)
        put(h, d, K(h, i), I(h, 1));
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* n str keys, then d[0] = 1. */
static size_t b_mixed_str_then_int(Heap *h, int n, bool str)
{
    (void)str;
    Ref d = dict_new(h);
    for (int i = 0; i < n; i++)
        put(h, d, K(h, i), I(h, 1));
    put(h, d, I(h, 0), I(h, 1));
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* {0..99}, after deleting keys 0..n. */
static size_t b_dels(Heap *h, int n, bool str)
{
    Ref d = comp(h, 0, 100, str);
    for (int i = 0; i <= n; i++) {
        Ref k = key(h, i, str);
        ck_assert_int_eq(dict_delitem(h, d, k), 0);
        heap_decref(h, k);
    }
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* Insert i, delete i - 3, for steps 0..n. */
static size_t b_churn(Heap *h, int n, bool str)
{
    Ref d = dict_new(h);
    for (int i = 0; i <= n; i++) {
        put(h, d, key(h, i, str), I(h, 1));
        if (i >= 3) {
            Ref k = key(h, i - 3, str);
            ck_assert_int_eq(dict_delitem(h, d, k), 0);
            heap_decref(h, k);
        }
    }
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* {0..9} after n + 1 popitem() calls. */
static size_t b_popitem(Heap *h, int n, bool str)
{
    Ref d = comp(h, 0, 10, str);
    for (int i = 0; i <= n; i++) {
        Ref t = call_method(h, d, "popitem", NULL, 0, 0);
        ck_assert(t != 0);
        heap_decref(h, t);
    }
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* n + 1 setdefault(i, 1) calls on {}. */
static size_t b_setdefault(Heap *h, int n, bool str)
{
    Ref d = dict_new(h), one = I(h, 1);
    for (int i = 0; i <= n; i++) {
        Ref k = key(h, i, str);
        ck_assert(dict_setdefault(h, d, k, one) != 0);
        heap_decref(h, k);
    }
    size_t s = gs(h, d);
    heap_decref(h, one);
    heap_decref(h, d);
    return s;
}

/* {n ints} | {n other ints}. */
static size_t b_or(Heap *h, int n, bool str)
{
    Ref a = comp(h, 0, n, str), b = comp(h, 1000, n, str);
    Ref r = obj_binop(h, a, b, OP_OR);
    ck_assert(r != 0);
    size_t s = gs(h, r);
    heap_decref(h, r);
    heap_decref(h, a);
    heap_decref(h, b);
    return s;
}

/* {} | {n}. */
static size_t b_or_empty(Heap *h, int n, bool str)
{
    Ref a = dict_new(h), b = comp(h, 0, n, str);
    Ref r = obj_binop(h, a, b, OP_OR);
    ck_assert(r != 0);
    size_t s = gs(h, r);
    heap_decref(h, r);
    heap_decref(h, a);
    heap_decref(h, b);
    return s;
}

/* d = {}; d |= {n}. */
static size_t b_ior_empty(Heap *h, int n, bool str)
{
    Ref a = dict_new(h), b = comp(h, 0, n, str);
    Ref r = obj_inplace(h, a, b, OP_OR);
    ck_assert(r != 0);
    size_t s = gs(h, r);
    heap_decref(h, r);
    heap_decref(h, a);
    heap_decref(h, b);
    return s;
}

typedef struct SeriesDef {
    const char *name;
    Builder build;
    bool str;
    int max311;          /* highest n to test in 3.11+ (-1: all) */
} SeriesDef;

static const SeriesDef series_defs[] = {
    {"ins_int", b_ins, false, -1},
    {"ins_str", b_ins, true, -1},
    {"lit_int", b_lit, false, 15},      /* 3.11+ compile > 15 items as MAP_ADD */
    {"lit_str", b_lit, true, 15},
    {"dict_pairs_int", b_pairs, false, -1},
    {"dict_pairs_str", b_pairs, true, -1},
    {"dict_kwcall", b_kwcall, true, -1},
    {"dict_of_dict_int", b_dict_of_dict, false, -1},
    {"dict_of_dict_str", b_dict_of_dict, true, -1},
    {"fromkeys_list", b_fromkeys_list, false, -1},
    {"fromkeys_dict", b_fromkeys_dict, false, -1},
    {"fromkeys_set", b_fromkeys_set, false, -1},
    {"copy_int", b_copy, false, -1},
    {"copy_str", b_copy, true, -1},
    {"copy_int_del_half", b_copy_half, false, -1},
    {"copy_int_del_third", b_copy_third, false, -1},
    {"update_empty_int", b_update_empty, false, -1},
    {"update_empty_str", b_update_empty, true, -1},
    {"update_one_int", b_update_one, false, -1},
    {"mixed_int_then_str", b_mixed_int_then_str, true, -1},
    {"mixed_str_then_int", b_mixed_str_then_int, true, -1},
    {"dels_100", b_dels, false, -1},
    {"churn3", b_churn, false, -1},
    {"popitem", b_popitem, false, -1},
    {"setdefault", b_setdefault, false, -1},
    {"or_int", b_or, false, -1},
    {"or_empty", b_or_empty, false, -1},
    {"ior_empty", b_ior_empty, false, -1},
};

/* Every measured size series of one profile (loop index _i). */
START_TEST(test_dict_size_series)
{
    const char *v = versions[_i];
    for (size_t d = 0; d < sizeof series_defs / sizeof series_defs[0]; d++) {
        const SeriesDef *def = &series_defs[d];
        const DictSeries *s = find_series(def->name, v);
        if (!s)
            continue;
        Heap *h = new_heap(v);
        int last = s->count - 1;
        if (def->max311 >= 0 && strcmp(v, "3.8") != 0)
            last = def->max311;
        for (int n = 0; n <= last; n++) {
            size_t got = def->build(h, n, def->str);
            ck_assert_msg(got == (size_t)series_at(s, n), "%s %s n=%d: got %zu, want %d",
                          v, def->name, n, got, series_at(s, n));
        }
        done(h);
    }
}
END_TEST

/* {} is 64 bytes until the first insert; clear() returns there. */
START_TEST(test_dict_empty_and_clear)
{
    const char *v = versions[_i];
    size_t first = !strcmp(v, "3.8") ? 232 : 224;
    Heap *h = new_heap(v);
    Ref d = dict_new(h);
    ck_assert_uint_eq(gs(h, d), 64);
    Ref big = comp(h, 0, 50, false);
    ck_assert_uint_eq(gs(h, big), !strcmp(v, "3.8") ? 2272 : 2264);
    dict_clear(h, big);
    ck_assert_uint_eq(gs(h, big), 64);
    put(h, big, I(h, 1), I(h, 1));
    ck_assert_uint_eq(gs(h, big), first);
    Ref dc = call_dict(h, NULL, 0, 0);
    ck_assert_uint_eq(gs(h, dc), !strcmp(v, "3.8") ? 232 : 64);   /* dict() */
    heap_decref(h, dc);
    heap_decref(h, big);
    heap_decref(h, d);
    done(h);
}
END_TEST

/* The dict free list keeps ids; dict() bypasses it. */
START_TEST(test_dict_freelist_ids)
{
    Heap *h = new_heap(versions[_i]);
    Ref a = dict_new(h);
    uint64_t id = heap_obj(h, a)->addr;
    heap_decref(h, a);
    Ref b = dict_new(h);
    ck_assert_uint_eq(heap_obj(h, b)->addr, id);           /* id({}) == i */
    heap_decref(h, b);
    Ref c = call_dict(h, NULL, 0, 0);
    ck_assert_uint_ne(heap_obj(h, c)->addr, id);           /* id(dict()) != i */
    heap_decref(h, c);
    Ref d = comp(h, 0, 3, false);
    id = heap_obj(h, d)->addr;
    heap_decref(h, d);
    Ref e = dict_new(h);
    ck_assert_uint_eq(heap_obj(h, e)->addr, id);           /* non-empty dicts too */
    heap_decref(h, e);
    done(h);
}
END_TEST

/* dict allocations count in gen0 unless they come from the free list. */
START_TEST(test_dict_gc_counts)
{
    Heap *h = new_heap(versions[_i]);
    Ref keep[5];
    int before = gc_generations(h)[0].count;
    for (int i = 0; i < 5; i++)
        keep[i] = call_dict(h, NULL, 0, 0);
    ck_assert_int_eq(gc_generations(h)[0].count - before, 5);
    for (int i = 0; i < 5; i++)
        heap_decref(h, keep[i]);               /* to the free list: no count change */
    before = gc_generations(h)[0].count;
    for (int i = 0; i < 5; i++)
        keep[i] = dict_new(h);
    ck_assert_int_eq(gc_generations(h)[0].count - before, 0);
    for (int i = 0; i < 5; i++)
        heap_decref(h, keep[i]);
    done(h);
}
END_TEST

/* MAINTAIN_TRACKING and _PyDict_MaybeUntrack. */
START_TEST(test_dict_tracking)
{
    Heap *h = new_heap(versions[_i]);
    Ref d = dict_new(h);
    ck_assert(!gc_is_tracked(h, d));
    put(h, d, I(h, 1), I(h, 2));
    ck_assert(!gc_is_tracked(h, d));                       /* {1: 2} */
    put(h, d, I(h, 3), list_new(h, 0));
    ck_assert(gc_is_tracked(h, d));                        /* {3: []} */
    put(h, d, I(h, 3), I(h, 1));
    ck_assert(gc_is_tracked(h, d));                        /* stays tracked */
    dict_maybe_untrack(h, d);
    ck_assert(!gc_is_tracked(h, d));                       /* after gc.collect() */
    Ref inner = dict_new(h);
    put(h, d, I(h, 4), inner);
    ck_assert(gc_is_tracked(h, d));                        /* {4: {}}: dicts may be tracked */
    Ref c = dict_copy(h, d);
    ck_assert(gc_is_tracked(h, c));
    heap_decref(h, c);
    Ref e = dict_new(h), ec = dict_copy(h, e);
    ck_assert(!gc_is_tracked(h, ec));                      /* {}.copy() */
    heap_decref(h, e);
    heap_decref(h, ec);
    heap_decref(h, d);
    done(h);
}
END_TEST

/* Insertion order, replacement keeps the first key, deletion and reinsert. */
START_TEST(test_dict_order_and_repr)
{
    Heap *h = new_heap(versions[_i]);
    Ref d = dict_new(h);
    put(h, d, I(h, 3), str_from_cstr(h, "c"));
    put(h, d, K(h, 1), I(h, 1));
    put(h, d, I(h, -1), h->none), heap_incref(h, h->none);
    ck_assert_str_eq(repr(h, d), "{3: 'c', 'k1': 1, -1: None}");
    Ref k = I(h, 3);
    ck_assert_int_eq(dict_delitem(h, d, k), 0);
    put(h, d, k, I(h, 9));
    ck_assert_str_eq(repr(h, d), "{'k1': 1, -1: None, 3: 9}");
    put(h, d, I(h, 5), d), heap_incref(h, d);
    ck_assert_str_eq(repr(h, d), "{'k1': 1, -1: None, 3: 9, 5: {...}}");
    Ref empty = dict_new(h);
    ck_assert_str_eq(repr(h, empty), "{}");
    heap_decref(h, empty);
    dict_clear(h, d);                                      /* break the cycle */
    heap_decref(h, d);
    done(h);
}
END_TEST

/* KeyError carries the key's repr; other messages are CPython's. */
START_TEST(test_dict_errors)
{
    const char *v = versions[_i];
    Heap *h = new_heap(v);
    Ref d = comp(h, 0, 2, false);
    Ref k = I(h, 7);
    ck_assert(obj_getitem(h, d, k) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: 7");
    ck_assert_int_eq(dict_delitem(h, d, k), -1);
    ck_assert_str_eq(exc_line(h), "KeyError: 7");
    Ref t = tuple_pack(h, 2, k, k);
    ck_assert(obj_getitem(h, d, t) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: (7, 7)");
    Ref s = str_from_cstr(h, "x");
    ck_assert(obj_getitem(h, d, s) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: 'x'");
    Ref l = list_new(h, 0);
    ck_assert(obj_getitem(h, d, l) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: unhashable type: 'list'");
    ck_assert(dict_pop(h, d, k, 0) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: 7");
    ck_assert(call_method(h, d, "pop", NULL, 0, 0) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: pop expected at least 1 argument, got 0");
    Ref e = dict_new(h);
    ck_assert(call_method(h, e, "popitem", NULL, 0, 0) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: 'popitem(): dictionary is empty'");
    ck_assert(call_method(h, e, "popitem", &k, 1, 0) == 0);
    ck_assert_str_eq(exc_line(h), !strcmp(v, "3.8")
                                      ? "TypeError: popitem() takes no arguments (1 given)"
                                      : "TypeError: dict.popitem() takes no arguments (1 given)");
    Ref args2[2] = {e, e};
    ck_assert(obj_call(h, h->type_of_kind[K_DICT], args2, 2, 0) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: dict expected at most 1 argument, got 2");
    ck_assert(obj_call(h, h->type_of_kind[K_DICT], &k, 1, 0) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: 'int' object is not iterable");
    Ref bad = list_new(h, 0);
    list_append(h, bad, k);
    ck_assert(obj_call(h, h->type_of_kind[K_DICT], &bad, 1, 0) == 0);
    ck_assert_str_eq(exc_line(h),
                     "TypeError: cannot convert dictionary update sequence element #0 "
                     "to a sequence");
    Ref bad3 = list_new(h, 0), triple = tuple_pack(h, 3, k, k, k);
    list_append(h, bad3, triple);
    ck_assert(obj_call(h, h->type_of_kind[K_DICT], &bad3, 1, 0) == 0);
    ck_assert_str_eq(exc_line(h), "ValueError: dictionary update sequence element #0 has "
                                  "length 3; 2 is required");
    Ref r = obj_binop(h, d, e, OP_OR);
    if (!strcmp(v, "3.8")) {
        ck_assert(r == 0);
        ck_assert_str_eq(exc_line(h),
                         "TypeError: unsupported operand type(s) for |: 'dict' and 'dict'");
    } else {
        ck_assert(r != 0);
        heap_decref(h, r);
    }
    Ref lt = obj_richcompare(h, d, e, CMP_LT);
    ck_assert(lt == 0);
    ck_assert_str_eq(exc_line(h),
                     "TypeError: '<' not supported between instances of 'dict' and 'dict'");
    Ref refs[] = {bad3, triple, bad, e, l, s, t, k, d};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    done(h);
}
END_TEST

/* Iterating while the size changes raises; keys changed at equal size too. */
START_TEST(test_dict_iteration_errors)
{
    Heap *h = new_heap(versions[_i]);
    Ref d = comp(h, 1, 2, false);            /* {1: 1, 2: 1} */
    Ref it = obj_iter(h, d);
    Ref x = obj_next(h, it);
    ck_assert(x != 0);
    put(h, d, I(h, 11), I(h, 1));
    ck_assert(obj_next(h, it) == 0);
    ck_assert_str_eq(exc_line(h), "RuntimeError: dictionary changed size during iteration");
    ck_assert(obj_next(h, it) == 0);           /* sticky */
    ck_assert_str_eq(exc_line(h), "RuntimeError: dictionary changed size during iteration");
    heap_decref(h, x);
    heap_decref(h, it);
    heap_decref(h, d);
    d = comp(h, 1, 2, false);
    it = obj_iter(h, d);
    x = obj_next(h, it);                       /* 1 */
    ck_assert_int_eq(dict_delitem(h, d, x), 0);
    put(h, d, I(h, 11), I(h, 1));              /* same size, other keys */
    Ref y = obj_next(h, it);                   /* 2 */
    ck_assert(y != 0);
    ck_assert(obj_next(h, it) == 0);
    ck_assert_str_eq(exc_line(h), "RuntimeError: dictionary keys changed during iteration");
    heap_decref(h, y);
    heap_decref(h, x);
    heap_decref(h, it);
    heap_decref(h, d);
    done(h);
}
END_TEST

/* items() iteration recycles its result tuple when unshared. */
START_TEST(test_dict_items_tuple_reuse)
{
    Heap *h = new_heap(versions[_i]);
    Ref d = comp(h, 1, 3, false);
    Ref view = call_method(h, d, "items", NULL, 0, 0);
    Ref it = obj_iter(h, view);
    Ref a = obj_next(h, it);
    uint64_t ida = heap_obj(h, a)->addr;
    heap_decref(h, a);
    Ref b = obj_next(h, it);
    ck_assert_uint_eq(heap_obj(h, b)->addr, ida);
    Ref c = obj_next(h, it);                   /* b still held: a new tuple */
    ck_assert_uint_ne(heap_obj(h, c)->addr, ida);
    ck_assert_str_eq(repr(h, c), "(3, 1)");
    ck_assert_uint_eq(gs(h, it), 72);
    ck_assert_uint_eq(gs(h, view), 40);
    heap_decref(h, c);
    heap_decref(h, b);
    heap_decref(h, it);
    ck_assert_str_eq(repr(h, view), "dict_items([(1, 1), (2, 1), (3, 1)])");
    heap_decref(h, view);
    heap_decref(h, d);
    done(h);
}
END_TEST

/* Views: repr, len, in, set operations (3.8 builds set(view) first). */
START_TEST(test_dict_views)
{
    const char *v = versions[_i];
    Heap *h = new_heap(v);
    long long ks[] = {7, 15, 23, 31, 2};
    Ref d = dict_new(h);
    for (int i = 0; i < 5; i++)
        put(h, d, I(h, ks[i]), h->none), heap_incref(h, h->none);
    Ref keys = call_method(h, d, "keys", NULL, 0, 0);
    Ref vals = call_method(h, d, "values", NULL, 0, 0);
    ck_assert_str_eq(repr(h, keys), "dict_keys([7, 15, 23, 31, 2])");
    ck_assert_str_eq(repr(h, vals), "dict_values([None, None, None, None, None])");
    Ref x = I(h, 100), one = set_new(h, 0);
    set_add(h, one, x);
    Ref r = obj_binop(h, keys, one, OP_OR);
    /* d.keys() | {100} */
    ck_assert_str_eq(repr(h, r), !strcmp(v, "3.8") ? "{2, 100, 7, 15, 23, 31}"
                                                   : "{2, 23, 100, 7, 31, 15}");
    ck_assert_uint_eq(gs(h, r), !strcmp(v, "3.8") ? 728 : 472);
    heap_decref(h, r);
    Ref s3 = set_new(h, 0);                    /* {7, 15, 23} as each compiler builds it */
    long long lit38[] = {7, 15, 23}, lit311[] = {15, 23, 7};
    for (int i = 0; i < 3; i++) {
        Ref k = I(h, !strcmp(v, "3.8") ? lit38[i] : lit311[i]);
        set_add(h, s3, k);
        heap_decref(h, k);
    }
    r = obj_binop(h, keys, s3, OP_AND);
    ck_assert_str_eq(repr(h, r), !strcmp(v, "3.8") ? "{23, 7, 15}" : "{7, 15, 23}");
    heap_decref(h, r);
    r = obj_binop(h, s3, keys, OP_AND);
    ck_assert_str_eq(repr(h, r), !strcmp(v, "3.8") ? "{15, 23, 7}" : "{7, 15, 23}");
    heap_decref(h, r);
    Ref seven = I(h, 7);
    ck_assert_int_eq(obj_contains(h, keys, seven), 1);
    ck_assert_int_eq(obj_contains(h, vals, h->none), 1);
    size_t n;
    ck_assert_int_eq(obj_len(h, keys, &n), 0);
    ck_assert_uint_eq(n, 5);
    Ref eq = obj_richcompare(h, vals, vals, CMP_EQ);   /* values views: identity */
    ck_assert(eq == h->true_);
    heap_decref(h, eq);
    Ref refs[] = {seven, s3, one, x, vals, keys, d};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    done(h);
}
END_TEST

/* C-string keys find the str keys Python code stored, and vice versa. */
START_TEST(test_dict_cstr_keys)
{
    Heap *h = new_heap(versions[_i]);
    Ref d = dict_new(h);
    for (int i = 0; i < 30; i++)
        put(h, d, K(h, i), I(h, i));
    Ref v = dict_getitem_cstr(h, d, "k17");
    ck_assert(v != 0);
    ck_assert_str_eq(repr(h, v), "17");
    ck_assert(dict_getitem_cstr(h, d, "k99") == 0 && !h->exc);
    Ref x = I(h, 5);
    ck_assert_int_eq(dict_setitem_cstr(h, d, "__name__", x), 0);
    Ref name = str_from_cstr(h, "__name__");
    ck_assert(dict_getitem(h, d, name) == x);
    ck_assert_int_eq(dict_delitem_cstr(h, d, "__name__"), 0);
    ck_assert(dict_getitem_cstr(h, d, "__name__") == 0);
    heap_decref(h, name);
    heap_decref(h, x);
    heap_decref(h, d);
    done(h);
}
END_TEST

/* __eq__ that mutates the dict during a lookup does not crash. */
START_TEST(test_dict_lookup_survives_mutation)
{
    Heap *h = new_heap(versions[_i]);
    Ref d = comp(h, 0, 40, false);
    Ref f = I(h, 1LL << 40);                    /* float-free: a big int equal to nothing */
    Ref v = dict_getitem(h, d, f);
    ck_assert(v == 0 && !h->exc);
    heap_decref(h, f);
    heap_decref(h, d);
    done(h);
}
END_TEST

/* ---- sets ---- */

/* Build a set by adding N values. */
static Ref set_of(Heap *h, const long long *xs, int n)
{
    Ref s = set_new(h, 0);
    for (int i = 0; i < n; i++) {
        Ref k = I(h, xs[i]);
        ck_assert_int_eq(set_add(h, s, k), 0);
        heap_decref(h, k);
    }
    return s;
}

/* Assert the iteration order of S. */
static void assert_order(Heap *h, Ref s, const long long *want, int n, int casenum)
{
    size_t pos = 0;
    Ref k;
    int i = 0;
    while (set_next(h, s, &pos, &k)) {
        int64_t got;
        ck_assert(int_as_i64(h, k, &got));
        ck_assert_msg(i < n && got == want[i], "case %d item %d: got %lld want %lld", casenum,
                      i, (long long)got, i < n ? want[i] : 0LL);
        i++;
    }
    ck_assert_int_eq(i, n);
}

/* Iteration orders and sizes of sets built by add(), same in every version. */
START_TEST(test_set_orders)
{
    Heap *h = new_heap(versions[_i]);
    for (size_t c = 0; c < sizeof set_cases / sizeof set_cases[0]; c++) {
        const SetCase *sc = &set_cases[c];
        Ref s = set_of(h, sc->in, sc->n);
        int nout = 0;
        while (nout < 64 && (sc->out[nout] || nout < (int)set_size(h, s)))
            nout++;
        nout = (int)set_size(h, s);
        assert_order(h, s, sc->out, nout, (int)c);
        ck_assert_uint_eq(gs(h, s), (size_t)sc->size);
        /* set(list) and frozenset(list) give the same table */
        Ref l = list_new(h, 0);
        for (int i = 0; i < sc->n; i++) {
            Ref k = I(h, sc->in[i]);
            list_append(h, l, k);
            heap_decref(h, k);
        }
        Ref s2 = set_new(h, l), f = frozenset_new(h, l);
        assert_order(h, s2, sc->out, nout, (int)c);
        assert_order(h, f, sc->out, nout, (int)c);
        heap_decref(h, f);
        heap_decref(h, s2);
        heap_decref(h, l);
        heap_decref(h, s);
    }
    done(h);
}
END_TEST

/* Orders after discards (dummies) and further adds. */
START_TEST(test_set_dummies)
{
    Heap *h = new_heap(versions[_i]);
    for (size_t c = 0; c < sizeof set_rem_cases / sizeof set_rem_cases[0]; c++) {
        const SetRemCase *rc = &set_rem_cases[c];
        Ref s = set_of(h, rc->in, rc->n);
        for (int i = 0; i < rc->ndel; i++) {
            Ref k = I(h, rc->del[i]);
            ck_assert_int_eq(set_discard(h, s, k), 1);
            heap_decref(h, k);
        }
        for (int i = 0; i < rc->nadd; i++) {
            Ref k = I(h, rc->add[i]);
            ck_assert_int_eq(set_add(h, s, k), 0);
            heap_decref(h, k);
        }
        assert_order(h, s, rc->out, rc->nout, (int)c);
        ck_assert_uint_eq(gs(h, s), (size_t)rc->size);
        heap_decref(h, s);
    }
    done(h);
}
END_TEST

/* getsizeof(set(range(n))), set(set), set(dict), copy: growth points. */
START_TEST(test_set_sizes)
{
    Heap *h = new_heap(versions[_i]);
    for (int n = 0; n <= 100; n++) {
        long long xs[101];
        for (int i = 0; i < n; i++)
            xs[i] = i;
        Ref s = set_of(h, xs, n);
        size_t want = n < 5 ? 216 : n < 19 ? 728 : n < 77 ? 2264 : 8408;
        ck_assert_msg(gs(h, s) == want, "set n=%d: %zu", n, gs(h, s));
        Ref s2 = set_new(h, s), c = call_method(h, s, "copy", NULL, 0, 0);
        Ref d = comp(h, 0, n, false), sd = set_new(h, d);
        size_t want2 = n < 5 ? 216 : n < 8 ? 472 : n < 16 ? 728 : n < 32 ? 1240
                     : n < 64 ? 2264 : 4312;
        ck_assert_msg(gs(h, s2) == want2, "set(set) n=%d: %zu", n, gs(h, s2));
        ck_assert_uint_eq(gs(h, c), want2);
        ck_assert_uint_eq(gs(h, sd), want2);
        Ref refs[] = {sd, d, c, s2, s};
        for (size_t i = 0; i < 5; i++)
            heap_decref(h, refs[i]);
    }
    done(h);
}
END_TEST

/* frozenset hashes are CPython's (same in every version). */
START_TEST(test_frozenset_hash)
{
    Heap *h = new_heap(versions[_i]);
    int64_t hv;
    Ref f = frozenset_new(h, 0);
    ck_assert_int_eq(obj_hash(h, f, &hv), 0);
    ck_assert_int_eq(hv, 133146708735736LL);
    heap_decref(h, f);
    long long one[] = {1}, three[] = {1, 2, 3}, odd[] = {-1, 2305843009213693952LL,
                                                           2305843009213693951LL, -2};
    struct { const long long *xs; int n; int64_t want; } cases[] = {
        {one, 1, -558064481276695278LL},
        {three, 3, -272375401224217160LL},
        {odd, 4, 9001349250129402846ULL},
    };
    for (int c = 0; c < 3; c++) {
        Ref s = set_of(h, cases[c].xs, cases[c].n);
        Ref fs = frozenset_new(h, s);
        ck_assert_int_eq(obj_hash(h, fs, &hv), 0);
        ck_assert_int_eq(hv, cases[c].want);
        heap_decref(h, fs);
        heap_decref(h, s);
    }
    long long hundred[100];
    for (int i = 0; i < 100; i++)
        hundred[i] = i;
    Ref s = set_of(h, hundred, 100), fs = frozenset_new(h, s);
    ck_assert_int_eq(obj_hash(h, fs, &hv), 0);
    ck_assert_int_eq(hv, 4411996150312757951LL);
    heap_decref(h, fs);
    heap_decref(h, s);
    done(h);
}
END_TEST

/* frozenset() is a singleton in 3.8 only; sets are always tracked. */
START_TEST(test_frozenset_singleton_and_tracking)
{
    const char *v = versions[_i];
    Heap *h = new_heap(v);
    Ref a = frozenset_new(h, 0), b = frozenset_new(h, 0);
    Ref l = list_new(h, 0), c = frozenset_new(h, l);
    ck_assert_int_eq(a == b, !strcmp(v, "3.8"));
    ck_assert_int_eq(a == c, !strcmp(v, "3.8"));
    ck_assert(gc_is_tracked(h, a));
    Ref s = set_new(h, 0);
    ck_assert(gc_is_tracked(h, s));
    ck_assert_uint_eq(gs(h, a), 216);
    Ref same = frozenset_new(h, a);                /* frozenset(f) is f */
    ck_assert(same == a);
    Ref refs[] = {same, s, c, l, b, a};
    for (size_t i = 0; i < 6; i++)
        heap_decref(h, refs[i]);
    done(h);
}
END_TEST

/* Operators, methods, reprs and error messages. */
START_TEST(test_set_operations)
{
    const char *v = versions[_i];
    bool v38 = !strcmp(v, "3.8");
    Heap *h = new_heap(v);
    long long a_[] = {1, 2, 3}, b_[] = {2, 3, 4};
    Ref a = set_of(h, a_, 3), b = set_of(h, b_, 3);
    struct { BinOp op; const char *want; } ops[] = {
        {OP_OR, "{1, 2, 3, 4}"}, {OP_AND, "{2, 3}"}, {OP_SUB, "{1}"}, {OP_XOR, "{1, 4}"},
    };
    for (int i = 0; i < 4; i++) {
        Ref r = obj_binop(h, a, b, ops[i].op);
        ck_assert_str_eq(repr(h, r), ops[i].want);
        heap_decref(h, r);
    }
    Ref fa = frozenset_new(h, a);
    ck_assert_str_eq(repr(h, fa), "frozenset({1, 2, 3})");
    Ref r = obj_binop(h, fa, b, OP_OR);
    ck_assert_str_eq(repr(h, r), "frozenset({1, 2, 3, 4})");
    heap_decref(h, r);
    r = obj_binop(h, b, fa, OP_XOR);
    ck_assert_str_eq(repr(h, r), "{1, 4}");
    heap_decref(h, r);
    Ref e = set_new(h, 0), fe = frozenset_new(h, e);
    ck_assert_str_eq(repr(h, e), "set()");
    ck_assert_str_eq(repr(h, fe), "frozenset()");
    Ref cmp = obj_richcompare(h, e, a, CMP_LT);
    ck_assert(cmp == h->true_);
    heap_decref(h, cmp);
    cmp = obj_richcompare(h, a, fa, CMP_EQ);
    ck_assert(cmp == h->true_);
    heap_decref(h, cmp);
    /* in-place forms keep the object */
    r = obj_inplace(h, a, b, OP_OR);
    ck_assert(r == a);
    heap_decref(h, r);
    r = obj_inplace(h, a, b, OP_AND);
    ck_assert(r == a);
    ck_assert_str_eq(repr(h, a), "{2, 3, 4}");
    heap_decref(h, r);
    /* errors */
    Ref one = I(h, 1), l = list_new(h, 0);
    ck_assert(call_method(h, a, "remove", &one, 1, 0) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: 1");
    ck_assert_int_eq(set_add(h, a, l), -1);
    ck_assert_str_eq(exc_line(h), "TypeError: unhashable type: 'list'");
    ck_assert(call_method(h, e, "pop", NULL, 0, 0) == 0);
    ck_assert_str_eq(exc_line(h), "KeyError: 'pop from an empty set'");
    ck_assert(call_method(h, a, "add", NULL, 0, 0) == 0);
    ck_assert_str_eq(exc_line(h), v38 ? "TypeError: add() takes exactly one argument (0 given)"
                                      : "TypeError: set.add() takes exactly one argument (0 given)");
    ck_assert(obj_binop(h, a, one, OP_OR) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: unsupported operand type(s) for |: 'set' and 'int'");
    ck_assert(obj_richcompare(h, a, l, CMP_LE) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: '<=' not supported between instances of 'set' and 'list'");
    ck_assert(obj_call(h, h->type_of_kind[K_SET], &one, 1, 0) == 0);
    ck_assert_str_eq(exc_line(h), "TypeError: 'int' object is not iterable");
    int64_t hv;
    ck_assert_int_eq(obj_hash(h, a, &hv), -1);
    ck_assert_str_eq(exc_line(h), "TypeError: unhashable type: 'set'");
    /* a set key is looked up as a frozenset */
    Ref outer = set_new(h, 0);
    set_add(h, outer, fa);
    Ref probe = set_new(h, fa);
    ck_assert_int_eq(set_contains(h, outer, probe), 1);
    Ref refs[] = {probe, outer, l, one, fe, e, fa, b, a};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    done(h);
}
END_TEST

/* pop() walks from the finger; iteration detects size changes. */
START_TEST(test_set_pop_and_iter)
{
    Heap *h = new_heap(versions[_i]);
    long long xs[] = {3, 1, 2};
    Ref s = set_of(h, xs, 3);
    ck_assert_str_eq(repr(h, s), "{1, 2, 3}");
    Ref p = call_method(h, s, "pop", NULL, 0, 0);
    ck_assert_str_eq(repr(h, p), "1");
    heap_decref(h, p);
    Ref it = obj_iter(h, s);
    ck_assert_uint_eq(gs(h, it), 64);
    Ref x = obj_next(h, it);
    Ref nine = I(h, 9);
    set_add(h, s, nine);
    ck_assert(obj_next(h, it) == 0);
    ck_assert_str_eq(exc_line(h), "RuntimeError: Set changed size during iteration");
    Ref refs[] = {nine, x, it, s};
    for (size_t i = 0; i < 4; i++)
        heap_decref(h, refs[i]);
    done(h);
}
END_TEST

/* ---- instance dicts ---- */

/* The measured table of version V. */
static const InstCase *inst_table(const char *v, size_t *n)
{
    if (!strcmp(v, "3.8")) {
        *n = sizeof inst_cases_38 / sizeof inst_cases_38[0];
        return inst_cases_38;
    }
    *n = sizeof inst_cases_311 / sizeof inst_cases_311[0];
    return !strcmp(v, "3.11") ? inst_cases_311 : !strcmp(v, "3.12") ? inst_cases_312
                                                                        : inst_cases_313;
}

typedef struct FakeClass {
    DictKeys *keys;
    Ref type;
} FakeClass;

/* Store attribute x<i> = i on INST of class C. */
static void setattr_i(Heap *h, FakeClass *c, InstDict *inst, int i, char prefix)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%c%d", prefix, i);
    Ref name = str_intern_cstr(h, buf), v = I(h, i);
    DictKeys *dropped;
    ck_assert_int_eq(dict_inst_store(h, c->type, &c->keys, inst, name, v, &dropped), 0);
    if (dropped)
        dict_keys_release(h, dropped, c->type);
    heap_decref(h, v);
    heap_decref(h, name);
}

/* getsizeof(inst.__dict__). */
static size_t inst_dict_size(Heap *h, FakeClass *c, InstDict *inst)
{
    Ref d = dict_inst_get_dict(h, c->keys, inst);
    size_t s = gs(h, d);
    heap_decref(h, d);
    return s;
}

/* A fresh class with shared keys. */
static FakeClass fake_class(Heap *h)
{
    FakeClass c = {NULL, h->object_type};
    c.keys = dict_keys_new_for_class(h, c.type);
    return c;
}

/* Release the instances and the class's keys. */
static void drop_class(Heap *h, FakeClass *c, InstDict *insts, int n)
{
    for (int i = 0; i < n; i++)
        dict_inst_clear(h, &insts[i]);
    dict_keys_release(h, c->keys, c->type);
}

/* getsizeof(obj.__dict__) for 0..50 attributes, per version. */
START_TEST(test_instance_dict_sizes)
{
    const char *v = versions[_i];
    size_t n;
    const InstCase *cases = inst_table(v, &n);
    for (size_t k = 0; k < n; k++) {
        const InstCase *ic = &cases[k];
        Heap *h = new_heap(v);
        FakeClass c = fake_class(h);
        InstDict two[2];
        dict_inst_init(h, c.keys, &two[0], 0);
        dict_inst_init(h, c.keys, &two[1], 0);
        for (int i = 0; i < ic->nattrs; i++)
            setattr_i(h, &c, &two[0], i, 'a');
        for (int i = 0; i < ic->nattrs; i++)
            setattr_i(h, &c, &two[1], i, 'a');
        ck_assert_msg(inst_dict_size(h, &c, &two[0]) == (size_t)ic->two_a, "%s two_a n=%d: %zu",
                      v, ic->nattrs, inst_dict_size(h, &c, &two[0]));
        ck_assert_uint_eq(inst_dict_size(h, &c, &two[1]), (size_t)ic->two_b);
        drop_class(h, &c, two, 2);

        FakeClass e = fake_class(h);
        InstDict first;
        dict_inst_init(h, e.keys, &first, 0);
        Ref dd = dict_inst_get_dict(h, e.keys, &first);
        for (int i = 0; i < ic->nattrs; i++)
            setattr_i(h, &e, &first, i, 'x');
        ck_assert_msg(gs(h, dd) == (size_t)ic->dict_first, "%s dict_first n=%d: %zu", v,
                      ic->nattrs, gs(h, dd));
        heap_decref(h, dd);
        drop_class(h, &e, &first, 1);

        FakeClass f = fake_class(h);
        InstDict one;
        dict_inst_init(h, f.keys, &one, 0);
        for (int i = 0; i < ic->nattrs; i++)
            setattr_i(h, &f, &one, i, 'x');
        ck_assert_msg(inst_dict_size(h, &f, &one) == (size_t)ic->one, "%s one n=%d: %zu", v,
                      ic->nattrs, inst_dict_size(h, &f, &one));
        drop_class(h, &f, &one, 1);
        free_heap(h);
    }
}
END_TEST

/* 3.11+: each instance lowers the shared keys' usable count: 296, 288, ... */
START_TEST(test_instance_dict_shrinks_with_instances)
{
    const char *v = versions[_i];
    const size_t *want = !strcmp(v, "3.8") ? inst_k_38 : !strcmp(v, "3.11") ? inst_k_311
                         : !strcmp(v, "3.12") ? inst_k_312 : inst_k_313;
    for (int k = 1; k <= 34; k++) {
        Heap *h = new_heap(v);
        FakeClass c = fake_class(h);
        InstDict objs[34];
        for (int i = 0; i < k; i++)
            dict_inst_init(h, c.keys, &objs[i], 0);
        setattr_i(h, &c, &objs[0], 0, 'a');
        ck_assert_msg(inst_dict_size(h, &c, &objs[0]) == want[k - 1], "%s k=%d: %zu", v, k,
                      inst_dict_size(h, &c, &objs[0]));
        drop_class(h, &c, objs, k);
        free_heap(h);
    }
}
END_TEST

/* Deleting an attribute, another order, a non-str key (3.8 unshares). */
START_TEST(test_instance_dict_transitions)
{
    const char *v = versions[_i];
    bool v38 = !strcmp(v, "3.8");
    Heap *h = new_heap(v);
    FakeClass c = fake_class(h);
    InstDict g[2];
    dict_inst_init(h, c.keys, &g[0], 0);
    dict_inst_init(h, c.keys, &g[1], 0);
    Ref a = str_intern_cstr(h, "a"), b = str_intern_cstr(h, "b"), one = I(h, 1);
    DictKeys *dropped;
    dict_inst_store(h, c.type, &c.keys, &g[0], a, one, &dropped);
    dict_inst_store(h, c.type, &c.keys, &g[0], b, one, &dropped);
    dict_inst_store(h, c.type, &c.keys, &g[1], b, one, &dropped);    /* other order */
    if (dropped)
        dict_keys_release(h, dropped, c.type);
    dict_inst_store(h, c.type, &c.keys, &g[1], a, one, &dropped);
    ck_assert_uint_eq(inst_dict_size(h, &c, &g[0]), v38 ? 272 : 288);
    ck_assert_uint_eq(inst_dict_size(h, &c, &g[1]), v38 ? 232 : 288);
    Ref d1 = dict_inst_get_dict(h, c.keys, &g[1]);
    ck_assert_str_eq(repr(h, d1), "{'b': 1, 'a': 1}");
    heap_decref(h, d1);
    Ref missing = str_intern_cstr(h, "zz");
    ck_assert_int_eq(dict_inst_store(h, c.type, &c.keys, &g[0], missing, 0, &dropped), 1);
    if (dropped)
        dict_keys_release(h, dropped, c.type);
    heap_decref(h, missing);
    drop_class(h, &c, g, 2);

    FakeClass hc = fake_class(h);
    InstDict x;
    dict_inst_init(h, hc.keys, &x, 0);
    Ref cc = str_intern_cstr(h, "c");
    dict_inst_store(h, hc.type, &hc.keys, &x, a, one, &dropped);
    dict_inst_store(h, hc.type, &hc.keys, &x, b, one, &dropped);
    dict_inst_store(h, hc.type, &hc.keys, &x, cc, one, &dropped);
    ck_assert_int_eq(dict_inst_store(h, hc.type, &hc.keys, &x, b, 0, &dropped), 0);
    if (dropped)
        dict_keys_release(h, dropped, hc.type);
    ck_assert_uint_eq(inst_dict_size(h, &hc, &x), v38 ? 232 : 296);
    Ref dx = dict_inst_get_dict(h, hc.keys, &x);
    ck_assert_str_eq(repr(h, dx), "{'a': 1, 'c': 1}");
    Ref cp = dict_copy(h, dx);
    ck_assert_uint_eq(gs(h, cp), v38 ? 232 : 296);
    heap_decref(h, cp);
    put(h, dx, I(h, 1), I(h, 2));                    /* a non-str key */
    ck_assert_uint_eq(gs(h, dx), v38 ? 232 : 352);
    heap_decref(h, dx);
    drop_class(h, &hc, &x, 1);
    Ref refs[] = {cc, one, b, a};
    for (size_t i = 0; i < 4; i++)
        heap_decref(h, refs[i]);
    free_heap(h);
}
END_TEST

/* The Check suite of this module. */
Suite *suite_mappings(void)
{
    Suite *s = suite_create("mappings");
    TCase *d = tcase_create("dict");
    tcase_add_loop_test(d, test_dict_size_series, 0, 4);
    tcase_add_loop_test(d, test_dict_empty_and_clear, 0, 4);
    tcase_add_loop_test(d, test_dict_freelist_ids, 0, 4);
    tcase_add_loop_test(d, test_dict_gc_counts, 0, 4);
    tcase_add_loop_test(d, test_dict_tracking, 0, 4);
    tcase_add_loop_test(d, test_dict_order_and_repr, 0, 4);
    tcase_add_loop_test(d, test_dict_errors, 0, 4);
    tcase_add_loop_test(d, test_dict_iteration_errors, 0, 4);
    tcase_add_loop_test(d, test_dict_items_tuple_reuse, 0, 4);
    tcase_add_loop_test(d, test_dict_views, 0, 4);
    tcase_add_loop_test(d, test_dict_lookup_survives_mutation, 0, 4);
    tcase_add_loop_test(d, test_dict_cstr_keys, 0, 4);
    tcase_set_timeout(d, 60);
    suite_add_tcase(s, d);
    TCase *st = tcase_create("set");
    tcase_add_loop_test(st, test_set_orders, 0, 4);
    tcase_add_loop_test(st, test_set_dummies, 0, 4);
    tcase_add_loop_test(st, test_set_sizes, 0, 4);
    tcase_add_loop_test(st, test_frozenset_hash, 0, 4);
    tcase_add_loop_test(st, test_frozenset_singleton_and_tracking, 0, 4);
    tcase_add_loop_test(st, test_set_operations, 0, 4);
    tcase_add_loop_test(st, test_set_pop_and_iter, 0, 4);
    suite_add_tcase(s, st);
    TCase *in = tcase_create("instance");
    tcase_add_loop_test(in, test_instance_dict_sizes, 0, 4);
    tcase_add_loop_test(in, test_instance_dict_shrinks_with_instances, 0, 4);
    tcase_add_loop_test(in, test_instance_dict_transitions, 0, 4);
    suite_add_tcase(s, in);
    return s;
}
