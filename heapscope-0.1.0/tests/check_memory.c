/* Tests of the object <-> block mapping (heap_object_blocks,
 * heap_block_owner, heap_freelist_blocks) and of the memory validator.
 *
 * The request sizes behind each expectation were measured with
 * tracemalloc on the real interpreters (3.8.18, 3.11.7, 3.12.1, 3.13.0),
 * e.g. `L = []` + 5 appends traces [56, 64] (object, ob_item),
 * `{1: 1}` traces [64, 168] in 3.8 and [64, 160] in 3.11+, a 3-attribute
 * instance [48] + a 40-byte values array in 3.8 (made by the first
 * store), [56, 264] in 3.11, [48, 264] in 3.12, one [328] block in 3.13,
 * set(range(10)) [216, 512] and set(range(100)) [216, 8192].  A size
 * class is (request - 1) >> 4; requests over 512 bytes are "large". */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "session/session.h"
#include "sim/dictobject.h"
#include "sim/floatobject.h"
#include "sim/funcobject.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"

#define MAXB 8

/* The blocks of R; asserts there are at most MAXB. */
static size_t blocks_of(Heap *h, Ref r, HeapBlock *b)
{
    size_t n = heap_object_blocks(h, r, b, MAXB);
    ck_assert_uint_le(n, MAXB);
    return n;
}

/* Assert that B is a live small block of size class CLS named PART. */
static void assert_small(const HeapBlock *b, const char *part, unsigned cls)
{
    ck_assert_str_eq(b->part, part);
    ck_assert_msg(b->located, "%s block 0x%llx is not live", part, (unsigned long long)b->addr);
    ck_assert_msg(!b->where.large, "%s block is large", part);
    ck_assert_uint_eq(b->where.size_class, cls);
    ck_assert_uint_eq(b->where.block_size, 16 * (cls + 1));
    ck_assert_uint_eq(b->where.block_addr, b->addr);
}

/* Assert that B is a live system-malloc chunk named PART. */
static void assert_large(const HeapBlock *b, const char *part)
{
    ck_assert_str_eq(b->part, part);
    ck_assert(b->located);
    ck_assert(b->where.large);
}

/* Assert that every block of R is owned by R under its own part name. */
static void assert_owns_all(Heap *h, Ref r)
{
    HeapBlock b[MAXB];
    size_t n = blocks_of(h, r, b);
    for (size_t i = 0; i < n; i++) {
        const char *part = NULL;
        ck_assert_uint_eq(heap_block_owner(h, b[i].addr, &part), r);
        ck_assert_str_eq(part, b[i].part);
    }
}

/* Assert the memory invariants of H. */
static void assert_memory_valid(Heap *h)
{
    StrBuf why = {0};
    bool ok = heap_validate_memory(h, &why);
    ck_assert_msg(ok, "%s", strbuf_cstr(&why));
    strbuf_free(&why);
}

/* True when ADDR is on one of H's free lists under PART. */
static bool on_freelist(Heap *h, uint64_t addr, const char *part)
{
    size_t n = heap_freelist_blocks(h, NULL, 0);
    HeapBlock *b = malloc((n + 1) * sizeof *b);
    heap_freelist_blocks(h, b, n);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || (b[i].addr == addr && !strcmp(b[i].part, part));
    free(b);
    return found;
}

/* Append int V to list L.  (Helpers that the million-object loop calls
 * only abort on failure: every ck_assert costs Check a file write.) */
static void append_int(Heap *h, Ref l, int64_t v)
{
    Ref x = int_from_i64(h, v);
    if (list_append(h, l, x) != 0)
        ck_abort_msg("list_append failed");
    heap_decref(h, x);
}

/* d[KEY] = V for a C-string key. */
static void set_str(Heap *h, Ref d, const char *key, int64_t v)
{
    Ref k = str_from_cstr(h, key), x = int_from_i64(h, v);
    ck_assert(dict_setitem(h, d, k, x) == 0);
    heap_decref(h, k);
    heap_decref(h, x);
}

