/* Generic object operations (CPython's Objects/abstract.c and object.c).
 *
 * Builtin kinds answer through their TypeOps slots; instances of user
 * classes answer through dunder methods looked up on their type's MRO and
 * run by the VM (heap_call).  Binary operators follow binary_op1: the left
 * operand's method, then the right operand's reflected one, and CPython's
 * TypeError text when both decline. */
#include "sim/abstract.h"

#include <stdlib.h>
#include <string.h>

#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/funcobject.h"
#include "sim/format.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"
#include "util/xalloc.h"

static const char *const binop_dunder[OP_BINOP_MAX] = {
    "__add__", "__sub__", "__mul__", "__matmul__", "__truediv__", "__floordiv__",
    "__mod__", "__pow__", "__lshift__", "__rshift__", "__and__", "__xor__", "__or__",
};
static const char *const binop_rdunder[OP_BINOP_MAX] = {
    "__radd__", "__rsub__", "__rmul__", "__rmatmul__", "__rtruediv__", "__rfloordiv__",
    "__rmod__", "__rpow__", "__rlshift__", "__rrshift__", "__rand__", "__rxor__", "__ror__",
};
static const char *const binop_idunder[OP_BINOP_MAX] = {
    "__iadd__", "__isub__", "__imul__", "__imatmul__", "__itruediv__", "__ifloordiv__",
    "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__iand__", "__ixor__", "__ior__",
};
static const char *const binop_symbol[OP_BINOP_MAX] = {
    "+", "-", "*", "@", "/", "//", "%", "** or pow()", "<<", ">>", "&", "^", "|",
};
static const char *const cmp_dunder[6] = {
    "__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__",
};
static const char *const cmp_symbol[6] = {"<", "<=", "==", "!=", ">", ">="};
static const int cmp_swapped[6] = {CMP_GT, CMP_GE, CMP_EQ, CMP_NE, CMP_LT, CMP_LE};

/* True when O is an instance of a class defined by a class statement. */
static bool is_heap_instance(const Heap *h, Ref o)
{
    Ref t = heap_type(h, o);
    return heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype;
}

/* The dunder NAME of O's class, when O's class is user-defined; borrowed. */
static Ref find_dunder(Heap *h, Ref o, const char *name)
{
    if (!is_heap_instance(h, o))
        return NULLREF;
    return type_lookup_cstr(h, heap_type(h, o), name);
}

/* Call dunder FN with SELF and N more arguments. */
static Ref call_dunder(Heap *h, Ref fn, Ref self, const Ref *args, size_t n)
{
    Ref buf[4];
    buf[0] = self;
    for (size_t i = 0; i < n && i < 3; i++)
        buf[i + 1] = args[i];
    return heap_call(h, fn, buf, n + 1, NULLREF);
}

/* Try O's dunder NAME with N arguments: *FOUND tells whether it exists. */
static Ref try_dunder(Heap *h, Ref o, const char *name, const Ref *args, size_t n,
                      bool *found)
{
    Ref fn = find_dunder(h, o, name);
    *found = fn != 0;
    return fn ? call_dunder(h, fn, o, args, n) : NULLREF;
}

/* Return a str object from a C buffer and free the buffer. */
static Ref finish_strbuf(Heap *h, StrBuf *b)
{
    Ref s = str_from_utf8(h, b->data ? b->data : "", b->len);
    strbuf_free(b);
    return s;
}

/* The default repr: <__main__.A object at 0x7f...>. */
static Ref default_repr(Heap *h, Ref o)
{
    StrBuf b = {0};
    Ref t = heap_type(h, o);
    TypeData *d = type_data(h, t);
    strbuf_putc(&b, '<');
    if (d->heaptype) {
        Ref mod = dict_getitem_cstr(h, d->dict, "__module__");
        if (mod && str_check(h, mod) && !str_eq_cstr(h, mod, "builtins"))
            strbuf_printf(&b, "%s.", str_utf8(h, mod, NULL));
        strbuf_puts(&b, str_utf8(h, d->qualname, NULL));
    } else {
        strbuf_puts(&b, d->cname);
    }
    strbuf_printf(&b, " object at 0x%llx>", (unsigned long long)h->objs[o].addr);
    return finish_strbuf(h, &b);
}

