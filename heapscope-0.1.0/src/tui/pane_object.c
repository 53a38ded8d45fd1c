/* The Object pane: the selected object's memory drawn as the boxes
 * teachers draw -- layout.c lays it out: pre-header, GC header, ob_refcnt,
 * ob_type and the type's own fields at their offsets with their real
 * values, and each separately allocated part (a list's item array, a
 * dict's keys and values) as a block of its own -- then the obmalloc
 * blocks it occupies, and its referents and referrers.  Every row that
 * points at an object is selectable. */
#include <stdlib.h>
#include <string.h>

#include "tui/layout.h"
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

/* How the layout boxes fit a pane: the box's inner width and whether the
 * section titles go to the right of the box or into its top edge. */
typedef struct BoxGeom {
    int cw;            /* columns between the box's side borders */
    bool titles_right;
} BoxGeom;

/* The box geometry for a pane WIDTH columns wide whose widest section
 * title is TITLEW columns: titles to the right when the box keeps 40
 * columns, else in its top edges. */
static BoxGeom box_geom(int width, int titlew)
{
    int avail = width - 9;             /* offset column, a space, two borders, a margin */
    BoxGeom g = {avail - 1 - titlew, true};
    if (g.cw < 40) {
        g.titles_right = false;
        g.cw = avail;
    }
    g.cw = g.cw > 52 ? 52 : g.cw < 12 ? 12 : g.cw;
    return g;
}

/* The widest section title of LAY. */
static int title_width(const Layout *lay)
{
    int w = 0;
    for (size_t i = 0; i < lay->n; i++)
        if (lay->rows[i].kind == LAYOUT_SECTION) {
            int n = draw_width(lay->rows[i].text, strlen(lay->rows[i].text));
            w = n > w ? n : w;
        }
    return w;
}

/* Append TEXT to B cut to W columns (an ellipsis marks a cut), padded. */
static void put_fit(const Canvas *cv, StrBuf *b, const char *text, int w)
{
    int used = 0;
    size_t i = 0, n = strlen(text);
    while (i < n) {
        size_t len = 1;
        while (i + len < n && ((unsigned char)text[i + len] & 0xc0) == 0x80)
            len++;
        int cw = draw_width(text + i, len);
        bool last = i + len >= n;
        if (used + cw > w - (last ? 0 : 1)) {
            if (!last || used + cw > w) {
                draw_put_glyph(cv, b, G_ELLIPSIS);
                used++;
            }
            break;
        }
        strbuf_append(b, text + i, len);
        used += cw;
        i += len;
    }
    for (; used < w; used++)
        strbuf_putc(b, ' ');
}

/* Append the offset column of ROW (blank when it has none or HIDE). */
static void put_offset(StrBuf *b, const LayoutRow *row, bool hide)
{
    if (row->has_off && !hide)
        strbuf_printf(b, "%5lld ", (long long)row->off);
    else
        strbuf_puts(b, "      ");
}

/* Append N horizontal lines to B. */
static void put_hline(const Canvas *cv, StrBuf *b, int n)
{
    for (int i = 0; i < n; i++)
        draw_put_glyph(cv, b, G_HLINE);
}

/* The widest field name from row I to the end of its section. */
static int name_width(const Layout *lay, size_t i)
{
    int w = 0;
    for (; i < lay->n && lay->rows[i].kind == LAYOUT_FIELD; i++) {
        int n = draw_width(lay->rows[i].name, strlen(lay->rows[i].name));
        w = n > w ? n : w;
    }
    return w > 20 ? 20 : w;
}