/* d[K] = V for an int key. */
static void set_int(Heap *h, Ref d, int64_t k, int64_t v)
{
    Ref kk = int_from_i64(h, k), x = int_from_i64(h, v);
    if (dict_setitem(h, d, kk, x) != 0)
        ck_abort_msg("dict_setitem failed");
    heap_decref(h, kk);
    heap_decref(h, x);
}

/* `[]` and 5 appends: the 56-byte object and an 8-slot item array (64
 * bytes), both size class 3, in every version. */
START_TEST(test_list_blocks)
{
    static const char *const vers[] = {"3.8", "3.12"};
    for (int v = 0; v < 2; v++) {
        Heap *h = heap_new(profile_find(vers[v]));
        Ref l = list_new(h, 0);
        HeapBlock b[MAXB];
        ck_assert_uint_eq(blocks_of(h, l, b), 1);       /* no ob_item yet */
        for (int i = 0; i < 5; i++)
            append_int(h, l, 1000 + i);
        ck_assert_uint_eq(blocks_of(h, l, b), 2);
        assert_small(&b[0], "object", 3);
        ck_assert_uint_eq(b[0].addr + 16, heap_obj(h, l)->addr);
        assert_small(&b[1], "ob_item", 3);
        assert_owns_all(h, l);
        /* an address inside the block (the id) finds the owner too */
        ck_assert_uint_eq(heap_block_owner(h, heap_obj(h, l)->addr, NULL), l);
        assert_memory_valid(h);

        /* the object block goes to the list free list, ob_item is freed */
        uint64_t main = b[0].addr, items = b[1].addr;
        heap_decref(h, l);
        ck_assert_uint_eq(heap_block_owner(h, main, NULL), 0);
        ck_assert(on_freelist(h, main, "free_list[list]"));
        ck_assert_uint_eq(heap_block_owner(h, items, NULL), 0);
        ck_assert(!obmalloc_locate(h->mem, items, NULL));
        assert_memory_valid(h);

        /* PyList_New takes the block back: the owner map follows */
        Ref l2 = list_new(h, 0);
        ck_assert_uint_eq(heap_block_owner(h, main, NULL), l2);
        ck_assert(!on_freelist(h, main, "free_list[list]"));
        heap_decref(h, l2);
        heap_delete(h);
    }
}
END_TEST

/* Growing the item array reallocates it: the owner map moves with it. */
START_TEST(test_list_realloc_moves_owner)
{
    Heap *h = heap_new(profile_find("3.12"));
    Ref l = list_new(h, 0);
    append_int(h, l, 1000);
    HeapBlock b[MAXB];
    blocks_of(h, l, b);
    uint64_t first = b[1].addr;
    assert_small(&b[1], "ob_item", 1);                  /* 4 slots: 32 bytes */
    ck_assert_uint_eq(heap_block_owner(h, first, NULL), l);
    for (int i = 0; i < 60; i++)
        append_int(h, l, 2000 + i);
    blocks_of(h, l, b);
    assert_small(&b[1], "ob_item", 31);                 /* 61 items: 64 slots, 512 B */
    ck_assert_uint_ne(b[1].addr, first);
    ck_assert_uint_eq(heap_block_owner(h, b[1].addr, NULL), l);
    assert_memory_valid(h);
    heap_decref(h, l);
    heap_delete(h);
}
END_TEST

/* Combined dicts: a 64-byte object (class 3) and its keys object:
 * {'a': 1} 168 B in 3.8 (class 10), 120 B in 3.12 (str-only, class 7);
 * {1: 1} 168 / 160 B (class 10 / 9); six str keys 296 / 208 B (class 18
 * / 12). */
