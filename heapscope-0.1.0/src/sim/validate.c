/* The heap invariant checker, run by the tests after every statement.
 *
 * 1. Every mortal object's refcnt equals the references to it that its
 *    referrers' traverse() report plus the VM's roots.
 * 2. Nothing unreachable from the roots survives unless it is part of, or
 *    hangs off, a reference cycle (only the cyclic GC may free those):
 *    Kahn's algorithm over the unreachable objects peels off every object
 *    no unreachable object points to; whatever it peels is a leak.
 * 3. Memory (heap_validate_memory): obmalloc is consistent, and its live
 *    blocks are exactly the blocks of the live objects, of the type free
 *    lists and of the interpreter's start-up, each with one owner. */
#include "sim/heap.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

typedef struct Count {
    int64_t *in;     /* references found, per slot */
    Heap *h;
} Count;

/* Count one reference to TARGET. */
static void count_ref(Heap *h, Ref target, void *arg)
{
    (void)h;
    Count *c = arg;
    c->in[target]++;
}

/* Is slot R a live object? */
static bool live(const Heap *h, Ref r)
{
    return r && r < h->nslots && h->objs[r].kind != K_FREE;
}

/* Visit the heap's own roots: pending exception and static objects. */
static void heap_roots(Heap *h, VisitFn visit, void *arg)
{
    if (h->exc)
        visit(h, h->exc, arg);
    if (h->hooks.roots)
        h->hooks.roots(h->hooks.vm, visit, arg);
}

/* Check refcnt == counted references for every mortal object. */
static bool check_counts(Heap *h, const int64_t *in, StrBuf *why)
{
    for (Ref r = 1; r < h->nslots; r++) {
        Obj *o = &h->objs[r];
        if (o->kind == K_FREE || (o->flags & OF_STATIC))
            continue;
        if (o->refcnt != in[r]) {
            strbuf_printf(why, "object %u (%s at 0x%" PRIx64 ") has refcnt %" PRId64
                          " but %" PRId64 " references point to it",
                          r, heap_type_name(h, r), o->addr, o->refcnt, in[r]);
            return false;
        }
    }
    return true;
}

typedef struct Mark {
    uint8_t *seen;
    Ref *stack;
    size_t n, cap;
} Mark;

/* Push TARGET for marking if not yet seen. */
static void mark_push(Heap *h, Ref target, void *arg)
{
    (void)h;
    Mark *m = arg;
    if (m->seen[target])
        return;
    m->seen[target] = 1;
    XGROW(m->stack, m->cap, m->n + 1);
    m->stack[m->n++] = target;
}

/* Mark everything reachable from the roots and static objects. */
static void mark_reachable(Heap *h, Mark *m)
{
    heap_roots(h, mark_push, m);
    for (Ref r = 1; r < h->nslots; r++)
        if (live(h, r) && (h->objs[r].flags & OF_STATIC))
            mark_push(h, r, m);
    while (m->n) {
        Ref r = m->stack[--m->n];
        const TypeOps *ops = heap_ops(h, r);
        if (ops && ops->traverse)
            ops->traverse(h, r, mark_push, m);
    }
}

typedef struct Peel {
    const uint8_t *seen;
    int64_t *indeg;
} Peel;

/* Count a reference between unreachable objects. */
static void peel_count(Heap *h, Ref target, void *arg)
{
    (void)h;
    Peel *p = arg;
    if (!p->seen[target])
        p->indeg[target]++;
}

/* Find an unreachable object that no cycle keeps alive. */
static bool check_leaks(Heap *h, const uint8_t *seen, StrBuf *why)
{
    int64_t *indeg = xcalloc(h->nslots, sizeof *indeg);
    Peel p = {seen, indeg};
    for (Ref r = 1; r < h->nslots; r++)
        if (live(h, r) && !seen[r] && heap_ops(h, r)->traverse)
            heap_ops(h, r)->traverse(h, r, peel_count, &p);
    bool ok = true;
    for (Ref r = 1; r < h->nslots && ok; r++) {
        if (live(h, r) && !seen[r] && indeg[r] == 0) {
            strbuf_printf(why, "object %u (%s at 0x%" PRIx64 ", refcnt %" PRId64
                          ") is unreachable and in no cycle: leaked",
                          r, heap_type_name(h, r), h->objs[r].addr, h->objs[r].refcnt);
            ok = false;
        }
    }
    free(indeg);
    return ok;
}

