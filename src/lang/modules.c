/* The simulated modules a script can import: sys, copy and weakref.
 * (gc's functions are in gcmodule.c.) */
#include "lang/builtins.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/obmalloc.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"

#define DEEPCOPY_MAX_DEPTH 500

/* The VM that owns heap H. */
static Vm *vm_of(Heap *h) { return h->hooks.vm; }

/* ---- sys ---- */

/* sys.getrefcount(o). */
static Ref sys_getrefcount(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "getrefcount", nargs, kwnames, 1, 1))
        return NULLREF;
    Obj *o = heap_obj(h, args[0]);
    int64_t n = (o->flags & OF_IMMORTAL) ? h->prof->immortal_refcnt : o->refcnt;
    return int_from_i64(h, n);
}

/* sys.getsizeof(o[, default]). */
static Ref sys_getsizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "getsizeof", nargs, kwnames, 1, 2))
        return NULLREF;
    const TypeOps *ops = heap_ops(h, args[0]);
    if (!ops->sizeof_) {
        if (nargs == 2)
            return heap_newref(h, args[1]);
        return heap_raise(h, EXC_TypeError, "Type %s doesn't define __sizeof__",
                          heap_type_name(h, args[0]));
    }
    return int_from_i64(h, (int64_t)ops->sizeof_(h, args[0]));
}

/* sys.intern(s). */
static Ref sys_intern(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "intern", nargs, kwnames, 1, 1))
        return NULLREF;
    if (heap_kind(h, args[0]) != K_STR)
        return heap_raise(h, EXC_TypeError, "intern() argument must be str, not %s",
                          heap_type_name(h, args[0]));
    return str_intern(h, heap_newref(h, args[0]));
}

/* sys.getrecursionlimit(). */
static Ref sys_getrecursionlimit(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    (void)args;
    if (!arg_check(h, "getrecursionlimit", nargs, kwnames, 0, 0))
        return NULLREF;
    return int_from_i64(h, vm_of(h)->recursion_limit);
}

/* sys.setrecursionlimit(n): frames are heap data, so large limits are safe. */
static Ref sys_setrecursionlimit(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    int64_t n;
    if (!arg_check(h, "setrecursionlimit", nargs, kwnames, 1, 1))
        return NULLREF;
    if (heap_kind(h, args[0]) == K_FLOAT)
        return heap_raise(h, EXC_TypeError, "'float' object cannot be interpreted as an integer");
    if (obj_as_index(h, args[0], &n) < 0)
        return NULLREF;
    if (n < 1)
        return heap_raise(h, EXC_ValueError, "recursion limit must be greater or equal than 1");
    if (n > 1000000)
        return heap_raise(h, EXC_ValueError,
                          "heapscope: recursion limits above 1000000 are not supported");
    vm_of(h)->recursion_limit = (int)n;
    return heap_newref(h, h->none);
}

/* sys._debugmallocstats(): the simulated allocator's statistics, to stderr. */
static Ref sys_debugmallocstats(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    (void)args;
    if (!arg_check(h, "_debugmallocstats", nargs, kwnames, 0, 0))
        return NULLREF;
    char *text = obmalloc_debugmallocstats(h->mem);
    strbuf_puts(&h->err, text);
    free(text);
    return heap_newref(h, h->none);
}

static const MethodDef sys_defs[] = {
    {"getrefcount", sys_getrefcount, NULL}, {"getsizeof", sys_getsizeof, NULL},
    {"intern", sys_intern, NULL}, {"getrecursionlimit", sys_getrecursionlimit, NULL},
    {"setrecursionlimit", sys_setrecursionlimit, NULL},
    {"_debugmallocstats", sys_debugmallocstats, NULL},
    {NULL, NULL, NULL},
};

/* ---- copy ---- */

/* A new instance of O's class sharing a shallow copy of its attributes. */
static Ref copy_instance(Heap *h, Ref o, Ref memo, int depth);

/* Deep-copy O, using MEMO (dict id -> copy). */
static Ref deepcopy(Heap *h, Ref o, Ref memo, int depth);

