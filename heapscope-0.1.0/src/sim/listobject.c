/* list objects and their iterators (CPython's Objects/listobject.c).
 *
 * The item array lives twice: the simulated block at ListData.ob_item
 * (allocated, reallocated and freed exactly when CPython's PyMem calls
 * run, with CPython's sizes) and a host array of Refs that mirrors it.
 * list_resize is CPython's: nothing happens while allocated/2 <= n <=
 * allocated; otherwise the array is reallocated to the profile's growth
 * (3.8: n + n/8 + (n < 9 ? 3 : 6); 3.9+: (n + n/8 + 6) & ~3, or (n + 3)
 * & ~3 when the jump is larger than the over-allocation), 0 for n == 0
 * (realloc to 0 bytes keeps a non-NULL array).
 *
 * Scratch arrays that CPython takes from PyMem are simulated too, because
 * they move obmalloc's free lists: list_ass_slice's "recycle" array when
 * more than 8 items go, the "garbage" array of extended-slice deletion
 * and assignment, and the key array of a keyed sort of 128+ items.  The
 * merge buffers of sorts longer than 256 items are not.
 *
 * list.sort is CPython's timsort for runs and binary insertion (exactly
 * CPython's comparisons for lists shorter than 64 items in 3.8-3.12),
 * with powersort's merge order and a plain merge (no galloping) above. */
#include "sim/listobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* Bytes of GC header in front of a list. */
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* The ListData of L. */
static ListData *ld(const Heap *h, Ref l) { return (ListData *)h->objs[l].v.p; }

/* ---- the item array ---- */

/* Make the host mirror able to hold N items. */
static void host_reserve(ListData *d, size_t n)
{
    if (n <= d->hcap)
        return;
    size_t cap = d->hcap ? d->hcap * 2 : 4;
    while (cap < n)
        cap *= 2;
    d->items = xrealloc(d->items, cap * sizeof(Ref));
    memset(d->items + d->hcap, 0, (cap - d->hcap) * sizeof(Ref));
    d->hcap = cap;
}

/* Raise MemoryError for an impossible size; always -1. */
static int no_memory(Heap *h)
{
    heap_raise(h, EXC_MemoryError, "%s", "");
    return -1;
}

/* PyMem_Realloc(ob_item, 8 * NEWALLOC) (malloc when ob_item is NULL). */
static int array_realloc(Heap *h, Ref l, size_t newalloc)
{
    if (newalloc > ((size_t)INT64_MAX >> 4))
        return no_memory(h);
    ListData *d = ld(h, l);
    size_t oldbytes = d->allocated > 0 ? (size_t)d->allocated * 8 : 0;
    uint64_t addr = d->ob_item ? heap_mem_realloc(h, d->ob_item, oldbytes, newalloc * 8)
                               : heap_mem_alloc(h, newalloc * 8);
    if (!addr)
        return -1;
    d = ld(h, l);
    d->ob_item = addr;
    d->allocated = (int64_t)newalloc;
    host_reserve(d, newalloc);
    return 0;
}

/* The allocation list_resize picks for NEWSIZE items (OLDSIZE before). */
static size_t list_growth(const Heap *h, size_t newsize, size_t oldsize)
{
    if (h->prof->list_growth == LIST_GROWTH_38)
        return newsize + (newsize >> 3) + (newsize < 9 ? 3 : 6);
    size_t na = (newsize + (newsize >> 3) + 6) & ~(size_t)3;
    if ((int64_t)newsize - (int64_t)oldsize > (int64_t)(na - newsize))
        na = (newsize + 3) & ~(size_t)3;
    return na;
}

/* list_resize: make room for NEWSIZE items and set the size. */
static int list_resize(Heap *h, Ref l, size_t newsize)
{
    ListData *d = ld(h, l);
    int64_t allocated = d->allocated;
    if (allocated >= (int64_t)newsize && (int64_t)newsize >= (allocated >> 1)) {
        d->n = newsize;
        return 0;
    }
    size_t newalloc = newsize == 0 ? 0 : list_growth(h, newsize, d->n);
    if (array_realloc(h, l, newalloc) < 0)
        return -1;
    ld(h, l)->n = newsize;
    return 0;
}

/* list_preallocate_exact: a first array of SIZE items (even in 3.11+). */
static int list_preallocate_exact(Heap *h, Ref l, size_t size)
{
    if (h->prof->list_prealloc_even)
        size = (size + 1) & ~(size_t)1;
    return array_realloc(h, l, size);
}

/* A simulated PyMem_Malloc scratch block of N pointers (0 when N is 0). */
static int scratch_alloc(Heap *h, size_t n, uint64_t *addr)
{
    *addr = 0;
    if (n == 0)
        return 0;
    *addr = heap_mem_alloc(h, n * 8);
    return *addr ? 0 : -1;
}

/* ---- creation ---- */

/* Attach an empty payload to new list L. */
static void set_payload(Heap *h, Ref l)
{
    h->objs[l].v.p = xcalloc(1, sizeof(ListData));
}

/* PyList_New: a list of N items that are all 0 (fill them with
 * list_set_item), allocated exactly N; takes a block from the free list. */
Ref list_new(Heap *h, size_t n)
{
    Ref type = h->type_of_kind[K_LIST];
    uint64_t block = heap_freelist_pop(&h->fl_list);
    Ref l = block ? heap_new_slot(h, K_LIST, type, block + gch(h))
                  : heap_alloc_object(h, K_LIST, type, h->prof->list_base, gch(h), true);
    if (!l)
        return NULLREF;
    set_payload(h, l);
    if (n > 0 && array_realloc(h, l, n) < 0) {
        heap_decref(h, l);
        return NULLREF;
    }
    ld(h, l)->n = n;
    gc_track(h, l);
    return l;
}

/* PyType_GenericAlloc of a list type: a fresh block, never the free list. */
static Ref list_generic_alloc(Heap *h, Ref type)
{
    Ref l = heap_alloc_object(h, K_LIST, type, h->prof->list_base, gch(h), true);
    if (!l)
        return NULLREF;
    set_payload(h, l);
    gc_track(h, l);
    return l;
}

/* PyList_SetItem: store V (stolen) at I (< size), dropping the old item. */
void list_set_item(Heap *h, Ref l, size_t i, Ref v)
{
    Ref *slot = &ld(h, l)->items[i];
    Ref old = *slot;
    *slot = v;
    heap_decref(h, old);
}

/* _PyList_AppendTakeRef: append V, whose reference the list takes. */
static int append_steal(Heap *h, Ref l, Ref v)
{
    ListData *d = ld(h, l);
    size_t n = d->n;
    if (d->allocated > (int64_t)n) {
        d->items[n] = v;
        d->n = n + 1;
        return 0;
    }
    if (list_resize(h, l, n + 1) < 0) {
        heap_decref(h, v);
        return -1;
    }
    ld(h, l)->items[n] = v;
    return 0;
}

/* PyList_Append: append V (borrowed); 0 or -1 (MemoryError). */
int list_append(Heap *h, Ref l, Ref v)
{
    return append_steal(h, l, heap_newref(h, v));
}

/* A new list of N borrowed ITEMS (exact allocation). */
Ref list_from_array(Heap *h, const Ref *items, size_t n)
{
    Ref l = list_new(h, n);
    if (!l)
        return NULLREF;
    for (size_t i = 0; i < n; i++)
        ld(h, l)->items[i] = heap_newref(h, items[i]);
    return l;
}