/* Check that a __repr__/__str__ result is a str. */
static Ref check_str_result(Heap *h, Ref r, const char *what)
{
    if (r && !str_check(h, r)) {
        heap_raise(h, EXC_TypeError, "%s returned non-string (type %s)", what,
                   heap_type_name(h, r));
        heap_decref(h, r);
        return NULLREF;
    }
    return r;
}

static Ref repr_inner(Heap *h, Ref o);

/* repr(o) as a str object. */
Ref obj_repr(Heap *h, Ref o)
{
    if (!heap_enter_recursive(h, " while getting the repr of an object"))
        return NULLREF;
    Ref r = repr_inner(h, o);
    heap_leave_recursive(h);
    return r;
}

/* repr(o) without the recursion guard. */
static Ref repr_inner(Heap *h, Ref o)
{
    bool found;
    Ref r = try_dunder(h, o, "__repr__", NULL, 0, &found);
    if (found)
        return check_str_result(h, r, "__repr__");
    const TypeOps *ops = heap_ops(h, o);
    if (ops->repr)
        return ops->repr(h, o);
    return default_repr(h, o);
}

/* str(o) as a str object. */
Ref obj_str(Heap *h, Ref o)
{
    if (heap_kind(h, o) == K_STR && !is_heap_instance(h, o))
        return heap_newref(h, o);
    bool found;
    Ref r = try_dunder(h, o, "__str__", NULL, 0, &found);
    if (found)
        return check_str_result(h, r, "__str__");
    const TypeOps *ops = heap_ops(h, o);
    if (ops->str)
        return ops->str(h, o);
    return obj_repr(h, o);
}

/* Append the UTF-8 of str S to B and drop S. */
static bool append_str(Heap *h, Ref s, StrBuf *b)
{
    if (!s)
        return false;
    size_t n;
    const char *u = str_utf8(h, s, &n);
    strbuf_append(b, u, n);
    heap_decref(h, s);
    return true;
}

/* Append repr(o) to B as UTF-8; false on error. */
bool obj_repr_into(Heap *h, Ref o, StrBuf *b)
{
    return append_str(h, obj_repr(h, o), b);
}

/* Append str(o) to B as UTF-8; false on error. */
bool obj_str_into(Heap *h, Ref o, StrBuf *b)
{
    return append_str(h, obj_str(h, o), b);
}

/* format(o, spec) as a str object (SPEC is a str or 0 for ""). */
Ref obj_format(Heap *h, Ref o, Ref spec)
{
    Ref sp = spec ? spec : h->empty_str;
    bool found;
    Ref r = try_dunder(h, o, "__format__", &sp, 1, &found);
    if (found)
        return check_str_result(h, r, "__format__");
    size_t n = 0;
    const char *s = str_utf8(h, sp, &n);
    if (n == 0)
        return obj_str(h, o);
    return format_spec(h, o, s, n);
}

/* hash(o); -1 with TypeError "unhashable type: 'list'" etc. */
int obj_hash(Heap *h, Ref o, int64_t *out)
{
    if (is_heap_instance(h, o)) {
        Ref t = heap_type(h, o);
        Ref fn = type_lookup_cstr(h, t, "__hash__");
        if (fn == h->none || (!fn && type_lookup_cstr(h, t, "__eq__"))) {
            heap_raise(h, EXC_TypeError, "unhashable type: '%s'", heap_type_name(h, o));
            return -1;
        }
        if (fn) {
            Ref r = call_dunder(h, fn, o, NULL, 0);
            if (!r)
                return -1;
            int64_t v;
            bool ok = int_check(h, r) && int_as_i64(h, r, &v);
            heap_decref(h, r);
            if (!ok) {
                heap_raise(h, EXC_TypeError, "__hash__ method should return an integer");
                return -1;
            }
            *out = v == -1 ? -2 : v;
            return 0;
        }
    }
    const TypeOps *ops = heap_ops(h, o);
    if (!ops->hash) {
        heap_raise(h, EXC_TypeError, "unhashable type: '%s'", heap_type_name(h, o));
        return -1;
    }
    return ops->hash(h, o, out);
}

