/* The GC pane: the three generations with their counts against the
 * thresholds and their members, and, after a step in which a collection
 * ran, that pass phase by phase (`x`): each phase's objects with their
 * gc_refs and whether they are reachable, with a line on what the phase
 * does.  The phases come from the trace the collector records
 * (gc_last_trace), so they show what the simulated gc.c really did. */
#include <string.h>

#include "sim/gc.h"
#include "tui/tui_int.h"

/* Members listed per generation before "... N more". */
enum { MEMBERS_MAX = 200 };

/* What each phase does, one line each. */
static const char *const phase_help[GC_NPHASES] = {
    [GC_PHASE_UPDATE_REFS] = "gc_refs = ob_refcnt for every object of the generations collected",
    [GC_PHASE_SUBTRACT_REFS] = "each reference from inside the set takes one off its target's "
                               "gc_refs: what is left comes from outside",
    [GC_PHASE_MOVE_UNREACHABLE] = "gc_refs > 0 is reachable from outside, and so is all it "
                                  "reaches; the rest is tentatively unreachable",
    [GC_PHASE_FINALIZE] = "PEP 442: __del__ runs once for each unreachable object that has one; "
                          "resurrected objects survive",
    [GC_PHASE_DELETE] = "tp_clear breaks the garbage's references; refcounts fall to 0 and the "
                        "objects are freed",
};

/* The total number of collections run so far. */
long long gc_pane_collections(Heap *h)
{
    long long n = 0;
    for (int i = 0; i < GC_NGENS; i++)
        n += (long long)gc_stats(h, i)->collections;
    return n;
}

/* Add the members of generation G (up to MEMBERS_MAX) as selectable rows. */
static void member_rows(Tui *t, int g, int width, Rows *rows)
{
    Heap *h = t->s->heap;
    GcGeneration *gen = &gc_generations(h)[g];
    Ref r = gen->head;
    for (size_t i = 0; i < gen->n && i < MEMBERS_MAX; i++, r = h->objs[r].gc_next) {
        StrBuf b = {0};
        tui_describe(t, r, width, &b);
        rows_add_id(rows, model_is_garbage(&t->m, r) ? ST_GARBAGE : ST_NORMAL, h->objs[r].addr,
                    "  %s", strbuf_cstr(&b));
        strbuf_free(&b);
    }
    if (gen->n > MEMBERS_MAX)
        rows_add(rows, ST_DIM, "  ... %zu more", gen->n - MEMBERS_MAX);
}

/* The generations: count against threshold; members when there is room. */
static void generation_rows(Tui *t, Rect in, Rows *rows)
{
    Heap *h = t->s->heap;
    GcGeneration *g = gc_generations(h);
    bool members = in.h > GC_NGENS;
    for (int i = 0; i < GC_NGENS; i++) {
        rows_add(rows, members ? ST_BOLD : ST_NORMAL, "gen%d %5lld/%-5lld %6zu objects  %zu collections",
                 i, (long long)g[i].count, (long long)g[i].threshold, g[i].n,
                 (size_t)gc_stats(h, i)->collections);
        if (members)
            member_rows(t, i, in.w, rows);
    }
}

/* The state of a trace entry after phase P. */
static const char *entry_state(const GcTrace *tr, int p, const GcTraceEntry *e)
{
    if (p == GC_PHASE_FINALIZE)
        return "__del__ ran";
    if (p == GC_PHASE_DELETE)
        return "cleared, freed";
    if (p < GC_PHASE_MOVE_UNREACHABLE)
        return "";
    if (e->unreachable)
        return "unreachable";
    return tr->generation < GC_NGENS - 1 ? "reachable, promoted" : "reachable";
}

/* Rows for phase P of the last collection. */
static void phase_rows(Tui *t, const GcTrace *tr, int p, int width, Rows *rows)
{
    Heap *h = t->s->heap;
    rows_add(rows, ST_BOLD, "phase %d/%d  %s", p + 1, GC_NPHASES, gc_phase_name((GcPhase)p));
    rows_add(rows, ST_CAPTION, "%s", phase_help[p]);
    if (p == GC_PHASE_MOVE_UNREACHABLE && tr->generation < GC_NGENS - 1)
        rows_add(rows, ST_CAPTION, "survivors move to gen%d", tr->generation + 1);
    if (tr->n[p] == 0)
        rows_add(rows, ST_DIM, "(no objects in this phase)");
    size_t others = 0;
    for (size_t i = 0; i < tr->n[p]; i++) {
        const GcTraceEntry *e = &tr->entries[p][i];
        Ref r = model_find(&t->m, e->addr);
        bool alive = r && h->objs[r].kind == e->kind;
        if (alive && !e->unreachable && !t->all_objects && !(t->m.flags[r] & TF_USER)) {
            others++;            /* the interpreter's own objects: counted, not listed */
            continue;
        }
        char sid[32];
        rows_add_id(rows, e->unreachable ? ST_GARBAGE : ST_NORMAL, alive ? e->addr : 0,
                    "  %s %-10s gc_refs=%-3lld %s%s", tui_short_id(e->addr, width, sid, sizeof sid),
                    e->kind == K_INSTANCE ? "instance" : kind_ops[e->kind] ? kind_ops[e->kind]->name : "?", (long long)e->gc_refs,
                    entry_state(tr, p, e), alive ? "" : " (gone)");
    }
    if (others)
        rows_add(rows, ST_DIM, "  + %zu of the interpreter's objects (a: list them too)", others);
    if (p == GC_NPHASES - 1)
        rows_add(rows, ST_BOLD, "result: %zu collected, %zu uncollectable", tr->collected,
                 tr->uncollectable);
}

/* The generations, or the phase of the last pass being stepped through. */
static void gc_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    Heap *h = t->s->heap;
    const GcTrace *last = gc_last_trace(h);
    bool valid = last && last->valid;
    char title[128];
    int n = snprintf(title, sizeof title, "GC  %s", gc_is_enabled(h) ? "enabled" : "disabled");
    if (valid)
        snprintf(title + n, sizeof title - n, "  last: gen%d, %zu collected", last->generation,
                 last->collected);
    draw_box(cv, r, title, focus);
    Rect in = tui_inner(r);
    Rows rows = {0};
    if (t->gc_phase >= 0 && valid)
        phase_rows(t, last, t->gc_phase, in.w, &rows);
    else
        generation_rows(t, in, &rows);
    rows_show(t, PANE_GC, cv, in, &rows, &t->scroll[PANE_GC], false);
}

/* x: step through the last collection's phases (then leave). */
void gc_pane_next_phase(Tui *t)
{
    const GcTrace *last = gc_last_trace(t->s->heap);
    if (!last || !last->valid) {
        snprintf(t->message, sizeof t->message, "no collection has run yet");
        t->gc_phase = -1;
        return;
    }
    t->gc_phase = t->gc_phase + 1 >= GC_NPHASES ? -1 : t->gc_phase + 1;
    t->scroll[PANE_GC] = 0;
    if (t->gc_phase >= 0)
        snprintf(t->message, sizeof t->message, "GC pass, gen%d: phase %d of %d (x: next, X: back, Esc: leave)",
                 last->generation, t->gc_phase + 1, GC_NPHASES);
}

/* X: the previous phase of the last collection. */
void gc_pane_prev_phase(Tui *t)
{
    if (t->gc_phase > 0) {
        t->gc_phase--;
        t->scroll[PANE_GC] = 0;
    }
}

const PaneClass gc_pane = {.name = "GC", .draw = gc_draw};
