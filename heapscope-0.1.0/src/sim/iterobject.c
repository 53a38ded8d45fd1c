/* Iterator objects over other objects (CPython's Objects/iterobject.c,
 * Objects/enumobject.c and the map/filter/zip objects of bltinmodule.c),
 * and the pieces the sequence modules share: the simple-iterator slots,
 * PyObject_LengthHint and CPython's argument-count messages.
 *
 * Creation follows CPython's order of allocations, which decides ids:
 *   enumerate(x, start)  object, index conversion, iter(x), result (None, None)
 *   zip(a, b)            iterator tuple, iter(a), iter(b), result tuple, object
 *   map(f, a, b)         iterator tuple, iter(a), iter(b), object
 *   filter(f, a)         iter(a), object
 *   reversed(s)          s.__reversed__() (a bound method is made and
 *                        dropped), else the object
 * and deallocation releases references in CPython's order (enumerate: the
 * iterator, the result tuple, the long index; zip: iterators, result; map:
 * iterators, function; filter: function, iterator). */
#include "sim/iterobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* Bytes of GC header in front of an iterator. */
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* A new GC object of KIND (type TYPE, NBYTES requested), tracked, with
 * payload P (PyType_GenericAlloc). */
static Ref alloc_tracked(Heap *h, Kind kind, Ref type, size_t nbytes, void *p)
{
    Ref r = heap_alloc_object(h, kind, type, nbytes, gch(h), true);
    if (!r) {
        free(p);
        return NULLREF;
    }
    h->objs[r].v.p = p;
    gc_track(h, r);
    return r;
}

/* The type object of builtin KIND. */
static Ref kind_type(const Heap *h, Kind kind) { return h->type_of_kind[kind]; }

/* ---- simple iterators ---- */

/* A new GC-tracked iterator of KIND over SEQ (a reference is taken),
 * starting at INDEX: PyObject_GC_New + _PyObject_GC_TRACK. */
Ref iter_seq_new(Heap *h, Kind kind, Ref seq, int64_t index)
{
    Ref it = heap_alloc_object(h, kind, kind_type(h, kind), h->prof->iter_size, gch(h), true);
    if (!it)
        return NULLREF;
    h->objs[it].aux = heap_newref(h, seq);
    h->objs[it].v.i = index;
    gc_track(h, it);
    return it;
}

/* Drop the iterator's sequence (exhaustion). */
void iter_seq_release(Heap *h, Ref it)
{
    Ref seq = (Ref)h->objs[it].aux;
    h->objs[it].aux = 0;
    heap_decref(h, seq);
}

/* dealloc of the simple iterators: drop the sequence, free the block. */
void iter_seq_dealloc(Heap *h, Ref it)
{
    iter_seq_release(h, it);
    heap_free_object(h, it, gch(h), true);
}

/* traverse of the simple iterators: the sequence, while held. */
void iter_seq_traverse(Heap *h, Ref it, VisitFn visit, void *arg)
{
    Ref seq = (Ref)h->objs[it].aux;
    if (seq)
        visit(h, seq, arg);
}

/* sys.getsizeof of the simple iterators: 48. */
size_t iter_seq_sizeof(Heap *h, Ref it)
{
    (void)it;
    return h->prof->iter_size;
}

/* iter(it) of any iterator: the iterator itself. */
Ref iter_self(Heap *h, Ref it)
{
    return heap_newref(h, it);
}

/* ---- type queries ---- */

/* True when R's class was made by a class statement. */
static bool heap_type_of(const Heap *h, Ref r)
{
    Ref t = heap_type(h, r);
    return heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype;
}

/* True when O's type provides method NAME (a builtin kind's MethodDef, or
 * a user class's attribute); *IS_NONE tells whether it is set to None. */
bool iter_has_method(Heap *h, Ref o, const char *name, bool *is_none)
{
    *is_none = false;
    if (heap_type_of(h, o)) {
        Ref v = type_lookup_cstr(h, heap_type(h, o), name);
        if (v) {
            *is_none = v == h->none;
            return true;
        }
        if (heap_kind(h, o) == K_INSTANCE)
            return false;
    }
    for (const MethodDef *m = heap_ops(h, o)->methods; m && m->name; m++)
        if (strcmp(m->name, name) == 0)
            return true;
    return false;
}