/* list[lo:hi] with 0 <= lo <= hi <= size: a new list, exact allocation. */
Ref list_getslice(Heap *h, Ref l, size_t lo, size_t hi)
{
    return list_from_array(h, ld(h, l)->items + lo, hi > lo ? hi - lo : 0);
}

/* l[:] and l.copy(): a new list of all the items, exact allocation. */
Ref list_slice_copy(Heap *h, Ref l)
{
    return list_getslice(h, l, 0, ld(h, l)->n);
}

/* ---- clearing and extending ---- */

/* list.clear() (_list_clear): empty the list first, then release the old
 * items from the last to the first and free the array. */
void list_clear(Heap *h, Ref l)
{
    ListData *d = ld(h, l);
    if (!d->ob_item)
        return;
    Ref *items = d->items;
    size_t n = d->n;
    uint64_t addr = d->ob_item;
    d->items = NULL;
    d->hcap = 0;
    d->n = 0;
    d->ob_item = 0;
    d->allocated = 0;
    for (size_t i = n; i-- > 0;)
        heap_decref(h, items[i]);
    free(items);
    heap_mem_free(h, addr);
}

/* list_inplace_repeat: l *= n. */
static int list_inplace_repeat(Heap *h, Ref l, int64_t n)
{
    size_t size = ld(h, l)->n;
    if (size == 0 || n == 1)
        return 0;
    if (n < 1) {
        list_clear(h, l);
        return 0;
    }
    if ((uint64_t)n > (uint64_t)INT64_MAX / 16 / size)
        return no_memory(h);
    if (list_resize(h, l, size * (size_t)n) < 0)
        return -1;
    Ref *items = ld(h, l)->items;
    for (size_t p = size; p < size * (size_t)n; p++)
        items[p] = heap_newref(h, items[p % size]);
    return 0;
}

/* The fast path of list.extend for a list or tuple SEQ (maybe L itself). */
static int extend_fast(Heap *h, Ref l, Ref seq)
{
    size_t n = list_check(h, seq) ? ld(h, seq)->n : tuple_size(h, seq);
    if (n == 0)
        return 0;
    size_t m = ld(h, l)->n;
    if (h->prof->list_prealloc_on_extend && !ld(h, l)->ob_item) {
        if (list_preallocate_exact(h, l, n) < 0)
            return -1;
        ld(h, l)->n = n;
    } else if (list_resize(h, l, m + n) < 0) {
        return -1;
    }
    const Ref *src = list_check(h, seq) ? ld(h, seq)->items : tuple_items(h, seq);
    Ref *dest = ld(h, l)->items + m;
    for (size_t i = 0; i < n; i++)
        dest[i] = heap_newref(h, src[i]);
    return 0;
}

/* Make room before running an iterator: N hinted items after the M held. */
static int extend_make_room(Heap *h, Ref l, size_t n)
{
    size_t m = ld(h, l)->n;
    if (h->prof->list_prealloc_on_extend && !ld(h, l)->ob_item)
        return n ? list_preallocate_exact(h, l, n) : 0;
    if (list_resize(h, l, m + n) < 0)
        return -1;
    ld(h, l)->n = m;
    return 0;
}

/* Append everything iterator IT yields, then cut back the over-allocation. */
static int extend_run(Heap *h, Ref l, Ref it)
{
    for (;;) {
        Ref item = obj_next(h, it);
        if (!item) {
            if (h->exc)
                return -1;
            break;
        }
        ListData *d = ld(h, l);
        if ((int64_t)d->n < d->allocated)
            d->items[d->n++] = item;
        else if (append_steal(h, l, item) < 0)
            return -1;
    }
    ListData *d = ld(h, l);
    if ((int64_t)d->n < d->allocated)
        return list_resize(h, l, d->n);
    return 0;
}

/* list.extend of any iterable: preallocate from the length hint. */
static int extend_iter(Heap *h, Ref l, Ref iterable)
{
    Ref it = obj_iter(h, iterable);
    if (!it)
        return -1;
    size_t n;
    int rc = iter_length_hint(h, iterable, 8, &n);
    if (rc == 0)
        rc = extend_make_room(h, l, n);
    if (rc == 0)
        rc = extend_run(h, l, it);
    heap_decref(h, it);
    return rc;
}

/* 3.13's extend from a set, frozenset, dict or dict view: list_resize to
 * the final size, then the items. */
static int extend_container(Heap *h, Ref l, Ref c)
{
    size_t n, m = ld(h, l)->n;
    if (obj_len(h, c, &n) < 0 || list_resize(h, l, m + n) < 0)
        return -1;
    ld(h, l)->n = m;
    Ref it = obj_iter(h, c);
    if (!it)
        return -1;
    int rc = extend_run(h, l, it);
    heap_decref(h, it);
    return rc;
}

/* True when C is one of the containers 3.13's extend special-cases. */
static bool is_extend_container(const Heap *h, Ref c)
{
    Kind k = heap_kind(h, c);
    return (k == K_SET || k == K_FROZENSET || k == K_DICT || k == K_DICTVIEW)
           && !type_data(h, heap_type(h, c))->heaptype;
}

/* list.extend(iterable) with CPython's preallocation rules; 0 or -1. */
int list_extend(Heap *h, Ref l, Ref iterable)
{
    if (iterable == l && h->prof->list_extend_resize_containers)
        return list_inplace_repeat(h, l, 2);
    if (list_check_exact(h, iterable) || tuple_check_exact(h, iterable) || iterable == l)
        return extend_fast(h, l, iterable);
    if (h->prof->list_extend_resize_containers && is_extend_container(h, iterable))
        return extend_container(h, l, iterable);
    return extend_iter(h, l, iterable);
}

/* PySequence_List: a new list (PyList_New(0)) extended with ITERABLE. */
Ref list_from_iterable(Heap *h, Ref iterable)
{
    Ref l = list_new(h, 0);
    if (l && list_extend(h, l, iterable) < 0)
        heap_setref(h, &l, NULLREF);
    return l;
}

/* PySequence_Fast: V itself when it is a list or tuple, else list(iter(v));
 * TypeError MSG when V is not iterable. */
static Ref sequence_fast(Heap *h, Ref v, const char *msg)
{
    if (list_check_exact(h, v) || tuple_check_exact(h, v))
        return heap_newref(h, v);
    Ref it = obj_iter(h, v);
    if (!it) {
        if (heap_exc_matches(h, EXC_TypeError)) {
            heap_clear_exc(h);
            heap_raise(h, EXC_TypeError, "%s", msg);
        }
        return NULLREF;
    }
    Ref l = list_from_iterable(h, it);
    heap_decref(h, it);
    return l;
}

/* The items of a PySequence_Fast result. */
static const Ref *fast_items(const Heap *h, Ref seq, size_t *n)
{
    if (list_check(h, seq)) {
        *n = ld(h, seq)->n;
        return ld(h, seq)->items;
    }
    *n = tuple_size(h, seq);
    return tuple_items(h, seq);
}

/* ---- slice assignment ---- */

/* The items being replaced, kept until the list is consistent again. */
typedef struct Recycle {
    Ref *items;
    size_t n;
    uint64_t addr;       /* PyMem block when more than 8 items go */
} Recycle;

