/* Functions, code objects, cells, bound methods, builtins and modules.
 *
 * Each object owns exactly the references CPython's struct owns (see the
 * traverse functions), so refcounts of names, defaults and closures match
 * sys.getrefcount in the real interpreter. */
#include "sim/funcobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/gc.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* Bytes of GC header in front of every GC object. */
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* ---- code ---- */

/* A new code object; takes references to the given tuples and strings. */
Ref code_new(Heap *h, const CodeData *init)
{
    Ref c = heap_alloc_object(h, K_CODE, h->type_of_kind[K_CODE],
                              h->prof->code_size, 0, false);
    if (!c)
        return NULLREF;
    CodeData *d = xmalloc(sizeof *d);
    *d = *init;
    if (!d->size)
        d->size = h->prof->code_size;
    h->objs[c].v.p = d;
    return c;
}

/* Visit every reference a code object owns. */
static void code_traverse(Heap *h, Ref c, VisitFn visit, void *arg)
{
    CodeData *d = code_data(h, c);
    Ref refs[] = {d->consts, d->names, d->varnames, d->cellvars, d->freevars,
                  d->name, d->qualname, d->filename};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i])
            visit(h, refs[i], arg);
}

/* Free a code object's host payload. */
static void code_release(Heap *h, Ref c)
{
    CodeData *d = code_data(h, c);
    if (d->body_free)
        d->body_free(d->body);
    free(d);
}

/* Copy a code object's payload for heap_clone, with its own compiled body. */
static void code_clone(const Heap *src, Heap *dst, Ref c, CloneMap *map)
{
    (void)map;
    const CodeData *d = code_data(src, c);
    CodeData *copy = clone_memdup(d, sizeof *d);
    if (d->body) {
        if (!d->body_copy) {
            fprintf(stderr, "heap_clone: a code object's body cannot be copied\n");
            abort();
        }
        copy->body = d->body_copy(d->body);
    }
    dst->objs[c].v.p = copy;
}

/* Deallocate a code object. */
static void code_dealloc(Heap *h, Ref c)
{
    CodeData d = *code_data(h, c);
    Ref refs[] = {d.consts, d.names, d.varnames, d.cellvars, d.freevars,
                  d.name, d.qualname, d.filename};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    code_release(h, c);
    heap_free_object(h, c, 0, false);
}

/* sys.getsizeof of a code object. */
static size_t code_sizeof(Heap *h, Ref c)
{
    return code_data(h, c)->size;
}

/* repr of a code object. */
static Ref code_repr(Heap *h, Ref c)
{
    CodeData *d = code_data(h, c);
    StrBuf b = {0};
    strbuf_printf(&b, "<code object %s at 0x%llx, file \"%s\", line %d>",
                  str_utf8(h, d->name, NULL), (unsigned long long)h->objs[c].addr,
                  str_utf8(h, d->filename, NULL), d->firstlineno);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

const TypeOps code_ops = {
    .name = "code",
    .sizeof_ = code_sizeof, .dealloc = code_dealloc, .release = code_release,
    .clone = code_clone,
    .traverse = code_traverse, .repr = code_repr,
};

/* ---- function ---- */

/* A new function for CODE in GLOBALS (MAKE_FUNCTION). */
Ref func_new(Heap *h, Ref code, Ref globals, Ref builtins, Ref qualname)
{
    Ref f = heap_alloc_object(h, K_FUNCTION, h->type_of_kind[K_FUNCTION],
                              h->prof->function_size, gch(h), true);
    if (!f)
        return NULLREF;
    FuncData *d = xcalloc(1, sizeof *d);
    CodeData *cd = code_data(h, code);
    d->code = heap_newref(h, code);
    d->globals = heap_newref(h, globals);
    d->builtins = heap_newref(h, builtins);
    d->name = heap_newref(h, cd->name);
    d->qualname = heap_newref(h, qualname ? qualname : cd->qualname);
    d->module = heap_newref(h, dict_getitem_cstr(h, globals, "__name__"));
    Ref consts = cd->consts;
    Ref doc = tuple_size(h, consts) && str_check(h, tuple_items(h, consts)[0])
                  && (cd->flags & 0x10000) ? tuple_items(h, consts)[0] : h->none;
    d->doc = heap_newref(h, doc);
    h->objs[f].v.p = d;
    gc_track(h, f);
    return f;
}

/* The references a function owns, in dealloc order. */
static size_t func_refs(const FuncData *d, Ref out[12])
{
    size_t n = 0;
    Ref all[] = {d->code, d->globals, d->builtins, d->module, d->defaults,
                 d->kwdefaults, d->doc, d->dict, d->closure, d->name, d->qualname};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i])
            out[n++] = all[i];
    return n;
}

