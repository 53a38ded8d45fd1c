/* Tests of the interactive prompt (session_input, session_input_status,
 * the transcript).  What the real REPL prints is pinned by the
 * differential files in tests/repl; these pin what only heapscope can do:
 * typing into an empty session, into a script paused inside a function
 * (which then goes on), after the script failed, the instruction budget
 * of a typed infinite loop, codeop's verdicts, the transcript and its
 * copy in session_clone.  The heap is validated after every input. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "session/session.h"
#include "sim/profile.h"

/* A session for VERSION that validates its heap. */
static Session *new_session(const char *version)
{
    Session *s = session_new(profile_find(version), true);
    s->keep_end_state = true;
    return s;
}

/* The heap's stdout, then emptied. */
static char *take_out(Session *s)
{
    char *r = strdup(s->heap->out.len ? s->heap->out.data : "");
    strbuf_reset(&s->heap->out);
    return r;
}

/* The heap's stderr, then emptied. */
static char *take_err(Session *s)
{
    char *r = strdup(s->heap->err.len ? s->heap->err.data : "");
    strbuf_reset(&s->heap->err);
    return r;
}

/* Assert that stdout (or stderr when ERR) is now WANT, and empty it. */
static void expect_stream(Session *s, bool err, const char *want)
{
    char *got = err ? take_err(s) : take_out(s);
    ck_assert_str_eq(got, want);
    free(got);
}

/* Assert that the heap is still consistent. */
static void expect_valid(Session *s)
{
    ck_assert_msg(session_heap_error(s) == NULL, "%s", session_heap_error(s));
}

typedef struct StatusCase {
    const char *text;
    SessionInputStatus want;
} StatusCase;

/* codeop.compile_command's verdicts, the same on 3.8, 3.11, 3.12, 3.13. */
static const StatusCase status_cases[] = {
    {"x = 1", SESSION_INPUT_COMPLETE},
    {"", SESSION_INPUT_COMPLETE},
    {"# comment", SESSION_INPUT_COMPLETE},
    {"x =", SESSION_INPUT_INVALID},
    {"1 +", SESSION_INPUT_INVALID},
    {"(1,", SESSION_INPUT_INCOMPLETE},
    {"[1,\n2]", SESSION_INPUT_COMPLETE},
    {"x = \\", SESSION_INPUT_INCOMPLETE},
    {"if x:", SESSION_INPUT_INCOMPLETE},
    {"if x:\n    pass", SESSION_INPUT_INCOMPLETE},
    {"if x:\n    pass\n", SESSION_INPUT_COMPLETE},
    {"if x:\n    # note", SESSION_INPUT_INCOMPLETE},
    {"if 1: print(1)", SESSION_INPUT_INCOMPLETE},
    {"def f():\n    return 1\n", SESSION_INPUT_COMPLETE},
    {"def f():\n    return 1\nf()", SESSION_INPUT_INVALID},
    {"s = '''abc", SESSION_INPUT_INCOMPLETE},
    {"s = 'abc", SESSION_INPUT_INVALID},
    {"x = 1\ny = 2", SESSION_INPUT_INVALID},
    {"try:\n    pass\n", SESSION_INPUT_INCOMPLETE},
    {"if x:\n    pass\nelse:", SESSION_INPUT_INCOMPLETE},
    {"@dec", SESSION_INPUT_INCOMPLETE},
    {"return 1", SESSION_INPUT_INVALID},
    {"if x:\n    return 1", SESSION_INPUT_INVALID},
    {"while 1:\n    break", SESSION_INPUT_INCOMPLETE},
    {"a, b = \\\n", SESSION_INPUT_INVALID},
    {"if x:\npass", SESSION_INPUT_INVALID},
    {"  x = 1", SESSION_INPUT_INVALID},
};

/* session_input_status follows codeop on every profile. */
START_TEST(test_status)
{
    static const char *const versions[] = {"3.8", "3.11", "3.12", "3.13"};
    Session *s = new_session(versions[_i]);
    for (size_t k = 0; k < sizeof status_cases / sizeof status_cases[0]; k++)
        ck_assert_msg(session_input_status(s, status_cases[k].text) == status_cases[k].want,
                      "%s: %s", versions[_i], status_cases[k].text);
    session_delete(s);
}
END_TEST

