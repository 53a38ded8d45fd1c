/* The Console pane's prompt (see console.h).
 *
 * Design: libedit edits the line, for real, without owning the terminal.
 * curses owns the screen and reads the keys; each key it hands us is put
 * in a small queue that libedit reads through its EL_GETCFN hook, and with
 * EL_UNBUFFERED set el_wgets() returns after every editing command, so
 * the viewer never blocks in libedit and keeps drawing every pane.  We
 * read the line and the cursor back with el_wline() and draw them in the
 * pane ourselves.  Function keys become the ANSI sequences libedit binds
 * (TK_LEFT is ESC [ D, ...).
 *
 * libedit edits only on a terminal: it checks isatty() and switches the
 * terminal to its own raw mode with tcsetattr(), which would fight with
 * curses.  So it gets a terminal of its own: a private pseudo-terminal
 * that nobody reads, while everything libedit prints (its redisplay, the
 * bell) goes to /dev/null.  The user's terminal is never touched.  Where
 * no pseudo-terminal can be opened (or HEAPSCOPE_LINE_EDITOR=builtin), a
 * minimal built-in editor works on libedit's line buffer instead
 * (el_winsertstr and friends), with the same keys and history.
 *
 * Enter never reaches libedit.  We take the line, add it to the history
 * (one entry per physical line, as CPython's REPL does with readline,
 * saved to the file after each line), and ask the status hook whether the
 * lines so far make a complete input, as codeop.compile_command does for
 * the real REPL: incomplete ones wait for more lines behind "... ".  A
 * complete input is handed to the caller (console_take) and recorded in
 * the session that `:w FILE` writes as a scenario. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600 /* posix_openpt, grantpt, unlockpt, ptsname */
#endif
#include "tui/console.h"

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

enum { HISTORY_SIZE = 1000, QUEUE_SIZE = 8, INDENT = 4 };

/* A growable list of malloc'd strings. */
typedef struct StrList {
    char **v;
    size_t n, cap;
} StrList;

struct Console {
    ConsoleHooks hooks;
    EditLine *el;
    HistoryW *hist;
    char *history_path;
    locale_t utf8;              /* the history file's encoding, or 0 */
    FILE *null;                 /* where libedit's output goes */
    int ptm, pts;               /* libedit's private pseudo-terminal, or -1 */
    bool libedit;               /* false: the built-in editor */
    wchar_t queue[QUEUE_SIZE];  /* the key being fed to libedit's read hook */
    size_t qhead, qlen;
    int prefix;                 /* ^V or ^X, held until the next key */
    int hist_pos;               /* built-in editor: history entry shown (0: the new line) */
    wchar_t *hist_saved;        /* ... and the new line while browsing */
    StrList pending;            /* the lines of an incomplete input */
    char *taken;                /* what console_take hands out */
    StrList inputs;             /* the session: every complete input, in order */
    StrList cands;              /* the last ambiguous completion */
    StrBuf line;                /* console_line's buffer */
    char message[320];
};

static void *terminal_save(void);
static void terminal_restore(void *term);

/* ---- small helpers ---- */

/* Append S (taken over) to L. */
static void strlist_push(StrList *l, char *s)
{
    XGROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = s;
}

/* Free L's strings and empty it. */
static void strlist_clear(StrList *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    l->n = 0;
}

/* Free L entirely. */
static void strlist_free(StrList *l)
{
    strlist_clear(l);
    free(l->v);
    l->v = NULL;
    l->cap = 0;
}

/* L's strings joined with SEP; caller frees. */
static char *strlist_join(const StrList *l, const char *sep)
{
    StrBuf b = {0};
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            strbuf_puts(&b, sep);
        strbuf_puts(&b, l->v[i]);
    }
    return strbuf_steal(&b);
}

