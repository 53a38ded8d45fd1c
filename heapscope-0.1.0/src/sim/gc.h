/* The cyclic garbage collector: the three generation lists that tracked
 * objects live on (PyGC_Head links), the permanent generation of
 * gc.freeze(), the allocation count that drives automatic collections, and
 * the collection itself with CPython's phases (update_refs, subtract_refs,
 * move_unreachable, untrack_tuples, handle_weakrefs, finalize_garbage,
 * handle_resurrected_objects / check_garbage, delete_garbage).
 *
 * Deviation: CPython 3.8/3.11 collect synchronously inside the allocation
 * that pushes count0 past threshold0; here every version only marks a
 * collection pending and the VM runs it at the next instruction boundary
 * (gc_run_pending), because running __del__ in the middle of C allocation
 * code is unsafe in the simulation.  3.12/3.13 do the same (eval breaker). */
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

/* gc.set_debug flags (CPython's values). */
enum {
    GC_DEBUG_STATS = 1, GC_DEBUG_COLLECTABLE = 2, GC_DEBUG_UNCOLLECTABLE = 4,
    GC_DEBUG_SAVEALL = 32, GC_DEBUG_LEAK = 38,
};

/* Per-generation statistics (gc.get_stats). */
typedef struct GcStats {
    size_t collections, collected, uncollectable;
} GcStats;

/* The phases a collection trace records. */
typedef enum GcPhase {
    GC_PHASE_UPDATE_REFS,      /* gc_refs = refcount */
    GC_PHASE_SUBTRACT_REFS,    /* gc_refs minus references from inside the set */
    GC_PHASE_MOVE_UNREACHABLE, /* reachable / unreachable split */
    GC_PHASE_FINALIZE,         /* objects whose __del__ ran */
    GC_PHASE_DELETE,           /* objects tp_clear was called on (final garbage) */
    GC_NPHASES
} GcPhase;

/* One object in one phase of a collection trace. */
typedef struct GcTraceEntry {
    Ref ref;          /* the object (may be dead by now: compare addr) */
    uint64_t addr;    /* its id() at the time */
    uint8_t kind;     /* its Kind */
    int64_t gc_refs;  /* gc_refs after the phase */
    bool unreachable; /* in the unreachable set after the phase */
} GcTraceEntry;

/* A record of the last collection. */
typedef struct GcTrace {
    bool valid;       /* false until a collection ran */
    int generation;
    size_t collected, uncollectable;
    GcTraceEntry *entries[GC_NPHASES];
    size_t n[GC_NPHASES], cap[GC_NPHASES];
} GcTrace;

/* Set up the generation lists with the profile's thresholds. */
void gc_init(Heap *h);
/* Release the collector's host memory. */
void gc_fini(Heap *h);
/* heap_clone: copy SRC's collector state into DST. */
void gc_clone(const Heap *src, Heap *dst);
/* Start tracking R in the youngest generation (_PyObject_GC_TRACK). */
void gc_track(Heap *h, Ref r);
/* Stop tracking R (_PyObject_GC_UNTRACK); no-op when untracked. */
void gc_untrack(Heap *h, Ref r);
/* True when R is tracked. */
static inline bool gc_is_tracked(const Heap *h, Ref r) { return h->objs[r].gen != GEN_UNTRACKED; }
/* Count one allocation of a GC object (gen0.count += 1); marks an automatic
 * collection pending when count0 passes threshold0. */
void gc_on_alloc(Heap *h);
/* Count one deallocation of a GC object (gen0.count -= 1, not below 0). */
void gc_on_free(Heap *h);
/* Visit what R's tp_traverse reports to the collector (TypeOps.gc_traverse,
 * else traverse); nothing for kinds without one. */
void gc_traverse_obj(Heap *h, Ref r, VisitFn visit, void *arg);
/* A frame for CODE is being made: 3.8 counts the GC allocation of a code
 * object's first frame (later calls reuse its zombie frame). */
void gc_on_frame(Heap *h, Ref code);
/* The generation table. */
GcGeneration *gc_generations(Heap *h);

/* ---- collection ---- */

/* Collect generation GEN (0..2) with the gc.callbacks "start"/"stop" calls
 * (gc_collect_with_callback); returns collected + uncollectable, 0 when a
 * collection is already running. */
size_t gc_collect(Heap *h, int gen);
/* True when an automatic collection is due (the VM checks this at each
 * instruction boundary, so it is a flag on the heap). */
static inline bool gc_pending(const Heap *h) { return h->gc_due; }
/* Run the due automatic collection (collect_generations). */
void gc_run_pending(Heap *h);
/* gc.enable() / gc.disable(). */
void gc_set_enabled(Heap *h, bool on);
/* gc.isenabled(). */
bool gc_is_enabled(const Heap *h);
/* gc.set_debug / gc.get_debug. */
void gc_set_debug(Heap *h, int flags);
int gc_get_debug(const Heap *h);
/* gc.freeze(): move every tracked object to the permanent generation. */
void gc_freeze(Heap *h);
/* gc.unfreeze(): move the permanent generation back into generation 2. */
void gc_unfreeze(Heap *h);
/* gc.get_freeze_count(). */
size_t gc_freeze_count(const Heap *h);
/* Statistics of generation GEN. */
const GcStats *gc_stats(const Heap *h, int gen);
/* The first object of generation GEN's list (3 = permanent), or 0. */
Ref gc_gen_first(const Heap *h, int gen);
/* The object after R on its generation list, or 0 at the end. */
Ref gc_gen_next(const Heap *h, Ref r);
/* Tell the collector which module holds gc.garbage and gc.callbacks
 * (borrowed; the VM's module table keeps it alive). */
void gc_set_module(Heap *h, Ref module);
/* The trace of the last collection. */
const GcTrace *gc_last_trace(Heap *h);
/* Record (ON, the default) or skip the per-object entries of the trace
 * (GcTrace.entries) in later collections; a batch run that shows no trace
 * turns them off, since recording costs a third of a full collection.
 * The generation and the counts are recorded either way. */
void gc_set_tracing(Heap *h, bool on);
/* CPython's name of PHASE ("update_refs", ...). */
const char *gc_phase_name(GcPhase phase);

#endif
