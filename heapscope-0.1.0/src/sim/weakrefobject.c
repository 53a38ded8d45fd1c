/* Weak references, weak proxies and WeakValueDictionary.
 *
 * Referents and their weakrefs.  CPython keeps in every object that can be
 * weakly referenced a pointer to a doubly linked list of the weakrefs to it
 * (tp_weaklistoffset).  Simulated objects have no such word, so a side
 * table maps a referent to the head of its list; the list runs through the
 * weakrefs' payloads (wr_prev, wr_next).  Its order is CPython's
 * (get_basic_refs, insert_head, insert_after):
 *   - the basic ref (an exact weakref.ref without callback) first,
 *   - then the basic proxy (a proxy without callback),
 *   - then every other weakref (callbacks, subclasses such as KeyedRef),
 *     each inserted right after the basic proxy, else the basic ref, else
 *     at the head -- so the newest of them comes first.
 * weakref.ref(x) and weakref.proxy(x) without a callback return the basic
 * ref / proxy when there is one.  When the referent dies
 * (PyObject_ClearWeakRefs) the callback-less refs at the head are cleared;
 * a single remaining weakref has its callback called directly, several are
 * collected with their callbacks in a tuple (a real allocation), all
 * cleared, then the callbacks run in list order and the tuple is dropped.
 *
 * Proxies (ProxyType; CallableProxyType when the referent is callable)
 * forward every slot to the referent, holding a reference to it while the
 * operation runs, and raise ReferenceError once it is dead.
 *
 * WeakValueDictionary is Python code in CPython (Lib/weakref.py).  Here it
 * is a C-level kind with the same structure and observable effects:
 *   data     a dict key -> KeyedRef(value, remove, key)
 *   remove   the callback of every KeyedRef; like CPython's closure it
 *            holds only a weakref to the dictionary (selfref), so values
 *            never keep the dictionary alive and it owns no value
 *   pending  keys whose values died while an iterator ran
 *            (_pending_removals); committed before the next access or when
 *            the last iterator finishes (_IterationGuard)
 * keys(), values(), items(), itervaluerefs() and iter() return iterators of
 * type "generator" that, like the generator frames of weakref.py, hold the
 * dictionary and their last locals (k, wr, v) between steps. */
#include "sim/weakrefobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/listobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

#define MSG_DEAD "weakly-referenced object no longer exists"

/* The payload of every weakref-like object (PyWeakReference). */
typedef struct WeakData {
    Ref referent;   /* wr_object, not owned; 0 once cleared */
    Ref callback;   /* wr_callback (owned), or 0 */
    Ref key;        /* KeyedRef.key (owned), or 0 */
    Ref next, prev; /* wr_next, wr_prev: the referent's list */
    int64_t hash;
    int hashed;
} WeakData;

/* referent -> first weakref, open addressing; plus the extra types. */
typedef struct WeakTable {
    Ref *keys;      /* referent, 0 = empty, (Ref)-1 = deleted */
    Ref *heads;
    size_t cap, used;
    Ref keyedref_type;
} WeakTable;

/* The WeakValueDictionary payload. */
typedef struct WeakDict {
    Ref data;       /* dict key -> KeyedRef (owned) */
    Ref remove;     /* the KeyedRefs' callback (owned) */
    Ref pending;    /* list of keys to remove (owned) */
    int iterating;  /* iterators inside their _IterationGuard */
} WeakDict;

/* What a weak dictionary iterator yields. */
enum { WD_KEYS, WD_VALUES, WD_ITEMS, WD_REFS };

/* The payload of a WeakValueDictionary iterator (a generator in CPython). */
typedef struct WeakDictIter {
    Ref wvd;        /* the frame's self (owned), 0 once finished */
    Ref k, wr, v;   /* the frame's locals (owned), or 0 */
    size_t pos;     /* position in the data dict */
    size_t used;    /* the dict's size when the loop started */
    int mode;       /* WD_* */
    int started;    /* the guard was entered */
} WeakDictIter;

static WeakData *wd(const Heap *h, Ref w) { return (WeakData *)h->objs[w].v.p; }

/* The referent of W while it lives (PyWeakref_GET_OBJECT: an object whose
 * count already dropped to zero is being destroyed and reads as dead), or 0. */
static Ref referent(const Heap *h, Ref w)
{
    Ref o = wd(h, w)->referent;
    return o && (h->objs[o].refcnt > 0 || (h->objs[o].flags & OF_IMMORTAL)) ? o : 0;
}

static WeakDict *wvd(const Heap *h, Ref d) { return (WeakDict *)h->objs[d].v.p; }
static WeakDictIter *wdi(const Heap *h, Ref i) { return (WeakDictIter *)h->objs[i].v.p; }
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* ---- the referent table ---- */

/* The referent table, created (with the version's type names) on first use. */
static WeakTable *table(Heap *h)
{
    if (!h->weakrefs) {
        h->weakrefs = xcalloc(1, sizeof(WeakTable));
        weakref_init_types(h);
    }
    return h->weakrefs;
}

/* Name the weakref types for the profile's version and create KeyedRef. */
void weakref_init_types(Heap *h)
{
    WeakTable *t = h->weakrefs ? h->weakrefs : table(h);
    if (t->keyedref_type)
        return;
    Ref ref = h->type_of_kind[K_WEAKREF];
    type_data(h, ref)->cname = h->prof->weakref_ref_name;
    type_data(h, h->type_of_kind[K_WEAKPROXY])->cname = h->prof->weakref_proxy_name;
    type_data(h, h->type_of_kind[K_WEAKCALLABLEPROXY])->cname =
        h->prof->weakref_callable_proxy_name;
    t->keyedref_type = type_new_static(h, "KeyedRef", K_WEAKREF, ref);
}

