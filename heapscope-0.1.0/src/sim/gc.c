/* The cyclic collector: generation lists, counters and collections.
 *
 * Design.  Tracked objects are linked on circular lists through
 * Obj.gc_next/gc_prev; Obj.gen names the list: 0..2 are the generations,
 * LIST_PERMANENT is gc.freeze()'s permanent generation and two work lists
 * play the roles of the collector's local PyGC_Head lists (unreachable,
 * seen / wrcb_to_call / still_unreachable).  gc_untrack works whatever the
 * list, so objects freed in the middle of a collection simply leave it, as
 * in CPython.
 *
 * A collection follows CPython's gc_collect_main phase by phase.  gc_refs
 * and the COLLECTING / UNREACHABLE marks, which CPython keeps in the
 * PyGC_Head bits, live in host arrays indexed by Ref for the duration of a
 * deduce_unreachable pass.  move_unreachable is CPython's single forward
 * walk: objects with gc_refs == 0 go tentatively to the unreachable list,
 * objects found reachable later are moved back to the tail of the young
 * list, so the unreachable set ends up in CPython's order -- the order in
 * which __del__ methods run and tp_clear breaks the cycles.
 *
 * Objects are only ever freed through decrefs (tp_clear), so refcounts stay
 * consistent for the heap validator. */
#include "sim/gc.h"

#include <stdlib.h>
#include <string.h>

#include "sim/dictobject.h"
#include "sim/floatobject.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"
#include "util/xalloc.h"

enum { LIST_PERMANENT = GC_NGENS, LIST_UNREACHABLE, LIST_WORK, NLISTS };

/* Per-object marks during a deduce_unreachable pass. */
enum { ST_NONE = 0, ST_COLLECTING, ST_UNREACHABLE };

typedef struct GcState {
    GcGeneration gen[NLISTS];
    bool enabled, collecting;
    bool tracing;              /* record the trace's per-object entries */
    int pending_gen;           /* collect_at_alloc: the generation chosen at the trigger */
    int count_at_trigger;      /* collect_at_alloc: count0 when the trigger fired */
    int debug;
    size_t long_lived_pending, long_lived_total;
    GcStats stats[GC_NGENS];
    Ref module;                /* the gc module (borrowed), or 0 */
    GcTrace trace;
    /* deduce_unreachable scratch, indexed by Ref (size cap) */
    int64_t *refs;
    uint8_t *st;
    uint32_t cap;
    uint8_t *framed;           /* codes that made their zombie frame (by Ref) */
    uint32_t capframed;
} GcState;

static GcState *state(const Heap *h) { return (GcState *)h->gc; }

/* Set up the generation lists with the profile's thresholds. */
void gc_init(Heap *h)
{
    GcState *s = xcalloc(1, sizeof *s);
    for (int g = 0; g < GC_NGENS; g++)
        s->gen[g].threshold = h->prof->gc_threshold[g];
    s->enabled = true;
    s->tracing = true;
    h->gc = s;
}

/* Release the collector's host memory. */
void gc_fini(Heap *h)
{
    GcState *s = state(h);
    if (!s)
        return;
    for (int p = 0; p < GC_NPHASES; p++)
        free(s->trace.entries[p]);
    free(s->refs);
    free(s->st);
    free(s->framed);
    free(s);
    h->gc = NULL;
}

/* heap_clone: copy SRC's collector state (generation lists, counters,
 * statistics, the last trace, the zombie-frame marks) into DST; the
 * deduce_unreachable scratch arrays are remade by the next collection. */
void gc_clone(const Heap *src, Heap *dst)
{
    const GcState *s = state(src);
    GcState *c = clone_memdup(s, sizeof *s);
    for (int p = 0; p < GC_NPHASES; p++)
        c->trace.entries[p] = clone_memdup(s->trace.entries[p],
                                           s->trace.cap[p] * sizeof *s->trace.entries[p]);
    c->refs = NULL;
    c->st = NULL;
    c->cap = 0;
    c->framed = clone_memdup(s->framed, s->capframed);
    dst->gc = c;
}