/* One side of a rich comparison: O's dunder or its kind's slot.  A class
 * with __eq__ but no __ne__ gets object.__ne__: the inverted __eq__. */
static Ref compare_side(Heap *h, Ref o, Ref other, int op)
{
    bool found;
    Ref r = try_dunder(h, o, cmp_dunder[op], &other, 1, &found);
    if (found)
        return r;
    if (op == CMP_NE && find_dunder(h, o, "__eq__")) {
        r = try_dunder(h, o, "__eq__", &other, 1, &found);
        if (!r || r == h->notimpl)
            return r;
        int t = obj_truth(h, r);
        heap_decref(h, r);
        return t < 0 ? NULLREF : heap_newref(h, t ? h->false_ : h->true_);
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->richcompare)
        return ops->richcompare(h, o, other, op);
    return heap_newref(h, h->notimpl);
}

static Ref richcompare_inner(Heap *h, Ref a, Ref b, int op);

/* a OP b as an object (op is CMP_*). */
Ref obj_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!heap_enter_recursive(h, " in comparison"))
        return NULLREF;
    Ref r = richcompare_inner(h, a, b, op);
    heap_leave_recursive(h);
    return r;
}

/* a OP b without the recursion guard. */
static Ref richcompare_inner(Heap *h, Ref a, Ref b, int op)
{
    if (heap_type(h, a) == heap_type(h, b) && !is_heap_instance(h, a)) {
        /* same builtin type: no dunders, only the type's slot */
        const TypeOps *ops = heap_ops(h, a);
        Ref r = ops->richcompare ? ops->richcompare(h, a, b, op) : heap_newref(h, h->notimpl);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
        ops = heap_ops(h, b);
        r = ops->richcompare ? ops->richcompare(h, b, a, cmp_swapped[op])
                             : heap_newref(h, h->notimpl);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
        if (op == CMP_EQ || op == CMP_NE)
            return heap_newref(h, ((a == b) == (op == CMP_EQ)) ? h->true_ : h->false_);
        return heap_raise(h, EXC_TypeError,
                          "'%s' not supported between instances of '%s' and '%s'",
                          cmp_symbol[op], heap_type_name(h, a), heap_type_name(h, b));
    }
    bool reflected_first = heap_type(h, a) != heap_type(h, b)
                           && type_is_subtype(h, heap_type(h, b), heap_type(h, a))
                           && find_dunder(h, b, cmp_dunder[cmp_swapped[op]]);
    Ref r;
    if (reflected_first) {
        r = compare_side(h, b, a, cmp_swapped[op]);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
    }
    r = compare_side(h, a, b, op);
    if (r != h->notimpl)
        return r;
    heap_decref(h, r);
    if (!reflected_first) {
        r = compare_side(h, b, a, cmp_swapped[op]);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
    }
    if (op == CMP_EQ || op == CMP_NE)
        return heap_newref(h, ((a == b) == (op == CMP_EQ)) ? h->true_ : h->false_);
    return heap_raise(h, EXC_TypeError,
                      "'%s' not supported between instances of '%s' and '%s'",
                      cmp_symbol[op], heap_type_name(h, a), heap_type_name(h, b));
}

/* a OP b as 1/0, -1 on error; identity implies equality for EQ/NE. */
int obj_richcompare_bool(Heap *h, Ref a, Ref b, int op)
{
    if (a == b && (op == CMP_EQ || op == CMP_NE))
        return op == CMP_EQ;
    Ref r = obj_richcompare(h, a, b, op);
    if (!r)
        return -1;
    int t = r == h->true_ ? 1 : r == h->false_ ? 0 : obj_truth(h, r);
    heap_decref(h, r);
    return t;
}

/* The kind-level binary slot of O for OP applied to (a, b). */
static Ref slot_binop(Heap *h, Ref o, Ref a, Ref b, BinOp op)
{
    const TypeOps *ops = heap_ops(h, o);
    if (ops->binop[op])
        return ops->binop[op](h, a, b);
    return heap_newref(h, h->notimpl);
}

