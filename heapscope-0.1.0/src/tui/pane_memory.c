/* The Memory pane: obmalloc as CPython's Objects/obmalloc.c keeps it.
 *
 * Three views; what the user chose lives in t->mem (a MemoryView):
 *
 *   overview   one row of pools per arena (as many rows as the pane's
 *              width needs), each pool a shade glyph for how full it is,
 *              coloured by its size class (szidx % 6; empty pools dim),
 *              the pools that hold the selected object's blocks
 *              highlighted; then the large (system malloc) blocks.  When
 *              the pane is focused it also shows a legend line and, after
 *              the first arrow key, a pool cursor that Enter zooms into.
 *   pool       one pool's header, then a row per block: used (and by which
 *              object and which part of it, or parked on a type's free
 *              list, or the interpreter's own since start-up), free (its
 *              place on the pool's freeblock list) or never used (the
 *              virgin blocks past nextoffset, as one row).  Rows of used
 *              blocks carry their owner's id, so Up/Down select objects in
 *              every pane.  Esc, Enter or Backspace go back.
 *   table      the size-class table of sys._debugmallocstats() (`m`),
 *              from obmalloc_class_stats, the numbers that function prints.
 *
 * The overview's text does not depend on colours or on the selection (its
 * styles are painted onto the cells afterwards), so an unfocused pane
 * renders as plain text exactly as before.  It costs a walk over the
 * carved pools and the selected object's blocks, never one over the
 * objects; the pool view asks heap_block_owner, whose index is rebuilt
 * once per change of the heap. */
#include <stdlib.h>
#include <string.h>

#include "sim/obmalloc.h"
#include "tui/tui_int.h"
#include "util/xalloc.h"

enum { VIEW_OVERVIEW, VIEW_POOL, VIEW_TABLE };
enum { MAX_SEL_BLOCKS = 16, PREFIX_W = 5 };

/* ---- shared helpers ---- */

/* The glyph for a pool with USED of TOTAL blocks in use. */
static Glyph pool_glyph(long long used, long long total)
{
    if (used <= 0 || total <= 0)
        return G_SHADE0;
    long long q = 4 * used / total;
    return q == 0 ? G_SHADE1 : q == 1 ? G_SHADE2 : q == 2 ? G_SHADE3 : G_SHADE4;
}

/* The colour of size class SZIDX (dim before the pool's first use). */
static Style class_style(int szidx)
{
    return szidx < 0 ? ST_DIM : (Style)(ST_CLASS0 + szidx % 6);
}

/* The view T's Memory pane shows. */
static int view_of(const MemoryView *v)
{
    return v->table ? VIEW_TABLE : v->zoomed ? VIEW_POOL : VIEW_OVERVIEW;
}

/* Show the view that ZOOMED and TABLE name, keeping each view's scroll. */
static void view_switch(Tui *t, bool zoomed, bool table)
{
    MemoryView *v = &t->mem;
    v->scroll[view_of(v)] = t->scroll[PANE_MEMORY];
    v->zoomed = zoomed;
    v->table = table;
    t->scroll[PANE_MEMORY] = v->scroll[view_of(v)];
}

/* Describe arena A into *AI; false unless it is allocated and has pools carved. */
static bool arena_carved(const Obmalloc *m, unsigned a, ObmallocArenaInfo *ai)
{
    return obmalloc_arena_info(m, a, ai) == 0 && ai->state != OBMALLOC_ARENA_UNUSED &&
           ai->ncarved > 0;
}

/* The pools that hold the selected object's blocks. */
typedef struct PoolSet {
    ObmallocPoolRef pool[MAX_SEL_BLOCKS];
    unsigned n;
} PoolSet;

/* Fill PS with the pools of the selected object's blocks (none when no
 * object is selected or it has no pool block). */
