/* range objects and range iterators (CPython's Objects/rangeobject.c).
 *
 * Like CPython, a range does its arithmetic on int objects (item access,
 * membership, slicing), so big ranges work and temporary ints are made
 * and freed where CPython makes them; only its length computation has a
 * C-long fast path (3.12+).  Iterators run on C longs. */
#include "sim/rangeobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* The RangeData of R. */
static RangeData *rd(const Heap *h, Ref r) { return (RangeData *)h->objs[r].v.p; }

/* A small int (never fails for -5..256). */
static Ref small(Heap *h, int64_t v) { return int_from_i64(h, v); }

/* get_len_of_range: the number of items of range(lo, hi, step) in C. */
static uint64_t len_of_range(int64_t lo, int64_t hi, int64_t step)
{
    if (step > 0 && lo < hi)
        return 1 + ((uint64_t)hi - 1 - (uint64_t)lo) / (uint64_t)step;
    if (step < 0 && lo > hi)
        return 1 + ((uint64_t)lo - 1 - (uint64_t)hi) / (0 - (uint64_t)step);
    return 0;
}

/* a OP b on int objects, dropping A when STEAL_A. */
static Ref arith(Heap *h, Ref a, Ref b, BinOp op, bool steal_a)
{
    Ref r = a ? obj_binop(h, a, b, op) : NULLREF;
    if (steal_a)
        heap_decref(h, a);
    return r;
}

/* compute_range_length on int objects: (hi - lo - 1) // step + 1. */
static Ref length_slow(Heap *h, Ref start, Ref stop, Ref step)
{
    Ref zero = small(h, 0), one = small(h, 1), lo = start, hi = stop;
    int pos = obj_richcompare_bool(h, step, zero, CMP_GT);
    if (pos < 0)
        return NULLREF;
    if (pos) {
        step = heap_newref(h, step);
    } else {
        lo = stop;
        hi = start;
        if (!(step = obj_unary(h, step, OP_NEG)))
            return NULLREF;
    }
    int empty = obj_richcompare_bool(h, lo, hi, CMP_GE);
    if (empty != 0) {
        heap_decref(h, step);
        return empty < 0 ? NULLREF : small(h, 0);
    }
    Ref tmp1 = obj_binop(h, hi, lo, OP_SUB);
    Ref diff = tmp1 ? obj_binop(h, tmp1, one, OP_SUB) : NULLREF;
    Ref tmp2 = diff ? obj_binop(h, diff, step, OP_FLOORDIV) : NULLREF;
    Ref result = tmp2 ? obj_binop(h, tmp2, one, OP_ADD) : NULLREF;
    heap_decref(h, tmp2);
    heap_decref(h, diff);
    heap_decref(h, step);
    heap_decref(h, tmp1);
    return result;
}

/* compute_range_length: C longs when they fit (3.12+), int objects else. */
static Ref compute_length(Heap *h, Ref start, Ref stop, Ref step)
{
    int64_t a, b, c;
    if (h->prof->range_length_fast && int_as_i64(h, start, &a) && int_as_i64(h, stop, &b)
        && int_as_i64(h, step, &c)) {
        uint64_t n = len_of_range(a, b, c);
        if (n <= (uint64_t)INT64_MAX)
            return int_from_i64(h, (int64_t)n);
    }
    return length_slow(h, start, stop, step);
}

/* make_range_object: takes the references START, STOP, STEP. */
static Ref make_range(Heap *h, Ref type, Ref start, Ref stop, Ref step)
{
    Ref length = compute_length(h, start, stop, step);
    Ref r = length ? heap_alloc_object(h, K_RANGE, type, h->prof->range_size, 0, false)
                   : NULLREF;
    if (!r) {
        heap_decref(h, length);
        heap_decref(h, start);
        heap_decref(h, stop);
        heap_decref(h, step);
        return NULLREF;
    }
    RangeData *d = xmalloc(sizeof *d);
    *d = (RangeData){start, stop, step, length};
    h->objs[r].v.p = d;
    return r;
}