/* Append code point C to B as UTF-8. */
static void utf8_put(StrBuf *b, uint32_t c)
{
    char s[4];
    size_t n = 0;
    if (c < 0x80) {
        s[n++] = (char)c;
    } else if (c < 0x800) {
        s[n++] = (char)(0xc0 | c >> 6);
        s[n++] = (char)(0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
        s[n++] = (char)(0xe0 | c >> 12);
        s[n++] = (char)(0x80 | (c >> 6 & 0x3f));
        s[n++] = (char)(0x80 | (c & 0x3f));
    } else {
        s[n++] = (char)(0xf0 | c >> 18);
        s[n++] = (char)(0x80 | (c >> 12 & 0x3f));
        s[n++] = (char)(0x80 | (c >> 6 & 0x3f));
        s[n++] = (char)(0x80 | (c & 0x3f));
    }
    strbuf_append(b, s, n);
}

/* Bytes of the UTF-8 sequence that starts with byte C (1 when invalid). */
static size_t utf8_len(unsigned char c)
{
    return c >= 0xf0 && c < 0xf8 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* UTF-8 S as a wide string (invalid bytes become U+FFFD); caller frees. */
static wchar_t *utf8_to_wide(const char *s)
{
    size_t n = strlen(s), k = 0;
    wchar_t *w = xmalloc((n + 1) * sizeof *w);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len = utf8_len(p[i]);
        uint32_t c = len == 1 ? p[i] : p[i] & (0x7f >> len);
        bool ok = (len > 1 || p[i] < 0x80) && i + len <= n;
        for (size_t j = 1; ok && j < len; j++) {
            ok = (p[i + j] & 0xc0) == 0x80;
            c = c << 6 | (p[i + j] & 0x3f);
        }
        w[k++] = ok ? (wchar_t)c : (wchar_t)0xfffd;
        i += ok ? len : 1;
    }
    w[k] = 0;
    return w;
}

/* True when the N bytes of S are all blanks. */
static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f')
            return false;
    return true;
}

/* ---- the line ---- */

/* The line being edited as wide characters: its length and cursor. */
static const wchar_t *line_wide(Console *c, size_t *len, size_t *cursor)
{
    const LineInfoW *li = el_wline(c->el);
    *len = (size_t)(li->lastchar - li->buffer);
    *cursor = (size_t)(li->cursor - li->buffer);
    return li->buffer;
}

/* The line being edited (UTF-8) and the cursor's byte offset in it. */
const char *console_line(Console *c, size_t *cursor)
{
    size_t n, cur;
    const wchar_t *w = line_wide(c, &n, &cur);
    strbuf_reset(&c->line);
    for (size_t i = 0; i < n; i++) {
        if (i == cur && cursor)
            *cursor = c->line.len;
        utf8_put(&c->line, (uint32_t)w[i]);
    }
    if (cur >= n && cursor)
        *cursor = c->line.len;
    return strbuf_cstr(&c->line);
}

/* Replace the whole line with W, the cursor at its end. */
static void line_set(Console *c, const wchar_t *w)
{
    size_t n, cur;
    line_wide(c, &n, &cur);
    el_cursor(c->el, (int)(n - cur));
    if (n)
        el_wdeletestr(c->el, (int)n);
    if (w && *w)
        el_winsertstr(c->el, w);
}

/* Start a fresh line: empty, history browsing back at the newest entry. */
static void line_reset(Console *c)
{
    if (c->libedit)
        el_reset(c->el);
    else
        line_set(c, NULL);
    c->hist_pos = 0;
    free(c->hist_saved);
    c->hist_saved = NULL;
    c->prefix = 0;
}

/* ---- history ---- */

/* Load or save (OP) the history file, in UTF-8 whatever the locale:
 * libedit encodes its lines with the C library's multibyte functions. */
static void history_file(Console *c, int op)
{
    HistEventW ev;
    locale_t old = c->utf8 ? uselocale(c->utf8) : (locale_t)0;
    history_w(c->hist, &ev, op, c->history_path);
    if (c->utf8)
        uselocale(old);
}