static void selected_pools(Tui *t, PoolSet *ps)
{
    ps->n = 0;
    Ref r = t->selected ? model_find(&t->m, t->selected) : 0;
    if (!r)
        return;
    HeapBlock blk[MAX_SEL_BLOCKS];
    size_t n = heap_object_blocks(t->s->heap, r, blk, MAX_SEL_BLOCKS);
    for (size_t i = 0; i < n && i < MAX_SEL_BLOCKS; i++)
        if (blk[i].located && !blk[i].where.large)
            ps->pool[ps->n++] = (ObmallocPoolRef){blk[i].where.arena, blk[i].where.pool};
}

/* True when pool P of arena A is in PS. */
static bool poolset_has(const PoolSet *ps, unsigned a, unsigned p)
{
    for (unsigned i = 0; i < ps->n; i++)
        if (ps->pool[i].arena == a && ps->pool[i].pool == p)
            return true;
    return false;
}

/* ---- the pool cursor ---- */

/* The next arena after A (before it when DIR < 0) with pools carved, or -1. */
static long arena_step(const Obmalloc *m, unsigned a, int dir)
{
    ObmallocArenaInfo ai;
    for (long i = (long)a + dir; i >= 0 && i < (long)obmalloc_arena_count(m); i += dir)
        if (arena_carved(m, (unsigned)i, &ai))
            return i;
    return -1;
}

/* Keep the cursor (and the zoomed pool) on a carved pool after the heap
 * changed: the last pool of a shrunken arena; off when its arena is gone. */
static void cursor_clamp(Tui *t)
{
    MemoryView *v = &t->mem;
    ObmallocArenaInfo ai;
    if (!v->cursor && !v->zoomed)
        return;
    if (!arena_carved(t->s->heap->mem, v->arena, &ai))
        v->cursor = false;
    else if (v->pool >= ai.ncarved)
        v->pool = ai.ncarved - 1;
}

/* Put the cursor on the selected object's pool, else the first pool;
 * false when there is no pool at all. */
static bool cursor_start(Tui *t)
{
    const Obmalloc *m = t->s->heap->mem;
    MemoryView *v = &t->mem;
    PoolSet ps;
    selected_pools(t, &ps);
    if (ps.n) {
        v->arena = ps.pool[0].arena;
        v->pool = ps.pool[0].pool;
    } else {
        long a = arena_step(m, 0, 1);
        ObmallocArenaInfo ai;
        a = arena_carved(m, 0, &ai) ? 0 : a;
        if (a < 0)
            return false;
        v->arena = (unsigned)a;
        v->pool = 0;
    }
    v->cursor = true;
    return true;
}

/* Move the cursor for arrow key K: Left/Right along its arena's pools,
 * Up/Down a row of pools, across arenas at their ends. */
static void cursor_move(Tui *t, int k)
{
    const Obmalloc *m = t->s->heap->mem;
    MemoryView *v = &t->mem;
    unsigned per = v->per > 0 ? (unsigned)v->per : 64, col = v->pool % per;
    ObmallocArenaInfo ai;
    if (!arena_carved(m, v->arena, &ai))
        return;
    if (k == TK_LEFT && v->pool > 0) {
        v->pool--;
    } else if (k == TK_RIGHT && v->pool + 1 < ai.ncarved) {
        v->pool++;
    } else if (k == TK_DOWN && v->pool / per < (ai.ncarved - 1) / per) {
        v->pool = v->pool + per < ai.ncarved ? v->pool + per : ai.ncarved - 1;
    } else if (k == TK_UP && v->pool >= per) {
        v->pool -= per;
    } else if (k == TK_DOWN || k == TK_UP) {
        long a = arena_step(m, v->arena, k == TK_DOWN ? 1 : -1);
        if (a < 0 || !arena_carved(m, (unsigned)a, &ai))
            return;
        unsigned row = k == TK_DOWN ? 0 : (ai.ncarved - 1) / per;
        v->arena = (unsigned)a;
        v->pool = row * per + col < ai.ncarved ? row * per + col : ai.ncarved - 1;
    }
}

/* ---- the overview ---- */

/* Where an overview row's pools are: arena ARENA's pools FIRST.. (N of
 * them) from column X0 of the row; N is 0 for other rows. */
