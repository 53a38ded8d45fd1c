/* The cyclic garbage collector's bookkeeping: the three generation lists
 * that tracked objects live on (PyGC_Head links), and the allocation count
 * that drives automatic collections.  The collection itself (gc.collect)
 * comes with the gc module. */
#ifndef HS_GC_H
#define HS_GC_H

#include <stdbool.h>

#include "sim/heap.h"

#define GC_NGENS 3

typedef struct GcGeneration {
    Ref head;        /* first object of the list, 0 when empty */
    size_t n;        /* objects on the list */
    int threshold;
    int count;
} GcGeneration;

/* Set up the generation lists with the profile's thresholds. */
void gc_init(Heap *h);
/* Release the collector's host memory. */
void gc_fini(Heap *h);
/* Start tracking R in the youngest generation (_PyObject_GC_TRACK). */
void gc_track(Heap *h, Ref r);
/* Stop tracking R (_PyObject_GC_UNTRACK); no-op when untracked. */
void gc_untrack(Heap *h, Ref r);
/* True when R is tracked. */
static inline bool gc_is_tracked(const Heap *h, Ref r) { return h->objs[r].gen != GEN_UNTRACKED; }
/* Count one allocation of a GC object (gen0.count += 1). */
void gc_on_alloc(Heap *h);
/* Count one deallocation of a GC object (gen0.count -= 1, not below 0). */
void gc_on_free(Heap *h);
/* The generation table. */
GcGeneration *gc_generations(Heap *h);

#endif
