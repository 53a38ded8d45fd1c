/* Builtin functions and the sys, copy and weakref modules.
 *
 * Each is a thin C function over the simulated runtime (sim/), with
 * CPython's argument checking and messages.  Nothing here touches the
 * host: there is no open(), input() or os; scripts are untrusted. */
#include "lang/builtins.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/floatobject.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"
#include "util/xalloc.h"

/* The VM that owns heap H. */
static Vm *vm_of(Heap *h) { return h->hooks.vm; }

/* Index of keyword NAME in KWNAMES, or -1. */
static int kw_index(Heap *h, Ref kwnames, const char *name)
{
    if (!kwnames)
        return -1;
    for (size_t i = 0; i < tuple_size(h, kwnames); i++)
        if (str_eq_cstr(h, tuple_items(h, kwnames)[i], name))
            return (int)i;
    return -1;
}

/* Raise TypeError unless every keyword is one of ALLOWED (NULL-terminated). */
static bool only_keywords(Heap *h, const char *fname, Ref kwnames, const char *const *allowed)
{
    for (size_t i = 0; kwnames && i < tuple_size(h, kwnames); i++) {
        Ref k = tuple_items(h, kwnames)[i];
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = str_eq_cstr(h, k, *a);
        if (!ok) {
            heap_raise(h, EXC_TypeError, "'%s' is an invalid keyword argument for %s()",
                       str_utf8(h, k, NULL), fname);
            return false;
        }
    }
    return true;
}

/* print(*args, sep=' ', end='\n'). */
static Ref bi_print(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    static const char *const allowed[] = {"sep", "end", "file", "flush", NULL};
    if (!only_keywords(h, "print", kwnames, allowed))
        return NULLREF;
    int si = kw_index(h, kwnames, "sep"), ei = kw_index(h, kwnames, "end");
    Ref sep = si >= 0 ? args[nargs + si] : 0, end = ei >= 0 ? args[nargs + ei] : 0;
    if (sep == h->none) sep = 0;
    if (end == h->none) end = 0;
    if ((sep && !str_check(h, sep)) || (end && !str_check(h, end)))
        return heap_raise(h, EXC_TypeError, "%s must be None or a string, not %s",
                          sep && !str_check(h, sep) ? "sep" : "end",
                          heap_type_name(h, sep && !str_check(h, sep) ? sep : end));
    Ref packed = 0;              /* Argument Clinic's *args tuple (3.11+) */
    if (h->prof->print_args_tuple && nargs && !(packed = tuple_from_array(h, args, nargs)))
        return NULLREF;
    StrBuf line = {0};
    for (size_t i = 0; i < nargs; i++) {
        if (i)
            strbuf_puts(&line, sep ? str_utf8(h, sep, NULL) : " ");
        if (!obj_str_into(h, args[i], &line)) {
            strbuf_free(&line);
            heap_decref(h, packed);
            return NULLREF;
        }
    }
    heap_decref(h, packed);
    if (end) {
        size_t n;
        const char *e = str_utf8(h, end, &n);
        strbuf_append(&line, e, n);
    } else {
        strbuf_putc(&line, '\n');
    }
    strbuf_append(&h->out, strbuf_cstr(&line), line.len);
    strbuf_free(&line);
    return heap_newref(h, h->none);
}

/* len(o). */
static Ref bi_len(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    size_t n;
    if (!arg_check(h, "len", nargs, kwnames, 1, 1) || obj_len(h, args[0], &n) < 0)
        return NULLREF;
    return int_from_i64(h, (int64_t)n);
}

/* id(o): the simulated address. */
static Ref bi_id(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "id", nargs, kwnames, 1, 1))
        return NULLREF;
    return int_from_i64(h, (int64_t)h->objs[args[0]].addr);
}

/* repr(o). */
static Ref bi_repr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "repr", nargs, kwnames, 1, 1))
        return NULLREF;
    return obj_repr(h, args[0]);
}