/* The weakref.KeyedRef type object. */
Ref weakref_keyedref_type(Heap *h)
{
    return table(h)->keyedref_type;
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
    WeakTable n = *t;
    n.cap = t->cap ? t->cap * 2 : 64;
    n.used = 0;
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

/* The first weakref to OBJ, or 0 (*GET_WEAKREFS_LISTPTR(obj)). */
static Ref head_of(Heap *h, Ref obj)
{
    const WeakTable *t = h->weakrefs;      /* no table yet: no weakrefs at all */
    if (!t || !t->cap)
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

/* heap_clone: copy SRC's referent table into DST. */
void weakref_clone_table(const Heap *src, Heap *dst)
{
    const WeakTable *t = src->weakrefs;
    dst->weakrefs = NULL;
    if (!t)
        return;
    WeakTable *c = clone_memdup(t, sizeof *t);
    c->keys = clone_memdup(t->keys, t->cap * sizeof *t->keys);
    c->heads = clone_memdup(t->heads, t->cap * sizeof *t->heads);
    dst->weakrefs = c;
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

/* ---- the list of weakrefs to an object ---- */

/* True for the weakref-like kinds. */
static bool weak_kind(Kind k)
{
    return k == K_WEAKREF || k == K_WEAKPROXY || k == K_WEAKCALLABLEPROXY;
}

/* True for weakref.ref, proxy and callable-proxy objects (PyWeakref_Check). */
bool weakref_check(const Heap *h, Ref r)
{
    return weak_kind(heap_kind(h, r));
}

/* True for proxies of either kind (PyWeakref_CheckProxy). */
static bool is_proxy(const Heap *h, Ref r)
{
    return heap_kind(h, r) == K_WEAKPROXY || heap_kind(h, r) == K_WEAKCALLABLEPROXY;
}

/* An exact weakref.ref without callback. */
static bool is_basic_ref(const Heap *h, Ref w)
{
    return !wd(h, w)->callback && heap_type(h, w) == h->type_of_kind[K_WEAKREF];
}

/* A proxy without callback. */
static bool is_basic_proxy(const Heap *h, Ref w)
{
    return !wd(h, w)->callback && is_proxy(h, w);
}

/* The callback-less ref and proxy at the head of OBJ's list (get_basic_refs). */
static void basic_refs(Heap *h, Ref obj, Ref *ref, Ref *proxy)
{
    Ref head = head_of(h, obj);
    *ref = *proxy = 0;
    if (!head || wd(h, head)->callback)
        return;
    if (is_basic_ref(h, head)) {
        *ref = head;
        head = wd(h, head)->next;
    }
    if (head && is_basic_proxy(h, head))
        *proxy = head;
}

/* Link W into OBJ's list at CPython's position (get_prev + insert_*). */
static void link_ref(Heap *h, Ref obj, Ref w)
{
    Ref ref, proxy, prev;
    basic_refs(h, obj, &ref, &proxy);
    if (is_basic_ref(h, w))
        prev = 0;
    else if (is_basic_proxy(h, w))
        prev = ref;
    else
        prev = proxy ? proxy : ref;
    WeakData *d = wd(h, w);
    if (!prev) {                     /* insert_head */
        Ref head = head_of(h, obj);
        d->prev = 0;
        d->next = head;
        if (head)
            wd(h, head)->prev = w;
        set_head(h, obj, w);
        return;
    }
    WeakData *p = wd(h, prev);       /* insert_after */
    d->prev = prev;
    d->next = p->next;
    if (p->next)
        wd(h, p->next)->prev = w;
    p->next = w;
}

/* Unlink W from its referent's list and mark it dead. */
static void unlink_ref(Heap *h, Ref w)
{
    WeakData *d = wd(h, w);
    if (!d->referent)
        return;
    if (head_of(h, d->referent) == w)
        set_head(h, d->referent, d->next);
    if (d->prev)
        wd(h, d->prev)->next = d->next;
    if (d->next)
        wd(h, d->next)->prev = d->prev;
    d->referent = 0;
    d->next = d->prev = 0;
}

/* Unlink W and drop its callback (clear_weakref). */
static void clear_weakref(Heap *h, Ref w)
{
    unlink_ref(h, w);
    heap_setref(h, &wd(h, w)->callback, NULLREF);
}

/* Unlink W and mark it dead, keeping its callback (_PyWeakref_ClearRef). */
void weakref_clear_ref(Heap *h, Ref w)
{
    unlink_ref(h, w);
}

/* True when objects of R's type can be weakly referenced. */
bool weakref_supported(const Heap *h, Ref r)
{
    switch (heap_kind(h, r)) {
    case K_INSTANCE: return type_data(h, heap_type(h, r))->has_weakref;
    case K_EXCEPTION: return type_data(h, heap_type(h, r))->heaptype;
    case K_FUNCTION: case K_TYPE: case K_SET: case K_FROZENSET: case K_METHOD:
    case K_CODE: case K_MODULE: case K_BUILTIN: case K_WEAKVALUEDICT: case K_WEAKDICTITER:
        return true;
    default: return false;
    }
}

/* PyCallable_Check, as the callable() builtin decides it. */
static bool is_callable(Heap *h, Ref o)
{
    Kind k = heap_kind(h, o);
    if (k == K_FUNCTION || k == K_METHOD)
        return true;
    if (k == K_INSTANCE || k == K_EXCEPTION)
        return type_data(h, heap_type(h, o))->heaptype
               && type_lookup_cstr(h, heap_type(h, o), "__call__");
    return heap_ops(h, o)->call != NULL;
}

/* A new weakref-like object of KIND and TYPE (NBYTES with the GC header)
 * to OBJ, linked and tracked (new_weakref / tp_alloc + init_weakref). */
static Ref alloc_weak(Heap *h, Kind kind, Ref type, size_t nbytes, Ref obj, Ref callback,
                      Ref key)
{
    Ref w = heap_alloc_object(h, kind, type, nbytes, gch(h), true);
    if (!w)
        return NULLREF;
    WeakData *d = xcalloc(1, sizeof *d);
    d->referent = obj;
    d->callback = heap_newref(h, callback);
    d->key = heap_newref(h, key);
    h->objs[w].v.p = d;
    gc_track(h, w);
    link_ref(h, obj, w);
    return w;
}

/* The TypeError for an object that cannot be weakly referenced. */
static Ref not_supported(Heap *h, Ref obj)
{
    return heap_raise(h, EXC_TypeError, "cannot create weak reference to '%s' object",
                      heap_type_name(h, obj));
}

/* weakref.ref(obj[, callback]); reuses the basic ref when there is no callback. */
Ref weakref_new(Heap *h, Ref obj, Ref callback)
{
    if (!weakref_supported(h, obj))
        return not_supported(h, obj);
    if (callback == h->none)
        callback = 0;
    Ref ref, proxy;
    basic_refs(h, obj, &ref, &proxy);
    if (!callback && ref)
        return heap_newref(h, ref);
    return alloc_weak(h, K_WEAKREF, h->type_of_kind[K_WEAKREF], h->prof->weakref_size, obj,
                      callback, NULLREF);
}

/* weakref.proxy(obj[, callback]); reuses the basic proxy when there is no callback. */
Ref weakref_proxy_new(Heap *h, Ref obj, Ref callback)
{
    if (!weakref_supported(h, obj))
        return not_supported(h, obj);
    if (callback == h->none)
        callback = 0;
    Ref ref, proxy;
    basic_refs(h, obj, &ref, &proxy);
    if (!callback && proxy)
        return heap_newref(h, proxy);
    Kind k = is_callable(h, obj) ? K_WEAKCALLABLEPROXY : K_WEAKPROXY;
    return alloc_weak(h, k, h->type_of_kind[k], h->prof->weakref_size, obj, callback, NULLREF);
}

/* weakref.KeyedRef(obj, callback, key): a ref subclass instance with .key. */
Ref weakref_keyed_new(Heap *h, Ref obj, Ref callback, Ref key)
{
    Ref type = weakref_keyedref_type(h);
    if (!weakref_supported(h, obj))
        return not_supported(h, obj);
    if (callback == h->none)
        callback = 0;
    return alloc_weak(h, K_WEAKREF, type, h->prof->weakref_size + 8, obj, callback, key);
}

/* The referent of weakref or proxy W (borrowed), or 0 when it died. */
Ref weakref_get(const Heap *h, Ref w)
{
    return referent(h, w);
}

/* The callback of W (borrowed), or 0. */
Ref weakref_callback(const Heap *h, Ref w)
{
    return wd(h, w)->callback;
}

/* W's cached hash, or -1. */
int64_t weakref_cached_hash(const Heap *h, Ref w)
{
    return wd(h, w)->hashed ? wd(h, w)->hash : -1;
}

/* The first weakref in OBJ's list (borrowed), or 0. */
Ref weakref_head(Heap *h, Ref obj)
{
    return head_of(h, obj);
}

/* The weakref after W in its referent's list (borrowed), or 0. */
Ref weakref_next(const Heap *h, Ref w)
{
    return wd(h, w)->next;
}

/* Number of weakrefs to OBJ (weakref.getweakrefcount). */
size_t weakref_count(const Heap *h, Ref obj)
{
    size_t n = 0;
    for (Ref w = head_of((Heap *)h, obj); w; w = wd(h, w)->next)
        n++;
    return n;
}

/* A new list of the weakrefs to OBJ in list order (weakref.getweakrefs). */
Ref weakref_list(Heap *h, Ref obj)
{
    size_t n = weakref_supported(h, obj) ? weakref_count(h, obj) : 0;
    Ref l = list_new(h, n);
    if (!l)
        return NULLREF;
    Ref w = n ? head_of(h, obj) : 0;
    for (size_t i = 0; i < n; i++, w = wd(h, w)->next)
        list_set_item(h, l, i, heap_newref(h, w));
    return l;
}

/* Call CALLBACK(W), reporting a failure as unraisable (handle_callback). */
static void handle_callback(Heap *h, Ref w, Ref callback)
{
    Ref res = heap_call(h, callback, &w, 1, NULLREF);
    if (res)
        heap_decref(h, res);
    else if (h->hooks.unraisable)
        h->hooks.unraisable(h->hooks.vm, callback);
    else
        heap_clear_exc(h);
}

/* Clear the COUNT weakrefs to OBJ, then call their callbacks, kept alive
 * meanwhile in a tuple of (weakref, callback) pairs. */
static void call_many(Heap *h, Ref obj, size_t count)
{
    Ref tuple = tuple_new(h, count * 2);
    if (!tuple)
        return;
    Ref w = head_of(h, obj);         /* the allocation may have run the collector */
    for (size_t i = 0; i < count && w; i++) {
        WeakData *d = wd(h, w);
        Ref next = d->next;
        Ref cb = d->callback;
        d->callback = 0;
        if (h->objs[w].refcnt > 0) {
            tuple_set_item(h, tuple, 2 * i, heap_newref(h, w));
            tuple_set_item(h, tuple, 2 * i + 1, cb);
        } else {
            heap_decref(h, cb);
        }
        clear_weakref(h, w);
        w = next;
    }
    for (size_t i = 0; i < count; i++) {
        Ref cb = tuple_items(h, tuple)[2 * i + 1];
        if (cb)
            handle_callback(h, tuple_items(h, tuple)[2 * i], cb);
    }
    heap_decref(h, tuple);
}

/* Clear every weakref to OBJ and call their callbacks (PyObject_ClearWeakRefs). */
void weakref_clear_refs(Heap *h, Ref obj)
{
    Ref head = head_of(h, obj);
    if (head && !wd(h, head)->callback) {
        clear_weakref(h, head);
        head = head_of(h, obj);
        if (head && !wd(h, head)->callback)
            clear_weakref(h, head);
    }
    head = head_of(h, obj);
    if (!head)
        return;
    Ref saved = heap_fetch_exc(h);
    size_t count = weakref_count(h, obj);
    if (count == 1) {
        Ref cb = wd(h, head)->callback;
        wd(h, head)->callback = 0;
        clear_weakref(h, head);
        if (cb) {
            if (h->objs[head].refcnt > 0)
                handle_callback(h, head, cb);   /* may free HEAD (no reference held) */
            heap_decref(h, cb);
        }
    } else {
        call_many(h, obj, count);
    }
    if (saved) {
        heap_clear_exc(h);
        h->exc = saved;
    }
}

/* ---- weakref.ref ---- */

/* Visit a weakref's key (KeyedRef slot) and callback (the referent is not owned). */
static void weakref_traverse(Heap *h, Ref w, VisitFn visit, void *arg)
{
    if (wd(h, w)->key)
        visit(h, wd(h, w)->key, arg);
    if (wd(h, w)->callback)
        visit(h, wd(h, w)->callback, arg);
}

/* tp_clear: drop the key, unlink, drop the callback. */
static void weakref_clear(Heap *h, Ref w)
{
    heap_setref(h, &wd(h, w)->key, NULLREF);
    clear_weakref(h, w);
}

/* Free a weakref's host payload. */
static void weakref_release(Heap *h, Ref w)
{
    free(wd(h, w));
    h->objs[w].v.p = NULL;
}

/* Copy a weakref's or proxy's payload for heap_clone. */
static void weakref_clone(const Heap *src, Heap *dst, Ref w, CloneMap *map)
{
    (void)map;
    dst->objs[w].v.p = clone_memdup(wd(src, w), sizeof(WeakData));
}

/* Deallocate a weakref or proxy: a KeyedRef's key slot first
 * (subtype_dealloc), then clear_weakref, then the block. */
static void weakref_dealloc(Heap *h, Ref w)
{
    weakref_clear(h, w);
    weakref_release(h, w);
    heap_free_object(h, w, gch(h), true);
}

/* sys.getsizeof of a weakref (KeyedRef adds its key slot). */
static size_t weakref_sizeof(Heap *h, Ref w)
{
    return h->prof->weakref_size + (heap_type(h, w) == weakref_keyedref_type(h) ? 8 : 0);
}

/* Calling a weakref returns its referent or None. */
static Ref weakref_call(Heap *h, Ref w, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (kwnames && tuple_size(h, kwnames))
        return heap_raise(h, EXC_TypeError, "weakref() takes no keyword arguments");
    if (nargs)
        return heap_raise(h, EXC_TypeError, h->prof->msg_weakref_call_args, nargs);
    Ref r = referent(h, w);
    return heap_newref(h, r ? r : h->none);
}

/* The referent's __name__ for weakref_repr as a new str, or 0 (no error):
 * 3.8 asks the object, 3.11+ only its type (_PyObject_LookupSpecial). */
static Ref repr_name(Heap *h, Ref obj)
{
    Kind k = heap_kind(h, obj);
    Ref name = 0;
    if (!h->prof->weakref_repr_name_special || k == K_FUNCTION || k == K_TYPE
        || k == K_BUILTIN) {
        Ref saved = heap_fetch_exc(h);
        name = obj_getattr_cstr(h, obj, "__name__");
        heap_clear_exc(h);
        h->exc = saved;
    } else if (k == K_INSTANCE || k == K_EXCEPTION) {
        name = heap_newref(h, type_lookup_cstr(h, heap_type(h, obj), "__name__"));
    }
    if (name && !str_check(h, name)) {
        heap_decref(h, name);
        name = 0;
    }
    return name;
}

/* repr: <weakref at 0x...; to 'A' at 0x...[ (name)]> or <weakref at 0x...; dead>. */
static Ref weakref_repr(Heap *h, Ref w)
{
    StrBuf b = {0};
    Ref r = referent(h, w);
    unsigned long long self = h->objs[w].addr;
    if (!r) {
        strbuf_printf(&b, "<weakref at 0x%llx; dead>", self);
    } else {
        heap_incref(h, r);
        Ref name = repr_name(h, r);
        strbuf_printf(&b, "<weakref at 0x%llx; to '%s' at 0x%llx", self, heap_type_name(h, r),
                      (unsigned long long)h->objs[r].addr);
        if (name)
            strbuf_printf(&b, " (%s)", str_utf8(h, name, NULL));
        strbuf_putc(&b, '>');
        heap_decref(h, name);
        heap_decref(h, r);
    }
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* A weakref hashes like its referent (and keeps that hash after it dies). */
static int weakref_hash(Heap *h, Ref w, int64_t *out)
{
    WeakData *d = wd(h, w);
    if (!d->hashed) {
        Ref o = referent(h, w);
        if (!o) {
            heap_raise(h, EXC_TypeError, "weak object has gone away");
            return -1;
        }
        int64_t hash;
        if (obj_hash(h, o, &hash) < 0)
            return -1;
        d = wd(h, w);
        d->hash = hash;
        d->hashed = 1;
    }
    *out = d->hash;
    return 0;
}

/* Weakrefs compare equal when both referents are alive and equal, else by identity. */
static Ref weakref_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if ((op != CMP_EQ && op != CMP_NE) || !weakref_check(h, a) || !weakref_check(h, b))
        return heap_newref(h, h->notimpl);
    Ref ra = referent(h, a), rb = referent(h, b);
    if (!ra || !rb) {
        bool eq = a == b;
        return heap_newref(h, (eq == (op == CMP_EQ)) ? h->true_ : h->false_);
    }
    heap_incref(h, ra);
    heap_incref(h, rb);
    Ref r = obj_richcompare(h, ra, rb, op);
    heap_decref(h, ra);
    heap_decref(h, rb);
    return r;
}

/* __callback__ and, for KeyedRef, key. */
static Ref weakref_getattr(Heap *h, Ref w, Ref name)
{
    if (str_eq_cstr(h, name, "__callback__"))
        return heap_newref(h, wd(h, w)->callback ? wd(h, w)->callback : h->none);
    if (wd(h, w)->key && str_eq_cstr(h, name, "key"))
        return heap_newref(h, wd(h, w)->key);
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, w), str_utf8(h, name, NULL));
}

/* weakref.ref(obj[, callback]) and KeyedRef(obj, callback, key) as type calls. */
static Ref weakref_tp_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    bool keyed = type == weakref_keyedref_type(h);
    if (keyed) {
        if (!arg_check(h, "__new__", nargs, kwnames, 3, 3))
            return NULLREF;
        return weakref_keyed_new(h, args[0], args[1], args[2]);
    }
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (!arg_check(h, "__new__", nargs, NULLREF, 1, 2))
        return NULLREF;
    Ref r = weakref_new(h, args[0], nargs == 2 ? args[1] : NULLREF);
    if (r && nkw) {                  /* weakref___init__ rejects keywords */
        heap_decref(h, r);
        return heap_raise(h, EXC_TypeError, "ref() takes no keyword arguments");
    }
    return r;
}

