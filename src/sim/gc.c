/* The cyclic collector's generation lists and counters. */
#include "sim/gc.h"

#include <stdlib.h>

#include "util/xalloc.h"

typedef struct GcState {
    GcGeneration gen[GC_NGENS];
} GcState;

static GcState *state(Heap *h) { return (GcState *)h->gc; }

/* Set up the generation lists with the profile's thresholds. */
void gc_init(Heap *h)
{
    GcState *s = xcalloc(1, sizeof *s);
    for (int g = 0; g < GC_NGENS; g++)
        s->gen[g].threshold = h->prof->gc_threshold[g];
    h->gc = s;
}

/* Release the collector's host memory. */
void gc_fini(Heap *h)
{
    free(h->gc);
    h->gc = NULL;
}

/* The generation table. */
GcGeneration *gc_generations(Heap *h)
{
    return state(h)->gen;
}

/* Link R at the tail of generation G's circular list. */
static void list_append(Heap *h, GcGeneration *g, Ref r)
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

/* Unlink R from generation G's list. */
static void list_remove(Heap *h, GcGeneration *g, Ref r)
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

/* Start tracking R in the youngest generation (_PyObject_GC_TRACK). */
void gc_track(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->gen != GEN_UNTRACKED)
        return;
    o->gen = 0;
    list_append(h, &state(h)->gen[0], r);
}

/* Stop tracking R (_PyObject_GC_UNTRACK); no-op when untracked. */
void gc_untrack(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->gen == GEN_UNTRACKED)
        return;
    list_remove(h, &state(h)->gen[o->gen], r);
    o->gen = GEN_UNTRACKED;
}

/* Count one allocation of a GC object (gen0.count += 1). */
void gc_on_alloc(Heap *h)
{
    state(h)->gen[0].count++;
}

/* Count one deallocation of a GC object (gen0.count -= 1, not below 0). */
void gc_on_free(Heap *h)
{
    if (state(h)->gen[0].count > 0)
        state(h)->gen[0].count--;
}
