/* Tests of weakrefobject.c: the per-object weakref list and its order,
 * reuse of the basic ref and proxy, PyObject_ClearWeakRefs' callback order
 * and references, proxies (names, sizes, forwarding, ReferenceError, reprs)
 * and WeakValueDictionary (no strong references to values, KeyedRefs,
 * removal while iterating, generator sizes).  Every expectation was printed
 * by the real interpreters (3.8.18, 3.11.7, 3.12.1, 3.13.0). */
#include <check.h>
#include <string.h>

#include "check_suites.h"
#include "session/session.h"
#include "sim/abstract.h"
#include "sim/funcobject.h"
#include "sim/heap.h"
#include "sim/listobject.h"
#include "sim/setobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"

/* Run SRC under VERSION with the heap validator after every line and
 * check that it prints EXPECTED (and nothing on stderr). */
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

/* ---- the weakref list, from C ---- */

static Ref calls[8];
static size_t ncalls;

/* A C-level weakref callback that records the weakref it receives. */
static Ref record(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    (void)kwnames;
    if (nargs == 1 && ncalls < 8)
        calls[ncalls++] = args[0];
    return heap_newref(h, h->none);
}

static const MethodDef record_def = {"record", record, NULL};

/* Basic refs and proxies are shared; the list is ref, proxy, then the
 * others newest first (get_basic_refs / insert_after). */
START_TEST(test_list_order_and_reuse)
{
    Heap *h = heap_new(profile_find("3.12"));
    Ref s = set_new(h, NULLREF);
    Ref cb = builtin_new(h, &record_def, NULLREF, NULLREF);
    Ref rc = weakref_new(h, s, cb);
    Ref pc = weakref_proxy_new(h, s, cb);
    Ref p = weakref_proxy_new(h, s, NULLREF);
    Ref r = weakref_new(h, s, h->none);
    ck_assert_uint_eq(weakref_new(h, s, NULLREF), r);
    ck_assert_uint_eq(weakref_proxy_new(h, s, NULLREF), p);
    ck_assert_int_eq(heap_obj(h, r)->refcnt, 2);
    ck_assert_int_eq(heap_obj(h, p)->refcnt, 2);
    heap_decref(h, r);
    heap_decref(h, p);
    ck_assert_uint_eq(weakref_count(h, s), 4);
    Ref l = weakref_list(h, s);
    ck_assert_uint_eq(list_size(h, l), 4);
    ck_assert_uint_eq(list_items(h, l)[0], r);
    ck_assert_uint_eq(list_items(h, l)[1], p);
    ck_assert_uint_eq(list_items(h, l)[2], pc);
    ck_assert_uint_eq(list_items(h, l)[3], rc);
    heap_decref(h, l);
    ck_assert_int_eq(heap_kind(h, p), K_WEAKPROXY);
    ck_assert_uint_eq(heap_ops(h, p)->sizeof_(h, p), 80);
    ck_assert_uint_eq(heap_ops(h, r)->sizeof_(h, r), 80);
    ck_assert_int_eq(heap_obj(h, s)->refcnt, 1);          /* weakrefs own nothing */
    heap_decref(h, rc);
    heap_decref(h, pc);
    heap_decref(h, p);
    heap_decref(h, r);
    ck_assert_uint_eq(weakref_count(h, s), 0);
    ck_assert_int_eq(heap_obj(h, s)->flags & OF_WEAKREFS, 0);
    heap_decref(h, s);
    heap_decref(h, cb);
    heap_delete(h);
}
END_TEST

/* When the referent dies every weakref is cleared, then the callbacks run
 * in list order (newest first) and give up their callback references. */
START_TEST(test_clear_refs_callback_order)
{
    Heap *h = heap_new(profile_find("3.8"));
    Ref s = set_new(h, NULLREF);
    Ref cb = builtin_new(h, &record_def, NULLREF, NULLREF);
    Ref r1 = weakref_new(h, s, cb);
    Ref r2 = weakref_new(h, s, cb);
    Ref r0 = weakref_new(h, s, NULLREF);
    ck_assert_int_eq(heap_obj(h, cb)->refcnt, 3);
    ck_assert_uint_eq(heap_ops(h, r0)->sizeof_(h, r0), 72);
    ncalls = 0;
    heap_decref(h, s);
    ck_assert_uint_eq(ncalls, 2);
    ck_assert_uint_eq(calls[0], r2);
    ck_assert_uint_eq(calls[1], r1);
    ck_assert_uint_eq(weakref_get(h, r0), 0);
    ck_assert_uint_eq(weakref_get(h, r1), 0);
    ck_assert_uint_eq(weakref_callback(h, r1), 0);
    ck_assert_int_eq(heap_obj(h, cb)->refcnt, 1);
    ck_assert_int_eq(heap_obj(h, r1)->refcnt, 1);
    heap_decref(h, r0);
    heap_decref(h, r1);
    heap_decref(h, r2);
    heap_decref(h, cb);
    heap_delete(h);
}
END_TEST