const TypeOps weakref_ops = {
    .name = "weakref.ReferenceType", .gc = 1,
    .sizeof_ = weakref_sizeof, .dealloc = weakref_dealloc, .release = weakref_release,
    .clone = weakref_clone,
    .traverse = weakref_traverse, .clear = weakref_clear, .call = weakref_call,
    .repr = weakref_repr, .hash = weakref_hash, .richcompare = weakref_richcompare,
    .getattr = weakref_getattr, .new_ = weakref_tp_new,
};

/* ---- proxies ---- */

/* The live referent of proxy P as a new reference, or 0 with ReferenceError. */
static Ref proxy_ref(Heap *h, Ref p)
{
    Ref o = referent(h, p);
    if (!o)
        return heap_raise(h, EXC_ReferenceError, MSG_DEAD);
    return heap_newref(h, o);
}

/* UNWRAP: a new reference to O, or to its referent when O is a proxy. */
static Ref unwrap(Heap *h, Ref o)
{
    return is_proxy(h, o) ? proxy_ref(h, o) : heap_newref(h, o);
}

/* A binary or in-place operator with both operands unwrapped (WRAP_BINARY). */
static Ref proxy_binary(Heap *h, Ref a, Ref b, BinOp op, bool inplace)
{
    Ref x = unwrap(h, a);
    if (!x)
        return NULLREF;
    Ref y = unwrap(h, b);
    if (!y) {
        heap_decref(h, x);
        return NULLREF;
    }
    Ref r = inplace ? obj_inplace(h, x, y, op) : obj_binop(h, x, y, op);
    heap_decref(h, x);
    heap_decref(h, y);
    return r;
}