/* An empty session has a __main__ to type into; `_` and the transcript. */
START_TEST(test_empty_session)
{
    Session *s = new_session("3.12");
    ck_assert(session_input(s, "x = 6 * 7"));
    ck_assert(session_input(s, "x"));
    ck_assert(session_input(s, "_ + 1"));
    ck_assert(session_input(s, "None"));
    ck_assert(session_input(s, "def f(a):\n    return a * 2\n"));
    ck_assert(session_input(s, "f(_)"));
    ck_assert(session_input(s, ""));
    expect_stream(s, false, "42\n43\n86\n");
    ck_assert_uint_eq(session_transcript_count(s), 10);
    const TranscriptEntry *e = session_transcript_entry(s, 5);
    ck_assert_int_eq(e->kind, TRANSCRIPT_INPUT);
    ck_assert_str_eq(e->text, ">>> None\n");
    e = session_transcript_entry(s, 6);
    ck_assert_str_eq(e->text, ">>> def f(a):\n...     return a * 2\n... \n");
    ck_assert_int_eq(e->input, 4);
    e = session_transcript_entry(s, 8);
    ck_assert_int_eq(e->kind, TRANSCRIPT_STDOUT);
    ck_assert_str_eq(e->text, "86\n");
    ck_assert_int_eq(e->input, 5);
    ck_assert_ptr_null(session_transcript_entry(s, 10));
    expect_valid(s);
    session_delete(s);
}
END_TEST

/* Errors print what the REPL prints and leave the session usable. */
START_TEST(test_errors)
{
    Session *s = new_session("3.12");
    ck_assert(!session_input(s, "1 +"));
    expect_stream(s, true, "  File \"<stdin>\", line 1\n    1 +\n       ^\nSyntaxError: invalid syntax\n");
    ck_assert(session_input(s, "def g():\n    return 1 / 0\n"));
    ck_assert(!session_input(s, "g()"));
    expect_stream(s, true, "Traceback (most recent call last):\n"
                           "  File \"<stdin>\", line 1, in <module>\n"
                           "  File \"<stdin>\", line 2, in g\n"
                           "ZeroDivisionError: division by zero\n");
    ck_assert(!session_input(s, "lenn"));
    expect_stream(s, true, "Traceback (most recent call last):\n"
                           "  File \"<stdin>\", line 1, in <module>\n"
                           "NameError: name 'lenn' is not defined. Did you mean: 'len'?\n");
    ck_assert(session_input(s, "'still' + ' fine'"));
    expect_stream(s, false, "'still fine'\n");
    ck_assert_int_eq(s->status, SESSION_READY);
    expect_valid(s);
    session_delete(s);
}
END_TEST

/* 3.13 keeps each input's text: its tracebacks show lines and carets. */
START_TEST(test_313_source_lines)
{
    Session *s = new_session("3.13");
    ck_assert(!session_input(s, "[1, 2][5]"));
    expect_stream(s, true, "Traceback (most recent call last):\n"
                           "  File \"<stdin>\", line 1, in <module>\n"
                           "    [1, 2][5]\n"
                           "    ~~~~~~^^^\n"
                           "IndexError: list index out of range\n");
    ck_assert(!session_input(s, "nonlocal q"));
    expect_stream(s, true, "  File \"<stdin>-1\", line 1\n"
                           "    nonlocal q\n"
                           "    ^^^^^^^^^^\n"
                           "SyntaxError: nonlocal declaration not allowed at module level\n");
    expect_valid(s);
    session_delete(s);
}
END_TEST

static const char paused_script[] =
    "def f(a):\n"
    "    b = a * 2\n"
    "    return b + 1\n"
    "r = f(10)\n"
    "print(r, typed)\n";

/* Typing while the script is paused inside f: the input runs in
 * __main__'s namespace on top of f's frame; the script then goes on and
 * sees what was typed. */