/* Visit every reference a function owns. */
static void func_traverse(Heap *h, Ref f, VisitFn visit, void *arg)
{
    Ref refs[12];
    size_t n = func_refs(func_data(h, f), refs);
    for (size_t i = 0; i < n; i++)
        visit(h, refs[i], arg);
}

/* Drop a function's references (tp_clear). */
static void func_clear(Heap *h, Ref f)
{
    FuncData *d = func_data(h, f);
    Ref refs[12];
    size_t n = func_refs(d, refs);
    FuncData keep = {.code = d->code, .globals = d->globals, .name = d->name,
                     .qualname = d->qualname, .builtins = d->builtins};
    memset(d, 0, sizeof *d);
    *d = keep;
    for (size_t i = 0; i < n; i++)
        if (refs[i] != keep.code && refs[i] != keep.globals && refs[i] != keep.name
            && refs[i] != keep.qualname && refs[i] != keep.builtins)
            heap_decref(h, refs[i]);
}

/* Free a function's host payload. */
static void func_release(Heap *h, Ref f)
{
    free(func_data(h, f));
}

/* Copy a function's payload for heap_clone. */
static void func_clone(const Heap *src, Heap *dst, Ref f, CloneMap *map)
{
    (void)map;
    dst->objs[f].v.p = clone_memdup(func_data(src, f), sizeof(FuncData));
}

/* Deallocate a function. */
static void func_dealloc(Heap *h, Ref f)
{
    FuncData d = *func_data(h, f);
    Ref refs[12];
    size_t n = func_refs(&d, refs);
    for (size_t i = 0; i < n; i++)
        heap_decref(h, refs[i]);
    free(func_data(h, f));
    heap_free_object(h, f, gch(h), true);
}

/* sys.getsizeof of a function. */
static size_t func_sizeof(Heap *h, Ref f)
{
    (void)f;
    return h->prof->function_size;
}