START_TEST(test_dict_combined_blocks)
{
    static const struct {
        const char *ver;
        unsigned str1, int1, str6;
    } cases[] = {{"3.8", 10, 10, 18}, {"3.12", 7, 9, 12}};
    for (int v = 0; v < 2; v++) {
        Heap *h = heap_new(profile_find(cases[v].ver));
        HeapBlock b[MAXB];
        Ref d = dict_new(h);
        ck_assert_uint_eq(blocks_of(h, d, b), 1);       /* the static empty keys */
        assert_small(&b[0], "object", 3);
        set_str(h, d, "a", 1);
        ck_assert_uint_eq(blocks_of(h, d, b), 2);
        assert_small(&b[1], "ma_keys", cases[v].str1);
        assert_owns_all(h, d);

        Ref di = dict_new(h);
        set_int(h, di, 1, 1);
        blocks_of(h, di, b);
        assert_small(&b[1], "ma_keys", cases[v].int1);

        Ref d6 = dict_new(h);
        const char *names[] = {"a", "b", "c", "d", "e", "f"};
        for (int i = 0; i < 6; i++)
            set_str(h, d6, names[i], i);
        ck_assert_uint_eq(blocks_of(h, d6, b), 2);
        assert_small(&b[1], "ma_keys", cases[v].str6);
        assert_owns_all(h, d6);
        assert_memory_valid(h);

        /* clear(): the 8-slot keys go to the keys free list; the next
         * insertion takes them back without any malloc */
        blocks_of(h, d, b);
        uint64_t keys = b[1].addr;
        dict_clear(h, d);
        ck_assert_uint_eq(blocks_of(h, d, b), 1);
        ck_assert_uint_eq(heap_block_owner(h, keys, NULL), 0);
        ck_assert(on_freelist(h, keys, "free_list[dictkeys]"));
        set_str(h, d, "z", 2);
        blocks_of(h, d, b);
        ck_assert_uint_eq(b[1].addr, keys);
        ck_assert_uint_eq(heap_block_owner(h, keys, NULL), d);
        assert_memory_valid(h);

        heap_decref(h, d);
        heap_decref(h, di);
        heap_decref(h, d6);
        assert_memory_valid(h);
        heap_delete(h);
    }
}
END_TEST

/* A session paused before the line after `done = 1`. */
static Session *run_until_done(const char *version, const char *src)
{
    Session *s = session_new(profile_find(version), true);
    ck_assert(session_load(s, "t.py", src));
    Ref g = module_data(s->heap, s->vm->main_module)->dict;
    while (!dict_getitem_cstr(s->heap, g, "done"))
        ck_assert_msg(session_step(s), "%s: the script ended: %s", version,
                      strbuf_cstr(&s->heap->err));
    ck_assert_msg(session_heap_error(s) == NULL, "%s", session_heap_error(s));
    return s;
}

/* Global NAME of the paused session S (borrowed). */
static Ref global(Session *s, const char *name)
{
    Ref g = module_data(s->heap, s->vm->main_module)->dict;
    Ref r = dict_getitem_cstr(s->heap, g, name);
    ck_assert_msg(r != 0, "no global %s", name);
    return r;
}

static const char inst_src[] =
    "class A:\n"
    "    def __init__(self):\n"
    "        self.a = 1\n        self.b = 2\n        self.c = 3\n"
    "class S:\n    __slots__ = ('x', 'y')\n"
    "o = A()\n"
    "s = S()\n"
    "done = 1\n"
    "pass\n";

/* Instances by version: 3.8 a 48-byte object (class 2) whose attributes
 * live in a separate split dict (64-byte object + 40-byte values, class
 * 2) over the class's 168-byte keys (class 10); 3.11 a 56-byte object
 * (class 3) and a 264-byte values array (class 16); 3.12 48 + 264; 3.13
 * one 328-byte block (class 20) with the values inside.  3.11+ classes
 * own 768-byte keys (large).  A 2-slot instance is 48 bytes everywhere. */
START_TEST(test_instance_layouts)
{
    static const struct {
        const char *ver;
        unsigned obj_class;
        int values_class;        /* -1: no values block */
    } cases[] = {{"3.8", 2, -1}, {"3.11", 3, 16}, {"3.12", 2, 16}, {"3.13", 20, -1}};
    for (int v = 0; v < 4; v++) {
        Session *s = run_until_done(cases[v].ver, inst_src);
        Heap *h = s->heap;
        HeapBlock b[MAXB];
        Ref o = global(s, "o"), a = global(s, "A"), sl = global(s, "s");
        size_t n = blocks_of(h, o, b);
        assert_small(&b[0], "object", cases[v].obj_class);
        ck_assert_uint_eq(b[0].addr + heap_object_prefix(h, o), heap_obj(h, o)->addr);
        if (cases[v].values_class >= 0) {
            ck_assert_uint_eq(n, 2);
            assert_small(&b[1], "values", (unsigned)cases[v].values_class);
        } else {
            ck_assert_uint_eq(n, 1);
        }
        assert_owns_all(h, o);

        n = blocks_of(h, a, b);
        ck_assert_uint_eq(n, 2);
        if (v == 0)
            assert_small(&b[1], "ht_cached_keys", 10);
        else
            assert_large(&b[1], "ht_cached_keys");
        assert_owns_all(h, a);

        n = blocks_of(h, sl, b);
        ck_assert_uint_eq(n, 1);
        assert_small(&b[0], "object", 2);
        assert_memory_valid(h);
        session_delete(s);
    }
}
END_TEST