/* True for objects copy returns as they are. */
static bool atomic(const Heap *h, Ref o)
{
    switch (heap_kind(h, o)) {
    case K_NONE: case K_NOTIMPL: case K_ELLIPSIS: case K_BOOL: case K_INT:
    case K_FLOAT: case K_COMPLEX: case K_STR: case K_BYTES: case K_RANGE:
    case K_FUNCTION: case K_BUILTIN: case K_TYPE: case K_CODE: case K_WEAKREF:
    case K_FROZENSET: case K_MODULE:
        return true;
    default:
        return false;
    }
}

/* copy.copy(x). */
static Ref copy_copy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "copy", nargs, kwnames, 1, 1))
        return NULLREF;
    Ref o = args[0];
    if (atomic(h, o) || heap_kind(h, o) == K_TUPLE)
        return heap_newref(h, o);
    switch (heap_kind(h, o)) {
    case K_LIST: return list_slice_copy(h, o);
    case K_DICT: return dict_copy(h, o);
    case K_SET: return set_new(h, o);
    case K_INSTANCE: return copy_instance(h, o, NULLREF, 0);
    default:
        return heap_raise(h, EXC_TypeError, "cannot copy '%s' object", heap_type_name(h, o));
    }
}

/* Remember COPY as the deep copy of O in MEMO. */
static bool memo_put(Heap *h, Ref memo, Ref o, Ref copy)
{
    Ref key = int_from_i64(h, (int64_t)h->objs[o].addr);
    if (!key)
        return false;
    int rc = dict_setitem(h, memo, key, copy);
    heap_decref(h, key);
    return rc == 0;
}

/* The deep copy of O already made, or 0 (borrowed). */
static Ref memo_get(Heap *h, Ref memo, Ref o)
{
    Ref key = int_from_i64(h, (int64_t)h->objs[o].addr);
    Ref v = key ? dict_getitem(h, memo, key) : 0;
    heap_decref(h, key);
    return v;
}

/* A new instance of O's class sharing a (deep when MEMO) copy of its attributes. */
static Ref copy_instance(Heap *h, Ref o, Ref memo, int depth)
{
    Ref t = heap_type(h, o);
    Ref y = instance_new(h, t);
    if (!y)
        return NULLREF;
    if (memo && !memo_put(h, memo, o, y)) {
        heap_decref(h, y);
        return NULLREF;
    }
    InstData *src = inst_data(h, o);
    for (uint32_t k = 0; k < src->nslots; k++) {
        Ref v = src->slots[k];
        if (v)
            inst_data(h, y)->slots[k] = memo ? deepcopy(h, v, memo, depth + 1) : heap_newref(h, v);
        if (v && !inst_data(h, y)->slots[k]) {
            heap_decref(h, y);
            return NULLREF;
        }
    }
    if (!type_data(h, t)->has_dict)
        return y;
    /* copyreg.__reduce_ex__(4): state = the instance's __dict__ (3.11+
     * materialize it); _reconstruct: y.__dict__.update(deepcopy(state)) */
    Ref state = instance_get_dict(h, o);
    if (state && dict_size(h, state) == 0) {
        heap_decref(h, state);
        return y;
    }
    if (state && memo) {
        Ref copy = deepcopy(h, state, memo, depth + 1);
        heap_decref(h, state);
        state = copy;
    }
    Ref yd = state ? instance_get_dict(h, y) : NULLREF;
    int rc = yd ? dict_update(h, yd, state) : -1;
    heap_decref(h, yd);
    heap_decref(h, state);
    if (rc < 0) {
        heap_decref(h, y);
        return NULLREF;
    }
    return y;
}

/* Deep-copy a list: a new list appended one item at a time (as copy.py). */
static Ref deepcopy_list(Heap *h, Ref o, Ref memo, int depth)
{
    Ref y = list_new(h, 0);
    if (!y || !memo_put(h, memo, o, y)) {
        heap_decref(h, y);
        return NULLREF;
    }
    for (size_t i = 0; i < list_size(h, o); i++) {
        Ref c = deepcopy(h, list_items(h, o)[i], memo, depth + 1);
        if (!c || list_append(h, y, c) < 0) {
            heap_decref(h, c);
            heap_decref(h, y);
            return NULLREF;
        }
        heap_decref(h, c);
    }
    return y;
}