/* CPython's binary_op1: left then right, NotImplemented when both decline. */
static Ref binary_op1(Heap *h, Ref a, Ref b, BinOp op)
{
    bool found;
    Ref r;
    bool same = heap_type(h, a) == heap_type(h, b);
    if (same && !is_heap_instance(h, a))      /* builtin kinds: the slot alone */
        return slot_binop(h, a, a, b, op);
    bool b_first = !same && type_is_subtype(h, heap_type(h, b), heap_type(h, a))
                   && find_dunder(h, b, binop_rdunder[op]);
    if (b_first) {
        r = try_dunder(h, b, binop_rdunder[op], &a, 1, &found);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
    }
    r = try_dunder(h, a, binop_dunder[op], &b, 1, &found);
    if (!found)
        r = slot_binop(h, a, a, b, op);
    if (r != h->notimpl)
        return r;
    heap_decref(h, r);
    if (same && !is_heap_instance(h, a))
        return heap_newref(h, h->notimpl);
    if (!b_first) {
        r = try_dunder(h, b, binop_rdunder[op], &a, 1, &found);
        if (!found)
            r = same ? heap_newref(h, h->notimpl) : slot_binop(h, b, a, b, op);
        if (r != h->notimpl)
            return r;
        heap_decref(h, r);
    }
    return heap_newref(h, h->notimpl);
}

/* Raise CPython's TypeError for an unsupported binary operation. */
static Ref binop_error(Heap *h, Ref a, Ref b, BinOp op, bool inplace)
{
    Kind ka = heap_kind(h, a);
    bool seq = (ka == K_STR || ka == K_LIST || ka == K_TUPLE || ka == K_BYTES)
               && !is_heap_instance(h, a);
    if (op == OP_ADD && seq && ka != K_BYTES)
        return heap_raise(h, EXC_TypeError, "can only concatenate %s (not \"%s\") to %s",
                          heap_type_name(h, a), heap_type_name(h, b), heap_type_name(h, a));
    if (op == OP_ADD && ka == K_BYTES && !is_heap_instance(h, a))
        return heap_raise(h, EXC_TypeError, "can't concat %s to bytes", heap_type_name(h, b));
    if (op == OP_MUL && (seq || ((heap_kind(h, b) == K_STR || heap_kind(h, b) == K_LIST
                                  || heap_kind(h, b) == K_TUPLE || heap_kind(h, b) == K_BYTES)
                                 && !is_heap_instance(h, b))))
        return heap_raise(h, EXC_TypeError, "can't multiply sequence by non-int of type '%s'",
                          heap_type_name(h, seq ? b : a));
    return heap_raise(h, EXC_TypeError, "unsupported operand type(s) for %s%s: '%s' and '%s'",
                      binop_symbol[op], inplace ? "=" : "", heap_type_name(h, a),
                      heap_type_name(h, b));
}

/* a OP b for binary operators (OP_*). */
Ref obj_binop(Heap *h, Ref a, Ref b, BinOp op)
{
    Ref r = binary_op1(h, a, b, op);
    if (r != h->notimpl)
        return r;
    heap_decref(h, r);
    return binop_error(h, a, b, op, false);
}

/* a OP= b. */
Ref obj_inplace(Heap *h, Ref a, Ref b, BinOp op)
{
    bool found = false;
    bool heap_inst = is_heap_instance(h, a);
    const TypeOps *ops = heap_ops(h, a);
    Ref r = heap_inst ? try_dunder(h, a, binop_idunder[op], &b, 1, &found) : NULLREF;
    bool owned = found;          /* R is a new reference */
    if (!found && ops->inplace[op] && !heap_inst) {
        r = ops->inplace[op](h, a, b);
        owned = true;
    } else if (!found) {
        r = h->notimpl;          /* no in-place slot: straight to binary_op1 */
    }
    if (r != h->notimpl)
        return r;
    if (owned)
        heap_decref(h, r);
    r = binary_op1(h, a, b, op);
    if (r != h->notimpl)
        return r;
    heap_decref(h, r);
    return binop_error(h, a, b, op, true);
}

