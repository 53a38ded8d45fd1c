/* Weak references: weakref.ref objects and the per-object list of them
 * that CPython keeps in tp_weaklistoffset. */
#ifndef HS_WEAKREFOBJECT_H
#define HS_WEAKREFOBJECT_H

#include "sim/heap.h"

/* weakref.ref(obj[, callback]); reuses the basic ref when there is no callback. */
Ref weakref_new(Heap *h, Ref obj, Ref callback);
/* The referent of weakref W (borrowed), or 0 when it died. */
Ref weakref_get(const Heap *h, Ref w);
/* Clear every weakref to OBJ and call their callbacks (PyObject_ClearWeakRefs). */
void weakref_clear_refs(Heap *h, Ref obj);
/* Number of weakrefs to OBJ (weakref.getweakrefcount). */
size_t weakref_count(const Heap *h, Ref obj);
/* Release the referent table. */
void weakref_fini(Heap *h);
/* True when objects of R's type can be weakly referenced. */
bool weakref_supported(const Heap *h, Ref r);

extern const TypeOps weakref_ops;

#endif