/* The generation table. */
GcGeneration *gc_generations(Heap *h)
{
    return state(h)->gen;
}

/* Link R at the tail of list G. */
static void gl_append(Heap *h, GcGeneration *g, Ref r)
{
    Obj *o = &h->objs[r];
    if (!g->head) {
        g->head = r;
        o->gc_next = o->gc_prev = r;
    } else {
        Ref tail = h->objs[g->head].gc_prev;
        o->gc_prev = tail;
        o->gc_next = g->head;
        h->objs[tail].gc_next = r;
        h->objs[g->head].gc_prev = r;
    }
    g->n++;
}

/* Unlink R from list G. */
static void gl_remove(Heap *h, GcGeneration *g, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->gc_next == r) {
        g->head = 0;
    } else {
        h->objs[o->gc_prev].gc_next = o->gc_next;
        h->objs[o->gc_next].gc_prev = o->gc_prev;
        if (g->head == r)
            g->head = o->gc_next;
    }
    o->gc_next = o->gc_prev = 0;
    g->n--;
}

/* Move tracked R to the tail of list TO (gc_list_move). */
static void gl_move(Heap *h, Ref r, int to)
{
    GcState *s = state(h);
    gl_remove(h, &s->gen[h->objs[r].gen], r);
    h->objs[r].gen = (uint8_t)to;
    gl_append(h, &s->gen[to], r);
}

/* Append list FROM to the tail of list TO, keeping the order (gc_list_merge). */
static void gl_merge(Heap *h, int from, int to)
{
    GcState *s = state(h);
    while (s->gen[from].head)
        gl_move(h, s->gen[from].head, to);
}

/* A snapshot of list L's members in order (host array; caller frees). */
static Ref *gl_snapshot(Heap *h, int l, size_t *n)
{
    GcGeneration *g = &state(h)->gen[l];
    Ref *v = xmalloc((g->n + 1) * sizeof *v);
    size_t k = 0;
    Ref r = g->head;
    for (size_t i = 0; i < g->n; i++, r = h->objs[r].gc_next)
        v[k++] = r;
    *n = k;
    return v;
}

/* Start tracking R in the youngest generation (_PyObject_GC_TRACK). */
void gc_track(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->gen != GEN_UNTRACKED)
        return;
    o->gen = 0;
    gl_append(h, &state(h)->gen[0], r);
}

/* Stop tracking R (_PyObject_GC_UNTRACK); no-op when untracked. */
void gc_untrack(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->gen == GEN_UNTRACKED)
        return;
    gl_remove(h, &state(h)->gen[o->gen], r);
    o->gen = GEN_UNTRACKED;
}

/* collect_generations' choice: the oldest generation whose count passed
 * its threshold (generation 2 only when enough long-lived objects are
 * pending), or -1. */
static int choose_generation(const GcState *s)
{
    for (int i = GC_NGENS - 1; i >= 0; i--) {
        if (s->gen[i].count <= s->gen[i].threshold)
            continue;
        if (i == GC_NGENS - 1 && s->long_lived_pending < s->long_lived_total / 4)
            continue;
        return i;
    }
    return -1;
}

/* Count one allocation of a GC object (gen0.count += 1); marks an automatic
 * collection pending when count0 passes threshold0.  Versions that collect
 * inside the allocation choose the generation now. */
void gc_on_alloc(Heap *h)
{
    GcState *s = state(h);
    s->gen[0].count++;
    if (h->gc_due || !(s->gen[0].count > s->gen[0].threshold && s->enabled
                       && s->gen[0].threshold && !s->collecting && !h->exc))
        return;
    h->gc_due = true;
    s->pending_gen = -1;
    if (h->prof->gc_collect_at_alloc) {
        s->pending_gen = choose_generation(s);
        s->count_at_trigger = s->gen[0].count;
    }
}

/* A frame for CODE is being made: 3.8 counts the GC allocation of a code
 * object's first frame (later calls reuse its zombie frame). */