/* ascii(v) as a str object. */
Ref builtin_ascii(Heap *h, Ref v)
{
    Ref r = obj_repr(h, v);
    if (!r)
        return NULLREF;
    size_t n;
    const unsigned char *s = (const unsigned char *)str_utf8(h, r, &n);
    StrBuf b = {0};
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            strbuf_putc(&b, (char)c);
            i++;
            continue;
        }
        int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        unsigned cp = c & (0x3f >> (len - 1));
        for (int k = 1; k < len && i + k < n; k++)
            cp = (cp << 6) | (s[i + k] & 0x3f);
        if (cp <= 0xff)
            strbuf_printf(&b, "\\x%02x", cp);
        else if (cp <= 0xffff)
            strbuf_printf(&b, "\\u%04x", cp);
        else
            strbuf_printf(&b, "\\U%08x", cp);
        i += len;
    }
    heap_decref(h, r);
    Ref out = str_from_utf8(h, strbuf_cstr(&b), b.len);
    strbuf_free(&b);
    return out;
}

/* ascii(o). */
static Ref bi_ascii(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "ascii", nargs, kwnames, 1, 1))
        return NULLREF;
    return builtin_ascii(h, args[0]);
}

/* Is CLS a class or a tuple of classes (for isinstance/issubclass)? */
static int class_match(Heap *h, Ref t, Ref cls, const char *fname)
{
    if (heap_kind(h, cls) == K_TUPLE) {
        for (size_t i = 0; i < tuple_size(h, cls); i++) {
            int m = class_match(h, t, tuple_items(h, cls)[i], fname);
            if (m)
                return m;
        }
        return 0;
    }
    if (heap_kind(h, cls) != K_TYPE) {
        heap_raise(h, EXC_TypeError, "%s() arg 2 must be a type or tuple of types", fname);
        return -1;
    }
    return type_is_subtype(h, t, cls);
}

/* isinstance(o, cls). */
static Ref bi_isinstance(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "isinstance", nargs, kwnames, 2, 2))
        return NULLREF;
    int m = class_match(h, heap_type(h, args[0]), args[1], "isinstance");
    return m < 0 ? NULLREF : heap_newref(h, m ? h->true_ : h->false_);
}

/* issubclass(c, cls). */
static Ref bi_issubclass(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "issubclass", nargs, kwnames, 2, 2))
        return NULLREF;
    if (heap_kind(h, args[0]) != K_TYPE)
        return heap_raise(h, EXC_TypeError, "issubclass() arg 1 must be a class");
    int m = class_match(h, args[0], args[1], "issubclass");
    return m < 0 ? NULLREF : heap_newref(h, m ? h->true_ : h->false_);
}

/* hash(o). */
static Ref bi_hash(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    int64_t v;
    if (!arg_check(h, "hash", nargs, kwnames, 1, 1) || obj_hash(h, args[0], &v) < 0)
        return NULLREF;
    return int_from_i64(h, v);
}

/* iter(o). */
static Ref bi_iter(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "iter", nargs, kwnames, 1, 1))
        return NULLREF;
    return obj_iter(h, args[0]);
}

/* next(it[, default]). */
static Ref bi_next(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "next", nargs, kwnames, 1, 2))
        return NULLREF;
    if (!heap_ops(h, args[0])->iternext && heap_kind(h, args[0]) != K_INSTANCE)
        return heap_raise(h, EXC_TypeError, "'%s' object is not an iterator",
                          heap_type_name(h, args[0]));
    Ref r = obj_next(h, args[0]);
    if (r || h->exc)
        return r;
    if (nargs == 2)
        return heap_newref(h, args[1]);
    Ref e = exc_new_args(h, h->exc_types[EXC_StopIteration], h->empty_tuple);
    if (e) {
        heap_raise_obj(h, e);
        heap_decref(h, e);
    }
    return NULLREF;
}

/* Add floats the way CPython's sum() fast path does: in C doubles, with
 * Neumaier compensation from 3.12 on.  Consumes items of IT while they are
 * floats (or ints that fit); returns the float result and leaves the first
 * other item in *NEXT (or 0 at the end). */
static Ref sum_floats(Heap *h, double start, Ref it, Ref *next)
{
    double f = start, c = 0.0;
    bool compensate = h->prof->sum_compensated;
    Ref x;
    *next = 0;
    while ((x = obj_next(h, it)) != 0) {
        double v;
        int64_t iv;
        if (heap_kind(h, x) == K_FLOAT)
            v = float_value(h, x);
        else if ((heap_kind(h, x) == K_INT || heap_kind(h, x) == K_BOOL) && int_as_i64(h, x, &iv)
                 && iv > -(1LL << 53) && iv < (1LL << 53))
            v = (double)iv;
        else {
            *next = x;
            break;
        }
        heap_decref(h, x);
        if (compensate) {
            double t = f + v;
            c += fabs(f) >= fabs(v) ? (f - t) + v : (v - t) + f;
            f = t;
        } else {
            f += v;
        }
    }
    if (compensate && c != 0.0 && isfinite(c))
        f += c;
    return h->exc ? NULLREF : float_from_double(h, f);
}

