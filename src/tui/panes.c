/* The panes: each is a PaneClass whose draw() reads the snapshot in the
 * Tui (never the heap) and draws into its rectangle of the canvas.  Most
 * panes build a list of rows and show a window of it (rows_show), so
 * scrolling works the same way everywhere. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/heap.h"
#include "tui/tui_int.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* A pane's content: lines of text, each with one style. */
typedef struct Rows {
    char **text;
    Style *st;
    int n, cap;
} Rows;

/* Add a formatted row of style ST. */
static void rows_add(Rows *r, Style st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void rows_add(Rows *r, Style st, const char *fmt, ...)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 32;
        r->text = xrealloc(r->text, (size_t)r->cap * sizeof *r->text);
        r->st = xrealloc(r->st, (size_t)r->cap * sizeof *r->st);
    }
    StrBuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    r->text[r->n] = strbuf_steal(&b);
    r->st[r->n++] = st;
}

/* Show the rows in R, starting SCROLL rows after the default top (the
 * first row, or the last page when FROM_BOTTOM); clamps *SCROLL. */
static void rows_show(Canvas *cv, Rect r, Rows *rows, int *scroll, bool from_bottom)
{
    int last = rows->n > r.h ? rows->n - r.h : 0;
    int base = from_bottom ? last : 0;
    int top = base + *scroll;
    top = top < 0 ? 0 : top > last ? last : top;
    *scroll = top - base;
    for (int i = 0; i < r.h && top + i < rows->n; i++) {
        Style st = rows->st[top + i];
        if (st == ST_CURRENT || st == ST_BAR)
            draw_clear(cv, (Rect){r.x, r.y + i, r.w, 1}, st);
        draw_text(cv, r.x, r.y + i, r.w, st, rows->text[top + i]);
    }
    for (int i = 0; i < rows->n; i++)
        free(rows->text[i]);
    free(rows->text);
    free(rows->st);
}

/* The inside of a box drawn around R. */
static Rect inner(Rect r)
{
    return (Rect){r.x + 2, r.y + 1, r.w - 3, r.h - 2};
}

/* ---- Source ---- */

/* True when LINE is a narration comment (`#:`). */
static bool is_narration(const char *line)
{
    line += strspn(line, " \t");
    return line[0] == '#' && line[1] == ':';
}

/* The script with line numbers: the next line marked, run lines dimmed. */
static void source_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    char title[256];
    const char *base = strrchr(t->name, '/') ? strrchr(t->name, '/') + 1 : t->name;
    snprintf(title, sizeof title, "Source  %s", base);
    draw_box(cv, r, title, focus);
    Rect in = inner(r);
    int cur = t->s->status == SESSION_READY ? (int)tui_int(t->snap, "line") : 0;
    int numw = snprintf(NULL, 0, "%d", t->nlines > 0 ? t->nlines : 1);
    Rows rows = {0};
    char mark[8];
    StrBuf m = {0};
    draw_put_glyph(cv, &m, G_MARK);
    snprintf(mark, sizeof mark, "%s", strbuf_cstr(&m));
    strbuf_free(&m);
    for (int ln = 1; ln <= t->nlines; ln++) {
        const char *txt = t->lines[ln - 1];
        Style st = ln == cur ? ST_CURRENT : is_narration(txt) ? ST_CAPTION
                 : t->ran[ln] ? ST_DIM : ST_NORMAL;
        rows_add(&rows, st, "%s%*d  %s", ln == cur ? mark : " ", numw, ln, txt);
    }
    if (t->nlines == 0)
        rows_add(&rows, ST_DIM, "(empty session)");
    int want = cur > 0 ? cur - 1 - in.h / 2 : 0;
    int scroll = want + t->scroll[PANE_SOURCE];
    rows_show(cv, in, &rows, &scroll, false);
    t->scroll[PANE_SOURCE] = scroll - want;
}

/* ---- Frames ---- */

/* Append "TYPE rc=N VALUE" for object ID to B. */
static void describe(Tui *t, uint64_t id, int width, StrBuf *b)
{
    char sid[32];
    json_t *o = tui_object(t, id, NULL);
    strbuf_printf(b, "%s", tui_short_id(id, width, sid, sizeof sid));
    if (!o)
        return;
    if (json_is_true(json_object_get(o, "immortal")))
        strbuf_printf(b, " %s imm %s", tui_str(o, "type"), tui_str(o, "repr"));
    else
        strbuf_printf(b, " %s rc=%lld %s", tui_str(o, "type"), tui_int(o, "refcount"),
                      tui_str(o, "repr"));
}

