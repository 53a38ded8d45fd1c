/* slice objects and the index arithmetic of sequences (CPython's
 * Objects/sliceobject.c and the index helpers of abstract.c/ceval.c).
 *
 * Py_ssize_t is int64_t here.  Indices that do not fit are clamped
 * (slices), or raise IndexError/OverflowError "cannot fit 'int' into an
 * index-sized integer" (subscripts, repeat counts), as in CPython. */
#include "sim/sliceobject.h"

#include <stdlib.h>

#include "sim/abstract.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* PySliceObject: the GC header, the object head and three references. */
static size_t slice_bytes(const Heap *h) { return h->prof->gc_head_size + 16 + 3 * 8; }

/* ---- index helpers ---- */

/* _PyIndex_Check: O is an int, a bool or has __index__. */
bool slice_index_check(Heap *h, Ref o)
{
    if (int_check(h, o))
        return true;
    Ref t = heap_type(h, o);
    return type_data(h, t)->heaptype && type_lookup_cstr(h, t, "__index__");
}

/* PyNumber_AsSsize_t: O's index value; -1 with an exception. */
int slice_as_ssize(Heap *h, Ref o, SsizeOverflow mode, int64_t *out)
{
    if (!int_check(h, o))
        return obj_as_index(h, o, out);
    if (int_as_i64(h, o, out))
        return 0;
    if (mode == SSIZE_CLAMP) {
        *out = int_sign(h, o) < 0 ? INT64_MIN : INT64_MAX;
        return 0;
    }
    heap_raise(h, mode == SSIZE_INDEX_ERROR ? EXC_IndexError : EXC_OverflowError,
               "cannot fit 'int' into an index-sized integer");
    return -1;
}

/* PyNumber_Index: O as an int object (new reference). */
Ref slice_number_index(Heap *h, Ref o)
{
    if (int_check(h, o))
        return h->prof->index_exact_int ? int_exact(h, o) : heap_newref(h, o);
    int64_t v;
    if (obj_as_index(h, o, &v) < 0)
        return NULLREF;
    return int_from_i64(h, v);
}

/* _PyEval_SliceIndex: V (not None) as a clamped index; -1 with CPython's
 * "slice indices must be integers or None or have an __index__ method". */