/* sum(iterable, start=0): CPython's int and float fast paths, then +. */
static Ref bi_sum(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    static const char *const allowed[] = {"start", NULL};
    if (!only_keywords(h, "sum", kwnames, allowed))
        return NULLREF;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (nargs < 1 || nargs + nkw > 2)
        return heap_raise(h, EXC_TypeError, "sum() takes at least 1 positional argument (0 given)");
    Ref start = nargs + nkw == 2 ? args[1] : 0;
    if (start && (heap_kind(h, start) == K_STR || heap_kind(h, start) == K_BYTES))
        return heap_raise(h, EXC_TypeError, "sum() can't sum %s [use ''.join(seq) instead]",
                          heap_kind(h, start) == K_STR ? "strings" : "bytes");
    Ref acc = start ? heap_newref(h, start) : int_from_i64(h, 0);
    Ref it = acc ? obj_iter(h, args[0]) : 0;
    if (!it) {
        heap_decref(h, acc);
        return NULLREF;
    }
    Ref x = 0;
    for (;;) {
        if (!x && !(x = obj_next(h, it)))
            break;
        if (heap_kind(h, acc) == K_FLOAT && heap_kind(h, x) == K_FLOAT) {
            double base = float_value(h, acc);
            heap_decref(h, acc);
            Ref rest;
            double first = float_value(h, x);
            heap_decref(h, x);
            acc = sum_floats(h, base + first, it, &rest);
            x = rest;
            if (!acc || !x)
                break;
            continue;
        }
        Ref n = obj_binop(h, acc, x, OP_ADD);
        heap_decref(h, x);
        x = 0;
        heap_decref(h, acc);
        acc = n;
        if (!acc)
            break;
    }
    heap_decref(h, x);
    heap_decref(h, it);
    if (h->exc) {
        heap_decref(h, acc);
        return NULLREF;
    }
    return acc;
}

