/* The GC pane: the three generations with their counts against the
 * thresholds and their sizes, and the last collection's result. */
#include "sim/gc.h"
#include "tui/tui_int.h"

/* The three generations: count against threshold, members. */
static void gc_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Heap *h = t->s->heap;
    const GcTrace *last = gc_last_trace(h);
    char title[128];
    int n = snprintf(title, sizeof title, "GC  %s", gc_is_enabled(h) ? "enabled" : "disabled");
    if (last && last->valid)
        snprintf(title + n, sizeof title - n, "  last: gen%d, %zu collected", last->generation,
                 last->collected);
    draw_box(cv, r, title, focus);
    Rows rows = {0};
    GcGeneration *g = gc_generations(h);
    for (int i = 0; i < GC_NGENS; i++)
        rows_add(&rows, ST_NORMAL, "gen%d %5lld/%-5lld %6zu objects  %zu collections", i,
                 (long long)g[i].count, (long long)g[i].threshold, (size_t)g[i].n,
                 (size_t)gc_stats(h, i)->collections);
    rows_show(t, PANE_GC, cv, tui_inner(r), &rows, &t->scroll[PANE_GC], false);
}

const PaneClass gc_pane = {.name = "GC", .draw = gc_draw};