/* Add LINE (UTF-8) to the history and save the history file. */
static void history_add(Console *c, const char *line)
{
    if (is_blank(line, strlen(line)))
        return;
    HistEventW ev;
    wchar_t *w = utf8_to_wide(line);
    history_w(c->hist, &ev, H_ENTER, w);
    free(w);
    if (c->history_path)
        history_file(c, H_SAVE);
}

/* Create directory PATH and its parents (mode 0700); false on failure. */
static bool make_dirs(char *path)
{
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char save = *p;
        *p = '\0';
        int r = mkdir(path, 0700);
        *p = save;
        if (r != 0 && errno != EEXIST)
            return false;
        if (save == '\0')
            return true;
    }
}

/* Where the history lives, its directory created; caller frees. */
char *console_history_path(void)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    StrBuf b = {0};
    if (xdg && xdg[0] == '/')
        strbuf_printf(&b, "%s/heapscope", xdg);
    else if (home && home[0])
        strbuf_printf(&b, "%s/.local/state/heapscope", home);
    else
        return NULL;
    if (!make_dirs(b.data)) {
        strbuf_free(&b);
        return NULL;
    }
    strbuf_puts(&b, "/history");
    return strbuf_steal(&b);
}

/* ---- completion ---- */

/* Byte offset where the identifier ending at CUR in LINE starts. */
static size_t word_start(const char *line, size_t cur)
{
    while (cur > 0) {
        unsigned char ch = (unsigned char)line[cur - 1];
        if (!(ch >= 0x80 || ch == '_' || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')))
            break;
        cur--;
    }
    return cur;
}

/* qsort comparator for strings. */
static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keep in C->cands, sorted and unique, the N words of OUT (freed) that
 * start with the WLEN bytes of WORD. */
static void keep_candidates(Console *c, char **out, size_t n, const char *word, size_t wlen)
{
    strlist_clear(&c->cands);
    for (size_t i = 0; i < n; i++) {
        if (out[i] && !strncmp(out[i], word, wlen))
            strlist_push(&c->cands, out[i]);
        else
            free(out[i]);
    }
    free(out);
    if (c->cands.n)
        qsort(c->cands.v, c->cands.n, sizeof *c->cands.v, compare_str);
    size_t k = 0;
    for (size_t i = 0; i < c->cands.n; i++) {
        if (k && !strcmp(c->cands.v[k - 1], c->cands.v[i]))
            free(c->cands.v[i]);
        else
            c->cands.v[k++] = c->cands.v[i];
    }
    c->cands.n = k;
}

/* Bytes that every candidate shares, cut back to a character boundary. */
static size_t common_prefix(const StrList *l)
{
    size_t n = strlen(l->v[0]);
    for (size_t i = 1; i < l->n; i++) {
        size_t k = 0;
        while (k < n && l->v[i][k] == l->v[0][k])
            k++;
        n = k;
    }
    while (n > 0 && ((unsigned char)l->v[0][n] & 0xc0) == 0x80)
        n--;
    return n;
}

/* Insert the UTF-8 bytes S..S+N at the cursor. */
static void insert_utf8(Console *c, const char *s, size_t n)
{
    char *copy = xstrndup(s, n);
    wchar_t *w = utf8_to_wide(copy);
    if (*w)
        el_winsertstr(c->el, w);
    free(w);
    free(copy);
}

/* Tab: indent on a blank line, else complete the word before the cursor
 * as far as the candidates agree, keeping them when several remain. */
static void complete(Console *c)
{
    size_t cur;
    char *line = xstrdup(console_line(c, &cur));
    size_t start = word_start(line, cur);
    strlist_clear(&c->cands);
    if (is_blank(line, cur)) {
        el_winsertstr(c->el, L"    ");
    } else if (c->hooks.complete) {
        char **out = NULL;
        size_t n = c->hooks.complete(c->hooks.arg, line, cur, &out);
        keep_candidates(c, out, n, line + start, cur - start);
        size_t common = c->cands.n ? common_prefix(&c->cands) : 0;
        if (common > cur - start)
            insert_utf8(c, c->cands.v[0] + (cur - start), common - (cur - start));
        if (c->cands.n == 1)
            strlist_clear(&c->cands);
    }
    free(line);
}

/* libedit command bound to Tab. */
static unsigned char complete_cmd(EditLine *el, int ch)
{
    (void)ch;
    void *c = NULL;
    el_get(el, EL_CLIENTDATA, &c);
    complete(c);
    return CC_REFRESH;
}

/* ---- libedit ---- */

/* libedit's read hook: the next queued key, or 0 ("end of file") when
 * the queue is empty, which makes el_wgets return. */
static int read_key(EditLine *el, wchar_t *wc)
{
    void *p = NULL;
    el_get(el, EL_CLIENTDATA, &p);
    Console *c = p;
    if (c->qhead >= c->qlen)
        return 0;
    *wc = c->queue[c->qhead++];
    return 1;
}

/* Open a pseudo-terminal for libedit alone; false when there is none. */
static bool pty_open(Console *c)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0)
        return false;
    const char *name = grantpt(m) == 0 && unlockpt(m) == 0 ? ptsname(m) : NULL;
    int s = name ? open(name, O_RDWR | O_NOCTTY | O_CLOEXEC) : -1;
    if (s < 0 || !isatty(s)) {
        if (s >= 0)
            close(s);
        close(m);
        return false;
    }
    fcntl(m, F_SETFD, FD_CLOEXEC);
    fcntl(m, F_SETFL, O_NONBLOCK);
    c->ptm = m;
    c->pts = s;
    return true;
}

