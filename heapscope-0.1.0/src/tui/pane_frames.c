/* The Frames pane: the call stack, outermost first, each frame's names
 * and the objects they are bound to.  A name's row selects its object. */
#include <string.h>

#include "tui/tui_int.h"

/* What one frame's rows need while its names are visited. */
typedef struct FrameRows {
    Tui *t;
    Rows *rows;
    const char *arrow;
    int width;
} FrameRows;

/* Add a row "NAME -> id TYPE rc=N VALUE" (an InspectNameFn). */
static void name_row(Heap *h, const char *name, Ref v, void *arg)
{
    FrameRows *fr = arg;
    if (!tui_user_name(fr->t, name, v))
        return;
    StrBuf b = {0};
    tui_describe(fr->t, v, fr->width, &b);
    Style st = (fr->t->m.flags[v] & TF_CHANGED) ? ST_CHANGED : ST_NORMAL;
    rows_add_id(fr->rows, st, h->objs[v].addr, "  %s %s %s", name, fr->arrow,
                strbuf_cstr(&b));
    strbuf_free(&b);
}

/* The call stack, outermost first: each frame's names and their objects
 * (after the end, the module's globals). */
static void frames_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Vm *vm = t->s->vm;
    Heap *h = t->s->heap;
    char title[64];
    snprintf(title, sizeof title, "Frames  %d", vm->nframes);
    draw_box(cv, r, title, focus);
    Rect in = tui_inner(r);
    Rows rows = {0};
    StrBuf arrow = {0};
    if (cv->ascii)
        strbuf_puts(&arrow, "->");
    else
        draw_put_glyph(cv, &arrow, G_POINT);
    FrameRows fr = {t, &rows, strbuf_cstr(&arrow), in.w};
    for (int i = 0; i < vm->nframes; i++) {
        const Frame *f = vm->frames[i];
        rows_add(&rows, ST_BOLD, "%s  line %d", inspect_frame_name(h, f), f->line);
        inspect_frame_locals(h, f, name_row, &fr);
    }
    Ref g = inspect_globals(t->s);
    if (vm->nframes == 0 && g && t->s->status != SESSION_READY) {
        rows_add(&rows, ST_BOLD, "<module>  (%s)", inspect_status_name(t->s));
        inspect_dict_names(h, g, name_row, &fr);
    } else if (vm->nframes == 0 && g) {
        rows_add(&rows, ST_BOLD, "<module>  (globals)");
        inspect_dict_names(h, g, name_row, &fr);
    }
    if (rows.n == 0)
        rows_add(&rows, ST_DIM, "(no frames: %s)", inspect_status_name(t->s));
    strbuf_free(&arrow);
    rows_show(t, PANE_FRAMES, cv, in, &rows, &t->scroll[PANE_FRAMES], false);
}

const PaneClass frames_pane = {.name = "Frames", .draw = frames_draw};