/* _PyObject_HasLen: O's type has sq_length or mp_length. */
bool iter_has_len(Heap *h, Ref o)
{
    if (heap_type_of(h, o) && type_lookup_cstr(h, heap_type(h, o), "__len__"))
        return true;
    return heap_kind(h, o) != K_INSTANCE && heap_ops(h, o)->len != NULL;
}

/* PySequence_Check: O supports integer indexing (not a dict). */
bool iter_is_sequence(Heap *h, Ref o)
{
    switch (heap_kind(h, o)) {
    case K_LIST: case K_TUPLE: case K_STR: case K_BYTES: case K_RANGE:
        return true;
    case K_DICT:
        return false;
    default:
        return heap_type_of(h, o) && type_lookup_cstr(h, heap_type(h, o), "__getitem__");
    }
}

/* Call o.NAME() through a bound method, as _PyObject_LookupSpecial + call. */
static Ref call_special(Heap *h, Ref o, const char *name)
{
    Ref m = obj_getattr_cstr(h, o, name);
    if (!m)
        return NULLREF;
    Ref r = obj_call(h, m, NULL, 0, NULLREF);
    heap_decref(h, m);
    return r;
}

/* Interpret the result R (stolen) of __length_hint__. */
static int hint_result(Heap *h, Ref r, size_t dflt, size_t *out)
{
    if (r == h->notimpl) {
        heap_decref(h, r);
        *out = dflt;
        return 0;
    }
    if (!int_check(h, r)) {
        heap_raise(h, EXC_TypeError, "__length_hint__ must be an integer, not %s",
                   heap_type_name(h, r));
        heap_decref(h, r);
        return -1;
    }
    int64_t v;
    bool fits = int_as_i64(h, r, &v);
    heap_decref(h, r);
    if (!fits) {
        heap_raise(h, EXC_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    if (v < 0) {
        heap_raise(h, EXC_ValueError, "__length_hint__() should return >= 0");
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

/* PyObject_LengthHint: len(o), else o.__length_hint__(), else DFLT. */
int iter_length_hint(Heap *h, Ref o, size_t dflt, size_t *out)
{
    if (iter_has_len(h, o)) {
        if (obj_len(h, o, out) == 0)
            return 0;
        if (!heap_exc_matches(h, EXC_TypeError))
            return -1;
        heap_clear_exc(h);
    }
    bool is_none;
    if (!iter_has_method(h, o, "__length_hint__", &is_none)) {
        *out = dflt;
        return 0;
    }
    Ref r = call_special(h, o, "__length_hint__");
    if (!r) {
        if (!heap_exc_matches(h, EXC_TypeError))
            return -1;
        heap_clear_exc(h);
        *out = dflt;
        return 0;
    }
    return hint_result(h, r, dflt, out);
}

/* ---- argument checks ---- */

/* _PyArg_NoKwnames: "NAME() takes no keyword arguments". */
bool seqarg_no_kwnames(Heap *h, const char *name, Ref kwnames)
{
    if (kwnames && tuple_size(h, kwnames)) {
        heap_raise(h, EXC_TypeError, "%s() takes no keyword arguments", name);
        return false;
    }
    return true;
}

/* _PyArg_CheckPositional: "NAME expected at least 1 argument, got 0". */
bool seqarg_positional(Heap *h, const char *name, size_t nargs, size_t min, size_t max)
{
    if (nargs < min) {
        heap_raise(h, EXC_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return false;
    }
    if (nargs > max) {
        heap_raise(h, EXC_TypeError, "%s expected %s%zu argument%s, got %zu", name,
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return false;
    }
    return true;
}

/* An unexpected keyword argument NAME of FNAME (3.13 says so in words). */
Ref seqarg_bad_keyword(Heap *h, const char *fname, Ref name)
{
    if (h->prof->clinic_kw_errors_313)
        return heap_raise(h, EXC_TypeError, "%s() got an unexpected keyword argument '%s'",
                          fname, str_utf8(h, name, NULL));
    return heap_raise(h, EXC_TypeError, "'%s' is an invalid keyword argument for %s()",
                      str_utf8(h, name, NULL), fname);
}

/* "list." before a method name in 3.10+ messages, "" before. */
static const char *qual(const Heap *h, const char *type)
{
    return h->prof->method_qualname_errors ? type : "";
}

/* METH_O method TYPE.NAME: "list.append() takes exactly one argument (0 given)". */
bool seqarg_meth_o(Heap *h, const char *type, const char *name, size_t nargs, Ref kwnames)
{
    const char *dot = h->prof->method_qualname_errors ? "." : "";
    if (kwnames && tuple_size(h, kwnames)) {
        heap_raise(h, EXC_TypeError, "%s%s%s() takes no keyword arguments", qual(h, type),
                   dot, name);
        return false;
    }
    if (nargs != 1) {
        heap_raise(h, EXC_TypeError, "%s%s%s() takes exactly one argument (%zu given)",
                   qual(h, type), dot, name, nargs);
        return false;
    }
    return true;
}

/* METH_NOARGS method TYPE.NAME: "list.copy() takes no arguments (1 given)". */
bool seqarg_meth_noargs(Heap *h, const char *type, const char *name, size_t nargs,
                        Ref kwnames)
{
    const char *dot = h->prof->method_qualname_errors ? "." : "";
    if (kwnames && tuple_size(h, kwnames)) {
        heap_raise(h, EXC_TypeError, "%s%s%s() takes no keyword arguments", qual(h, type),
                   dot, name);
        return false;
    }
    if (nargs != 0) {
        heap_raise(h, EXC_TypeError, "%s%s%s() takes no arguments (%zu given)", qual(h, type),
                   dot, name, nargs);
        return false;
    }
    return true;
}

/* ---- seqiter: iter() of a class with only __getitem__ ---- */

/* PySeqIter_New: iterate SEQ through __getitem__(0), (1), ... */
Ref seqiter_new(Heap *h, Ref seq)
{
    return iter_seq_new(h, K_SEQITER, seq, 0);
}

/* PySequence_GetItem(seq, i). */
static Ref sequence_item(Heap *h, Ref seq, int64_t i)
{
    if (tuple_check(h, seq) && !heap_type_of(h, seq)) {
        if ((uint64_t)i >= tuple_size(h, seq))
            return heap_raise(h, EXC_IndexError, "tuple index out of range");
        return heap_newref(h, tuple_items(h, seq)[i]);
    }
    Ref key = int_from_i64(h, i);
    if (!key)
        return NULLREF;
    Ref r = obj_getitem(h, seq, key);
    heap_decref(h, key);
    return r;
}

/* True when the pending exception ends an iteration (IndexError or
 * StopIteration), which is then cleared. */
static bool clear_end_of_sequence(Heap *h)
{
    if (heap_exc_matches(h, EXC_IndexError) || heap_exc_matches(h, EXC_StopIteration)) {
        heap_clear_exc(h);
        return true;
    }
    return false;
}

/* iter_iternext: seq[index++] until IndexError, then release seq. */
static Ref seqiter_next(Heap *h, Ref it)
{
    Ref seq = iter_seq(h, it);
    if (!seq)
        return NULLREF;
    int64_t i = iter_index(h, it);
    if (i == INT64_MAX)
        return heap_raise(h, EXC_OverflowError, "iter index too large");
    Ref r = sequence_item(h, seq, i);
    if (r) {
        h->objs[it].v.i = i + 1;
        return r;
    }
    if (clear_end_of_sequence(h))
        iter_seq_release(h, it);
    return NULLREF;
}

/* iterator.__length_hint__(): len(seq) - index, NotImplemented without a len. */
static Ref seqiter_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs,
                               Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "iterator", "__length_hint__", nargs, kwnames))
        return NULLREF;
    Ref seq = iter_seq(h, self);
    if (!seq)
        return int_from_i64(h, 0);
    if (!iter_has_len(h, seq))
        return heap_newref(h, h->notimpl);
    size_t n;
    if (obj_len(h, seq, &n) < 0)
        return NULLREF;
    int64_t left = (int64_t)n - iter_index(h, self);
    return int_from_i64(h, left < 0 ? 0 : left);
}

static const MethodDef seqiter_methods[] = {
    {"__length_hint__", seqiter_length_hint, ITER_LENGTH_HINT_DOC},
    {NULL, NULL, NULL},
};

const TypeOps seqiter_ops = {
    .name = "iterator", .gc = 1,
    .sizeof_ = iter_seq_sizeof, .dealloc = iter_seq_dealloc, .traverse = iter_seq_traverse,
    .iter = iter_self, .iternext = seqiter_next, .methods = seqiter_methods,
};

/* ---- reversed ---- */

/* reversed(seq): seq.__reversed__(), or a reversed object over a sequence. */
static Ref reversed_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_no_kwnames(h, "reversed", kwnames)
        || !seqarg_positional(h, "reversed", nargs, 1, 1))
        return NULLREF;
    Ref seq = args[0];
    bool is_none;
    bool has = iter_has_method(h, seq, "__reversed__", &is_none);
    if (has && !is_none)
        return call_special(h, seq, "__reversed__");
    if (is_none || !iter_is_sequence(h, seq))
        return heap_raise(h, EXC_TypeError, "'%s' object is not reversible",
                          heap_type_name(h, seq));
    size_t n;
    if (obj_len(h, seq, &n) < 0)
        return NULLREF;
    Ref ro = heap_alloc_object(h, K_REVERSED, type, h->prof->iter_size, gch(h), true);
    if (!ro)
        return NULLREF;
    h->objs[ro].aux = heap_newref(h, seq);
    h->objs[ro].v.i = (int64_t)n - 1;
    gc_track(h, ro);
    return ro;
}

/* reversed_next: seq[index--] down to 0, then release seq. */
static Ref reversed_next(Heap *h, Ref ro)
{
    int64_t i = iter_index(h, ro);
    Ref seq = iter_seq(h, ro);
    if (i >= 0 && seq) {
        Ref r = sequence_item(h, seq, i);
        if (r) {
            h->objs[ro].v.i = i - 1;
            return r;
        }
        if (!clear_end_of_sequence(h))
            return NULLREF;
    }
    h->objs[ro].v.i = -1;
    iter_seq_release(h, ro);
    return NULLREF;
}

/* reversed.__length_hint__(). */
static Ref reversed_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs,
                                Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "reversed", "__length_hint__", nargs, kwnames))
        return NULLREF;
    Ref seq = iter_seq(h, self);
    if (!seq)
        return int_from_i64(h, 0);
    size_t n;
    if (obj_len(h, seq, &n) < 0)
        return NULLREF;
    int64_t position = iter_index(h, self) + 1;
    return int_from_i64(h, (int64_t)n < position ? 0 : position);
}