static const char split_src[] =
    "class A:\n"
    "    def __init__(self):\n"
    "        self.a = 1\n        self.b = 2\n        self.c = 3\n"
    "o = A()\n"
    "d = o.__dict__\n"
    "done = 1\n"
    "pass\n";

/* A split dict owns its values (3.8: 40 bytes, class 2; 3.11/3.12: the
 * instance's 264-byte array moves to the dict, class 16; 3.13: the values
 * stay inside the instance) but not the class's keys. */
START_TEST(test_dict_split_blocks)
{
    static const int values_class[] = {2, 16, 16, -1};
    static const char *const vers[] = {"3.8", "3.11", "3.12", "3.13"};
    for (int v = 0; v < 4; v++) {
        Session *s = run_until_done(vers[v], split_src);
        Heap *h = s->heap;
        HeapBlock b[MAXB];
        Ref d = global(s, "d"), o = global(s, "o"), a = global(s, "A");
        size_t n = blocks_of(h, d, b);
        assert_small(&b[0], "object", 3);
        if (values_class[v] >= 0) {
            ck_assert_uint_eq(n, 2);
            assert_small(&b[1], "ma_values", (unsigned)values_class[v]);
        } else {
            ck_assert_uint_eq(n, 1);
        }
        assert_owns_all(h, d);
        ck_assert_uint_eq(blocks_of(h, o, b), 1);       /* the values left it */
        blocks_of(h, a, b);
        ck_assert_str_eq(b[1].part, "ht_cached_keys");
        ck_assert_uint_eq(heap_block_owner(h, b[1].addr, NULL), a);
        assert_memory_valid(h);
        session_delete(s);
    }
}
END_TEST

/* Sets: 216 bytes (class 13) with the 8-entry smalltable; 10 items need a
 * 32-entry table of 512 bytes (class 31); 100 items 8192 bytes (large).
 * The old table is freed at each resize. */
START_TEST(test_set_blocks)
{
    static const char *const vers[] = {"3.8", "3.12"};
    for (int v = 0; v < 2; v++) {
        Heap *h = heap_new(profile_find(vers[v]));
        HeapBlock b[MAXB];
        Ref s = set_new(h, NULLREF);
        for (int i = 0; i < 3; i++) {
            Ref x = int_from_i64(h, i);
            set_add(h, s, x);
            heap_decref(h, x);
        }
        ck_assert_uint_eq(blocks_of(h, s, b), 1);
        assert_small(&b[0], "object", 13);
        for (int i = 3; i < 10; i++) {
            Ref x = int_from_i64(h, i);
            set_add(h, s, x);
            heap_decref(h, x);
        }
        ck_assert_uint_eq(blocks_of(h, s, b), 2);
        assert_small(&b[1], "table", 31);
        uint64_t t32 = b[1].addr;
        assert_owns_all(h, s);
        for (int i = 10; i < 100; i++) {
            Ref x = int_from_i64(h, i);
            set_add(h, s, x);
            heap_decref(h, x);
        }
        ck_assert_uint_eq(blocks_of(h, s, b), 2);
        assert_large(&b[1], "table");
        ck_assert_uint_eq(b[1].where.block_size >= 8192, 1);
        ck_assert_uint_eq(heap_block_owner(h, t32, NULL), 0);
        assert_owns_all(h, s);
        assert_memory_valid(h);
        uint64_t main = b[0].addr, table = b[1].addr;
        heap_decref(h, s);
        ck_assert_uint_eq(heap_block_owner(h, main, NULL), 0);
        ck_assert_uint_eq(heap_block_owner(h, table, NULL), 0);
        ck_assert(!obmalloc_locate(h->mem, main, NULL));
        assert_memory_valid(h);
        heap_delete(h);
    }
}
END_TEST