/* -a, +a, ~a. */
Ref obj_unary(Heap *h, Ref a, UnaryOp op)
{
    static const char *const dunder[3] = {"__neg__", "__pos__", "__invert__"};
    static const char *const symbol[3] = {"unary -", "unary +", "unary ~"};
    if (op == OP_NOT) {
        int t = obj_truth(h, a);
        return t < 0 ? NULLREF : heap_newref(h, t ? h->false_ : h->true_);
    }
    bool found;
    Ref r = try_dunder(h, a, dunder[op], NULL, 0, &found);
    if (found)
        return r;
    const TypeOps *ops = heap_ops(h, a);
    if (ops->unary[op])
        return ops->unary[op](h, a);
    return heap_raise(h, EXC_TypeError, "bad operand type for %s: '%s'", symbol[op],
                      heap_type_name(h, a));
}

/* bool(o): 1/0, -1 on error. */
int obj_truth(Heap *h, Ref o)
{
    if (o == h->true_)
        return 1;
    if (o == h->false_ || o == h->none)
        return 0;
    bool found;
    Ref r = try_dunder(h, o, "__bool__", NULL, 0, &found);
    if (found) {
        if (!r)
            return -1;
        if (heap_kind(h, r) != K_BOOL) {
            heap_raise(h, EXC_TypeError, "__bool__ should return bool, returned %s",
                       heap_type_name(h, r));
            heap_decref(h, r);
            return -1;
        }
        int t = r == h->true_;
        heap_decref(h, r);
        return t;
    }
    if (find_dunder(h, o, "__len__")) {
        size_t n;
        return obj_len(h, o, &n) < 0 ? -1 : n != 0;
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->truth && !is_heap_instance(h, o))
        return ops->truth(h, o);
    if (ops->len && !is_heap_instance(h, o)) {
        size_t n;
        return ops->len(h, o, &n) < 0 ? -1 : n != 0;
    }
    return 1;
}

/* len(o); -1 on error. */
int obj_len(Heap *h, Ref o, size_t *out)
{
    bool found;
    Ref r = try_dunder(h, o, "__len__", NULL, 0, &found);
    if (found) {
        if (!r)
            return -1;
        int64_t v;
        bool ok = int_check(h, r) && int_as_i64(h, r, &v);
        heap_decref(h, r);
        if (!ok) {
            heap_raise(h, EXC_TypeError, "'%s' object cannot be interpreted as an integer",
                       heap_type_name(h, r));
            return -1;
        }
        if (v < 0) {
            heap_raise(h, EXC_ValueError, "__len__() should return >= 0");
            return -1;
        }
        *out = (size_t)v;
        return 0;
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->len && !is_heap_instance(h, o))
        return ops->len(h, o, out);
    heap_raise(h, EXC_TypeError, "object of type '%s' has no len()", heap_type_name(h, o));
    return -1;
}

/* o[key]. */
Ref obj_getitem(Heap *h, Ref o, Ref key)
{
    bool found;
    Ref r = try_dunder(h, o, "__getitem__", &key, 1, &found);
    if (found)
        return r;
    const TypeOps *ops = heap_ops(h, o);
    if (ops->getitem && !is_heap_instance(h, o))
        return ops->getitem(h, o, key);
    if (heap_kind(h, o) == K_TYPE)
        return heap_raise(h, EXC_TypeError, "type '%s' is not subscriptable",
                          type_cname(h, o));
    return heap_raise(h, EXC_TypeError, "'%s' object is not subscriptable",
                      heap_type_name(h, o));
}

/* o[key] = value (value 0: del o[key]); -1 on error. */
int obj_setitem(Heap *h, Ref o, Ref key, Ref value)
{
    bool found;
    Ref args[2] = {key, value};
    Ref r = value ? try_dunder(h, o, "__setitem__", args, 2, &found)
                  : try_dunder(h, o, "__delitem__", args, 1, &found);
    if (found) {
        if (!r)
            return -1;
        heap_decref(h, r);
        return 0;
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->setitem && !is_heap_instance(h, o))
        return ops->setitem(h, o, key, value);
    if (value)
        heap_raise(h, EXC_TypeError, "'%s' object does not support item assignment",
                   heap_type_name(h, o));
    else
        heap_raise(h, EXC_TypeError, "'%s' object doesn't support item deletion",
                   heap_type_name(h, o));
    return -1;
}