typedef struct PoolRow {
    unsigned arena, first, n;
    int x0;
} PoolRow;

typedef struct PoolRows {
    PoolRow *row;
    int n, cap;
} PoolRows;

/* Note that the next overview row shows pools FIRST..FIRST+N-1 of ARENA. */
static void poolrows_add(PoolRows *pr, unsigned arena, unsigned first, unsigned n, int x0)
{
    if (pr->n == pr->cap) {
        pr->cap = pr->cap ? 2 * pr->cap : 16;
        pr->row = xrealloc(pr->row, (size_t)pr->cap * sizeof *pr->row);
    }
    pr->row[pr->n++] = (PoolRow){arena, first, n, x0};
}

/* Add the rows of arena AI: its carved pools, PER to a row. */
static void arena_rows(const Obmalloc *m, const ObmallocArenaInfo *ai, int per, const Canvas *cv,
                       Rows *rows, PoolRows *pr)
{
    for (unsigned p0 = 0; p0 == 0 || p0 < ai->ncarved; p0 += (unsigned)per) {
        StrBuf b = {0};
        if (p0 == 0)
            strbuf_printf(&b, "a%-3u ", ai->index);
        else
            strbuf_puts(&b, "     ");
        int x0 = draw_width(strbuf_cstr(&b), b.len);
        unsigned n = 0;
        for (unsigned p = p0; p < ai->ncarved && p < p0 + (unsigned)per; p++, n++) {
            ObmallocPoolInfo pi;
            if (obmalloc_pool_info(m, ai->index, p, &pi) == 0)
                draw_put_glyph(cv, &b, pool_glyph(pi.count, pi.nblocks));
        }
        poolrows_add(pr, ai->index, p0, n, x0);
        rows_add(rows, ST_NORMAL, "%s", strbuf_cstr(&b));
        strbuf_free(&b);
    }
}

/* The style of pool P of arena A: the cursor, the selected object's, or
 * its size class. */
static Style pool_style(const Tui *t, bool focus, const PoolSet *sel, unsigned a, unsigned p,
                        const ObmallocPoolInfo *pi)
{
    const MemoryView *v = &t->mem;
    if (focus && v->cursor && v->arena == a && v->pool == p)
        return ST_SELECTED;
    if (poolset_has(sel, a, p))
        return ST_CURRENT;
    return pi->count ? class_style(pi->szidx) : ST_DIM;
}

/* A hit's tag for the pools from FIRST of arena A (never 0). */
#define POOL_TAG(a, first) (((long)(a) << 20) | (long)(first) | (1L << 40))

/* Colour the pools of the overview rows shown in R from row TOP. */
static void paint_pools(Tui *t, Canvas *cv, Rect r, int top, const PoolRows *pr, bool focus)
{
    const Obmalloc *m = t->s->heap->mem;
    PoolSet sel;
    selected_pools(t, &sel);
    for (int i = 0; i < r.h && top + i < pr->n; i++) {
        const PoolRow *row = &pr->row[top + i];
        int shown = row->x0 + (int)row->n < r.w ? (int)row->n : r.w - row->x0;
        if (shown > 0)           /* a click on a pool moves the cursor there */
            tui_add_hit(t, PANE_MEMORY, r.x + row->x0, r.y + i, shown, 0,
                        POOL_TAG(row->arena, row->first));
        for (unsigned j = 0; j < row->n && row->x0 + (int)j < r.w; j++) {
            ObmallocPoolInfo pi;
            unsigned p = row->first + j;
            if (obmalloc_pool_info(m, row->arena, p, &pi) == 0)
                draw_cell(cv, r.x + row->x0 + (int)j, r.y + i,
                          draw_glyph(cv, pool_glyph(pi.count, pi.nblocks)),
                          pool_style(t, focus, &sel, row->arena, p, &pi));
        }
    }
}