/* The call stack, outermost first: each frame's names and their objects. */
static void frames_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    json_t *frames = tui_frames(t);
    char title[64];
    snprintf(title, sizeof title, "Frames  %zu", json_array_size(json_object_get(t->snap, "frames")));
    draw_box(cv, r, title, focus);
    Rect in = inner(r);
    Rows rows = {0};
    StrBuf arrow = {0};
    if (cv->ascii)
        strbuf_puts(&arrow, "->");
    else
        draw_put_glyph(cv, &arrow, G_POINT);
    size_t i;
    json_t *f;
    json_array_foreach(frames, i, f) {
        if (json_object_get(f, "line"))
            rows_add(&rows, ST_BOLD, "%s  line %lld", tui_str(f, "function"), tui_int(f, "line"));
        else
            rows_add(&rows, ST_BOLD, "%s  (%s)", tui_str(f, "function"), tui_str(t->snap, "status"));
        const char *name;
        json_t *v;
        json_object_foreach(json_object_get(f, "locals"), name, v) {
            if (!tui_user_name(t, name, tui_object(t, (uint64_t)json_integer_value(v), NULL)))
                continue;
            StrBuf b = {0};
            describe(t, (uint64_t)json_integer_value(v), in.w, &b);
            rows_add(&rows, ST_NORMAL, "  %s %s %s", name, strbuf_cstr(&arrow), strbuf_cstr(&b));
            strbuf_free(&b);
        }
    }
    if (rows.n == 0)
        rows_add(&rows, ST_DIM, "(no frames: %s)", tui_str(t->snap, "status"));
    strbuf_free(&arrow);
    rows_show(cv, in, &rows, &t->scroll[PANE_FRAMES], false);
}

/* ---- Heap ---- */

/* The heap's objects: all, or (by default) those the script made or names. */
static void heap_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Rect in = inner(r);
    bool wide = in.w >= 70;
    Rows rows = {0};
    long long bytes = 0;
    size_t shown = 0, garbage = 0;
    StrBuf mark = {0};
    draw_put_glyph(cv, &mark, G_GARBAGE);
    t->nshown = 0;
    free(t->shown);
    t->shown = xmalloc((t->nobjs + 1) * sizeof *t->shown);
    int sel = -1;
    for (size_t i = 0; i < t->nobjs; i++) {
        json_t *o = t->objs[i];
        bool imm = json_is_true(json_object_get(o, "immortal"));
        bool dead = !(t->flags[i] & TF_REACH) && !imm;
        bytes += tui_int(o, "size");
        garbage += dead;
        if (!t->all_objects && !dead && !(t->flags[i] & TF_USER))
            continue;
        shown++;
        uint64_t id = (uint64_t)tui_int(o, "id");
        if (id == t->selected)
            sel = rows.n;
        t->shown[t->nshown++] = id;
        char sid[32], rc[24], gen[8];
        json_t *gc = json_object_get(o, "gc");
        snprintf(rc, sizeof rc, imm ? "imm" : "%lld", tui_int(o, "refcount"));
        snprintf(gen, sizeof gen, json_is_true(json_object_get(gc, "tracked")) ? "g%lld" : "-",
                 tui_int(gc, "generation"));
        rows_add(&rows, id == t->selected && focus ? ST_CURRENT : dead ? ST_GARBAGE
                 : (t->flags[i] & TF_CHANGED) ? ST_CHANGED : ST_NORMAL,
                 "%s%-*s %-*.*s %5lld %4s %-3s %s",
                 dead ? strbuf_cstr(&mark) : " ", wide ? 14 : 5,
                 tui_short_id((uint64_t)tui_int(o, "id"), in.w, sid, sizeof sid),
                 wide ? 14 : 8, wide ? 14 : 8, tui_str(o, "type"), tui_int(o, "size"), rc, gen,
                 tui_str(o, "repr"));
    }
    strbuf_free(&mark);
    char title[160];
    int n = snprintf(title, sizeof title, "Heap  %zu/%zu objects", shown, t->nobjs);
    if (garbage)
        n += snprintf(title + n, sizeof title - n, ", %zu unreachable", garbage);
    snprintf(title + n, sizeof title - n, ", %lld B", bytes);
    draw_box(cv, r, title, focus);
    if (in.h < 1)
        return;
    draw_printf(cv, in.x, in.y, in.w, ST_BOLD, " %-*s %-*s %5s %4s %-3s %s", wide ? 14 : 5, "id",
                wide ? 14 : 8, "type", "size", "rc", "gen", "value");
    in.y++;
    in.h--;
    if (sel >= 0 && focus) {     /* keep the selection in view */
        if (sel < t->scroll[PANE_HEAP])
            t->scroll[PANE_HEAP] = sel;
        else if (sel >= t->scroll[PANE_HEAP] + in.h)
            t->scroll[PANE_HEAP] = sel - in.h + 1;
    }
    rows_show(cv, in, &rows, &t->scroll[PANE_HEAP], false);
}

