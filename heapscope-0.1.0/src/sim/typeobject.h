/* Type objects: the builtin types (one per kind), the builtin exception
 * classes, and classes created by `class` statements, with their instances. */
#ifndef HS_TYPEOBJECT_H
#define HS_TYPEOBJECT_H

#include "sim/dictobject.h"
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
    unsigned managed_dict : 1; /* 3.11+: the dict pointer is in the pre-header */
    unsigned managed_weakref : 1; /* 3.12+: so is the weakref list */
    unsigned has_values : 1;   /* instances get a values array at creation
                                  (3.11/3.12 managed dicts; 3.13 inline values) */
    uint32_t nslots;     /* __slots__ entries (excluding __dict__/__weakref__) */
    Ref slot_names;      /* tuple of str (mangled, sorted: ht_slots), or 0 */
    uint32_t slot_offset;/* index of this class's first slot in the instance */
    uint32_t basicsize;  /* tp_basicsize of a heap type */
    DictKeys *cached_keys; /* ht_cached_keys: keys shared by the instance dicts */
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

/* Instance payload: a user class's object.  Its attributes live in an
 * InstDict (dictobject.h): 3.8 a __dict__ made on first use (split over the
 * class's cached keys), 3.11+ a values array made with the instance (inside
 * the instance's own block in 3.13) until __dict__ is asked for.  SLOTS
 * are the __slots__ members, base classes' first (0 = unset). */
typedef struct InstData {
    InstDict attrs;      /* __dict__ / values */
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
/* True when V is the `__dict__` / `__weakref__` getset descriptor that
 * type_new puts into a class dict (a K_MEMBERDESCR of type getset_descriptor). */
bool getsetdescr_check(const Heap *h, Ref v);
/* The class a member / getset descriptor belongs to (d_type, borrowed). */
Ref memberdescr_class(const Heap *h, Ref v);
/* Read slot SLOT (a memberdescr_index) named NAME of instance I: a new
 * reference, or 0 with the version's AttributeError when it is unset. */
Ref instance_slot_get(Heap *h, Ref i, int slot, Ref name);
/* Set (VALUE != 0) or delete slot SLOT named NAME of instance I; -1 with
 * AttributeError when deleting an unset slot. */
int instance_slot_set(Heap *h, Ref i, int slot, Ref name, Ref value);
/* sys.getsizeof of an instance of heap type T: the GC header and
 * pre-header plus tp_basicsize (also right for exception subclasses). */
size_t type_instance_size(const Heap *h, Ref t);
/* The bytes in front of an instance of T's address: GC header plus the
 * managed dict/weakref pre-header (_PyType_PreHeaderSize). */
size_t type_instance_prefix(const Heap *h, Ref t);

#endif