/* Discard whatever libedit may have written to its terminal, so that the
 * pty's buffer never fills up. */
static void pty_drain(Console *c)
{
    char buf[256];
    if (c->ptm >= 0)
        while (read(c->ptm, buf, sizeof buf) > 0)
            ;
}

/* Run libedit on the N characters of KEYS. */
static void editor_feed(Console *c, const wchar_t *keys, size_t n)
{
    memcpy(c->queue, keys, n * sizeof *keys);
    c->qhead = 0;
    c->qlen = n;
    for (int guard = 0; c->qhead < c->qlen && guard < QUEUE_SIZE * 2; guard++) {
        int got;
        el_wgets(c->el, &got);
    }
    c->qhead = c->qlen = 0;
    pty_drain(c);
}

/* Bind KEY to libedit command CMD. */
static void editor_bind(Console *c, const wchar_t *key, const wchar_t *cmd)
{
    el_wset(c->el, EL_BIND, key, cmd, NULL);
}

/* Emacs keys as in readline, and the sequences we feed for TK_* keys. */
static void editor_keys(Console *c)
{
    static const wchar_t *const binds[][2] = {
        {L"^I", L"heapscope-complete"}, {L"^U", L"vi-kill-line-prev"},
        {L"^W", L"ed-delete-prev-word"}, {L"^R", L"ed-search-prev-history"},
        {L"\033[A", L"ed-prev-history"}, {L"\033[B", L"ed-next-history"},
        {L"\033[C", L"ed-next-char"}, {L"\033[D", L"ed-prev-char"},
        {L"\033[H", L"ed-move-to-beg"}, {L"\033[F", L"ed-move-to-end"},
        {L"\033[3~", L"ed-delete-next-char"},
    };
    el_set(c->el, EL_EDITOR, "emacs");
    el_wset(c->el, EL_ADDFN, L"heapscope-complete", L"complete the name before the cursor",
            complete_cmd);
    for (size_t i = 0; i < sizeof binds / sizeof binds[0]; i++)
        editor_bind(c, binds[i][0], binds[i][1]);
    /* The emacs map reads Latin-1 letters as Meta keys: make them letters. */
    for (wchar_t ch = 0xa0; ch <= 0xff; ch++)
        editor_bind(c, (wchar_t[]){ch, 0}, L"ed-insert");
}

/* True when libedit really edits (left-arrow moves the cursor), not just
 * reads, as it does when it found no terminal. */
