/* Tests of the heap core and the VM through whole sessions: refcounts,
 * deallocation order, the validator and the interpreter's error paths. */
#include <check.h>
#include <string.h>

#include "check_suites.h"
#include "session/session.h"
#include "sim/heap.h"
#include "sim/listobject.h"

/* Run SRC under PROFILE with heap checking; return the session (caller frees). */
static Session *run(const char *profile, const char *src)
{
    Session *s = session_new(profile_find(profile), true);
    if (session_load(s, "t.py", src))
        session_run(s);
    return s;
}

/* Assert that SRC prints EXPECTED under PROFILE and leaves a valid heap. */
static void expect_output(const char *profile, const char *src, const char *expected)
{
    Session *s = run(profile, src);
    ck_assert_msg(session_heap_error(s) == NULL, "%s", session_heap_error(s));
    ck_assert_str_eq(strbuf_cstr(&s->heap->err), "");
    ck_assert_str_eq(strbuf_cstr(&s->heap->out), expected);
    session_delete(s);
}

START_TEST(test_fresh_heap_is_valid)
{
    Heap *h = heap_new(profile_find("3.12"));
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
}
END_TEST

START_TEST(test_list_refcount_and_free)
{
    Heap *h = heap_new(profile_find("3.12"));
    Ref l = list_new(h, 0);
    ck_assert_int_eq(heap_obj(h, l)->refcnt, 1);
    size_t before = h->live;
    heap_decref(h, l);
    ck_assert_uint_eq(h->live, before - 1);
    heap_delete(h);
}
END_TEST

START_TEST(test_getrefcount_global)
{
    expect_output("3.12", "import sys\na = []\nprint(sys.getrefcount(a))\n", "2\n");
}
END_TEST

START_TEST(test_argument_refcounts_by_version)
{
    const char *src = "import sys\ndef one(x):\n    return sys.getrefcount(x)\n"
                      "a = []\nprint(one(a))\n";
    expect_output("3.8", src, "4\n");
    expect_output("3.12", src, "3\n");
}
END_TEST

START_TEST(test_del_order_list_reverse)
{
    const char *src = "class A:\n    def __init__(self, n):\n        self.n = n\n"
                      "    def __del__(self):\n        print('del', self.n)\n"
                      "l = [A(1), A(2), A(3)]\ndel l\nprint('end')\n";
    expect_output("3.12", src, "del 3\ndel 2\ndel 1\nend\n");
}
END_TEST

START_TEST(test_uncaught_exception_status)
{
    Session *s = run("3.12", "x = 1\ny = x / 0\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err),
                                 "ZeroDivisionError: division by zero\n"));
    ck_assert_ptr_null(session_heap_error(s));
    session_delete(s);
}
END_TEST

START_TEST(test_runaway_recursion)
{
    Session *s = run("3.12", "def f(n):\n    return f(n + 1)\nf(0)\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err), "RecursionError"));
    session_delete(s);
}
END_TEST

START_TEST(test_infinite_loop_is_stopped)
{
    Session *s = session_new(profile_find("3.12"), false);
    s->vm->budget = 100000;
    if (session_load(s, "t.py", "while True:\n    pass\n"))
        session_run(s);
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err), "ran for too long"));
    session_delete(s);
}
END_TEST

START_TEST(test_huge_allocation_is_memoryerror)
{
    Session *s = run("3.12", "x = [0] * 10**10\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err), "\nMemoryError\n"));
    ck_assert_ptr_null(session_heap_error(s));
    session_delete(s);
}
END_TEST

START_TEST(test_unsupported_feature_names_line)
{
    Session *s = run("3.12", "print('before')\nwith open('f') as f:\n    pass\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_str_eq(strbuf_cstr(&s->heap->out), "before\n");
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err),
        "NotImplementedError: heapscope: the 'with' statement is not supported (line 2)"));
    ck_assert_ptr_null(session_heap_error(s));
    session_delete(s);
}
END_TEST

START_TEST(test_syntax_error_per_version)
{
    Session *s = run("3.8", "x = (1,\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err),
                                 "SyntaxError: unexpected EOF while parsing"));
    session_delete(s);
    s = run("3.12", "x = (1,\n");
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err),
                                 "SyntaxError: '(' was never closed"));
    session_delete(s);
}
END_TEST

START_TEST(test_sandbox_has_no_host_access)
{
    Session *s = run("3.12", "open('/etc/passwd')\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err), "sandbox"));
    session_delete(s);
    s = run("3.12", "import os\n");
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err), "ModuleNotFoundError"));
    session_delete(s);
}
END_TEST

START_TEST(test_repr_recursion_is_bounded)
{
    Session *s = run("3.12", "class A:\n    def __repr__(self):\n        return repr(self)\n"
                             "repr(A())\n");
    ck_assert_int_eq(session_exit_status(s), 1);
    ck_assert_ptr_nonnull(strstr(strbuf_cstr(&s->heap->err), "RecursionError"));
    ck_assert_ptr_null(session_heap_error(s));
    session_delete(s);
}
END_TEST

Suite *suite_heap(void)
{
    Suite *s = suite_create("heap");
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_fresh_heap_is_valid);
    tcase_add_test(core, test_list_refcount_and_free);
    tcase_add_test(core, test_getrefcount_global);
    tcase_add_test(core, test_argument_refcounts_by_version);
    tcase_add_test(core, test_del_order_list_reverse);
    suite_add_tcase(s, core);
    TCase *limits = tcase_create("Limits");
    tcase_set_timeout(limits, 30);
    tcase_add_test(limits, test_uncaught_exception_status);
    tcase_add_test(limits, test_runaway_recursion);
    tcase_add_test(limits, test_infinite_loop_is_stopped);
    tcase_add_test(limits, test_huge_allocation_is_memoryerror);
    tcase_add_test(limits, test_unsupported_feature_names_line);
    tcase_add_test(limits, test_syntax_error_per_version);
    tcase_add_test(limits, test_sandbox_has_no_host_access);
    tcase_add_test(limits, test_repr_recursion_is_bounded);
    suite_add_tcase(s, limits);
    return s;
}