/* A WeakValueDictionary holds a KeyedRef per value, no strong reference;
 * the entry goes when the value dies. */
START_TEST(test_weakdict_from_c)
{
    Heap *h = heap_new(profile_find("3.12"));
    Ref d = weakdict_new(h, h->type_of_kind[K_WEAKVALUEDICT], NULL, 0, NULLREF);
    ck_assert_uint_ne(d, 0);
    ck_assert_uint_eq(weakref_count(h, d), 1);           /* the remove callback's selfref */
    Ref v = set_new(h, NULLREF);
    Ref k = h->small_ints[10];
    ck_assert_int_eq(obj_setitem(h, d, k, v), 0);
    ck_assert_int_eq(heap_obj(h, v)->refcnt, 1);
    ck_assert_uint_eq(weakref_count(h, v), 1);
    Ref kr = weakref_head(h, v);
    ck_assert_uint_eq(heap_type(h, kr), weakref_keyedref_type(h));
    ck_assert_uint_eq(heap_ops(h, kr)->sizeof_(h, kr), 88);
    size_t n = 0;
    ck_assert_int_eq(obj_len(h, d, &n), 0);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(heap_ops(h, d)->sizeof_(h, d), 48);
    heap_decref(h, v);
    ck_assert_int_eq(obj_len(h, d, &n), 0);
    ck_assert_uint_eq(n, 0);
    heap_decref(h, d);
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
}
END_TEST

/* ---- whole scripts ---- */

static const char proxy_src[] =
    "import sys, weakref\n"
    "class A:\n    def __init__(self):\n        self.value = 7\n"
    "    def hello(self):\n        return 'hello'\n"
    "def f(x):\n    return x + 1\n"
    "a = A()\n"
    "p = weakref.proxy(a)\n"
    "print(repr(type(p)), sys.getsizeof(p), p.value, p.hello())\n"
    "p.value = 8\n"
    "print(a.value, weakref.proxy(a) is p, callable(p))\n"
    "c = weakref.proxy(f)\n"
    "print(repr(type(c)), c(1), callable(c))\n"
    "try:\n    hash(p)\nexcept TypeError as e:\n    print(e)\n"
    "print(repr(p).split(' ')[3:5])\n"
    "del a\n"
    "print(repr(p).split(' ')[3:5])\n"
    "try:\n    p.value\nexcept ReferenceError as e:\n    print(type(e).__name__, e)\n";

/* Proxies: type names, sizes, forwarding, unhashable, repr, ReferenceError. */
START_TEST(test_proxy_by_version)
{
    expect_output("3.8", proxy_src,
                  "<class 'weakproxy'> 72 7 hello\n8 True False\n"
                  "<class 'weakcallableproxy'> 2 True\nunhashable type: 'weakproxy'\n"
                  "['to', 'A']\n['to', 'NoneType']\n"
                  "ReferenceError weakly-referenced object no longer exists\n");
    expect_output("3.12", proxy_src,
                  "<class 'weakref.ProxyType'> 80 7 hello\n8 True False\n"
                  "<class 'weakref.CallableProxyType'> 2 True\n"
                  "unhashable type: 'weakref.ProxyType'\n"
                  "['to', 'A']\n['to', 'NoneType']\n"
                  "ReferenceError weakly-referenced object no longer exists\n");
    expect_output("3.13", proxy_src,
                  "<class 'weakref.ProxyType'> 80 7 hello\n8 True False\n"
                  "<class 'weakref.CallableProxyType'> 2 True\n"
                  "unhashable type: 'weakref.ProxyType'\n"
                  "['to', \"'A'\"]\n['dead>']\n"
                  "ReferenceError weakly-referenced object no longer exists\n");
}
END_TEST

static const char order_src[] =
    "import weakref\n"
    "class B:\n    pass\n"
    "b = B()\n"
    "cb = lambda r: None\n"
    "r2 = weakref.ref(b, cb)\n"
    "p2 = weakref.proxy(b, cb)\n"
    "p = weakref.proxy(b)\n"
    "r = weakref.ref(b)\n"
    "refs = weakref.getweakrefs(b)\n"
    "print(weakref.getweakrefcount(b), [repr(type(x)) for x in refs])\n"
    "print(refs[0] is r, refs[1] is p, refs[2] is p2, refs[3] is r2)\n";

