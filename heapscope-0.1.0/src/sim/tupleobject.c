/* tuple objects and the tuple iterator (CPython's Objects/tupleobject.c).
 *
 * Allocation follows tuple_alloc: a tuple of n items (n > 0) is popped
 * from the free list of its length when the profile allows that length,
 * else it is a new GC block of tuple_base + 8n bytes (which counts as a GC
 * allocation); PyTuple_New then tracks it.  tupledealloc releases the
 * items from the last to the first and pushes the block back on the free
 * list of its length (exact tuples of 1..push_max items, while the list
 * has room), else frees it.  The host payload (TupleData) always goes with
 * the object; the free list keeps only the simulated block. */
#include "sim/tupleobject.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* Bytes of GC header in front of a tuple. */
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* CPython's request size for a tuple of N items (GC header included). */
static size_t tuple_bytes(const Heap *h, size_t n) { return h->prof->tuple_base + 8 * n; }

/* The TupleData of T. */
static TupleData *td(const Heap *h, Ref t) { return (TupleData *)h->objs[t].v.p; }

/* Attach a payload of N null items to T. */
static void set_payload(Heap *h, Ref t, size_t n)
{
    TupleData *d = xcalloc(1, sizeof *d + n * sizeof(Ref));
    d->n = n;
    h->objs[t].v.p = d;
}

/* True when R's kind is a GC type (PyObject_IS_GC): heap types always are. */
static bool is_gc(const Heap *h, Ref r)
{
    Ref t = heap_type(h, r);
    if (t && heap_kind(h, t) == K_TYPE && heap_kind(h, r) != K_TYPE
        && type_data(h, t)->heaptype)
        return true;
    return heap_ops(h, r)->gc;
}

/* ---- creation ---- */

/* Create the empty tuple singleton (heap startup); also sizes the tuple
 * free lists from the profile. */
Ref tuple_new_static_empty(Heap *h)
{
    for (int i = 1; i < HEAP_TUPLE_FREELISTS; i++)
        h->fl_tuple[i].limit = i <= h->prof->tuple_freelist_push_max
                                   ? h->prof->freelist_tuple_count : 0;
    uint64_t block = h->static_next;
    h->static_next += (tuple_bytes(h, 0) + 15) & ~(size_t)15;
    Ref t = heap_new_slot(h, K_TUPLE, h->type_of_kind[K_TUPLE], block + gch(h));
    set_payload(h, t, 0);
    heap_make_static(h, t);
    return t;
}

/* tuple_alloc: an untracked tuple of N (> 0) null items of TYPE, from the
 * free list of its length or a new GC block; 0 with MemoryError. */
static Ref tuple_alloc_type(Heap *h, Ref type, size_t n)
{
    if (n > ((size_t)INT64_MAX - 64) / 8) {
        heap_raise(h, EXC_MemoryError, "%s", "");
        return NULLREF;
    }
    uint64_t block = 0;
    if (type == h->type_of_kind[K_TUPLE] && n < HEAP_TUPLE_FREELISTS
        && n <= (size_t)h->prof->tuple_freelist_pop_max)
        block = heap_freelist_pop(&h->fl_tuple[n]);
    Ref t = block ? heap_new_slot(h, K_TUPLE, type, block + gch(h))
                  : heap_alloc_object(h, K_TUPLE, type, tuple_bytes(h, n), gch(h), true);
    if (t)
        set_payload(h, t, n);
    return t;
}

/* PyTuple_New: a tuple of N items that are all 0, to be filled with
 * tuple_set_item; N == 0 gives the empty tuple. */
Ref tuple_new(Heap *h, size_t n)
{
    if (n == 0)
        return heap_newref(h, h->empty_tuple);
    Ref t = tuple_alloc_type(h, h->type_of_kind[K_TUPLE], n);
    if (t)
        gc_track(h, t);
    return t;
}

/* Store V (stolen) as item I of T, dropping a previous item. */
void tuple_set_item(Heap *h, Ref t, size_t i, Ref v)
{
    Ref *slot = &td(h, t)->items[i];
    Ref old = *slot;
    *slot = v;
    heap_decref(h, old);
}