/* min()/max() over an iterable or the arguments, with key= and default=. */
static Ref minmax(Heap *h, const Ref *args, size_t nargs, Ref kwnames, int op, const char *name)
{
    static const char *const allowed[] = {"key", "default", NULL};
    if (!only_keywords(h, name, kwnames, allowed))
        return NULLREF;
    int ki = kw_index(h, kwnames, "key"), di = kw_index(h, kwnames, "default");
    Ref key = ki >= 0 ? args[nargs + ki] : 0, dflt = di >= 0 ? args[nargs + di] : 0;
    if (key == h->none)
        key = 0;
    if (nargs == 0)
        return heap_raise(h, EXC_TypeError, "%s expected at least 1 argument, got 0", name);
    Ref seq = nargs == 1 ? heap_newref(h, args[0]) : tuple_from_array(h, args, nargs);
    if (nargs > 1 && dflt) {
        heap_decref(h, seq);
        return heap_raise(h, EXC_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
    }
    Ref it = seq ? obj_iter(h, seq) : 0;
    heap_decref(h, seq);
    if (!it)
        return NULLREF;
    Ref best = 0, bestkey = 0, x;
    while ((x = obj_next(h, it)) != 0) {
        Ref k = key ? obj_call(h, key, &x, 1, NULLREF) : heap_newref(h, x);
        if (!k) {
            heap_decref(h, x);
            break;
        }
        int better = best ? obj_richcompare_bool(h, k, bestkey, op) : 1;
        if (better < 0) {
            heap_decref(h, x);
            heap_decref(h, k);
            break;
        }
        if (better) {
            heap_setref(h, &best, x);
            heap_setref(h, &bestkey, k);
        } else {
            heap_decref(h, x);
            heap_decref(h, k);
        }
    }
    heap_decref(h, it);
    heap_decref(h, bestkey);
    if (h->exc) {
        heap_decref(h, best);
        return NULLREF;
    }
    if (!best) {
        if (dflt)
            return heap_newref(h, dflt);
        return heap_raise(h, EXC_ValueError, "%s() arg is an empty sequence", name);
    }
    return best;
}

/* min(...). */
static Ref bi_min(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return minmax(h, args, nargs, kwnames, CMP_LT, "min");
}

/* max(...). */
static Ref bi_max(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return minmax(h, args, nargs, kwnames, CMP_GT, "max");
}

/* sorted(iterable, key=None, reverse=False). */
static Ref bi_sorted(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    static const char *const allowed[] = {"key", "reverse", NULL};
    if (!only_keywords(h, "sorted", kwnames, allowed))
        return NULLREF;
    if (nargs != 1)
        return heap_raise(h, EXC_TypeError, "sorted expected 1 argument, got %zu", nargs);
    int ki = kw_index(h, kwnames, "key"), ri = kw_index(h, kwnames, "reverse");
    Ref key = ki >= 0 ? args[nargs + ki] : 0;
    int rev = ri >= 0 ? obj_truth(h, args[nargs + ri]) : 0;
    if (rev < 0)
        return NULLREF;
    Ref l = obj_to_list(h, args[0]);
    if (!l)
        return NULLREF;
    if (list_sort(h, l, key == h->none ? 0 : key, rev) < 0) {
        heap_decref(h, l);
        return NULLREF;
    }
    return l;
}

/* any(iterable) / all(iterable). */
static Ref any_all(Heap *h, const Ref *args, size_t nargs, Ref kwnames, bool want, const char *name)
{
    if (!arg_check(h, name, nargs, kwnames, 1, 1))
        return NULLREF;
    Ref it = obj_iter(h, args[0]);
    if (!it)
        return NULLREF;
    Ref x;
    bool found = false;
    while (!found && (x = obj_next(h, it)) != 0) {
        int t = obj_truth(h, x);
        heap_decref(h, x);
        if (t < 0)
            break;
        found = (t == 1) == want;
    }
    heap_decref(h, it);
    if (h->exc)
        return NULLREF;
    return heap_newref(h, (found == want) ? h->true_ : h->false_);
}

/* any(iterable). */
static Ref bi_any(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return any_all(h, args, nargs, kwnames, true, "any");
}

/* all(iterable). */
static Ref bi_all(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return any_all(h, args, nargs, kwnames, false, "all");
}

/* abs(x). */
static Ref bi_abs(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "abs", nargs, kwnames, 1, 1))
        return NULLREF;
    return num_abs(h, args[0]);
}

/* getattr(o, name[, default]). */
static Ref bi_getattr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "getattr", nargs, kwnames, 2, 3))
        return NULLREF;
    if (!str_check(h, args[1]))
        return heap_raise(h, EXC_TypeError, "attribute name must be string, not '%s'",
                          heap_type_name(h, args[1]));
    Ref r = obj_getattr(h, args[0], args[1]);
    if (!r && nargs == 3 && heap_exc_matches(h, EXC_AttributeError)) {
        heap_clear_exc(h);
        return heap_newref(h, args[2]);
    }
    return r;
}

/* setattr(o, name, v). */
static Ref bi_setattr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "setattr", nargs, kwnames, 3, 3))
        return NULLREF;
    if (obj_setattr(h, args[0], args[1], args[2]) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* delattr(o, name). */
static Ref bi_delattr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "delattr", nargs, kwnames, 2, 2))
        return NULLREF;
    if (obj_setattr(h, args[0], args[1], NULLREF) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* hasattr(o, name). */
static Ref bi_hasattr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "hasattr", nargs, kwnames, 2, 2))
        return NULLREF;
    Ref r = obj_getattr(h, args[0], args[1]);
    if (r) {
        heap_decref(h, r);
        return heap_newref(h, h->true_);
    }
    if (!heap_exc_matches(h, EXC_AttributeError))
        return NULLREF;
    heap_clear_exc(h);
    return heap_newref(h, h->false_);
}

/* callable(o). */
static Ref bi_callable(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "callable", nargs, kwnames, 1, 1))
        return NULLREF;
    Ref o = args[0];
    bool c = heap_ops(h, o)->call != NULL || heap_kind(h, o) == K_FUNCTION
             || heap_kind(h, o) == K_METHOD
             || (heap_kind(h, o) == K_INSTANCE
                 && type_lookup_cstr(h, heap_type(h, o), "__call__"));
    return heap_newref(h, c ? h->true_ : h->false_);
}