/* Check the heap's invariants; on failure describe the first problem in
 * WHY and return false. */
bool heap_validate(Heap *h, StrBuf *why)
{
    Count c = {xcalloc(h->nslots, sizeof(int64_t)), h};
    for (Ref r = 1; r < h->nslots; r++)
        if (live(h, r) && heap_ops(h, r) && heap_ops(h, r)->traverse)
            heap_ops(h, r)->traverse(h, r, count_ref, &c);
    heap_roots(h, count_ref, &c);
    bool ok = check_counts(h, c.in, why);
    free(c.in);
    if (!ok)
        return false;
    Mark m = {xcalloc(h->nslots, 1), NULL, 0, 0};
    mark_reachable(h, &m);
    ok = check_leaks(h, m.seen, why);
    free(m.seen);
    free(m.stack);
    return ok && heap_validate_memory(h, why);
}

/* ---- memory ---- */

typedef struct Owned {
    uint64_t addr;        /* 0 = empty slot */
    Ref owner;            /* 0 for free-list and start-up blocks */
    const char *part;
} Owned;

typedef struct MemCheck {
    Heap *h;
    Owned *slots;
    size_t cap, n;        /* cap is a power of two */
    StrBuf *why;
} MemCheck;

/* Name the owner of a block (object or free list) into WHY. */
static void describe_owner(Heap *h, const Owned *o, StrBuf *why)
{
    if (o->owner)
        strbuf_printf(why, "%s of object %u (%s at 0x%" PRIx64 ")", o->part, o->owner,
                      heap_type_name(h, o->owner), h->objs[o->owner].addr);
    else
        strbuf_printf(why, "%s", o->part);
}

/* The slot of ADDR in C's table (empty, or holding ADDR). */
static Owned *mem_slot(MemCheck *c, uint64_t addr)
{
    size_t i = (size_t)(((addr >> 4) * UINT64_C(0x9E3779B97F4A7C15)) >> 17) & (c->cap - 1);
    while (c->slots[i].addr && c->slots[i].addr != addr)
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

/* Double C's table when it is half full. */
static void mem_grow(MemCheck *c)
{
    if (2 * (c->n + 1) <= c->cap)
        return;
    Owned *old = c->slots;
    size_t oldcap = c->cap;
    c->cap *= 2;
    c->slots = xcalloc(c->cap, sizeof *c->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].addr)
            *mem_slot(c, old[i].addr) = old[i];
    free(old);
}

/* Account for block B of OWNER: it must be live and not owned yet. */
static bool mem_claim(MemCheck *c, Ref owner, const HeapBlock *b)
{
    Owned me = {b->addr, owner, b->part};
    if (!b->located) {
        describe_owner(c->h, &me, c->why);
        ObmallocWhere w;
        if (b->addr && obmalloc_locate(c->h->mem, b->addr, &w))
            strbuf_printf(c->why, ": 0x%" PRIx64 " is inside the live block at 0x%" PRIx64
                          " (%zu bytes), not at its start", b->addr, w.block_addr,
                          w.block_size);
        else
            strbuf_printf(c->why, ": 0x%" PRIx64 " is not a live block", b->addr);
        return false;
    }
    mem_grow(c);
    Owned *slot = mem_slot(c, b->addr);
    if (slot->addr) {
        strbuf_printf(c->why, "block 0x%" PRIx64 " has two owners: ", b->addr);
        describe_owner(c->h, slot, c->why);
        strbuf_puts(c->why, " and ");
        describe_owner(c->h, &me, c->why);
        return false;
    }
    *slot = me;
    c->n++;
    return true;
}