static const MethodDef reversed_methods[] = {
    {"__length_hint__", reversed_length_hint, ITER_LENGTH_HINT_DOC},
    {NULL, NULL, NULL},
};

const TypeOps reversed_ops = {
    .name = "reversed", .gc = 1, .basetype = 1,
    .sizeof_ = iter_seq_sizeof, .dealloc = iter_seq_dealloc, .traverse = iter_seq_traverse,
    .iter = iter_self, .iternext = reversed_next, .new_ = reversed_type_new,
    .methods = reversed_methods,
};

/* ---- enumerate ---- */

typedef struct EnumData {
    int64_t index;       /* en_index */
    Ref sit;             /* en_sit: the underlying iterator */
    Ref result;          /* en_result: the recycled (index, item) tuple */
    Ref longindex;       /* en_longindex: the index once past PY_SSIZE_T_MAX */
} EnumData;

/* The EnumData of enumerate object E. */
static EnumData *ed(const Heap *h, Ref e) { return (EnumData *)h->objs[e].v.p; }

/* True when KWNAMES[I] is NAME. */
static bool kw_is(Heap *h, Ref kwnames, size_t i, const char *name)
{
    return str_eq_cstr(h, tuple_items(h, kwnames)[i], name);
}

/* Sort enumerate's arguments into ITERABLE and START (0 when absent). */
static bool enum_args(Heap *h, const Ref *args, size_t nargs, Ref kwnames, Ref *iterable,
                      Ref *start)
{
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    *iterable = nargs > 0 ? args[0] : NULLREF;
    *start = nargs > 1 ? args[1] : NULLREF;
    if (nargs + nkw > 2) {
        heap_raise(h, EXC_TypeError, "enumerate() takes at most 2 arguments (%zu given)",
                   nargs + nkw);
        return false;
    }
    for (size_t i = 0; i < nkw; i++) {
        Ref v = args[nargs + i];
        if (kw_is(h, kwnames, i, "iterable") && !*iterable)
            *iterable = v;
        else if (kw_is(h, kwnames, i, "start") && !*start)
            *start = v;
        else {
            heap_raise(h, EXC_TypeError, "'%s' is an invalid keyword argument for enumerate()",
                       str_utf8(h, tuple_items(h, kwnames)[i], NULL));
            return false;
        }
    }
    if (!*iterable) {
        heap_raise(h, EXC_TypeError, "enumerate() missing required argument 'iterable'%s",
                   h->prof->clinic_missing_pos ? " (pos 1)" : "");
        return false;
    }
    return true;
}

