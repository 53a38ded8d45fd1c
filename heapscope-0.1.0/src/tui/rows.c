/* Rows: a pane's content as lines of text with a style and, optionally,
 * the object each line shows.  rows_show() draws a window of them and
 * records which objects are where, so every pane gets scrolling,
 * selection with the arrow keys and mouse clicks the same way. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "util/xalloc.h"

/* Append a row of style ST for object ID with text formatted from FMT/AP. */
static void rows_vadd(Rows *r, Style st, uint64_t id, const char *fmt, va_list ap)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 32;
        r->text = xrealloc(r->text, (size_t)r->cap * sizeof *r->text);
        r->st = xrealloc(r->st, (size_t)r->cap * sizeof *r->st);
        r->id = xrealloc(r->id, (size_t)r->cap * sizeof *r->id);
    }
    StrBuf b = {0};
    strbuf_vprintf(&b, fmt, ap);
    r->text[r->n] = strbuf_steal(&b);
    r->st[r->n] = st;
    r->id[r->n++] = id;
}

/* Add a formatted row of style ST showing object ID (0: none). */
void rows_add_id(Rows *r, Style st, uint64_t id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rows_vadd(r, st, id, fmt, ap);
    va_end(ap);
}

/* Add a formatted row of style ST. */
void rows_add(Rows *r, Style st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rows_vadd(r, st, 0, fmt, ap);
    va_end(ap);
}

/* Remember a clickable row of pane PANE at (X, Y), W wide. */
static void add_hit(Tui *t, int pane, int x, int y, int w, uint64_t id, int row)
{
    if (t->nhits == t->caphits) {
        t->caphits = t->caphits ? 2 * t->caphits : 64;
        t->hits = xrealloc(t->hits, t->caphits * sizeof *t->hits);
    }
    t->hits[t->nhits++] = (Hit){pane, x, y, w, id, row, 0};
}

/* Remember a clickable span with the pane's own TAG. */
void tui_add_hit(Tui *t, int pane, int x, int y, int w, uint64_t id, long tag)
{
    add_hit(t, pane, x, y, w, id, -1);
    t->hits[t->nhits - 1].tag = tag;
}

/* Keep pane PANE's selectable rows (their objects) for the arrow keys. */
static void keep_ids(Tui *t, int pane, const Rows *rows)
{
    size_t n = 0;
    free(t->rows_id[pane]);
    t->rows_id[pane] = xmalloc(((size_t)rows->n + 1) * sizeof *t->rows_id[pane]);
    for (int i = 0; i < rows->n; i++)
        if (rows->id[i])
            t->rows_id[pane][n++] = rows->id[i];
    t->nrows_id[pane] = n;
}

/* Show ROWS for pane PANE in R from SCROLL rows after the default top;
 * clamps *SCROLL, records the rows' objects, frees ROWS. */
void rows_show(Tui *t, int pane, Canvas *cv, Rect r, Rows *rows, int *scroll, bool from_bottom)
{
    int h = r.h > 0 ? r.h : 0;
    int last = rows->n > h ? rows->n - h : 0;
    int base = from_bottom ? last : 0;
    int top = base + *scroll;
    top = top < 0 ? 0 : top > last ? last : top;
    *scroll = top - base;
    for (int i = 0; i < h && top + i < rows->n; i++) {
        int k = top + i;
        Style st = rows->st[k];
        if (rows->id[k] && rows->id[k] == t->selected && st != ST_GARBAGE)
            st = pane == t->focus ? ST_CURRENT : ST_SELECTED;
        if (st == ST_CURRENT || st == ST_BAR || st == ST_SELECTED)
            draw_clear(cv, (Rect){r.x, r.y + i, r.w, 1}, st);
        draw_text(cv, r.x, r.y + i, r.w, st, rows->text[k]);
        add_hit(t, pane, r.x, r.y + i, r.w, rows->id[k], k);
    }
    keep_ids(t, pane, rows);
    for (int i = 0; i < rows->n; i++)
        free(rows->text[i]);
    free(rows->text);
    free(rows->st);
    free(rows->id);
    memset(rows, 0, sizeof *rows);
}

/* Scroll so that row SEL stays in view in a window of H rows. */
void rows_follow(int *scroll, int sel, int h)
{
    if (sel < 0 || h <= 0)
        return;
    if (sel < *scroll)
        *scroll = sel;
    else if (sel >= *scroll + h)
        *scroll = sel - h + 1;
}

/* The inside of a box drawn around R. */
Rect tui_inner(Rect r)
{
    return (Rect){r.x + 2, r.y + 1, r.w - 3, r.h - 2};
}