/* Copy NORIG items from ITEMS into R (a PyMem block above 8 items). */
static int recycle_take(Heap *h, Recycle *r, const Ref *items, size_t norig)
{
    r->n = norig;
    r->addr = 0;
    r->items = xmalloc((norig ? norig : 1) * sizeof(Ref));
    if (norig)
        memcpy(r->items, items, norig * sizeof(Ref));
    if (norig > 8 && scratch_alloc(h, norig, &r->addr) < 0) {
        free(r->items);
        return -1;
    }
    return 0;
}

/* Release the recycled items from the last to the first, then the block. */
static void recycle_release(Heap *h, Recycle *r)
{
    for (size_t k = r->n; k-- > 0;)
        heap_decref(h, r->items[k]);
    free(r->items);
    if (r->addr)
        heap_mem_free(h, r->addr);
}

/* Clip a slice bound to 0..N. */
static size_t clip(int64_t v, size_t n)
{
    return v < 0 ? 0 : (uint64_t)v > n ? n : (size_t)v;
}

/* Move the tail and resize for a change of D items at [lo, hi). */
static int make_gap(Heap *h, Ref l, size_t hi, int64_t d)
{
    size_t size = ld(h, l)->n;
    if (d < 0) {
        Ref *items = ld(h, l)->items;
        memmove(&items[(int64_t)hi + d], &items[hi], (size - hi) * sizeof(Ref));
        return list_resize(h, l, (size_t)((int64_t)size + d));
    }
    if (d > 0) {
        if (list_resize(h, l, size + (size_t)d) < 0)
            return -1;
        Ref *items = ld(h, l)->items;
        memmove(&items[hi + (size_t)d], &items[hi], (size - hi) * sizeof(Ref));
    }
    return 0;
}

/* list_ass_slice for a prepared sequence SEQ (0: deletion). */
static int ass_slice_items(Heap *h, Ref l, int64_t lo, int64_t hi, Ref seq)
{
    size_t vn = 0;
    const Ref *vitem = seq ? fast_items(h, seq, &vn) : NULL;
    size_t size = ld(h, l)->n;
    size_t ilow = clip(lo, size), ihigh = clip(hi, size);
    if (ihigh < ilow)
        ihigh = ilow;
    size_t norig = ihigh - ilow;
    int64_t d = (int64_t)vn - (int64_t)norig;
    if ((int64_t)size + d == 0) {
        list_clear(h, l);
        return 0;
    }
    Recycle r;
    if (recycle_take(h, &r, ld(h, l)->items + ilow, norig) < 0)
        return -1;
    if (make_gap(h, l, ihigh, d) < 0) {
        free(r.items);
        if (r.addr)
            heap_mem_free(h, r.addr);
        return -1;
    }
    vitem = seq ? fast_items(h, seq, &vn) : NULL;
    Ref *items = ld(h, l)->items;
    for (size_t k = 0; k < vn; k++)
        items[ilow + k] = heap_newref(h, vitem[k]);
    recycle_release(h, &r);
    return 0;
}

/* list[lo:hi] = v (V 0 deletes, else any iterable); 0 or -1. */
int list_setslice(Heap *h, Ref l, int64_t lo, int64_t hi, Ref v)
{
    if (v == l) {
        Ref copy = list_getslice(h, l, 0, ld(h, l)->n);
        if (!copy)
            return -1;
        int rc = list_setslice(h, l, lo, hi, copy);
        heap_decref(h, copy);
        return rc;
    }
    Ref seq = NULLREF;
    if (v && !(seq = sequence_fast(h, v, h->prof->list_assign_iter_msg)))
        return -1;
    int rc = ass_slice_items(h, l, lo, hi, seq);
    heap_decref(h, seq);
    return rc;
}

/* del l[i] for a valid I. */
static int list_del_item(Heap *h, Ref l, size_t i)
{
    if (!h->prof->list_delitem_keeps_array)
        return list_setslice(h, l, (int64_t)i, (int64_t)i + 1, NULLREF);
    ListData *d = ld(h, l);
    Ref old = d->items[i];
    memmove(&d->items[i], &d->items[i + 1], (d->n - i - 1) * sizeof(Ref));
    d->n--;
    heap_decref(h, old);
    return 0;
}

/* del l[start:stop:step] for an extended slice of LEN > 0 items. */
static int del_extended(Heap *h, Ref l, int64_t start, int64_t step, size_t len)
{
    if (step < 0) {
        int64_t stop = start + 1;
        start = stop + step * (int64_t)(len - 1) - 1;
        step = -step;
    }
    uint64_t gaddr;
    if (scratch_alloc(h, len, &gaddr) < 0)
        return -1;
    ListData *d = ld(h, l);
    Ref *garbage = xmalloc(len * sizeof(Ref));
    size_t w = (size_t)start;
    for (size_t r = (size_t)start, k = 0; r < d->n; r++) {
        if (k < len && r == (size_t)start + k * (size_t)step)
            garbage[k++] = d->items[r];
        else
            d->items[w++] = d->items[r];
    }
    int rc = list_resize(h, l, d->n - len);
    for (size_t k = 0; k < len; k++)
        heap_decref(h, garbage[k]);
    free(garbage);
    heap_mem_free(h, gaddr);
    return rc;
}

/* l[start:stop:step] = value for an extended slice of LEN items. */
static int assign_extended(Heap *h, Ref l, Ref value, int64_t start, int64_t step,
                           size_t len)
{
    Ref seq = value == l ? list_getslice(h, l, 0, ld(h, l)->n)
                         : sequence_fast(h, value, "must assign iterable to extended slice");
    if (!seq)
        return -1;
    size_t vn;
    const Ref *vitem = fast_items(h, seq, &vn);
    int rc = 0;
    uint64_t gaddr = 0;
    if (vn != len) {
        heap_raise(h, EXC_ValueError,
                   "attempt to assign sequence of size %zu to extended slice of size %zu",
                   vn, len);
        rc = -1;
    } else if (len && scratch_alloc(h, len, &gaddr) == 0) {
        Ref *garbage = xmalloc(len * sizeof(Ref));
        Ref *items = ld(h, l)->items;
        for (size_t i = 0; i < len; i++) {
            size_t cur = (size_t)(start + (int64_t)i * step);
            garbage[i] = items[cur];
            items[cur] = heap_newref(h, vitem[i]);
        }
        for (size_t i = 0; i < len; i++)
            heap_decref(h, garbage[i]);
        free(garbage);
        heap_mem_free(h, gaddr);
    } else if (len) {
        rc = -1;
    }
    heap_decref(h, seq);
    return rc;
}

/* l[slice] = value / del l[slice]. */
static int ass_subscript_slice(Heap *h, Ref l, Ref key, Ref value)
{
    int64_t start, stop, step;
    size_t len;
    if (slice_indices(h, key, ld(h, l)->n, &start, &stop, &step, &len) < 0)
        return -1;
    if (step == 1)
        return list_setslice(h, l, start, stop, value);
    if (!value)
        return len ? del_extended(h, l, start, step, len) : 0;
    return assign_extended(h, l, value, start, step, len);
}

/* l[key] = value, del l[key]. */
static int list_ass_subscript(Heap *h, Ref l, Ref key, Ref value)
{
    if (slice_index_check(h, key)) {
        int64_t i;
        if (slice_as_ssize(h, key, SSIZE_INDEX_ERROR, &i) < 0)
            return -1;
        size_t n = ld(h, l)->n;
        if (i < 0)
            i += (int64_t)n;
        if (i < 0 || (uint64_t)i >= n) {
            heap_raise(h, EXC_IndexError, "list assignment index out of range");
            return -1;
        }
        if (!value)
            return list_del_item(h, l, (size_t)i);
        list_set_item(h, l, (size_t)i, heap_newref(h, value));
        return 0;
    }
    if (slice_check(h, key))
        return ass_subscript_slice(h, l, key, value);
    heap_raise(h, EXC_TypeError, "list indices must be integers or slices, not %s",
               heap_type_name(h, key));
    return -1;
}