void gc_on_frame(Heap *h, Ref code)
{
    GcState *s = state(h);
    if (!h->prof->gc_frame_objects)
        return;
    if (code >= s->capframed) {
        uint32_t old = s->capframed;
        s->capframed = code * 2 + 64;
        s->framed = xrealloc(s->framed, s->capframed);
        memset(s->framed + old, 0, s->capframed - old);
    }
    if (!s->framed[code]) {
        s->framed[code] = 1;
        gc_on_alloc(h);
    }
}

/* Count one deallocation of a GC object (gen0.count -= 1, not below 0). */
void gc_on_free(Heap *h)
{
    if (state(h)->gen[0].count > 0)
        state(h)->gen[0].count--;
}

/* Visit what R's tp_traverse reports to the collector (TypeOps.gc_traverse,
 * else traverse); nothing for kinds without one. */
void gc_traverse_obj(Heap *h, Ref r, VisitFn visit, void *arg)
{
    const TypeOps *ops = heap_ops(h, r);
    if (ops && ops->gc_traverse)
        ops->gc_traverse(h, r, visit, arg);
    else if (ops && ops->traverse)
        ops->traverse(h, r, visit, arg);
}

/* ------------------------------------------------------------------ */
/* the trace                                                          */

/* Forget the previous trace and start one for generation GEN. */
static void trace_reset(GcState *s, int gen)
{
    s->trace.valid = true;
    s->trace.generation = gen;
    s->trace.collected = s->trace.uncollectable = 0;
    for (int p = 0; p < GC_NPHASES; p++)
        s->trace.n[p] = 0;
}

/* Record R in phase P (when the entries are recorded). */
static void trace_add(Heap *h, GcPhase p, Ref r, int64_t refs, bool unreachable)
{
    if (!state(h)->tracing)
        return;
    GcTrace *t = &state(h)->trace;
    XGROW(t->entries[p], t->cap[p], t->n[p] + 1);
    t->entries[p][t->n[p]++] = (GcTraceEntry){
        .ref = r, .addr = h->objs[r].addr, .kind = h->objs[r].kind,
        .gc_refs = refs, .unreachable = unreachable};
}

/* The trace of the last collection. */
const GcTrace *gc_last_trace(Heap *h)
{
    return &state(h)->trace;
}

/* Record or skip the per-object entries of later traces. */
void gc_set_tracing(Heap *h, bool on)
{
    state(h)->tracing = on;
}

/* CPython's name of PHASE ("update_refs", ...). */
const char *gc_phase_name(GcPhase phase)
{
    static const char *const names[GC_NPHASES] = {
        "update_refs", "subtract_refs", "move_unreachable", "finalize_garbage",
        "delete_garbage"};
    return phase < GC_NPHASES ? names[phase] : "?";
}

/* ------------------------------------------------------------------ */
/* deduce_unreachable                                                 */

/* Make the scratch arrays cover every current slot.  Between passes every
 * mark is ST_NONE: each pass clears the marks it set. */
static void scratch_grow(Heap *h)
{
    GcState *s = state(h);
    if (s->cap >= h->nslots)
        return;
    uint32_t old = s->cap;
    s->cap = h->nslots;
    s->refs = xrealloc(s->refs, s->cap * sizeof *s->refs);
    s->st = xrealloc(s->st, s->cap);
    memset(s->st + old, ST_NONE, s->cap - old);
}

/* The mark of R (ST_NONE for slots made after the pass started). */
static int mark_of(const GcState *s, Ref r)
{
    return r < s->cap ? s->st[r] : ST_NONE;
}

/* Clear the marks of list L's members. */
static void clear_marks(Heap *h, int l)
{
    GcState *s = state(h);
    Ref r = s->gen[l].head;
    for (size_t i = 0; i < s->gen[l].n; i++, r = h->objs[r].gc_next)
        s->st[r] = ST_NONE;
}

/* visit_decref: a reference from inside the set to a member. */
static void visit_decref(Heap *h, Ref t, void *arg)
{
    GcState *s = arg;
    if (t && mark_of(s, t) != ST_NONE && h->objs[t].gen != GEN_UNTRACKED)
        s->refs[t]--;
}