/* Claim every block in B[0..N) for OWNER. */
static bool mem_claim_all(MemCheck *c, Ref owner, const HeapBlock *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!mem_claim(c, owner, &b[i]))
            return false;
    return true;
}

/* Claim the blocks of every live object. */
static bool claim_objects(MemCheck *c)
{
    Heap *h = c->h;
    size_t cap = 16;
    HeapBlock *b = xmalloc(cap * sizeof *b);
    bool ok = true;
    for (Ref r = 1; r < h->nslots && ok; r++) {
        if (!live(h, r))
            continue;
        size_t n = heap_object_blocks(h, r, b, cap);
        if (n > cap) {
            cap = n;
            b = xrealloc(b, cap * sizeof *b);
            heap_object_blocks(h, r, b, cap);
        }
        ok = mem_claim_all(c, r, b, n);
    }
    free(b);
    return ok;
}

/* Claim the free lists' and the start-up blocks. */
static bool claim_unowned(MemCheck *c)
{
    size_t n = heap_freelist_blocks(c->h, NULL, 0);
    HeapBlock *b = xmalloc((n + OBMALLOC_NB_SMALL_SIZE_CLASSES) * sizeof *b);
    heap_freelist_blocks(c->h, b, n);
    size_t k = heap_startup_blocks(c->h, b + n, OBMALLOC_NB_SMALL_SIZE_CLASSES);
    bool ok = mem_claim_all(c, NULLREF, b, n + k);
    free(b);
    return ok;
}

/* Describe a live pool block nobody claimed, if there is one. */
static bool find_unclaimed(MemCheck *c)
{
    const Obmalloc *m = c->h->mem;
    for (unsigned a = 0; a < obmalloc_arena_count(m); a++) {
        ObmallocArenaInfo ai;
        if (obmalloc_arena_info(m, a, &ai) < 0 || !ai.address)
            continue;
        for (unsigned p = 0; p < ai.ncarved; p++) {
            ObmallocPoolInfo pi;
            if (obmalloc_pool_info(m, a, p, &pi) < 0 || pi.szidx < 0 || !pi.count)
                continue;
            for (unsigned b = 0; b < pi.ncarved; b++) {
                uint64_t addr = pi.address + OBMALLOC_POOL_OVERHEAD
                                + (uint64_t)b * pi.block_size;
                if (obmalloc_block_used(m, a, p, b) == OBMALLOC_BLOCK_USED
                    && !mem_slot(c, addr)->addr) {
                    strbuf_printf(c->why, "block 0x%" PRIx64 " (%u bytes, arena %u pool %u) "
                                  "is live but no object, free list or start-up owns it",
                                  addr, pi.block_size, a, p);
                    return true;
                }
            }
        }
    }
    return false;
}

/* Memory consistency: obmalloc's invariants, one owner per block, and
 * every live block owned. */
bool heap_validate_memory(Heap *h, StrBuf *why)
{
    int rc = obmalloc_validate(h->mem);
    if (rc) {
        strbuf_printf(why, "obmalloc invariant %d is broken", rc);
        return false;
    }
    MemCheck c = {h, NULL, 64, 0, why};
    while (c.cap < 4 * (h->live + 64))
        c.cap <<= 1;
    c.slots = xcalloc(c.cap, sizeof *c.slots);
    bool ok = claim_objects(&c) && claim_unowned(&c);
    if (ok) {
        ObmallocStats st;
        obmalloc_stats(h->mem, &st);
        size_t nlive = st.small_blocks + st.large_count;
        if (nlive != c.n) {
            if (!find_unclaimed(&c))
                strbuf_printf(why, "a system-malloc chunk is live but no object owns it");
            strbuf_printf(why, " (%zu live blocks, %zu owned)", nlive, c.n);
            ok = false;
        }
    }
    free(c.slots);
    return ok;
}