/* getweakrefs lists the basic ref, the basic proxy, then the newest callback. */
START_TEST(test_getweakrefs_order)
{
    expect_output("3.8", order_src,
                  "4 [\"<class 'weakref'>\", \"<class 'weakproxy'>\", "
                  "\"<class 'weakproxy'>\", \"<class 'weakref'>\"]\nTrue True True True\n");
    expect_output("3.12", order_src,
                  "4 [\"<class 'weakref.ReferenceType'>\", \"<class 'weakref.ProxyType'>\", "
                  "\"<class 'weakref.ProxyType'>\", \"<class 'weakref.ReferenceType'>\"]\n"
                  "True True True True\n");
}
END_TEST

static const char callbacks_src[] =
    "import sys, weakref\n"
    "class O:\n    pass\n"
    "def mk(tag):\n"
    "    def cb(r):\n        print('cb', tag, r() is None)\n"
    "    return cb\n"
    "o = O()\n"
    "c1 = mk('r1')\n"
    "c2 = mk('r2')\n"
    "r1 = weakref.ref(o, c1)\n"
    "r2 = weakref.ref(o, c2)\n"
    "print(sys.getrefcount(c1))\n"
    "del o\n"
    "print(sys.getrefcount(c1), r1.__callback__)\n";

/* Callbacks run newest first, after every ref is dead, and are released. */
START_TEST(test_callbacks_run_and_release)
{
    const char *expected = "3\ncb r2 True\ncb r1 True\n2 None\n";
    expect_output("3.8", callbacks_src, expected);
    expect_output("3.12", callbacks_src, expected);
}
END_TEST

static const char weakdict_src[] =
    "import sys, weakref\n"
    "class Item:\n    def __init__(self, name):\n        self.name = name\n"
    "    def __del__(self):\n        print('del', self.name)\n"
    "d = weakref.WeakValueDictionary()\n"
    "key = ''.join(['k', 'ey'])\n"
    "a = Item('a')\n"
    "d[key] = a\n"
    "d['b'] = Item('b')\n"
    "print(len(d), sys.getrefcount(a), sys.getrefcount(key), weakref.getweakrefcount(d))\n"
    "print(sys.getsizeof(d), sys.getsizeof(d.keys()), sys.getsizeof(d.items()))\n"
    "it = d.items()\n"
    "k, v = next(it)\n"
    "del a, k, v\n"
    "print(len(d), key in d)\n"
    "del it\n"
    "print(len(d), sys.getrefcount(key), list(d))\n";

/* WeakValueDictionary: no strong reference to values, two to keys (dict and
 * KeyedRef.key), the items() generator keeps its last value alive. */
START_TEST(test_weakdict_by_version)
{
    expect_output("3.8", weakdict_src,
                  "del b\n1 2 4 1\n48 112 112\n1 True\ndel a\n0 2 []\n");
    expect_output("3.12", weakdict_src,
                  "del b\n1 2 4 1\n48 232 240\n1 True\ndel a\n0 2 []\n");
    expect_output("3.13", weakdict_src,
                  "del b\n1 2 4 1\n48 232 240\n1 True\ndel a\n0 2 []\n");
}
END_TEST

static const char pending_src[] =
    "import weakref\n"
    "class Item:\n    def __init__(self, name):\n        self.name = name\n"
    "d = weakref.WeakValueDictionary()\n"
    "a = Item('a')\n"
    "b = Item('b')\n"
    "d['a'] = a\n"
    "d['b'] = b\n"
    "it = iter(d)\n"
    "print(next(it))\n"
    "del b\n"
    "print(len(d.data), list(it), len(d.data), len(d))\n";

/* A value dying during iteration is removed when the iterator finishes. */
START_TEST(test_weakdict_pending_removals)
{
    const char *expected = "a\n2 [] 1 1\n";
    expect_output("3.8", pending_src, expected);
    expect_output("3.12", pending_src, expected);
}
END_TEST

Suite *suite_weakrefs(void)
{
    Suite *s = suite_create("weakrefs");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_list_order_and_reuse);
    tcase_add_test(core, test_clear_refs_callback_order);
    tcase_add_test(core, test_weakdict_from_c);
    suite_add_tcase(s, core);
    TCase *scripts = tcase_create("Scripts");
    tcase_set_timeout(scripts, 30);
    tcase_add_test(scripts, test_proxy_by_version);
    tcase_add_test(scripts, test_getweakrefs_order);
    tcase_add_test(scripts, test_callbacks_run_and_release);
    tcase_add_test(scripts, test_weakdict_by_version);
    tcase_add_test(scripts, test_weakdict_pending_removals);
    suite_add_tcase(s, scripts);
    return s;
}