/* One-block objects: a 21-character ASCII str (70 B in 3.8, class 4; 62
 * B in 3.12, class 3), a 3-tuple (64 B, class 3), 10**20 (36 B, class
 * 2), a float (24 B, class 1). */
START_TEST(test_single_block_objects)
{
    static const struct {
        const char *ver;
        unsigned str_class;
    } cases[] = {{"3.8", 4}, {"3.12", 3}};
    for (int v = 0; v < 2; v++) {
        Heap *h = heap_new(profile_find(cases[v].ver));
        HeapBlock b[MAXB];
        Ref s = str_from_cstr(h, "abcabcabcabcabcabcabc");
        Ref a = int_from_i64(h, 1000), c = int_from_i64(h, 1001), e = int_from_i64(h, 1002);
        Ref t = tuple_pack(h, 3, a, c, e);
        Ref big = int_from_str(h, "100000000000000000000", 21, 10);
        Ref f = float_from_double(h, 1.5);
        ck_assert_uint_eq(blocks_of(h, s, b), 1);
        assert_small(&b[0], "object", cases[v].str_class);
        ck_assert_uint_eq(b[0].addr, heap_obj(h, s)->addr);    /* no GC header */
        ck_assert_uint_eq(blocks_of(h, t, b), 1);
        assert_small(&b[0], "object", 3);
        ck_assert_uint_eq(b[0].addr + 16, heap_obj(h, t)->addr);
        ck_assert_uint_eq(blocks_of(h, big, b), 1);
        assert_small(&b[0], "object", 2);
        ck_assert_uint_eq(blocks_of(h, f, b), 1);
        assert_small(&b[0], "object", 1);
        Ref objs[] = {s, t, big, f};
        for (int i = 0; i < 4; i++)
            assert_owns_all(h, objs[i]);
        /* static objects own no blocks */
        ck_assert_uint_eq(heap_object_blocks(h, h->none, b, MAXB), 0);
        ck_assert_uint_eq(heap_object_blocks(h, h->small_ints[10], b, MAXB), 0);
        ck_assert_uint_eq(heap_object_blocks(h, h->type_of_kind[K_LIST], b, MAXB), 0);
        assert_memory_valid(h);

        /* a 3-tuple and a float go to their free lists */
        blocks_of(h, t, b);
        uint64_t tb = b[0].addr;
        blocks_of(h, f, b);
        uint64_t fb = b[0].addr;
        heap_decref(h, t);
        heap_decref(h, f);
        ck_assert(on_freelist(h, tb, "free_list[tuple]"));
        HeapBlock fl[64];
        size_t nfl = heap_freelist_blocks(h, fl, 64);
        ck_assert_uint_le(nfl, 64);
        for (size_t i = 0; i < nfl; i++)
            if (fl[i].addr == tb)
                ck_assert_uint_eq(fl[i].index, 3);      /* the 3-tuple list */
        ck_assert(on_freelist(h, fb, "free_list[float]"));
        ck_assert_uint_eq(heap_block_owner(h, tb, NULL), 0);
        ck_assert_uint_eq(heap_block_owner(h, fb, NULL), 0);
        assert_memory_valid(h);
        Ref objs2[] = {s, a, c, e, big};
        for (int i = 0; i < 5; i++)
            heap_decref(h, objs2[i]);
        heap_delete(h);
    }
}
END_TEST