/* PyTuple_Pack: a tuple of the N borrowed Ref arguments. */
Ref tuple_pack(Heap *h, size_t n, ...)
{
    Ref t = tuple_new(h, n);
    if (!t)
        return NULLREF;
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n; i++)
        td(h, t)->items[i] = heap_newref(h, va_arg(ap, Ref));
    va_end(ap);
    return t;
}

/* _PyTuple_FromArray: a tuple of N borrowed ITEMS. */
Ref tuple_from_array(Heap *h, const Ref *items, size_t n)
{
    if (n == 0)
        return heap_newref(h, h->empty_tuple);
    Ref t = tuple_alloc_type(h, h->type_of_kind[K_TUPLE], n);
    if (!t)
        return NULLREF;
    for (size_t i = 0; i < n; i++)
        td(h, t)->items[i] = heap_newref(h, items[i]);
    gc_track(h, t);
    return t;
}

/* _PyTuple_FromArraySteal: a tuple of N ITEMS whose references it takes
 * (they are released when it fails). */
Ref tuple_from_array_steal(Heap *h, const Ref *items, size_t n)
{
    if (n == 0)
        return heap_newref(h, h->empty_tuple);
    Ref t = tuple_alloc_type(h, h->type_of_kind[K_TUPLE], n);
    if (!t) {
        for (size_t i = 0; i < n; i++)
            heap_decref(h, items[i]);
        return NULLREF;
    }
    memcpy(td(h, t)->items, items, n * sizeof(Ref));
    gc_track(h, t);
    return t;
}

/* _PyTuple_Resize: grow or shrink *PT (a fresh, unshared tuple) in place
 * (a realloc of its block); 0, or -1 with *PT released and set to 0. */
int tuple_resize(Heap *h, Ref *pt, size_t newsize)
{
    Ref v = *pt;
    size_t oldsize = tuple_size(h, v);
    if (oldsize == newsize)
        return 0;
    if (newsize == 0 && h->prof->tuple_resize_empty_singleton) {
        heap_decref(h, v);
        *pt = heap_newref(h, h->empty_tuple);
        return 0;
    }
    if (oldsize == 0) {              /* never resize a shared empty tuple */
        heap_decref(h, v);
        *pt = newsize ? tuple_new(h, newsize) : heap_newref(h, h->empty_tuple);
        return *pt ? 0 : -1;
    }
    gc_untrack(h, v);
    for (size_t i = newsize; i < oldsize; i++)
        tuple_set_item(h, v, i, NULLREF);
    Obj *o = heap_obj(h, v);
    uint64_t block = heap_mem_realloc(h, o->addr - gch(h), tuple_bytes(h, oldsize),
                                      tuple_bytes(h, newsize));
    if (!block) {
        *pt = NULLREF;
        heap_decref(h, v);
        return -1;
    }
    o = heap_obj(h, v);
    o->addr = block + gch(h);
    TupleData *d = xrealloc(td(h, v), sizeof *d + newsize * sizeof(Ref));
    for (size_t i = oldsize; i < newsize; i++)
        d->items[i] = NULLREF;
    d->n = newsize;
    o->v.p = d;
    gc_track(h, v);
    return 0;
}

/* Grow RESULT (N slots, J filled) the way PySequence_Tuple does. */
static int grow_for_iterable(Heap *h, Ref *result, size_t *n)
{
    size_t newn = *n + 10;
    newn += newn >> 2;
    *n = newn;
    return tuple_resize(h, result, newn);
}

/* PySequence_Tuple: T itself for an exact tuple, a copy of a list, else
 * the items of the iterable, collected by growing a tuple. */
Ref tuple_from_iterable(Heap *h, Ref iterable)
{
    if (tuple_check_exact(h, iterable))
        return heap_newref(h, iterable);
    if (list_check_exact(h, iterable))
        return list_as_tuple(h, iterable);
    Ref it = obj_iter(h, iterable);
    if (!it)
        return NULLREF;
    size_t n;
    if (iter_length_hint(h, iterable, 10, &n) < 0) {
        heap_decref(h, it);
        return NULLREF;
    }
    Ref result = tuple_new(h, n);
    size_t j = 0;
    while (result) {
        Ref item = obj_next(h, it);
        if (!item) {
            if (h->exc)
                heap_setref(h, &result, NULLREF);
            break;
        }
        if (j >= n && grow_for_iterable(h, &result, &n) < 0) {
            heap_decref(h, item);
            break;
        }
        td(h, result)->items[j++] = item;
    }
    if (result && j < n && tuple_resize(h, &result, j) < 0)
        result = NULLREF;
    heap_decref(h, it);
    return result;
}