START_TEST(test_paused_in_function)
{
    Session *s = new_session("3.12");
    ck_assert(session_load(s, "/lessons/paused.py", paused_script));
    ck_assert(session_run_until(s, 3, 1));
    long long steps = session_step_count(s);
    ck_assert(session_input(s, "typed = 'yes'"));
    ck_assert(!session_input(s, "r"));           /* not bound yet */
    expect_stream(s, true, "Traceback (most recent call last):\n"
                           "  File \"<stdin>\", line 1, in <module>\n"
                           "NameError: name 'r' is not defined\n");
    ck_assert(session_input(s, "f(1)"));
    expect_stream(s, false, "3\n");
    ck_assert(!session_input(s, "f(None)"));
    expect_stream(s, true, "Traceback (most recent call last):\n"
                           "  File \"<stdin>\", line 1, in <module>\n"
                           "  File \"/lessons/paused.py\", line 2, in f\n"
                           "    b = a * 2\n"
                           "        ~~^~~\n"
                           "TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'\n");
    ck_assert_int_eq(s->status, SESSION_READY);
    ck_assert_int_eq(session_line(s), 3);
    ck_assert_int_eq(session_step_count(s), steps);
    session_run(s);
    ck_assert_int_eq(s->status, SESSION_FINISHED);
    expect_stream(s, false, "21 yes\n");
    expect_valid(s);
    session_finalize(s);
    expect_valid(s);
    session_delete(s);
}
END_TEST

/* After the script failed (its end state kept), inputs still run and the
 * script's exit status stays 1. */
START_TEST(test_after_failed_script)
{
    Session *s = new_session("3.8");
    ck_assert(session_load(s, "fails.py", "x = [1, 2]\nx[9]\n"));
    session_run(s);
    ck_assert_int_eq(s->status, SESSION_ERROR);
    free(take_err(s));
    ck_assert(session_input(s, "x"));
    expect_stream(s, false, "[1, 2]\n");
    ck_assert(!session_input(s, "x[9]"));
    ck_assert_int_eq(s->status, SESSION_ERROR);
    ck_assert_int_eq(session_exit_status(s), 1);
    expect_valid(s);
    session_delete(s);
}
END_TEST

/* A typed infinite loop stops at the budget, even if it catches the
 * error, and the prompt goes on. */
START_TEST(test_budget)
{
    Session *s = new_session("3.11");
    s->input_budget = 200000;
    ck_assert(session_input(s, "n = 0"));
    ck_assert(!session_input(s, "while True:\n    try:\n        n += 1\n    except:\n        pass\n"));
    char *err = take_err(s);
    ck_assert_ptr_nonnull(strstr(err, "RuntimeError: heapscope: the input ran for too long"));
    free(err);
    ck_assert(session_input(s, "n > 1000"));
    expect_stream(s, false, "True\n");
    expect_valid(s);
    session_delete(s);
}
END_TEST

/* A clone has its own copy of the transcript and of sys.last_*'s frames. */
START_TEST(test_clone)
{
    Session *s = new_session("3.12");
    ck_assert(session_input(s, "class A:\n    def __del__(self):\n        print('del A')\n"));
    ck_assert(session_input(s, "def f():\n    a = A()\n    1 / 0\n"));
    ck_assert(!session_input(s, "f()"));
    size_t n = session_transcript_count(s);
    Session *c = session_clone(s);
    session_delete(s);
    ck_assert_uint_eq(session_transcript_count(c), n);
    free(take_err(c));
    free(take_out(c));
    ck_assert(!session_input(c, "1 / 0"));   /* the old traceback's frame goes */
    expect_stream(c, false, "del A\n");
    expect_valid(c);
    session_delete(c);
}
END_TEST

/* The interactive prompt's suite. */
Suite *suite_repl(void)
{
    Suite *s = suite_create("repl");
    TCase *tc = tcase_create("Core");
    tcase_add_loop_test(tc, test_status, 0, 4);
    tcase_add_test(tc, test_empty_session);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_313_source_lines);
    tcase_add_test(tc, test_paused_in_function);
    tcase_add_test(tc, test_after_failed_script);
    tcase_add_test(tc, test_budget);
    tcase_add_test(tc, test_clone);
    suite_add_tcase(s, tc);
    return s;
}