/* ---- GC ---- */

/* The three generations: count against threshold, members. */
static void gc_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    json_t *gc = json_object_get(t->snap, "gc");
    json_t *last = json_object_get(gc, "last_collection");
    char title[128];
    int n = snprintf(title, sizeof title, "GC  %s", json_is_true(json_object_get(gc, "enabled"))
                     ? "enabled" : "disabled");
    if (json_is_object(last))
        snprintf(title + n, sizeof title - n, "  last: gen%lld, %lld collected",
                 tui_int(last, "generation"), tui_int(last, "collected"));
    draw_box(cv, r, title, focus);
    Rows rows = {0};
    for (size_t g = 0; g < 3; g++) {
        json_t *gen = json_array_get(json_object_get(gc, "generations"), g);
        rows_add(&rows, ST_NORMAL, "gen%zu %5lld/%-5lld %6lld objects  %lld collections", g,
                 (long long)json_integer_value(json_array_get(json_object_get(gc, "counts"), g)),
                 (long long)json_integer_value(json_array_get(json_object_get(gc, "thresholds"), g)),
                 tui_int(gen, "objects"), tui_int(gen, "collections"));
    }
    rows_show(cv, inner(r), &rows, &t->scroll[PANE_GC], false);
}

/* ---- Memory ---- */

/* The glyph for a pool with USED of TOTAL blocks in use. */
static Glyph pool_glyph(long long used, long long total)
{
    if (used <= 0 || total <= 0)
        return G_SHADE0;
    long long q = 4 * used / total;
    return q == 0 ? G_SHADE1 : q == 1 ? G_SHADE2 : q == 2 ? G_SHADE3 : G_SHADE4;
}

/* Arenas as rows of pools, each shaded by how full it is. */
static void memory_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    json_t *al = json_object_get(t->snap, "allocator");
    json_t *arenas = json_object_get(al, "arenas"), *large = json_object_get(al, "large");
    char title[160];
    snprintf(title, sizeof title, "Memory  %zu arena%s, %lld blocks", json_array_size(arenas),
             json_array_size(arenas) == 1 ? "" : "s", tui_int(al, "allocated_blocks"));
    draw_box(cv, r, title, focus);
    Rect in = inner(r);
    Rows rows = {0};
    int per = in.w - 5 > 8 ? in.w - 5 : 8;
    size_t i;
    json_t *a;
    json_array_foreach(arenas, i, a) {
        json_t *pools = json_object_get(a, "pools");
        size_t np = json_array_size(pools);
        for (size_t p0 = 0; p0 == 0 || p0 < np; p0 += (size_t)per) {
            StrBuf b = {0};
            if (p0 == 0)
                strbuf_printf(&b, "a%-3lld ", tui_int(a, "arena"));
            else
                strbuf_puts(&b, "     ");
            for (size_t p = p0; p < np && p < p0 + (size_t)per; p++) {
                json_t *pl = json_array_get(pools, p);
                draw_put_glyph(cv, &b, pool_glyph(tui_int(pl, "used_blocks"), tui_int(pl, "total_blocks")));
            }
            rows_add(&rows, ST_NORMAL, "%s", strbuf_cstr(&b));
            strbuf_free(&b);
        }
    }
    rows_add(&rows, ST_DIM, "large: %lld blocks, %lld bytes", tui_int(large, "blocks"),
             tui_int(large, "bytes"));
    rows_show(cv, in, &rows, &t->scroll[PANE_MEMORY], false);
}

/* ---- Console ---- */

/* Add each line of TEXT as a row of style ST. */
static void add_lines(Rows *rows, const char *text, Style st)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        rows_add(rows, st, "%.*s", (int)n, text);
        text += n + (text[n] == '\n');
    }
}

/* The program's output, then its errors; the end stays in view. */
static void console_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    draw_box(cv, r, "Console", focus);
    Rows rows = {0};
    add_lines(&rows, tui_str(t->snap, "stdout"), ST_NORMAL);
    add_lines(&rows, tui_str(t->snap, "stderr"), ST_ERROR);
    if (rows.n == 0)
        rows_add(&rows, ST_DIM, "(no output yet)");
    rows_show(cv, inner(r), &rows, &t->scroll[PANE_CONSOLE], true);
}

/* ---- Object ---- */