/* One forwarding function per operator (the binop slots take no op). */
#define PROXY_BINOP(NAME, OP)                                                 \
    static Ref NAME(Heap *h, Ref a, Ref b) { return proxy_binary(h, a, b, OP, false); } \
    static Ref NAME##_i(Heap *h, Ref a, Ref b) { return proxy_binary(h, a, b, OP, true); }
PROXY_BINOP(proxy_add, OP_ADD)
PROXY_BINOP(proxy_sub, OP_SUB)
PROXY_BINOP(proxy_mul, OP_MUL)
PROXY_BINOP(proxy_matmul, OP_MATMUL)
PROXY_BINOP(proxy_truediv, OP_TRUEDIV)
PROXY_BINOP(proxy_floordiv, OP_FLOORDIV)
PROXY_BINOP(proxy_mod, OP_MOD)
PROXY_BINOP(proxy_pow, OP_POW)
PROXY_BINOP(proxy_lshift, OP_LSHIFT)
PROXY_BINOP(proxy_rshift, OP_RSHIFT)
PROXY_BINOP(proxy_and, OP_AND)
PROXY_BINOP(proxy_xor, OP_XOR)
PROXY_BINOP(proxy_or, OP_OR)
#undef PROXY_BINOP

/* A unary operator on the referent (WRAP_UNARY). */
static Ref proxy_unary(Heap *h, Ref p, UnaryOp op)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref r = obj_unary(h, o, op);
    heap_decref(h, o);
    return r;
}

/* -p. */
static Ref proxy_neg(Heap *h, Ref p) { return proxy_unary(h, p, OP_NEG); }
/* +p. */
static Ref proxy_pos(Heap *h, Ref p) { return proxy_unary(h, p, OP_POS); }
/* ~p. */
static Ref proxy_invert(Heap *h, Ref p) { return proxy_unary(h, p, OP_INVERT); }

/* Comparisons unwrap both sides; only 3.13 holds references meanwhile. */
static Ref proxy_richcompare(Heap *h, Ref a, Ref b, int op)
{
    Ref x = a, y = b;
    if (is_proxy(h, a) && !(x = referent(h, a)))
        return heap_raise(h, EXC_ReferenceError, MSG_DEAD);
    if (is_proxy(h, b) && !(y = referent(h, b)))
        return heap_raise(h, EXC_ReferenceError, MSG_DEAD);
    bool hold = h->prof->weakproxy_compare_incref;
    if (hold) {
        heap_incref(h, x);
        heap_incref(h, y);
    }
    Ref r = obj_richcompare(h, x, y, op);
    if (hold) {
        heap_decref(h, x);
        heap_decref(h, y);
    }
    return r;
}

/* bool(p). */
static int proxy_truth(Heap *h, Ref p)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return -1;
    int t = obj_truth(h, o);
    heap_decref(h, o);
    return t;
}

/* len(p). */
static int proxy_len(Heap *h, Ref p, size_t *out)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return -1;
    int rc = obj_len(h, o, out);
    heap_decref(h, o);
    return rc;
}

/* p[key] (a proxy key is unwrapped too). */
static Ref proxy_getitem(Heap *h, Ref p, Ref key)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref k = unwrap(h, key);
    Ref r = k ? obj_getitem(h, o, k) : NULLREF;
    heap_decref(h, k);
    heap_decref(h, o);
    return r;
}

/* p[key] = value, del p[key]. */
static int proxy_setitem(Heap *h, Ref p, Ref key, Ref value)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return -1;
    int rc = obj_setitem(h, o, key, value);
    heap_decref(h, o);
    return rc;
}

/* x in p. */
static int proxy_contains(Heap *h, Ref p, Ref x)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return -1;
    int rc = obj_contains(h, o, x);
    heap_decref(h, o);
    return rc;
}

/* iter(p): the referent's iterator. */
static Ref proxy_iter(Heap *h, Ref p)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref r = obj_iter(h, o);
    heap_decref(h, o);
    return r;
}

/* True when O is an iterator (PyIter_Check). */
static bool is_iterator(Heap *h, Ref o)
{
    if (type_data(h, heap_type(h, o))->heaptype
        && type_lookup_cstr(h, heap_type(h, o), "__next__"))
        return true;
    return heap_kind(h, o) != K_INSTANCE && heap_ops(h, o)->iternext != NULL;
}

/* next(p) when the referent is an iterator. */
static Ref proxy_iternext(Heap *h, Ref p)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref r = NULLREF;
    if (!is_iterator(h, o))
        heap_raise(h, EXC_TypeError, h->prof->msg_weakproxy_not_iterator, heap_type_name(h, o));
    else
        r = obj_next(h, o);
    heap_decref(h, o);
    return r;
}

/* p.name: the referent's attribute. */
static Ref proxy_getattr(Heap *h, Ref p, Ref name)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref r = obj_getattr(h, o, name);
    heap_decref(h, o);
    return r;
}

/* p.name = value, del p.name. */
static int proxy_setattr(Heap *h, Ref p, Ref name, Ref value)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return -1;
    int rc = obj_setattr(h, o, name, value);
    heap_decref(h, o);
    return rc;
}

/* str(p): str of the referent. */
static Ref proxy_str(Heap *h, Ref p)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref r = obj_str(h, o);
    heap_decref(h, o);
    return r;
}

