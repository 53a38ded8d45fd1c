/* Tests of the Console pane's prompt (src/tui/console.c) without a
 * terminal: the editing keys (under libedit on its private pty, and under
 * the built-in fallback editor), history browsing and the history file,
 * continuation lines through a fake status hook, completion through a fake
 * hook, drawing into a Canvas, and the scenario that :w writes. */
#include <check.h>
#include <ctype.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_suites.h"
#include "tui/console.h"
#include "util/xalloc.h"

#define CTRL(c) ((c) - '@')

static char tmpdir[64];

/* Make a fresh directory for the test's files. */
static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/hs-console-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* nftw callback: remove one file or (emptied) directory. */
static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Remove the test's directory, if it made one. */
static void remove_tmpdir(void)
{
    if (tmpdir[0])
        nftw(tmpdir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
    tmpdir[0] = '\0';
}

/* TMPDIR/NAME in BUF. */
static const char *tmp_path(char *buf, size_t n, const char *name)
{
    snprintf(buf, n, "%s/%s", tmpdir, name);
    return buf;
}

/* Choose the editor: the built-in one when BUILTIN, else libedit. */
static void choose_editor(int builtin)
{
    if (builtin)
        setenv("HEAPSCOPE_LINE_EDITOR", "builtin", 1);
    else
        unsetenv("HEAPSCOPE_LINE_EDITOR");
}

/* A console with HOOKS, its editor as chosen, checked to be that editor. */
static Console *new_console(const ConsoleHooks *hooks, const char *history, int builtin)
{
    choose_editor(builtin);
    Console *c = console_new(hooks, history);
    ck_assert_ptr_nonnull(c);
    ck_assert_msg(console_uses_libedit(c) == !builtin,
                  builtin ? "the built-in editor was not used"
                          : "libedit does not edit (no pseudo-terminal?)");
    return c;
}

/* Type UTF-8 TEXT key by key ("\n" is Enter); the last key's result. */
static int type(Console *c, const char *text)
{
    int r = CONSOLE_KEY_IGNORED;
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        int len = *s < 0x80 ? 1 : *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
        int cp = len == 1 ? *s : *s & (0x7f >> len);
        for (int i = 1; i < len; i++)
            cp = cp << 6 | (s[i] & 0x3f);
        r = console_key(c, cp == '\n' ? TK_ENTER : cp);
        s += len;
    }
    return r;
}

/* Check that the line is EXPECT with the cursor at byte CURSOR. */
#define ck_line(c, expect, cursor) do { \
        size_t at_; \
        const char *line_ = console_line((c), &at_); \
        ck_assert_str_eq(line_, (expect)); \
        ck_assert_uint_eq(at_, (cursor)); \
    } while (0)

/* Incomplete while the first line ends in ':' and no empty line ended the
 * block; invalid when the text holds a '$'. */
static ConsoleInputStatus fake_status(void *arg, const char *text)
{
    (void)arg;
    if (strchr(text, '$'))
        return CONSOLE_INVALID;
    size_t first = strcspn(text, "\n"), n = strlen(text);
    bool block = first > 0 && text[first - 1] == ':';
    return block && text[n - 1] != '\n' ? CONSOLE_INCOMPLETE : CONSOLE_COMPLETE;
}

/* Every global name, or every list attribute after a '.' (one twice),
 * unfiltered: the console keeps those that fit. */
