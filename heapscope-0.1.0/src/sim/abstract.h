/* Generic operations on simulated objects, dispatching on their kind's
 * TypeOps and, for instances of user classes, on dunder methods (CPython's
 * Objects/abstract.c and Objects/object.c).  All return new references or
 * 0 / -1 with an exception set, and raise CPython's messages. */
#ifndef HS_ABSTRACT_H
#define HS_ABSTRACT_H

#include <stdbool.h>

#include "sim/heap.h"

/* repr(o) as a str object. */
Ref obj_repr(Heap *h, Ref o);
/* str(o) as a str object. */
Ref obj_str(Heap *h, Ref o);
/* Append repr(o) to B as UTF-8; false on error. */
bool obj_repr_into(Heap *h, Ref o, StrBuf *b);
/* Append str(o) to B as UTF-8; false on error. */
bool obj_str_into(Heap *h, Ref o, StrBuf *b);
/* format(o, spec) as a str object (SPEC is a str or 0 for ""). */
Ref obj_format(Heap *h, Ref o, Ref spec);
/* hash(o); -1 with TypeError "unhashable type: 'list'" etc. */
int obj_hash(Heap *h, Ref o, int64_t *out);
/* a OP b as an object (op is CMP_*). */
Ref obj_richcompare(Heap *h, Ref a, Ref b, int op);
/* a OP b as 1/0, -1 on error; identity implies equality for EQ/NE. */
int obj_richcompare_bool(Heap *h, Ref a, Ref b, int op);
/* a OP b for binary operators (OP_*). */
Ref obj_binop(Heap *h, Ref a, Ref b, BinOp op);
/* a OP= b. */
Ref obj_inplace(Heap *h, Ref a, Ref b, BinOp op);
/* -a, +a, ~a. */
Ref obj_unary(Heap *h, Ref a, UnaryOp op);
/* bool(o): 1/0, -1 on error. */
int obj_truth(Heap *h, Ref o);
/* len(o); -1 on error. */
int obj_len(Heap *h, Ref o, size_t *out);
/* o[key]. */
Ref obj_getitem(Heap *h, Ref o, Ref key);
/* o[key] = value (value 0: del o[key]); -1 on error. */
int obj_setitem(Heap *h, Ref o, Ref key, Ref value);
/* item in o: 1/0, -1 on error. */
int obj_contains(Heap *h, Ref o, Ref item);
/* iter(o). */
Ref obj_iter(Heap *h, Ref o);
/* next(it): new reference, or 0 (no exception) when exhausted. */
Ref obj_next(Heap *h, Ref it);
/* getattr(o, name) with name a str. */
Ref obj_getattr(Heap *h, Ref o, Ref name);
/* getattr(o, name) with a C-string name. */
Ref obj_getattr_cstr(Heap *h, Ref o, const char *name);
/* setattr(o, name, value) (value 0 deletes); -1 on error. */
int obj_setattr(Heap *h, Ref o, Ref name, Ref value);
/* Call o(*args, **kw) (vectorcall layout, see CFunc). */
Ref obj_call(Heap *h, Ref o, const Ref *args, size_t nargs, Ref kwnames);
/* isinstance(o, cls) for a class CLS: 1/0. */
int obj_isinstance(Heap *h, Ref o, Ref cls);
/* The index value of o (int or __index__) as int64; -1 on error. */
int obj_as_index(Heap *h, Ref o, int64_t *out);
/* A new list of the items of iterable o. */
Ref obj_to_list(Heap *h, Ref o);
/* A new tuple of the items of iterable o (o itself if already a tuple). */
Ref obj_to_tuple(Heap *h, Ref o);
/* Generic attribute lookup: type MRO (methods bind), then instance dict. */
Ref obj_generic_getattr(Heap *h, Ref o, Ref name);

/* Argument parsing helper for C functions: raise CPython's TypeError when
 * NARGS is outside [MIN, MAX] or keywords were given to FNAME. */
bool arg_check(Heap *h, const char *fname, size_t nargs, Ref kwnames,
               size_t min, size_t max);

#endif
