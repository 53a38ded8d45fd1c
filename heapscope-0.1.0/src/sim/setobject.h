/* set and frozenset objects (CPython's PySetObject) and their iterator.
 *
 * A set is one 216-byte GC block holding an 8-entry small table; bigger
 * tables are a separate allocation of 16 bytes an entry.  The table is
 * open addressing with linear probing (9 probes) and CPython's perturbed
 * recurrence, so iteration order -- and so print({3, 1, 2}) -- is
 * CPython's. */
#ifndef HS_SETOBJECT_H
#define HS_SETOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/heap.h"

/* True when R is a set or frozenset (PyAnySet_Check). */
static inline bool anyset_check(const Heap *h, Ref r)
{
    return h->objs[r].kind == K_SET || h->objs[r].kind == K_FROZENSET;
}

/* set(iterable) (ITERABLE 0 for set()); new reference. */
Ref set_new(Heap *h, Ref iterable);
/* frozenset(iterable) (3.8: the empty one is a singleton); new reference. */
Ref frozenset_new(Heap *h, Ref iterable);
/* s.add(key); 0 or -1. */
int set_add(Heap *h, Ref s, Ref key);
/* s.discard(key): 1 when found, 0 when missing, -1 on error. */
int set_discard(Heap *h, Ref s, Ref key);
/* key in s: 1, 0 or -1 (a set key is looked up as a frozenset). */
int set_contains(Heap *h, Ref s, Ref key);
/* Walk the table: *POS starts at 0; BORROWED key.  False at the end. */
bool set_next(const Heap *h, Ref s, size_t *pos, Ref *key);
/* set_next that also reports the stored hash. */
bool set_next_hash(const Heap *h, Ref s, size_t *pos, Ref *key, int64_t *hash);
/* len(s). */
size_t set_size(const Heap *h, Ref s);
/* s.update(iterable) (set_update_internal); 0 or -1. */
int set_update(Heap *h, Ref s, Ref iterable);
/* s.difference_update(iterable); 0 or -1. */
int set_difference_update(Heap *h, Ref s, Ref other);
/* s.symmetric_difference_update(other); 0 or -1. */
int set_symmetric_difference_update(Heap *h, Ref s, Ref other);
/* s.intersection(other) as a new set of s's kind. */
Ref set_intersection(Heap *h, Ref s, Ref other);
/* s.intersection_update(other); 0 or -1. */
int set_intersection_update(Heap *h, Ref s, Ref other);
/* s.clear(). */
void set_clear(Heap *h, Ref s);

/* ---- a read-only view of the table (the viewer's memory drawings) ---- */

/* PySetObject's fields. */
typedef struct SetView {
    size_t fill, used, mask;  /* fill, used, mask */
    int64_t hash;             /* frozenset hash cache, -1 when not computed */
    size_t finger;            /* set.pop()'s search finger */
    uint64_t table_addr;      /* the separate table's block, 0 while the smalltable is used */
} SetView;

/* Describe set or frozenset S into *OUT. */
void set_view(const Heap *h, Ref s, SetView *out);
/* Slot I (<= mask) of S's table: 1 active (*KEY, *HASH set), 0 unused,
 * -1 dummy (a deleted key). */
int set_view_entry(const Heap *h, Ref s, size_t i, Ref *key, int64_t *hash);

extern const TypeOps set_ops, frozenset_ops, setiter_ops;

#endif
