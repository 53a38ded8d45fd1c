/* Weak references: weakref.ref objects (and the KeyedRef subclass), the
 * per-object list of them that CPython keeps in tp_weaklistoffset,
 * weakref.proxy objects (ProxyType, CallableProxyType) and
 * weakref.WeakValueDictionary with its generator-like iterators. */
#ifndef HS_WEAKREFOBJECT_H
#define HS_WEAKREFOBJECT_H

#include <stdbool.h>

#include "sim/heap.h"

/* ---- weakrefs and proxies ---- */

/* Name the weakref types for the profile's version and create KeyedRef
 * (idempotent; every other function here calls it when needed). */
void weakref_init_types(Heap *h);
/* weakref.ref(obj[, callback]); reuses the basic ref when there is no callback. */
Ref weakref_new(Heap *h, Ref obj, Ref callback);
/* weakref.proxy(obj[, callback]): a ProxyType object, or CallableProxyType
 * when OBJ is callable; reuses the basic proxy when there is no callback. */
Ref weakref_proxy_new(Heap *h, Ref obj, Ref callback);
/* weakref.KeyedRef(obj, callback, key): a ref subclass instance with .key. */
Ref weakref_keyed_new(Heap *h, Ref obj, Ref callback, Ref key);
/* True for weakref.ref, proxy and callable-proxy objects (PyWeakref_Check). */
bool weakref_check(const Heap *h, Ref r);
/* The referent of weakref or proxy W (borrowed), or 0 when it died. */
Ref weakref_get(const Heap *h, Ref w);
/* The callback of W (borrowed), or 0. */
Ref weakref_callback(const Heap *h, Ref w);
/* W's cached hash (the referent's, once hash(w) ran), or -1. */
int64_t weakref_cached_hash(const Heap *h, Ref w);
/* The first weakref in OBJ's list (borrowed), or 0. */
Ref weakref_head(Heap *h, Ref obj);
/* The weakref after W in its referent's list (borrowed), or 0. */
Ref weakref_next(const Heap *h, Ref w);
/* Unlink W and mark it dead, keeping its callback (_PyWeakref_ClearRef,
 * for the collector's handle_weakrefs). */
void weakref_clear_ref(Heap *h, Ref w);
/* Clear every weakref to OBJ and call their callbacks (PyObject_ClearWeakRefs). */
void weakref_clear_refs(Heap *h, Ref obj);
/* Number of weakrefs to OBJ (weakref.getweakrefcount). */
size_t weakref_count(const Heap *h, Ref obj);
/* A new list of the weakrefs to OBJ in list order (weakref.getweakrefs). */
Ref weakref_list(Heap *h, Ref obj);
/* The weakref.KeyedRef type object. */
Ref weakref_keyedref_type(Heap *h);
/* Release the referent table. */
void weakref_fini(Heap *h);
/* heap_clone: copy SRC's referent table into DST. */
void weakref_clone_table(const Heap *src, Heap *dst);
/* True when objects of R's type can be weakly referenced. */
bool weakref_supported(const Heap *h, Ref r);

/* ---- WeakValueDictionary ---- */

/* True when R is a WeakValueDictionary. */
bool weakdict_check(const Heap *h, Ref r);
/* WeakValueDictionary(other=(), /, **kw). */
Ref weakdict_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames);
/* The dict key -> KeyedRef behind weak dictionary W (borrowed). */
Ref weakdict_data(const Heap *h, Ref w);

extern const TypeOps weakref_ops, weakproxy_ops, weakcallableproxy_ops,
    weakvaluedict_ops, weakdictiter_ops;

#endif
