/* Exception objects: BaseException's args/context/cause/traceback, the
 * builtin hierarchy, and str()/repr() as CPython prints them. */
#include "sim/excobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/suggest.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* The builtin exception classes with their bases (index into the table). */
static const struct {
    ExcType type;
    const char *name;
    int base;   /* ExcType of the base, or -1 for object */
} exc_table[] = {
    {EXC_BaseException, "BaseException", -1},
    {EXC_SystemExit, "SystemExit", EXC_BaseException},
    {EXC_KeyboardInterrupt, "KeyboardInterrupt", EXC_BaseException},
    {EXC_GeneratorExit, "GeneratorExit", EXC_BaseException},
    {EXC_Exception, "Exception", EXC_BaseException},
    {EXC_StopIteration, "StopIteration", EXC_Exception},
    {EXC_ArithmeticError, "ArithmeticError", EXC_Exception},
    {EXC_FloatingPointError, "FloatingPointError", EXC_ArithmeticError},
    {EXC_OverflowError, "OverflowError", EXC_ArithmeticError},
    {EXC_ZeroDivisionError, "ZeroDivisionError", EXC_ArithmeticError},
    {EXC_AssertionError, "AssertionError", EXC_Exception},
    {EXC_AttributeError, "AttributeError", EXC_Exception},
    {EXC_BufferError, "BufferError", EXC_Exception},
    {EXC_EOFError, "EOFError", EXC_Exception},
    {EXC_ImportError, "ImportError", EXC_Exception},
    {EXC_ModuleNotFoundError, "ModuleNotFoundError", EXC_ImportError},
    {EXC_LookupError, "LookupError", EXC_Exception},
    {EXC_IndexError, "IndexError", EXC_LookupError},
    {EXC_KeyError, "KeyError", EXC_LookupError},
    {EXC_MemoryError, "MemoryError", EXC_Exception},
    {EXC_NameError, "NameError", EXC_Exception},
    {EXC_UnboundLocalError, "UnboundLocalError", EXC_NameError},
    {EXC_OSError, "OSError", EXC_Exception},
    {EXC_ReferenceError, "ReferenceError", EXC_Exception},
    {EXC_RuntimeError, "RuntimeError", EXC_Exception},
    {EXC_NotImplementedError, "NotImplementedError", EXC_RuntimeError},
    {EXC_RecursionError, "RecursionError", EXC_RuntimeError},
    {EXC_SyntaxError, "SyntaxError", EXC_Exception},
    {EXC_IndentationError, "IndentationError", EXC_SyntaxError},
    {EXC_TabError, "TabError", EXC_IndentationError},
    {EXC_SystemError, "SystemError", EXC_Exception},
    {EXC_TypeError, "TypeError", EXC_Exception},
    {EXC_ValueError, "ValueError", EXC_Exception},
    {EXC_UnicodeError, "UnicodeError", EXC_ValueError},
    {EXC_Warning, "Warning", EXC_Exception},
};

/* Create the builtin exception classes in h->exc_types. */
void exc_init_types(Heap *h)
{
    for (size_t i = 0; i < sizeof exc_table / sizeof exc_table[0]; i++) {
        Ref base = exc_table[i].base < 0 ? h->object_type : h->exc_types[exc_table[i].base];
        h->exc_types[exc_table[i].type] =
            type_new_static(h, exc_table[i].name, K_EXCEPTION, base);
    }
}

/* True when class T derives from BaseException. */
bool exc_is_class(Heap *h, Ref t)
{
    return heap_kind(h, t) == K_TYPE
           && type_is_subtype(h, t, h->exc_types[EXC_BaseException]);
}

/* Bytes before an exception's address. */
static size_t prefix(const Heap *h, Ref type)
{
    if (type_data(h, type)->heaptype)
        return type_instance_prefix(h, type);
    return h->prof->gc_head_size;
}

/* sys.getsizeof of an exception of class TYPE. */
static size_t size_for(const Heap *h, Ref type)
{
    if (type_data(h, type)->heaptype)
        return type_instance_size(h, type);
    return h->prof->exception_size;
}

