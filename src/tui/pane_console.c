/* The Console pane: the program's output, then its errors; the newest
 * output stays in view. */
#include <string.h>

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

/* The program's output, then its errors; the end stays in view. */
static void console_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Heap *h = t->s->heap;
    draw_box(cv, r, "Console", focus);
    Rows rows = {0};
    if (h->out.data)
        add_lines(&rows, h->out.data, h->out.len, ST_NORMAL);
    if (h->err.data)
        add_lines(&rows, h->err.data, h->err.len, ST_ERROR);
    if (rows.n == 0)
        rows_add(&rows, ST_DIM, "(no output yet)");
    rows_show(t, PANE_CONSOLE, cv, tui_inner(r), &rows, &t->scroll[PANE_CONSOLE], true);
}

const PaneClass console_pane = {.name = "Console", .draw = console_draw};