/* t[lo:hi] with 0 <= lo <= hi <= len (t itself for the whole exact tuple). */
Ref tuple_getslice(Heap *h, Ref t, size_t lo, size_t hi)
{
    if (lo == 0 && hi == tuple_size(h, t) && tuple_check_exact(h, t))
        return heap_newref(h, t);
    return tuple_from_array(h, tuple_items(h, t) + lo, hi - lo);
}

/* _PyObject_GC_MAY_BE_TRACKED: O could be part of a cycle. */
static bool may_be_tracked(const Heap *h, Ref o)
{
    if (!is_gc(h, o))
        return false;
    if (tuple_check_exact(h, o))
        return gc_is_tracked(h, o);
    return true;
}

/* _PyTuple_MaybeUntrack: untrack exact tuple T when no item can be part of
 * a cycle (no GC-able items other than untracked tuples). */
void tuple_untrack_if_atomic(Heap *h, Ref t)
{
    if (!tuple_check_exact(h, t) || !gc_is_tracked(h, t))
        return;
    TupleData *d = td(h, t);
    for (size_t i = 0; i < d->n; i++)
        if (!d->items[i] || may_be_tracked(h, d->items[i]))
            return;
    gc_untrack(h, t);
}

/* ---- slots ---- */

/* tupledealloc: release the items last to first, then recycle the block. */
static void tuple_dealloc(Heap *h, Ref t)
{
    TupleData *d = td(h, t);
    size_t n = d->n;
    for (size_t i = n; i-- > 0;) {
        Ref item = d->items[i];
        d->items[i] = NULLREF;
        heap_decref(h, item);
        d = td(h, t);
    }
    bool exact = tuple_check_exact(h, t);
    free(td(h, t));
    h->objs[t].v.p = NULL;
    if (n > 0 && exact && n < HEAP_TUPLE_FREELISTS
        && heap_freelist_push(&h->fl_tuple[n], h->objs[t].addr - gch(h))) {
        heap_free_slot(h, t);
        return;
    }
    heap_free_object(h, t, gch(h), true);
}

/* Visit the items, from the last to the first as tupletraverse does. */
static void tuple_traverse(Heap *h, Ref t, VisitFn visit, void *arg)
{
    TupleData *d = td(h, t);
    for (size_t i = d->n; i-- > 0;)
        if (d->items[i])
            visit(h, d->items[i], arg);
}

/* Free the host payload (heap teardown). */
static void tuple_release(Heap *h, Ref t)
{
    free(td(h, t));
    h->objs[t].v.p = NULL;
}

/* Copy the payload for heap_clone. */
static void tuple_clone(const Heap *src, Heap *dst, Ref t, CloneMap *map)
{
    (void)map;
    const TupleData *d = td(src, t);
    dst->objs[t].v.p = d ? clone_memdup(d, sizeof *d + d->n * sizeof(Ref)) : NULL;
}

/* sys.getsizeof: GC header + 24 + 8 per item. */
static size_t tuple_sizeof(Heap *h, Ref t)
{
    return tuple_bytes(h, tuple_size(h, t));
}

/* repr: (), (1,), (1, 2); (...) for a tuple inside its own repr. */
static Ref tuple_repr(Heap *h, Ref t)
{
    size_t n = tuple_size(h, t);
    if (n == 0)
        return str_from_cstr(h, "()");
    int rec = heap_repr_enter(h, t);
    if (rec)
        return str_from_cstr(h, "(...)");
    StrBuf b = {0};
    strbuf_putc(&b, '(');
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        if (i > 0)
            strbuf_puts(&b, ", ");
        ok = obj_repr_into(h, tuple_items(h, t)[i], &b);
    }
    heap_repr_leave(h, t);
    Ref s = NULLREF;
    if (ok) {
        strbuf_puts(&b, n == 1 ? ",)" : ")");
        s = str_from_utf8(h, b.data, b.len);
    }
    strbuf_free(&b);
    return s;
}

#define XXPRIME_1 11400714785074694791ULL
#define XXPRIME_2 14029467366897019727ULL
#define XXPRIME_5 2870177450012600261ULL

