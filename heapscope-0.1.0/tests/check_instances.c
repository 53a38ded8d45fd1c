/* Tests of user classes and their instances (typeobject.c): instance and
 * class sizes, __slots__ layouts, how each version stores attributes
 * (3.8 split dicts, 3.11/3.12 values arrays, 3.13 inline values), the
 * allocation requests behind them, deallocation order and error texts.
 * Every expectation was printed by the real interpreters (3.8.18, 3.11.7,
 * 3.12.1, 3.13.0). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "session/session.h"
#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/heap.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"

static const char *const versions[] = {"3.8", "3.11", "3.12", "3.13"};

/* Run SRC under VERSION with the heap validator after every line and
 * check that it prints EXPECTED. */
static void expect_output(const char *version, const char *src, const char *expected)
{
    Session *s = session_new(profile_find(version), true);
    if (session_load(s, "t.py", src))
        session_run(s);
    ck_assert_msg(session_heap_error(s) == NULL, "%s: %s", version, session_heap_error(s));
    ck_assert_msg(!strcmp(strbuf_cstr(&s->heap->err), ""), "%s: %s", version,
                  strbuf_cstr(&s->heap->err));
    ck_assert_msg(!strcmp(strbuf_cstr(&s->heap->out), expected),
                  "%s: got\n%s\nexpected\n%s", version, strbuf_cstr(&s->heap->out), expected);
    session_delete(s);
}

/* Run SRC under each version with that version's EXPECTED output. */
static void expect_by_version(const char *src, const char *const expected[4])
{
    for (int v = 0; v < 4; v++)
        expect_output(versions[v], src, expected[v]);
}

static const char sizes_src[] =
    "import sys\n"
    "class A:\n    pass\n"
    "class S:\n    __slots__ = ('a', 'b')\n"
    "class SW:\n    __slots__ = ('x', '__weakref__')\n"
    "class SD:\n    __slots__ = ('x', '__dict__')\n"
    "class SB(A):\n    __slots__ = ('q',)\n"
    "a = A()\n"
    "print(sys.getsizeof(a), sys.getsizeof(S()), sys.getsizeof(SW()), sys.getsizeof(SD()),"
    " sys.getsizeof(SB()))\n"
    "print(A.__basicsize__, S.__basicsize__, SW.__basicsize__, SD.__basicsize__,"
    " SB.__basicsize__)\n"
    "print(sys.getsizeof(A), sys.getsizeof(S), sys.getsizeof(SD))\n"
    "a.x = 1\n"
    "print(sys.getsizeof(a.__dict__), sys.getsizeof(a))\n";

/* Instance sizes and tp_basicsize follow each version's managed dict /
 * weakref layout; a class's size counts its cached keys. */
START_TEST(test_instance_and_class_sizes)
{
    static const char *const expected[4] = {
        "48 48 48 48 56\n32 32 32 32 40\n1064 896 1064\n104 48\n",
        "56 48 48 56 64\n24 32 32 24 32\n1688 920 1688\n296 56\n",
        "48 48 56 56 56\n16 32 24 24 24\n1704 936 1704\n296 48\n",
        "48 48 56 56 56\n16 32 24 24 24\n1712 944 1712\n296 48\n",
    };
    expect_by_version(sizes_src, expected);
}
END_TEST

static const char growth_src[] =
    "import sys\n"
    "class A:\n    pass\n"
    "xs = [A() for i in range(4)]\n"
    "print([sys.getsizeof(x.__dict__) for x in xs])\n"
    "b = A()\n"
    "for i in range(7):\n    setattr(b, 'a%d' % i, i)\n"
    "print(sys.getsizeof(b.__dict__), sys.getsizeof(A))\n"
    "c = A()\nc.a0 = 0\ndel c.a0\n"
    "print(sys.getsizeof(c.__dict__), sys.getsizeof(A), vars(c))\n";

/* Each new instance lowers the shared keys' usable size (3.11+); 3.8
 * stops sharing once split dicts diverge. */