/* Set E's index from START (converted with PyNumber_Index). */
static int enum_set_start(Heap *h, Ref e, Ref start)
{
    if (!start)
        return 0;
    Ref s = slice_number_index(h, start);
    if (!s)
        return -1;
    if (int_as_i64(h, s, &ed(h, e)->index)) {
        heap_decref(h, s);
    } else {
        ed(h, e)->index = INT64_MAX;
        ed(h, e)->longindex = s;
    }
    return 0;
}

/* enumerate(iterable, start=0). */
static Ref enumerate_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    Ref iterable, start;
    if (!enum_args(h, args, nargs, kwnames, &iterable, &start))
        return NULLREF;
    Ref e = alloc_tracked(h, K_ENUMERATE, type, h->prof->enumerate_size,
                          xcalloc(1, sizeof(EnumData)));
    if (!e)
        return NULLREF;
    if (enum_set_start(h, e, start) < 0 || !(ed(h, e)->sit = obj_iter(h, iterable))
        || !(ed(h, e)->result = tuple_pack(h, 2, h->none, h->none))) {
        heap_decref(h, e);
        return NULLREF;
    }
    return e;
}

/* Put INDEX and ITEM (both stolen) into the recycled result tuple, or a
 * new one when someone still holds the old one. */
static Ref enum_result(Heap *h, Ref e, Ref index, Ref item)
{
    Ref result = ed(h, e)->result;
    if (heap_obj(h, result)->refcnt == 1) {
        heap_incref(h, result);
        Ref *items = tuple_items(h, result);
        Ref old_index = items[0], old_item = items[1];
        items[0] = index;
        items[1] = item;
        heap_decref(h, old_index);
        heap_decref(h, old_item);
        if (!gc_is_tracked(h, result))     /* bpo-42536 */
            gc_track(h, result);
        return result;
    }
    result = tuple_new(h, 2);
    if (!result) {
        heap_decref(h, index);
        heap_decref(h, item);
        return NULLREF;
    }
    tuple_set_item(h, result, 0, index);
    tuple_set_item(h, result, 1, item);
    return result;
}

