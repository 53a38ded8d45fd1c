/* Tests of gc.c and the gc module: each collection phase on hand-built
 * heaps (gc_refs after update_refs / subtract_refs, the unreachable split,
 * promotion, tuple and dict untracking, counters and automatic collection),
 * then finalizers, resurrection and weakref callbacks through scripts.
 * Expected script outputs were printed by the real interpreters (3.8.18,
 * 3.12.1). */
#include <check.h>
#include <string.h>

#include "check_suites.h"
#include "session/session.h"
#include "sim/dictobject.h"
#include "sim/gc.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/tupleobject.h"

/* The trace entry of R in PHASE of the last collection, or NULL. */
static const GcTraceEntry *entry(Heap *h, GcPhase phase, Ref r)
{
    const GcTrace *t = gc_last_trace(h);
    for (size_t i = 0; i < t->n[phase]; i++)
        if (t->entries[phase][i].ref == r)
            return &t->entries[phase][i];
    return NULL;
}

/* Run SRC under VERSION with the heap validator after every line and
 * check that it prints EXPECTED. */
static void expect_output(const char *version, const char *src, const char *expected)
{
    Session *s = session_new(profile_find(version), true);
    if (session_load(s, "t.py", src))
        session_run(s);
    ck_assert_msg(session_heap_error(s) == NULL, "%s: %s", version, session_heap_error(s));
    ck_assert_msg(!strcmp(strbuf_cstr(&s->heap->out), expected),
                  "%s: got\n%s\nexpected\n%s", version, strbuf_cstr(&s->heap->out), expected);
    session_delete(s);
}

/* Two lists referring to each other: gc_refs 1 -> 0, both unreachable. */
START_TEST(test_two_node_cycle)
{
    Heap *h = heap_new(profile_find("3.12"));
    gc_collect(h, 2);
    size_t live = h->live;
    Ref a = list_new(h, 0), b = list_new(h, 0);
    list_append(h, a, b);
    list_append(h, b, a);
    heap_decref(h, a);
    heap_decref(h, b);
    ck_assert_uint_eq(h->live, live + 2);
    ck_assert_uint_eq(gc_collect(h, 0), 2);
    const GcTrace *t = gc_last_trace(h);
    ck_assert(t->valid);
    ck_assert_int_eq(t->generation, 0);
    ck_assert_uint_eq(t->collected, 2);
    ck_assert_int_eq(entry(h, GC_PHASE_UPDATE_REFS, a)->gc_refs, 1);
    ck_assert_int_eq(entry(h, GC_PHASE_SUBTRACT_REFS, a)->gc_refs, 0);
    ck_assert_int_eq(entry(h, GC_PHASE_SUBTRACT_REFS, b)->gc_refs, 0);
    ck_assert(entry(h, GC_PHASE_MOVE_UNREACHABLE, a)->unreachable);
    ck_assert(entry(h, GC_PHASE_MOVE_UNREACHABLE, b)->unreachable);
    ck_assert_ptr_nonnull(entry(h, GC_PHASE_DELETE, a));
    ck_assert_uint_eq(h->live, live);
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
}
END_TEST

/* A list and a dict that contain themselves: one object each. */
START_TEST(test_self_reference)
{
    Heap *h = heap_new(profile_find("3.8"));
    gc_collect(h, 2);
    Ref l = list_new(h, 0);
    list_append(h, l, l);
    ck_assert_int_eq(h->objs[l].refcnt, 2);
    heap_decref(h, l);
    ck_assert_uint_eq(gc_collect(h, 2), 1);
    ck_assert_int_eq(entry(h, GC_PHASE_UPDATE_REFS, l)->gc_refs, 1);
    ck_assert_int_eq(entry(h, GC_PHASE_SUBTRACT_REFS, l)->gc_refs, 0);
    Ref d = dict_new(h);
    ck_assert(!gc_is_tracked(h, d));
    dict_setitem_cstr(h, d, "self", d);
    ck_assert(gc_is_tracked(h, d));
    heap_decref(h, d);
    ck_assert_uint_eq(gc_collect(h, 2), 1);
    heap_delete(h);
}
END_TEST