/* update_refs: gc_refs = ob_refcnt for every member of list L, each marked
 * as being collected (immortal objects count as referenced from outside). */
static void update_refs(Heap *h, int l, bool trace)
{
    GcState *s = state(h);
    Ref r = s->gen[l].head;
    for (size_t i = 0; i < s->gen[l].n; i++, r = h->objs[r].gc_next) {
        const Obj *o = &h->objs[r];
        s->refs[r] = (o->flags & OF_IMMORTAL) ? ((int64_t)1 << 40) : o->refcnt;
        s->st[r] = ST_COLLECTING;
        if (trace)
            trace_add(h, GC_PHASE_UPDATE_REFS, r, s->refs[r], false);
    }
}

/* subtract_refs: take away the references the members of list L hold to
 * each other; what is left of gc_refs comes from outside. */
static void subtract_refs(Heap *h, int l, bool trace)
{
    GcState *s = state(h);
    Ref r = s->gen[l].head;
    for (size_t i = 0; i < s->gen[l].n; i++, r = h->objs[r].gc_next)
        gc_traverse_obj(h, r, visit_decref, s);
    r = s->gen[l].head;
    for (size_t i = 0; trace && i < s->gen[l].n; i++, r = h->objs[r].gc_next)
        trace_add(h, GC_PHASE_SUBTRACT_REFS, r, s->refs[r], false);
}

/* The state of one move_unreachable walk. */
typedef struct Walk {
    GcState *s;
    int young;            /* the list being walked */
} Walk;

/* visit_reachable: T is reachable; bring it back from the unreachable list
 * to the tail of the young list, where the walk will reach it. */
static void visit_reachable(Heap *h, Ref t, void *arg)
{
    Walk *w = arg;
    GcState *s = w->s;
    int m = t ? mark_of(s, t) : ST_NONE;
    if (m == ST_NONE || h->objs[t].gen == GEN_UNTRACKED)
        return;
    if (m == ST_UNREACHABLE) {
        gl_move(h, t, w->young);
        s->st[t] = ST_COLLECTING;
        s->refs[t] = 1;
    } else if (s->refs[t] == 0) {
        s->refs[t] = 1;
    }
}

/* move_unreachable: CPython's single forward walk of list L.  A member
 * with gc_refs > 0 is reachable and makes what it references reachable; a
 * member with gc_refs == 0 goes to the tail of list U for now (a later
 * member may bring it back).  Survivors keep their order; those brought
 * back follow in the order they were found. */
static void move_unreachable(Heap *h, int l, int u)
{
    GcState *s = state(h);
    Walk w = {.s = s, .young = l};
    Ref r = s->gen[l].head;
    while (r) {
        Ref next = h->objs[r].gc_next;
        bool last = next == s->gen[l].head;
        if (s->refs[r] > 0) {
            gc_traverse_obj(h, r, visit_reachable, &w);   /* may append to L */
            s->st[r] = ST_NONE;
            next = h->objs[r].gc_next;
            last = next == s->gen[l].head;
        } else {
            gl_move(h, r, u);
            s->st[r] = ST_UNREACHABLE;
        }
        r = last ? NULLREF : next;
    }
}

/* Record the move_unreachable phase: every member of the pass, in the
 * order update_refs recorded them, with its gc_refs and whether it is in
 * list U now. */
static void trace_moved(Heap *h, int u)
{
    GcState *s = state(h);
    const GcTrace *t = &s->trace;
    for (size_t i = 0; i < t->n[GC_PHASE_UPDATE_REFS]; i++) {
        Ref r = t->entries[GC_PHASE_UPDATE_REFS][i].ref;
        trace_add(h, GC_PHASE_MOVE_UNREACHABLE, r, s->refs[r], h->objs[r].gen == u);
    }
}

/* Split list L into its reachable part (left on L, in CPython's order) and
 * the unreachable part (appended to list U): update_refs, subtract_refs,
 * move_unreachable.  Records the phases when TRACE (the collection's first
 * pass) and the trace's entries are on. */
