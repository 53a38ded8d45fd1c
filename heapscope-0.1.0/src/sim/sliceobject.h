/* slice objects (CPython's PySliceObject) and the index arithmetic that
 * every sequence shares: PySlice_Unpack, PySlice_AdjustIndices,
 * _PyEval_SliceIndex, PyNumber_AsSsize_t and _PyIndex_Check.
 *
 * A slice is a GC object of 56 bytes holding three references (start,
 * stop, step; None when omitted), tracked at creation and released in
 * CPython's order: step, start, stop.  CPython keeps one dead slice in a
 * one-entry cache (every version modelled); that cache is not simulated,
 * so a recreated slice takes a fresh obmalloc block. */
#ifndef HS_SLICEOBJECT_H
#define HS_SLICEOBJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/heap.h"

/* The payload of a K_SLICE object. */
typedef struct SliceData {
    Ref start, stop, step;
} SliceData;

/* The SliceData of slice S. */
static inline SliceData *slice_data(const Heap *h, Ref s) { return (SliceData *)h->objs[s].v.p; }
/* True when R is a slice. */
static inline bool slice_check(const Heap *h, Ref r) { return h->objs[r].kind == K_SLICE; }

/* PySlice_New: a slice of START, STOP, STEP (borrowed; 0 means None). */
Ref slice_new(Heap *h, Ref start, Ref stop, Ref step);
/* PySlice_Unpack: the raw start, stop, step of S (None becomes the
 * extreme values, big ints are clamped); -1 with TypeError/ValueError. */
int slice_unpack(Heap *h, Ref s, int64_t *start, int64_t *stop, int64_t *step);
/* PySlice_AdjustIndices: clip START and STOP to a sequence of LEN items;
 * returns the slice length. */
size_t slice_adjust_indices(size_t len, int64_t *start, int64_t *stop, int64_t step);
/* Unpack S and adjust it to LEN items (what str/list/tuple/bytes slicing
 * uses); 0, or -1 with an exception. */
int slice_indices(Heap *h, Ref s, size_t len, int64_t *start, int64_t *stop,
                  int64_t *step, size_t *slicelen);

/* How slice_as_ssize treats an int that does not fit in Py_ssize_t. */
typedef enum SsizeOverflow {
    SSIZE_CLAMP,          /* clamp to PY_SSIZE_T_MIN/MAX (no error) */
    SSIZE_INDEX_ERROR,    /* IndexError "cannot fit 'int' into an index-sized integer" */
    SSIZE_OVERFLOW_ERROR, /* OverflowError, same text */
} SsizeOverflow;

/* _PyIndex_Check: O is an int, a bool or has __index__. */
bool slice_index_check(Heap *h, Ref o);
/* PyNumber_AsSsize_t: O's index value; -1 with an exception. */
int slice_as_ssize(Heap *h, Ref o, SsizeOverflow mode, int64_t *out);
/* PyNumber_Index: O as an int object (new reference): an int itself (3.8,
 * bools included) or an exact int (3.10+: profile index_exact_int), the
 * result of __index__ otherwise. */
Ref slice_number_index(Heap *h, Ref o);
/* _PyEval_SliceIndex: V (not None) as a clamped index; -1 with CPython's
 * "slice indices must be integers or None or have an __index__ method". */
int slice_eval_index(Heap *h, Ref v, int64_t *out);

extern const TypeOps slice_ops;

#endif