/* range(start, stop, step) of three ints (borrowed; STEP not zero). */
Ref range_new(Heap *h, Ref start, Ref stop, Ref step)
{
    return make_range(h, h->type_of_kind[K_RANGE], heap_newref(h, start),
                      heap_newref(h, stop), heap_newref(h, step));
}

/* validate_step: the step as an int (1 when absent), not zero. */
static Ref validate_step(Heap *h, Ref step)
{
    if (!step)
        return small(h, 1);
    Ref s = slice_number_index(h, step);
    if (s && int_sign(h, s) == 0) {
        heap_decref(h, s);
        return heap_raise(h, EXC_ValueError, "range() arg 3 must not be zero");
    }
    return s;
}

/* range(stop), range(start, stop[, step]). */
static Ref range_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_no_kwnames(h, "range", kwnames))
        return NULLREF;
    if (nargs == 0)
        return heap_raise(h, EXC_TypeError, "%s", h->prof->range_noarg_msg);
    if (nargs > 3)
        return heap_raise(h, EXC_TypeError, "range expected at most 3 arguments, got %zu",
                          nargs);
    if (nargs == 1) {
        Ref stop = slice_number_index(h, args[0]);
        return stop ? make_range(h, type, small(h, 0), stop, small(h, 1)) : NULLREF;
    }
    Ref start = slice_number_index(h, args[0]);
    Ref stop = start ? slice_number_index(h, args[1]) : NULLREF;
    Ref step = stop ? validate_step(h, nargs > 2 ? args[2] : NULLREF) : NULLREF;
    if (!step) {
        heap_decref(h, start);
        heap_decref(h, stop);
        return NULLREF;
    }
    return make_range(h, type, start, stop, step);
}

/* range_dealloc: start, stop, step, length. */
static void range_dealloc(Heap *h, Ref r)
{
    RangeData d = *rd(h, r);
    free(rd(h, r));
    h->objs[r].v.p = NULL;
    heap_decref(h, d.start);
    heap_decref(h, d.stop);
    heap_decref(h, d.step);
    heap_decref(h, d.length);
    heap_free_object(h, r, 0, false);
}

/* The four references of a range (for the heap validator). */
static void range_traverse(Heap *h, Ref r, VisitFn visit, void *arg)
{
    RangeData *d = rd(h, r);
    visit(h, d->start, arg);
    visit(h, d->stop, arg);
    visit(h, d->step, arg);
    visit(h, d->length, arg);
}

/* Free a host payload (heap teardown). */
static void payload_release(Heap *h, Ref r)
{
    free(h->objs[r].v.p);
    h->objs[r].v.p = NULL;
}

/* Copy a range's payload for heap_clone. */
static void range_clone(const Heap *src, Heap *dst, Ref r, CloneMap *map)
{
    (void)map;
    dst->objs[r].v.p = clone_memdup(src->objs[r].v.p, sizeof(RangeData));
}

/* Copy a range iterator's payload for heap_clone. */
static void rangeiter_clone(const Heap *src, Heap *dst, Ref it, CloneMap *map)
{
    (void)map;
    dst->objs[it].v.p = clone_memdup(src->objs[it].v.p, sizeof(RangeIterData));
}

/* sys.getsizeof(range): 48. */
static size_t range_sizeof(Heap *h, Ref r)
{
    (void)r;
    return h->prof->range_size;
}

/* repr: range(0, 3) or range(0, 10, 2). */
static Ref range_repr(Heap *h, Ref r)
{
    RangeData *d = rd(h, r);
    int64_t step;
    bool unit = int_as_i64(h, d->step, &step) && step == 1;
    StrBuf b = {0};
    strbuf_puts(&b, "range(");
    bool ok = obj_repr_into(h, d->start, &b);
    strbuf_puts(&b, ", ");
    ok = ok && obj_repr_into(h, d->stop, &b);
    if (!unit) {
        strbuf_puts(&b, ", ");
        ok = ok && obj_repr_into(h, d->step, &b);
    }
    strbuf_putc(&b, ')');
    Ref s = ok ? str_from_utf8(h, b.data, b.len) : NULLREF;
    strbuf_free(&b);
    return s;
}