/* item in o by iterating o: 1/0, -1 on error. */
static int contains_by_iteration(Heap *h, Ref o, Ref item)
{
    Ref it = obj_iter(h, o);
    if (!it)
        return -1;
    int result = 0;
    Ref x;
    while ((x = obj_next(h, it)) != 0) {
        int eq = obj_richcompare_bool(h, x, item, CMP_EQ);
        heap_decref(h, x);
        if (eq != 0) {
            result = eq;
            break;
        }
    }
    heap_decref(h, it);
    return h->exc ? -1 : result;
}

/* item in o: 1/0, -1 on error. */
int obj_contains(Heap *h, Ref o, Ref item)
{
    bool found;
    Ref r = try_dunder(h, o, "__contains__", &item, 1, &found);
    if (found) {
        if (!r)
            return -1;
        int t = obj_truth(h, r);
        heap_decref(h, r);
        return t;
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->contains && !is_heap_instance(h, o))
        return ops->contains(h, o, item);
    if (!ops->iter && !find_dunder(h, o, "__iter__") && !find_dunder(h, o, "__getitem__")) {
        heap_raise(h, EXC_TypeError, "argument of type '%s' is not iterable",
                   heap_type_name(h, o));
        return -1;
    }
    return contains_by_iteration(h, o, item);
}

/* iter(o). */
Ref obj_iter(Heap *h, Ref o)
{
    bool found;
    Ref r = try_dunder(h, o, "__iter__", NULL, 0, &found);
    if (found) {
        if (r && !heap_ops(h, r)->iternext && !find_dunder(h, r, "__next__")) {
            heap_raise(h, EXC_TypeError, "iter() returned non-iterator of type '%s'",
                       heap_type_name(h, r));
            heap_decref(h, r);
            return NULLREF;
        }
        return r;
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->iter && !is_heap_instance(h, o))
        return ops->iter(h, o);
    if (find_dunder(h, o, "__getitem__"))
        return seqiter_new(h, o);
    return heap_raise(h, EXC_TypeError, "'%s' object is not iterable", heap_type_name(h, o));
}

/* next(it): new reference, or 0 (no exception) when exhausted. */
Ref obj_next(Heap *h, Ref it)
{
    bool found;
    Ref r = try_dunder(h, it, "__next__", NULL, 0, &found);
    if (found) {
        if (!r && heap_exc_matches(h, EXC_StopIteration))
            heap_clear_exc(h);
        return r;
    }
    const TypeOps *ops = heap_ops(h, it);
    if (ops->iternext)
        return ops->iternext(h, it);
    return heap_raise(h, EXC_TypeError, "'%s' object is not an iterator",
                      heap_type_name(h, it));
}

/* Bind descriptor V found on O's type: functions become bound methods. */
static Ref bind_descriptor(Heap *h, Ref v, Ref o)
{
    switch (heap_kind(h, v)) {
    case K_FUNCTION:
        return method_new(h, v, o);
    case K_STATICMETHOD:
        return heap_newref(h, (Ref)h->objs[v].v.u);
    case K_CLASSMETHOD:
        return method_new(h, (Ref)h->objs[v].v.u, heap_type(h, o));
    case K_PROPERTY: {
        Ref fget = (Ref)h->objs[v].v.u;
        if (!fget)
            return heap_raise(h, EXC_AttributeError, "unreadable attribute");
        return heap_call(h, fget, &o, 1, NULLREF);
    }
    default:
        return heap_newref(h, v);
    }
}

/* The AttributeError for a missing attribute NAME of O. */
static Ref attribute_error(Heap *h, Ref o, Ref name)
{
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, o), str_utf8(h, name, NULL));
}