/* Deep-copy a tuple: the original when every item copies to itself. */
static Ref deepcopy_tuple(Heap *h, Ref o, Ref memo, int depth)
{
    size_t n = tuple_size(h, o);
    Ref y = tuple_new(h, n);
    if (!y)
        return NULLREF;
    bool same = true;
    for (size_t i = 0; i < n; i++) {
        Ref c = deepcopy(h, tuple_items(h, o)[i], memo, depth + 1);
        if (!c) {
            heap_decref(h, y);
            return NULLREF;
        }
        same = same && c == tuple_items(h, o)[i];
        tuple_set_item(h, y, i, c);
    }
    if (same) {
        heap_decref(h, y);
        return heap_newref(h, o);
    }
    Ref seen = memo_get(h, memo, o);
    if (seen) {
        heap_decref(h, y);
        return heap_newref(h, seen);
    }
    return y;
}

/* Deep-copy a dict key by key. */
static Ref deepcopy_dict(Heap *h, Ref o, Ref memo, int depth)
{
    Ref y = dict_new(h);
    if (!y || !memo_put(h, memo, o, y)) {
        heap_decref(h, y);
        return NULLREF;
    }
    size_t pos = 0;
    Ref k, v;
    while (dict_next(h, o, &pos, &k, &v)) {
        Ref ck = deepcopy(h, k, memo, depth + 1);
        Ref cv = ck ? deepcopy(h, v, memo, depth + 1) : 0;
        int rc = cv ? dict_setitem(h, y, ck, cv) : -1;
        heap_decref(h, ck);
        heap_decref(h, cv);
        if (rc < 0) {
            heap_decref(h, y);
            return NULLREF;
        }
    }
    return y;
}

/* Deep-copy O, using MEMO (dict id -> copy). */
static Ref deepcopy(Heap *h, Ref o, Ref memo, int depth)
{
    if (depth > DEEPCOPY_MAX_DEPTH)
        return heap_raise(h, EXC_RecursionError, "%s", h->prof->msg_recursion);
    Ref seen = memo_get(h, memo, o);
    if (seen)
        return heap_newref(h, seen);
    if (atomic(h, o))
        return heap_newref(h, o);
    switch (heap_kind(h, o)) {
    case K_LIST: return deepcopy_list(h, o, memo, depth);
    case K_TUPLE: return deepcopy_tuple(h, o, memo, depth);
    case K_DICT: return deepcopy_dict(h, o, memo, depth);
    case K_INSTANCE: return copy_instance(h, o, memo, depth);
    case K_SET: {
        Ref l = obj_to_list(h, o);
        Ref c = l ? deepcopy_list(h, l, memo, depth) : 0;
        Ref s = c ? set_new(h, c) : 0;
        heap_decref(h, l);
        heap_decref(h, c);
        return s;
    }
    default:
        return heap_raise(h, EXC_TypeError, "cannot pickle '%s' object", heap_type_name(h, o));
    }
}

/* copy.deepcopy(x). */
static Ref copy_deepcopy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "deepcopy", nargs, kwnames, 1, 1))
        return NULLREF;
    Ref memo = dict_new(h);
    if (!memo)
        return NULLREF;
    Ref r = deepcopy(h, args[0], memo, 0);
    heap_decref(h, memo);
    return r;
}

static const MethodDef copy_defs[] = {
    {"copy", copy_copy, NULL}, {"deepcopy", copy_deepcopy, NULL}, {NULL, NULL, NULL},
};

/* ---- weakref ---- */

/* The name _weakref's functions use in argument errors: QUALIFIED
 * ("_weakref.proxy") from 3.10, else NAME. */
static const char *weakref_fname(Heap *h, const char *name, const char *qualified)
{
    return h->prof->method_qualname_errors ? qualified : name;
}

/* weakref.proxy(obj[, callback]). */
static Ref weakref_proxy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "proxy", nargs, NULLREF, 1, 2)
        || !arg_check(h, weakref_fname(h, "proxy", "_weakref.proxy"), 1, kwnames, 1, 1))
        return NULLREF;
    return weakref_proxy_new(h, args[0], nargs == 2 ? args[1] : NULLREF);
}

/* weakref.getweakrefcount(obj). */
static Ref weakref_getcount(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, weakref_fname(h, "getweakrefcount", "_weakref.getweakrefcount"), nargs,
                   kwnames, 1, 1))
        return NULLREF;
    size_t n = weakref_supported(h, args[0]) ? weakref_count(h, args[0]) : 0;
    return int_from_i64(h, (int64_t)n);
}

