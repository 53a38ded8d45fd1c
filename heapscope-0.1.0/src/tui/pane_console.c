/* The Console pane: the session's transcript (the script's output, the
 * inputs typed at the prompt with the REPL's prompts, their output and
 * errors) with the newest in view, and at the bottom the prompt, where
 * the user types Python (console.c does the line editing).  While the
 * pane is focused its keys go to the prompt; Esc and Shift-Tab leave. */
#include <stdlib.h>
#include <string.h>

#include "tui/console.h"
#include "tui/tui_int.h"

/* Add each line of N bytes of TEXT as a row of style ST. */
static void add_lines(Rows *rows, const char *text, size_t n, Style st)
{
    const char *end = text + n;
    while (text < end) {
        const char *nl = memchr(text, '\n', (size_t)(end - text));
        size_t len = nl ? (size_t)(nl - text) : (size_t)(end - text);
        rows_add(rows, st, "%.*s", (int)len, text);
        text += len + (nl != NULL);
    }
}

/* The transcript as rows: inputs bold, errors in the error style. */
static void transcript_rows(Tui *t, Rows *rows)
{
    size_t n = session_transcript_count(t->s);
    for (size_t i = 0; i < n; i++) {
        const TranscriptEntry *e = session_transcript_entry(t->s, i);
        Style st = e->kind == TRANSCRIPT_INPUT ? ST_BOLD
                 : e->kind == TRANSCRIPT_STDERR ? ST_ERROR : ST_NORMAL;
        add_lines(rows, e->text, e->len, st);
    }
}

/* The completions the console offers, on one row. */
static void candidate_rows(Tui *t, Rows *rows)
{
    size_t n;
    const char *const *c = console_candidates(t->console, &n);
    if (!n)
        return;
    StrBuf b = {0};
    for (size_t i = 0; i < n && b.len < 400; i++)
        strbuf_printf(&b, "%s%s", i ? "  " : "", c[i]);
    rows_add(rows, ST_DIM, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
}

/* The transcript, then the prompt at the bottom; the end stays in view. */
static void console_pane_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    draw_box(cv, r, focus && t->console ? "Console  (typing Python)" : "Console", focus);
    Rect in = tui_inner(r);
    Rows rows = {0};
    transcript_rows(t, &rows);
    if (t->console && focus)
        candidate_rows(t, &rows);
    if (rows.n == 0 && !t->console)
        rows_add(&rows, ST_DIM, "(no output yet)");
    int prompt = 0;
    if (t->console && in.h > 1) {
        prompt = console_draw(t->console, cv, in);
        if (!focus && prompt == 1 && !console_line(t->console, NULL)[0])
            draw_text(cv, in.x + 4, in.y + in.h - 1, in.w - 4, ST_DIM, "(i: type Python here)");
    }
    in.h -= prompt;
    rows_show(t, PANE_CONSOLE, cv, in, &rows, &t->scroll[PANE_CONSOLE], true);
}

/* Keys while the console is focused: the prompt's first. */
static bool console_pane_key(Tui *t, int k)
{
    if (!t->console || k == TK_MOUSE)
        return false;
    if (k == TK_ESC || k == TK_BTAB) {
        t->focus = PANE_SOURCE;
        return true;
    }
    char *text;
    switch (console_key(t->console, k)) {
    case CONSOLE_KEY_IGNORED:
        return false;
    case CONSOLE_KEY_SUBMIT:
        text = console_take(t->console);
        t->scroll[PANE_CONSOLE] = 0;
        tui_run_input(t, text);
        free(text);
        return true;
    case CONSOLE_KEY_COMMAND:
        text = console_take(t->console);
        tui_command(t, text[0] == ':' ? text + 1 : text);
        free(text);
        return true;
    case CONSOLE_KEY_MESSAGE:
        snprintf(t->message, sizeof t->message, "%s", console_message(t->console));
        return true;
    case CONSOLE_KEY_INTERRUPT:
        snprintf(t->message, sizeof t->message, "KeyboardInterrupt: the input was dropped");
        return true;
    case CONSOLE_KEY_EOF:
        t->focus = PANE_SOURCE;
        return true;
    default:
        return true;
    }
}

const PaneClass console_pane = {.name = "Console", .draw = console_pane_draw, .key = console_pane_key};