/* len(range): OverflowError beyond Py_ssize_t. */
static int range_len(Heap *h, Ref r, size_t *out)
{
    int64_t n;
    if (!int_as_i64(h, rd(h, r)->length, &n)) {
        heap_raise(h, EXC_OverflowError, "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = (size_t)n;
    return 0;
}

/* bool(range): its length is not zero. */
static int range_truth(Heap *h, Ref r)
{
    return int_sign(h, rd(h, r)->length) != 0;
}

/* compute_item: start + i * step. */
static Ref compute_item(Heap *h, Ref r, Ref i)
{
    RangeData *d = rd(h, r);
    Ref incr = obj_binop(h, i, d->step, OP_MUL);
    if (!incr)
        return NULLREF;
    Ref result = obj_binop(h, d->start, incr, OP_ADD);
    heap_decref(h, incr);
    return result;
}

/* compute_range_item: r[i] for an int I, with CPython's IndexError. */
static Ref compute_range_item(Heap *h, Ref r, Ref arg)
{
    Ref zero = small(h, 0), i;
    int neg = obj_richcompare_bool(h, arg, zero, CMP_LT);
    if (neg < 0)
        return NULLREF;
    i = neg ? obj_binop(h, rd(h, r)->length, arg, OP_ADD) : heap_newref(h, arg);
    if (!i)
        return NULLREF;
    int out = obj_richcompare_bool(h, i, zero, CMP_LT);
    if (out == 0)
        out = obj_richcompare_bool(h, i, rd(h, r)->length, CMP_GE);
    Ref result = NULLREF;
    if (out > 0)
        heap_raise(h, EXC_IndexError, "range object index out of range");
    else if (out == 0)
        result = compute_item(h, r, i);
    heap_decref(h, i);
    return result;
}

/* compute_slice: r[slice] as a new range. */
static Ref compute_slice(Heap *h, Ref r, Ref slice)
{
    size_t len, slicelen;
    int64_t start, stop, step;
    if (range_len(h, r, &len) < 0 || slice_indices(h, slice, len, &start, &stop, &step,
                                                   &slicelen) < 0)
        return NULLREF;
    Ref istep = int_from_i64(h, step), istart = int_from_i64(h, start),
        istop = int_from_i64(h, stop);
    Ref substep = istep ? obj_binop(h, rd(h, r)->step, istep, OP_MUL) : NULLREF;
    Ref substart = substep && istart ? compute_item(h, r, istart) : NULLREF;
    Ref substop = substart && istop ? compute_item(h, r, istop) : NULLREF;
    heap_decref(h, istep);
    heap_decref(h, istart);
    heap_decref(h, istop);
    if (!substop) {
        heap_decref(h, substep);
        heap_decref(h, substart);
        return NULLREF;
    }
    return make_range(h, heap_type(h, r), substart, substop, substep);
}

/* range_subscript: r[i] and r[i:j:k]. */
static Ref range_subscript(Heap *h, Ref r, Ref key)
{
    if (slice_index_check(h, key)) {
        Ref i = slice_number_index(h, key);
        if (!i)
            return NULLREF;
        Ref v = compute_range_item(h, r, i);
        heap_decref(h, i);
        return v;
    }
    if (slice_check(h, key))
        return compute_slice(h, r, key);
    return heap_raise(h, EXC_TypeError, "range indices must be integers or slices, not %s",
                      heap_type_name(h, key));
}

/* range_contains_long: start <= ob < stop (or the reverse) and on the step. */
static int contains_long(Heap *h, Ref r, Ref ob)
{
    RangeData *d = rd(h, r);
    int pos = obj_richcompare_bool(h, d->step, small(h, 0), CMP_GT);
    if (pos < 0)
        return -1;
    int c2 = pos ? obj_richcompare_bool(h, d->start, ob, CMP_LE)
                 : obj_richcompare_bool(h, ob, d->start, CMP_LE);
    int c3 = pos ? obj_richcompare_bool(h, ob, d->stop, CMP_LT)
                 : obj_richcompare_bool(h, d->stop, ob, CMP_LT);
    if (c2 < 0 || c3 < 0)
        return -1;
    if (!c2 || !c3)
        return 0;
    Ref tmp1 = obj_binop(h, ob, d->start, OP_SUB);
    Ref tmp2 = tmp1 ? obj_binop(h, tmp1, d->step, OP_MOD) : NULLREF;
    int result = tmp2 ? obj_richcompare_bool(h, tmp2, small(h, 0), CMP_EQ) : -1;
    heap_decref(h, tmp1);
    heap_decref(h, tmp2);
    return result;
}

/* What _PySequence_IterSearch looks for. */
enum { SEARCH_COUNT, SEARCH_INDEX, SEARCH_CONTAINS };

/* _PySequence_IterSearch over range R: a count, an index, or 0/1; -1 on
 * error ("sequence.index(x): x not in sequence" for a missing index). */
static int64_t iter_search(Heap *h, Ref r, Ref obj, int what)
{
    Ref it = range_iter(h, r);
    if (!it)
        return -1;
    int64_t n = 0, i = 0;
    bool found = false;
    Ref item;
    while (!found && (item = obj_next(h, it)) != 0) {
        int cmp = h->prof->contains_needle_left ? obj_richcompare_bool(h, obj, item, CMP_EQ)
                                                : obj_richcompare_bool(h, item, obj, CMP_EQ);
        heap_decref(h, item);
        if (cmp < 0)
            break;
        if (cmp > 0 && what == SEARCH_COUNT)
            n++;
        else if (cmp > 0)
            found = true;
        else
            i++;
    }
    heap_decref(h, it);
    if (h->exc)
        return -1;
    if (what == SEARCH_COUNT)
        return n;
    if (what == SEARCH_CONTAINS)
        return found;
    if (!found) {
        heap_raise(h, EXC_ValueError, "sequence.index(x): x not in sequence");
        return -1;
    }
    return i;
}

/* x in range. */
static int range_contains(Heap *h, Ref r, Ref x)
{
    if (heap_kind(h, x) == K_BOOL || int_check(h, x))
        return contains_long(h, r, x);
    return (int)iter_search(h, r, x, SEARCH_CONTAINS);
}

/* range_equals: same length, and (if not empty) start, and (if longer
 * than one) step. */
static int range_equals(Heap *h, Ref a, Ref b)
{
    if (a == b)
        return 1;
    RangeData *x = rd(h, a), *y = rd(h, b);
    int c = obj_richcompare_bool(h, x->length, y->length, CMP_EQ);
    if (c != 1)
        return c;
    if (int_sign(h, x->length) == 0)
        return 1;
    c = obj_richcompare_bool(h, x->start, y->start, CMP_EQ);
    if (c != 1)
        return c;
    c = obj_richcompare_bool(h, x->length, small(h, 1), CMP_EQ);
    if (c != 0)
        return c;
    return obj_richcompare_bool(h, x->step, y->step, CMP_EQ);
}

/* range_richcompare: == and != only. */
static Ref range_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (heap_kind(h, b) != K_RANGE || (op != CMP_EQ && op != CMP_NE))
        return heap_newref(h, h->notimpl);
    int eq = range_equals(h, a, b);
    if (eq < 0)
        return NULLREF;
    return bool_from(h, op == CMP_EQ ? eq : !eq);
}

/* range_hash: hash((len, start or None, step or None)). */
static int range_hash(Heap *h, Ref r, int64_t *out)
{
    RangeData *d = rd(h, r);
    Ref items[3] = {d->length, h->none, h->none};
    if (int_sign(h, d->length) != 0) {
        items[1] = d->start;
        int one = obj_richcompare_bool(h, d->length, small(h, 1), CMP_EQ);
        if (one < 0)
            return -1;
        if (!one)
            items[2] = d->step;
    }
    Ref t = tuple_from_array(h, items, 3);
    if (!t)
        return -1;
    int rc = obj_hash(h, t, out);
    heap_decref(h, t);
    return rc;
}

/* range.count(x). */
static Ref m_count(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "range", "count", nargs, kwnames))
        return NULLREF;
    int64_t n = int_check(h, args[0]) ? contains_long(h, self, args[0])
                                      : iter_search(h, self, args[0], SEARCH_COUNT);
    return n < 0 ? NULLREF : int_from_i64(h, n);
}