/* weakref.getweakrefs(obj). */
static Ref weakref_getrefs(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, weakref_fname(h, "getweakrefs", "_weakref.getweakrefs"), nargs, kwnames,
                   1, 1))
        return NULLREF;
    return weakref_list(h, args[0]);
}

static const MethodDef weakref_defs[] = {
    {"getweakrefcount", weakref_getcount, NULL}, {"getweakrefs", weakref_getrefs, NULL},
    {"proxy", weakref_proxy, NULL},
    {NULL, NULL, NULL},
};

/* weakref's classes: ref (= ReferenceType), ProxyType, CallableProxyType,
 * ProxyTypes, KeyedRef, WeakValueDictionary. */
static bool add_weakref_data(Heap *h, Ref m)
{
    weakref_init_types(h);
    Ref d = module_data(h, m)->dict;
    Ref ref = h->type_of_kind[K_WEAKREF];
    Ref proxy = h->type_of_kind[K_WEAKPROXY], cproxy = h->type_of_kind[K_WEAKCALLABLEPROXY];
    Ref types = tuple_pack(h, 2, proxy, cproxy);
    bool ok = types && dict_setitem_cstr(h, d, "ref", ref) == 0
              && dict_setitem_cstr(h, d, "ReferenceType", ref) == 0
              && dict_setitem_cstr(h, d, "ProxyType", proxy) == 0
              && dict_setitem_cstr(h, d, "CallableProxyType", cproxy) == 0
              && dict_setitem_cstr(h, d, "ProxyTypes", types) == 0
              && dict_setitem_cstr(h, d, "KeyedRef", weakref_keyedref_type(h)) == 0
              && dict_setitem_cstr(h, d, "WeakValueDictionary",
                                   h->type_of_kind[K_WEAKVALUEDICT]) == 0;
    heap_decref(h, types);
    return ok;
}

/* ---- module table ---- */

/* Fill module M's namespace with builtins from DEFS. */
static bool add_functions(Heap *h, Ref m, const MethodDef *defs)
{
    ModuleData *d = module_data(h, m);
    for (const MethodDef *def = defs; def->name; def++) {
        Ref f = builtin_new(h, def, m, d->name);
        int rc = f ? dict_setitem_cstr(h, d->dict, def->name, f) : -1;
        heap_decref(h, f);
        if (rc < 0)
            return false;
    }
    return true;
}

/* sys's data attributes: version, maxsize, byteorder. */
static bool add_sys_data(Heap *h, Ref m)
{
    Ref d = module_data(h, m)->dict;
    Ref v = str_from_cstr(h, h->prof->full_version);
    Ref mx = int_from_i64(h, INT64_MAX);
    Ref bo = str_from_cstr(h, "little");
    bool ok = v && mx && bo && dict_setitem_cstr(h, d, "version", v) == 0
              && dict_setitem_cstr(h, d, "maxsize", mx) == 0
              && dict_setitem_cstr(h, d, "byteorder", bo) == 0;
    heap_decref(h, v);
    heap_decref(h, mx);
    heap_decref(h, bo);
    return ok;
}

/* Make the module NAME for `import NAME`, or raise ModuleNotFoundError. */
Ref modules_create(Vm *vm, Ref name)
{
    Heap *h = vm->h;
    const char *n = str_utf8(h, name, NULL);
    const MethodDef *defs = !strcmp(n, "sys") ? sys_defs
                            : !strcmp(n, "copy") ? copy_defs
                            : !strcmp(n, "weakref") ? weakref_defs
                            : !strcmp(n, "gc") ? gc_defs : NULL;
    if (!defs) {
        return heap_raise(h, EXC_ModuleNotFoundError,
                          "heapscope: no module named '%s' (scripts can import sys, gc, "
                          "copy and weakref)", n);
    }
    Ref m = module_new(h, n);
    if (!m)
        return NULLREF;
    bool ok = add_functions(h, m, defs);
    if (ok && defs == sys_defs) {
        ok = add_sys_data(h, m) && dict_setitem_cstr(h, module_data(h, m)->dict, "modules", vm->modules) == 0;
    }
    if (ok && defs == weakref_defs)
        ok = add_weakref_data(h, m);
    if (ok && defs == gc_defs)
        ok = gcmodule_add_data(h, m);
    if (!ok) {
        heap_decref(h, m);
        return NULLREF;
    }
    return m;
}
