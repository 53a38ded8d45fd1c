/* Type objects: the builtin types (one per kind), the builtin exception
 * classes, and classes created by `class` statements, with their instances. */
#ifndef HS_TYPEOBJECT_H
#define HS_TYPEOBJECT_H

#include "sim/heap.h"

typedef struct TypeData {
    const char *cname;   /* tp_name of a builtin type; NULL for heap types */
    Ref name;            /* __name__ (str), 0 until needed for builtins */
    Ref qualname;        /* __qualname__ (str) or 0 */
    Ref bases;           /* tuple of base classes, or 0 */
    Ref mro;             /* tuple: the MRO, or 0 for builtins (base chain) */
    Ref base;            /* tp_base (borrowed through bases/mro), or 0 for object */
    Ref dict;            /* class namespace (dict), or 0 for builtins */
    Kind inst_kind;      /* kind of the instances */
    unsigned heaptype : 1;     /* created by a class statement */
    unsigned has_dict : 1;     /* instances have a __dict__ */
    unsigned has_weakref : 1;  /* instances can be weakly referenced */
    unsigned has_del : 1;      /* defines __del__ somewhere in the MRO */
    uint32_t nslots;     /* __slots__ entries (excluding __dict__/__weakref__) */
    Ref slot_names;      /* tuple of str, or 0 */
    uint32_t slot_offset;/* index of this class's first slot in the instance */
} TypeData;

/* Return the TypeData of type object T. */
static inline TypeData *type_data(const Heap *h, Ref t)
{
    return (TypeData *)h->objs[t].v.p;
}

/* Make the static type object for a builtin kind or exception. */
Ref type_new_static(Heap *h, const char *cname, Kind inst_kind, Ref base);
/* True when type A is B or a subclass of it. */
bool type_is_subtype(const Heap *h, Ref a, Ref b);
/* Look NAME (a str) up along T's MRO; borrowed reference or 0 (no exception). */
Ref type_lookup(Heap *h, Ref t, Ref name);
/* Look a C-string NAME up along T's MRO; borrowed reference or 0. */
Ref type_lookup_cstr(Heap *h, Ref t, const char *name);
/* Return the type's __name__ as a C string. */
const char *type_cname(const Heap *h, Ref t);

#endif

/* Instance payload: a user class's object.  3.8 keeps attributes in a
 * separate __dict__ object from the first assignment; 3.11+ keep them in
 * the instance ("inline values") until __dict__ is asked for. */
typedef struct InstData {
    Ref dict;            /* materialized __dict__, or 0 */
    Ref *keys, *values;  /* inline attribute values (3.11+), insertion order */
    uint32_t nvalues, capvalues;
    uint32_t nslots;
    Ref slots[];         /* __slots__ values (0 = unset) */
} InstData;

/* Return the InstData of instance I. */
static inline InstData *inst_data(const Heap *h, Ref i) { return (InstData *)h->objs[i].v.p; }

/* Create a class: `class NAME(BASES): NAMESPACE` (type(name, bases, dict)). */
Ref type_new_heap(Heap *h, Ref name, Ref bases, Ref ns, Ref qualname);
/* A new, uninitialised instance of heap type T (object.__new__). */
Ref instance_new(Heap *h, Ref t);
/* The instance's __dict__, materializing it (new reference). */
Ref instance_get_dict(Heap *h, Ref i);

extern const TypeOps type_ops, instance_ops, memberdescr_ops, super_ops,
    notimpl_ops, none_ops, ellipsis_ops;

/* Look up an instance attribute in its own storage; borrowed or 0. */
Ref instance_attr_lookup(Heap *h, Ref i, Ref name);
/* Store (or delete, VALUE 0) an attribute in the instance's own storage. */
int instance_attr_store(Heap *h, Ref i, Ref name, Ref value);
/* The memberdescr slot index, or -1 when V is not one. */
int memberdescr_index(const Heap *h, Ref v);