/* The overview row that shows the cursor's pool, or -1. */
static int cursor_row(const MemoryView *v, const PoolRows *pr)
{
    for (int i = 0; i < pr->n; i++)
        if (pr->row[i].arena == v->arena && v->pool >= pr->row[i].first &&
            v->pool < pr->row[i].first + pr->row[i].n)
            return i;
    return -1;
}

/* The legend at (X, Y), W wide: the blocks used and free in the pools in
 * use, then the size classes in use, each in its colour. */
static void draw_legend(Tui *t, Canvas *cv, int x, int y, int w)
{
    ObmallocClassStats cs[OBMALLOC_NB_SMALL_SIZE_CLASSES];
    unsigned n = obmalloc_class_stats(t->s->heap->mem, cs);
    size_t used = 0, avail = 0;
    int end = x + w;
    for (unsigned i = 0; i < n; i++) {
        used += cs[i].numblocks;
        avail += cs[i].numfree;
    }
    x += draw_printf(cv, x, y, w, ST_NORMAL, "%zu blocks used, %zu free  ", used, avail);
    if (x < end)
        x += draw_printf(cv, x, y, end - x, ST_DIM, "%u size classes ", n);
    for (unsigned i = 0; i < n && x < end; i++)
        x += draw_printf(cv, x, y, end - x, class_style((int)cs[i].szidx), "%zu ", cs[i].size);
}

/* The cursor's pool in a line at (X, Y), W wide. */
static void draw_cursor_line(Tui *t, Canvas *cv, int x, int y, int w)
{
    const MemoryView *v = &t->mem;
    ObmallocPoolInfo pi;
    if (obmalloc_pool_info(t->s->heap->mem, v->arena, v->pool, &pi) < 0)
        return;
    int k = draw_printf(cv, x, y, w, ST_BOLD, "arena %u pool %u  0x%llx  ", v->arena, v->pool,
                        (unsigned long long)pi.address);
    if (pi.szidx < 0)
        k += draw_text(cv, x + k, y, w - k, ST_DIM, "not used yet  ");
    else
        k += draw_printf(cv, x + k, y, w - k, class_style(pi.szidx),
                         "%u-byte blocks (class %d), %u/%u used  ", pi.block_size, pi.szidx,
                         pi.count, pi.nblocks);
    draw_text(cv, x + k, y, w - k, ST_DIM, "Enter: its blocks");
}

/* Arenas as rows of pools; when focused, the legend and the cursor's pool
 * in the last rows of IN. */
static void overview_draw(Tui *t, Canvas *cv, Rect in, bool focus)
{
    const Obmalloc *m = t->s->heap->mem;
    MemoryView *v = &t->mem;
    int nleg = !focus ? 0 : in.h >= 5 ? 2 : in.h >= 2 ? 1 : 0;
    Rect area = {in.x, in.y, in.w, in.h - nleg};
    int per = in.w - PREFIX_W > 8 ? in.w - PREFIX_W : 8;
    v->per = per;
    Rows rows = {0};
    PoolRows pr = {0};
    for (unsigned i = 0; i < obmalloc_arena_count(m); i++) {
        ObmallocArenaInfo ai;
        if (obmalloc_arena_info(m, i, &ai) == 0 && ai.state != OBMALLOC_ARENA_UNUSED)
            arena_rows(m, &ai, per, cv, &rows, &pr);
    }
    ObmallocStats st;
    obmalloc_stats(m, &st);
    rows_add(&rows, ST_DIM, "large: %llu blocks, %llu bytes", (unsigned long long)st.large_count,
             (unsigned long long)st.large_bytes);
    if (v->follow && v->cursor)
        rows_follow(&t->scroll[PANE_MEMORY], cursor_row(v, &pr), area.h);
    v->follow = false;
    rows_show(t, PANE_MEMORY, cv, area, &rows, &t->scroll[PANE_MEMORY], false);
    paint_pools(t, cv, area, t->scroll[PANE_MEMORY], &pr, focus);
    free(pr.row);
    int y = in.y + area.h;
    if (nleg == 2 || (nleg == 1 && !v->cursor))
        draw_legend(t, cv, in.x, y++, in.w);
    if (nleg >= 1 && v->cursor)
        draw_cursor_line(t, cv, in.x, y, in.w);
    else if (nleg == 2)
        draw_text(cv, in.x, y, in.w, ST_DIM,
                  "arrows: a pool cursor  Enter: its blocks  m: size classes");
}