static bool editor_edits(Console *c)
{
    static const wchar_t probe[] = L"ab\033[D";
    editor_feed(c, probe, wcslen(probe));
    size_t n, cur;
    line_wide(c, &n, &cur);
    el_reset(c->el);
    return n == 2 && cur == 1;
}

/* Set up libedit on the private pty, or as a bare line buffer. */
static bool editor_open(Console *c)
{
    const char *mode = getenv("HEAPSCOPE_LINE_EDITOR");
    c->null = fopen("/dev/null", "r+");
    if (!c->null)
        return false;
    c->libedit = !(mode && !strcmp(mode, "builtin")) && pty_open(c);
    int fd = c->libedit ? c->pts : fileno(c->null);
    void *term = terminal_save();
    c->el = el_init_fd("heapscope", c->null, c->null, c->null, fd, fd, fd);
    terminal_restore(term);
    if (!c->el)
        return false;
    el_set(c->el, EL_CLIENTDATA, c);
    el_wset(c->el, EL_HIST, history_w, c->hist);
    if (c->libedit) {
        editor_keys(c);
        el_set(c->el, EL_GETCFN, read_key);
        el_set(c->el, EL_UNBUFFERED, 1);
        c->libedit = editor_edits(c);
    }
    pty_drain(c);
    return true;
}

/* ---- the built-in editor ---- */

/* Show history entry POS (1: the newest; 0: the line being typed). */
static void basic_history(Console *c, int pos)
{
    HistEventW ev;
    if (pos < 0 || (pos > 0 && history_w(c->hist, &ev, H_FIRST) != 0))
        return;
    for (int i = 1; i < pos; i++)
        if (history_w(c->hist, &ev, H_NEXT) != 0)
            return;
    if (c->hist_pos == 0) {
        size_t n, cur;
        const wchar_t *w = line_wide(c, &n, &cur);
        free(c->hist_saved);
        c->hist_saved = xmalloc((n + 1) * sizeof *w);
        wmemcpy(c->hist_saved, w, n);
        c->hist_saved[n] = 0;
    }
    line_set(c, pos ? ev.str : c->hist_saved);
    if (pos == 0) {
        free(c->hist_saved);
        c->hist_saved = NULL;
    }
    c->hist_pos = pos;
}

/* Delete the whitespace-delimited word before the cursor. */
static void basic_delete_word(Console *c)
{
    size_t n, cur;
    const wchar_t *w = line_wide(c, &n, &cur);
    size_t i = cur;
    while (i > 0 && (w[i - 1] == ' ' || w[i - 1] == '\t'))
        i--;
    while (i > 0 && w[i - 1] != ' ' && w[i - 1] != '\t')
        i--;
    if (i < cur)
        el_wdeletestr(c->el, (int)(cur - i));
}

/* Edit the line with key K (emacs keys, as in readline). */
static void basic_key(Console *c, int k)
{
    size_t n, cur;
    line_wide(c, &n, &cur);
    switch (k) {
    case TK_LEFT: case 'B' - '@': el_cursor(c->el, -1); break;
    case TK_RIGHT: case 'F' - '@': el_cursor(c->el, 1); break;
    case TK_HOME: case 'A' - '@': el_cursor(c->el, -(int)cur); break;
    case TK_END: case 'E' - '@': el_cursor(c->el, (int)(n - cur)); break;
    case TK_BACKSPACE: case 'H' - '@': case 0x7f:
        if (cur > 0)
            el_wdeletestr(c->el, 1);
        break;
    case TK_DC: case 'D' - '@':
        if (cur < n) {
            el_cursor(c->el, 1);
            el_wdeletestr(c->el, 1);
        }
        break;
    case 'K' - '@':
        el_cursor(c->el, (int)(n - cur));
        if (cur < n)
            el_wdeletestr(c->el, (int)(n - cur));
        break;
    case 'U' - '@':
        if (cur > 0)
            el_wdeletestr(c->el, (int)cur);
        break;
    case 'W' - '@': basic_delete_word(c); break;
    case TK_UP: case 'P' - '@': basic_history(c, c->hist_pos + 1); break;
    case TK_DOWN: case 'N' - '@': basic_history(c, c->hist_pos - 1); break;
    case '\t': complete(c); break;
    default:
        if (k >= 0x20 && k != 0x7f && k < 0x110000)
            el_winsertstr(c->el, (wchar_t[]){(wchar_t)k, 0});
    }
}