/* A new exception of class TYPE with ARGS (a tuple, borrowed). */
Ref exc_new_args(Heap *h, Ref type, Ref args)
{
    Ref e = heap_alloc_object(h, K_EXCEPTION, type, size_for(h, type), prefix(h, type), true);
    if (!e)
        return NULLREF;
    ExcData *d = xcalloc(1, sizeof *d);
    d->args = heap_newref(h, args);
    h->objs[e].v.p = d;
    gc_track(h, e);
    return e;
}

/* A new exception of class TYPE whose args are (MSG,) (or () when LEN is 0
 * and MSG is empty). */
Ref exc_new_msg(Heap *h, Ref type, const char *msg, size_t len)
{
    Ref args;
    if (len == 0 && type == h->exc_types[EXC_MemoryError]) {
        args = heap_newref(h, h->empty_tuple);
    } else {
        Ref s = str_from_utf8(h, msg, len);
        if (!s)
            return NULLREF;
        args = tuple_pack(h, 1, s);
        heap_decref(h, s);
    }
    if (!args)
        return NULLREF;
    Ref e = exc_new_args(h, type, args);
    heap_decref(h, args);
    return e;
}

/* `ValueError(...)`: the constructor (BaseException_new). */
static Ref exc_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)kwnames;
    Ref t = tuple_from_array(h, args, nargs);
    if (!t)
        return NULLREF;
    Ref e = exc_new_args(h, type, t);
    heap_decref(h, t);
    return e;
}

/* The references an exception owns, in dealloc order. */
static size_t exc_refs(const ExcData *d, Ref out[8])
{
    size_t n = 0;
    Ref all[] = {d->dict, d->args, d->traceback, d->cause, d->context, d->name, d->obj,
                 d->suggestion};
    for (size_t i = 0; i < 8; i++)
        if (all[i])
            out[n++] = all[i];
    return n;
}

/* Visit an exception's references. */
static void exc_traverse(Heap *h, Ref e, VisitFn visit, void *arg)
{
    Ref refs[8];
    size_t n = exc_refs(exc_data(h, e), refs);
    if (type_data(h, heap_type(h, e))->heaptype)
        visit(h, heap_type(h, e), arg);
    for (size_t i = 0; i < n; i++)
        visit(h, refs[i], arg);
}

/* Add an entry to E's traceback: the exception passed through a frame
 * (PyTraceBack_Here); the strings are copied. */
void exc_traceback_add(Heap *h, Ref e, const ExcTbEntry *entry)
{
    ExcData *d = exc_data(h, e);
    if (d->ntb == d->captb) {
        d->captb = d->captb ? d->captb * 2 : 8;
        d->tb = xrealloc(d->tb, sizeof *d->tb * (size_t)d->captb);
    }
    ExcTbEntry *t = &d->tb[d->ntb++];
    *t = *entry;
    t->filename = xstrdup(entry->filename);
    t->funcname = xstrdup(entry->funcname);
}

/* Forget E's traceback entries. */
void exc_traceback_clear(Heap *h, Ref e)
{
    ExcData *d = exc_data(h, e);
    for (int i = 0; i < d->ntb; i++) {
        free(d->tb[i].filename);
        free(d->tb[i].funcname);
    }
    free(d->tb);
    d->tb = NULL;
    d->ntb = d->captb = 0;
}

/* Drop an exception's references (tp_clear). */
static void exc_clear(Heap *h, Ref e)
{
    ExcData *d = exc_data(h, e);
    heap_setref(h, &d->dict, NULLREF);
    heap_setref(h, &d->args, NULLREF);
    heap_setref(h, &d->traceback, NULLREF);
    exc_traceback_clear(h, e);
    heap_setref(h, &d->cause, NULLREF);
    heap_setref(h, &d->context, NULLREF);
    heap_setref(h, &d->name, NULLREF);
    heap_setref(h, &d->obj, NULLREF);
    heap_setref(h, &d->suggestion, NULLREF);
}

/* Free an exception's host payload. */
static void exc_release(Heap *h, Ref e)
{
    exc_traceback_clear(h, e);
    free(exc_data(h, e));
}

/* Copy an exception's payload (and its traceback entries) for heap_clone. */
static void exc_clone(const Heap *src, Heap *dst, Ref e, CloneMap *map)
{
    (void)map;
    const ExcData *s = exc_data(src, e);
    ExcData *d = clone_memdup(s, sizeof(ExcData));
    d->tb = s->captb ? xcalloc((size_t)s->captb, sizeof *d->tb) : NULL;
    for (int i = 0; i < s->ntb; i++) {
        d->tb[i] = s->tb[i];
        d->tb[i].filename = xstrdup(s->tb[i].filename);
        d->tb[i].funcname = xstrdup(s->tb[i].funcname);
    }
    dst->objs[e].v.p = d;
}

