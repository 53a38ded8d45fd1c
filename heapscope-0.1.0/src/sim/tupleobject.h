/* tuple objects (CPython's PyTupleObject) and their iterator.
 *
 * A tuple is ONE simulated block, as in CPython: the GC header, the
 * 24-byte PyVarObject head and 8 bytes an item (request tuple_base + 8n).
 * The empty tuple is the singleton h->empty_tuple; tuples of 1..19 items
 * (20 in 3.11+ on the way in, 3.13 on the way out: profile
 * tuple_freelist_push_max / tuple_freelist_pop_max) are recycled through
 * the per-length free lists h->fl_tuple[n], which keep the block (and so
 * the id).  Free lists hold block addresses (id - gc_head_size); whoever
 * clears them frees those blocks with heap_mem_free.
 *
 * Tuples are GC-tracked when created (PyTuple_New), except the empty one,
 * constants included: gc.is_tracked((1, 2)) is True at the start of a
 * script in 3.8, 3.11 and 3.13.  (3.12 answers False only because a
 * gen-0 collection runs between compiling and running the module:
 * gc.get_count() is (0, 5, 0) there.)  tuple_untrack_if_atomic is
 * CPython's _PyTuple_MaybeUntrack, for the collector's untrack_tuples. */
#ifndef HS_TUPLEOBJECT_H
#define HS_TUPLEOBJECT_H

#include <stdbool.h>
#include <stddef.h>

#include "sim/heap.h"

/* The payload of a K_TUPLE object: ob_size and ob_item. */
typedef struct TupleData {
    size_t n;
    Ref items[];
} TupleData;

/* The items of tuple T (ob_item). */
static inline Ref *tuple_items(const Heap *h, Ref t)
{
    return ((TupleData *)h->objs[t].v.p)->items;
}
/* The number of items of tuple T (Py_SIZE). */
static inline size_t tuple_size(const Heap *h, Ref t)
{
    return ((TupleData *)h->objs[t].v.p)->n;
}
/* True when R is a tuple or an instance of a tuple subclass. */
static inline bool tuple_check(const Heap *h, Ref r) { return h->objs[r].kind == K_TUPLE; }
/* True when R is exactly a tuple (PyTuple_CheckExact). */
static inline bool tuple_check_exact(const Heap *h, Ref r)
{
    return h->objs[r].kind == K_TUPLE && h->objs[r].type == h->type_of_kind[K_TUPLE];
}

/* Create the empty tuple singleton (heap startup); also sizes the tuple
 * free lists from the profile. */
Ref tuple_new_static_empty(Heap *h);
/* PyTuple_New: a tuple of N items that are all 0, to be filled with
 * tuple_set_item; N == 0 gives the empty tuple. */
Ref tuple_new(Heap *h, size_t n);
/* Store V (stolen) as item I of T, dropping a previous item. */
void tuple_set_item(Heap *h, Ref t, size_t i, Ref v);
/* PyTuple_Pack: a tuple of the N borrowed Ref arguments. */
Ref tuple_pack(Heap *h, size_t n, ...);
/* _PyTuple_FromArray: a tuple of N borrowed ITEMS. */
Ref tuple_from_array(Heap *h, const Ref *items, size_t n);
/* _PyTuple_FromArraySteal: a tuple of N ITEMS whose references it takes
 * (they are released when it fails). */
Ref tuple_from_array_steal(Heap *h, const Ref *items, size_t n);
/* _PyTuple_Resize: grow or shrink *PT (a fresh, unshared tuple) in place
 * (a realloc of its block); 0, or -1 with *PT released and set to 0. */
int tuple_resize(Heap *h, Ref *pt, size_t newsize);
/* PySequence_Tuple: T itself for an exact tuple, a copy of a list, else
 * the items of the iterable, collected by growing a tuple. */
Ref tuple_from_iterable(Heap *h, Ref iterable);
/* t[lo:hi] with 0 <= lo <= hi <= len (t itself for the whole exact tuple). */
Ref tuple_getslice(Heap *h, Ref t, size_t lo, size_t hi);
/* _PyTuple_MaybeUntrack: untrack exact tuple T when no item can be part of
 * a cycle (no GC-able items other than untracked tuples). */
void tuple_untrack_if_atomic(Heap *h, Ref t);
/* CPython's tuple hash (xxHash-based, 3.8+): 0, or -1 with an exception. */
int tuple_hash_items(Heap *h, const Ref *items, size_t n, int64_t *out);

/* A new iterator over tuple T. */
Ref tuple_iter(Heap *h, Ref t);

extern const TypeOps tuple_ops, tupleiter_ops;

#endif
