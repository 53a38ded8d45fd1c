/* Argument parsing for the str and bytes methods, raising the TypeErrors
 * CPython's different calling conventions raise (METH_NOARGS, METH_O,
 * PyArg_ParseTuple, Argument Clinic with and without keywords), whose
 * wording changed between versions (profile method_qualname_errors,
 * clinic_kw_errors_313, int_arg_legacy_msg). */
#include <stdio.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/intobject.h"
#include "sim/sliceobject.h"
#include "sim/strimpl.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"

/* "upper" or, from 3.10, "str.upper": how method errors name a method. */
static const char *qualname(Heap *h, const char *tp, const char *name, char *buf, size_t n)
{
    if (!h->prof->method_qualname_errors || !tp)
        return name;
    snprintf(buf, n, "%s.%s", tp, name);
    return buf;
}

/* True when keyword arguments were passed. */
static bool has_kw(const Heap *h, Ref kwnames)
{
    return kwnames && tuple_size(h, kwnames) > 0;
}

/* Raise "NAME() takes no keyword arguments" with the qualified name. */
static bool no_kw(Heap *h, const char *tp, const char *name)
{
    char buf[128];
    heap_raise(h, EXC_TypeError, "%s() takes no keyword arguments",
               qualname(h, tp, name, buf, sizeof buf));
    return false;
}

/* METH_NOARGS. */
bool args_none(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames)
{
    char buf[128];
    if (has_kw(h, kwnames))
        return no_kw(h, tp, name);
    if (nargs == 0)
        return true;
    heap_raise(h, EXC_TypeError, "%s() takes no arguments (%zu given)",
               qualname(h, tp, name, buf, sizeof buf), nargs);
    return false;
}

/* METH_O. */
bool args_one(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames)
{
    char buf[128];
    if (has_kw(h, kwnames))
        return no_kw(h, tp, name);
    if (nargs == 1)
        return true;
    heap_raise(h, EXC_TypeError, "%s() takes exactly one argument (%zu given)",
               qualname(h, tp, name, buf, sizeof buf), nargs);
    return false;
}

/* Argument Clinic positional-only (_PyArg_CheckPositional). */
bool args_pos(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames,
              size_t min, size_t max)
{
    if (has_kw(h, kwnames))
        return no_kw(h, tp, name);
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

/* PyArg_ParseTuple's arity errors. */
bool args_tuple(Heap *h, const char *tp, const char *name, size_t nargs, Ref kwnames,
                size_t min, size_t max)
{
    if (has_kw(h, kwnames))
        return no_kw(h, tp, name);
    if (nargs >= min && nargs <= max)
        return true;
    size_t want = nargs < min ? min : max;
    heap_raise(h, EXC_TypeError, "%s() takes %s %zu argument%s (%zu given)", name,
               min == max ? "exactly" : nargs < min ? "at least" : "at most", want,
               want == 1 ? "" : "s", nargs);
    return false;
}

/* Argument Clinic with keywords (_PyArg_UnpackKeywords). */
bool args_kw(Heap *h, const char *name, const Ref *args, size_t nargs, Ref kwnames,
             const char *const *kwlist, size_t nposonly, size_t min, Ref *out)
{
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    size_t max = 0;
    while (kwlist[max])
        max++;
    if (nargs < nposonly) {
        heap_raise(h, EXC_TypeError, "%s() takes at least %zu positional argument%s (%zu given)",
                   name, nposonly, nposonly == 1 ? "" : "s", nargs);
        return false;
    }
    if (nargs + nkw > max) {
        heap_raise(h, EXC_TypeError, "%s() takes at most %zu argument%s (%zu given)", name, max,
                   max == 1 ? "" : "s", nargs + nkw);
        return false;
    }
    for (size_t i = 0; i < max; i++)
        out[i] = i < nargs ? args[i] : NULLREF;
    for (size_t k = 0; k < nkw; k++) {
        Ref kn = tuple_items(h, kwnames)[k];
        const char *kname = str_utf8(h, kn, NULL);
        size_t i = nposonly;
        while (i < max && strcmp(kwlist[i], kname) != 0)
            i++;
        if (i == max) {
            if (h->prof->clinic_kw_errors_313)
                heap_raise(h, EXC_TypeError, "%s() got an unexpected keyword argument '%s'",
                           name, kname);
            else
                heap_raise(h, EXC_TypeError, "'%s' is an invalid keyword argument for %s()",
                           kname, name);
            return false;
        }
        if (i < nargs) {
            heap_raise(h, EXC_TypeError,
                       "argument for %s() given by name ('%s') and position (%zu)", name,
                       kname, i + 1);
            return false;
        }
        out[i] = args[nargs + k];
    }
    for (size_t i = 0; i < min; i++)
        if (!out[i]) {
            heap_raise(h, EXC_TypeError, "%s() missing required argument '%s' (pos %zu)", name,
                       kwlist[i], i + 1);
            return false;
        }
    return true;
}

/* The name of R's type as clinic's _PyArg_BadArgument prints it. */
const char *arg_type_name(const Heap *h, Ref r)
{
    return r == h->none ? "None" : heap_type_name(h, r);
}

/* The index value of O, with CPython's conversion errors; OVERFLOW names
 * the C type for the OverflowError. */
static int as_int(Heap *h, Ref o, int64_t *out, const char *ctype, int64_t lo, int64_t hi,
                  bool legacy_int)
{
    if (h->prof->int_arg_legacy_msg && heap_kind(h, o) == K_FLOAT) {
        heap_raise(h, EXC_TypeError, "integer argument expected, got float");
        return -1;
    }
    if (legacy_int && h->prof->int_arg_legacy_msg && !int_check(h, o)) {
        Ref t = heap_type(h, o);
        if (!(heap_kind(h, t) == K_TYPE && type_lookup_cstr(h, t, "__index__")
              && heap_kind(h, o) == K_INSTANCE)) {
            heap_raise(h, EXC_TypeError, "an integer is required (got type %s)",
                       heap_type_name(h, o));
            return -1;
        }
    }
    if (obj_as_index(h, o, out) < 0) {
        if (heap_exc_matches(h, EXC_IndexError)) {
            heap_clear_exc(h);
            heap_raise(h, EXC_OverflowError, "Python int too large to convert to C %s", ctype);
        }
        return -1;
    }
    if (*out < lo || *out > hi) {
        heap_raise(h, EXC_OverflowError, "Python int too large to convert to C %s", ctype);
        return -1;
    }
    return 0;
}

/* A Py_ssize_t argument ('n'). */
int arg_ssize(Heap *h, Ref o, int64_t *out)
{
    return as_int(h, o, out, "ssize_t", INT64_MIN, INT64_MAX, false);
}

/* A C int argument ('i'). */
int arg_cint(Heap *h, Ref o, int64_t *out)
{
    return as_int(h, o, out, "int", INT32_MIN, INT32_MAX, true);
}

/* A slice index argument: None keeps *OUT. */
int arg_slice_index(Heap *h, Ref o, int64_t *out)
{
    if (!o || o == h->none)
        return 0;
    return slice_eval_index(h, o, out);
}

/* ADJUST_INDICES of stringlib. */
void adjust_indices(int64_t *start, int64_t *end, int64_t len)
{
    if (*end > len)
        *end = len;
    else if (*end < 0) {
        *end += len;
        if (*end < 0)
            *end = 0;
    }
    if (*start < 0) {
        *start += len;
        if (*start < 0)
            *start = 0;
    }
}