/* CPython's tuple hash (xxHash-based, 3.8+): 0, or -1 with an exception. */
int tuple_hash_items(Heap *h, const Ref *items, size_t n, int64_t *out)
{
    uint64_t acc = XXPRIME_5;
    for (size_t i = 0; i < n; i++) {
        int64_t lane;
        if (obj_hash(h, items[i], &lane) < 0)
            return -1;
        acc += (uint64_t)lane * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)n ^ (XXPRIME_5 ^ 3527539ULL);
    *out = acc == (uint64_t)-1 ? 1546275796 : (int64_t)acc;
    return 0;
}

/* hash(t). */
static int tuple_hash(Heap *h, Ref t, int64_t *out)
{
    return tuple_hash_items(h, tuple_items(h, t), tuple_size(h, t), out);
}

/* A bool result of comparing two sizes with OP (Py_RETURN_RICHCOMPARE). */
static Ref compare_sizes(Heap *h, size_t a, size_t b, int op)
{
    bool r = false;
    switch (op) {
    case CMP_LT: r = a < b; break;
    case CMP_LE: r = a <= b; break;
    case CMP_EQ: r = a == b; break;
    case CMP_NE: r = a != b; break;
    case CMP_GT: r = a > b; break;
    case CMP_GE: r = a >= b; break;
    }
    return bool_from(h, r);
}

/* tuplerichcompare: lexicographic, the first differing items decide. */
static Ref tuple_richcompare(Heap *h, Ref v, Ref w, int op)
{
    if (!tuple_check(h, v) || !tuple_check(h, w))
        return heap_newref(h, h->notimpl);
    size_t vlen = tuple_size(h, v), wlen = tuple_size(h, w), i;
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = obj_richcompare_bool(h, tuple_items(h, v)[i], tuple_items(h, w)[i], CMP_EQ);
        if (k < 0)
            return NULLREF;
        if (!k)
            break;
    }
    if (i >= vlen || i >= wlen)
        return compare_sizes(h, vlen, wlen, op);
    if (op == CMP_EQ)
        return bool_from(h, 0);
    if (op == CMP_NE)
        return bool_from(h, 1);
    return obj_richcompare(h, tuple_items(h, v)[i], tuple_items(h, w)[i], op);
}

/* True when O is an instance of a user class defining NAME. */
static bool user_defines(Heap *h, Ref o, const char *name)
{
    Ref t = heap_type(h, o);
    return type_data(h, t)->heaptype && type_lookup_cstr(h, t, name);
}

/* tupleconcat: a + b of two tuples (either one itself when the other is
 * empty); NotImplemented otherwise, so abstract.c reports the error. */
static Ref tuple_concat(Heap *h, Ref a, Ref b)
{
    if (!tuple_check(h, a) || !tuple_check(h, b))
        return heap_newref(h, h->notimpl);
    size_t na = tuple_size(h, a), nb = tuple_size(h, b);
    if (nb == 0 && tuple_check_exact(h, a))
        return heap_newref(h, a);
    if (na == 0 && tuple_check_exact(h, b))
        return heap_newref(h, b);
    if (na + nb == 0)
        return heap_newref(h, h->empty_tuple);
    Ref t = tuple_alloc_type(h, h->type_of_kind[K_TUPLE], na + nb);
    if (!t)
        return NULLREF;
    for (size_t i = 0; i < na; i++)
        td(h, t)->items[i] = heap_newref(h, tuple_items(h, a)[i]);
    for (size_t i = 0; i < nb; i++)
        td(h, t)->items[na + i] = heap_newref(h, tuple_items(h, b)[i]);
    gc_track(h, t);
    return t;
}

/* tuplerepeat: t * n (t itself when n == 1 or t is empty). */
static Ref tuple_repeat(Heap *h, Ref t, int64_t n)
{
    size_t size = tuple_size(h, t);
    if ((size == 0 || n == 1) && tuple_check_exact(h, t))
        return heap_newref(h, t);
    if (size == 0 || n <= 0)
        return heap_newref(h, h->empty_tuple);
    if ((uint64_t)n > (uint64_t)INT64_MAX / 8 / size) {
        heap_raise(h, EXC_MemoryError, "%s", "");
        return NULLREF;
    }
    Ref r = tuple_alloc_type(h, h->type_of_kind[K_TUPLE], size * (size_t)n);
    if (!r)
        return NULLREF;
    Ref *dst = td(h, r)->items;
    for (int64_t k = 0; k < n; k++)
        for (size_t i = 0; i < size; i++)
            *dst++ = heap_newref(h, tuple_items(h, t)[i]);
    gc_track(h, r);
    return r;
}