/* A cycle held by a live list survives and moves to the next generation;
 * the holder's gc_refs stays 1 (the external reference). */
START_TEST(test_reachable_cycle)
{
    Heap *h = heap_new(profile_find("3.12"));
    gc_collect(h, 2);
    Ref holder = list_new(h, 0), a = list_new(h, 0), b = list_new(h, 0);
    list_append(h, a, b);
    list_append(h, b, a);
    list_append(h, holder, a);
    heap_decref(h, a);
    heap_decref(h, b);
    ck_assert_uint_eq(gc_collect(h, 0), 0);
    ck_assert_int_eq(entry(h, GC_PHASE_SUBTRACT_REFS, holder)->gc_refs, 1);
    ck_assert_int_eq(entry(h, GC_PHASE_SUBTRACT_REFS, a)->gc_refs, 0);
    ck_assert(!entry(h, GC_PHASE_MOVE_UNREACHABLE, a)->unreachable);
    ck_assert(!entry(h, GC_PHASE_MOVE_UNREACHABLE, b)->unreachable);
    ck_assert_int_eq(h->objs[a].gen, 1);
    ck_assert_int_eq(h->objs[holder].gen, 1);
    GcGeneration *g = gc_generations(h);
    ck_assert_int_eq(g[0].count, 0);
    ck_assert_int_eq(g[1].count, 1);
    gc_collect(h, 1);
    ck_assert_int_eq(h->objs[a].gen, 2);
    ck_assert_int_eq(g[1].count, 0);
    ck_assert_int_eq(g[2].count, 1);
    heap_decref(h, holder);
    ck_assert_uint_eq(gc_collect(h, 2), 2);
    ck_assert_int_eq(g[2].count, 0);
    heap_delete(h);
}
END_TEST

/* Tuples of atoms are untracked by any collection; dicts of atoms only by
 * full ones. */
START_TEST(test_untracking)
{
    Heap *h = heap_new(profile_find("3.12"));
    Ref one = int_from_i64(h, 1);
    Ref t = tuple_pack(h, 2, one, one);
    Ref l = list_new(h, 0);
    Ref tl = tuple_pack(h, 1, l);
    Ref d = dict_new(h);
    dict_setitem_cstr(h, d, "l", l);
    dict_setitem_cstr(h, d, "one", one);
    dict_delitem_cstr(h, d, "l");
    ck_assert(gc_is_tracked(h, t) && gc_is_tracked(h, tl) && gc_is_tracked(h, d));
    gc_collect(h, 0);
    ck_assert(!gc_is_tracked(h, t));
    ck_assert(gc_is_tracked(h, tl));
    ck_assert(gc_is_tracked(h, d));
    gc_collect(h, 2);
    ck_assert(!gc_is_tracked(h, d));
    heap_decref(h, t);
    heap_decref(h, tl);
    heap_decref(h, l);
    heap_decref(h, d);
    heap_decref(h, one);
    heap_delete(h);
}
END_TEST

/* count0 past threshold0 marks a collection pending; running it resets
 * count0 and counts one in generation 1. */
START_TEST(test_threshold_pending)
{
    Heap *h = heap_new(profile_find("3.12"));
    gc_collect(h, 2);
    GcGeneration *g = gc_generations(h);
    ck_assert_int_eq(g[0].threshold, 700);
    g[0].threshold = 3;
    Ref l[4];
    for (int i = 0; i < 4; i++) {
        ck_assert(!gc_pending(h));
        l[i] = list_new(h, 0);
    }
    ck_assert_int_eq(g[0].count, 4);
    ck_assert(gc_pending(h));
    gc_run_pending(h);
    ck_assert(!gc_pending(h));
    ck_assert_int_eq(g[0].count, 0);
    ck_assert_int_eq(g[1].count, 1);
    ck_assert_int_eq(gc_stats(h, 0)->collections, 1);
    for (int i = 0; i < 4; i++)
        heap_decref(h, l[i]);
    gc_set_enabled(h, false);
    for (int i = 0; i < 5; i++)
        l[0] = list_new(h, 0), heap_decref(h, l[0]);
    heap_delete(h);
    ck_assert_int_eq(profile_find("3.13")->gc_threshold[0], 2000);
}
END_TEST