/* ---- other operations ---- */

/* PyList_Insert: insert V (borrowed) before WHERE (clipped); 0 or -1. */
int list_insert(Heap *h, Ref l, int64_t where, Ref v)
{
    size_t n = ld(h, l)->n;
    if (list_resize(h, l, n + 1) < 0)
        return -1;
    if (where < 0 && (where += (int64_t)n) < 0)
        where = 0;
    if ((uint64_t)where > n)
        where = (int64_t)n;
    Ref *items = ld(h, l)->items;
    memmove(&items[where + 1], &items[where], (n - (size_t)where) * sizeof(Ref));
    items[where] = heap_newref(h, v);
    return 0;
}

/* Reverse N items at P in place. */
static void reverse_refs(Ref *p, size_t n)
{
    for (size_t i = 0, j = n; i + 1 < j--; i++) {
        Ref t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}

/* list.reverse(). */
void list_reverse(Heap *h, Ref l)
{
    reverse_refs(ld(h, l)->items, ld(h, l)->n);
}

/* PyList_AsTuple: a tuple of L's items. */
Ref list_as_tuple(Heap *h, Ref l)
{
    return tuple_from_array(h, ld(h, l)->items, ld(h, l)->n);
}

/* list.pop(i): 3.12+ clears or memmoves; older versions resize or delete
 * a one-item slice. */
static Ref list_pop_at(Heap *h, Ref l, int64_t index)
{
    size_t n = ld(h, l)->n;
    if (n == 0)
        return heap_raise(h, EXC_IndexError, "pop from empty list");
    if (index < 0)
        index += (int64_t)n;
    if (index < 0 || (uint64_t)index >= n)
        return heap_raise(h, EXC_IndexError, "pop index out of range");
    Ref v = ld(h, l)->items[index];
    if (h->prof->list_pop_clears && n == 1) {
        heap_incref(h, v);
        list_clear(h, l);
        return v;
    }
    if (h->prof->list_pop_clears || (size_t)index == n - 1) {
        Ref *items = ld(h, l)->items;
        memmove(&items[index], &items[index + 1], (n - 1 - (size_t)index) * sizeof(Ref));
        return list_resize(h, l, n - 1) < 0 ? NULLREF : v;
    }
    heap_incref(h, v);
    if (list_setslice(h, l, index, index + 1, NULLREF) < 0) {
        heap_decref(h, v);
        return NULLREF;
    }
    return v;
}

/* ---- sorting ---- */

/* One sort: KEYS compared, VALUES (NULL: the keys) moved along. */
typedef struct SortState {
    Heap *h;
    Ref *keys, *values;
    size_t n;
    struct { size_t base, len; int power; } pending[80];
    int npending;
} SortState;

/* ISLT: keys[a] < keys[b] through obj_richcompare_bool(..., CMP_LT). */
static int islt(SortState *s, Ref a, Ref b)
{
    return obj_richcompare_bool(s->h, a, b, CMP_LT);
}

/* Reverse the run of N entries at LO (keys and values). */
static void reverse_run(SortState *s, size_t lo, size_t n)
{
    reverse_refs(s->keys + lo, n);
    if (s->values)
        reverse_refs(s->values + lo, n);
}

/* count_run (3.8-3.12): the length of the run at LO (< HI), reversed in
 * place when strictly descending; -1 on error. */
static int64_t count_run_strict(SortState *s, size_t lo, size_t hi)
{
    if (lo + 1 == hi)
        return 1;
    int desc = islt(s, s->keys[lo + 1], s->keys[lo]);
    if (desc < 0)
        return -1;
    size_t i = lo + 2;
    for (; i < hi; i++) {
        int k = islt(s, s->keys[i], s->keys[i - 1]);
        if (k < 0)
            return -1;
        if (k != desc)
            break;
    }
    if (desc)
        reverse_run(s, lo, i - lo);
    return (int64_t)(i - lo);
}

/* Reverse the last NEQ + 1 equal items before N of the run at LO. */
static void reverse_last_equal(SortState *s, size_t lo, size_t n, size_t *neq)
{
    if (*neq) {
        ++*neq;
        reverse_run(s, lo + n - *neq, *neq);
        *neq = 0;
    }
}

/* The descending part of 3.13's count_run, from N: how far it goes, with
 * runs of equal items reversed on the way; -1 on error. */
static int64_t descending_run(SortState *s, size_t lo, size_t n, size_t rem)
{
    Ref *a = s->keys + lo;
    size_t neq = 0;
    for (; n < rem; ++n) {
        int k = islt(s, a[n], a[n - 1]);
        if (k < 0)
            return -1;
        if (k) {
            reverse_last_equal(s, lo, n, &neq);
            continue;
        }
        if ((k = islt(s, a[n - 1], a[n])) < 0)
            return -1;
        if (k)
            break;
        ++neq;
    }
    reverse_last_equal(s, lo, n, &neq);
    return (int64_t)n;
}

/* count_run (3.13): the length of the ascending run at LO made by taking
 * a non-increasing run and reversing it, then extending it; -1 on error. */
static int64_t count_run_313(SortState *s, size_t lo, size_t rem)
{
    Ref *a = s->keys + lo;
    size_t n;
    int k = 0;
    for (n = 1; n < rem && (k = islt(s, a[n], a[n - 1])) == 0; ++n)
        ;
    if (k < 0)
        return -1;
    if (n == rem)
        return (int64_t)n;
    if (n > 1) {
        if ((k = islt(s, a[0], a[n - 1])) != 0)
            return k < 0 ? -1 : (int64_t)n;
        reverse_run(s, lo, n);
    }
    int64_t m = descending_run(s, lo, n + 1, rem);
    if (m < 0)
        return -1;
    reverse_run(s, lo, (size_t)m);
    for (n = (size_t)m; n < rem && (k = islt(s, a[n], a[n - 1])) == 0; ++n)
        ;
    return k < 0 ? -1 : (int64_t)n;
}

/* The length of the next run at LO, made ascending; -1 on error. */
static int64_t count_run(SortState *s, size_t lo, size_t rem)
{
    if (s->h->prof->sort_equal_descending_runs)
        return count_run_313(s, lo, rem);
    return count_run_strict(s, lo, lo + rem);
}

/* binarysort: extend the sorted [LO, START) to [LO, HI) by binary insertion. */
static int binarysort(SortState *s, size_t lo, size_t hi, size_t start)
{
    if (lo == start)
        start++;
    for (; start < hi; start++) {
        size_t l = lo, r = start;
        Ref pivot = s->keys[start];
        do {
            size_t p = l + ((r - l) >> 1);
            int k = islt(s, pivot, s->keys[p]);
            if (k < 0)
                return -1;
            if (k)
                r = p;
            else
                l = p + 1;
        } while (l < r);
        memmove(&s->keys[l + 1], &s->keys[l], (start - l) * sizeof(Ref));
        s->keys[l] = pivot;
        if (s->values) {
            Ref v = s->values[start];
            memmove(&s->values[l + 1], &s->values[l], (start - l) * sizeof(Ref));
            s->values[l] = v;
        }
    }
    return 0;
}

/* merge_compute_minrun. */
static size_t compute_minrun(size_t n)
{
    size_t r = 0;
    while (n >= 64) {
        r |= n & 1;
        n >>= 1;
    }
    return n + r;
}

/* Stable merge of the adjacent runs [a, a+na) and [a+na, a+na+nb). */
static int merge_runs(SortState *s, size_t a, size_t na, size_t nb)
{
    size_t total = na + nb, i = 0, j = 0, o = 0;
    Ref *k = xmalloc(total * sizeof(Ref)), *v = s->values ? xmalloc(total * sizeof(Ref)) : NULL;
    int rc = 0;
    while (i < na && j < nb) {
        int lt = islt(s, s->keys[a + na + j], s->keys[a + i]);
        if (lt < 0) {
            rc = -1;
            break;
        }
        size_t from = lt ? a + na + j++ : a + i++;
        k[o] = s->keys[from];
        if (v)
            v[o] = s->values[from];
        o++;
    }
    for (; rc == 0 && i < na; i++, o++) {
        k[o] = s->keys[a + i];
        if (v)
            v[o] = s->values[a + i];
    }
    for (; rc == 0 && j < nb; j++, o++) {
        k[o] = s->keys[a + na + j];
        if (v)
            v[o] = s->values[a + na + j];
    }
    if (rc == 0) {
        memcpy(&s->keys[a], k, total * sizeof(Ref));
        if (v)
            memcpy(&s->values[a], v, total * sizeof(Ref));
    }
    free(k);
    free(v);
    return rc;
}

/* merge_at: merge pending runs I and I + 1. */
static int merge_at(SortState *s, int i)
{
    size_t base = s->pending[i].base, na = s->pending[i].len, nb = s->pending[i + 1].len;
    s->pending[i].len = na + nb;
    if (i == s->npending - 3)
        s->pending[i + 1] = s->pending[i + 2];
    s->npending--;
    return merge_runs(s, base, na, nb);
}

/* powerloop: the node power of the boundary between two runs. */
static int powerloop(size_t s1, size_t n1, size_t n2, size_t n)
{
    int result = 0;
    size_t a = 2 * s1 + n1, b = a + n1 + n2;
    for (;;) {
        ++result;
        if (a >= n) {
            a -= n;
            b -= n;
        } else if (b >= n) {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/* found_new_run: merge pending runs of higher power than the new boundary. */
static int found_new_run(SortState *s, size_t n2)
{
    if (s->npending == 0)
        return 0;
    int top = s->npending - 1;
    int power = powerloop(s->pending[top].base, s->pending[top].len, n2, s->n);
    while (s->npending > 1 && s->pending[s->npending - 2].power > power)
        if (merge_at(s, s->npending - 2) < 0)
            return -1;
    s->pending[s->npending - 1].power = power;
    return 0;
}

/* merge_force_collapse: merge everything that is left. */
static int force_collapse(SortState *s)
{
    while (s->npending > 1) {
        int n = s->npending - 2;
        if (n > 0 && s->pending[n - 1].len < s->pending[n + 1].len)
            --n;
        if (merge_at(s, n) < 0)
            return -1;
    }
    return 0;
}

/* The timsort main loop over S's N entries. */
static int timsort(SortState *s)
{
    size_t lo = 0, remaining = s->n, minrun = compute_minrun(s->n);
    while (remaining) {
        int64_t n = count_run(s, lo, remaining);
        if (n < 0)
            return -1;
        if ((size_t)n < minrun) {
            size_t force = remaining <= minrun ? remaining : minrun;
            if (binarysort(s, lo, lo + force, lo + (size_t)n) < 0)
                return -1;
            n = (int64_t)force;
        }
        if (found_new_run(s, (size_t)n) < 0)
            return -1;
        s->pending[s->npending].base = lo;
        s->pending[s->npending].len = (size_t)n;
        s->npending++;
        lo += (size_t)n;
        remaining -= (size_t)n;
    }
    return force_collapse(s);
}

/* The key of every value (N >= 128 takes a PyMem block); -1 on error. */
static int compute_keys(Heap *h, Ref key, const Ref *values, size_t n, Ref **keys,
                        uint64_t *addr)
{
    *addr = 0;
    if (n >= 128 && scratch_alloc(h, n, addr) < 0)
        return -1;
    *keys = xmalloc((n ? n : 1) * sizeof(Ref));
    for (size_t i = 0; i < n; i++) {
        Ref v = values[i];
        (*keys)[i] = obj_call(h, key, &v, 1, NULLREF);
        if (!(*keys)[i]) {
            while (i-- > 0)
                heap_decref(h, (*keys)[i]);
            free(*keys);
            *keys = NULL;
            if (*addr)
                heap_mem_free(h, *addr);
            return -1;
        }
    }
    return 0;
}

/* Sort N values (with KEYS, or by themselves), REVERSE stably. */
static int sort_values(Heap *h, Ref *values, Ref *keys, size_t n, bool reverse)
{
    SortState s = {.h = h, .keys = keys ? keys : values, .values = keys ? values : NULL,
                   .n = n};
    if (n < 2)
        return 0;
    if (reverse)
        reverse_run(&s, 0, n);
    int rc = timsort(&s);
    if (reverse)
        reverse_refs(values, n);
    return rc;
}

/* Put the saved array back and release whatever was put in the list
 * while it was sorted. */
static void restore_after_sort(Heap *h, Ref l, const ListData *saved)
{
    ListData *d = ld(h, l);
    ListData final = *d;
    *d = *saved;
    if (final.ob_item) {
        for (size_t i = final.n; i-- > 0;)
            heap_decref(h, final.items[i]);
        heap_mem_free(h, final.ob_item);
    }
    free(final.items);
}

/* list.sort(key=KEY, reverse=REVERSE); 0 or -1. */
int list_sort(Heap *h, Ref l, Ref key, bool reverse)
{
    ListData saved = *ld(h, l);
    *ld(h, l) = (ListData){.allocated = -1};
    Ref *keys = NULL;
    uint64_t keys_addr = 0;
    int rc = 0;
    if (key && key != h->none)
        rc = compute_keys(h, key, saved.items, saved.n, &keys, &keys_addr);
    if (rc == 0) {
        rc = sort_values(h, saved.items, keys, saved.n, reverse);
        for (size_t i = 0; keys && i < saved.n; i++)
            heap_decref(h, keys[i]);
        free(keys);
        if (keys_addr)
            heap_mem_free(h, keys_addr);
        if (ld(h, l)->allocated != -1 && rc == 0) {
            heap_raise(h, EXC_ValueError, "list modified during sort");
            rc = -1;
        }
    }
    restore_after_sort(h, l, &saved);
    return rc;
}

/* ---- slots ---- */

/* list_dealloc: release the items last to first, free the array, then
 * recycle the object block on the free list (exact lists) or free it. */
static void list_dealloc(Heap *h, Ref l)
{
    ListData *d = ld(h, l);
    if (d->ob_item) {
        for (size_t i = d->n; i-- > 0;) {
            Ref item = ld(h, l)->items[i];
            heap_decref(h, item);
        }
        heap_mem_free(h, ld(h, l)->ob_item);
    }
    free(ld(h, l)->items);
    free(ld(h, l));
    h->objs[l].v.p = NULL;
    if (list_check_exact(h, l)
        && heap_freelist_push(&h->fl_list, h->objs[l].addr - gch(h))) {
        heap_free_slot(h, l);
        return;
    }
    heap_free_object(h, l, gch(h), true);
}

/* list_traverse: the items, from the last to the first. */
static void list_traverse(Heap *h, Ref l, VisitFn visit, void *arg)
{
    ListData *d = ld(h, l);
    for (size_t i = d->n; i-- > 0;)
        if (d->items[i])
            visit(h, d->items[i], arg);
}

/* The item array, a block of its own (PyMem_Malloc'd ob_item). */
static void list_blocks(Heap *h, Ref l, BlockVisitFn visit, void *arg)
{
    ListData *d = ld(h, l);
    if (d && d->ob_item)
        visit(h, l, d->ob_item, "ob_item", arg);
}

/* tp_clear: _list_clear. */
static void list_gc_clear(Heap *h, Ref l)
{
    list_clear(h, l);
}

/* Free the host payload (heap teardown). */
static void list_release(Heap *h, Ref l)
{
    free(ld(h, l)->items);
    free(ld(h, l));
    h->objs[l].v.p = NULL;
}

/* Copy the payload and its item array for heap_clone. */
static void list_clone(const Heap *src, Heap *dst, Ref l, CloneMap *map)
{
    (void)map;
    const ListData *d = ld(src, l);
    if (!d)
        return;
    ListData *c = clone_memdup(d, sizeof *d);
    c->items = clone_memdup(d->items, d->hcap * sizeof *d->items);
    dst->objs[l].v.p = c;
}

/* sys.getsizeof(l): 56 + 8 * allocated. */
static size_t list_sizeof(Heap *h, Ref l)
{
    return h->prof->list_base + 8 * list_allocated(h, l);
}

/* repr: [1, 2], [...] for a list inside its own repr. */
static Ref list_repr(Heap *h, Ref l)
{
    if (ld(h, l)->n == 0)
        return str_from_cstr(h, "[]");
    if (heap_repr_enter(h, l))
        return str_from_cstr(h, "[...]");
    StrBuf b = {0};
    strbuf_putc(&b, '[');
    bool ok = true;
    for (size_t i = 0; ok && i < ld(h, l)->n; i++) {
        if (i > 0)
            strbuf_puts(&b, ", ");
        ok = obj_repr_into(h, ld(h, l)->items[i], &b);
    }
    heap_repr_leave(h, l);
    Ref s = NULLREF;
    if (ok) {
        strbuf_putc(&b, ']');
        s = str_from_utf8(h, b.data, b.len);
    }
    strbuf_free(&b);
    return s;
}

/* The item of L at I, compared with OTHER for equality (incref'd meanwhile). */
static int item_equals(Heap *h, Ref item, Ref other)
{
    heap_incref(h, item);
    int k = obj_richcompare_bool(h, item, other, CMP_EQ);
    heap_decref(h, item);
    return k;
}

/* list_richcompare: sizes first for ==/!=, then the first differing items. */
static Ref list_richcompare(Heap *h, Ref v, Ref w, int op)
{
    if (!list_check(h, v) || !list_check(h, w))
        return heap_newref(h, h->notimpl);
    if (ld(h, v)->n != ld(h, w)->n && (op == CMP_EQ || op == CMP_NE))
        return bool_from(h, op == CMP_NE);
    size_t i;
    for (i = 0; i < ld(h, v)->n && i < ld(h, w)->n; i++) {
        Ref a = ld(h, v)->items[i], b = ld(h, w)->items[i];
        if (a == b)
            continue;
        heap_incref(h, b);
        int k = item_equals(h, a, b);
        heap_decref(h, b);
        if (k < 0)
            return NULLREF;
        if (!k)
            break;
    }
    size_t vn = ld(h, v)->n, wn = ld(h, w)->n;
    if (i >= vn || i >= wn) {
        int r = op == CMP_LT ? vn < wn : op == CMP_LE ? vn <= wn : op == CMP_EQ ? vn == wn
              : op == CMP_NE ? vn != wn : op == CMP_GT ? vn > wn : vn >= wn;
        return bool_from(h, r);
    }
    if (op == CMP_EQ || op == CMP_NE)
        return bool_from(h, op == CMP_NE);
    return obj_richcompare(h, ld(h, v)->items[i], ld(h, w)->items[i], op);
}

/* True when O is an instance of a user class defining NAME. */
static bool user_defines(Heap *h, Ref o, const char *name)
{
    Ref t = heap_type(h, o);
    return type_data(h, t)->heaptype && type_lookup_cstr(h, t, name);
}

/* list_concat: a + b of two lists, allocated exactly. */
static Ref list_concat(Heap *h, Ref a, Ref b)
{
    if (!list_check(h, a) || !list_check(h, b))
        return heap_newref(h, h->notimpl);
    size_t na = ld(h, a)->n, nb = ld(h, b)->n;
    Ref r = list_new(h, na + nb);
    if (!r)
        return NULLREF;
    for (size_t i = 0; i < na; i++)
        ld(h, r)->items[i] = heap_newref(h, ld(h, a)->items[i]);
    for (size_t i = 0; i < nb; i++)
        ld(h, r)->items[na + i] = heap_newref(h, ld(h, b)->items[i]);
    return r;
}

/* list_repeat: l * n, allocated exactly. */
static Ref list_repeat(Heap *h, Ref l, int64_t n)
{
    size_t size = ld(h, l)->n;
    if (n < 0)
        n = 0;
    if (n > 0 && size > (size_t)INT64_MAX / 16 / (uint64_t)n) {
        no_memory(h);
        return NULLREF;
    }
    Ref r = list_new(h, size * (size_t)n);
    if (!r)
        return NULLREF;
    Ref *dst = ld(h, r)->items;
    for (int64_t k = 0; k < n; k++)
        for (size_t i = 0; i < size; i++)
            *dst++ = heap_newref(h, ld(h, l)->items[i]);
    return r;
}

/* The repeat count of `seq * n`, or NotImplemented (returned in *NI). */
static int repeat_count(Heap *h, Ref seq, Ref n, bool seq_left, int64_t *count)
{
    if ((seq_left && user_defines(h, n, "__rmul__"))
        || (!seq_left && user_defines(h, n, "__mul__")) || !slice_index_check(h, n))
        return 1;
    (void)seq;
    return slice_as_ssize(h, n, SSIZE_OVERFLOW_ERROR, count) < 0 ? -1 : 0;
}

/* a * b where one side is a list. */
static Ref list_mul(Heap *h, Ref a, Ref b)
{
    Ref seq = list_check(h, a) ? a : b, n = seq == a ? b : a;
    int64_t count;
    int rc = list_check(h, seq) ? repeat_count(h, seq, n, seq == a, &count) : 1;
    if (rc < 0)
        return NULLREF;
    if (rc > 0)
        return heap_newref(h, h->notimpl);
    return list_repeat(h, seq, count);
}

/* l += iterable: extend (NotImplemented first for a reflected __radd__). */
static Ref list_inplace_concat(Heap *h, Ref l, Ref other)
{
    if (user_defines(h, other, "__radd__"))
        return heap_newref(h, h->notimpl);
    if (list_extend(h, l, other) < 0)
        return NULLREF;
    return heap_newref(h, l);
}

/* l *= n. */
static Ref list_inplace_mul(Heap *h, Ref l, Ref n)
{
    int64_t count;
    int rc = repeat_count(h, l, n, true, &count);
    if (rc < 0)
        return NULLREF;
    if (rc > 0)
        return heap_newref(h, h->notimpl);
    if (list_inplace_repeat(h, l, count) < 0)
        return NULLREF;
    return heap_newref(h, l);
}

/* len(l). */
static int list_len(Heap *h, Ref l, size_t *out)
{
    *out = ld(h, l)->n;
    return 0;
}

/* l[i], l[i:j:k]. */
static Ref list_subscript(Heap *h, Ref l, Ref key)
{
    size_t n = ld(h, l)->n;
    if (slice_index_check(h, key)) {
        int64_t i;
        if (slice_as_ssize(h, key, SSIZE_INDEX_ERROR, &i) < 0)
            return NULLREF;
        if (i < 0)
            i += (int64_t)n;
        if (i < 0 || (uint64_t)i >= n)
            return heap_raise(h, EXC_IndexError, "list index out of range");
        return heap_newref(h, ld(h, l)->items[i]);
    }
    if (!slice_check(h, key))
        return heap_raise(h, EXC_TypeError, "list indices must be integers or slices, not %s",
                          heap_type_name(h, key));
    int64_t start, stop, step;
    size_t len;
    if (slice_indices(h, key, n, &start, &stop, &step, &len) < 0)
        return NULLREF;
    if (step == 1 || len == 0)
        return list_getslice(h, l, len ? (size_t)start : 0, len ? (size_t)start + len : 0);
    Ref r = list_new(h, len);
    for (size_t i = 0; r && i < len; i++)
        ld(h, r)->items[i] = heap_newref(h, ld(h, l)->items[start + (int64_t)i * step]);
    return r;
}

/* x in l. */
static int list_contains(Heap *h, Ref l, Ref x)
{
    int cmp = 0;
    for (size_t i = 0; cmp == 0 && i < ld(h, l)->n; i++) {
        Ref item = heap_newref(h, ld(h, l)->items[i]);
        cmp = h->prof->contains_needle_left ? obj_richcompare_bool(h, x, item, CMP_EQ)
                                            : obj_richcompare_bool(h, item, x, CMP_EQ);
        heap_decref(h, item);
    }
    return cmp;
}

/* list.__init__(iterable): 3.8 preallocates len(iterable) first. */
static int list_init(Heap *h, Ref l, Ref iterable)
{
    if (!h->prof->list_prealloc_on_extend && iter_has_len(h, iterable)) {
        size_t n;
        if (obj_len(h, iterable, &n) < 0) {
            if (!heap_exc_matches(h, EXC_TypeError))
                return -1;
            heap_clear_exc(h);
        } else if (n > 0 && !ld(h, l)->ob_item && list_preallocate_exact(h, l, n) < 0) {
            return -1;
        }
    }
    return list_extend(h, l, iterable);
}

/* list(), list(iterable): a fresh object (never from the free list). */
static Ref list_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_no_kwnames(h, "list", kwnames) || !seqarg_positional(h, "list", nargs, 0, 1))
        return NULLREF;
    Ref l = list_generic_alloc(h, type);
    if (l && nargs && list_init(h, l, args[0]) < 0)
        heap_setref(h, &l, NULLREF);
    return l;
}

/* ---- methods ---- */

/* list.append(x). */
static Ref m_append(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "list", "append", nargs, kwnames) || list_append(h, self, args[0]) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* list.extend(iterable). */
static Ref m_extend(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "list", "extend", nargs, kwnames) || list_extend(h, self, args[0]) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* list.insert(index, object). */
static Ref m_insert(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    int64_t where;
    if (!seqarg_no_kwnames(h, "insert", kwnames) || !seqarg_positional(h, "insert", nargs, 2, 2)
        || slice_as_ssize(h, args[0], SSIZE_OVERFLOW_ERROR, &where) < 0
        || list_insert(h, self, where, args[1]) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* list.pop([index]). */
static Ref m_pop(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    int64_t index = -1;
    if (!seqarg_no_kwnames(h, "pop", kwnames) || !seqarg_positional(h, "pop", nargs, 0, 1)
        || (nargs && slice_as_ssize(h, args[0], SSIZE_OVERFLOW_ERROR, &index) < 0))
        return NULLREF;
    return list_pop_at(h, self, index);
}

/* list.remove(x). */
static Ref m_remove(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "list", "remove", nargs, kwnames))
        return NULLREF;
    for (size_t i = 0; i < ld(h, self)->n; i++) {
        int cmp = item_equals(h, ld(h, self)->items[i], args[0]);
        if (cmp < 0)
            return NULLREF;
        if (cmp > 0) {
            if (list_setslice(h, self, (int64_t)i, (int64_t)i + 1, NULLREF) < 0)
                return NULLREF;
            return heap_newref(h, h->none);
        }
    }
    return heap_raise(h, EXC_ValueError, "list.remove(x): x not in list");
}

/* The start/stop arguments of index() (slice_index(accept={int})). */
static int index_bound(Heap *h, Ref v, int64_t *out)
{
    if (v == h->none) {
        heap_raise(h, EXC_TypeError, "slice indices must be integers or have an __index__ method");
        return -1;
    }
    return slice_eval_index(h, v, out);
}

/* list.index(x[, start[, stop]]). */
static Ref m_index(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    int64_t start = 0, stop = INT64_MAX;
    if (!seqarg_no_kwnames(h, "index", kwnames) || !seqarg_positional(h, "index", nargs, 1, 3)
        || (nargs > 1 && index_bound(h, args[1], &start) < 0)
        || (nargs > 2 && index_bound(h, args[2], &stop) < 0))
        return NULLREF;
    int64_t n = (int64_t)ld(h, self)->n;
    if (start < 0 && (start += n) < 0)
        start = 0;
    if (stop < 0 && (stop += n) < 0)
        stop = 0;
    for (int64_t i = start; i < stop && i < (int64_t)ld(h, self)->n; i++) {
        int cmp = item_equals(h, ld(h, self)->items[i], args[0]);
        if (cmp > 0)
            return int_from_i64(h, i);
        if (cmp < 0)
            return NULLREF;
    }
    StrBuf b = {0};
    if (obj_repr_into(h, args[0], &b))
        heap_raise(h, EXC_ValueError, "%s is not in list", strbuf_cstr(&b));
    strbuf_free(&b);
    return NULLREF;
}

/* list.count(x). */
static Ref m_count(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "list", "count", nargs, kwnames))
        return NULLREF;
    int64_t count = 0;
    for (size_t i = 0; i < ld(h, self)->n; i++) {
        Ref item = ld(h, self)->items[i];
        int cmp = item == args[0] ? 1 : item_equals(h, item, args[0]);
        if (cmp < 0)
            return NULLREF;
        count += cmp;
    }
    return int_from_i64(h, count);
}