/* ---- one pool's blocks ---- */

/* What the pool view knows about each block beyond obmalloc's state: its
 * place on the freeblock list, or the free list / start-up that holds it. */
typedef struct BlockNotes {
    unsigned *freepos;         /* per block: 1-based place on freeblock, or 0 */
    const char **held;         /* per block: "free_list[...]" or "startup", or NULL */
    unsigned *index;           /* per block: the free list's index (tuple length) */
} BlockNotes;

/* Note the blocks of B (N of them) that lie in pool P of arena A. */
static void notes_mark(BlockNotes *bn, const HeapBlock *b, size_t n, unsigned a, unsigned p,
                       unsigned nblocks)
{
    for (size_t i = 0; i < n; i++)
        if (b[i].located && !b[i].where.large && b[i].where.arena == a && b[i].where.pool == p &&
            b[i].where.block < nblocks) {
            bn->held[b[i].where.block] = b[i].part;
            bn->index[b[i].where.block] = b[i].index;
        }
}

/* Gather the notes for pool P of arena A (PI describes it). */
static void notes_gather(Heap *h, unsigned a, unsigned p, const ObmallocPoolInfo *pi,
                         BlockNotes *bn)
{
    size_t nb = pi->nblocks ? pi->nblocks : 1;
    bn->freepos = xcalloc(nb, sizeof *bn->freepos);
    bn->held = xcalloc(nb, sizeof *bn->held);
    bn->index = xcalloc(nb, sizeof *bn->index);
    uint64_t *fl = xmalloc(nb * sizeof *fl);
    unsigned nfree = obmalloc_pool_freelist(h->mem, a, p, fl, (unsigned)nb);
    for (unsigned i = 0; i < nfree && i < nb; i++)
        if (pi->block_size && fl[i] >= pi->address + OBMALLOC_POOL_OVERHEAD) {
            uint64_t b = (fl[i] - pi->address - OBMALLOC_POOL_OVERHEAD) / pi->block_size;
            if (b < nb)
                bn->freepos[b] = i + 1;
        }
    free(fl);
    size_t n = heap_freelist_blocks(h, NULL, 0);
    HeapBlock *blk = xmalloc((n + OBMALLOC_NB_SMALL_SIZE_CLASSES + 1) * sizeof *blk);
    heap_freelist_blocks(h, blk, n);
    size_t k = heap_startup_blocks(h, blk + n, OBMALLOC_NB_SMALL_SIZE_CLASSES);
    k = k < OBMALLOC_NB_SMALL_SIZE_CLASSES ? k : OBMALLOC_NB_SMALL_SIZE_CLASSES;
    notes_mark(bn, blk, n + k, a, p, pi->nblocks);
    free(blk);
}

/* Release BN's arrays. */
static void notes_free(BlockNotes *bn)
{
    free(bn->freepos);
    free(bn->held);
    free(bn->index);
}

/* Add the row of used block B at ADDR (the columns so far in COLS). */
static void used_row(Tui *t, const BlockNotes *bn, unsigned b, uint64_t addr, const char *cols,
                     Rows *rows)
{
    Heap *h = t->s->heap;
    const char *part = NULL;
    Ref r = heap_block_owner(h, addr, &part);
    if (!r) {
        const char *held = bn->held[b];
        if (held && strcmp(held, "startup") == 0)
            rows_add(rows, ST_DIM, "%s the interpreter's own (since start-up)", cols);
        else if (held && strcmp(held, "free_list[tuple]") == 0)
            rows_add(rows, ST_DIM, "%s parked on %s, length %u", cols, held, bn->index[b]);
        else if (held)
            rows_add(rows, ST_DIM, "%s parked on %s", cols, held);
        else
            rows_add(rows, ST_DIM, "%s (no owner known)", cols);
        return;
    }
    StrBuf val = {0};
    inspect_repr(h, r, INSPECT_REPR_MAX, &val);
    Style st = model_is_garbage(&t->m, r) ? ST_GARBAGE
               : (t->m.flags[r] & TF_CHANGED) ? ST_CHANGED : ST_NORMAL;
    if (part && strcmp(part, "object") != 0)
        rows_add_id(rows, st, h->objs[r].addr, "%s %s of %s %s", cols, part, heap_type_name(h, r),
                    strbuf_cstr(&val));
    else
        rows_add_id(rows, st, h->objs[r].addr, "%s %s %s", cols, heap_type_name(h, r),
                    strbuf_cstr(&val));
    strbuf_free(&val);
}