/* range.index(x). */
static Ref m_index(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "range", "index", nargs, kwnames))
        return NULLREF;
    Ref ob = args[0];
    if (!int_check(h, ob)) {
        int64_t i = iter_search(h, self, ob, SEARCH_INDEX);
        return i < 0 ? NULLREF : int_from_i64(h, i);
    }
    int c = contains_long(h, self, ob);
    if (c < 0)
        return NULLREF;
    if (c) {
        Ref tmp = obj_binop(h, ob, rd(h, self)->start, OP_SUB);
        return arith(h, tmp, rd(h, self)->step, OP_FLOORDIV, true);
    }
    StrBuf b = {0};
    if (obj_repr_into(h, ob, &b))
        heap_raise(h, EXC_ValueError, "%s is not in range", strbuf_cstr(&b));
    strbuf_free(&b);
    return NULLREF;
}

/* range.__reversed__(). */
static Ref m_reversed(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "range", "__reversed__", nargs, kwnames))
        return NULLREF;
    return range_reversed(h, self);
}

static const MethodDef range_methods[] = {
    {"__reversed__", m_reversed, "Return a reverse iterator."},
    {"count", m_count, "rangeobject.count(value) -> integer"},
    {"index", m_index, "rangeobject.index(value) -> integer"},
    {NULL, NULL, NULL},
};