START_TEST(test_shared_keys_by_instance_count)
{
    static const char *const expected[4] = {
        "[104, 104, 104, 104]\n360 896\n232 896 {}\n",
        "[272, 272, 272, 272]\n264 1688\n256 1688 {}\n",
        "[272, 272, 272, 272]\n264 1704\n256 1704 {}\n",
        "[272, 272, 272, 272]\n264 1712\n256 1712 {}\n",
    };
    expect_by_version(growth_src, expected);
}
END_TEST

/* subtype_dealloc: the most derived class's slots (sorted) first, then
 * the base's, then the __dict__; __dict__ can be replaced and deleted. */
START_TEST(test_dealloc_order_and_dict_assignment)
{
    const char *src =
        "class D:\n    def __init__(self, n):\n        self.n = n\n"
        "    def __del__(self):\n        print('del', self.n)\n"
        "class S:\n    __slots__ = ('b', 'a')\n"
        "class T(S):\n    __slots__ = ('z', 'y', '__dict__')\n"
        "t = T()\n"
        "t.a = D('a'); t.b = D('b'); t.z = D('z'); t.y = D('y'); t.q = D('q')\n"
        "del t\n"
        "p = T()\np.__dict__ = {'k': D('k')}\nprint(p.k.n)\n"
        "p.__dict__ = {}\ndel p.__dict__\nprint(p.__dict__)\n";
    for (int v = 0; v < 4; v++)
        expect_output(versions[v], src,
                      "del y\ndel z\ndel a\ndel b\ndel q\nk\ndel k\n{}\n");
}
END_TEST

static const char errors_src[] =
    "class P:\n    __slots__ = ('x',)\n"
    "p = P()\n"
    "try:\n    p.z = 1\nexcept AttributeError as e:\n    print(e)\n"
    "class A:\n    pass\n"
    "a = A()\n"
    "try:\n    del a.nothing\nexcept AttributeError as e:\n    print(e)\n"
    "try:\n    a.__dict__ = 5\nexcept TypeError as e:\n    print(e)\n"
    "try:\n    class B:\n        __slots__ = ('x',)\n        x = 1\n"
    "except ValueError as e:\n    print(e)\n"
    "try:\n    class C(A):\n        __slots__ = ('__weakref__',)\n"
    "except TypeError as e:\n    print(e)\n";

/* The versions' wording of attribute and __slots__ errors. */
START_TEST(test_error_messages)
{
    static const char *const expected[4] = {
        "'P' object has no attribute 'z'\nnothing\n"
        "__dict__ must be set to a dictionary, not a 'int'\n"
        "'x' in __slots__ conflicts with class variable\n"
        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0\n",
        "'P' object has no attribute 'z'\n'A' object has no attribute 'nothing'\n"
        "__dict__ must be set to a dictionary, not a 'int'\n"
        "'x' in __slots__ conflicts with class variable\n"
        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0\n",
        "'P' object has no attribute 'z'\n'A' object has no attribute 'nothing'\n"
        "__dict__ must be set to a dictionary, not a 'int'\n"
        "'x' in __slots__ conflicts with class variable\n"
        "__weakref__ slot disallowed: we already got one\n",
        "'P' object has no attribute 'z' and no __dict__ for setting new attributes\n"
        "'A' object has no attribute 'nothing'\n"
        "__dict__ must be set to a dictionary, not a 'int'\n"
        "'x' in __slots__ conflicts with class variable\n"
        "__weakref__ slot disallowed: we already got one\n",
    };
    expect_by_version(errors_src, expected);
}
END_TEST

/* Slot names are mangled and sorted; member descriptors know their class. */
START_TEST(test_slot_names_and_members)
{
    const char *src =
        "import sys\n"
        "class A:\n    __slots__ = ('__x', 'b', 'a')\n"
        "    def setx(self, v):\n        self.__x = v\n"
        "print([k for k in A.__dict__ if not k.startswith('__')], repr(A.a), A._A__x.__name__)\n"
        "a = A()\na.setx(5)\nprint(a._A__x, sys.getsizeof(A.a))\n";
    for (int v = 0; v < 4; v++)
        expect_output(versions[v], src,
                      "['setx', '_A__x', 'a', 'b'] <member 'a' of 'A' objects> _A__x\n5 64\n");
}
END_TEST