/* Add a row per block of pool P of arena A (PI describes it); the
 * never-used blocks at its end as one row.  WIDE: full addresses. */
static void block_rows(Tui *t, unsigned a, unsigned p, const ObmallocPoolInfo *pi, bool wide,
                       Rows *rows)
{
    const Obmalloc *m = t->s->heap->mem;
    BlockNotes bn;
    notes_gather(t->s->heap, a, p, pi, &bn);
    for (unsigned b = 0; b < pi->ncarved; b++) {
        uint64_t addr = pi->address + OBMALLOC_POOL_OVERHEAD + (uint64_t)b * pi->block_size;
        char cols[64], sid[32];
        int state = obmalloc_block_used(m, a, p, b);
        const char *name = state == OBMALLOC_BLOCK_USED ? "used"
                           : state == OBMALLOC_BLOCK_FREE ? "free" : "";
        snprintf(cols, sizeof cols, "%4u %s %-4s", b,
                 tui_short_id(addr, wide ? 99 : 0, sid, sizeof sid), name);
        if (state == OBMALLOC_BLOCK_USED)
            used_row(t, &bn, b, addr, cols, rows);
        else
            rows_add(rows, ST_DIM, "%s freeblock #%u%s", cols, bn.freepos[b],
                     bn.freepos[b] == 1 ? ": the next malloc takes it" : "");
    }
    if (pi->ncarved < pi->nblocks)
        rows_add(rows, ST_DIM, "%4u..%u never used (%u blocks past nextoffset)", pi->ncarved,
                 pi->nblocks - 1, pi->nblocks - pi->ncarved);
    notes_free(&bn);
}

/* The pool's state as obmalloc's lists say it. */
static void pool_state_into(const ObmallocPoolInfo *pi, StrBuf *b)
{
    switch (pi->state) {
    case OBMALLOC_POOL_USED: strbuf_printf(b, "on usedpools[%d]", pi->szidx); break;
    case OBMALLOC_POOL_FULL: strbuf_puts(b, "full (on no list)"); break;
    case OBMALLOC_POOL_EMPTY: strbuf_puts(b, "empty (on its arena's freepools)"); break;
    default: strbuf_puts(b, "never carved"); break;
    }
}

/* The header line of the pool view at (X, Y), W wide (the title names
 * the pool and its address). */
static void pool_header(const ObmallocPoolInfo *pi, Canvas *cv, int x, int y, int w)
{
    StrBuf b = {0};
    if (pi->szidx >= 0)
        strbuf_printf(&b, "class %d, %u-byte blocks  %u/%u used  ", pi->szidx, pi->block_size,
                      pi->count, pi->nblocks);
    pool_state_into(pi, &b);
    draw_text(cv, x, y, w, class_style(pi->szidx), strbuf_cstr(&b));
    strbuf_free(&b);
}

/* The first of the N row ids IDS that is object ID, or -1. */
static int row_of(const uint64_t *ids, size_t n, uint64_t id)
{
    for (size_t i = 0; id && i < n; i++)
        if (ids[i] == id)
            return (int)i;
    return -1;
}