/* Add the top edge of a section (a corner when FIRST in its block). */
static void section_row(const Canvas *cv, BoxGeom g, const LayoutRow *row, bool first,
                        Rows *rows)
{
    StrBuf b = {0};
    put_offset(&b, row, false);
    draw_put_glyph(cv, &b, first ? G_TL : G_LTEE);
    if (g.titles_right) {
        put_hline(cv, &b, g.cw);
        draw_put_glyph(cv, &b, first ? G_TR : G_RTEE);
        strbuf_printf(&b, " %s", row->text);
    } else {
        StrBuf t = {0};
        int tw = draw_width(row->text, strlen(row->text));
        tw = tw > g.cw - 3 ? g.cw - 3 : tw;
        draw_put_glyph(cv, &b, G_HLINE);
        strbuf_putc(&b, ' ');
        put_fit(cv, &t, row->text, tw);
        strbuf_printf(&b, "%s ", strbuf_cstr(&t));
        put_hline(cv, &b, g.cw - tw - 3);
        draw_put_glyph(cv, &b, first ? G_TR : G_RTEE);
        strbuf_free(&t);
    }
    rows_add(rows, ST_BORDER, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
}

/* Add one field row: offset, name padded to NAMEW, an arrow for
 * pointers, the value; selectable when it points at an object. */
static void field_row(const Canvas *cv, BoxGeom g, const LayoutRow *row, int namew,
                      bool hide_off, Rows *rows)
{
    StrBuf content = {0}, b = {0};
    strbuf_puts(&content, row->name);
    for (int w = draw_width(row->name, strlen(row->name)); w < namew + 2; w++)
        strbuf_putc(&content, ' ');
    if (row->pointer) {
        put_hline(cv, &content, 2);
        draw_put_glyph(cv, &content, G_MARK);
        strbuf_putc(&content, ' ');
    }
    strbuf_puts(&content, row->text);
    put_offset(&b, row, hide_off);
    draw_put_glyph(cv, &b, G_VLINE);
    strbuf_putc(&b, ' ');
    put_fit(cv, &b, strbuf_cstr(&content), g.cw - 2);
    strbuf_putc(&b, ' ');
    draw_put_glyph(cv, &b, G_VLINE);
    rows_add_id(rows, row->dim ? ST_DIM : ST_NORMAL, row->target, "%s", strbuf_cstr(&b));
    strbuf_free(&content);
    strbuf_free(&b);
}

/* Add the bottom edge of a block. */
static void end_row(const Canvas *cv, BoxGeom g, const LayoutRow *row, Rows *rows)
{
    StrBuf b = {0};
    put_offset(&b, row, false);
    draw_put_glyph(cv, &b, G_BL);
    put_hline(cv, &b, g.cw);
    draw_put_glyph(cv, &b, G_BR);
    rows_add(rows, ST_BORDER, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
}

/* R's memory drawn as boxes: the main block, then each separate part. */
static void layout_rows(Tui *t, const Canvas *cv, Ref r, int width, Rows *rows)
{
    Layout lay = {0};
    layout_object(t->s->heap, r, &lay);
    BoxGeom g = box_geom(width, title_width(&lay));
    bool first = true;
    int namew = 0;
    int64_t section_off = 0;
    bool first_field = false;
    for (size_t i = 0; i < lay.n; i++) {
        const LayoutRow *row = &lay.rows[i];
        switch (row->kind) {
        case LAYOUT_CAPTION:
            rows_add(rows, ST_BOLD, "%s", row->text);
            first = true;
            break;
        case LAYOUT_SECTION:
            section_row(cv, g, row, first, rows);
            first = false;
            namew = name_width(&lay, i + 1);
            section_off = row->off;
            first_field = true;
            break;
        case LAYOUT_FIELD:
            field_row(cv, g, row, namew, first_field && row->has_off && row->off == section_off,
                      rows);
            first_field = false;
            break;
        case LAYOUT_END:
            end_row(cv, g, row, rows);
            first = true;
            break;
        }
    }
    layout_free(&lay);
}

/* The summary line, then the layout. */
static void header_rows(Tui *t, const Canvas *cv, Ref r, int width, Rows *rows)
{
    Heap *h = t->s->heap;
    StrBuf val = {0};
    inspect_repr(h, r, INSPECT_REPR_MAX, &val);
    rows_add(rows, ST_BOLD, "getsizeof %zu  value %s", inspect_sizeof(h, r), strbuf_cstr(&val));
    strbuf_free(&val);
    layout_rows(t, cv, r, width, rows);
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
        header_rows(t, cv, ref, tui_inner(r).w, &rows);
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