/* format(value[, spec]). */
static Ref bi_format(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "format", nargs, kwnames, 1, 2))
        return NULLREF;
    return obj_format(h, args[0], nargs == 2 ? args[1] : 0);
}

/* globals(): the current frame's globals dict. */
static Ref bi_globals(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    (void)args;
    if (!arg_check(h, "globals", nargs, kwnames, 0, 0))
        return NULLREF;
    Frame *f = vm_current_frame(vm_of(h));
    return heap_newref(h, f->globals);
}

/* Scripts may not touch the host: a clear error for I/O builtins. */
static Ref bi_forbidden(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kwnames;
    return heap_raise(h, EXC_NotImplementedError,
                      "heapscope: this builtin is not available: scripts run in a sandbox "
                      "and cannot read input, files or the environment");
}


/* divmod(a, b). */
static Ref bi_divmod(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "divmod", nargs, kwnames, 2, 2))
        return NULLREF;
    Ref r = num_divmod(h, args[0], args[1]);
    if (r == h->notimpl) {
        heap_decref(h, r);
        return heap_raise(h, EXC_TypeError,
                          "unsupported operand type(s) for divmod(): '%s' and '%s'",
                          heap_type_name(h, args[0]), heap_type_name(h, args[1]));
    }
    return r;
}

/* pow(base, exp[, mod]). */
static Ref bi_pow(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "pow", nargs, kwnames, 2, 3))
        return NULLREF;
    if (nargs == 2)
        return obj_binop(h, args[0], args[1], OP_POW);
    return num_power(h, args[0], args[1], args[2]);
}

/* round(x[, ndigits]). */
static Ref bi_round(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "round", nargs, kwnames, 1, 2))
        return NULLREF;
    return num_round(h, args[0], nargs == 2 && args[1] != h->none ? args[1] : NULLREF);
}

/* hex()/oct()/bin() of an integer. */
static Ref to_base(Heap *h, const Ref *args, size_t nargs, Ref kwnames, const char *name, int base)
{
    if (!arg_check(h, name, nargs, kwnames, 1, 1))
        return NULLREF;
    return int_to_base_str(h, args[0], base);
}

/* hex(x). */
static Ref bi_hex(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return to_base(h, args, nargs, kwnames, "hex", 16);
}

/* oct(x). */
static Ref bi_oct(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return to_base(h, args, nargs, kwnames, "oct", 8);
}

/* bin(x). */
static Ref bi_bin(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    return to_base(h, args, nargs, kwnames, "bin", 2);
}

/* chr(i). */
static Ref bi_chr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "chr", nargs, kwnames, 1, 1))
        return NULLREF;
    return str_chr_obj(h, args[0]);
}

/* ord(c). */
static Ref bi_ord(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "ord", nargs, kwnames, 1, 1))
        return NULLREF;
    int64_t v = str_ord(h, args[0]);
    return v < 0 ? NULLREF : int_from_i64(h, v);
}

/* vars(o): o.__dict__. */
static Ref bi_vars(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "vars", nargs, kwnames, 0, 1))
        return NULLREF;
    if (nargs == 0)
        return heap_newref(h, vm_current_frame(vm_of(h))->locals
                                  ? vm_current_frame(vm_of(h))->locals
                                  : vm_current_frame(vm_of(h))->globals);
    Ref d = obj_getattr_cstr(h, args[0], "__dict__");
    if (!d && heap_exc_matches(h, EXC_AttributeError)) {
        heap_clear_exc(h);
        return heap_raise(h, EXC_TypeError, "vars() argument must have __dict__ attribute");
    }
    return d;
}