/* The zoomed pool: its header, then a row per block. */
static void pool_draw(Tui *t, Canvas *cv, Rect in, bool focus)
{
    MemoryView *v = &t->mem;
    ObmallocPoolInfo pi;
    Rows rows = {0};
    if (!v->cursor || obmalloc_pool_info(t->s->heap->mem, v->arena, v->pool, &pi) < 0) {
        rows_add(&rows, ST_DIM, "arena %u is no longer allocated (Esc: back)", v->arena);
        rows_show(t, PANE_MEMORY, cv, in, &rows, &t->scroll[PANE_MEMORY], false);
        return;
    }
    pool_header(&pi, cv, in.x, in.y, in.w);
    Rect area = {in.x, in.y + 1, in.w, in.h - 1};
    bool wide = in.w >= 60;
    if (in.h >= 6) {
        draw_printf(cv, area.x, area.y, area.w, ST_BOLD, "%4s %-*s %-4s %s", "#", wide ? 14 : 5,
                    "address", "", "owner");
        area.y++;
        area.h--;
    }
    if (pi.szidx < 0)
        rows_add(&rows, ST_DIM, "not used yet: no size class");
    else
        block_rows(t, v->arena, v->pool, &pi, wide, &rows);
    if (focus)
        rows_follow(&t->scroll[PANE_MEMORY], row_of(rows.id, (size_t)rows.n, t->selected), area.h);
    rows_show(t, PANE_MEMORY, cv, area, &rows, &t->scroll[PANE_MEMORY], false);
}

/* ---- the size-class table ---- */

/* The size-class table as sys._debugmallocstats() prints it, then the
 * bytes in blocks and the large blocks. */
static void table_draw(Tui *t, Canvas *cv, Rect in)
{
    const Obmalloc *m = t->s->heap->mem;
    ObmallocClassStats cs[OBMALLOC_NB_SMALL_SIZE_CLASSES];
    unsigned n = obmalloc_class_stats(m, cs);
    static const char *const head[2] = {
        "class   size   num pools   blocks in use  avail blocks",
        "-----   ----   ---------   -------------  ------------",
    };
    for (int i = 0; i < 2 && i < in.h; i++)
        draw_text(cv, in.x, in.y + i, in.w, ST_BOLD, head[i]);
    Rows rows = {0};
    size_t used = 0, avail = 0;
    for (unsigned i = 0; i < n; i++) {
        rows_add(&rows, class_style((int)cs[i].szidx), "%5u %6zu %11zu %15zu %13zu", cs[i].szidx,
                 cs[i].size, cs[i].numpools, cs[i].numblocks, cs[i].numfree);
        used += cs[i].numblocks * cs[i].size;
        avail += cs[i].numfree * cs[i].size;
    }
    ObmallocStats st;
    obmalloc_stats(m, &st);
    rows_add(&rows, ST_NORMAL, "%zu bytes in allocated blocks, %zu in available blocks", used,
             avail);
    rows_add(&rows, ST_DIM, "large: %llu blocks, %llu bytes", (unsigned long long)st.large_count,
             (unsigned long long)st.large_bytes);
    rows_show(t, PANE_MEMORY, cv, (Rect){in.x, in.y + 2, in.w, in.h - 2}, &rows,
              &t->scroll[PANE_MEMORY], false);
}

/* ---- the pane ---- */

/* The pane's title for the view shown. */
static void memory_title(Tui *t, char *title, size_t size)
{
    const Obmalloc *m = t->s->heap->mem;
    unsigned narenas = 0;
    ObmallocArenaInfo ai;
    ObmallocPoolInfo pi;
    for (unsigned i = 0; i < obmalloc_arena_count(m); i++)
        narenas += obmalloc_arena_info(m, i, &ai) == 0 && ai.state != OBMALLOC_ARENA_UNUSED;
    if (t->mem.table)
        snprintf(title, size, "Memory  size classes: threshold %d bytes, %d classes",
                 OBMALLOC_SMALL_REQUEST_THRESHOLD, OBMALLOC_NB_SMALL_SIZE_CLASSES);
    else if (t->mem.zoomed && obmalloc_pool_info(m, t->mem.arena, t->mem.pool, &pi) == 0)
        snprintf(title, size, "Memory  arena %u pool %u at 0x%llx", t->mem.arena, t->mem.pool,
                 (unsigned long long)pi.address);
    else if (t->mem.zoomed)
        snprintf(title, size, "Memory  arena %u", t->mem.arena);
    else
        snprintf(title, size, "Memory  %u arena%s, %llu blocks", narenas, narenas == 1 ? "" : "s",
                 (unsigned long long)obmalloc_allocated_blocks(m));
}

