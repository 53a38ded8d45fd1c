/* Weak references.
 *
 * Each referent with weakrefs has a list of them, kept in a side table
 * (referent -> first weakref) since simulated objects have no
 * tp_weaklistoffset word.  The list order is CPython's: the basic ref (no
 * callback) first, and each ref with a callback inserted right after it,
 * so callbacks run newest first when the referent dies. */
#include "sim/weakrefobject.h"

#include <stdlib.h>

#include "sim/abstract.h"
#include "sim/gc.h"
#include "sim/strobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

typedef struct WeakData {
    Ref referent;   /* not owned; 0 once cleared */
    Ref callback;   /* owned, or 0 */
    Ref next, prev; /* the referent's list */
    int64_t hash;
    int hashed;
} WeakData;

typedef struct WeakTable {
    Ref *keys;      /* referent, 0 = empty, (Ref)-1 = deleted */
    Ref *heads;
    size_t cap, used;
} WeakTable;

static WeakData *wd(const Heap *h, Ref w) { return (WeakData *)h->objs[w].v.p; }

/* The referent table, created on first use. */
static WeakTable *table(Heap *h)
{
    if (!h->weakrefs)
        h->weakrefs = xcalloc(1, sizeof(WeakTable));
    return h->weakrefs;
}

/* Slot of KEY in T (its own or the first free one). */
static size_t probe(const WeakTable *t, Ref key)
{
    size_t i = (key * 2654435761u) & (t->cap - 1);
    size_t tomb = (size_t)-1;
    while (t->keys[i]) {
        if (t->keys[i] == key)
            return i;
        if (t->keys[i] == (Ref)-1 && tomb == (size_t)-1)
            tomb = i;
        i = (i + 1) & (t->cap - 1);
    }
    return tomb != (size_t)-1 ? tomb : i;
}

/* Grow the table when it is more than half full. */
static void grow(WeakTable *t)
{
    if ((t->used + 1) * 2 <= t->cap)
        return;
    WeakTable n = {0};
    n.cap = t->cap ? t->cap * 2 : 64;
    n.keys = xcalloc(n.cap, sizeof(Ref));
    n.heads = xcalloc(n.cap, sizeof(Ref));
    for (size_t i = 0; i < t->cap; i++)
        if (t->keys[i] && t->keys[i] != (Ref)-1) {
            size_t j = probe(&n, t->keys[i]);
            n.keys[j] = t->keys[i];
            n.heads[j] = t->heads[i];
            n.used++;
        }
    free(t->keys);
    free(t->heads);
    *t = n;
}

/* The first weakref to OBJ, or 0. */
static Ref head_of(Heap *h, Ref obj)
{
    WeakTable *t = table(h);
    if (!t->cap)
        return 0;
    size_t i = probe(t, obj);
    return t->keys[i] == obj ? t->heads[i] : 0;
}

/* Set the first weakref to OBJ (0 removes the entry). */
static void set_head(Heap *h, Ref obj, Ref w)
{
    WeakTable *t = table(h);
    grow(t);
    size_t i = probe(t, obj);
    if (t->keys[i] == obj) {
        if (w) {
            t->heads[i] = w;
        } else {
            t->keys[i] = (Ref)-1;
            t->used--;
        }
    } else if (w) {
        t->keys[i] = obj;
        t->heads[i] = w;
        t->used++;
    }
    if (w)
        h->objs[obj].flags |= OF_WEAKREFS;
    else
        h->objs[obj].flags &= (uint8_t)~OF_WEAKREFS;
}

/* Release the referent table. */
void weakref_fini(Heap *h)
{
    WeakTable *t = h->weakrefs;
    if (!t)
        return;
    free(t->keys);
    free(t->heads);
    free(t);
    h->weakrefs = NULL;
}

/* True when objects of R's type can be weakly referenced. */
bool weakref_supported(const Heap *h, Ref r)
{
    switch (heap_kind(h, r)) {
    case K_INSTANCE: return type_data(h, heap_type(h, r))->has_weakref;
    case K_FUNCTION: case K_TYPE: case K_SET: case K_FROZENSET: case K_METHOD:
    case K_CODE: case K_EXCEPTION: case K_MODULE:
        return true;
    default: return false;
    }
}

/* Link W into OBJ's list at CPython's position. */
static void link_ref(Heap *h, Ref obj, Ref w)
{
    Ref head = head_of(h, obj);
    WeakData *d = wd(h, w);
    if (!d->callback || !head || wd(h, head)->callback) {
        d->next = head;
        if (head)
            wd(h, head)->prev = w;
        set_head(h, obj, w);
        return;
    }
    WeakData *hd = wd(h, head);       /* insert right after the basic ref */
    d->prev = head;
    d->next = hd->next;
    if (hd->next)
        wd(h, hd->next)->prev = w;
    hd->next = w;
}

/* Unlink W from its referent's list. */
static void unlink_ref(Heap *h, Ref w)
{
    WeakData *d = wd(h, w);
    if (!d->referent)
        return;
    if (d->prev)
        wd(h, d->prev)->next = d->next;
    else
        set_head(h, d->referent, d->next);
    if (d->next)
        wd(h, d->next)->prev = d->prev;
    d->next = d->prev = 0;
}