int slice_eval_index(Heap *h, Ref v, int64_t *out)
{
    if (!slice_index_check(h, v)) {
        heap_raise(h, EXC_TypeError,
                   "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    return slice_as_ssize(h, v, SSIZE_CLAMP, out);
}

/* PySlice_Unpack: the raw start, stop, step of S (None becomes the
 * extreme values, big ints are clamped); -1 with TypeError/ValueError. */
int slice_unpack(Heap *h, Ref s, int64_t *start, int64_t *stop, int64_t *step)
{
    SliceData *d = slice_data(h, s);
    if (d->step == h->none) {
        *step = 1;
    } else {
        if (slice_eval_index(h, d->step, step) < 0)
            return -1;
        if (*step == 0) {
            heap_raise(h, EXC_ValueError, "slice step cannot be zero");
            return -1;
        }
        if (*step < -INT64_MAX)
            *step = -INT64_MAX;
    }
    if (d->start == h->none)
        *start = *step < 0 ? INT64_MAX : 0;
    else if (slice_eval_index(h, d->start, start) < 0)
        return -1;
    if (d->stop == h->none)
        *stop = *step < 0 ? INT64_MIN : INT64_MAX;
    else if (slice_eval_index(h, d->stop, stop) < 0)
        return -1;
    return 0;
}

/* Clip one bound to a sequence of LEN items. */
static void adjust_bound(int64_t len, int64_t *v, int64_t step)
{
    if (*v < 0) {
        *v += len;
        if (*v < 0)
            *v = step < 0 ? -1 : 0;
    } else if (*v >= len) {
        *v = step < 0 ? len - 1 : len;
    }
}

/* PySlice_AdjustIndices: clip START and STOP to a sequence of LEN items;
 * returns the slice length. */
size_t slice_adjust_indices(size_t len, int64_t *start, int64_t *stop, int64_t step)
{
    adjust_bound((int64_t)len, start, step);
    adjust_bound((int64_t)len, stop, step);
    if (step < 0) {
        if (*stop < *start)
            return (size_t)((*start - *stop - 1) / (-step) + 1);
    } else if (*start < *stop) {
        return (size_t)((*stop - *start - 1) / step + 1);
    }
    return 0;
}

/* Unpack S and adjust it to LEN items; 0, or -1 with an exception. */
int slice_indices(Heap *h, Ref s, size_t len, int64_t *start, int64_t *stop,
                  int64_t *step, size_t *slicelen)
{
    if (slice_unpack(h, s, start, stop, step) < 0)
        return -1;
    *slicelen = slice_adjust_indices(len, start, stop, *step);
    return 0;
}

/* ---- slice objects ---- */

/* PySlice_New: a slice of START, STOP, STEP (borrowed; 0 means None). */
Ref slice_new(Heap *h, Ref start, Ref stop, Ref step)
{
    Ref s = heap_alloc_object(h, K_SLICE, h->type_of_kind[K_SLICE], slice_bytes(h),
                              h->prof->gc_head_size, true);
    if (!s)
        return NULLREF;
    SliceData *d = xmalloc(sizeof *d);
    d->step = heap_newref(h, step ? step : h->none);
    d->start = heap_newref(h, start ? start : h->none);
    d->stop = heap_newref(h, stop ? stop : h->none);
    h->objs[s].v.p = d;
    gc_track(h, s);
    return s;
}

/* slice_dealloc: step, start, then stop. */
static void slice_dealloc(Heap *h, Ref s)
{
    SliceData d = *slice_data(h, s);
    free(slice_data(h, s));
    h->objs[s].v.p = NULL;
    heap_decref(h, d.step);
    heap_decref(h, d.start);
    heap_decref(h, d.stop);
    heap_free_object(h, s, h->prof->gc_head_size, true);
}

/* Visit start, stop and step. */
static void slice_traverse(Heap *h, Ref s, VisitFn visit, void *arg)
{
    SliceData *d = slice_data(h, s);
    visit(h, d->start, arg);
    visit(h, d->stop, arg);
    visit(h, d->step, arg);
}

/* Free the host payload (heap teardown). */
static void slice_release(Heap *h, Ref s)
{
    free(slice_data(h, s));
    h->objs[s].v.p = NULL;
}

/* Copy the payload for heap_clone. */
static void slice_clone(const Heap *src, Heap *dst, Ref s, CloneMap *map)
{
    (void)map;
    dst->objs[s].v.p = clone_memdup(slice_data(src, s), sizeof(SliceData));
}

/* sys.getsizeof(slice): 56. */
static size_t slice_sizeof(Heap *h, Ref s)
{
    (void)s;
    return slice_bytes(h);
}

/* repr: slice(1, 2, None). */
static Ref slice_repr(Heap *h, Ref s)
{
    SliceData *d = slice_data(h, s);
    StrBuf b = {0};
    strbuf_puts(&b, "slice(");
    bool ok = obj_repr_into(h, d->start, &b);
    strbuf_puts(&b, ", ");
    ok = ok && obj_repr_into(h, d->stop, &b);
    strbuf_puts(&b, ", ");
    ok = ok && obj_repr_into(h, d->step, &b);
    strbuf_putc(&b, ')');
    Ref r = ok ? str_from_utf8(h, b.data, b.len) : NULLREF;
    strbuf_free(&b);
    return r;
}

/* hash(slice): 3.12+ hash (start, stop, step) like a tuple without the
 * length; unhashable before. */
static int slice_hash(Heap *h, Ref s, int64_t *out)
{
    if (!h->prof->slice_hashable) {
        heap_raise(h, EXC_TypeError, "unhashable type: 'slice'");
        return -1;
    }
    SliceData *d = slice_data(h, s);
    Ref items[3] = {d->start, d->stop, d->step};
    uint64_t acc = 2870177450012600261ULL;
    for (int i = 0; i < 3; i++) {
        int64_t lane;
        if (obj_hash(h, items[i], &lane) < 0)
            return -1;
        acc += (uint64_t)lane * 14029467366897019727ULL;
        acc = (acc << 31) | (acc >> 33);
        acc *= 11400714785074694791ULL;
    }
    *out = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
    return 0;
}

/* slice_richcompare: compare (start, stop, step) tuples. */
static Ref slice_richcompare(Heap *h, Ref v, Ref w, int op)
{
    if (!slice_check(h, w))
        return heap_newref(h, h->notimpl);
    if (v == w)
        return bool_from(h, op == CMP_EQ || op == CMP_LE || op == CMP_GE);
    SliceData *a = slice_data(h, v), *b = slice_data(h, w);
    Ref t1 = tuple_pack(h, 3, a->start, a->stop, a->step);
    Ref t2 = t1 ? tuple_pack(h, 3, b->start, b->stop, b->step) : NULLREF;
    Ref r = t2 ? obj_richcompare(h, t1, t2, op) : NULLREF;
    heap_decref(h, t1);
    heap_decref(h, t2);
    return r;
}

/* slice.indices(length): (start, stop, step) adjusted to LENGTH. */
static Ref slice_indices_meth(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "slice", "indices", nargs, kwnames))
        return NULLREF;
    int64_t len, start, stop, step;
    size_t slicelen;
    if (obj_as_index(h, args[0], &len) < 0)
        return NULLREF;
    if (len < 0)
        return heap_raise(h, EXC_ValueError, "length should not be negative");
    if (slice_indices(h, self, (size_t)len, &start, &stop, &step, &slicelen) < 0)
        return NULLREF;
    Ref a = int_from_i64(h, start), b = int_from_i64(h, stop), c = int_from_i64(h, step);
    Ref t = a && b && c ? tuple_pack(h, 3, a, b, c) : NULLREF;
    heap_decref(h, a);
    heap_decref(h, b);
    heap_decref(h, c);
    return t;
}