/* freeze moves everything to the permanent generation. */
START_TEST(test_freeze)
{
    Heap *h = heap_new(profile_find("3.11"));
    Ref l = list_new(h, 0);
    gc_freeze(h);
    ck_assert(gc_freeze_count(h) > 0);
    ck_assert_int_eq(gc_gen_first(h, 0), 0);
    ck_assert_uint_eq(gc_collect(h, 2), 0);
    gc_unfreeze(h);
    ck_assert_uint_eq(gc_freeze_count(h), 0);
    ck_assert_int_eq(h->objs[l].gen, 2);
    heap_decref(h, l);
    heap_delete(h);
}
END_TEST

static const char del_cycle_src[] =
    "import gc\n"
    "gc.collect()\n"
    "class D:\n"
    "    def __init__(self, n): self.n = n\n"
    "    def __del__(self): print('del', self.n)\n"
    "a = D('a'); b = D('b'); a.p = b; b.p = a\n"
    "del a, b\n"
    "print(gc.collect())\n";

/* __del__ runs in the unreachable list's order; 3.8 counts the __dict__s. */
START_TEST(test_finalizer_cycle)
{
    expect_output("3.8", del_cycle_src, "del a\ndel b\n4\n");
    expect_output("3.12", del_cycle_src, "del a\ndel b\n2\n");
}
END_TEST

static const char resurrect_src[] =
    "import gc\n"
    "gc.collect()\n"
    "saved = []\n"
    "class P:\n"
    "    def __del__(self): saved.append(self); print('resurrect')\n"
    "a = P(); b = P(); a.b = b; b.a = a\n"
    "del a, b\n"
    "print(gc.collect(), len(saved))\n"
    "saved.clear()\n"
    "print(gc.collect() > 0)\n";

/* A finalizer that resurrects: nothing is freed, __del__ never runs twice. */
START_TEST(test_resurrection)
{
    expect_output("3.8", resurrect_src, "resurrect\nresurrect\n0 2\nTrue\n");
    expect_output("3.12", resurrect_src, "resurrect\nresurrect\n0 2\nTrue\n");
}
END_TEST

static const char weakref_src[] =
    "import gc, weakref\n"
    "gc.collect()\n"
    "class N:\n"
    "    def __del__(self): print('del, ref dead:', w() is None)\n"
    "def cb(r): print('callback', r())\n"
    "a = N(); a.me = a\n"
    "w = weakref.ref(a, cb)\n"
    "del a\n"
    "print(gc.collect())\n";

/* handle_weakrefs clears the weakref and calls its callback before
 * finalize_garbage runs __del__. */
START_TEST(test_weakref_callback)
{
    expect_output("3.8", weakref_src, "callback None\ndel, ref dead: True\n2\n");
    expect_output("3.12", weakref_src, "callback None\ndel, ref dead: True\n1\n");
}
END_TEST

static const char saveall_src[] =
    "import gc\n"
    "gc.collect()\n"
    "gc.set_debug(gc.DEBUG_SAVEALL)\n"
    "l = []; l.append(l); del l\n"
    "print(gc.collect(), len(gc.garbage))\n"
    "gc.set_debug(0); gc.garbage.clear()\n"
    "print(gc.collect())\n";

/* DEBUG_SAVEALL keeps the garbage in gc.garbage. */
START_TEST(test_saveall)
{
    expect_output("3.12", saveall_src, "1 1\n1\n");
}
END_TEST

/* The gc module's suite. */
Suite *suite_gc(void)
{
    Suite *s = suite_create("gc");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_two_node_cycle);
    tcase_add_test(tc, test_self_reference);
    tcase_add_test(tc, test_reachable_cycle);
    tcase_add_test(tc, test_untracking);
    tcase_add_test(tc, test_threshold_pending);
    tcase_add_test(tc, test_freeze);
    tcase_add_test(tc, test_finalizer_cycle);
    tcase_add_test(tc, test_resurrection);
    tcase_add_test(tc, test_weakref_callback);
    tcase_add_test(tc, test_saveall);
    suite_add_tcase(s, tc);
    return s;
}