/* weakref.ref(obj[, callback]); reuses the basic ref when there is no callback. */
Ref weakref_new(Heap *h, Ref obj, Ref callback)
{
    if (!weakref_supported(h, obj))
        return heap_raise(h, EXC_TypeError, "cannot create weak reference to '%s' object",
                          heap_type_name(h, obj));
    if (callback == h->none)
        callback = 0;
    Ref head = head_of(h, obj);
    if (!callback && head && !wd(h, head)->callback)
        return heap_newref(h, head);
    Ref w = heap_alloc_object(h, K_WEAKREF, h->type_of_kind[K_WEAKREF],
                              h->prof->weakref_size, h->prof->gc_head_size, true);
    if (!w)
        return NULLREF;
    WeakData *d = xcalloc(1, sizeof *d);
    d->referent = obj;
    d->callback = heap_newref(h, callback);
    h->objs[w].v.p = d;
    link_ref(h, obj, w);
    gc_track(h, w);
    return w;
}

/* The referent of weakref W (borrowed), or 0 when it died. */
Ref weakref_get(const Heap *h, Ref w)
{
    return wd(h, w)->referent;
}

/* Number of weakrefs to OBJ (weakref.getweakrefcount). */
size_t weakref_count(const Heap *h, Ref obj)
{
    size_t n = 0;
    for (Ref w = head_of((Heap *)h, obj); w; w = wd(h, w)->next)
        n++;
    return n;
}

/* Clear every weakref to OBJ and call their callbacks (PyObject_ClearWeakRefs). */
void weakref_clear_refs(Heap *h, Ref obj)
{
    size_t n = weakref_count(h, obj), k = 0;
    Ref *pending = xmalloc(sizeof(Ref) * (n ? n : 1));
    for (Ref w = head_of(h, obj); w;) {
        WeakData *d = wd(h, w);
        Ref next = d->next;
        d->referent = 0;
        d->next = d->prev = 0;
        if (d->callback && h->objs[w].refcnt > 0)
            pending[k++] = heap_newref(h, w);
        w = next;
    }
    set_head(h, obj, 0);
    Ref saved = heap_fetch_exc(h);
    for (size_t i = 0; i < k; i++) {
        Ref w = pending[i];
        Ref cb = wd(h, w)->callback;
        Ref res = cb ? heap_call(h, cb, &w, 1, NULLREF) : heap_newref(h, h->none);
        if (res)
            heap_decref(h, res);
        else if (h->hooks.unraisable)
            h->hooks.unraisable(h->hooks.vm, cb);
        else
            heap_clear_exc(h);
        heap_decref(h, w);
    }
    if (saved)
        h->exc = saved;
    free(pending);
}

/* Visit a weakref's callback (the referent is not owned). */
static void weakref_traverse(Heap *h, Ref w, VisitFn visit, void *arg)
{
    if (wd(h, w)->callback)
        visit(h, wd(h, w)->callback, arg);
}

/* Drop a weakref's callback (tp_clear). */
static void weakref_clear(Heap *h, Ref w)
{
    unlink_ref(h, w);
    wd(h, w)->referent = 0;
    heap_setref(h, &wd(h, w)->callback, NULLREF);
}

/* Free a weakref's host payload. */
static void weakref_release(Heap *h, Ref w)
{
    free(wd(h, w));
}

/* Deallocate a weakref. */
static void weakref_dealloc(Heap *h, Ref w)
{
    weakref_clear(h, w);
    weakref_release(h, w);
    heap_free_object(h, w, h->prof->gc_head_size, true);
}

/* sys.getsizeof of a weakref. */
static size_t weakref_sizeof(Heap *h, Ref w)
{
    (void)w;
    return h->prof->weakref_size;
}

/* Calling a weakref returns its referent or None. */
static Ref weakref_call(Heap *h, Ref w, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!arg_check(h, "weakref", nargs, kwnames, 0, 0))
        return NULLREF;
    Ref r = wd(h, w)->referent;
    return heap_newref(h, r ? r : h->none);
}

/* repr: <weakref at 0x...; to 'A' at 0x...> or <weakref at 0x...; dead>. */
static Ref weakref_repr(Heap *h, Ref w)
{
    StrBuf b = {0};
    Ref r = wd(h, w)->referent;
    if (r)
        strbuf_printf(&b, "<weakref at 0x%llx; to '%s' at 0x%llx>",
                      (unsigned long long)h->objs[w].addr, heap_type_name(h, r),
                      (unsigned long long)h->objs[r].addr);
    else
        strbuf_printf(&b, "<weakref at 0x%llx; dead>", (unsigned long long)h->objs[w].addr);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* A weakref hashes like its referent (and keeps that hash after it dies). */
static int weakref_hash(Heap *h, Ref w, int64_t *out)
{
    WeakData *d = wd(h, w);
    if (!d->hashed) {
        if (!d->referent) {
            heap_raise(h, EXC_TypeError, "weak object has gone away");
            return -1;
        }
        if (obj_hash(h, d->referent, &d->hash) < 0)
            return -1;
        d->hashed = 1;
    }
    *out = d->hash;
    return 0;
}

/* Weakrefs compare equal when both referents are alive and equal, else by identity. */
static Ref weakref_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if ((op != CMP_EQ && op != CMP_NE) || heap_kind(h, b) != K_WEAKREF)
        return heap_newref(h, h->notimpl);
    Ref ra = wd(h, a)->referent, rb = wd(h, b)->referent;
    if (!ra || !rb) {
        bool eq = a == b;
        return heap_newref(h, (eq == (op == CMP_EQ)) ? h->true_ : h->false_);
    }
    return obj_richcompare(h, ra, rb, op);
}

const TypeOps weakref_ops = {
    .name = "weakref.ReferenceType", .gc = 1,
    .sizeof_ = weakref_sizeof, .dealloc = weakref_dealloc, .release = weakref_release,
    .traverse = weakref_traverse, .clear = weakref_clear, .call = weakref_call,
    .repr = weakref_repr, .hash = weakref_hash, .richcompare = weakref_richcompare,
};
