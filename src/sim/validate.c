/* The heap invariant checker, run by the tests after every statement.
 *
 * 1. Every mortal object's refcnt equals the references to it that its
 *    referrers' traverse() report plus the VM's roots.
 * 2. Nothing unreachable from the roots survives unless it is part of, or
 *    hangs off, a reference cycle (only the cyclic GC may free those):
 *    Kahn's algorithm over the unreachable objects peels off every object
 *    no unreachable object points to; whatever it peels is a leak. */
#include "sim/heap.h"

#include <inttypes.h>
#include <stdlib.h>

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
    return ok;
}