/* list.reverse(). */
static Ref m_reverse(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list", "reverse", nargs, kwnames))
        return NULLREF;
    list_reverse(h, self);
    return heap_newref(h, h->none);
}

/* The reverse= argument of sort(): any object in 3.12+, an int before. */
static int sort_reverse_arg(Heap *h, Ref v, bool *out)
{
    if (h->prof->sort_reverse_truth || int_check(h, v)) {
        int t = obj_truth(h, v);
        *out = t > 0;
        return t < 0 ? -1 : 0;
    }
    if (h->prof->int_arg_legacy_msg)
        heap_raise(h, EXC_TypeError, "an integer is required (got type %s)",
                   heap_type_name(h, v));
    else
        heap_raise(h, EXC_TypeError, "'%s' object cannot be interpreted as an integer",
                   heap_type_name(h, v));
    return -1;
}

/* list.sort(*, key=None, reverse=False). */
static Ref m_sort(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (nargs)
        return heap_raise(h, EXC_TypeError, "sort() takes no positional arguments");
    Ref key = NULLREF;
    bool reverse = false;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    for (size_t i = 0; i < nkw; i++) {
        Ref name = tuple_items(h, kwnames)[i];
        if (str_eq_cstr(h, name, "key"))
            key = args[i];
        else if (str_eq_cstr(h, name, "reverse")) {
            if (sort_reverse_arg(h, args[i], &reverse) < 0)
                return NULLREF;
        } else
            return seqarg_bad_keyword(h, "sort", name);
    }
    if (list_sort(h, self, key, reverse) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* list.clear(). */
static Ref m_clear(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list", "clear", nargs, kwnames))
        return NULLREF;
    list_clear(h, self);
    return heap_newref(h, h->none);
}

/* list.copy(). */
static Ref m_copy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list", "copy", nargs, kwnames))
        return NULLREF;
    return list_slice_copy(h, self);
}

/* list.__reversed__(). */
static Ref m_reversed(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list", "__reversed__", nargs, kwnames))
        return NULLREF;
    return list_reversed(h, self);
}

/* list.__sizeof__(): without the GC header, as in CPython. */
static Ref m_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list", "__sizeof__", nargs, kwnames))
        return NULLREF;
    return int_from_i64(h, (int64_t)(list_sizeof(h, self) - gch(h)));
}