/* Deallocate an exception. */
static void exc_dealloc(Heap *h, Ref e)
{
    exc_clear(h, e);
    size_t p = prefix(h, heap_type(h, e));
    exc_release(h, e);
    heap_free_object(h, e, p, true);
}

/* sys.getsizeof of an exception. */
static size_t exc_sizeof(Heap *h, Ref e)
{
    return size_for(h, heap_type(h, e));
}

/* str(e): '' for no args, str(arg) for one (repr for KeyError), else str(args). */
static Ref exc_str(Heap *h, Ref e)
{
    Ref args = exc_data(h, e)->args;
    size_t n = args ? tuple_size(h, args) : 0;
    if (n == 0)
        return heap_newref(h, h->empty_str);
    if (n == 1) {
        Ref a = tuple_items(h, args)[0];
        if (type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_KeyError]))
            return obj_repr(h, a);
        return obj_str(h, a);
    }
    return obj_str(h, args);
}

/* repr(e): ValueError('x') or ValueError(1, 2). */
static Ref exc_repr(Heap *h, Ref e)
{
    Ref args = exc_data(h, e)->args;
    StrBuf b = {0};
    strbuf_puts(&b, type_cname(h, heap_type(h, e)));
    size_t n = args ? tuple_size(h, args) : 0;
    bool ok = true;
    if (n == 1) {
        strbuf_putc(&b, '(');
        ok = obj_repr_into(h, tuple_items(h, args)[0], &b);
        strbuf_putc(&b, ')');
    } else if (n == 0) {
        strbuf_puts(&b, "()");
    } else {
        ok = obj_repr_into(h, args, &b);
    }
    Ref s = ok ? str_from_utf8(h, b.data, b.len) : NULLREF;
    strbuf_free(&b);
    return s;
}

/* Attributes: args, __traceback__, __cause__, __context__, user attributes. */
static Ref exc_getattr(Heap *h, Ref e, Ref name)
{
    ExcData *d = exc_data(h, e);
    const char *n = str_utf8(h, name, NULL);
    Ref v = 0;
    bool known = true;
    if (!strcmp(n, "args")) v = d->args;
    else if (!strcmp(n, "__traceback__")) v = d->traceback;
    else if (!strcmp(n, "__cause__")) v = d->cause;
    else if (!strcmp(n, "__context__")) v = d->context;
    else if (!strcmp(n, "__suppress_context__")) v = d->suppress_context ? h->true_ : h->false_;
    else if (!strcmp(n, "name") && h->prof->exc_name_obj
             && (type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_NameError])
                 || type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_AttributeError])))
        v = d->name;
    else if (!strcmp(n, "obj") && h->prof->exc_name_obj
             && type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_AttributeError]))
        v = d->obj;
    else if (!strcmp(n, "code")
             && type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_SystemExit])) {
        size_t na = d->args ? tuple_size(h, d->args) : 0;   /* SystemExit_init's code */
        v = na == 1 ? tuple_items(h, d->args)[0] : na ? d->args : h->none;
    } else if (!strcmp(n, "__dict__")) {
        if (!d->dict && !(d->dict = dict_new(h)))
            return NULLREF;
        v = d->dict;
    } else known = false;
    if (known)
        return heap_newref(h, v ? v : h->none);
    if (d->dict && (v = dict_getitem(h, d->dict, name)))
        return heap_newref(h, v);
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, e), n);
}