/* repr: <weakproxy at 0x... to A at 0x...> (3.13: "; to 'A' at", "; dead"). */
static Ref proxy_repr(Heap *h, Ref p)
{
    StrBuf b = {0};
    Ref o = referent(h, p);
    unsigned long long self = h->objs[p].addr;
    if (h->prof->weakproxy_repr_quoted) {
        if (o)
            strbuf_printf(&b, "<weakproxy at 0x%llx; to '%s' at 0x%llx>", self,
                          heap_type_name(h, o), (unsigned long long)h->objs[o].addr);
        else
            strbuf_printf(&b, "<weakproxy at 0x%llx; dead>", self);
    } else {
        Ref t = o ? o : h->none;    /* a dead proxy points at None */
        strbuf_printf(&b, "<weakproxy at 0x%llx to %s at 0x%llx>", self, heap_type_name(h, t),
                      (unsigned long long)h->objs[t].addr);
    }
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* Calling a CallableProxyType calls the referent. */
static Ref proxy_call(Heap *h, Ref p, const Ref *args, size_t nargs, Ref kwnames)
{
    Ref o = proxy_ref(h, p);
    if (!o)
        return NULLREF;
    Ref r = obj_call(h, o, args, nargs, kwnames);
    heap_decref(h, o);
    return r;
}

/* The slots ProxyType and CallableProxyType share. */
#define PROXY_SLOTS                                                           \
    .gc = 1, .sizeof_ = weakref_sizeof, .dealloc = weakref_dealloc,          \
    .release = weakref_release, .clone = weakref_clone,                      \
    .traverse = weakref_traverse,                                            \
    .clear = weakref_clear, .repr = proxy_repr, .str = proxy_str,            \
    .richcompare = proxy_richcompare,                                        \
    .binop = {                                                               \
        [OP_ADD] = proxy_add, [OP_SUB] = proxy_sub, [OP_MUL] = proxy_mul,    \
        [OP_MATMUL] = proxy_matmul, [OP_TRUEDIV] = proxy_truediv,            \
        [OP_FLOORDIV] = proxy_floordiv, [OP_MOD] = proxy_mod,                \
        [OP_POW] = proxy_pow, [OP_LSHIFT] = proxy_lshift,                    \
        [OP_RSHIFT] = proxy_rshift, [OP_AND] = proxy_and,                    \
        [OP_XOR] = proxy_xor, [OP_OR] = proxy_or,                            \
    },                                                                       \
    .inplace = {                                                             \
        [OP_ADD] = proxy_add_i, [OP_SUB] = proxy_sub_i, [OP_MUL] = proxy_mul_i, \
        [OP_MATMUL] = proxy_matmul_i, [OP_TRUEDIV] = proxy_truediv_i,        \
        [OP_FLOORDIV] = proxy_floordiv_i, [OP_MOD] = proxy_mod_i,            \
        [OP_POW] = proxy_pow_i, [OP_LSHIFT] = proxy_lshift_i,                \
        [OP_RSHIFT] = proxy_rshift_i, [OP_AND] = proxy_and_i,                \
        [OP_XOR] = proxy_xor_i, [OP_OR] = proxy_or_i,                        \
    },                                                                       \
    .unary = {proxy_neg, proxy_pos, proxy_invert},                           \
    .truth = proxy_truth, .len = proxy_len, .getitem = proxy_getitem,        \
    .setitem = proxy_setitem, .contains = proxy_contains,                    \
    .iter = proxy_iter, .iternext = proxy_iternext,                          \
    .getattr = proxy_getattr, .setattr = proxy_setattr

const TypeOps weakproxy_ops = {
    .name = "weakref.ProxyType", PROXY_SLOTS,
};

const TypeOps weakcallableproxy_ops = {
    .name = "weakref.CallableProxyType", PROXY_SLOTS, .call = proxy_call,
};

/* ---- WeakValueDictionary ---- */

/* True when R is a WeakValueDictionary. */
bool weakdict_check(const Heap *h, Ref r)
{
    return heap_kind(h, r) == K_WEAKVALUEDICT;
}

/* The dict key -> KeyedRef behind weak dictionary W (borrowed). */
Ref weakdict_data(const Heap *h, Ref w)
{
    return wvd(h, w)->data;
}

/* Raise KeyError(key) (the key wrapped in a tuple). */
static void raise_key_error(Heap *h, Ref key)
{
    Ref args = tuple_pack(h, 1, key);
    Ref exc = args ? exc_new_args(h, h->exc_types[EXC_KeyError], args) : 0;
    heap_decref(h, args);
    if (exc) {
        heap_raise_obj(h, exc);
        heap_decref(h, exc);
    }
}

/* _remove_dead_weakref(data, key): delete KEY when it maps to a dead weakref. */
static int remove_dead(Heap *h, Ref data, Ref key)
{
    Ref wr = dict_getitem(h, data, key);
    if (!wr)
        return h->exc ? -1 : 0;
    if (!weakref_check(h, wr)) {
        heap_raise(h, EXC_TypeError, "not a weakref");
        return -1;
    }
    if (referent(h, wr))
        return 0;
    return dict_delitem(h, data, key);
}

/* _commit_removals: pop the pending keys from the end and remove them. */
static int commit(Heap *h, Ref w)
{
    Ref l = wvd(h, w)->pending;
    int rc = 0;
    while (rc == 0 && list_size(h, l) > 0) {
        size_t n = list_size(h, l);
        Ref key = heap_newref(h, list_items(h, l)[n - 1]);
        rc = list_setslice(h, l, (int64_t)n - 1, (int64_t)n, NULLREF);
        if (rc == 0)
            rc = remove_dead(h, wvd(h, w)->data, key);
        heap_decref(h, key);
    }
    return rc;
}

/* The remove callback of the KeyedRefs: SELF is a weakref to the dictionary. */
static Ref wvd_remove(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!arg_check(h, "remove", nargs, kwnames, 1, 1))
        return NULLREF;
    Ref wr = heap_newref(h, args[0]);      /* the frame's wr */
    Ref w = heap_newref(h, referent(h, self));
    int rc = 0;
    if (w && (!weakref_check(h, wr) || !wd(h, wr)->key)) {
        heap_raise(h, EXC_AttributeError, "'%s' object has no attribute 'key'",
                   heap_type_name(h, wr));
        rc = -1;
    } else if (w && wvd(h, w)->iterating) {
        rc = list_append(h, wvd(h, w)->pending, wd(h, wr)->key);
    } else if (w) {
        Ref key = heap_newref(h, wd(h, wr)->key);
        rc = remove_dead(h, wvd(h, w)->data, key);
        heap_decref(h, key);
    }
    heap_decref(h, wr);
    heap_decref(h, w);
    return rc < 0 ? NULLREF : heap_newref(h, h->none);
}

static const MethodDef remove_def = {"remove", wvd_remove, NULL};

/* d[key] = KeyedRef(value, d._remove, key). */
static int store(Heap *h, Ref w, Ref key, Ref value)
{
    Ref kr = weakref_keyed_new(h, value, wvd(h, w)->remove, key);
    if (!kr)
        return -1;
    int rc = dict_setitem(h, wvd(h, w)->data, key, kr);
    heap_decref(h, kr);
    return rc;
}

/* Store every (key, value) of the mapping or iterable of pairs OTHER. */
static int update_from(Heap *h, Ref w, Ref other)
{
    Ref src = other;
    if (weakdict_check(h, other)) {
        src = dict_new(h);                 /* the live items, as other.items() */
        size_t pos = 0;
        Ref k, wr;
        while (src && dict_next(h, wvd(h, other)->data, &pos, &k, &wr))
            if (referent(h, wr) && dict_setitem(h, src, k, referent(h, wr)) < 0) {
                heap_decref(h, src);
                return -1;
            }
    } else if (!dict_check(h, other)) {
        src = dict_new(h);                 /* dict(other) */
        if (src && dict_update(h, src, other) < 0) {
            heap_decref(h, src);
            return -1;
        }
    } else {
        heap_incref(h, src);
    }
    if (!src)
        return -1;
    size_t pos = 0;
    Ref k, v;
    int rc = 0;
    while (rc == 0 && dict_next(h, src, &pos, &k, &v)) {
        heap_incref(h, k);
        heap_incref(h, v);
        rc = store(h, w, k, v);
        heap_decref(h, k);
        heap_decref(h, v);
    }
    heap_decref(h, src);
    return rc;
}