/* enum_next_long: the index as an int object past PY_SSIZE_T_MAX. */
static Ref enum_next_index_long(Heap *h, Ref e)
{
    EnumData *d = ed(h, e);
    if (!d->longindex && !(d->longindex = int_from_i64(h, INT64_MAX)))
        return NULLREF;
    Ref next_index = d->longindex;
    Ref one = int_from_i64(h, 1);
    Ref stepped_up = obj_binop(h, next_index, one, OP_ADD);
    heap_decref(h, one);
    if (!stepped_up)
        return NULLREF;
    ed(h, e)->longindex = stepped_up;
    return next_index;
}

/* enum_next: (index, next item). */
static Ref enumerate_next(Heap *h, Ref e)
{
    Ref item = obj_next(h, ed(h, e)->sit);
    if (!item)
        return NULLREF;
    Ref index;
    if (ed(h, e)->index == INT64_MAX) {
        index = enum_next_index_long(h, e);
    } else {
        index = int_from_i64(h, ed(h, e)->index);
        if (index)
            ed(h, e)->index++;
    }
    if (!index) {
        heap_decref(h, item);
        return NULLREF;
    }
    return enum_result(h, e, index, item);
}

/* enum_dealloc: the iterator, the result, the long index. */
static void enumerate_dealloc(Heap *h, Ref e)
{
    EnumData d = *ed(h, e);
    free(ed(h, e));
    h->objs[e].v.p = NULL;
    heap_decref(h, d.sit);
    heap_decref(h, d.result);
    heap_decref(h, d.longindex);
    heap_free_object(h, e, gch(h), true);
}