static const MethodDef list_methods[] = {
    {"__reversed__", m_reversed, "Return a reverse iterator over the list."},
    {"__sizeof__", m_sizeof, "Return the size of the list in memory, in bytes."},
    {"clear", m_clear, "Remove all items from list."},
    {"copy", m_copy, "Return a shallow copy of the list."},
    {"append", m_append, "Append object to the end of the list."},
    {"insert", m_insert, "Insert object before index."},
    {"extend", m_extend, "Extend list by appending elements from the iterable."},
    {"pop", m_pop, "Remove and return item at index (default last)."},
    {"remove", m_remove, "Remove first occurrence of value."},
    {"index", m_index, "Return first index of value."},
    {"count", m_count, "Return number of occurrences of value."},
    {"reverse", m_reverse, "Reverse *IN PLACE*."},
    {"sort", m_sort, "Sort the list in ascending order and return None."},
    {NULL, NULL, NULL},
};

const TypeOps list_ops = {
    .name = "list", .gc = 1, .basetype = 1,
    .sizeof_ = list_sizeof, .dealloc = list_dealloc, .traverse = list_traverse,
    .clear = list_gc_clear, .release = list_release, .blocks = list_blocks,
    .clone = list_clone,
    .repr = list_repr,
    .richcompare = list_richcompare,
    .binop = {[OP_ADD] = list_concat, [OP_MUL] = list_mul},
    .inplace = {[OP_ADD] = list_inplace_concat, [OP_MUL] = list_inplace_mul},
    .len = list_len, .getitem = list_subscript, .setitem = list_ass_subscript,
    .contains = list_contains, .iter = list_iter, .new_ = list_type_new,
    .methods = list_methods,
};