/* The start-up blocks: one per size class, owned by no object. */
START_TEST(test_startup_blocks)
{
    Heap *h = heap_new(profile_find("3.12"));
    HeapBlock b[OBMALLOC_NB_SMALL_SIZE_CLASSES];
    ck_assert_uint_eq(heap_startup_blocks(h, b, OBMALLOC_NB_SMALL_SIZE_CLASSES),
                      OBMALLOC_NB_SMALL_SIZE_CLASSES);
    for (unsigned i = 0; i < OBMALLOC_NB_SMALL_SIZE_CLASSES; i++) {
        assert_small(&b[i], "startup", i);
        ck_assert_uint_eq(heap_block_owner(h, b[i].addr, NULL), 0);
    }
    assert_memory_valid(h);
    heap_delete(h);
}
END_TEST

/* The validator finds a block nobody owns, a block with two owners and
 * an object whose address is not where its block starts. */
START_TEST(test_validator_catches_errors)
{
    Heap *h = heap_new(profile_find("3.12"));
    StrBuf why = {0};
    uint64_t stray = heap_mem_alloc(h, 100);
    ck_assert(!heap_validate_memory(h, &why));
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&why), "no object, free list or start-up owns it"));
    strbuf_free(&why);
    heap_mem_free(h, stray);
    assert_memory_valid(h);

    Ref l1 = list_new(h, 0), l2 = list_new(h, 0);
    append_int(h, l1, 5000);
    append_int(h, l2, 5001);
    ListData *d2 = (ListData *)heap_obj(h, l2)->v.p;
    uint64_t saved = d2->ob_item;
    d2->ob_item = ((ListData *)heap_obj(h, l1)->v.p)->ob_item;
    ck_assert(!heap_validate_memory(h, &why));
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&why), "has two owners"));
    strbuf_free(&why);
    d2->ob_item = saved;
    assert_memory_valid(h);

    heap_obj(h, l1)->addr += 16;
    ck_assert(!heap_validate_memory(h, &why));
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&why), "not at its start"));
    strbuf_free(&why);
    heap_obj(h, l1)->addr -= 16;

    HeapBlock b[MAXB];
    blocks_of(h, l1, b);
    ck_assert(heap_freelist_push(&h->fl_float, b[0].addr));
    ck_assert(!heap_validate_memory(h, &why));
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&why), "free_list[float]"));
    strbuf_free(&why);
    heap_freelist_pop(&h->fl_float);
    assert_memory_valid(h);

    heap_decref(h, l1);
    heap_decref(h, l2);
    heap_delete(h);
}
END_TEST

/* A deterministic pseudo-random number (an LCG). */
static uint64_t next_rand(uint64_t *state)
{
    *state = *state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return *state >> 33;
}

/* A new object of a kind picked by R: lists, dicts and sets of a few
 * items, floats, tuples of 1..5, big ints, str of 1..700 characters. */
static Ref random_object(Heap *h, uint64_t *state)
{
    uint64_t r = next_rand(state);
    size_t n = (size_t)(r >> 4) % 12;
    switch (r % 8) {
    case 0: {
        Ref l = list_new(h, 0);
        for (size_t i = 0; i < n; i++)
            append_int(h, l, (int64_t)(1000 + i));
        return l;
    }
    case 1: {
        Ref d = dict_new(h);
        for (size_t i = 0; i < n; i++)
            set_int(h, d, (int64_t)(i * 7), 1000);
        return d;
    }
    case 2: {
        Ref s = set_new(h, NULLREF);
        for (size_t i = 0; i < 2 * n; i++) {
            Ref x = int_from_i64(h, (int64_t)i);
            set_add(h, s, x);
            heap_decref(h, x);
        }
        return s;
    }
    case 3:
        return float_from_double(h, (double)r);
    case 4: {
        Ref x = int_from_i64(h, 100000);
        Ref items[5] = {x, x, x, x, x};
        Ref t = tuple_from_array(h, items, 1 + n % 5);
        heap_decref(h, x);
        return t;
    }
    case 5:
        return int_from_i64(h, (int64_t)(r << 20));
    default: {
        static char buf[701];
        size_t len = 1 + (size_t)(r >> 8) % 700;
        memset(buf, 'a' + (int)(r % 26), len);
        buf[len] = 0;
        return str_from_cstr(h, buf);
    }
    }
}

/* Count the blocks of every live object plus the free lists' and the
 * start-up blocks, per size class (index 32: large). */