static void deduce_unreachable(Heap *h, int l, int u, bool trace)
{
    trace = trace && state(h)->tracing;
    scratch_grow(h);
    update_refs(h, l, trace);
    subtract_refs(h, l, trace);
    move_unreachable(h, l, u);
    if (trace)
        trace_moved(h, u);
    clear_marks(h, u);
}

/* ------------------------------------------------------------------ */
/* the other phases                                                   */

/* untrack_tuples: tuples of the survivors holding nothing trackable. */
static void untrack_tuples(Heap *h, int l)
{
    size_t n;
    Ref *v = gl_snapshot(h, l, &n);
    for (size_t i = 0; i < n; i++)
        if (heap_kind(h, v[i]) == K_TUPLE)
            tuple_untrack_if_atomic(h, v[i]);
    free(v);
}

/* untrack_dicts: full collections only (issue #14775). */
static void untrack_dicts(Heap *h, int l)
{
    size_t n;
    Ref *v = gl_snapshot(h, l, &n);
    for (size_t i = 0; i < n; i++)
        if (heap_kind(h, v[i]) == K_DICT)
            dict_maybe_untrack(h, v[i]);
    free(v);
}

/* Report the pending exception as unraisable in CONTEXT. */
static void unraisable(Heap *h, Ref context)
{
    if (h->hooks.unraisable)
        h->hooks.unraisable(h->hooks.vm, context);
    else
        heap_clear_exc(h);
}

/* handle_weakrefs: clear the weakrefs to unreachable objects and call the
 * callbacks of those weakrefs that are not garbage themselves; returns how
 * many of those weakrefs the callbacks freed.  *RAN is set when some
 * callback was called. */
static size_t handle_weakrefs(Heap *h, int u, int old, bool *ran)
{
    /* clearing moves only weakrefs outside U: U can be walked in place */
    GcGeneration *g = &state(h)->gen[u];
    size_t ncb = 0, cap = 0, freed = 0;
    Ref *cb = NULL, r = g->head;
    for (size_t i = 0; i < g->n; i++, r = h->objs[r].gc_next) {
        if (!(h->objs[r].flags & OF_WEAKREFS))
            continue;
        Ref wr;
        while ((wr = weakref_head(h, r)) != 0) {
            weakref_clear_ref(h, wr);
            if (h->objs[wr].gen == u || !weakref_callback(h, wr))
                continue;
            heap_incref(h, wr);
            if (gc_is_tracked(h, wr))
                gl_move(h, wr, LIST_WORK);
            XGROW(cb, cap, ncb + 1);
            cb[ncb++] = wr;
        }
    }
    *ran = ncb > 0;
    for (size_t i = 0; i < ncb; i++) {
        Ref wr = cb[i], fn = weakref_callback(h, wr);
        if (fn) {
            heap_incref(h, fn);
            Ref saved = heap_fetch_exc(h);
            Ref res = heap_call(h, fn, &wr, 1, NULLREF);
            if (res)
                heap_decref(h, res);
            else
                unraisable(h, fn);
            if (saved)
                h->exc = saved;
            heap_decref(h, fn);
        }
        if (h->objs[wr].refcnt == 1) {
            heap_decref(h, wr);
            freed++;
        } else {
            heap_decref(h, wr);
            if (gc_is_tracked(h, wr))
                gl_move(h, wr, old);
        }
    }
    free(cb);
    return freed;
}

/* True when R has a __del__ (tp_finalize) that has not run yet. */
static bool needs_finalize(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->flags & OF_FINALIZED || !o->type || heap_kind(h, o->type) != K_TYPE)
        return false;
    return type_data(h, o->type)->has_del;
}

/* True when some member of list U needs its __del__ run. */
static bool any_needs_finalize(Heap *h, int u)
{
    GcState *s = state(h);
    Ref r = s->gen[u].head;
    for (size_t i = 0; i < s->gen[u].n; i++, r = h->objs[r].gc_next)
        if (needs_finalize(h, r))
            return true;
    return false;
}

/* finalize_garbage: run each unreachable object's __del__ once (PEP 442);
 * true when some __del__ ran.  (Without a member that needs one, the walk
 * would give list U back unchanged, so it is skipped.) */