static const MethodDef builtin_defs[] = {
    {"print", bi_print, NULL}, {"len", bi_len, NULL}, {"id", bi_id, NULL},
    {"repr", bi_repr, NULL}, {"ascii", bi_ascii, NULL},
    {"isinstance", bi_isinstance, NULL}, {"issubclass", bi_issubclass, NULL},
    {"hash", bi_hash, NULL}, {"iter", bi_iter, NULL}, {"next", bi_next, NULL},
    {"sum", bi_sum, NULL}, {"min", bi_min, NULL}, {"max", bi_max, NULL},
    {"sorted", bi_sorted, NULL}, {"any", bi_any, NULL}, {"all", bi_all, NULL},
    {"abs", bi_abs, NULL}, {"getattr", bi_getattr, NULL}, {"setattr", bi_setattr, NULL},
    {"delattr", bi_delattr, NULL}, {"hasattr", bi_hasattr, NULL},
    {"callable", bi_callable, NULL}, {"format", bi_format, NULL},
    {"globals", bi_globals, NULL}, {"divmod", bi_divmod, NULL}, {"pow", bi_pow, NULL},
    {"round", bi_round, NULL}, {"hex", bi_hex, NULL}, {"oct", bi_oct, NULL},
    {"bin", bi_bin, NULL}, {"chr", bi_chr, NULL}, {"ord", bi_ord, NULL},
    {"vars", bi_vars, NULL},
    {"open", bi_forbidden, NULL}, {"input", bi_forbidden, NULL},
    {"exec", bi_forbidden, NULL}, {"eval", bi_forbidden, NULL},
    {"compile", bi_forbidden, NULL}, {"__import__", bi_forbidden, NULL},
    {NULL, NULL, NULL},
};

/* Put NAME -> V (borrowed) in dict D; false on error. */
static bool put(Heap *h, Ref d, const char *name, Ref v)
{
    return v && dict_setitem_cstr(h, d, name, v) == 0;
}

/* Make the builtins module's dict. */
static Ref make_builtins(Vm *vm)
{
    Heap *h = vm->h;
    Ref mod = module_new(h, "builtins");
    Ref d = heap_newref(h, module_data(h, mod)->dict);
    Ref modname = module_data(h, mod)->name;
    for (const MethodDef *m = builtin_defs; m->name; m++) {
        Ref f = builtin_new(h, m, NULLREF, modname);
        put(h, d, m->name, f);
        heap_decref(h, f);
    }
    static const Kind type_kinds[] = {K_INT, K_FLOAT, K_COMPLEX, K_BOOL, K_STR, K_BYTES,
                                      K_TUPLE, K_LIST, K_DICT, K_SET, K_FROZENSET,
                                      K_RANGE, K_SLICE, K_ENUMERATE, K_ZIP, K_MAP,
                                      K_FILTER, K_REVERSED, K_SUPER};
    for (size_t i = 0; i < sizeof type_kinds / sizeof type_kinds[0]; i++) {
        Ref t = h->type_of_kind[type_kinds[i]];
        if (t)
            put(h, d, type_cname(h, t), t);
    }
    put(h, d, "type", h->type_type);
    put(h, d, "object", h->object_type);
    for (int e = 0; e < EXC_MAX; e++)
        put(h, d, type_cname(h, h->exc_types[e]), h->exc_types[e]);
    put(h, d, "None", h->none);
    put(h, d, "True", h->true_);
    put(h, d, "False", h->false_);
    put(h, d, "Ellipsis", h->ellipsis);
    put(h, d, "NotImplemented", h->notimpl);
    put(h, d, "__name__", modname);
    heap_decref(h, mod);
    return d;
}

/* Create the builtins dict, sys.modules and __main__ for VM. */
void builtins_init(Vm *vm)
{
    Heap *h = vm->h;
    vm->builtins = make_builtins(vm);
    vm->modules = dict_new(h);
    vm->main_module = module_new(h, "__main__");
    Ref g = module_data(h, vm->main_module)->dict;
    dict_setitem_cstr(h, g, "__builtins__", vm->builtins);
    dict_setitem_cstr(h, g, "__doc__", h->none);
    dict_setitem_cstr(h, vm->modules, "__main__", vm->main_module);
}

/* `import NAME`: the module object (new reference) or 0 with ImportError. */
Ref builtins_import(Vm *vm, Ref name)
{
    Heap *h = vm->h;
    Ref m = dict_getitem(h, vm->modules, name);
    if (m)
        return heap_newref(h, m);
    m = modules_create(vm, name);
    if (!m)
        return NULLREF;
    if (dict_setitem(h, vm->modules, name, m) < 0) {
        heap_decref(h, m);
        return NULLREF;
    }
    return m;
}