static size_t fake_complete(void *arg, const char *line, size_t cursor, char ***out)
{
    static const char *const names[] = {"print", "property", "pow", "x", "xs", NULL};
    static const char *const attrs[] = {"append", "clear", "copy", "count", "copy", NULL};
    ++*(int *)arg;
    size_t start = cursor;
    while (start > 0 && (isalnum((unsigned char)line[start - 1]) || line[start - 1] == '_'))
        start--;
    const char *const *words = start > 0 && line[start - 1] == '.' ? attrs : names;
    size_t n = 0;
    while (words[n])
        n++;
    *out = xmalloc(n * sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = xstrdup(words[i]);
    return n;
}

/* The editing keys: motion, deletion, kills, non-ASCII text. */
START_TEST(test_edit_keys)
{
    Console *c = new_console(NULL, NULL, _i);
    type(c, "abc");
    ck_line(c, "abc", 3);
    ck_assert_int_eq(console_key(c, TK_LEFT), CONSOLE_KEY_HANDLED);
    type(c, "X");
    ck_line(c, "abXc", 3);
    console_key(c, CTRL('A'));
    ck_line(c, "abXc", 0);
    console_key(c, CTRL('E'));
    ck_line(c, "abXc", 4);
    console_key(c, CTRL('B'));
    console_key(c, CTRL('B'));
    console_key(c, CTRL('F'));
    ck_line(c, "abXc", 3);
    console_key(c, TK_HOME);
    console_key(c, CTRL('D'));
    ck_line(c, "bXc", 0);
    console_key(c, TK_RIGHT);
    console_key(c, TK_DC);
    ck_line(c, "bc", 1);
    console_key(c, TK_END);
    console_key(c, TK_BACKSPACE);
    ck_line(c, "b", 1);
    type(c, " foo bar");
    console_key(c, CTRL('W'));
    ck_line(c, "b foo ", 6);
    console_key(c, CTRL('U'));
    ck_line(c, "", 0);
    type(c, "hello world");
    console_key(c, CTRL('A'));
    for (int i = 0; i < 5; i++)
        console_key(c, CTRL('F'));
    console_key(c, CTRL('K'));
    ck_line(c, "hello", 5);
    console_key(c, CTRL('B'));
    console_key(c, CTRL('U'));
    ck_line(c, "o", 0);
    console_key(c, TK_END);
    type(c, "é中\xe2\x82\xac");
    ck_line(c, "oé中€", 9);
    console_key(c, TK_LEFT);
    console_key(c, 0x7f);
    ck_line(c, "oé€", 3);
    console_free(c);
}
END_TEST

/* Keys that are not the console's go back to the caller; Ctrl-D on an
 * empty line is end of input, on a non-empty one a deletion. */
START_TEST(test_other_keys)
{
    Console *c = new_console(NULL, NULL, _i);
    ck_assert_int_eq(console_key(c, TK_PGUP), CONSOLE_KEY_IGNORED);
    ck_assert_int_eq(console_key(c, TK_ESC), CONSOLE_KEY_IGNORED);
    ck_assert_int_eq(console_key(c, 27), CONSOLE_KEY_IGNORED);
    ck_assert_int_eq(console_key(c, TK_RESIZE), CONSOLE_KEY_IGNORED);
    ck_assert_int_eq(console_key(c, TK_NONE), CONSOLE_KEY_IGNORED);
    ck_assert_int_eq(console_key(c, -1), CONSOLE_KEY_IGNORED);
    ck_assert_int_eq(console_key(c, CTRL('D')), CONSOLE_KEY_EOF);
    type(c, "ab");
    console_key(c, TK_HOME);
    ck_assert_int_eq(console_key(c, CTRL('D')), CONSOLE_KEY_HANDLED);
    ck_line(c, "b", 0);
    ck_assert_int_eq(console_key(c, CTRL('C')), CONSOLE_KEY_INTERRUPT);
    ck_line(c, "", 0);
    console_free(c);
}
END_TEST

/* Meta keys reach libedit's emacs bindings (Alt-b: back a word). */
START_TEST(test_meta_keys)
{
    Console *c = new_console(NULL, NULL, 0);
    type(c, "foo bar");
    ck_assert_int_eq(console_key(c, CONSOLE_META('b')), CONSOLE_KEY_HANDLED);
    ck_line(c, "foo bar", 4);
    console_key(c, CONSOLE_META('b'));
    console_key(c, CONSOLE_META('d'));
    ck_line(c, " bar", 0);
    console_free(c);
}
END_TEST

/* Up and Down walk the history, newest first; the line being typed comes
 * back below the newest entry; blank lines and repeats are not kept. */
START_TEST(test_history_browse)
{
    Console *c = new_console(NULL, NULL, _i);
    ck_assert_int_eq(type(c, "a = 1\n"), CONSOLE_KEY_SUBMIT);
    free(console_take(c));
    type(c, "b = 2\n\nb = 2\n   \n");
    type(c, "c");
    console_key(c, TK_UP);
    ck_line(c, "b = 2", 5);
    console_key(c, TK_UP);
    ck_line(c, "a = 1", 5);
    console_key(c, TK_UP);
    ck_line(c, "a = 1", 5);
    console_key(c, TK_DOWN);
    ck_line(c, "b = 2", 5);
    console_key(c, CTRL('N'));
    ck_line(c, "c", 1);
    console_key(c, CTRL('P'));
    console_key(c, CTRL('A'));
    type(c, "x");
    ck_assert_int_eq(type(c, "\n"), CONSOLE_KEY_SUBMIT);
    char *in = console_take(c);
    ck_assert_str_eq(in, "xb = 2");
    free(in);
    console_key(c, TK_UP);
    ck_line(c, "xb = 2", 6);
    console_free(c);
}
END_TEST

/* The history is saved after each line and loaded by the next console. */
START_TEST(test_history_file)
{
    char path[128];
    make_tmpdir();
    tmp_path(path, sizeof path, "history");
    Console *c = new_console(NULL, path, _i);
    type(c, "first = 'é'\nsecond = 2\n");
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char head[32];
    ck_assert_ptr_nonnull(fgets(head, sizeof head, f));
    ck_assert_str_eq(head, "_HiStOrY_V2_\n");
    fclose(f);
    console_free(c);
    c = new_console(NULL, path, _i);
    console_key(c, TK_UP);
    ck_line(c, "second = 2", 10);
    console_key(c, TK_UP);
    ck_line(c, "first = 'é'", 12);
    console_free(c);
}
END_TEST

/* The history keeps the newest 1000 lines. */
START_TEST(test_history_bounded)
{
    char path[128], line[32];
    make_tmpdir();
    tmp_path(path, sizeof path, "history");
    Console *c = new_console(NULL, path, 0);
    for (int i = 0; i < 1005; i++) {
        snprintf(line, sizeof line, "x%d\n", i);
        type(c, line);
    }
    console_free(c);
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    int lines = 0, ch;
    while ((ch = getc(f)) != EOF)
        lines += ch == '\n';
    fclose(f);
    ck_assert_int_eq(lines, 1 + 1000);
    c = new_console(NULL, path, 1);
    for (int i = 0; i < 1010; i++)
        console_key(c, TK_UP);
    ck_line(c, "x5", 2);
    console_free(c);
}
END_TEST

/* A block asks for more lines until an empty line ends it; the input is
 * the lines joined with newlines; syntax errors are submitted too. */
START_TEST(test_continuation)
{
    ConsoleHooks hooks = {.status = fake_status};
    Console *c = new_console(&hooks, NULL, _i);
    ck_assert_int_eq(type(c, "if x:\n"), CONSOLE_KEY_HANDLED);
    ck_assert(console_continuing(c));
    ck_assert_ptr_null(console_take(c));
    ck_assert_int_eq(type(c, "    y = 1\n"), CONSOLE_KEY_HANDLED);
    ck_assert_int_eq(type(c, "\n"), CONSOLE_KEY_SUBMIT);
    ck_assert(!console_continuing(c));
    char *in = console_take(c);
    ck_assert_str_eq(in, "if x:\n    y = 1\n");
    free(in);
    ck_assert_ptr_null(console_take(c));
    ck_assert_int_eq(type(c, "a = $\n"), CONSOLE_KEY_SUBMIT);
    in = console_take(c);
    ck_assert_str_eq(in, "a = $");
    free(in);
    ck_assert_int_eq(type(c, "\n"), CONSOLE_KEY_HANDLED);
    ck_assert_ptr_null(console_take(c));
    ck_assert_int_eq(type(c, "for i in x:\n    pass"), CONSOLE_KEY_HANDLED);
    ck_assert_int_eq(console_key(c, CTRL('C')), CONSOLE_KEY_INTERRUPT);
    ck_assert(!console_continuing(c));
    ck_line(c, "", 0);
    console_free(c);
}
END_TEST

/* Tab completes a name or an attribute as far as the candidates agree and
 * lists them when several remain; on a blank line it indents. */
START_TEST(test_complete)
{
    int calls = 0;
    size_t n;
    ConsoleHooks hooks = {.complete = fake_complete, .arg = &calls};
    Console *c = new_console(&hooks, NULL, _i);
    console_key(c, '\t');
    ck_line(c, "    ", 4);
    ck_assert_int_eq(calls, 0);
    console_key(c, CTRL('U'));
    type(c, "pr");
    console_key(c, '\t');
    ck_assert_int_eq(calls, 1);
    ck_line(c, "pr", 2);
    const char *const *cands = console_candidates(c, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(cands[0], "print");
    ck_assert_str_eq(cands[1], "property");
    type(c, "i");
    console_candidates(c, &n);
    ck_assert_uint_eq(n, 0);
    type(c, "(1)");
    for (int i = 0; i < 3; i++)
        console_key(c, TK_LEFT);
    console_key(c, '\t');
    ck_line(c, "print(1)", 5);
    console_candidates(c, &n);
    ck_assert_uint_eq(n, 0);
    console_key(c, TK_END);
    type(c, "; xs.co");
    console_key(c, '\t');
    ck_line(c, "print(1); xs.co", 15);
    cands = console_candidates(c, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(cands[0], "copy");
    ck_assert_str_eq(cands[1], "count");
    type(c, "p\t");
    ck_line(c, "print(1); xs.copy", 17);
    type(c, "; xs.a\t");
    ck_line(c, "print(1); xs.copy; xs.append", 28);
    type(c, "; zz\t");
    ck_line(c, "print(1); xs.copy; xs.append; zz", 32);
    console_candidates(c, &n);
    ck_assert_uint_eq(n, 0);
    console_free(c);
}
END_TEST

/* Canvas text of CV, row Y (trailing blanks trimmed). */
static char *canvas_row(const Canvas *cv, int y)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    canvas_write_text(cv, f);
    fclose(f);
    char *row = buf;
    for (int i = 0; i < y && row; i++) {
        row = strchr(row, '\n');
        row = row ? row + 1 : NULL;
    }
    ck_assert_ptr_nonnull(row);
    char *out = xstrndup(row, strcspn(row, "\n"));
    free(buf);
    return out;
}

/* Check that row Y of CV reads EXPECT. */
static void ck_row(const Canvas *cv, int y, const char *expect)
{
    char *row = canvas_row(cv, y);
    ck_assert_str_eq(row, expect);
    free(row);
}

/* The prompt lines sit at the bottom of the rectangle, the cursor's cell
 * highlighted; a long line scrolls to keep the cursor in view. */
START_TEST(test_draw)
{
    ConsoleHooks hooks = {.status = fake_status};
    Console *c = new_console(&hooks, NULL, _i);
    Canvas cv;
    canvas_init(&cv, 20, 5, false);
    ck_assert_int_eq(console_draw(c, &cv, (Rect){1, 0, 18, 4}), 1);
    ck_row(&cv, 3, " >>>");
    ck_assert_int_eq(cv.cells[3 * 20 + 5].style, ST_CURRENT);
    type(c, "if x:\n  y = 1");
    console_key(c, TK_LEFT);
    canvas_free(&cv);
    canvas_init(&cv, 20, 5, false);
    ck_assert_int_eq(console_draw(c, &cv, (Rect){1, 0, 18, 4}), 2);
    ck_row(&cv, 2, " >>> if x:");
    ck_row(&cv, 3, " ...   y = 1");
    ck_assert_int_eq(cv.cells[3 * 20 + 11].style, ST_CURRENT);
    ck_assert_int_eq(cv.cells[3 * 20 + 11].ch, '1');
    ck_assert_int_eq(cv.cells[3 * 20 + 10].style, ST_NORMAL);
    console_key(c, TK_END);
    type(c, " + 2 + 3 + 4 + 5");
    canvas_free(&cv);
    canvas_init(&cv, 20, 5, true);
    ck_assert_int_eq(console_draw(c, &cv, (Rect){1, 0, 18, 1}), 1);
    ck_row(&cv, 0, " ...~ + 3 + 4 + 5");
    ck_assert_int_eq(cv.cells[17].style, ST_CURRENT);
    console_key(c, TK_HOME);
    console_draw(c, &cv, (Rect){1, 0, 18, 1});
    ck_row(&cv, 0, " ...   y = 1 + 2 +~");
    ck_assert_int_eq(cv.cells[5].style, ST_CURRENT);
    canvas_free(&cv);
    console_free(c);
}
END_TEST

/* Read file PATH into a string; caller frees. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    char *buf = xcalloc(1, 4096);
    size_t n = fread(buf, 1, 4095, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* :w FILE writes the complete inputs, blocks followed by an empty line;
 * it refuses to overwrite a file unless :w! is used, and says why. */
START_TEST(test_write)
{
    char path[128], msg[512];
    make_tmpdir();
    tmp_path(path, sizeof path, "typed.py");
    ConsoleHooks hooks = {.status = fake_status};
    Console *c = new_console(&hooks, NULL, 0);
    ck_assert_int_eq(type(c, "x = 1\nif x:\n    y = 1\n\nz = $\nprint(x)\n"), CONSOLE_KEY_SUBMIT);
    free(console_take(c));
    char *text = console_session_text(c);
    ck_assert_str_eq(text, "x = 1\nif x:\n    y = 1\n\nprint(x)\n");
    free(text);
    snprintf(msg, sizeof msg, ":w %s\n", path);
    ck_assert_int_eq(type(c, msg), CONSOLE_KEY_MESSAGE);
    snprintf(msg, sizeof msg, "wrote 3 inputs to %s", path);
    ck_assert_str_eq(console_message(c), msg);
    ck_assert_ptr_null(console_take(c));
    text = slurp(path);
    ck_assert_str_eq(text, "x = 1\nif x:\n    y = 1\n\nprint(x)\n");
    free(text);
    console_key(c, TK_UP);
    snprintf(msg, sizeof msg, ":w %s", path);
    ck_line(c, msg, strlen(msg));
    console_key(c, CTRL('U'));
    ck_assert_str_eq(console_message(c), "");
    console_forget_last(c);
    snprintf(msg, sizeof msg, ":w %s\n", path);
    type(c, msg);
    snprintf(msg, sizeof msg, "%s exists (:w! %s overwrites it)", path, path);
    ck_assert_str_eq(console_message(c), msg);
    snprintf(msg, sizeof msg, ":w! %s  \n", path);
    ck_assert_int_eq(type(c, msg), CONSOLE_KEY_MESSAGE);
    text = slurp(path);
    ck_assert_str_eq(text, "x = 1\nif x:\n    y = 1\n\n");
    free(text);
    ck_assert_int_eq(type(c, ":w\n"), CONSOLE_KEY_MESSAGE);
    ck_assert_str_eq(console_message(c), "no file name (:w FILE)");
    type(c, ":w /nonexistent-heapscope-dir/t.py\n");
    ck_assert_str_eq(console_message(c),
                     "cannot write /nonexistent-heapscope-dir/t.py: No such file or directory");
    setenv("HOME", tmpdir, 1);
    type(c, ":w ~/home.py\n");
    text = slurp(tmp_path(path, sizeof path, "home.py"));
    ck_assert_str_eq(text, "x = 1\nif x:\n    y = 1\n\n");
    free(text);
    ck_assert_int_eq(type(c, ":q\n"), CONSOLE_KEY_COMMAND);
    text = console_take(c);
    ck_assert_str_eq(text, ":q");
    free(text);
    console_free(c);
}
END_TEST

/* The history goes to $XDG_STATE_HOME/heapscope, else to
 * ~/.local/state/heapscope, the directories created. */
START_TEST(test_history_path)
{
    char want[256];
    struct stat st;
    make_tmpdir();
    snprintf(want, sizeof want, "%s/state", tmpdir);
    setenv("XDG_STATE_HOME", want, 1);
    char *p = console_history_path();
    snprintf(want, sizeof want, "%s/state/heapscope/history", tmpdir);
    ck_assert_str_eq(p, want);
    free(p);
    snprintf(want, sizeof want, "%s/state/heapscope", tmpdir);
    ck_assert(stat(want, &st) == 0 && S_ISDIR(st.st_mode));
    setenv("XDG_STATE_HOME", "relative/ignored", 1);
    setenv("HOME", tmpdir, 1);
    p = console_history_path();
    snprintf(want, sizeof want, "%s/.local/state/heapscope/history", tmpdir);
    ck_assert_str_eq(p, want);
    free(p);
    snprintf(want, sizeof want, "%s/.local/state/heapscope", tmpdir);
    ck_assert(stat(want, &st) == 0 && S_ISDIR(st.st_mode));
    unsetenv("XDG_STATE_HOME");
    unsetenv("HOME");
    ck_assert_ptr_null(console_history_path());
}
END_TEST

/* The console suite: editing, input (history, continuation, :w), limits. */
Suite *suite_console(void)
{
    Suite *s = suite_create("console");
    TCase *edit = tcase_create("Editing");   /* loop 0: libedit, 1: built-in */
    tcase_add_loop_test(edit, test_edit_keys, 0, 2);
    tcase_add_loop_test(edit, test_other_keys, 0, 2);
    tcase_add_test(edit, test_meta_keys);
    tcase_add_loop_test(edit, test_complete, 0, 2);
    tcase_add_loop_test(edit, test_draw, 0, 2);
    suite_add_tcase(s, edit);
    TCase *input = tcase_create("Input");
    tcase_add_checked_fixture(input, NULL, remove_tmpdir);
    tcase_add_loop_test(input, test_history_browse, 0, 2);
    tcase_add_loop_test(input, test_history_file, 0, 2);
    tcase_add_loop_test(input, test_continuation, 0, 2);
    tcase_add_test(input, test_write);
    tcase_add_test(input, test_history_path);
    suite_add_tcase(s, input);
    TCase *limits = tcase_create("Limits");  /* a thousand history saves */
    tcase_add_checked_fixture(limits, NULL, remove_tmpdir);
    tcase_set_timeout(limits, 60);
    tcase_add_test(limits, test_history_bounded);
    suite_add_tcase(s, limits);
    return s;
}