static const MethodDef slice_methods[] = {
    {"indices", slice_indices_meth, "S.indices(len) -> (start, stop, stride)"},
    {NULL, NULL, NULL},
};

/* Attributes: start, stop, step and the methods. */
static Ref slice_getattr(Heap *h, Ref s, Ref name)
{
    SliceData *d = slice_data(h, s);
    if (str_eq_cstr(h, name, "start"))
        return heap_newref(h, d->start);
    if (str_eq_cstr(h, name, "stop"))
        return heap_newref(h, d->stop);
    if (str_eq_cstr(h, name, "step"))
        return heap_newref(h, d->step);
    for (const MethodDef *m = slice_methods; m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_new(h, m, s, NULLREF);
    return heap_raise(h, EXC_AttributeError, "'slice' object has no attribute '%s'",
                      str_utf8(h, name, NULL));
}

/* slice(stop), slice(start, stop[, step]). */
static Ref slice_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)type;
    if (!seqarg_no_kwnames(h, "slice", kwnames) || !seqarg_positional(h, "slice", nargs, 1, 3))
        return NULLREF;
    if (nargs == 1)
        return slice_new(h, NULLREF, args[0], NULLREF);
    return slice_new(h, args[0], args[1], nargs > 2 ? args[2] : NULLREF);
}

const TypeOps slice_ops = {
    .name = "slice", .gc = 1,
    .sizeof_ = slice_sizeof, .dealloc = slice_dealloc, .traverse = slice_traverse,
    .release = slice_release, .clone = slice_clone, .repr = slice_repr,
    .hash = slice_hash,
    .richcompare = slice_richcompare, .getattr = slice_getattr, .new_ = slice_type_new,
    .methods = slice_methods,
};
