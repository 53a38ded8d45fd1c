/* The viewer's model of the heap: computed after every change, read by
 * every pane.
 *
 * Design: per heap slot the model keeps a flags byte and the address and
 * refcount the slot had at the last update.  The list of live objects in
 * address order is maintained incrementally: the objects of the last
 * update that are still there keep their places, and only the objects
 * created since are sorted and merged in, so a step in a big heap costs a
 * linear scan, not a sort.  Reachability is one marking walk from the
 * VM's roots; what stays unmarked and is not immortal is garbage the
 * collector has not found yet. */
#include <stdlib.h>
#include <string.h>

#include "tui/tui_int.h"
#include "util/xalloc.h"

/* Make the per-slot arrays cover every slot of H. */
static void model_grow(Model *m, const Heap *h)
{
    if (m->cap >= h->nslots)
        return;
    uint32_t cap = h->capslots > h->nslots ? h->capslots : h->nslots;
    m->flags = xrealloc(m->flags, cap);
    m->prev_rc = xrealloc(m->prev_rc, cap * sizeof *m->prev_rc);
    m->prev_addr = xrealloc(m->prev_addr, cap * sizeof *m->prev_addr);
    m->stack = xrealloc(m->stack, cap * sizeof *m->stack);
    m->order = xrealloc(m->order, cap * sizeof *m->order);
    memset(m->prev_rc + m->cap, 0, (cap - m->cap) * sizeof *m->prev_rc);
    memset(m->prev_addr + m->cap, 0, (cap - m->cap) * sizeof *m->prev_addr);
    m->cap = cap;
}

/* Release the model's arrays. */
void model_free(Model *m)
{
    free(m->flags);
    free(m->prev_rc);
    free(m->prev_addr);
    free(m->stack);
    free(m->order);
    memset(m, 0, sizeof *m);
}

static const Heap *sort_heap;

/* qsort order of refs by address. */
static int cmp_addr(const void *a, const void *b)
{
    uint64_t x = sort_heap->objs[*(const Ref *)a].addr, y = sort_heap->objs[*(const Ref *)b].addr;
    return x < y ? -1 : x > y;
}

/* Rebuild m->order: keep the survivors in place, merge in the new objects
 * (all of them when FULL: the heap is not the one the order describes). */
static void model_order(Model *m, const Heap *h, bool full)
{
    size_t nkept = 0, nnew = 0;
    Ref *fresh = m->stack;
    for (size_t i = 0; i < m->norder && !full; i++) {
        Ref r = m->order[i];
        if (r < h->nslots && h->objs[r].kind != K_FREE && h->objs[r].addr == m->prev_addr[r])
            m->order[nkept++] = r;
    }
    for (Ref r = 1; r < h->nslots; r++)
        if (h->objs[r].kind != K_FREE && (full || h->objs[r].addr != m->prev_addr[r]))
            fresh[nnew++] = r;
    sort_heap = h;
    qsort(fresh, nnew, sizeof *fresh, cmp_addr);
    /* merge from the back so the kept entries can stay in m->order */
    size_t i = nkept, j = nnew, k = nkept + nnew;
    while (j > 0) {
        if (i > 0 && h->objs[m->order[i - 1]].addr > h->objs[fresh[j - 1]].addr)
            m->order[--k] = m->order[--i];
        else
            m->order[--k] = fresh[--j];
    }
    m->norder = nkept + nnew;
}

/* Mark R reachable and push it for the walk (a VisitFn; ARG is the model). */
static void visit_reach(Heap *h, Ref r, void *arg)
{
    Model *m = arg;
    (void)h;
    if (r && !(m->flags[r] & TF_REACH)) {
        m->flags[r] |= TF_REACH;
        m->stack[m->nstack++] = r;
    }
}

/* Mark everything reachable from the VM's roots. */
static void model_mark_reach(Model *m, Heap *h)
{
    m->nstack = 0;
    inspect_roots(h, visit_reach, m);
    while (m->nstack) {
        Ref r = m->stack[--m->nstack];
        const TypeOps *ops = heap_ops(h, r);
        if (ops->traverse)
            ops->traverse(h, r, visit_reach, m);
    }
}

/* State for marking the script's data. */
typedef struct UserWalk {
    Model *m;
    int depth;
} UserWalk;

static void mark_user(Heap *h, Ref r, int depth, Model *m);

/* Visit a referent one level down (a VisitFn). */
static void visit_user(Heap *h, Ref r, void *arg)
{
    UserWalk *w = arg;
    mark_user(h, r, w->depth, w->m);
}

/* Mark R and what it holds, DEPTH levels down, as the script's data;
 * modules, classes, functions and code are shown but not entered. */
static void mark_user(Heap *h, Ref r, int depth, Model *m)
{
    m->flags[r] |= TF_USER;
    Kind k = heap_kind(h, r);
    if (depth == 0 || k == K_MODULE || k == K_TYPE || k == K_FUNCTION || k == K_CODE
        || k == K_METHOD || k == K_BUILTIN)
        return;
    const TypeOps *ops = heap_ops(h, r);
    UserWalk w = {m, depth - 1};
    if (ops->traverse)
        ops->traverse(h, r, visit_user, &w);
}