/* ---- keys ---- */

/* The characters libedit gets for key K in OUT; their count, 0 for a key
 * that is not an editing key. */
static size_t key_sequence(int k, wchar_t out[QUEUE_SIZE])
{
    static const struct { int key; const wchar_t *seq; } seqs[] = {
        {TK_UP, L"\033[A"}, {TK_DOWN, L"\033[B"}, {TK_RIGHT, L"\033[C"},
        {TK_LEFT, L"\033[D"}, {TK_HOME, L"\033[H"}, {TK_END, L"\033[F"},
        {TK_DC, L"\033[3~"}, {TK_BACKSPACE, L"\177"},
    };
    for (size_t i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
        if (seqs[i].key == k) {
            wcscpy(out, seqs[i].seq);
            return wcslen(out);
        }
    size_t n = 0;
    if (k >= 0 && (k & CONSOLE_META(0))) {
        out[n++] = 033;
        k &= ~CONSOLE_META(0);
    }
    if (k <= 0 || k == 033 || k >= 0x110000 || (k >= 0xd800 && k < 0xe000))
        return 0;
    out[n++] = (wchar_t)k;
    return n;
}

/* Feed editing key K to libedit, holding ^V and ^X until the next key. */
static void editor_key(Console *c, int k, const wchar_t *seq, size_t n)
{
    wchar_t keys[QUEUE_SIZE];
    size_t len = 0;
    if (c->prefix == 0 && (k == 'V' - '@' || k == 'X' - '@')) {
        c->prefix = k;
        return;
    }
    if (c->prefix)
        keys[len++] = (wchar_t)c->prefix;
    c->prefix = 0;
    wmemcpy(keys + len, seq, n);
    editor_feed(c, keys, len + n);
}

/* Write the session to PATH as asked by ":w[!] PATH". */
static void write_command(Console *c, const char *arg, bool bang)
{
    while (*arg == ' ' || *arg == '\t')
        arg++;
    char *path = xstrdup(arg);
    size_t n = strlen(path);
    while (n > 0 && (path[n - 1] == ' ' || path[n - 1] == '\t'))
        path[--n] = '\0';
    const char *home = getenv("HOME");
    if (n == 0) {
        snprintf(c->message, sizeof c->message, "no file name (:w FILE)");
    } else if (path[0] == '~' && path[1] == '/' && home) {
        StrBuf b = {0};
        strbuf_printf(&b, "%s%s", home, path + 1);
        console_save(c, b.data, bang);
        strbuf_free(&b);
    } else {
        console_save(c, path, bang);
    }
    free(path);
}

/* Run command line LINE (":..."; taken over): :w here, others for the caller. */
static int run_command(Console *c, char *line)
{
    const char *p = line + 1;
    if (p[0] == 'w' && (p[1] == '\0' || p[1] == ' ' || p[1] == '\t' || p[1] == '!')) {
        bool bang = p[1] == '!';
        write_command(c, p + 1 + bang, bang);
        free(line);
        return CONSOLE_KEY_MESSAGE;
    }
    free(c->taken);
    c->taken = line;
    return CONSOLE_KEY_COMMAND;
}

/* Enter: end the line; submit the input when the status hook finds it complete. */
static int key_enter(Console *c)
{
    char *line = xstrdup(console_line(c, NULL));
    line_reset(c);
    history_add(c, line);
    if (c->pending.n == 0 && line[0] == ':')
        return run_command(c, line);
    if (c->pending.n == 0 && is_blank(line, strlen(line))) {
        free(line);
        return CONSOLE_KEY_HANDLED;
    }
    strlist_push(&c->pending, line);
    char *text = strlist_join(&c->pending, "\n");
    ConsoleInputStatus st = c->hooks.status ? c->hooks.status(c->hooks.arg, text) : CONSOLE_COMPLETE;
    if (st == CONSOLE_INCOMPLETE) {
        free(text);
        return CONSOLE_KEY_HANDLED;
    }
    strlist_clear(&c->pending);
    if (st == CONSOLE_COMPLETE)
        strlist_push(&c->inputs, xstrdup(text));
    free(c->taken);
    c->taken = text;
    return CONSOLE_KEY_SUBMIT;
}

/* Ctrl-C: drop the input typed so far, as KeyboardInterrupt does. */
static int key_interrupt(Console *c)
{
    strlist_clear(&c->pending);
    line_reset(c);
    return CONSOLE_KEY_INTERRUPT;
}

/* Feed one key to C. */
int console_key(Console *c, int key)
{
    if (key == '\r' || key == '\n')
        key = TK_ENTER;
    wchar_t seq[QUEUE_SIZE];
    size_t len = key_sequence(key, seq);
    if (len == 0 && key != TK_ENTER)
        return CONSOLE_KEY_IGNORED;
    c->message[0] = '\0';
    if (key != '\t')
        strlist_clear(&c->cands);
    if (key == TK_ENTER)
        return key_enter(c);
    if (key == 'C' - '@')
        return key_interrupt(c);
    size_t n, cur;
    line_wide(c, &n, &cur);
    if (key == 'D' - '@' && n == 0 && c->prefix == 0)
        return CONSOLE_KEY_EOF;
    if (c->libedit)
        editor_key(c, key, seq, len);
    else
        basic_key(c, key);
    return CONSOLE_KEY_HANDLED;
}

/* ---- the console ---- */

/* A console with HOOKS and its history in HISTORY_PATH. */
Console *console_new(const ConsoleHooks *hooks, const char *history_path)
{
    Console *c = xcalloc(1, sizeof *c);
    HistEventW ev;
    if (hooks)
        c->hooks = *hooks;
    c->ptm = c->pts = -1;
    c->hist = history_winit();
    if (!c->hist) {
        free(c);
        return NULL;
    }
    history_w(c->hist, &ev, H_SETSIZE, HISTORY_SIZE);
    history_w(c->hist, &ev, H_SETUNIQUE, 1);
    if (history_path) {
        c->history_path = xstrdup(history_path);
        c->utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
        history_file(c, H_LOAD);
    }
    if (!editor_open(c)) {
        console_free(c);
        return NULL;
    }
    return c;
}

/* Release C. */
void console_free(Console *c)
{
    if (!c)
        return;
    if (c->el)
        el_end(c->el);
    if (c->hist)
        history_wend(c->hist);
    if (c->null)
        fclose(c->null);
    if (c->utf8)
        freelocale(c->utf8);
    if (c->pts >= 0)
        close(c->pts);
    if (c->ptm >= 0)
        close(c->ptm);
    strlist_free(&c->pending);
    strlist_free(&c->inputs);
    strlist_free(&c->cands);
    strbuf_free(&c->line);
    free(c->hist_saved);
    free(c->taken);
    free(c->history_path);
    free(c);
}

/* True when libedit edits the line. */
bool console_uses_libedit(const Console *c)
{
    return c->libedit;
}

/* The submitted input or command line; caller frees. */
char *console_take(Console *c)
{
    char *s = c->taken;
    c->taken = NULL;
    return s;
}

/* True while an incomplete input waits for more lines. */
bool console_continuing(const Console *c)
{
    return c->pending.n > 0;
}

/* The candidates of the last ambiguous completion. */
const char *const *console_candidates(const Console *c, size_t *n)
{
    *n = c->cands.n;
    return (const char *const *)c->cands.v;
}

/* The last :w message. */
const char *console_message(const Console *c)
{
    return c->message;
}

/* ---- drawing ---- */

/* Draw the line being edited at (X, Y) in W columns, scrolled so that
 * the cursor (a highlighted cell) stays in view. */
static void draw_edit_line(Console *c, Canvas *cv, int x, int y, int w)
{
    size_t cur;
    const char *s = console_line(c, &cur);
    if (w <= 0)
        return;
    int room = w > 1 ? w - 1 : 1;     /* the last column may hold an ellipsis */
    size_t skip = 0;
    while (skip < cur && draw_width(s + skip, cur - skip) >= room)
        skip += utf8_len((unsigned char)s[skip]);
    draw_text(cv, x, y, w, ST_NORMAL, s + skip);
    if (skip > 0)
        draw_cell(cv, x - 1, y, draw_glyph(cv, G_ELLIPSIS), ST_DIM);
    int cx = x + draw_width(s + skip, cur - skip);
    if (cx < 0 || cx >= cv->cols || y < 0 || y >= cv->rows)
        return;
    uint32_t ch = cv->cells[(size_t)y * cv->cols + cx].ch;
    draw_cell(cv, cx, y, ch ? ch : ' ', ST_CURRENT);
}

/* Draw the prompt lines at the bottom of R; the rows used. */
int console_draw(Console *c, Canvas *cv, Rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return 0;
    int total = (int)c->pending.n + 1, shown = total < r.h ? total : r.h;
    draw_clear(cv, (Rect){r.x, r.y + r.h - shown, r.w, shown}, ST_NORMAL);
    for (int i = total - shown; i < total; i++) {
        int y = r.y + r.h - (total - i);
        int pw = draw_text(cv, r.x, y, r.w, ST_BOLD, i == 0 ? ">>> " : "... ");
        if (i < (int)c->pending.n)
            draw_text(cv, r.x + pw, y, r.w - pw, ST_NORMAL, c->pending.v[i]);
        else
            draw_edit_line(c, cv, r.x + pw, y, r.w - pw);
    }
    return shown;
}

/* ---- the session ---- */

/* The typed session as scenario text; caller frees. */
char *console_session_text(const Console *c)
{
    StrBuf b = {0};
    for (size_t i = 0; i < c->inputs.n; i++) {
        const char *s = c->inputs.v[i];
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        strbuf_append(&b, s, n);
        strbuf_putc(&b, '\n');
        if (memchr(s, '\n', n))
            strbuf_putc(&b, '\n');
    }
    return strbuf_steal(&b);
}

/* Drop the last recorded input. */
void console_forget_last(Console *c)
{
    if (c->inputs.n > 0)
        free(c->inputs.v[--c->inputs.n]);
}

/* Write all N bytes of S to FD; false on error. */
static bool write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        s += w;
        n -= (size_t)w;
    }
    return true;
}