/* A class `A: pass` made through the C API on heap H. */
static Ref make_class(Heap *h, Ref ns)
{
    Ref name = str_intern_cstr(h, "A");
    Ref t = type_new_heap(h, name, h->empty_tuple, ns, NULLREF);
    heap_decref(h, name);
    ck_assert_uint_ne(t, 0);
    return t;
}

/* The obmalloc block size behind instance I (pre-header and GC header
 * in front of its address). */
static size_t block_size(Heap *h, Ref i)
{
    ObmallocWhere w;
    ck_assert(obmalloc_locate(h->mem, h->objs[i].addr - 1, &w));
    return w.block_size;
}

/* 3.13 allocates inline values with the instance, sized from the shared
 * keys before init lowers their usable count: 328, 320, 312, 304 bytes
 * for the first four instances of a fresh class, so a new instance does
 * not fit the block its predecessor freed (id_instance_reuse).  Earlier
 * versions request the same size every time. */
START_TEST(test_instance_requests)
{
    static const struct { const char *v; size_t blocks[4]; } cases[] = {
        {"3.8", {48, 48, 48, 48}},
        {"3.11", {64, 64, 64, 64}},
        {"3.12", {48, 48, 48, 48}},
        {"3.13", {336, 320, 320, 304}},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        Heap *h = heap_new(profile_find(cases[c].v));
        Ref ns = dict_new(h);
        Ref t = make_class(h, ns);
        Ref insts[4];
        for (int k = 0; k < 4; k++) {
            insts[k] = instance_new(h, t);
            ck_assert_uint_ne(insts[k], 0);
            ck_assert_msg(block_size(h, insts[k]) == cases[c].blocks[k], "%s instance %d: %zu",
                          cases[c].v, k, block_size(h, insts[k]));
        }
        for (int k = 0; k < 4; k++)
            heap_decref(h, insts[k]);
        heap_decref(h, t);
        heap_decref(h, ns);
        heap_delete(h);
    }
}
END_TEST

/* The text of the pending exception, which is then cleared. */
static char *pending_message(Heap *h)
{
    Ref exc = heap_fetch_exc(h);
    ck_assert_uint_ne(exc, 0);
    Ref s = obj_str(h, exc);
    char *msg = strdup(str_utf8(h, s, NULL));
    heap_decref(h, s);
    heap_decref(h, exc);
    return msg;
}

/* member_get of an unset slot: 3.8 raises AttributeError(name); deleting
 * an unset slot does so in every version. */
START_TEST(test_unset_slot_messages)
{
    for (int v = 0; v < 4; v++) {
        Heap *h = heap_new(profile_find(versions[v]));
        Ref ns = dict_new(h);
        Ref x = str_intern_cstr(h, "x");
        ck_assert_int_eq(dict_setitem_cstr(h, ns, "__slots__", x), 0);
        Ref t = make_class(h, ns);
        Ref i = instance_new(h, t);
        ck_assert_uint_eq(instance_slot_get(h, i, 0, x), 0);
        char *msg = pending_message(h);
        ck_assert_str_eq(msg, v == 0 ? "x" : "'A' object has no attribute 'x'");
        free(msg);
        ck_assert_int_eq(instance_slot_set(h, i, 0, x, NULLREF), -1);
        msg = pending_message(h);
        ck_assert_str_eq(msg, "x");
        free(msg);
        ck_assert_int_eq(instance_slot_set(h, i, 0, x, h->none), 0);
        Ref got = instance_slot_get(h, i, 0, x);
        ck_assert_uint_eq(got, h->none);
        heap_decref(h, got);
        heap_decref(h, i);
        heap_decref(h, t);
        heap_decref(h, x);
        heap_decref(h, ns);
        heap_delete(h);
    }
}
END_TEST

Suite *suite_instances(void)
{
    Suite *s = suite_create("instances");
    TCase *core = tcase_create("Core");
    tcase_set_timeout(core, 30);
    tcase_add_test(core, test_instance_and_class_sizes);
    tcase_add_test(core, test_shared_keys_by_instance_count);
    tcase_add_test(core, test_dealloc_order_and_dict_assignment);
    tcase_add_test(core, test_error_messages);
    tcase_add_test(core, test_slot_names_and_members);
    tcase_add_test(core, test_instance_requests);
    tcase_add_test(core, test_unset_slot_messages);
    suite_add_tcase(s, core);
    return s;
}