/* Mark a name's object as the script's data (an InspectNameFn). */
static void name_user(Heap *h, const char *name, Ref v, void *arg)
{
    if (!tui_is_dunder(name) && heap_kind(h, v) != K_MODULE)
        mark_user(h, v, 3, arg);
}

/* Mark what the frames' names (or, with no frames, the globals) reach. */
static void model_mark_user(Model *m, Session *s)
{
    Vm *vm = s->vm;
    for (int i = 0; i < vm->nframes; i++)
        inspect_frame_locals(s->heap, vm->frames[i], name_user, m);
    Ref g = inspect_globals(s);
    if (vm->nframes == 0 && g)
        inspect_dict_names(s->heap, g, name_user, m);
}

/* Bring T's model up to date with the heap; STEPPED marks what changed. */
void model_update(Tui *t, bool stepped)
{
    Model *m = &t->m;
    Heap *h = t->s->heap;
    /* A heap restored from a checkpoint (stepping back) keeps the slot
     * numbers of the run it copies, so the order is updated as after a
     * step; only the first update builds it whole. */
    bool full = m->heap == NULL;
    m->heap = h;
    model_grow(m, h);
    model_order(m, h, full);
    memset(m->flags, 0, h->nslots);
    model_mark_reach(m, h);
    model_mark_user(m, t->s);
    m->ngarbage = 0;
    for (size_t i = 0; i < m->norder; i++) {
        Ref r = m->order[i];
        const Obj *o = &h->objs[r];
        if (stepped && (m->prev_addr[r] != o->addr || m->prev_rc[r] != o->refcnt))
            m->flags[r] |= TF_CHANGED;
        m->ngarbage += model_is_garbage(m, r);
    }
    for (Ref r = 0; r < h->nslots; r++) {
        m->prev_addr[r] = h->objs[r].kind != K_FREE ? h->objs[r].addr : 0;
        m->prev_rc[r] = h->objs[r].refcnt;
    }
}

/* The live object with id ID, or 0. */
Ref model_find(const Model *m, uint64_t id)
{
    size_t lo = 0, hi = m->norder;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t a = m->heap->objs[m->order[mid]].addr;
        if (a == id)
            return m->order[mid];
        if (a < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* True when R is alive but unreachable (garbage waiting for the GC). */
bool model_is_garbage(const Model *m, Ref r)
{
    return !(m->flags[r] & TF_REACH) && !inspect_is_immortal(m->heap, r);
}

static SortKey sort_key;

/* The value of R that heap-pane order SORT_KEY compares. */
static long long sort_value(Ref r)
{
    const Obj *o = &sort_heap->objs[r];
    switch (sort_key) {
    case SORT_SIZE: return -(long long)inspect_sizeof((Heap *)sort_heap, r);
    case SORT_REFCOUNT: return -(long long)inspect_refcount(sort_heap, r);
    case SORT_GEN: return o->gen;
    default: return 0;
    }
}

/* qsort order of the heap pane: the key, then the address. */
static int cmp_rows(const void *a, const void *b)
{
    Ref x = *(const Ref *)a, y = *(const Ref *)b;
    int c = 0;
    if (sort_key == SORT_TYPE)
        c = strcmp(heap_type_name(sort_heap, x), heap_type_name(sort_heap, y));
    else if (sort_key != SORT_ID) {
        long long vx = sort_value(x), vy = sort_value(y);
        c = vx < vy ? -1 : vx > vy;
    }
    return c ? c : cmp_addr(a, b);
}

/* True when R passes the heap pane's filter (a type-name or id substring). */
static bool passes_filter(const Tui *t, Ref r)
{
    if (!t->filter[0])
        return true;
    char id[24];
    snprintf(id, sizeof id, "%llx", (unsigned long long)t->m.heap->objs[r].addr);
    const char *f = t->filter[0] == '0' && t->filter[1] == 'x' ? t->filter + 2 : t->filter;
    return strstr(heap_type_name(t->m.heap, r), t->filter) || strstr(id, f);
}

/* Fill *OUT with the heap pane's rows in T's order and filter; the count. */
size_t model_heap_rows(Tui *t, Ref **out)
{
    Model *m = &t->m;
    Ref *rows = xmalloc((m->norder + 1) * sizeof *rows);
    size_t n = 0;
    for (size_t i = 0; i < m->norder; i++) {
        Ref r = m->order[i];
        if ((t->all_objects || (m->flags[r] & TF_USER) || model_is_garbage(m, r))
            && passes_filter(t, r))
            rows[n++] = r;
    }
    if (t->sort != SORT_ID) {
        sort_heap = m->heap;
        sort_key = t->sort;
        qsort(rows, n, sizeof *rows, cmp_rows);
    }
    *out = rows;
    return n;
}