static size_t count_blocks(Heap *h, size_t *per_class)
{
    memset(per_class, 0, 33 * sizeof *per_class);
    size_t total = 0;
    HeapBlock b[MAXB];
    for (Ref r = 1; r < h->nslots; r++) {
        if (heap_kind(h, r) == K_FREE)
            continue;
        size_t n = heap_object_blocks(h, r, b, MAXB);
        for (size_t i = 0; i < n; i++) {
            if (!b[i].located)
                ck_abort_msg("object %u: %s block is not live", r, b[i].part);
            per_class[b[i].where.large ? 32 : b[i].where.size_class]++;
        }
        total += n;
    }
    size_t nf = heap_freelist_blocks(h, NULL, 0);
    HeapBlock *fb = malloc((nf + OBMALLOC_NB_SMALL_SIZE_CLASSES) * sizeof *fb);
    heap_freelist_blocks(h, fb, nf);
    nf += heap_startup_blocks(h, fb + nf, OBMALLOC_NB_SMALL_SIZE_CLASSES);
    for (size_t i = 0; i < nf; i++) {
        if (!fb[i].located)
            ck_abort_msg("%s block is not live", fb[i].part);
        per_class[fb[i].where.large ? 32 : fb[i].where.size_class]++;
    }
    free(fb);
    return total + nf;
}

/* Assert obmalloc's counters equal the blocks the heap accounts for. */
static void assert_counters_match(Heap *h)
{
    size_t per_class[33];
    size_t total = count_blocks(h, per_class);
    ObmallocStats st;
    obmalloc_stats(h->mem, &st);
    for (unsigned c = 0; c < OBMALLOC_NB_SMALL_SIZE_CLASSES; c++)
        ck_assert_msg(st.live_blocks[c] == per_class[c], "class %u: %zu live, %zu owned", c,
                      st.live_blocks[c], per_class[c]);
    ck_assert_uint_eq(st.large_count, per_class[32]);
    ck_assert_uint_eq(st.small_blocks + st.large_count, total);
}

/* 1,000,000 allocations and frees of mixed objects: at the end obmalloc's
 * per-class counters equal the blocks of the live objects, free lists and
 * start-up, and after freeing everything only free lists and start-up
 * remain. */
START_TEST(test_million_alloc_free)
{
    static const char *const vers[] = {"3.12", "3.8"};
    for (int v = 0; v < 2; v++) {
        Heap *h = heap_new(profile_find(vers[v]));
        enum { LIVE = 2000 };
        Ref *live = calloc(LIVE, sizeof *live);
        uint64_t state = 12345;
        size_t rounds = v == 0 ? 1000000 : 200000;
        for (size_t i = 0; i < rounds; i++) {
            size_t k = (size_t)next_rand(&state) % LIVE;
            Ref old = live[k];
            live[k] = random_object(h, &state);
            if (!live[k])
                ck_abort_msg("allocation %zu failed", i);
            heap_decref(h, old);
            if (i % 250000 == 0)
                ck_assert_uint_eq(heap_block_owner(h, heap_obj(h, live[k])->addr, NULL),
                                  live[k]);
        }
        assert_counters_match(h);
        assert_memory_valid(h);
        for (size_t k = 0; k < LIVE; k++)
            heap_decref(h, live[k]);
        free(live);
        assert_counters_match(h);
        assert_memory_valid(h);
        heap_delete(h);
    }
}
END_TEST

Suite *suite_memory(void)
{
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("Blocks");
    tcase_add_test(tc, test_list_blocks);
    tcase_add_test(tc, test_list_realloc_moves_owner);
    tcase_add_test(tc, test_dict_combined_blocks);
    tcase_add_test(tc, test_instance_layouts);
    tcase_add_test(tc, test_dict_split_blocks);
    tcase_add_test(tc, test_set_blocks);
    tcase_add_test(tc, test_single_block_objects);
    tcase_add_test(tc, test_startup_blocks);
    tcase_add_test(tc, test_validator_catches_errors);
    suite_add_tcase(s, tc);
    TCase *lim = tcase_create("Limits");
    tcase_set_timeout(lim, 120);
    tcase_add_test(lim, test_million_alloc_free);
    suite_add_tcase(s, lim);
    return s;
}