/* The view the user chose: overview, one pool, or the size-class table. */
static void memory_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    char title[160];
    cursor_clamp(t);
    memory_title(t, title, sizeof title);
    draw_box(cv, r, title, focus);
    Rect in = tui_inner(r);
    if (in.h < 1 || in.w < 1)
        return;
    if (t->mem.table)
        table_draw(t, cv, in);
    else if (t->mem.zoomed)
        pool_draw(t, cv, in, focus);
    else
        overview_draw(t, cv, in, focus);
}

/* Overview keys: arrows (and j k) move the pool cursor, Enter zooms. */
static bool overview_key(Tui *t, int k)
{
    MemoryView *v = &t->mem;
    k = k == 'k' ? TK_UP : k == 'j' ? TK_DOWN : k;
    if (k == TK_LEFT || k == TK_RIGHT || k == TK_UP || k == TK_DOWN) {
        if (v->cursor)
            cursor_move(t, k);
        else if (!cursor_start(t))
            return false;
        v->follow = true;
        return true;
    }
    if (k != TK_ENTER || (!v->cursor && !cursor_start(t)))
        return false;
    v->scroll[VIEW_POOL] = 0;
    view_switch(t, true, false);
    return true;
}

/* Pool keys: Esc, Enter, Backspace go back; Left/Right the arena's
 * previous/next pool; Up/Down are the main loop's (select objects). */
static bool pool_key(Tui *t, int k)
{
    MemoryView *v = &t->mem;
    ObmallocArenaInfo ai;
    if (k == TK_ESC || k == TK_ENTER || k == TK_BACKSPACE) {
        view_switch(t, false, false);
        v->follow = true;
        return true;
    }
    if (k != TK_LEFT && k != TK_RIGHT)
        return false;
    if (arena_carved(t->s->heap->mem, v->arena, &ai) &&
        (k == TK_LEFT ? v->pool > 0 : v->pool + 1 < ai.ncarved)) {
        v->pool = k == TK_LEFT ? v->pool - 1 : v->pool + 1;
        t->scroll[PANE_MEMORY] = 0;
    }
    return true;
}

/* Take key K while the pane is focused: m toggles the size-class table;
 * the rest goes to the view shown.  False for keys it leaves alone. */
static bool memory_key(Tui *t, int k)
{
    MemoryView *v = &t->mem;
    if (k == 'm' || (k == TK_ESC && v->table)) {
        view_switch(t, v->zoomed, !v->table);
        return true;
    }
    if (v->table)
        return false;
    return v->zoomed ? pool_key(t, k) : overview_key(t, k);
}

/* A click on a pool of the overview: the cursor goes there; a second
 * click on the cursor's pool opens it. */
static bool memory_click(Tui *t, const Hit *hit, int x)
{
    MemoryView *v = &t->mem;
    unsigned a = (unsigned)((hit->tag >> 20) & 0xfffff), p = (unsigned)(hit->tag & 0xfffff) + (unsigned)(x - hit->x);
    ObmallocArenaInfo ai;
    if (view_of(v) != VIEW_OVERVIEW || !arena_carved(t->s->heap->mem, a, &ai) || p >= ai.ncarved)
        return false;
    if (v->cursor && v->arena == a && v->pool == p)
        return memory_key(t, TK_ENTER);
    v->cursor = true;
    v->arena = a;
    v->pool = p;
    return true;
}

const PaneClass memory_pane = {.name = "Memory", .draw = memory_draw, .key = memory_key,
                               .click = memory_click};