/* ---- iterators ---- */

/* A new iterator over L. */
Ref list_iter(Heap *h, Ref l)
{
    return iter_seq_new(h, K_LISTITER, l, 0);
}

/* listiter_next: the next item; the list is released at the end. */
static Ref listiter_next(Heap *h, Ref it)
{
    Ref seq = iter_seq(h, it);
    if (!seq)
        return NULLREF;
    int64_t i = iter_index(h, it);
    if ((size_t)i < ld(h, seq)->n) {
        h->objs[it].v.i = i + 1;
        return heap_newref(h, ld(h, seq)->items[i]);
    }
    iter_seq_release(h, it);
    return NULLREF;
}

/* list_iterator.__length_hint__(). */
static Ref listiter_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs,
                                Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list_iterator", "__length_hint__", nargs, kwnames))
        return NULLREF;
    Ref seq = iter_seq(h, self);
    int64_t n = seq ? (int64_t)ld(h, seq)->n - iter_index(h, self) : 0;
    return int_from_i64(h, n < 0 ? 0 : n);
}

static const MethodDef listiter_methods[] = {
    {"__length_hint__", listiter_length_hint, ITER_LENGTH_HINT_DOC},
    {NULL, NULL, NULL},
};

const TypeOps listiter_ops = {
    .name = "list_iterator", .gc = 1,
    .sizeof_ = iter_seq_sizeof, .dealloc = iter_seq_dealloc, .traverse = iter_seq_traverse,
    .iter = iter_self, .iternext = listiter_next, .methods = listiter_methods,
};