/* enum_traverse. */
static void enumerate_traverse(Heap *h, Ref e, VisitFn visit, void *arg)
{
    EnumData *d = ed(h, e);
    Ref refs[3] = {d->sit, d->result, d->longindex};
    for (int i = 0; i < 3; i++)
        if (refs[i])
            visit(h, refs[i], arg);
}

/* Free a host payload (heap teardown). */
static void payload_release(Heap *h, Ref r)
{
    free(h->objs[r].v.p);
    h->objs[r].v.p = NULL;
}

/* Copy an enumerate object's payload for heap_clone. */
static void enumerate_clone(const Heap *src, Heap *dst, Ref e, CloneMap *map)
{
    (void)map;
    dst->objs[e].v.p = clone_memdup(ed(src, e), sizeof(EnumData));
}

/* sys.getsizeof(enumerate(x)): 64 (3.8) or 72. */
static size_t enumerate_sizeof(Heap *h, Ref e)
{
    (void)e;
    return h->prof->enumerate_size;
}

const TypeOps enumerate_ops = {
    .name = "enumerate", .gc = 1, .basetype = 1,
    .sizeof_ = enumerate_sizeof, .dealloc = enumerate_dealloc,
    .traverse = enumerate_traverse, .release = payload_release, .clone = enumerate_clone,
    .iter = iter_self, .iternext = enumerate_next, .new_ = enumerate_type_new,
};

/* ---- zip ---- */

typedef struct ZipData {
    size_t tuplesize;
    Ref ittuple;         /* tuple of the iterators */
    Ref result;          /* the recycled result tuple */
    int strict;
} ZipData;

/* The ZipData of zip object Z. */
static ZipData *zd(const Heap *h, Ref z) { return (ZipData *)h->objs[z].v.p; }

/* zip's keyword arguments: strict=bool in 3.10+, none before. */
static int zip_kwargs(Heap *h, const Ref *kwvalues, Ref kwnames, int *strict)
{
    *strict = 0;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (nkw && !h->prof->zip_strict)
        return seqarg_no_kwnames(h, "zip", kwnames) ? 0 : -1;
    for (size_t i = 0; i < nkw; i++) {
        if (!kw_is(h, kwnames, i, "strict")) {
            seqarg_bad_keyword(h, "zip", tuple_items(h, kwnames)[i]);
            return -1;
        }
        if ((*strict = obj_truth(h, kwvalues[i])) < 0)
            return -1;
    }
    return 0;
}

/* A tuple of iter(a) for each of the N iterables ARGS. */
static Ref iterators_of(Heap *h, const Ref *args, size_t n)
{
    Ref t = tuple_new(h, n);
    for (size_t i = 0; t && i < n; i++) {
        Ref it = obj_iter(h, args[i]);
        if (!it)
            heap_setref(h, &t, NULLREF);
        else
            tuple_set_item(h, t, i, it);
    }
    return t;
}

/* zip(*iterables, strict=False). */
static Ref zip_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    int strict;
    if (zip_kwargs(h, args + nargs, kwnames, &strict) < 0)
        return NULLREF;
    Ref ittuple = iterators_of(h, args, nargs);
    if (!ittuple)
        return NULLREF;
    Ref result = tuple_new(h, nargs);
    for (size_t i = 0; result && i < nargs; i++)
        tuple_set_item(h, result, i, heap_newref(h, h->none));
    ZipData *d = xcalloc(1, sizeof *d);
    d->tuplesize = nargs;
    d->strict = strict;
    Ref z = result ? alloc_tracked(h, K_ZIP, type, h->prof->zip_size, d) : NULLREF;
    if (!z) {
        if (!result)
            free(d);
        heap_decref(h, ittuple);
        heap_decref(h, result);
        return NULLREF;
    }
    d->ittuple = ittuple;
    d->result = result;
    return z;
}

/* The ValueError of zip(strict=True) when iterator I (1-based I + 1) ran
 * out first (SHORTER) or had items left. */
static Ref zip_strict_error(Heap *h, size_t i, bool shorter)
{
    const char *plural = i == 1 ? " " : "s 1-";
    return heap_raise(h, EXC_ValueError, "zip() argument %zu is %s than argument%s%zu",
                      i + 1, shorter ? "shorter" : "longer", plural, i);
}

