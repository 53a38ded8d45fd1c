/* The Heap pane: live objects with id, type, size, refcount, generation
 * and a short value; by default the script's data and the garbage, with
 * `a` every object.  Sorted by the chosen key and filtered by type or id.
 * Only the rows on screen are formatted, so a heap of 10^5 objects costs
 * no more to draw than a heap of ten. */
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "util/xalloc.h"

static const char *const sort_names[NSORTS] = {"id", "type", "size", "refcount", "generation"};

/* The row of object R in the pane's columns. */
static void heap_row(Tui *t, Ref r, bool wide, int width, const char *mark, Rows *rows)
{
    Heap *h = t->s->heap;
    const Obj *o = &h->objs[r];
    bool imm = inspect_is_immortal(h, r), dead = model_is_garbage(&t->m, r);
    char sid[32], rc[24], gen[8];
    snprintf(rc, sizeof rc, imm ? "imm" : "%lld", (long long)inspect_refcount(h, r));
    snprintf(gen, sizeof gen, o->gen != GEN_UNTRACKED ? "g%d" : "-", o->gen);
    StrBuf val = {0};
    inspect_repr(h, r, INSPECT_REPR_MAX, &val);
    rows_add_id(rows, dead ? ST_GARBAGE : (t->m.flags[r] & TF_CHANGED) ? ST_CHANGED : ST_NORMAL,
                o->addr, "%s%-*s %-*.*s %5zu %4s %-3s %s", dead ? mark : " ", wide ? 14 : 5,
                tui_short_id(o->addr, width, sid, sizeof sid), wide ? 14 : 8, wide ? 14 : 8,
                heap_type_name(h, r), inspect_sizeof(h, r), rc, gen, strbuf_cstr(&val));
    strbuf_free(&val);
}

/* The pane's title: what is shown of how many, garbage, bytes, order. */
static void heap_title(Tui *t, size_t shown, char *title, size_t n)
{
    Heap *h = t->s->heap;
    unsigned long long bytes = 0;
    for (size_t i = 0; i < t->m.norder; i++)
        bytes += inspect_sizeof(h, t->m.order[i]);
    int k = snprintf(title, n, "Heap  %zu/%zu objects", shown, t->m.norder);
    if (t->m.ngarbage)
        k += snprintf(title + k, n - (size_t)k, ", %zu unreachable", t->m.ngarbage);
    k += snprintf(title + k, n - (size_t)k, ", %llu B", bytes);
    if (t->sort != SORT_ID)
        k += snprintf(title + k, n - (size_t)k, "  by %s", sort_names[t->sort]);
    if (t->filter[0])
        snprintf(title + k, n - (size_t)k, "  /%s", t->filter);
}

/* The heap's objects: all, or (by default) those the script made or names. */
static void heap_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Rect in = tui_inner(r);
    bool wide = in.w >= 70;
    Ref *list;
    size_t n = model_heap_rows(t, &list);
    char title[200];
    heap_title(t, n, title, sizeof title);
    draw_box(cv, r, title, focus);
    if (in.h < 1) {
        free(list);
        return;
    }
    draw_printf(cv, in.x, in.y, in.w, ST_BOLD, " %-*s %-*s %5s %4s %-3s %s", wide ? 14 : 5, "id",
                wide ? 14 : 8, "type", "size", "rc", "gen", "value");
    in.y++;
    in.h--;
    int sel = -1;
    uint64_t *ids = xmalloc((n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++) {
        ids[i] = t->s->heap->objs[list[i]].addr;
        if (ids[i] == t->selected)
            sel = (int)i;
    }
    if (focus)
        rows_follow(&t->scroll[PANE_HEAP], sel, in.h);
    int top = t->scroll[PANE_HEAP], last = (int)n > in.h ? (int)n - in.h : 0;
    top = top < 0 ? 0 : top > last ? last : top;
    t->scroll[PANE_HEAP] = top;
    StrBuf mark = {0};
    draw_put_glyph(cv, &mark, G_GARBAGE);
    Rows rows = {0};
    for (int i = top; i < (int)n && i < top + in.h; i++)
        heap_row(t, list[i], wide, in.w, strbuf_cstr(&mark), &rows);
    strbuf_free(&mark);
    int zero = 0;
    rows_show(t, PANE_HEAP, cv, in, &rows, &zero, false);
    free(t->rows_id[PANE_HEAP]);
    t->rows_id[PANE_HEAP] = ids;
    t->nrows_id[PANE_HEAP] = n;
    free(list);
}

const PaneClass heap_pane = {.name = "Heap", .draw = heap_draw};