/* reversed(l): an iterator from the last item down. */
Ref list_reversed(Heap *h, Ref l)
{
    return iter_seq_new(h, K_LISTREVITER, l, (int64_t)ld(h, l)->n - 1);
}

/* listreviter_next: items from the end; the list is released at the end
 * (kept in 3.13). */
static Ref listreviter_next(Heap *h, Ref it)
{
    Ref seq = iter_seq(h, it);
    int64_t i = iter_index(h, it);
    if (i >= 0 && seq && (size_t)i < ld(h, seq)->n) {
        h->objs[it].v.i = i - 1;
        return heap_newref(h, ld(h, seq)->items[i]);
    }
    h->objs[it].v.i = -1;
    if (!h->prof->listreviter_keeps_seq)
        iter_seq_release(h, it);
    return NULLREF;
}

/* list_reverseiterator.__length_hint__(). */
static Ref listreviter_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs,
                                   Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "list_reverseiterator", "__length_hint__", nargs, kwnames))
        return NULLREF;
    Ref seq = iter_seq(h, self);
    int64_t n = iter_index(h, self) + 1;
    if (!seq || (int64_t)ld(h, seq)->n < n)
        n = 0;
    return int_from_i64(h, n);
}

static const MethodDef listreviter_methods[] = {
    {"__length_hint__", listreviter_length_hint, ITER_LENGTH_HINT_DOC},
    {NULL, NULL, NULL},
};

const TypeOps listreviter_ops = {
    .name = "list_reverseiterator", .gc = 1,
    .sizeof_ = iter_seq_sizeof, .dealloc = iter_seq_dealloc, .traverse = iter_seq_traverse,
    .iter = iter_self, .iternext = listreviter_next, .methods = listreviter_methods,
};

/* ---- repr recursion guard ---- */

typedef struct ReprEntry {
    const Heap *h;
    Ref o;
} ReprEntry;

static ReprEntry *repr_stack;
static size_t repr_n, repr_cap;

/* Py_ReprEnter: 1 when O's repr is already running, else enter it. */
int heap_repr_enter(Heap *h, Ref o)
{
    for (size_t i = 0; i < repr_n; i++)
        if (repr_stack[i].h == h && repr_stack[i].o == o)
            return 1;
    XGROW(repr_stack, repr_cap, repr_n + 1);
    repr_stack[repr_n++] = (ReprEntry){h, o};
    return 0;
}

/* Py_ReprLeave: forget the innermost entry for O. */
void heap_repr_leave(Heap *h, Ref o)
{
    for (size_t i = repr_n; i-- > 0;)
        if (repr_stack[i].h == h && repr_stack[i].o == o) {
            memmove(&repr_stack[i], &repr_stack[i + 1], (repr_n - i - 1) * sizeof *repr_stack);
            repr_n--;
            return;
        }
}