/* After iterator I ran out in strict mode: check that all ended together. */
static Ref zip_check_strict(Heap *h, Ref z, size_t i)
{
    if (h->exc)
        return NULLREF;
    if (i)
        return zip_strict_error(h, i, true);
    ZipData *d = zd(h, z);
    for (i = 1; i < d->tuplesize; i++) {
        Ref item = obj_next(h, tuple_items(h, d->ittuple)[i]);
        if (item) {
            heap_decref(h, item);
            return zip_strict_error(h, i, false);
        }
        if (h->exc)
            return NULLREF;
    }
    return NULLREF;
}

/* zip_next: one item of each iterator, in the recycled tuple when free. */
static Ref zip_next(Heap *h, Ref z)
{
    ZipData *d = zd(h, z);
    size_t n = d->tuplesize;
    if (n == 0)
        return NULLREF;
    Ref result = d->result;
    bool reuse = heap_obj(h, result)->refcnt == 1;
    if (reuse)
        heap_incref(h, result);
    else if (!(result = tuple_new(h, n)))
        return NULLREF;
    for (size_t i = 0; i < n; i++) {
        Ref item = obj_next(h, tuple_items(h, zd(h, z)->ittuple)[i]);
        if (!item) {
            heap_decref(h, result);
            return zd(h, z)->strict ? zip_check_strict(h, z, i) : NULLREF;
        }
        tuple_set_item(h, result, i, item);
    }
    if (reuse && !gc_is_tracked(h, result))   /* bpo-42536 */
        gc_track(h, result);
    return result;
}

/* zip_dealloc: the iterators, then the result. */
static void zip_dealloc(Heap *h, Ref z)
{
    ZipData d = *zd(h, z);
    free(zd(h, z));
    h->objs[z].v.p = NULL;
    heap_decref(h, d.ittuple);
    heap_decref(h, d.result);
    heap_free_object(h, z, gch(h), true);
}

/* zip_traverse. */
static void zip_traverse(Heap *h, Ref z, VisitFn visit, void *arg)
{
    ZipData *d = zd(h, z);
    if (d->ittuple)
        visit(h, d->ittuple, arg);
    if (d->result)
        visit(h, d->result, arg);
}

/* Copy a zip object's payload for heap_clone. */
static void zip_clone(const Heap *src, Heap *dst, Ref z, CloneMap *map)
{
    (void)map;
    dst->objs[z].v.p = clone_memdup(zd(src, z), sizeof(ZipData));
}

/* sys.getsizeof(zip(x)): 56 (3.8) or 64. */
static size_t zip_sizeof(Heap *h, Ref z)
{
    (void)z;
    return h->prof->zip_size;
}

const TypeOps zip_ops = {
    .name = "zip", .gc = 1, .basetype = 1,
    .sizeof_ = zip_sizeof, .dealloc = zip_dealloc, .traverse = zip_traverse,
    .release = payload_release, .clone = zip_clone, .iter = iter_self, .iternext = zip_next,
    .new_ = zip_type_new,
};

/* ---- map and filter: two references each ---- */

typedef struct PairData {
    Ref a, b;            /* map: iters, func; filter: func, it */
} PairData;

/* The PairData of map or filter object O. */
static PairData *pd(const Heap *h, Ref o) { return (PairData *)h->objs[o].v.p; }

/* Copy a map or filter object's payload for heap_clone. */
static void pair_clone(const Heap *src, Heap *dst, Ref o, CloneMap *map)
{
    (void)map;
    dst->objs[o].v.p = clone_memdup(pd(src, o), sizeof(PairData));
}

/* A new map/filter object of KIND holding A and B (stolen). */
static Ref pair_new(Heap *h, Kind kind, Ref type, Ref a, Ref b)
{
    PairData *d = xmalloc(sizeof *d);
    *d = (PairData){0, 0};
    Ref o = alloc_tracked(h, kind, type, gch(h) + 16 + 2 * 8, d);
    if (!o) {
        heap_decref(h, a);
        heap_decref(h, b);
        return NULLREF;
    }
    d->a = a;
    d->b = b;
    return o;
}

