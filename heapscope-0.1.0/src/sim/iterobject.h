/* Iterator objects that wrap other objects: the sequence iterator that
 * iter() makes for classes with only __getitem__ (K_SEQITER), the objects
 * that enumerate(), zip(), map(), filter() and reversed() return, and the
 * machinery the sequence iterators share.
 *
 * Each holds exactly the references CPython's struct holds and has its
 * size: seqiter/reversed/map/filter 48 bytes, enumerate 64 (3.8) or 72,
 * zip 56 (3.8) or 64 (GC header included).  enumerate and zip keep a
 * result tuple that they recycle while nobody else holds it (so the
 * (i, x) tuples of one loop share an id).
 *
 * The "simple" iterators (list, reversed list, tuple, seqiter, reversed)
 * keep their sequence in Obj.aux (0 once released) and their position in
 * Obj.v.i; iter_seq_* are their shared slots. */
#ifndef HS_ITEROBJECT_H
#define HS_ITEROBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/heap.h"

/* The docstring of every __length_hint__ method. */
#define ITER_LENGTH_HINT_DOC "Private method returning an estimate of len(list(it))."

/* ---- simple iterators: a sequence reference and an index ---- */

/* The sequence an iterator holds (borrowed), or 0 once released. */
static inline Ref iter_seq(const Heap *h, Ref it) { return (Ref)h->objs[it].aux; }
/* The iterator's position. */
static inline int64_t iter_index(const Heap *h, Ref it) { return h->objs[it].v.i; }
/* A new GC-tracked iterator of KIND over SEQ (a reference is taken),
 * starting at INDEX: PyObject_GC_New + _PyObject_GC_TRACK. */
Ref iter_seq_new(Heap *h, Kind kind, Ref seq, int64_t index);
/* Drop the iterator's sequence (exhaustion). */
void iter_seq_release(Heap *h, Ref it);
/* dealloc, traverse and sizeof slots of the simple iterators. */
void iter_seq_dealloc(Heap *h, Ref it);
void iter_seq_traverse(Heap *h, Ref it, VisitFn visit, void *arg);
size_t iter_seq_sizeof(Heap *h, Ref it);
/* iter(it) of any iterator: the iterator itself. */
Ref iter_self(Heap *h, Ref it);

/* ---- the objects behind the builtins ---- */

/* PySeqIter_New: iterate SEQ through __getitem__(0), (1), ... */
Ref seqiter_new(Heap *h, Ref seq);

/* PyObject_LengthHint: len(o) when O has a length, else o.__length_hint__()
 * (called through a bound method, as CPython does), else DFLT; 0, or -1
 * with an exception. */
int iter_length_hint(Heap *h, Ref o, size_t dflt, size_t *out);
/* True when O's type provides method NAME (a builtin kind's MethodDef, or
 * a user class's attribute); *IS_NONE tells whether it is set to None. */
bool iter_has_method(Heap *h, Ref o, const char *name, bool *is_none);
/* _PyObject_HasLen: O's type defines a length (sq_length/mp_length). */
bool iter_has_len(Heap *h, Ref o);
/* PySequence_Check: O supports integer indexing (not a dict). */
bool iter_is_sequence(Heap *h, Ref o);

/* ---- argument checks shared by the sequence types (CPython's messages) ---- */

/* _PyArg_NoKwnames: "NAME() takes no keyword arguments". */
bool seqarg_no_kwnames(Heap *h, const char *name, Ref kwnames);
/* _PyArg_CheckPositional: "NAME expected at least 1 argument, got 0". */
bool seqarg_positional(Heap *h, const char *name, size_t nargs, size_t min, size_t max);
/* Argument Clinic's unexpected keyword NAME (a str) of FNAME: "'x' is an
 * invalid keyword argument for sort()" (3.13: "sort() got an unexpected
 * keyword argument 'x'"); returns 0. */
Ref seqarg_bad_keyword(Heap *h, const char *fname, Ref name);
/* METH_O method TYPE.NAME: "list.append() takes exactly one argument (0 given)"
 * ("append() ..." before 3.10). */
bool seqarg_meth_o(Heap *h, const char *type, const char *name, size_t nargs,
                   Ref kwnames);
/* METH_NOARGS method TYPE.NAME: "list.copy() takes no arguments (1 given)". */
bool seqarg_meth_noargs(Heap *h, const char *type, const char *name, size_t nargs,
                        Ref kwnames);

extern const TypeOps seqiter_ops, enumerate_ops, zip_ops, map_ops, filter_ops,
    reversed_ops;

#endif