static bool finalize_garbage(Heap *h, int u)
{
    GcState *s = state(h);
    if (!any_needs_finalize(h, u))
        return false;
    bool ran = false;
    Ref r;
    while ((r = s->gen[u].head) != 0) {
        gl_move(h, r, LIST_WORK);
        if (!needs_finalize(h, r))
            continue;
        Ref del = type_lookup_cstr(h, h->objs[r].type, "__del__");
        h->objs[r].flags |= OF_FINALIZED;
        if (!del)
            continue;
        trace_add(h, GC_PHASE_FINALIZE, r, h->objs[r].refcnt, true);
        ran = true;
        heap_incref(h, r);
        heap_incref(h, del);
        Ref saved = heap_fetch_exc(h);
        Ref res = heap_call(h, del, &r, 1, NULLREF);
        if (res)
            heap_decref(h, res);
        else
            unraisable(h, del);
        if (saved)
            h->exc = saved;
        heap_decref(h, del);
        heap_decref(h, r);
    }
    gl_merge(h, LIST_WORK, u);
    return ran;
}

/* 3.8's check_garbage: true when a finalizer resurrected some object of U
 * (its count exceeds the references from inside U). */
static bool check_garbage(Heap *h, int u)
{
    GcState *s = state(h);
    scratch_grow(h);
    size_t n;
    Ref *v = gl_snapshot(h, u, &n);
    for (size_t i = 0; i < n; i++) {
        s->refs[v[i]] = h->objs[v[i]].refcnt;
        s->st[v[i]] = ST_COLLECTING;
    }
    for (size_t i = 0; i < n; i++)
        gc_traverse_obj(h, v[i], visit_decref, s);
    bool resurrected = false;
    for (size_t i = 0; i < n; i++) {
        resurrected |= s->refs[v[i]] != 0;
        s->st[v[i]] = ST_NONE;
    }
    free(v);
    return resurrected;
}

/* handle_resurrected_objects: what a finalizer made reachable again goes
 * to OLD, the rest stays on the unreachable list. */
static void handle_resurrected_objects(Heap *h, int old)
{
    deduce_unreachable(h, LIST_UNREACHABLE, LIST_WORK, false);
    gl_merge(h, LIST_UNREACHABLE, old);
    gl_merge(h, LIST_WORK, LIST_UNREACHABLE);
}

/* The list gc.garbage / gc.callbacks of the gc module (borrowed), or 0. */
static Ref module_list(Heap *h, const char *name)
{
    Ref m = state(h)->module;
    if (!m || m >= h->nslots || heap_kind(h, m) != K_MODULE)
        return NULLREF;
    Ref l = dict_getitem_cstr(h, module_data(h, m)->dict, name);
    return l && list_check(h, l) ? l : NULLREF;
}

/* delete_garbage: tp_clear each object of U (or save it in gc.garbage with
 * DEBUG_SAVEALL); objects still alive afterwards move to OLD. */
static void delete_garbage(Heap *h, int u, int old)
{
    GcState *s = state(h);
    Ref r;
    while ((r = s->gen[u].head) != 0) {
        trace_add(h, GC_PHASE_DELETE, r, h->objs[r].refcnt, true);
        if (s->debug & GC_DEBUG_SAVEALL) {
            Ref g = module_list(h, "garbage");
            if (g && list_append(h, g, r) < 0)
                heap_clear_exc(h);
        } else if (heap_ops(h, r)->clear) {
            heap_incref(h, r);
            Ref saved = heap_fetch_exc(h);
            heap_ops(h, r)->clear(h, r);
            if (h->exc)
                unraisable(h, heap_type(h, r));
            if (saved)
                h->exc = saved;
            heap_decref(h, r);
        }
        if (s->gen[u].head == r)
            gl_move(h, r, old);
    }
}

/* Free the blocks the free lists keep (clear_freelists, full collections),
 * in CPython's order: tuples, floats, lists, dicts. */