/* Deallocate a map/filter: its first reference, then its second. */
static void pair_dealloc(Heap *h, Ref o)
{
    PairData d = *pd(h, o);
    free(pd(h, o));
    h->objs[o].v.p = NULL;
    heap_decref(h, d.a);
    heap_decref(h, d.b);
    heap_free_object(h, o, gch(h), true);
}

/* map_traverse: the iterators, then the function. */
static void pair_traverse(Heap *h, Ref o, VisitFn visit, void *arg)
{
    if (pd(h, o)->a)
        visit(h, pd(h, o)->a, arg);
    if (pd(h, o)->b)
        visit(h, pd(h, o)->b, arg);
}

/* sys.getsizeof(map/filter): 48. */
static size_t pair_sizeof(Heap *h, Ref o)
{
    (void)o;
    return gch(h) + 16 + 2 * 8;
}

/* map(func, *iterables). */
static Ref map_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (type == kind_type(h, K_MAP) && !seqarg_no_kwnames(h, "map", kwnames))
        return NULLREF;
    if (nargs < 2)
        return heap_raise(h, EXC_TypeError, "map() must have at least two arguments.");
    Ref iters = iterators_of(h, args + 1, nargs - 1);
    if (!iters)
        return NULLREF;
    return pair_new(h, K_MAP, type, iters, heap_newref(h, args[0]));
}

/* map_next: func(next(it1), next(it2), ...). */
static Ref map_next(Heap *h, Ref m)
{
    Ref iters = pd(h, m)->a;
    size_t n = tuple_size(h, iters), got = 0;
    Ref small[8];
    Ref *stack = n <= 8 ? small : xmalloc(n * sizeof(Ref));
    Ref result = NULLREF;
    for (; got < n; got++) {
        Ref v = obj_next(h, tuple_items(h, iters)[got]);
        if (!v)
            break;
        stack[got] = v;
    }
    if (got == n)
        result = obj_call(h, pd(h, m)->b, stack, n, NULLREF);
    for (size_t i = 0; i < got; i++)
        heap_decref(h, stack[i]);
    if (stack != small)
        free(stack);
    return result;
}

const TypeOps map_ops = {
    .name = "map", .gc = 1, .basetype = 1,
    .sizeof_ = pair_sizeof, .dealloc = pair_dealloc, .traverse = pair_traverse,
    .release = payload_release, .clone = pair_clone, .iter = iter_self, .iternext = map_next,
    .new_ = map_type_new,
};

/* filter(function or None, iterable). */
static Ref filter_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if ((type == kind_type(h, K_FILTER) && !seqarg_no_kwnames(h, "filter", kwnames))
        || !seqarg_positional(h, "filter", nargs, 2, 2))
        return NULLREF;
    Ref it = obj_iter(h, args[1]);
    if (!it)
        return NULLREF;
    return pair_new(h, K_FILTER, type, heap_newref(h, args[0]), it);
}

/* filter_next: the next item for which func(item) (or item) is true. */
static Ref filter_next(Heap *h, Ref f)
{
    Ref func = pd(h, f)->a;
    bool checktrue = func == h->none || func == kind_type(h, K_BOOL);
    for (;;) {
        Ref item = obj_next(h, pd(h, f)->b);
        if (!item)
            return NULLREF;
        int ok;
        if (checktrue) {
            ok = obj_truth(h, item);
        } else {
            Ref good = obj_call(h, func, &item, 1, NULLREF);
            if (!good) {
                heap_decref(h, item);
                return NULLREF;
            }
            ok = obj_truth(h, good);
            heap_decref(h, good);
        }
        if (ok > 0)
            return item;
        heap_decref(h, item);
        if (ok < 0)
            return NULLREF;
    }
}

/* filter_traverse: the iterator, then the function. */
static void filter_traverse(Heap *h, Ref o, VisitFn visit, void *arg)
{
    if (pd(h, o)->b)
        visit(h, pd(h, o)->b, arg);
    if (pd(h, o)->a)
        visit(h, pd(h, o)->a, arg);
}

const TypeOps filter_ops = {
    .name = "filter", .gc = 1, .basetype = 1,
    .sizeof_ = pair_sizeof, .dealloc = pair_dealloc, .traverse = filter_traverse,
    .release = payload_release, .clone = pair_clone, .iter = iter_self,
    .iternext = filter_next,
    .new_ = filter_type_new,
};