/* Generic attribute lookup: type MRO (methods bind), then instance dict. */
Ref obj_generic_getattr(Heap *h, Ref o, Ref name)
{
    Ref t = heap_type(h, o);
    Ref descr = type_lookup(h, t, name);
    if (descr) {
        int slot = memberdescr_index(h, descr);
        if (slot >= 0 && heap_kind(h, o) == K_INSTANCE)
            return instance_slot_get(h, o, slot, name);
        if (heap_kind(h, descr) == K_PROPERTY)
            return bind_descriptor(h, descr, o);
        if (getsetdescr_check(h, descr) && str_eq_cstr(h, name, "__weakref__")) {
            Ref w = weakref_head(h, o);                 /* subtype_getweakref */
            return heap_newref(h, w ? w : h->none);
        }
    }
    if (heap_kind(h, o) == K_INSTANCE) {
        if (str_eq_cstr(h, name, "__dict__") && type_data(h, t)->has_dict)
            return instance_get_dict(h, o);
        Ref v = instance_attr_lookup(h, o, name);
        if (v)
            return heap_newref(h, v);
        if (h->exc)
            return NULLREF;
    }
    if (descr)
        return bind_descriptor(h, descr, o);
    if (str_eq_cstr(h, name, "__class__"))
        return heap_newref(h, t);
    return NULLREF;
}

static Ref getattr_inner(Heap *h, Ref o, Ref name);

/* getattr(o, name) with name a str; an AttributeError records name and obj. */
Ref obj_getattr(Heap *h, Ref o, Ref name)
{
    Ref v = getattr_inner(h, o, name);
    if (!v)
        exc_set_attribute_context(h, o, name);
    return v;
}

/* getattr without the AttributeError context. */
static Ref getattr_inner(Heap *h, Ref o, Ref name)
{
    Kind k = heap_kind(h, o);
    if (k == K_WEAKPROXY || k == K_WEAKCALLABLEPROXY)   /* proxies forward everything */
        return heap_ops(h, o)->getattr(h, o, name);
    Ref v = obj_generic_getattr(h, o, name);
    if (v || h->exc)
        return v;
    const TypeOps *ops = heap_ops(h, o);
    if (ops->getattr && heap_kind(h, o) != K_INSTANCE) {
        v = ops->getattr(h, o, name);
        if (v || !heap_exc_matches(h, EXC_AttributeError))
            return v;
        if (!is_heap_instance(h, o))
            return NULLREF;
        heap_clear_exc(h);
    } else if (ops->methods) {
        for (const MethodDef *m = ops->methods; m->name; m++)
            if (str_eq_cstr(h, name, m->name))
                return builtin_new(h, m, o, NULLREF);
    }
    Ref ga = find_dunder(h, o, "__getattr__");
    if (ga)
        return call_dunder(h, ga, o, &name, 1);
    return attribute_error(h, o, name);
}

/* getattr(o, name) with a C-string name. */
Ref obj_getattr_cstr(Heap *h, Ref o, const char *name)
{
    Ref n = str_intern_cstr(h, name);
    if (!n)
        return NULLREF;
    Ref v = obj_getattr(h, o, n);
    heap_decref(h, n);
    return v;
}

/* setattr(o, name, value) (value 0 deletes); -1 on error. */
int obj_setattr(Heap *h, Ref o, Ref name, Ref value)
{
    Ref t = heap_type(h, o);
    if (heap_kind(h, o) == K_INSTANCE) {
        Ref descr = type_lookup(h, t, name);
        int slot = descr ? memberdescr_index(h, descr) : -1;
        if (slot >= 0)
            return instance_slot_set(h, o, slot, name, value);
        if (descr && heap_kind(h, descr) == K_PROPERTY) {
            heap_raise(h, EXC_AttributeError, "can't set attribute");
            return -1;
        }
        if (descr && getsetdescr_check(h, descr) && str_eq_cstr(h, name, "__weakref__")) {
            heap_raise(h, EXC_AttributeError, "attribute '__weakref__' of '%s' objects is not writable",
                       type_cname(h, memberdescr_class(h, descr)));
            return -1;
        }
        if (instance_attr_store(h, o, name, value) < 0) {
            if (!value && heap_exc_matches(h, EXC_KeyError)) {
                heap_clear_exc(h);
                attribute_error(h, o, name);
            }
            return -1;
        }
        return 0;
    }
    const TypeOps *ops = heap_ops(h, o);
    if (ops->setattr)
        return ops->setattr(h, o, name, value);
    for (const MethodDef *m = ops->methods; m && m->name; m++)
        if (str_eq_cstr(h, name, m->name)) {
            heap_raise(h, EXC_AttributeError, "'%s' object attribute '%s' is read-only",
                       heap_type_name(h, o), m->name);
            return -1;
        }
    Ref existing = ops->getattr ? ops->getattr(h, o, name) : NULLREF;
    if (existing) {            /* a read-only data attribute, such as int.real */
        heap_decref(h, existing);
        heap_raise(h, EXC_AttributeError, "attribute '%s' of '%s' objects is not writable",
                   str_utf8(h, name, NULL), heap_type_name(h, o));
        return -1;
    }
    heap_clear_exc(h);
    heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
               heap_type_name(h, o), str_utf8(h, name, NULL));
    return -1;
}