static void clear_freelists(Heap *h)
{
    uint64_t a;
    for (int i = 1; i < HEAP_TUPLE_FREELISTS; i++)
        while ((a = heap_freelist_pop(&h->fl_tuple[i])) != 0) {
            heap_mem_free(h, a);
            gc_on_free(h);
        }
    float_clear_freelist(h);
    while ((a = heap_freelist_pop(&h->fl_list)) != 0) {
        heap_mem_free(h, a);
        gc_on_free(h);
    }
    dict_clear_freelists(h);
}

/* DEBUG_STATS: the sizes of the generations. */
static void show_stats(Heap *h)
{
    GcState *s = state(h);
    strbuf_printf(&h->err, "gc: objects in each generation: %zu %zu %zu\n"
                  "gc: objects in permanent generation: %zu\n",
                  s->gen[0].n, s->gen[1].n, s->gen[2].n, s->gen[LIST_PERMANENT].n);
}

/* gc_collect_main: collect generation GEN; returns collected and
 * uncollectable through the pointers. */
static void collect_main(Heap *h, int gen, size_t *collected, size_t *uncollectable)
{
    GcState *s = state(h);
    if (s->debug & GC_DEBUG_STATS) {
        strbuf_printf(&h->err, "gc: collecting generation %d...\n", gen);
        show_stats(h);
    }
    if (gen + 1 < GC_NGENS)
        s->gen[gen + 1].count += 1;
    for (int i = 0; i <= gen; i++)
        s->gen[i].count = 0;
    for (int i = 0; i < gen; i++)
        gl_merge(h, i, gen);
    int old = gen + 1 < GC_NGENS ? gen + 1 : gen;
    trace_reset(s, gen);
    deduce_unreachable(h, gen, LIST_UNREACHABLE, true);
    untrack_tuples(h, gen);
    if (old != gen) {
        if (gen == GC_NGENS - 2)
            s->long_lived_pending += s->gen[gen].n;
        gl_merge(h, gen, old);
    } else {
        untrack_dicts(h, gen);
        s->long_lived_pending = 0;
        s->long_lived_total = s->gen[gen].n;
    }
    bool ran;
    size_t m = handle_weakrefs(h, LIST_UNREACHABLE, old, &ran);
    ran |= finalize_garbage(h, LIST_UNREACHABLE);
    /* When no callback or finalizer ran, nothing can have been resurrected:
     * the unreachable objects reference only each other, so the checks
     * below would find them all unreachable again, in the same order. */
    if (ran && h->prof->gc_check_garbage && check_garbage(h, LIST_UNREACHABLE)) {
        gl_merge(h, LIST_UNREACHABLE, old);
    } else {
        if (ran && !h->prof->gc_check_garbage)
            handle_resurrected_objects(h, old);
        m += s->gen[LIST_UNREACHABLE].n;
        delete_garbage(h, LIST_UNREACHABLE, old);
    }
    if (s->debug & GC_DEBUG_STATS)
        strbuf_printf(&h->err, "gc: done, %zu unreachable, 0 uncollectable, 0.0000s elapsed\n", m);
    if (gen == GC_NGENS - 1)
        clear_freelists(h);
    s->stats[gen].collections++;
    s->stats[gen].collected += m;
    s->trace.collected = m;
    *collected = m;
    *uncollectable = 0;
}

/* Call every gc.callbacks entry with PHASE and the info dict. */
static void invoke_callbacks(Heap *h, const char *phase, int gen, size_t collected,
                             size_t uncollectable)
{
    Ref cbs = module_list(h, "callbacks");
    if (!cbs || list_size(h, cbs) == 0)
        return;
    Ref saved = heap_fetch_exc(h);
    Ref info = dict_new(h), ph = str_from_cstr(h, phase);
    Ref g = int_from_i64(h, gen), c = int_from_i64(h, (int64_t)collected);
    Ref u = int_from_i64(h, (int64_t)uncollectable);
    bool ok = info && ph && g && c && u && dict_setitem_cstr(h, info, "generation", g) == 0
              && dict_setitem_cstr(h, info, "collected", c) == 0
              && dict_setitem_cstr(h, info, "uncollectable", u) == 0;
    heap_decref(h, g);
    heap_decref(h, c);
    heap_decref(h, u);
    for (size_t i = 0; ok && i < list_size(h, cbs); i++) {
        Ref cb = heap_newref(h, list_items(h, cbs)[i]);
        Ref args[2] = {ph, info};
        Ref res = heap_call(h, cb, args, 2, NULLREF);
        if (res)
            heap_decref(h, res);
        else
            unraisable(h, cb);
        heap_decref(h, cb);
    }
    if (!ok)
        heap_clear_exc(h);
    heap_decref(h, info);
    heap_decref(h, ph);
    if (saved)
        h->exc = saved;
}