/* d.update(other, **kw) after committing pending removals. */
static int update(Heap *h, Ref w, Ref other, const Ref *kwvalues, Ref kwnames)
{
    if (commit(h, w) < 0)
        return -1;
    if (other && other != h->none && update_from(h, w, other) < 0)
        return -1;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (store(h, w, tuple_items(h, kwnames)[i], kwvalues[i]) < 0)
            return -1;
    return 0;
}

/* Raise the TypeError of a Python method called with too many positionals. */
static Ref too_many(Heap *h, const char *meth, size_t max, size_t given)
{
    return heap_raise(h, EXC_TypeError, "%s%s() takes from 1 to %zu positional arguments "
                      "but %zu were given",
                      h->prof->call_errors_qualname ? "WeakValueDictionary." : "", meth,
                      max + 1, given + 1);
}

/* WeakValueDictionary(other=(), /, **kw). */
Ref weakdict_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (nargs > 1)
        return too_many(h, "__init__", 1, nargs);
    Ref w = heap_alloc_object(h, K_WEAKVALUEDICT, type, h->prof->instance_size,
                              gch(h) + h->prof->preheader_size, true);
    if (!w)
        return NULLREF;
    WeakDict *d = xcalloc(1, sizeof *d);
    h->objs[w].v.p = d;
    gc_track(h, w);
    Ref selfref = weakref_new(h, w, NULLREF);
    d->remove = selfref ? builtin_new(h, &remove_def, selfref, NULLREF) : 0;
    heap_decref(h, selfref);
    d->pending = d->remove ? list_new(h, 0) : 0;
    d->data = d->pending ? dict_new(h) : 0;
    if (!d->data || update(h, w, nargs ? args[0] : NULLREF, args + nargs, kwnames) < 0) {
        heap_decref(h, w);
        return NULLREF;
    }
    return w;
}

/* TypeOps.new_: WeakValueDictionary(...) as a type call. */
static Ref wvd_tp_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    return weakdict_new(h, type, args, nargs, kwnames);
}

/* Drop the attributes in __dict__ order: _remove, _pending_removals, data. */
static void wvd_dealloc(Heap *h, Ref w)
{
    WeakDict *d = wvd(h, w);
    heap_setref(h, &d->remove, NULLREF);
    heap_setref(h, &d->pending, NULLREF);
    heap_setref(h, &d->data, NULLREF);
    free(wvd(h, w));
    h->objs[w].v.p = NULL;
    heap_free_object(h, w, gch(h) + h->prof->preheader_size, true);
}

/* Visit the data dict, the callback and the pending list. */
static void wvd_traverse(Heap *h, Ref w, VisitFn visit, void *arg)
{
    WeakDict *d = wvd(h, w);
    if (d->remove)
        visit(h, d->remove, arg);
    if (d->pending)
        visit(h, d->pending, arg);
    if (d->data)
        visit(h, d->data, arg);
}

/* tp_clear: empty the containers, which breaks every cycle through them. */
static void wvd_clear(Heap *h, Ref w)
{
    if (wvd(h, w)->pending)
        list_clear(h, wvd(h, w)->pending);
    if (wvd(h, w)->data)
        dict_clear(h, wvd(h, w)->data);
}

/* Free the payload (heap teardown). */
static void wvd_release(Heap *h, Ref w)
{
    free(wvd(h, w));
    h->objs[w].v.p = NULL;
}

/* Copy the payload for heap_clone. */
static void wvd_clone(const Heap *src, Heap *dst, Ref w, CloneMap *map)
{
    (void)map;
    dst->objs[w].v.p = clone_memdup(wvd(src, w), sizeof(WeakDict));
}

/* sys.getsizeof: a plain instance. */
static size_t wvd_sizeof(Heap *h, Ref w)
{
    (void)w;
    return h->prof->instance_size;
}

/* repr: <WeakValueDictionary at 0x...>. */
static Ref wvd_repr(Heap *h, Ref w)
{
    StrBuf b = {0};
    strbuf_printf(&b, "<%s at 0x%llx>", type_cname(h, heap_type(h, w)),
                  (unsigned long long)h->objs[w].addr);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* len(d): commit, then len(d.data). */
static int wvd_len(Heap *h, Ref w, size_t *out)
{
    if (commit(h, w) < 0)
        return -1;
    *out = dict_size(h, wvd(h, w)->data);
    return 0;
}

/* bool(d): len(d) != 0. */
static int wvd_truth(Heap *h, Ref w)
{
    size_t n;
    return wvd_len(h, w, &n) < 0 ? -1 : n != 0;
}

/* The live value under KEY as a new reference; 0 with KeyError(key) when
 * it is missing or dead (or with the error of hashing KEY). */
static Ref lookup(Heap *h, Ref w, Ref key)
{
    Ref wr = dict_getitem(h, wvd(h, w)->data, key);
    if (!wr) {
        if (!h->exc)
            raise_key_error(h, key);
        return NULLREF;
    }
    Ref o = referent(h, wr);
    if (!o) {
        raise_key_error(h, key);
        return NULLREF;
    }
    return heap_newref(h, o);
}

/* d[key]: the live value, else KeyError(key). */
static Ref wvd_getitem(Heap *h, Ref w, Ref key)
{
    if (commit(h, w) < 0)
        return NULLREF;
    return lookup(h, w, key);
}

/* d[key] = value (a KeyedRef in data) or del d[key]. */
static int wvd_setitem(Heap *h, Ref w, Ref key, Ref value)
{
    if (commit(h, w) < 0)
        return -1;
    if (!value)
        return dict_delitem(h, wvd(h, w)->data, key);
    return store(h, w, key, value);
}

/* key in d: a live entry. */
static int wvd_contains(Heap *h, Ref w, Ref key)
{
    if (commit(h, w) < 0)
        return -1;
    Ref wr = dict_getitem(h, wvd(h, w)->data, key);
    if (!wr)
        return h->exc ? -1 : 0;
    return referent(h, wr) != 0;
}

/* A dict of d's live items (dict(d.items())). */
static Ref live_items(Heap *h, Ref w)
{
    Ref r = dict_new(h);
    size_t pos = 0;
    Ref k, wr;
    while (r && dict_next(h, wvd(h, w)->data, &pos, &k, &wr))
        if (referent(h, wr) && dict_setitem(h, r, k, referent(h, wr)) < 0) {
            heap_decref(h, r);
            return NULLREF;
        }
    return r;
}

/* Mapping.__eq__: equal when the live items equal the other mapping's. */
static Ref wvd_richcompare(Heap *h, Ref a, Ref b, int op)
{
    bool mapping = dict_check(h, b) || weakdict_check(h, b);
    if ((op != CMP_EQ && op != CMP_NE) || !mapping || !weakdict_check(h, a))
        return heap_newref(h, h->notimpl);
    Ref x = live_items(h, a);
    Ref y = x ? (weakdict_check(h, b) ? live_items(h, b) : heap_newref(h, b)) : 0;
    int eq = y ? obj_richcompare_bool(h, x, y, CMP_EQ) : -1;
    heap_decref(h, x);
    heap_decref(h, y);
    if (eq < 0)
        return NULLREF;
    return heap_newref(h, (eq == (op == CMP_EQ)) ? h->true_ : h->false_);
}

/* A new WeakValueDictionary with D's live items (d.copy()). */
static Ref copy_of(Heap *h, Ref w)
{
    if (commit(h, w) < 0)
        return NULLREF;
    Ref c = weakdict_new(h, h->type_of_kind[K_WEAKVALUEDICT], NULL, 0, NULLREF);
    if (c && update_from(h, c, w) < 0) {
        heap_decref(h, c);
        return NULLREF;
    }
    return c;
}

/* d | other (3.9+): a copy updated from the mapping OTHER; other | d too. */
static Ref wvd_or(Heap *h, Ref a, Ref b)
{
    bool left = weakdict_check(h, a);
    Ref other = left ? b : a;
    if (!h->prof->dict_or_operator || !(dict_check(h, other) || weakdict_check(h, other)))
        return heap_newref(h, h->notimpl);
    Ref self = left ? a : b;
    Ref c = left ? copy_of(h, self)
                 : weakdict_new(h, h->type_of_kind[K_WEAKVALUEDICT], NULL, 0, NULLREF);
    if (c && (update(h, c, other, NULL, NULLREF) < 0
              || (!left && update(h, c, self, NULL, NULLREF) < 0))) {
        heap_decref(h, c);
        return NULLREF;
    }
    return c;
}

/* d |= other (3.9+): update in place. */
static Ref wvd_ior(Heap *h, Ref a, Ref b)
{
    if (!h->prof->dict_or_operator || !weakdict_check(h, a))
        return heap_newref(h, h->notimpl);
    if (update(h, a, b, NULL, NULLREF) < 0)
        return NULLREF;
    return heap_newref(h, a);
}

/* A new iterator of MODE over weak dictionary W (a generator in CPython). */
static Ref iter_new(Heap *h, Ref w, int mode)
{
    size_t size = mode == WD_ITEMS ? h->prof->weakdict_gen_items_size
                  : mode == WD_REFS ? h->prof->weakdict_gen_refs_size
                                    : h->prof->weakdict_gen_size;
    Ref it = heap_alloc_object(h, K_WEAKDICTITER, h->type_of_kind[K_WEAKDICTITER], size,
                               gch(h), true);
    if (!it)
        return NULLREF;
    WeakDictIter *d = xcalloc(1, sizeof *d);
    d->wvd = heap_newref(h, w);
    d->mode = mode;
    h->objs[it].v.p = d;
    gc_track(h, it);
    return it;
}

/* iter(d): the keys generator. */
static Ref wvd_iter(Heap *h, Ref w)
{
    return iter_new(h, w, WD_KEYS);
}

/* The weak dictionary (SELF) of a method; false with TypeError otherwise. */
static bool check_self(Heap *h, Ref self, const char *meth)
{
    if (self && weakdict_check(h, self))
        return true;
    heap_raise(h, EXC_TypeError, "%s() requires a WeakValueDictionary", meth);
    return false;
}

/* d.get(key, default=None). */
static Ref m_get(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!check_self(h, self, "get") || !arg_check(h, "get", nargs, kwnames, 1, 2))
        return NULLREF;
    if (commit(h, self) < 0)
        return NULLREF;
    Ref o = lookup(h, self, args[0]);
    if (o || !heap_exc_matches(h, EXC_KeyError))
        return o;
    heap_clear_exc(h);
    return heap_newref(h, nargs == 2 ? args[1] : h->none);
}