/* a * b where one side is a tuple: sequence_repeat with an index. */
static Ref tuple_mul(Heap *h, Ref a, Ref b)
{
    Ref seq = tuple_check(h, a) ? a : b, n = seq == a ? b : a;
    if (!tuple_check(h, seq) || (seq == b && user_defines(h, a, "__mul__"))
        || (seq == a && user_defines(h, b, "__rmul__")) || !slice_index_check(h, n))
        return heap_newref(h, h->notimpl);
    int64_t count;
    if (slice_as_ssize(h, n, SSIZE_OVERFLOW_ERROR, &count) < 0)
        return NULLREF;
    return tuple_repeat(h, seq, count);
}

/* len(t). */
static int tuple_len(Heap *h, Ref t, size_t *out)
{
    *out = tuple_size(h, t);
    return 0;
}

/* t[i] and t[i:j:k]. */
static Ref tuple_subscript(Heap *h, Ref t, Ref key)
{
    size_t n = tuple_size(h, t);
    if (slice_index_check(h, key)) {
        int64_t i;
        if (slice_as_ssize(h, key, SSIZE_INDEX_ERROR, &i) < 0)
            return NULLREF;
        if (i < 0)
            i += (int64_t)n;
        if (i < 0 || (uint64_t)i >= n)
            return heap_raise(h, EXC_IndexError, "tuple index out of range");
        return heap_newref(h, tuple_items(h, t)[i]);
    }
    if (slice_check(h, key)) {
        int64_t start, stop, step;
        size_t len;
        if (slice_indices(h, key, n, &start, &stop, &step, &len) < 0)
            return NULLREF;
        if (len == 0)
            return heap_newref(h, h->empty_tuple);
        if (step == 1)
            return tuple_getslice(h, t, (size_t)start, (size_t)start + len);
        Ref r = tuple_alloc_type(h, h->type_of_kind[K_TUPLE], len);
        if (!r)
            return NULLREF;
        for (size_t i = 0; i < len; i++)
            td(h, r)->items[i] = heap_newref(h, tuple_items(h, t)[start + (int64_t)i * step]);
        gc_track(h, r);
        return r;
    }
    return heap_raise(h, EXC_TypeError, "tuple indices must be integers or slices, not %s",
                      heap_type_name(h, key));
}

/* x in t. */
static int tuple_contains(Heap *h, Ref t, Ref x)
{
    int cmp = 0;
    for (size_t i = 0; cmp == 0 && i < tuple_size(h, t); i++) {
        Ref item = tuple_items(h, t)[i];
        cmp = h->prof->contains_needle_left ? obj_richcompare_bool(h, x, item, CMP_EQ)
                                            : obj_richcompare_bool(h, item, x, CMP_EQ);
    }
    return cmp;
}

/* tuple(), tuple(iterable): the argument itself when it is a tuple. */
static Ref tuple_type_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_no_kwnames(h, "tuple", kwnames)
        || !seqarg_positional(h, "tuple", nargs, 0, 1))
        return NULLREF;
    Ref t = nargs ? tuple_from_iterable(h, args[0]) : heap_newref(h, h->empty_tuple);
    if (!t || type == h->type_of_kind[K_TUPLE])
        return t;
    size_t n = tuple_size(h, t);
    Ref sub = heap_alloc_object(h, K_TUPLE, type, tuple_bytes(h, n), gch(h), true);
    if (sub) {
        set_payload(h, sub, n);
        for (size_t i = 0; i < n; i++)
            td(h, sub)->items[i] = heap_newref(h, tuple_items(h, t)[i]);
        gc_track(h, sub);
    }
    heap_decref(h, t);
    return sub;
}

/* tuple.count(x). */
static Ref tuple_count_meth(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (!seqarg_meth_o(h, "tuple", "count", nargs, kwnames))
        return NULLREF;
    int64_t count = 0;
    for (size_t i = 0; i < tuple_size(h, self); i++) {
        int cmp = obj_richcompare_bool(h, tuple_items(h, self)[i], args[0], CMP_EQ);
        if (cmp < 0)
            return NULLREF;
        count += cmp;
    }
    return int_from_i64(h, count);
}

