/* The Object pane: the selected object's memory as CPython lays it out
 * (GC header, ob_refcnt, ob_type, the type's own fields), the obmalloc
 * blocks it occupies, and its referents and referrers, each selectable. */
#include <stdlib.h>

#include "tui/tui_int.h"
#include "util/xalloc.h"

/* Append where block B lives ("arena 0 pool 3 block 7, 64-byte class 3"). */
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

/* The header fields by offset: GC header, ob_refcnt, ob_type. */
static void header_rows(Tui *t, Ref r, Rows *rows)
{
    Heap *h = t->s->heap;
    long long pre = (long long)heap_object_prefix(h, r);
    const char *type = heap_type_name(h, r);
    if (pre >= 16)
        rows_add(rows, ST_DIM, "%+5lld  PyGC_Head  _gc_next _gc_prev  %s", -pre,
                 h->objs[r].gen != GEN_UNTRACKED ? "tracked" : "untracked");
    if (inspect_is_immortal(h, r))
        rows_add(rows, ST_NORMAL, "%+5d  ob_refcnt  immortal", 0);
    else
        rows_add(rows, ST_NORMAL, "%+5d  ob_refcnt  %lld", 0, (long long)inspect_refcount(h, r));
    rows_add(rows, ST_NORMAL, "%+5d  ob_type    %s", 8, type);
    rows_add(rows, ST_NORMAL, "%+5d  ...        %s's own fields", 16, type);
    StrBuf val = {0};
    inspect_repr(h, r, INSPECT_REPR_MAX, &val);
    rows_add(rows, ST_BOLD, "getsizeof %zu  value %s", inspect_sizeof(h, r), strbuf_cstr(&val));
    strbuf_free(&val);
}

/* The blocks R occupies: its main block, then its separate parts. */
static void block_rows(Heap *h, Ref r, Rows *rows)
{
    HeapBlock blk[16];
    size_t n = heap_object_blocks(h, r, blk, 16);
    if (n == 0)
        rows_add(rows, ST_DIM, "static memory (no obmalloc block)");
    for (size_t i = 0; i < n && i < 16; i++) {
        StrBuf b = {0};
        where_into(&blk[i], &b);
        rows_add(rows, ST_NORMAL, "%s %s", i == 0 ? "block" : blk[i].part, strbuf_cstr(&b));
        strbuf_free(&b);
    }
}

/* Collects referents or referrers as rows. */
typedef struct RefRows {
    Tui *t;
    Rows *rows;
    const char *label;
    int n;
    Ref target;
    bool found;
} RefRows;

/* Add a row for referent R (a VisitFn). */
static void visit_referent(Heap *h, Ref r, void *arg)
{
    RefRows *rr = arg;
    char sid[32];
    rows_add_id(rr->rows, ST_DIM, h->objs[r].addr, "%-11s %s %s", rr->n++ == 0 ? rr->label : "",
                tui_short_id(h->objs[r].addr, 0, sid, sizeof sid), heap_type_name(h, r));
}

/* Note whether the object being traversed refers to the target (a VisitFn). */
static void visit_find(Heap *h, Ref r, void *arg)
{
    (void)h;
    RefRows *rr = arg;
    rr->found |= r == rr->target;
}

/* Add a row for each live object that refers to R. */
static void referrer_rows(Tui *t, Ref r, Rows *rows)
{
    Heap *h = t->s->heap;
    RefRows rr = {t, rows, "referred by", 0, r, false};
    for (size_t i = 0; i < t->m.norder; i++) {
        Ref o = t->m.order[i];
        const TypeOps *ops = heap_ops(h, o);
        rr.found = false;
        if (ops->traverse)
            ops->traverse(h, o, visit_find, &rr);
        if (rr.found)
            visit_referent(h, o, &rr);
    }
}

/* The selected object's memory: header fields by offset, its blocks,
 * what it refers to and what refers to it. */
static void object_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Heap *h = t->s->heap;
    Ref ref = model_find(&t->m, t->selected);
    char title[160], sid[32];
    snprintf(title, sizeof title, "Object  %s %s", tui_short_id(t->selected, 99, sid, sizeof sid),
             ref ? heap_type_name(h, ref) : "");
    draw_box(cv, r, title, focus);
    Rows rows = {0};
    if (!ref) {
        rows_add(&rows, ST_DIM, "(select an object in the Heap or Frames pane)");
    } else {
        header_rows(t, ref, &rows);
        block_rows(h, ref, &rows);
        RefRows rr = {t, &rows, "refers to", 0, 0, false};
        const TypeOps *ops = heap_ops(h, ref);
        if (ops->traverse)
            ops->traverse(h, ref, visit_referent, &rr);
        referrer_rows(t, ref, &rows);
    }
    rows_show(t, PANE_OBJECT, cv, tui_inner(r), &rows, &t->scroll[PANE_OBJECT], false);
}

const PaneClass object_pane = {.name = "Object", .draw = object_draw};