/* d.keys(): a generator of the keys with live values. */
static Ref m_keys(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "keys") || !arg_check(h, "keys", nargs, kwnames, 0, 0))
        return NULLREF;
    return iter_new(h, self, WD_KEYS);
}

/* d.values(): a generator of the live values. */
static Ref m_values(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "values") || !arg_check(h, "values", nargs, kwnames, 0, 0))
        return NULLREF;
    return iter_new(h, self, WD_VALUES);
}

/* d.items(): a generator of (key, value) for the live values. */
static Ref m_items(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "items") || !arg_check(h, "items", nargs, kwnames, 0, 0))
        return NULLREF;
    return iter_new(h, self, WD_ITEMS);
}

/* d.itervaluerefs(): a generator of the KeyedRefs. */
static Ref m_itervaluerefs(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "itervaluerefs")
        || !arg_check(h, "itervaluerefs", nargs, kwnames, 0, 0))
        return NULLREF;
    return iter_new(h, self, WD_REFS);
}

/* d.valuerefs(): a list of the KeyedRefs. */
static Ref m_valuerefs(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "valuerefs") || !arg_check(h, "valuerefs", nargs, kwnames, 0, 0))
        return NULLREF;
    if (commit(h, self) < 0)
        return NULLREF;
    Ref data = wvd(h, self)->data;
    Ref l = list_new(h, dict_size(h, data));
    size_t pos = 0, i = 0;
    Ref k, wr;
    while (l && dict_next(h, data, &pos, &k, &wr))
        list_set_item(h, l, i++, heap_newref(h, wr));
    return l;
}

/* The last key of W's data (borrowed), or 0 when it is empty. */
static Ref last_key(Heap *h, Ref w)
{
    size_t pos = 0;
    Ref k, v, last = 0;
    while (dict_next(h, wvd(h, w)->data, &pos, &k, &v))
        last = k;
    return last;
}

/* d.popitem(): the last live (key, value), dropping dead entries on the way. */
static Ref m_popitem(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "popitem") || !arg_check(h, "popitem", nargs, kwnames, 0, 0))
        return NULLREF;
    if (commit(h, self) < 0)
        return NULLREF;
    for (;;) {
        Ref k = last_key(h, self);
        if (!k) {
            Ref msg = str_from_cstr(h, "popitem(): dictionary is empty");
            if (msg)
                raise_key_error(h, msg);
            heap_decref(h, msg);
            return NULLREF;
        }
        heap_incref(h, k);
        Ref wr = dict_pop(h, wvd(h, self)->data, k, NULLREF);
        Ref o = wr ? referent(h, wr) : 0;
        Ref r = o ? tuple_pack(h, 2, k, o) : 0;
        heap_decref(h, wr);
        heap_decref(h, k);
        if (r || !wr || h->exc)
            return r;
    }
}

/* d.pop(key[, default]). */
static Ref m_pop(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!check_self(h, self, "pop") || !arg_check(h, "pop", nargs, kwnames, 1, 2))
        return NULLREF;
    if (commit(h, self) < 0)
        return NULLREF;
    Ref wr = dict_pop(h, wvd(h, self)->data, args[0], NULLREF);
    Ref o = wr ? heap_newref(h, referent(h, wr)) : 0;
    heap_decref(h, wr);
    if (!wr && !heap_exc_matches(h, EXC_KeyError))
        return NULLREF;
    heap_clear_exc(h);
    if (o)
        return o;
    if (nargs == 2)
        return heap_newref(h, args[1]);
    raise_key_error(h, args[0]);
    return NULLREF;
}

/* d.setdefault(key, default=None). */
static Ref m_setdefault(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!check_self(h, self, "setdefault") || !arg_check(h, "setdefault", nargs, kwnames, 1, 2))
        return NULLREF;
    Ref wr = dict_getitem(h, wvd(h, self)->data, args[0]);
    if (!wr && h->exc)
        return NULLREF;
    if (wr && referent(h, wr))
        return heap_newref(h, referent(h, wr));
    Ref dflt = nargs == 2 ? args[1] : h->none;
    if (commit(h, self) < 0 || store(h, self, args[0], dflt) < 0)
        return NULLREF;
    return heap_newref(h, dflt);
}

/* d.update(other=None, /, **kw). */
static Ref m_update(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!check_self(h, self, "update"))
        return NULLREF;
    if (nargs > 1)
        return too_many(h, "update", 1, nargs);
    if (update(h, self, nargs ? args[0] : NULLREF, args + nargs, kwnames) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* d.copy(), d.__copy__(). */
static Ref m_copy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!check_self(h, self, "copy") || !arg_check(h, "copy", nargs, kwnames, 0, 0))
        return NULLREF;
    return copy_of(h, self);
}