/* Attribute assignment on exceptions (stored in their __dict__). */
static int exc_setattr(Heap *h, Ref e, Ref name, Ref value)
{
    ExcData *d = exc_data(h, e);
    if (str_eq_cstr(h, name, "args")) {
        Ref t = obj_to_tuple(h, value);
        if (!t)
            return -1;
        heap_setref(h, &d->args, t);
        return 0;
    }
    bool chain = str_eq_cstr(h, name, "__cause__") || str_eq_cstr(h, name, "__context__");
    if (chain && value && value != h->none && heap_kind(h, value) != K_EXCEPTION) {
        heap_raise(h, EXC_TypeError, "exception %s must be None or derive from BaseException",
                   str_eq_cstr(h, name, "__cause__") ? "cause" : "context");
        return -1;
    }
    if (str_eq_cstr(h, name, "__cause__")) {
        heap_setref(h, &d->cause, value == h->none ? NULLREF : heap_newref(h, value));
        d->suppress_context = 1;
        return 0;
    }
    if (str_eq_cstr(h, name, "__context__")) {
        heap_setref(h, &d->context, value == h->none ? NULLREF : heap_newref(h, value));
        return 0;
    }
    if (str_eq_cstr(h, name, "__suppress_context__") && value) {
        int t = obj_truth(h, value);
        if (t < 0)
            return -1;
        d->suppress_context = t;
        return 0;
    }
    if (str_eq_cstr(h, name, "__traceback__")) {
        heap_setref(h, &d->traceback, value == h->none ? NULLREF : heap_newref(h, value));
        if (value == h->none)
            exc_traceback_clear(h, e);
        return 0;
    }
    if (!d->dict && !(d->dict = dict_new(h)))
        return -1;
    return value ? dict_setitem(h, d->dict, name, value) : dict_delitem(h, d->dict, name);
}

/* Give the pending AttributeError its .name and .obj (PyObject_GetAttr's
 * set_attribute_error_context), when the version has them. */
void exc_set_attribute_context(Heap *h, Ref obj, Ref name)
{
    if (!h->prof->exc_name_obj || !heap_exc_matches(h, EXC_AttributeError)
        || heap_kind(h, h->exc) != K_EXCEPTION)
        return;
    ExcData *d = exc_data(h, h->exc);
    if (d->name || d->obj)
        return;
    d->name = heap_newref(h, name);
    d->obj = heap_newref(h, obj);
}

/* Give the pending NameError its .name and the suggestion chosen from the
 * N CANDIDATES (names visible where it was raised). */
void exc_set_name_context(Heap *h, Ref name, const char *const *candidates, size_t n)
{
    if (!h->prof->exc_name_obj || !heap_exc_matches(h, EXC_NameError)
        || heap_kind(h, h->exc) != K_EXCEPTION)
        return;
    ExcData *d = exc_data(h, h->exc);
    heap_setref(h, &d->name, heap_newref(h, name));
    const char *s = suggest_closest((SuggestStyle)h->prof->suggest_style,
                                    str_utf8(h, name, NULL), candidates, n);
    heap_setref(h, &d->suggestion, s ? str_from_cstr(h, s) : NULLREF);
}

/* Compare two C strings for qsort (dir() order). */
static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add the str keys of dict D to the name list. */
static void add_dict_keys(Heap *h, Ref d, const char ***names, size_t *n, size_t *cap)
{
    size_t pos = 0;
    Ref k, v;
    while (d && dict_next(h, d, &pos, &k, &v)) {
        if (!str_check(h, k))
            continue;
        XGROW(*names, *cap, *n + 1);
        (*names)[(*n)++] = str_utf8(h, k, NULL);
    }
}

/* The names dir(OBJ) would list, sorted (borrowed C strings). */
static const char **dir_names(Heap *h, Ref obj, size_t *count)
{
    const char **names = NULL;
    size_t n = 0, cap = 0;
    Ref t = heap_kind(h, obj) == K_TYPE ? obj : heap_type(h, obj);
    if (heap_kind(h, obj) == K_MODULE) {
        add_dict_keys(h, module_data(h, obj)->dict, &names, &n, &cap);
    } else {
        if (heap_kind(h, obj) == K_INSTANCE && type_data(h, t)->has_dict) {
            Ref d = instance_get_dict(h, obj);    /* dir() materializes it too */
            if (!d)
                heap_clear_exc(h);
            add_dict_keys(h, d, &names, &n, &cap);
            heap_decref(h, d);                    /* the instance keeps it alive */
        }
        for (Ref k = t; k; k = type_data(h, k)->base) {
            TypeData *td = type_data(h, k);
            add_dict_keys(h, td->dict, &names, &n, &cap);
            const TypeOps *ops = td->heaptype ? NULL : kind_ops[td->inst_kind];
            for (const MethodDef *m = ops ? ops->methods : NULL; m && m->name; m++) {
                XGROW(names, cap, n + 1);
                names[n++] = m->name;
            }
        }
    }
    if (n)                       /* qsort's array may not be NULL */
        qsort(names, n, sizeof *names, cmp_cstr);
    *count = n;
    return names;
}