/* The optional start/stop arguments of index() (slice_index converter). */
static int index_bounds(Heap *h, const Ref *args, size_t nargs, int64_t *start,
                        int64_t *stop)
{
    *start = 0;
    *stop = INT64_MAX;
    if (nargs > 1 && args[1] != h->none && slice_eval_index(h, args[1], start) < 0)
        return -1;
    if (nargs > 2 && args[2] != h->none && slice_eval_index(h, args[2], stop) < 0)
        return -1;
    return 0;
}

/* tuple.index(x[, start[, stop]]). */
static Ref tuple_index_meth(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    int64_t start, stop, n = (int64_t)tuple_size(h, self);
    if (!seqarg_no_kwnames(h, "index", kwnames) || !seqarg_positional(h, "index", nargs, 1, 3)
        || index_bounds(h, args, nargs, &start, &stop) < 0)
        return NULLREF;
    if (start < 0 && (start += n) < 0)
        start = 0;
    if (stop < 0 && (stop += n) < 0)
        stop = 0;
    for (int64_t i = start; i < stop && i < n; i++) {
        int cmp = obj_richcompare_bool(h, tuple_items(h, self)[i], args[0], CMP_EQ);
        if (cmp > 0)
            return int_from_i64(h, i);
        if (cmp < 0)
            return NULLREF;
    }
    return heap_raise(h, EXC_ValueError, "tuple.index(x): x not in tuple");
}

static const MethodDef tuple_methods[] = {
    {"count", tuple_count_meth, "Return number of occurrences of value."},
    {"index", tuple_index_meth, "Return first index of value."},
    {NULL, NULL, NULL},
};

const TypeOps tuple_ops = {
    .name = "tuple", .gc = 1, .basetype = 1,
    .sizeof_ = tuple_sizeof, .dealloc = tuple_dealloc, .traverse = tuple_traverse,
    .release = tuple_release, .clone = tuple_clone, .repr = tuple_repr, .hash = tuple_hash,
    .richcompare = tuple_richcompare,
    .binop = {[OP_ADD] = tuple_concat, [OP_MUL] = tuple_mul},
    .len = tuple_len, .getitem = tuple_subscript, .contains = tuple_contains,
    .iter = tuple_iter, .new_ = tuple_type_new, .methods = tuple_methods,
};

/* ---- tuple iterator ---- */

/* A new iterator over tuple T. */
Ref tuple_iter(Heap *h, Ref t)
{
    return iter_seq_new(h, K_TUPLEITER, t, 0);
}

/* tupleiter_next: the next item; the tuple is released at the end. */
static Ref tupleiter_next(Heap *h, Ref it)
{
    Ref seq = iter_seq(h, it);
    if (!seq)
        return NULLREF;
    int64_t i = iter_index(h, it);
    if ((size_t)i < tuple_size(h, seq)) {
        h->objs[it].v.i = i + 1;
        return heap_newref(h, tuple_items(h, seq)[i]);
    }
    iter_seq_release(h, it);
    return NULLREF;
}

/* tupleiter.__length_hint__(). */
static Ref tupleiter_length_hint(Heap *h, Ref self, const Ref *args, size_t nargs,
                                 Ref kwnames)
{
    (void)args;
    if (!seqarg_meth_noargs(h, "tuple_iterator", "__length_hint__", nargs, kwnames))
        return NULLREF;
    Ref seq = iter_seq(h, self);
    int64_t n = seq ? (int64_t)tuple_size(h, seq) - iter_index(h, self) : 0;
    return int_from_i64(h, n < 0 ? 0 : n);
}

static const MethodDef tupleiter_methods[] = {
    {"__length_hint__", tupleiter_length_hint, ITER_LENGTH_HINT_DOC},
    {NULL, NULL, NULL},
};

const TypeOps tupleiter_ops = {
    .name = "tuple_iterator", .gc = 1,
    .sizeof_ = iter_seq_sizeof, .dealloc = iter_seq_dealloc, .traverse = iter_seq_traverse,
    .iter = iter_self, .iternext = tupleiter_next, .methods = tupleiter_methods,
};