/* The heap slot of the live object at ADDR, or 0. */
static Ref find_ref(const Heap *h, uint64_t addr)
{
    for (Ref r = 1; r < h->nslots; r++)
        if (h->objs[r].kind != K_FREE && h->objs[r].addr == addr)
            return r;
    return 0;
}

/* Append where block B lives ("arena 0 pool 3 block 7, 64-byte class"). */
static void where_into(const HeapBlock *b, StrBuf *s)
{
    if (!b->located)
        strbuf_puts(s, "not in obmalloc");
    else if (b->where.large)
        strbuf_printf(s, "large (system malloc), %zu B", b->where.block_size);
    else
        strbuf_printf(s, "arena %u pool %u block %u, %zu-byte class %u", b->where.arena,
                      b->where.pool, b->where.block, b->where.block_size, b->where.size_class);
}

/* The selected object's memory: header fields by offset, its blocks, and
 * what it refers to. */
static void object_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    json_t *o = tui_object(t, t->selected, NULL);
    char title[160], sid[32];
    snprintf(title, sizeof title, "Object  %s %s", tui_short_id(t->selected, 99, sid, sizeof sid),
             o ? tui_str(o, "type") : "");
    draw_box(cv, r, title, focus);
    Rows rows = {0};
    Heap *h = t->s->heap;
    Ref ref = o ? find_ref(h, t->selected) : 0;
    if (!ref) {
        rows_add(&rows, ST_DIM, "(select an object in the Heap pane)");
        rows_show(cv, inner(r), &rows, &t->scroll[PANE_OBJECT], false);
        return;
    }
    long long pre = (long long)heap_object_prefix(h, ref), size = tui_int(o, "size");
    json_t *gc = json_object_get(o, "gc");
    if (pre >= 16)
        rows_add(&rows, ST_DIM, "%+5lld  PyGC_Head  _gc_next _gc_prev  %s", -pre,
                 json_is_true(json_object_get(gc, "tracked")) ? "tracked" : "untracked");
    if (json_is_true(json_object_get(o, "immortal")))
        rows_add(&rows, ST_NORMAL, "%+5d  ob_refcnt  immortal", 0);
    else
        rows_add(&rows, ST_NORMAL, "%+5d  ob_refcnt  %lld", 0, tui_int(o, "refcount"));
    rows_add(&rows, ST_NORMAL, "%+5d  ob_type    %s", 8, tui_str(o, "type"));
    rows_add(&rows, ST_NORMAL, "%+5d  ...        %s's own fields", 16, tui_str(o, "type"));
    rows_add(&rows, ST_BOLD, "getsizeof %lld  value %s", size, tui_str(o, "repr"));
    HeapBlock blk[16];
    size_t n = heap_object_blocks(h, ref, blk, 16);
    if (n == 0)
        rows_add(&rows, ST_DIM, "static memory (no obmalloc block)");
    for (size_t i = 0; i < n && i < 16; i++) {
        StrBuf b = {0};
        where_into(&blk[i], &b);
        rows_add(&rows, ST_NORMAL, "%s %s", i == 0 ? "block" : blk[i].part, strbuf_cstr(&b));
        strbuf_free(&b);
    }
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(o, "referents"), i, v) {
        json_t *to = tui_object(t, (uint64_t)json_integer_value(v), NULL);
        rows_add(&rows, ST_DIM, "%s %s %s", i == 0 ? "refers to" : "         ",
                 tui_short_id((uint64_t)json_integer_value(v), 0, sid, sizeof sid),
                 to ? tui_str(to, "type") : "?");
    }
    rows_show(cv, inner(r), &rows, &t->scroll[PANE_OBJECT], false);
}

static const PaneClass source_pane = {.name = "Source", .draw = source_draw};
static const PaneClass frames_pane = {.name = "Frames", .draw = frames_draw};
static const PaneClass heap_pane = {.name = "Heap", .draw = heap_draw};
static const PaneClass gc_pane = {.name = "GC", .draw = gc_draw};
static const PaneClass memory_pane = {.name = "Memory", .draw = memory_draw};
static const PaneClass console_pane = {.name = "Console", .draw = console_draw};
static const PaneClass object_pane = {.name = "Object", .draw = object_draw};

const PaneClass *const tui_panes[NPANES] = {
    [PANE_SOURCE] = &source_pane, [PANE_FRAMES] = &frames_pane, [PANE_HEAP] = &heap_pane,
    [PANE_GC] = &gc_pane, [PANE_MEMORY] = &memory_pane, [PANE_CONSOLE] = &console_pane,
    [PANE_OBJECT] = &object_pane,
};