/* gc_collect_with_callback. */
static size_t collect_with_callback(Heap *h, int gen)
{
    size_t collected = 0, uncollectable = 0;
    invoke_callbacks(h, "start", gen, 0, 0);
    collect_main(h, gen, &collected, &uncollectable);
    invoke_callbacks(h, "stop", gen, collected, uncollectable);
    return collected + uncollectable;
}

/* Collect generation GEN (0..2) with the gc.callbacks "start"/"stop" calls
 * (gc_collect_with_callback); returns collected + uncollectable, 0 when a
 * collection is already running. */
size_t gc_collect(Heap *h, int gen)
{
    GcState *s = state(h);
    if (s->collecting)
        return 0;
    s->collecting = true;
    size_t n = collect_with_callback(h, gen);
    s->collecting = false;
    return n;
}

/* Run the due automatic collection (collect_generations).  For versions
 * that collect inside the allocation, the generation was chosen at the
 * trigger and the allocations made since then count after the collection,
 * as they would have in CPython. */
void gc_run_pending(Heap *h)
{
    GcState *s = state(h);
    h->gc_due = false;
    if (s->collecting || !s->enabled)
        return;
    int gen = h->prof->gc_collect_at_alloc ? s->pending_gen : choose_generation(s);
    if (gen < 0)
        return;
    int later = s->gen[0].count - s->count_at_trigger;
    s->collecting = true;
    collect_with_callback(h, gen);
    s->collecting = false;
    if (h->prof->gc_collect_at_alloc && later > 0)
        s->gen[0].count += later;
}

/* gc.enable() / gc.disable(). */
void gc_set_enabled(Heap *h, bool on)
{
    state(h)->enabled = on;
}

/* gc.isenabled(). */
bool gc_is_enabled(const Heap *h)
{
    return state(h)->enabled;
}

/* gc.set_debug(flags). */
void gc_set_debug(Heap *h, int flags)
{
    state(h)->debug = flags;
}

/* gc.get_debug(). */
int gc_get_debug(const Heap *h)
{
    return state(h)->debug;
}

/* gc.freeze(): move every tracked object to the permanent generation. */
void gc_freeze(Heap *h)
{
    for (int i = 0; i < GC_NGENS; i++) {
        gl_merge(h, i, LIST_PERMANENT);
        state(h)->gen[0].count = 0;
    }
}

/* gc.unfreeze(): move the permanent generation back into generation 2. */
void gc_unfreeze(Heap *h)
{
    gl_merge(h, LIST_PERMANENT, GC_NGENS - 1);
}

/* gc.get_freeze_count(). */
size_t gc_freeze_count(const Heap *h)
{
    return state(h)->gen[LIST_PERMANENT].n;
}

/* Statistics of generation GEN. */
const GcStats *gc_stats(const Heap *h, int gen)
{
    return &state(h)->stats[gen];
}

/* The first object of generation GEN's list (3 = permanent), or 0. */
Ref gc_gen_first(const Heap *h, int gen)
{
    return state(h)->gen[gen].head;
}

/* The object after R on its generation list, or 0 at the end. */
Ref gc_gen_next(const Heap *h, Ref r)
{
    Ref nx = h->objs[r].gc_next;
    return nx == state(h)->gen[h->objs[r].gen].head ? NULLREF : nx;
}

/* Tell the collector which module holds gc.garbage and gc.callbacks. */
void gc_set_module(Heap *h, Ref module)
{
    state(h)->module = module;
}