/* repr: <function f at 0x...>. */
static Ref func_repr(Heap *h, Ref f)
{
    StrBuf b = {0};
    strbuf_printf(&b, "<function %s at 0x%llx>",
                  str_utf8(h, func_data(h, f)->qualname, NULL),
                  (unsigned long long)h->objs[f].addr);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* Attributes of functions: __name__, __qualname__, __defaults__, ... */
static Ref func_getattr(Heap *h, Ref f, Ref name)
{
    FuncData *d = func_data(h, f);
    const char *n = str_utf8(h, name, NULL);
    Ref v = 0;
    if (!strcmp(n, "__name__")) v = d->name;
    else if (!strcmp(n, "__qualname__")) v = d->qualname;
    else if (!strcmp(n, "__module__")) v = d->module;
    else if (!strcmp(n, "__doc__")) v = d->doc;
    else if (!strcmp(n, "__code__")) v = d->code;
    else if (!strcmp(n, "__globals__")) v = d->globals;
    else if (!strcmp(n, "__defaults__")) v = d->defaults ? d->defaults : h->none;
    else if (!strcmp(n, "__kwdefaults__")) v = d->kwdefaults ? d->kwdefaults : h->none;
    else if (!strcmp(n, "__closure__")) v = d->closure ? d->closure : h->none;
    else if (!strcmp(n, "__dict__")) {
        if (!d->dict && !(d->dict = dict_new(h)))
            return NULLREF;
        v = d->dict;
    } else if (d->dict && (v = dict_getitem(h, d->dict, name)) != 0) {
        /* found in the function's own __dict__ */
    }
    if (!v)
        return heap_raise(h, EXC_AttributeError,
                          "'function' object has no attribute '%s'", n);
    return heap_newref(h, v);
}

/* Set an arbitrary attribute on a function (stored in its __dict__). */
static int func_setattr(Heap *h, Ref f, Ref name, Ref value)
{
    FuncData *d = func_data(h, f);
    if (!d->dict && !(d->dict = dict_new(h)))
        return -1;
    return value ? dict_setitem(h, d->dict, name, value) : dict_delitem(h, d->dict, name);
}

const TypeOps function_ops = {
    .name = "function", .gc = 1,
    .sizeof_ = func_sizeof, .dealloc = func_dealloc, .release = func_release,
    .clone = func_clone,
    .traverse = func_traverse, .clear = func_clear, .repr = func_repr,
    .getattr = func_getattr, .setattr = func_setattr,
};

/* ---- cell ---- */

/* A new cell holding VALUE (borrowed; may be 0). */
Ref cell_new(Heap *h, Ref value)
{
    Ref c = heap_alloc_object(h, K_CELL, h->type_of_kind[K_CELL],
                              h->prof->cell_size, gch(h), true);
    if (!c)
        return NULLREF;
    h->objs[c].v.u = heap_newref(h, value);
    gc_track(h, c);
    return c;
}

/* Store VALUE (borrowed; may be 0) in cell C. */
void cell_set(Heap *h, Ref c, Ref value)
{
    Ref old = (Ref)h->objs[c].v.u;
    h->objs[c].v.u = heap_newref(h, value);
    heap_decref(h, old);
}

/* Visit a cell's content. */
static void cell_traverse(Heap *h, Ref c, VisitFn visit, void *arg)
{
    if (cell_get(h, c))
        visit(h, cell_get(h, c), arg);
}

/* Empty a cell (tp_clear). */
static void cell_clear(Heap *h, Ref c)
{
    cell_set(h, c, NULLREF);
}

/* Deallocate a cell. */
static void cell_dealloc(Heap *h, Ref c)
{
    heap_decref(h, cell_get(h, c));
    heap_free_object(h, c, gch(h), true);
}

/* sys.getsizeof of a cell. */
static size_t cell_sizeof(Heap *h, Ref c)
{
    (void)c;
    return h->prof->cell_size;
}

/* repr: <cell at 0x...: int object at 0x...>. */
static Ref cell_repr(Heap *h, Ref c)
{
    StrBuf b = {0};
    Ref v = cell_get(h, c);
    if (v)
        strbuf_printf(&b, "<cell at 0x%llx: %s object at 0x%llx>",
                      (unsigned long long)h->objs[c].addr, heap_type_name(h, v),
                      (unsigned long long)h->objs[v].addr);
    else
        strbuf_printf(&b, "<cell at 0x%llx: empty>", (unsigned long long)h->objs[c].addr);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* cell_contents attribute. */
static Ref cell_getattr(Heap *h, Ref c, Ref name)
{
    if (str_eq_cstr(h, name, "cell_contents")) {
        if (!cell_get(h, c))
            return heap_raise(h, EXC_ValueError, "Cell is empty");
        return heap_newref(h, cell_get(h, c));
    }
    return heap_raise(h, EXC_AttributeError, "'cell' object has no attribute '%s'",
                      str_utf8(h, name, NULL));
}

const TypeOps cell_ops = {
    .name = "cell", .gc = 1,
    .sizeof_ = cell_sizeof, .dealloc = cell_dealloc, .traverse = cell_traverse,
    .clear = cell_clear, .repr = cell_repr, .getattr = cell_getattr,
};

/* ---- bound method ---- */

/* A new bound method of FUNC to SELF. */
Ref method_new(Heap *h, Ref func, Ref self)
{
    Ref m = heap_alloc_object(h, K_METHOD, h->type_of_kind[K_METHOD],
                              h->prof->method_size, gch(h), true);
    if (!m)
        return NULLREF;
    MethodData *d = xmalloc(sizeof *d);
    d->func = heap_newref(h, func);
    d->self = heap_newref(h, self);
    h->objs[m].v.p = d;
    gc_track(h, m);
    return m;
}

/* Visit a bound method's function and self. */
static void method_traverse(Heap *h, Ref m, VisitFn visit, void *arg)
{
    visit(h, method_data(h, m)->func, arg);
    visit(h, method_data(h, m)->self, arg);
}

/* Free a bound method's host payload. */
static void method_release(Heap *h, Ref m)
{
    free(method_data(h, m));
}

/* Copy a bound method's payload for heap_clone. */
static void method_clone(const Heap *src, Heap *dst, Ref m, CloneMap *map)
{
    (void)map;
    dst->objs[m].v.p = clone_memdup(method_data(src, m), sizeof(MethodData));
}

/* Deallocate a bound method (the function, then self, as CPython). */
static void method_dealloc(Heap *h, Ref m)
{
    MethodData d = *method_data(h, m);
    heap_decref(h, d.func);
    heap_decref(h, d.self);
    free(method_data(h, m));
    heap_free_object(h, m, gch(h), true);
}

/* sys.getsizeof of a bound method. */
static size_t method_sizeof(Heap *h, Ref m)
{
    (void)m;
    return h->prof->method_size;
}

/* repr: <bound method A.f of <...>>. */
static Ref method_repr(Heap *h, Ref m)
{
    MethodData *d = method_data(h, m);
    StrBuf b = {0};
    Ref qn = obj_getattr_cstr(h, d->func, "__qualname__");
    if (!qn)
        return NULLREF;
    strbuf_printf(&b, "<bound method %s of ", str_utf8(h, qn, NULL));
    heap_decref(h, qn);
    if (!obj_repr_into(h, d->self, &b)) {
        strbuf_free(&b);
        return NULLREF;
    }
    strbuf_putc(&b, '>');
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* __func__, __self__, and the function's attributes. */
static Ref method_getattr(Heap *h, Ref m, Ref name)
{
    MethodData *d = method_data(h, m);
    if (str_eq_cstr(h, name, "__func__"))
        return heap_newref(h, d->func);
    if (str_eq_cstr(h, name, "__self__"))
        return heap_newref(h, d->self);
    return obj_getattr(h, d->func, name);
}

/* Bound methods are equal when their functions are and selves are identical. */
static Ref method_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if ((op != CMP_EQ && op != CMP_NE) || heap_kind(h, b) != K_METHOD)
        return heap_newref(h, h->notimpl);
    MethodData *x = method_data(h, a), *y = method_data(h, b);
    bool eq = x->func == y->func && x->self == y->self;
    return heap_newref(h, (eq == (op == CMP_EQ)) ? h->true_ : h->false_);
}

const TypeOps method_ops = {
    .name = "method", .gc = 1,
    .sizeof_ = method_sizeof, .dealloc = method_dealloc, .release = method_release,
    .clone = method_clone,
    .traverse = method_traverse, .repr = method_repr, .getattr = method_getattr,
    .richcompare = method_richcompare,
};

/* ---- builtin function or method ---- */

/* A new builtin function object for DEF, bound to SELF (borrowed, may be 0). */
Ref builtin_new(Heap *h, const MethodDef *def, Ref self, Ref module)
{
    Ref b = heap_alloc_object(h, K_BUILTIN, h->type_of_kind[K_BUILTIN],
                              h->prof->builtin_method_size, gch(h), true);
    if (!b)
        return NULLREF;
    BuiltinData *d = xcalloc(1, sizeof *d);
    d->def = def;
    d->self = heap_newref(h, self);
    d->module = heap_newref(h, module);
    h->objs[b].v.p = d;
    gc_track(h, b);
    return b;
}

/* An unbound method descriptor: `list.append`, called with self first. */
Ref builtin_new_descriptor(Heap *h, const MethodDef *def, Ref type)
{
    Ref b = builtin_new(h, def, NULLREF, NULLREF);
    if (b)
        builtin_data(h, b)->objclass = type;   /* static types are never freed */
    return b;
}

/* One entry of the heap's table of static method descriptors. */
struct MethodDescrEntry {
    const MethodDef *def;
    Ref descr;
};

/* The static method descriptor of DEF for static type TYPE (borrowed):
 * like the PyMethodDescrObject PyType_Ready puts into a builtin type's
 * dict, it lives outside the simulated heap (static address space, 72
 * bytes: the descriptor plus its GC header) and is never freed. */
Ref builtin_static_descriptor(Heap *h, const MethodDef *def, Ref type)
{
    for (size_t i = 0; i < h->nmethod_descrs; i++)
        if (h->method_descrs[i].def == def)
            return h->method_descrs[i].descr;
    Ref b = heap_new_slot(h, K_BUILTIN, h->type_of_kind[K_BUILTIN], h->static_next);
    h->static_next += 0x50;
    heap_make_static(h, b);
    BuiltinData *d = xcalloc(1, sizeof *d);
    d->def = def;
    d->objclass = type;
    h->objs[b].v.p = d;
    XGROW(h->method_descrs, h->capmethod_descrs, h->nmethod_descrs + 1);
    h->method_descrs[h->nmethod_descrs++] = (struct MethodDescrEntry){def, b};
    return b;
}

/* heap_clone: copy SRC's table of static method descriptors into DST. */
void builtin_static_descriptors_clone(const Heap *src, Heap *dst)
{
    dst->method_descrs = clone_memdup(src->method_descrs,
                                      src->capmethod_descrs * sizeof *src->method_descrs);
}

/* Visit a builtin's bound object and module name. */
static void builtin_traverse(Heap *h, Ref b, VisitFn visit, void *arg)
{
    BuiltinData *d = builtin_data(h, b);
    if (d->self)
        visit(h, d->self, arg);
    if (d->module)
        visit(h, d->module, arg);
}

/* Free a builtin's host payload. */
static void builtin_release(Heap *h, Ref b)
{
    free(builtin_data(h, b));
}

/* Copy a builtin's payload for heap_clone (DEF is static, shared). */
static void builtin_clone(const Heap *src, Heap *dst, Ref b, CloneMap *map)
{
    (void)map;
    dst->objs[b].v.p = clone_memdup(builtin_data(src, b), sizeof(BuiltinData));
}

/* Deallocate a builtin function or bound builtin method. */
static void builtin_dealloc(Heap *h, Ref b)
{
    BuiltinData d = *builtin_data(h, b);
    heap_decref(h, d.self);
    heap_decref(h, d.module);
    free(builtin_data(h, b));
    heap_free_object(h, b, gch(h), true);
}

/* sys.getsizeof of a builtin. */
static size_t builtin_sizeof(Heap *h, Ref b)
{
    (void)b;
    return h->prof->builtin_method_size;
}

/* Call the C function behind a builtin. */
static Ref builtin_call(Heap *h, Ref b, const Ref *args, size_t nargs, Ref kwnames)
{
    BuiltinData *d = builtin_data(h, b);
    if (d->objclass) {
        if (nargs < 1 || !type_is_subtype(h, heap_type(h, args[0]), d->objclass))
            return heap_raise(h, EXC_TypeError,
                              "descriptor '%s' of '%s' object needs an argument",
                              d->def->name, type_cname(h, d->objclass));
        return d->def->fn(h, args[0], args + 1, nargs - 1, kwnames);
    }
    return d->def->fn(h, d->self, args, nargs, kwnames);
}

/* repr: <built-in function len> or <built-in method append of list object at 0x...>. */
static Ref builtin_repr(Heap *h, Ref b)
{
    BuiltinData *d = builtin_data(h, b);
    StrBuf s = {0};
    if (d->objclass)
        strbuf_printf(&s, "<method '%s' of '%s' objects>", d->def->name,
                      type_cname(h, d->objclass));
    else if (!d->self || heap_kind(h, d->self) == K_MODULE)
        strbuf_printf(&s, "<built-in function %s>", d->def->name);
    else
        strbuf_printf(&s, "<built-in method %s of %s object at 0x%llx>", d->def->name,
                      heap_type_name(h, d->self), (unsigned long long)h->objs[d->self].addr);
    Ref r = str_from_utf8(h, s.data, s.len);
    strbuf_free(&s);
    return r;
}

/* __name__ and __self__ of a builtin. */
static Ref builtin_getattr(Heap *h, Ref b, Ref name)
{
    BuiltinData *d = builtin_data(h, b);
    if (str_eq_cstr(h, name, "__name__") || str_eq_cstr(h, name, "__qualname__"))
        return str_from_cstr(h, d->def->name);
    if (str_eq_cstr(h, name, "__self__"))
        return heap_newref(h, d->self ? d->self : h->none);
    return heap_raise(h, EXC_AttributeError,
                      "'builtin_function_or_method' object has no attribute '%s'",
                      str_utf8(h, name, NULL));
}

const TypeOps builtin_ops = {
    .name = "builtin_function_or_method", .gc = 1,
    .sizeof_ = builtin_sizeof, .dealloc = builtin_dealloc, .release = builtin_release,
    .clone = builtin_clone,
    .traverse = builtin_traverse, .call = builtin_call, .repr = builtin_repr,
    .getattr = builtin_getattr,
};

/* ---- module ---- */

/* A new module named NAME with a fresh namespace dict. */
Ref module_new(Heap *h, const char *name)
{
    Ref m = heap_alloc_object(h, K_MODULE, h->type_of_kind[K_MODULE], 72, gch(h), true);
    if (!m)
        return NULLREF;
    ModuleData *d = xcalloc(1, sizeof *d);
    h->objs[m].v.p = d;
    d->name = str_intern_cstr(h, name);
    d->dict = dict_new(h);
    if (!d->dict || dict_setitem_cstr(h, d->dict, "__name__", d->name) < 0) {
        heap_decref(h, m);
        return NULLREF;
    }
    gc_track(h, m);
    return m;
}

/* Visit a module's name and namespace. */
static void module_traverse(Heap *h, Ref m, VisitFn visit, void *arg)
{
    ModuleData *d = module_data(h, m);
    if (d->name)
        visit(h, d->name, arg);
    if (d->dict)
        visit(h, d->dict, arg);
}

/* Free a module's host payload. */
static void module_release(Heap *h, Ref m)
{
    free(module_data(h, m));
}

/* Copy a module's payload for heap_clone. */
static void module_clone(const Heap *src, Heap *dst, Ref m, CloneMap *map)
{
    (void)map;
    dst->objs[m].v.p = clone_memdup(module_data(src, m), sizeof(ModuleData));
}

/* Deallocate a module. */
static void module_dealloc(Heap *h, Ref m)
{
    ModuleData d = *module_data(h, m);
    heap_decref(h, d.dict);
    heap_decref(h, d.name);
    free(module_data(h, m));
    heap_free_object(h, m, gch(h), true);
}

/* sys.getsizeof of a module. */
static size_t module_sizeof(Heap *h, Ref m)
{
    (void)m;
    return 56 + h->prof->gc_head_size;
}

/* repr: <module 'sys' (built-in)>. */
static Ref module_repr(Heap *h, Ref m)
{
    StrBuf b = {0};
    strbuf_printf(&b, "<module '%s' (built-in)>", str_utf8(h, module_data(h, m)->name, NULL));
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* Attribute lookup in a module's namespace. */
static Ref module_getattr(Heap *h, Ref m, Ref name)
{
    ModuleData *d = module_data(h, m);
    if (str_eq_cstr(h, name, "__dict__"))
        return heap_newref(h, d->dict);
    Ref v = dict_getitem(h, d->dict, name);
    if (v)
        return heap_newref(h, v);
    if (h->exc)
        return NULLREF;
    return heap_raise(h, EXC_AttributeError, "module '%s' has no attribute '%s'",
                      str_utf8(h, d->name, NULL), str_utf8(h, name, NULL));
}

/* Attribute assignment in a module's namespace. */
static int module_setattr(Heap *h, Ref m, Ref name, Ref value)
{
    ModuleData *d = module_data(h, m);
    return value ? dict_setitem(h, d->dict, name, value) : dict_delitem(h, d->dict, name);
}

const TypeOps module_ops = {
    .name = "module", .gc = 1,
    .sizeof_ = module_sizeof, .dealloc = module_dealloc, .release = module_release,
    .clone = module_clone,
    .traverse = module_traverse, .repr = module_repr, .getattr = module_getattr,
    .setattr = module_setattr,
};