/* d.clear(): popitem() until the dictionary is empty (MutableMapping.clear). */
static Ref m_clear(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!check_self(h, self, "clear") || !arg_check(h, "clear", nargs, kwnames, 0, 0))
        return NULLREF;
    for (;;) {
        Ref r = m_popitem(h, self, args, 0, NULLREF);
        if (!r)
            break;
        heap_decref(h, r);
    }
    if (!heap_exc_matches(h, EXC_KeyError))
        return NULLREF;
    heap_clear_exc(h);
    return heap_newref(h, h->none);
}

static const MethodDef wvd_methods[] = {
    {"get", m_get, NULL}, {"keys", m_keys, NULL}, {"values", m_values, NULL},
    {"items", m_items, NULL}, {"itervaluerefs", m_itervaluerefs, NULL},
    {"valuerefs", m_valuerefs, NULL}, {"pop", m_pop, NULL}, {"popitem", m_popitem, NULL},
    {"setdefault", m_setdefault, NULL}, {"update", m_update, NULL}, {"copy", m_copy, NULL},
    {"__copy__", m_copy, NULL}, {"clear", m_clear, NULL},
    {NULL, NULL, NULL},
};

/* d.data, then the methods. */
static Ref wvd_getattr(Heap *h, Ref w, Ref name)
{
    if (str_eq_cstr(h, name, "data"))
        return heap_newref(h, wvd(h, w)->data);
    for (const MethodDef *m = wvd_methods; m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_new(h, m, w, NULLREF);
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, w), str_utf8(h, name, NULL));
}

const TypeOps weakvaluedict_ops = {
    .name = "WeakValueDictionary", .gc = 1,
    .sizeof_ = wvd_sizeof, .dealloc = wvd_dealloc, .traverse = wvd_traverse,
    .clear = wvd_clear, .release = wvd_release, .clone = wvd_clone, .repr = wvd_repr,
    .richcompare = wvd_richcompare, .binop = {[OP_OR] = wvd_or},
    .inplace = {[OP_OR] = wvd_ior}, .truth = wvd_truth, .len = wvd_len,
    .getitem = wvd_getitem, .setitem = wvd_setitem, .contains = wvd_contains,
    .iter = wvd_iter, .getattr = wvd_getattr, .new_ = wvd_tp_new, .methods = wvd_methods,
};

/* ---- WeakValueDictionary iterators ---- */

/* Leave the _IterationGuard: the last iterator out commits the removals. */
static int guard_exit(Heap *h, Ref w)
{
    if (--wvd(h, w)->iterating == 0)
        return commit(h, w);
    return 0;
}

/* The generator returns: leave the guard, then clear the frame's locals in
 * order (self, k, wr, v). */
static void finish(Heap *h, Ref it)
{
    WeakDictIter *d = wdi(h, it);
    if (!d->wvd)
        return;
    if (d->started) {
        d->started = 0;
        Ref saved = heap_fetch_exc(h);
        if (guard_exit(h, d->wvd) < 0 && !saved)
            saved = heap_fetch_exc(h);
        heap_clear_exc(h);
        h->exc = saved;
    }
    d = wdi(h, it);
    heap_setref(h, &d->wvd, NULLREF);
    heap_setref(h, &wdi(h, it)->k, NULLREF);
    heap_setref(h, &wdi(h, it)->wr, NULLREF);
    heap_setref(h, &wdi(h, it)->v, NULLREF);
}

/* The next yielded object of an iterator positioned in data, or 0 at the end. */
static Ref step(Heap *h, Ref it)
{
    for (;;) {
        WeakDictIter *d = wdi(h, it);
        Ref data = wvd(h, d->wvd)->data;
        if (dict_size(h, data) != d->used) {
            finish(h, it);
            return heap_raise(h, EXC_RuntimeError, "dictionary changed size during iteration");
        }
        Ref k, wr;
        if (!dict_next(h, data, &d->pos, &k, &wr)) {
            finish(h, it);
            return NULLREF;
        }
        if (d->mode == WD_REFS)
            return heap_newref(h, wr);
        heap_incref(h, k);               /* before a replaced local's __del__ runs */
        heap_incref(h, wr);
        if (d->mode != WD_VALUES)
            heap_setref(h, &wdi(h, it)->k, k);
        else
            heap_decref(h, k);
        heap_setref(h, &wdi(h, it)->wr, wr);
        Ref o = referent(h, wr);
        if (d->mode != WD_KEYS)          /* obj = wr() / v = wr() */
            heap_setref(h, &wdi(h, it)->v, heap_newref(h, o ? o : h->none));
        if (!o)
            continue;
        if (d->mode == WD_KEYS)
            return heap_newref(h, k);
        if (d->mode == WD_VALUES)
            return heap_newref(h, o);
        return tuple_pack(h, 2, k, o);
    }
}

/* next(it): start (commit, enter the guard) on the first call, then step. */
static Ref wdi_iternext(Heap *h, Ref it)
{
    WeakDictIter *d = wdi(h, it);
    if (!d->wvd)
        return NULLREF;
    if (!d->started) {
        if (commit(h, d->wvd) < 0) {
            finish(h, it);
            return NULLREF;
        }
        d = wdi(h, it);
        d->started = 1;
        wvd(h, d->wvd)->iterating++;
        d->pos = 0;
        d->used = dict_size(h, wvd(h, d->wvd)->data);
    }
    return step(h, it);
}

/* Deallocate: a started generator is closed first (the guard exits). */
static void wdi_dealloc(Heap *h, Ref it)
{
    finish(h, it);
    free(wdi(h, it));
    h->objs[it].v.p = NULL;
    heap_free_object(h, it, gch(h), true);
}

/* Visit the dictionary and the locals. */
static void wdi_traverse(Heap *h, Ref it, VisitFn visit, void *arg)
{
    WeakDictIter *d = wdi(h, it);
    if (d->wvd)
        visit(h, d->wvd, arg);
    if (d->k)
        visit(h, d->k, arg);
    if (d->wr)
        visit(h, d->wr, arg);
    if (d->v)
        visit(h, d->v, arg);
}

/* tp_clear: finish the generator. */
static void wdi_clear(Heap *h, Ref it)
{
    finish(h, it);
}

/* Free the payload (heap teardown). */
static void wdi_release(Heap *h, Ref it)
{
    free(wdi(h, it));
    h->objs[it].v.p = NULL;
}

/* Copy the payload for heap_clone. */
static void wdi_clone(const Heap *src, Heap *dst, Ref it, CloneMap *map)
{
    (void)map;
    dst->objs[it].v.p = clone_memdup(wdi(src, it), sizeof(WeakDictIter));
}

/* sys.getsizeof of the generator, by the function it runs. */
static size_t wdi_sizeof(Heap *h, Ref it)
{
    int mode = wdi(h, it)->mode;
    return mode == WD_ITEMS ? h->prof->weakdict_gen_items_size
           : mode == WD_REFS ? h->prof->weakdict_gen_refs_size
                             : h->prof->weakdict_gen_size;
}

/* repr: <generator object WeakValueDictionary.keys at 0x...>. */
static Ref wdi_repr(Heap *h, Ref it)
{
    static const char *const names[] = {"keys", "values", "items", "itervaluerefs"};
    StrBuf b = {0};
    strbuf_printf(&b, "<generator object WeakValueDictionary.%s at 0x%llx>",
                  names[wdi(h, it)->mode], (unsigned long long)h->objs[it].addr);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* iter(it) is it. */
static Ref wdi_iter(Heap *h, Ref it)
{
    return heap_newref(h, it);
}

const TypeOps weakdictiter_ops = {
    .name = "generator", .gc = 1,
    .sizeof_ = wdi_sizeof, .dealloc = wdi_dealloc, .traverse = wdi_traverse,
    .clear = wdi_clear, .release = wdi_release, .clone = wdi_clone, .repr = wdi_repr,
    .iter = wdi_iter, .iternext = wdi_iternext,
};