/* Call o(*args, **kw) (vectorcall layout, see CFunc). */
Ref obj_call(Heap *h, Ref o, const Ref *args, size_t nargs, Ref kwnames)
{
    Kind k = heap_kind(h, o);
    if (k == K_FUNCTION || k == K_METHOD)
        return heap_call(h, o, args, nargs, kwnames);
    const TypeOps *ops = heap_ops(h, o);
    if (ops->call && k != K_INSTANCE)
        return ops->call(h, o, args, nargs, kwnames);
    Ref fn = find_dunder(h, o, "__call__");
    if (fn) {
        size_t total = nargs + (kwnames ? tuple_size(h, kwnames) : 0);
        Ref *full = xmalloc(sizeof(Ref) * (total + 1));
        full[0] = o;
        memcpy(full + 1, args, sizeof(Ref) * total);
        Ref r = heap_call(h, fn, full, nargs + 1, kwnames);
        free(full);
        return r;
    }
    return heap_raise(h, EXC_TypeError, "'%s' object is not callable", heap_type_name(h, o));
}

/* isinstance(o, cls) for a class CLS: 1/0. */
int obj_isinstance(Heap *h, Ref o, Ref cls)
{
    return type_is_subtype(h, heap_type(h, o), cls);
}

/* The index value of o (int or __index__) as int64; -1 on error. */
int obj_as_index(Heap *h, Ref o, int64_t *out)
{
    if (int_check(h, o)) {
        if (!int_as_i64(h, o, out)) {
            heap_raise(h, EXC_IndexError, "cannot fit 'int' into an index-sized integer");
            return -1;
        }
        return 0;
    }
    bool found;
    Ref r = try_dunder(h, o, "__index__", NULL, 0, &found);
    if (found) {
        if (!r)
            return -1;
        int rc = obj_as_index(h, r, out);
        heap_decref(h, r);
        return rc;
    }
    heap_raise(h, EXC_TypeError, "'%s' object cannot be interpreted as an integer",
               heap_type_name(h, o));
    return -1;
}

/* A new list of the items of iterable o. */
Ref obj_to_list(Heap *h, Ref o)
{
    Ref l = list_new(h, 0);
    if (!l)
        return NULLREF;
    if (list_extend(h, l, o) < 0) {
        heap_decref(h, l);
        return NULLREF;
    }
    return l;
}

/* A new tuple of the items of iterable o (o itself if already a tuple). */
Ref obj_to_tuple(Heap *h, Ref o)
{
    return tuple_from_iterable(h, o);
}

/* Raise CPython's TypeError when NARGS is outside [MIN, MAX] or keywords
 * were given to FNAME. */
bool arg_check(Heap *h, const char *fname, size_t nargs, Ref kwnames,
               size_t min, size_t max)
{
    if (kwnames && tuple_size(h, kwnames)) {
        heap_raise(h, EXC_TypeError, "%s() takes no keyword arguments", fname);
        return false;
    }
    if (nargs >= min && nargs <= max)
        return true;
    if (min == max && min == 0)
        heap_raise(h, EXC_TypeError, "%s() takes no arguments (%zu given)", fname, nargs);
    else if (min == max && min == 1)
        heap_raise(h, EXC_TypeError, "%s() takes exactly one argument (%zu given)", fname,
                   nargs);
    else if (nargs < min)
        heap_raise(h, EXC_TypeError, "%s expected at least %zu argument%s, got %zu", fname,
                   min, min == 1 ? "" : "s", nargs);
    else
        heap_raise(h, EXC_TypeError, "%s expected at most %zu argument%s, got %zu", fname,
                   max, max == 1 ? "" : "s", nargs);
    return false;
}
