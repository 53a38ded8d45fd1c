/* list objects (CPython's PyListObject) and their iterators.
 *
 * A list is two simulated blocks, as in CPython: the 56-byte object (GC
 * header + PyListObject) and, once it holds anything, a separately
 * allocated item array of 8 * allocated bytes (PyMem_Malloc/Realloc).
 * sys.getsizeof is 56 + 8 * allocated.  Which primitive gives which size:
 *
 *   list_new(n) + list_set_item      exactly n (PyList_New: BUILD_LIST n,
 *                                    [x] * n, slices, concatenation)
 *   list_new(0) + list_extend(t)     3.8: list_resize growth; 3.9+: exactly
 *                                    len(t) rounded up to even in 3.11+ (the
 *                                    LIST_EXTEND of [1, 2, 3] literals)
 *   list_new(0) + list_append...     list_resize growth (comprehensions):
 *                                    3.8 0,4,8,16,25,35,46,58,72,88,106
 *                                    3.9+ 0,4,8,16,24,32,40,52,64,76,92,108
 *   list(iterable) (list_ops.new_)   a fresh block (never the free list);
 *                                    3.8: exactly len(x) when x has a
 *                                    length, 3.9+: extend's preallocation
 *
 * The object block of an exact list goes to the free list h->fl_list when
 * it dies (the item array is freed), and PyList_New takes it back, so
 * `del a; b = []` gives b a's id.  Items are released from the last to the
 * first.  A list is GC-tracked from creation. */
#ifndef HS_LISTOBJECT_H
#define HS_LISTOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/heap.h"

/* The payload of a K_LIST object. */
typedef struct ListData {
    Ref *items;          /* host copy of ob_item (capacity hcap) */
    size_t n;            /* ob_size */
    int64_t allocated;   /* allocated (-1 while list.sort runs) */
    uint64_t ob_item;    /* simulated address of the item array, 0 = NULL */
    size_t hcap;         /* host capacity of ITEMS */
} ListData;

/* The ListData of list L. */
static inline ListData *list_data(const Heap *h, Ref l) { return (ListData *)h->objs[l].v.p; }
/* The items of list L (ob_item; valid until the list changes). */
static inline Ref *list_items(const Heap *h, Ref l) { return list_data(h, l)->items; }
/* The number of items of list L. */
static inline size_t list_size(const Heap *h, Ref l) { return list_data(h, l)->n; }
/* The number of item slots allocated (sys.getsizeof is 56 + 8 * this). */
static inline size_t list_allocated(const Heap *h, Ref l)
{
    int64_t a = list_data(h, l)->allocated;
    return a < 0 ? 0 : (size_t)a;
}
/* True when R is a list or an instance of a list subclass. */
static inline bool list_check(const Heap *h, Ref r) { return h->objs[r].kind == K_LIST; }
/* True when R is exactly a list (PyList_CheckExact). */
static inline bool list_check_exact(const Heap *h, Ref r)
{
    return h->objs[r].kind == K_LIST && h->objs[r].type == h->type_of_kind[K_LIST];
}

/* PyList_New: a list of N items that are all 0 (fill them with
 * list_set_item), allocated exactly N; takes a block from the free list. */
Ref list_new(Heap *h, size_t n);
/* PyList_SetItem: store V (stolen) at I (< size), dropping the old item. */
void list_set_item(Heap *h, Ref l, size_t i, Ref v);
/* PyList_Append: append V (borrowed); 0 or -1 (MemoryError). */
int list_append(Heap *h, Ref l, Ref v);
/* list.extend(iterable) with CPython's preallocation rules; 0 or -1. */
int list_extend(Heap *h, Ref l, Ref iterable);
/* PyList_Insert: insert V (borrowed) before WHERE (clipped); 0 or -1. */
int list_insert(Heap *h, Ref l, int64_t where, Ref v);
/* A new list of N borrowed ITEMS (exact allocation). */
Ref list_from_array(Heap *h, const Ref *items, size_t n);
/* PySequence_List: a new list (PyList_New(0)) extended with ITERABLE. */
Ref list_from_iterable(Heap *h, Ref iterable);
/* list[lo:hi] with 0 <= lo <= hi <= size: a new list, exact allocation. */
Ref list_getslice(Heap *h, Ref l, size_t lo, size_t hi);
/* l[:] and l.copy(): a new list of all the items, exact allocation. */
Ref list_slice_copy(Heap *h, Ref l);
/* list[lo:hi] = v (V 0 deletes, else any iterable); 0 or -1. */
int list_setslice(Heap *h, Ref l, int64_t lo, int64_t hi, Ref v);
/* list.sort(key=KEY, reverse=REVERSE): a stable sort comparing with
 * obj_richcompare_bool(..., CMP_LT), calling KEY (0: none) through
 * obj_call; 0 or -1. */
int list_sort(Heap *h, Ref l, Ref key, bool reverse);
/* list.reverse(). */
void list_reverse(Heap *h, Ref l);
/* PyList_AsTuple: a tuple of L's items. */
Ref list_as_tuple(Heap *h, Ref l);
/* list.clear() (_list_clear: frees the item array). */
void list_clear(Heap *h, Ref l);

/* A new iterator over L; reversed(l). */
Ref list_iter(Heap *h, Ref l);
Ref list_reversed(Heap *h, Ref l);

/* ---- repr recursion guard (CPython's Py_ReprEnter / Py_ReprLeave) ----
 * Shared by every container repr: 1 when O's repr is already running
 * (print "[...]"), else 0 and O is entered until heap_repr_leave.  It
 * belongs to the heap; it lives here until heap.c has one. */
int heap_repr_enter(Heap *h, Ref o);
void heap_repr_leave(Heap *h, Ref o);

extern const TypeOps list_ops, listiter_ops, listreviter_ops;

#endif