/* Attributes: start, stop, step and the methods. */
static Ref range_getattr(Heap *h, Ref r, Ref name)
{
    RangeData *d = rd(h, r);
    if (str_eq_cstr(h, name, "start"))
        return heap_newref(h, d->start);
    if (str_eq_cstr(h, name, "stop"))
        return heap_newref(h, d->stop);
    if (str_eq_cstr(h, name, "step"))
        return heap_newref(h, d->step);
    for (const MethodDef *m = range_methods; m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_new(h, m, r, NULLREF);
    return heap_raise(h, EXC_AttributeError, "'range' object has no attribute '%s'",
                      str_utf8(h, name, NULL));
}

const TypeOps range_ops = {
    .name = "range",
    .sizeof_ = range_sizeof, .dealloc = range_dealloc, .traverse = range_traverse,
    .release = payload_release, .clone = range_clone, .repr = range_repr,
    .hash = range_hash,
    .richcompare = range_richcompare, .truth = range_truth, .len = range_len,
    .getitem = range_subscript, .contains = range_contains, .iter = range_iter,
    .getattr = range_getattr, .new_ = range_type_new, .methods = range_methods,
};

/* ---- range_iterator ---- */

/* fast_range_iter: an iterator yielding LEN values from START by STEP. */
static Ref fast_range_iter(Heap *h, int64_t start, int64_t step, int64_t len)
{
    Ref it = heap_alloc_object(h, K_RANGEITER, h->type_of_kind[K_RANGEITER],
                               h->prof->range_iter_size, 0, false);
    if (!it)
        return NULLREF;
    RangeIterData *d = xmalloc(sizeof *d);
    *d = (RangeIterData){start, step, len};
    h->objs[it].v.p = d;
    return it;
}

/* The error for ranges CPython would iterate with a longrangeiter. */
static Ref long_range_unsupported(Heap *h)
{
    return heap_raise(h, EXC_OverflowError,
                      "iterating over a range beyond 64-bit integers is not supported");
}

/* The C-long start, stop and step of R; false when one does not fit. */
static bool range_longs(const Heap *h, Ref r, int64_t *start, int64_t *stop, int64_t *step)
{
    RangeData *d = rd(h, r);
    return int_as_i64(h, d->start, start) && int_as_i64(h, d->stop, stop)
           && int_as_i64(h, d->step, step);
}

/* iter(r). */
Ref range_iter(Heap *h, Ref r)
{
    int64_t start, stop, step;
    if (!range_longs(h, r, &start, &stop, &step))
        return long_range_unsupported(h);
    uint64_t n = len_of_range(start, stop, step);
    if (n > (uint64_t)INT64_MAX)
        return long_range_unsupported(h);
    return fast_range_iter(h, start, step, (int64_t)n);
}

/* reversed(r): range(start + (n-1)*step, start - step, -step). */
Ref range_reversed(Heap *h, Ref r)
{
    int64_t start, stop, step;
    if (!range_longs(h, r, &start, &stop, &step) || step == INT64_MIN)
        return long_range_unsupported(h);
    if (step > 0 ? (uint64_t)start - (uint64_t)INT64_MIN < (uint64_t)step
                 : (uint64_t)INT64_MAX - (uint64_t)start < 0 - (uint64_t)step)
        return long_range_unsupported(h);
    uint64_t n = len_of_range(start, stop, step);
    if (n > (uint64_t)INT64_MAX)
        return long_range_unsupported(h);
    int64_t new_stop = start - step;
    int64_t new_start = (int64_t)((uint64_t)new_stop + n * (uint64_t)step);
    return fast_range_iter(h, new_start, -step, (int64_t)n);
}

/* The RangeIterData of IT. */
static RangeIterData *rid(const Heap *h, Ref it) { return (RangeIterData *)h->objs[it].v.p; }

/* rangeiter_next. */
static Ref rangeiter_next(Heap *h, Ref it)
{
    RangeIterData *d = rid(h, it);
    if (d->len <= 0)
        return NULLREF;
    int64_t v = d->start;
    d->start = (int64_t)((uint64_t)v + (uint64_t)d->step);
    d->len--;
    return int_from_i64(h, v);
}

/* range_iterator.__length_hint__(). */
static Ref rangeiter_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs,
                                 Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "range_iterator", "__length_hint__", nargs, kwnames))
        return NULLREF;
    return int_from_i64(h, rid(h, self)->len);
}

/* Deallocate a range iterator (it holds no references). */
static void rangeiter_dealloc(Heap *h, Ref it)
{
    free(rid(h, it));
    h->objs[it].v.p = NULL;
    heap_free_object(h, it, 0, false);
}

/* A range iterator owns no references. */
static void rangeiter_traverse(Heap *h, Ref it, VisitFn visit, void *arg)
{
    (void)h, (void)it, (void)visit, (void)arg;
}

/* sys.getsizeof(iter(range(n))): 48 (3.8/3.11) or 40 (3.12+). */
static size_t rangeiter_sizeof(Heap *h, Ref it)
{
    (void)it;
    return h->prof->range_iter_size;
}

static const MethodDef rangeiter_methods[] = {
    {"__length_hint__", rangeiter_length_hint, ITER_LENGTH_HINT_DOC},
    {NULL, NULL, NULL},
};

const TypeOps rangeiter_ops = {
    .name = "range_iterator",
    .sizeof_ = rangeiter_sizeof, .dealloc = rangeiter_dealloc, .traverse = rangeiter_traverse,
    .release = payload_release, .clone = rangeiter_clone, .iter = iter_self,
    .iternext = rangeiter_next,
    .methods = rangeiter_methods,
};
