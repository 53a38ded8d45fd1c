/* range objects and their iterator (CPython's rangeobject.c).
 *
 * A range holds four int references, start, stop, step and its length
 * (computed at creation: in 3.8/3.11 through four temporary ints, in 3.12+
 * in C longs), 48 bytes, not GC-tracked.  Its iterator holds no reference
 * to the range, only C longs: 48 bytes (3.8/3.11) or 40 (3.12+).  Ranges
 * whose bounds do not fit in 64 bits can be built, indexed and measured,
 * but iterating them (CPython's longrangeiter) is not modelled. */
#ifndef HS_RANGEOBJECT_H
#define HS_RANGEOBJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/heap.h"

/* The payload of a K_RANGE object. */
typedef struct RangeData {
    Ref start, stop, step, length;
} RangeData;

/* The payload of a K_RANGEITER object (3.12's layout; 3.8 counts an index
 * up instead of moving start, which nothing can observe). */
typedef struct RangeIterData {
    int64_t start, step, len;
} RangeIterData;

/* The RangeData of range R. */
static inline RangeData *range_data(const Heap *h, Ref r) { return (RangeData *)h->objs[r].v.p; }

/* range(start, stop, step) of three ints (borrowed; STEP not zero). */
Ref range_new(Heap *h, Ref start, Ref stop, Ref step);
/* iter(r) and reversed(r). */
Ref range_iter(Heap *h, Ref r);
Ref range_reversed(Heap *h, Ref r);

extern const TypeOps range_ops, rangeiter_ops;

#endif
