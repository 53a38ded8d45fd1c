/* The Memory pane: obmalloc's arenas as rows of pools, each shaded by how
 * full it is, then the large (system malloc) blocks. */
#include "sim/obmalloc.h"
#include "tui/tui_int.h"

/* The glyph for a pool with USED of TOTAL blocks in use. */
static Glyph pool_glyph(long long used, long long total)
{
    if (used <= 0 || total <= 0)
        return G_SHADE0;
    long long q = 4 * used / total;
    return q == 0 ? G_SHADE1 : q == 1 ? G_SHADE2 : q == 2 ? G_SHADE3 : G_SHADE4;
}

/* Add the rows of arena AI: its carved pools, PER to a row. */
static void arena_rows(const Obmalloc *m, const ObmallocArenaInfo *ai, int per, const Canvas *cv,
                       Rows *rows)
{
    for (unsigned p0 = 0; p0 == 0 || p0 < ai->ncarved; p0 += (unsigned)per) {
        StrBuf b = {0};
        if (p0 == 0)
            strbuf_printf(&b, "a%-3u ", ai->index);
        else
            strbuf_puts(&b, "     ");
        for (unsigned p = p0; p < ai->ncarved && p < p0 + (unsigned)per; p++) {
            ObmallocPoolInfo pi;
            if (obmalloc_pool_info(m, ai->index, p, &pi) == 0)
                draw_put_glyph(cv, &b, pool_glyph(pi.count, pi.nblocks));
        }
        rows_add(rows, ST_NORMAL, "%s", strbuf_cstr(&b));
        strbuf_free(&b);
    }
}

/* Arenas as rows of pools, each shaded by how full it is. */
static void memory_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    const Obmalloc *m = t->s->heap->mem;
    unsigned narenas = 0;
    Rect in = tui_inner(r);
    int per = in.w - 5 > 8 ? in.w - 5 : 8;
    Rows rows = {0};
    for (unsigned i = 0; i < obmalloc_arena_count(m); i++) {
        ObmallocArenaInfo ai;
        if (obmalloc_arena_info(m, i, &ai) < 0 || ai.state == OBMALLOC_ARENA_UNUSED)
            continue;
        narenas++;
        arena_rows(m, &ai, per, cv, &rows);
    }
    ObmallocStats st;
    obmalloc_stats(m, &st);
    rows_add(&rows, ST_DIM, "large: %llu blocks, %llu bytes", (unsigned long long)st.large_count,
             (unsigned long long)st.large_bytes);
    char title[160];
    snprintf(title, sizeof title, "Memory  %u arena%s, %llu blocks", narenas, narenas == 1 ? "" : "s",
             (unsigned long long)obmalloc_allocated_blocks(m));
    draw_box(cv, r, title, focus);
    rows_show(t, PANE_MEMORY, cv, in, &rows, &t->scroll[PANE_MEMORY], false);
}

const PaneClass memory_pane = {.name = "Memory", .draw = memory_draw};