/* The "Did you mean" name for exception E, or NULL. */
static const char *suggestion_for(Heap *h, Ref e, const char ***owned)
{
    *owned = NULL;
    if (!h->prof->suggest_style || heap_kind(h, e) != K_EXCEPTION)
        return NULL;
    ExcData *d = exc_data(h, e);
    if (type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_NameError]))
        return d->suggestion ? str_utf8(h, d->suggestion, NULL) : NULL;
    if (!d->obj || !d->name
        || !type_is_subtype(h, heap_type(h, e), h->exc_types[EXC_AttributeError]))
        return NULL;
    size_t n;
    *owned = dir_names(h, d->obj, &n);
    return suggest_closest((SuggestStyle)h->prof->suggest_style, str_utf8(h, d->name, NULL),
                           *owned, n);
}

/* Append the "Type: message" last line of a traceback for E to B. */
bool exc_format_last_line(Heap *h, Ref e, StrBuf *b)
{
    Ref t = heap_type(h, e);
    TypeData *d = type_data(h, t);
    if (d->heaptype) {
        Ref mod = dict_getitem_cstr(h, d->dict, "__module__");
        if (mod && str_check(h, mod) && !str_eq_cstr(h, mod, "builtins")
            && (h->prof->exc_name_with_main || !str_eq_cstr(h, mod, "__main__")))
            strbuf_printf(b, "%s.", str_utf8(h, mod, NULL));
    }
    strbuf_puts(b, type_cname(h, t));
    Ref s = obj_str(h, e);
    if (!s) {
        heap_clear_exc(h);
        strbuf_puts(b, ": <exception str() failed>");
        return false;
    }
    size_t n;
    const char *u = str_utf8(h, s, &n);
    if (n) {
        strbuf_puts(b, ": ");
        strbuf_append(b, u, n);
    }
    heap_decref(h, s);
    return true;
}

/* Append the traceback's ". Did you mean: 'x'?" for E to B, if any. */
void exc_format_suggestion(Heap *h, Ref e, StrBuf *b)
{
    const char **owned;
    const char *hint = suggestion_for(h, e, &owned);
    if (hint)
        strbuf_printf(b, ". Did you mean: '%s'?", hint);
    free(owned);
}

/* BaseException.__init__(self, *args): set args. */
static Ref exc_init(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    if (kwnames && tuple_size(h, kwnames))
        return heap_raise(h, EXC_TypeError, "%s() takes no keyword arguments",
                          heap_type_name(h, self));
    Ref t = tuple_from_array(h, args, nargs);
    if (!t)
        return NULLREF;
    heap_setref(h, &exc_data(h, self)->args, t);
    return heap_newref(h, h->none);
}

const MethodDef exc_init_def = {"__init__", exc_init, NULL};

const TypeOps exception_ops = {
    .name = "BaseException", .gc = 1, .basetype = 1,
    .sizeof_ = exc_sizeof, .dealloc = exc_dealloc, .release = exc_release,
    .clone = exc_clone,
    .traverse = exc_traverse, .clear = exc_clear, .repr = exc_repr, .str = exc_str,
    .getattr = exc_getattr, .setattr = exc_setattr, .new_ = exc_new,
};

/* The exit status of an uncaught SystemExit EXC, or -1 for another exception. */
int exc_system_exit_status(Heap *h, Ref exc, StrBuf *err)
{
    if (!exc || !type_is_subtype(h, heap_type(h, exc), h->exc_types[EXC_SystemExit]))
        return -1;
    Ref args = exc_data(h, exc)->args;
    size_t n = args ? tuple_size(h, args) : 0;
    Ref code = n == 1 ? tuple_items(h, args)[0] : n ? args : h->none;
    int64_t v;
    if (int_check(h, code))
        return int_as_i64(h, code, &v) ? (int)(v & 0xff) : 0xff;
    if (code == h->none)
        return 0;
    Ref text = obj_str(h, code);
    if (text)
        strbuf_printf(err, "%s\n", str_utf8(h, text, NULL));
    heap_decref(h, text);
    heap_clear_exc(h);
    return 1;
}