/* Write the session to PATH. */
int console_save(Console *c, const char *path, bool overwrite)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL), 0666);
    if (fd < 0) {
        if (errno == EEXIST)
            snprintf(c->message, sizeof c->message, "%s exists (:w! %s overwrites it)", path, path);
        else
            snprintf(c->message, sizeof c->message, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    char *text = console_session_text(c);
    bool ok = write_all(fd, text, strlen(text));
    int err = errno;
    free(text);
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        snprintf(c->message, sizeof c->message, "cannot write %s: %s", path, strerror(err));
        return -1;
    }
    snprintf(c->message, sizeof c->message, "wrote %zu input%s to %s", c->inputs.n,
             c->inputs.n == 1 ? "" : "s", path);
    return 0;
}

/* ---- curses' terminal ----
 * el_init looks the terminal up with tgetent(), which in ncurses makes the
 * entry it loads the current terminal (cur_term), even under a running
 * curses screen; we put curses' one back.  (With none, libedit's stays
 * current, so that the next console's tgetent reuses it.)  term.h defines
 * a macro for every capability name (lines, columns, ...), hence this
 * corner at the end of the file. */
#include <term.h>

/* The current terminfo terminal. */
static void *terminal_save(void)
{
    return cur_term;
}

/* Make TERM, when there was one, the current terminfo terminal again. */
static void terminal_restore(void *term)
{
    if (term && cur_term != term)
        set_curterm(term);
}
