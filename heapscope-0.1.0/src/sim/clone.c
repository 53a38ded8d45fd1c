/* Deep copies of a whole heap (checkpoints for stepping back).
 *
 * Design.  Refs are slot indices, so a clone keeps every Ref value: the
 * object table is copied in one memcpy and each live object's kind then
 * gives the copy its own host payload (TypeOps.clone).  Everything else
 * the heap owns is copied field by field: the obmalloc model, the free
 * lists, the interned table, the trash stack, the output buffers, the
 * collector (gc_clone), the weakref referent table (weakref_clone_table)
 * and the static method descriptors.  Host structures that several
 * objects point at -- a class's cached dict keys, shared by its instance
 * dicts -- are copied once: the first object to reach one records its copy
 * in a CloneMap (an open-addressed pointer table) and the others find it
 * there.  The block-owner index is not copied (it is rebuilt on demand)
 * and neither are the hooks: the VM made for the clone installs them.
 *
 * A clone is taken at a step boundary, when no deallocation, collection
 * or C-level call is in progress, so no host state lives on the C stack.
 * A field added to Heap (or to a payload) that owns host memory must be
 * copied here (or in its kind's clone slot). */
#include "sim/heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/weakrefobject.h"
#include "util/xalloc.h"

struct CloneMap {
    const void **old;     /* NULL = empty slot */
    void **copy;
    size_t cap, n;        /* cap is a power of two */
};

/* A malloc'd copy of the N bytes at P; NULL when P is NULL. */
void *clone_memdup(const void *p, size_t n)
{
    if (!p)
        return NULL;
    void *c = xmalloc(n ? n : 1);
    memcpy(c, p, n);
    return c;
}

/* The first probe of pointer P in a table of CAP slots. */
static size_t map_hash(const void *p, size_t cap)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    return (size_t)(((x >> 4) * UINT64_C(0x9E3779B97F4A7C15)) >> 20) & (cap - 1);
}

/* The copy of shared host structure OLD made earlier in this clone, or NULL. */
void *clone_map_lookup(const CloneMap *m, const void *old)
{
    if (!m->cap)
        return NULL;
    for (size_t i = map_hash(old, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->old[i] == old)
            return m->copy[i];
        if (!m->old[i])
            return NULL;
    }
}

/* Put OLD -> COPY in M's table (OLD not present, room left). */
static void map_put(CloneMap *m, const void *old, void *copy)
{
    size_t i = map_hash(old, m->cap);
    while (m->old[i])
        i = (i + 1) & (m->cap - 1);
    m->old[i] = old;
    m->copy[i] = copy;
    m->n++;
}

/* Double M's table (or make its first one). */
static void map_grow(CloneMap *m)
{
    CloneMap big = {0};
    big.cap = m->cap ? m->cap * 2 : 64;
    big.old = xcalloc(big.cap, sizeof *big.old);
    big.copy = xcalloc(big.cap, sizeof *big.copy);
    for (size_t i = 0; i < m->cap; i++)
        if (m->old[i])
            map_put(&big, m->old[i], m->copy[i]);
    free(m->old);
    free(m->copy);
    *m = big;
}

/* Record COPY as the copy of OLD. */
void clone_map_insert(CloneMap *m, const void *old, void *copy)
{
    if (2 * (m->n + 1) > m->cap)
        map_grow(m);
    map_put(m, old, copy);
}

/* Copy free list FROM into TO. */
static void freelist_clone(const FreeList *from, FreeList *to)
{
    *to = *from;
    to->addr = clone_memdup(from->addr, from->cap * sizeof *from->addr);
}

/* Copy the output buffer FROM into TO. */
static void strbuf_clone(const StrBuf *from, StrBuf *to)
{
    *to = *from;
    to->data = clone_memdup(from->data, from->cap);
}

/* Give every live object of DST (a copy of SRC's table) its own payload. */
static void clone_payloads(const Heap *src, Heap *dst)
{
    CloneMap map = {0};
    for (Ref r = 1; r < src->nslots; r++) {
        Kind k = (Kind)src->objs[r].kind;
        if (k == K_FREE)
            continue;
        const TypeOps *ops = kind_ops[k];
        if (ops && ops->clone) {
            ops->clone(src, dst, r, &map);
        } else if (ops && ops->release) {
            fprintf(stderr, "heap_clone: kind %s has a payload but no clone slot\n", ops->name);
            abort();
        }
    }
    free(map.old);
    free(map.copy);
}

/* Copy the host arrays the heap itself owns. */
static void clone_tables(const Heap *src, Heap *dst)
{
    dst->capslots = src->nslots;          /* a checkpoint stays small; growth doubles */
    dst->objs = clone_memdup(src->objs, src->nslots * sizeof *dst->objs);
    dst->mem = obmalloc_clone(src->mem);
    dst->blockmap = NULL;
    freelist_clone(&src->fl_float, &dst->fl_float);
    freelist_clone(&src->fl_list, &dst->fl_list);
    freelist_clone(&src->fl_dict, &dst->fl_dict);
    freelist_clone(&src->fl_dictkeys, &dst->fl_dictkeys);
    for (int i = 0; i < HEAP_TUPLE_FREELISTS; i++)
        freelist_clone(&src->fl_tuple[i], &dst->fl_tuple[i]);
    dst->interned = clone_memdup(src->interned, src->capinterned * sizeof *src->interned);
    dst->trash = clone_memdup(src->trash, src->captrash * sizeof *src->trash);
    strbuf_clone(&src->out, &dst->out);
    strbuf_clone(&src->err, &dst->err);
}

/* A deep copy of H (no hooks; taken at a step boundary). */
Heap *heap_clone(const Heap *h)
{
    Heap *c = xmalloc(sizeof *c);
    *c = *h;
    c->hooks = (HeapHooks){0};
    clone_tables(h, c);
    gc_clone(h, c);
    weakref_clone_table(h, c);
    builtin_static_descriptors_clone(h, c);
    clone_payloads(h, c);
    return c;
}
