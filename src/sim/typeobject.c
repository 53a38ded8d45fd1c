/* Type objects, classes and their instances (CPython's typeobject.c).
 *
 * Builtin types are static K_TYPE objects carrying a C name and the kind
 * of their instances; classes made by `class` statements are heap types
 * with a namespace dict, an MRO tuple (which contains the class itself, a
 * cycle, as in CPython) and an instance layout: __slots__ values, and a
 * __dict__ that is a separate object in 3.8 but lives inline in the
 * instance from 3.11 until someone asks for __dict__ (profile
 * inline_values).  Dunder methods found along the MRO give instances their
 * behaviour (see the slot_* functions). */
#include "sim/typeobject.h"

#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/gc.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "util/xalloc.h"

static size_t inst_prefix(const Heap *h, Ref t);
static size_t inst_size_for(const Heap *h, Ref t);

/* ---- lookup ---- */

/* Make the static type object for a builtin kind or exception. */
Ref type_new_static(Heap *h, const char *cname, Kind inst_kind, Ref base)
{
    Ref t = heap_new_slot(h, K_TYPE, h->type_type, h->static_next);
    h->static_next += 0x1a0;
    heap_make_static(h, t);
    TypeData *d = xcalloc(1, sizeof *d);
    d->cname = cname;
    d->inst_kind = inst_kind;
    d->base = base;
    h->objs[t].v.p = d;
    if (!h->type_type) {            /* `type` is its own type */
        h->objs[t].type = t;
    }
    return t;
}

/* True when type A is B or a subclass of it. */
bool type_is_subtype(const Heap *h, Ref a, Ref b)
{
    if (a == b)
        return true;
    TypeData *d = type_data(h, a);
    if (d->mro) {
        size_t n = tuple_size(h, d->mro);
        Ref *items = tuple_items(h, d->mro);
        for (size_t i = 0; i < n; i++)
            if (items[i] == b)
                return true;
        return false;
    }
    for (Ref t = d->base; t; t = type_data(h, t)->base)
        if (t == b)
            return true;
    return b == h->object_type;
}

/* Look NAME (a str) up along T's MRO; borrowed reference or 0 (no exception). */
Ref type_lookup(Heap *h, Ref t, Ref name)
{
    TypeData *d = type_data(h, t);
    if (!d->mro)
        return NULLREF;
    size_t n = tuple_size(h, d->mro);
    Ref *items = tuple_items(h, d->mro);
    for (size_t i = 0; i < n; i++) {
        TypeData *k = type_data(h, items[i]);
        if (!k->dict)
            continue;
        Ref v = dict_getitem(h, k->dict, name);
        if (v)
            return v;
        if (h->exc)
            heap_clear_exc(h);
    }
    return NULLREF;
}

/* Look a C-string NAME up along T's MRO; borrowed reference or 0. */
Ref type_lookup_cstr(Heap *h, Ref t, const char *name)
{
    TypeData *d = type_data(h, t);
    if (!d->mro)
        return NULLREF;
    size_t n = tuple_size(h, d->mro);
    Ref *items = tuple_items(h, d->mro);
    for (size_t i = 0; i < n; i++) {
        TypeData *k = type_data(h, items[i]);
        if (!k->dict)
            continue;
        Ref v = dict_getitem_cstr(h, k->dict, name);
        if (v)
            return v;
    }
    return NULLREF;
}

/* Return the type's __name__ as a C string. */
const char *type_cname(const Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (d->cname)
        return d->cname;
    return str_utf8(h, d->name, NULL);
}

/* ---- class creation ---- */

/* Append T's MRO (or T and its bases for builtins) to the C3 input list. */
static Ref mro_of(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (d->mro)
        return heap_newref(h, d->mro);
    size_t n = 1;
    for (Ref b = d->base; b; b = type_data(h, b)->base)
        n++;
    if (t != h->object_type && !d->base)
        n++;
    Ref mro = tuple_new(h, n);
    if (!mro)
        return NULLREF;
    size_t i = 0;
    for (Ref b = t; b; b = type_data(h, b)->base)
        tuple_set_item(h, mro, i++, heap_newref(h, b));
    if (i < n)
        tuple_set_item(h, mro, i++, heap_newref(h, h->object_type));
    return mro;
}

/* C3 linearization of T with BASES: CPython's mro_implementation. */
static Ref compute_mro(Heap *h, Ref t, Ref bases)
{
    size_t nb = tuple_size(h, bases);
    Ref seqs_store[16 + 1];
    size_t pos[16 + 1];
    if (nb > 16)
        return heap_raise(h, EXC_TypeError, "too many base classes");
    for (size_t i = 0; i < nb; i++) {
        seqs_store[i] = mro_of(h, tuple_items(h, bases)[i]);
        pos[i] = 0;
    }
    seqs_store[nb] = heap_newref(h, bases);
    pos[nb] = 0;
    Ref *out = xmalloc(sizeof(Ref) * 64);
    size_t nout = 0, capout = 64;
    out[nout++] = t;
    bool ok = true;
    for (;;) {
        Ref cand = 0;
        bool any = false;
        for (size_t i = 0; i <= nb && !cand; i++) {
            if (pos[i] >= tuple_size(h, seqs_store[i]))
                continue;
            any = true;
            Ref c = tuple_items(h, seqs_store[i])[pos[i]];
            bool in_tail = false;
            for (size_t j = 0; j <= nb && !in_tail; j++)
                for (size_t k = pos[j] + 1; k < tuple_size(h, seqs_store[j]); k++)
                    if (tuple_items(h, seqs_store[j])[k] == c)
                        in_tail = true;
            if (!in_tail)
                cand = c;
        }
        if (!any)
            break;
        if (!cand) {
            ok = false;
            break;
        }
        XGROW(out, capout, nout + 1);
        out[nout++] = cand;
        for (size_t i = 0; i <= nb; i++)
            if (pos[i] < tuple_size(h, seqs_store[i])
                && tuple_items(h, seqs_store[i])[pos[i]] == cand)
                pos[i]++;
    }
    for (size_t i = 0; i <= nb; i++)
        heap_decref(h, seqs_store[i]);
    Ref mro = ok ? tuple_from_array(h, out, nout) : NULLREF;
    free(out);
    if (!ok)
        heap_raise(h, EXC_TypeError,
                   "Cannot create a consistent method resolution order (MRO)");
    return mro;
}

/* Read __slots__ from the namespace into T's layout; -1 on error. */
static int setup_slots(Heap *h, Ref t, Ref ns)
{
    TypeData *d = type_data(h, t);
    TypeData *base = type_data(h, d->base);
    d->slot_offset = base->slot_offset + base->nslots;
    Ref slots = dict_getitem_cstr(h, ns, "__slots__");
    if (!slots) {
        d->has_dict = d->has_weakref = 1;
        return 0;
    }
    Ref names = str_check(h, slots) ? tuple_pack(h, 1, slots) : obj_to_tuple(h, slots);
    if (!names)
        return -1;
    size_t n = tuple_size(h, names), kept = 0;
    d->has_dict = base->has_dict;
    d->has_weakref = base->has_weakref;
    for (size_t i = 0; i < n; i++) {
        Ref s = tuple_items(h, names)[i];
        if (!str_check(h, s)) {
            heap_decref(h, names);
            heap_raise(h, EXC_TypeError, "__slots__ items must be strings, not '%s'",
                       heap_type_name(h, s));
            return -1;
        }
        if (str_eq_cstr(h, s, "__dict__"))
            d->has_dict = 1;
        else if (str_eq_cstr(h, s, "__weakref__"))
            d->has_weakref = 1;
        else
            kept++;
    }
    d->nslots = (uint32_t)kept;
    d->slot_names = names;
    return 0;
}

/* Put a member descriptor for each slot into the class dict. */
static int add_member_descriptors(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (!d->slot_names)
        return 0;
    size_t n = tuple_size(h, d->slot_names);
    uint32_t index = d->slot_offset;
    for (size_t i = 0; i < n; i++) {
        Ref s = tuple_items(h, d->slot_names)[i];
        if (str_eq_cstr(h, s, "__dict__") || str_eq_cstr(h, s, "__weakref__"))
            continue;
        Ref m = heap_alloc_object(h, K_MEMBERDESCR, h->type_of_kind[K_MEMBERDESCR],
                                  64, h->prof->gc_head_size, true);
        if (!m)
            return -1;
        h->objs[m].aux = index++;
        h->objs[m].v.u = heap_newref(h, s);
        gc_track(h, m);
        int rc = dict_setitem(h, d->dict, s, m);
        heap_decref(h, m);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Pick the solid base: the first base's layout is extended. */
static Ref solid_base(Heap *h, Ref bases)
{
    if (tuple_size(h, bases) == 0)
        return h->object_type;
    return tuple_items(h, bases)[0];
}

/* Create a class: `class NAME(BASES): NAMESPACE` (type(name, bases, dict)). */
Ref type_new_heap(Heap *h, Ref name, Ref bases, Ref ns, Ref qualname)
{
    for (size_t i = 0; i < tuple_size(h, bases); i++) {
        Ref b = tuple_items(h, bases)[i];
        if (heap_kind(h, b) != K_TYPE)
            return heap_raise(h, EXC_TypeError, "bases must be types");
        Kind k = type_data(h, b)->inst_kind;
        if (k != K_INSTANCE && k != K_EXCEPTION)
            return heap_raise(h, EXC_NotImplementedError,
                              "heapscope: subclassing the builtin type '%s' is not supported",
                              type_cname(h, b));
    }
    Ref t = heap_alloc_object(h, K_TYPE, h->type_type, h->prof->type_size,
                              h->prof->gc_head_size, true);
    if (!t)
        return NULLREF;
    TypeData *d = xcalloc(1, sizeof *d);
    h->objs[t].v.p = d;
    d->heaptype = 1;
    d->name = heap_newref(h, name);
    d->qualname = heap_newref(h, qualname ? qualname : name);
    d->bases = tuple_size(h, bases) ? heap_newref(h, bases)
                                    : tuple_pack(h, 1, h->object_type);
    d->base = heap_newref(h, solid_base(h, bases));
    d->inst_kind = type_data(h, d->base)->inst_kind;
    if (d->inst_kind != K_EXCEPTION)
        d->inst_kind = K_INSTANCE;
    d->dict = dict_copy(h, ns);
    if (!d->dict || !(d->mro = compute_mro(h, t, d->bases))
        || setup_slots(h, t, ns) < 0 || add_member_descriptors(h, t) < 0) {
        heap_decref(h, t);
        return NULLREF;
    }
    if (dict_getitem_cstr(h, d->dict, "__eq__") && !dict_getitem_cstr(h, d->dict, "__hash__")
        && dict_setitem_cstr(h, d->dict, "__hash__", h->none) < 0) {
        heap_decref(h, t);
        return NULLREF;
    }
    d->has_del = type_lookup_cstr(h, t, "__del__") != 0;
    gc_track(h, t);
    return t;
}

/* Visit every reference a heap type owns. */
static void type_traverse(Heap *h, Ref t, VisitFn visit, void *arg)
{
    TypeData *d = type_data(h, t);
    if (!d->heaptype)
        return;
    Ref refs[] = {d->name, d->qualname, d->bases, d->mro, d->base, d->dict, d->slot_names};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i])
            visit(h, refs[i], arg);
}

/* Break a heap type's cycles (tp_clear): drop its MRO and namespace. */
static void type_clear(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    heap_setref(h, &d->mro, NULLREF);
    heap_setref(h, &d->dict, NULLREF);
}

/* Free a type's host payload. */
static void type_release(Heap *h, Ref t)
{
    free(type_data(h, t));
}

/* Deallocate a heap type. */
static void type_dealloc(Heap *h, Ref t)
{
    TypeData d = *type_data(h, t);
    Ref refs[] = {d.mro, d.dict, d.bases, d.base, d.slot_names, d.name, d.qualname};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    free(type_data(h, t));
    heap_free_object(h, t, h->prof->gc_head_size, true);
}

/* sys.getsizeof of a class. */
static size_t type_sizeof(Heap *h, Ref t)
{
    (void)t;
    return h->prof->type_size;
}

/* repr: <class 'int'> or <class '__main__.A'>. */
static Ref type_repr(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    StrBuf b = {0};
    if (d->heaptype) {
        Ref mod = dict_getitem_cstr(h, d->dict, "__module__");
        strbuf_puts(&b, "<class '");
        if (mod && str_check(h, mod) && !str_eq_cstr(h, mod, "builtins")) {
            strbuf_puts(&b, str_utf8(h, mod, NULL));
            strbuf_putc(&b, '.');
        }
        strbuf_printf(&b, "%s'>", str_utf8(h, d->qualname, NULL));
    } else {
        strbuf_printf(&b, "<class '%s'>", d->cname);
    }
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* Call a type: type(x), a builtin constructor, or a class's __new__/__init__. */
static Ref type_call(Heap *h, Ref t, const Ref *args, size_t nargs, Ref kwnames)
{
    TypeData *d = type_data(h, t);
    if (t == h->type_type) {
        if (nargs == 1 && !kwnames)
            return heap_newref(h, heap_type(h, args[0]));
        if (nargs == 3 && !kwnames)
            return type_new_heap(h, args[0], args[1], args[2], NULLREF);
        return heap_raise(h, EXC_TypeError, "type() takes 1 or 3 arguments");
    }
    if (!d->heaptype) {
        const TypeOps *ops = kind_ops[d->inst_kind];
        if (!ops || !ops->new_)
            return heap_raise(h, EXC_TypeError, "cannot create '%s' instances", d->cname);
        if (h->prof->types_vectorcall || nargs == 0)
            return ops->new_(h, t, args, nargs, kwnames);
        /* before vectorcall (3.8), type_call packs the arguments in a tuple */
        Ref packed = tuple_from_array(h, args, nargs);
        if (!packed)
            return NULLREF;
        Ref r = ops->new_(h, t, args, nargs, kwnames);
        heap_decref(h, packed);
        return r;
    }
    Ref self = d->inst_kind == K_EXCEPTION
                   ? kind_ops[K_EXCEPTION]->new_(h, t, args, nargs, NULLREF)
                   : instance_new(h, t);
    if (!self)
        return NULLREF;
    Ref init = type_lookup_cstr(h, t, "__init__");
    if (init) {
        size_t total = nargs + (kwnames ? tuple_size(h, kwnames) : 0);
        Ref *full = xmalloc(sizeof(Ref) * (total + 1));
        full[0] = self;
        memcpy(full + 1, args, sizeof(Ref) * total);
        Ref r = heap_call(h, init, full, nargs + 1, kwnames);
        free(full);
        if (!r) {
            heap_decref(h, self);
            return NULLREF;
        }
        bool none = r == h->none;
        heap_decref(h, r);
        if (!none) {
            heap_decref(h, self);
            return heap_raise(h, EXC_TypeError, "__init__() should return None, not '%s'",
                              heap_type_name(h, r));
        }
    } else if ((nargs || kwnames) && d->inst_kind != K_EXCEPTION) {
        heap_decref(h, self);
        return heap_raise(h, EXC_TypeError, "%s() takes no arguments", type_cname(h, t));
    }
    return self;
}

/* Attributes of classes: __name__, __mro__, ..., then the MRO. */
static Ref type_getattr(Heap *h, Ref t, Ref name)
{
    TypeData *d = type_data(h, t);
    const char *n = str_utf8(h, name, NULL);
    if (!strcmp(n, "__name__"))
        return d->heaptype ? heap_newref(h, d->name) : str_from_cstr(h, d->cname);
    if (!strcmp(n, "__qualname__"))
        return d->heaptype ? heap_newref(h, d->qualname) : str_from_cstr(h, d->cname);
    if (!strcmp(n, "__mro__"))
        return mro_of(h, t);
    if (!strcmp(n, "__basicsize__") && d->heaptype)
        return int_from_i64(h, (int64_t)(inst_size_for(h, t) - inst_prefix(h, t)));
    if (!strcmp(n, "__bases__") && d->bases)
        return heap_newref(h, d->bases);
    if (!strcmp(n, "__base__"))
        return heap_newref(h, d->base ? d->base : h->none);
    if (!strcmp(n, "__dict__") && d->dict)
        return heap_newref(h, d->dict);
    Ref v = type_lookup(h, t, name);
    if (v) {
        if (heap_kind(h, v) == K_STATICMETHOD)
            return heap_newref(h, (Ref)h->objs[v].v.u);
        if (heap_kind(h, v) == K_CLASSMETHOD)
            return method_new(h, (Ref)h->objs[v].v.u, t);
        return heap_newref(h, v);
    }
    for (Ref k = t; k; k = type_data(h, k)->base) {   /* methods of builtin types */
        const TypeOps *ops = kind_ops[type_data(h, k)->inst_kind];
        for (const MethodDef *m = ops && !type_data(h, k)->heaptype ? ops->methods : NULL;
             m && m->name; m++) {
            if (strcmp(m->name, n))
                continue;
            if (!strcmp(n, "fromkeys") || !strcmp(n, "maketrans"))   /* classmethods */
                return builtin_new(h, m, t, NULLREF);
            return builtin_new_descriptor(h, m, k);
        }
    }
    if (!strcmp(n, "__doc__"))
        return heap_newref(h, h->none);
    return heap_raise(h, EXC_AttributeError, "type object '%s' has no attribute '%s'",
                      type_cname(h, t), n);
}

/* Assign a class attribute. */
static int type_setattr(Heap *h, Ref t, Ref name, Ref value)
{
    TypeData *d = type_data(h, t);
    if (!d->heaptype) {
        heap_raise(h, EXC_TypeError,
                   "cannot set '%s' attribute of immutable type '%s'",
                   str_utf8(h, name, NULL), d->cname);
        return -1;
    }
    int rc = value ? dict_setitem(h, d->dict, name, value) : dict_delitem(h, d->dict, name);
    if (rc == 0 && str_eq_cstr(h, name, "__del__"))
        d->has_del = type_lookup_cstr(h, t, "__del__") != 0;
    return rc;
}

/* Classes hash by identity. */
static int identity_hash(Heap *h, Ref o, int64_t *out)
{
    uint64_t a = h->objs[o].addr;
    uint64_t y = (a >> 4) | (a << 60);
    *out = (int64_t)y == -1 ? -2 : (int64_t)y;
    return 0;
}

const TypeOps type_ops = {
    .name = "type", .gc = 1, .basetype = 1,
    .sizeof_ = type_sizeof, .dealloc = type_dealloc, .release = type_release,
    .traverse = type_traverse, .clear = type_clear, .repr = type_repr,
    .call = type_call, .getattr = type_getattr, .setattr = type_setattr,
    .hash = identity_hash,
};

/* object.__init__(self, *args): accepts nothing beyond self. */
static Ref object_init(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (nargs || (kwnames && tuple_size(h, kwnames)))
        return heap_raise(h, EXC_TypeError,
                          "object.__init__() takes exactly one argument (the instance to initialize)");
    (void)self;
    return heap_newref(h, h->none);
}

static const MethodDef object_init_def = {"__init__", object_init, NULL};

/* ---- instances ---- */

/* Bytes before an instance's address: GC header and pre-header words. */
static size_t inst_prefix(const Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (t == h->object_type)
        return 0;                      /* object() is a bare PyObject */
    return h->prof->gc_head_size + (d->has_dict ? h->prof->preheader_size : 0);
}

/* sys.getsizeof of an instance of T. */
static size_t inst_size_for(const Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (t == h->object_type)
        return 16;
    size_t slots = 8 * (d->slot_offset + d->nslots);
    if (d->has_dict)
        return h->prof->instance_size + slots;
    return h->prof->slotted_base + slots + (d->has_weakref ? 8 : 0);
}

/* A new, uninitialised instance of heap type T (object.__new__). */
Ref instance_new(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    Kind k = d->inst_kind == K_EXCEPTION ? K_EXCEPTION : K_INSTANCE;
    if (k == K_EXCEPTION)
        return kind_ops[K_EXCEPTION]->new_(h, t, NULL, 0, NULLREF);
    Ref i = heap_alloc_object(h, K_INSTANCE, t, inst_size_for(h, t), inst_prefix(h, t), true);
    if (!i)
        return NULLREF;
    uint32_t nslots = d->slot_offset + d->nslots;
    InstData *id = xcalloc(1, sizeof *id + sizeof(Ref) * nslots);
    id->nslots = nslots;
    h->objs[i].v.p = id;
    gc_track(h, i);
    return i;
}

/* Move inline values into a real dict object (materialize __dict__). */
static int materialize_dict(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    Ref dict = dict_new(h);
    if (!dict)
        return -1;
    for (uint32_t k = 0; k < d->nvalues; k++) {
        if (dict_setitem(h, dict, d->keys[k], d->values[k]) < 0) {
            heap_decref(h, dict);
            return -1;
        }
    }
    for (uint32_t k = 0; k < d->nvalues; k++) {
        heap_decref(h, d->keys[k]);
        heap_decref(h, d->values[k]);
    }
    d->nvalues = 0;
    d->dict = dict;
    return 0;
}

/* The instance's __dict__, materializing it (new reference). */
Ref instance_get_dict(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    if (!d->dict && materialize_dict(h, i) < 0)
        return NULLREF;
    return heap_newref(h, inst_data(h, i)->dict);
}

/* Index of attribute NAME among the inline values, or -1. */
static int inline_find(const Heap *h, const InstData *d, Ref name)
{
    for (uint32_t k = 0; k < d->nvalues; k++)
        if (d->keys[k] == name || str_equal(h, d->keys[k], name))
            return (int)k;
    return -1;
}

/* Look up an instance attribute in its own storage; borrowed or 0. */
Ref instance_attr_lookup(Heap *h, Ref i, Ref name)
{
    InstData *d = inst_data(h, i);
    if (d->dict)
        return dict_getitem(h, d->dict, name);
    int k = inline_find(h, d, name);
    return k < 0 ? NULLREF : d->values[k];
}

/* Store (or delete, VALUE 0) an attribute in the instance's own storage. */
int instance_attr_store(Heap *h, Ref i, Ref name, Ref value)
{
    Ref t = heap_type(h, i);
    InstData *d = inst_data(h, i);
    if (!type_data(h, t)->has_dict) {
        heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                   type_cname(h, t), str_utf8(h, name, NULL));
        return -1;
    }
    if (!d->dict && !h->prof->inline_values && materialize_dict(h, i) < 0)
        return -1;
    if (d->dict) {
        if (value)
            return dict_setitem(h, d->dict, name, value);
        return dict_delitem(h, d->dict, name);
    }
    int k = inline_find(h, d, name);
    if (!value) {
        if (k < 0) {
            heap_raise(h, EXC_AttributeError, "%s", str_utf8(h, name, NULL));
            return -1;
        }
        Ref oldk = d->keys[k], oldv = d->values[k];
        memmove(d->keys + k, d->keys + k + 1, sizeof(Ref) * (d->nvalues - k - 1));
        memmove(d->values + k, d->values + k + 1, sizeof(Ref) * (d->nvalues - k - 1));
        d->nvalues--;
        heap_decref(h, oldv);
        heap_decref(h, oldk);
        return 0;
    }
    if (k >= 0) {
        heap_setref(h, &d->values[k], heap_newref(h, value));
        return 0;
    }
    if (d->nvalues == d->capvalues) {
        d->capvalues = d->capvalues ? d->capvalues * 2 : 4;
        d->keys = xrealloc(d->keys, sizeof(Ref) * d->capvalues);
        d->values = xrealloc(d->values, sizeof(Ref) * d->capvalues);
    }
    d->keys[d->nvalues] = heap_newref(h, name);
    d->values[d->nvalues] = heap_newref(h, value);
    d->nvalues++;
    return 0;
}

/* Visit an instance's slots, attributes and dict. */
static void inst_traverse(Heap *h, Ref i, VisitFn visit, void *arg)
{
    InstData *d = inst_data(h, i);
    visit(h, heap_type(h, i), arg);      /* subtype_traverse visits the heap type */
    for (uint32_t k = 0; k < d->nslots; k++)
        if (d->slots[k])
            visit(h, d->slots[k], arg);
    for (uint32_t k = 0; k < d->nvalues; k++) {
        visit(h, d->keys[k], arg);
        visit(h, d->values[k], arg);
    }
    if (d->dict)
        visit(h, d->dict, arg);
}

/* Drop an instance's references (tp_clear / subtype_clear). */
static void inst_clear(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    for (uint32_t k = 0; k < d->nslots; k++)
        heap_setref(h, &d->slots[k], NULLREF);
    while (d->nvalues) {
        d->nvalues--;
        Ref key = d->keys[d->nvalues], v = d->values[d->nvalues];
        heap_decref(h, v);
        heap_decref(h, key);
    }
    heap_setref(h, &d->dict, NULLREF);
}

/* Free an instance's host payload. */
static void inst_release(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    free(d->keys);
    free(d->values);
    free(d);
}

/* Deallocate an instance: slots, then attribute values, then the dict. */
static void inst_dealloc(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    for (uint32_t k = 0; k < d->nslots; k++)
        heap_setref(h, &d->slots[k], NULLREF);
    for (uint32_t k = 0; k < d->nvalues; k++)
        heap_decref(h, d->values[k]);
    for (uint32_t k = 0; k < d->nvalues; k++)
        heap_decref(h, d->keys[k]);
    d->nvalues = 0;
    heap_setref(h, &d->dict, NULLREF);
    Ref t = heap_type(h, i);
    size_t prefix = inst_prefix(h, t);
    inst_release(h, i);
    heap_free_object(h, i, prefix, t != h->object_type);
}

/* sys.getsizeof of an instance. */
static size_t inst_sizeof(Heap *h, Ref i)
{
    return inst_size_for(h, heap_type(h, i));
}

/* The memberdescr slot index, or -1 when V is not one. */
int memberdescr_index(const Heap *h, Ref v)
{
    return heap_kind(h, v) == K_MEMBERDESCR ? (int)h->objs[v].aux : -1;
}

/* Visit a member descriptor's name. */
static void member_traverse(Heap *h, Ref m, VisitFn visit, void *arg)
{
    visit(h, (Ref)h->objs[m].v.u, arg);
}

/* Deallocate a member descriptor. */
static void member_dealloc(Heap *h, Ref m)
{
    heap_decref(h, (Ref)h->objs[m].v.u);
    heap_free_object(h, m, h->prof->gc_head_size, true);
}

/* sys.getsizeof of a member descriptor. */
static size_t member_sizeof(Heap *h, Ref m)
{
    (void)m;
    return 64 + h->prof->gc_head_size;
}

const TypeOps memberdescr_ops = {
    .name = "member_descriptor", .gc = 1,
    .sizeof_ = member_sizeof, .dealloc = member_dealloc, .traverse = member_traverse,
};

/* ---- None, NotImplemented, Ellipsis ---- */

/* repr of the three singletons. */
static Ref singleton_repr(Heap *h, Ref o)
{
    switch (heap_kind(h, o)) {
    case K_NONE: return str_from_cstr(h, "None");
    case K_NOTIMPL: return str_from_cstr(h, "NotImplemented");
    default: return str_from_cstr(h, "Ellipsis");
    }
}

/* The singletons are never deallocated; a zero count is a bug elsewhere. */
static void singleton_dealloc(Heap *h, Ref o)
{
    h->objs[o].refcnt = 1;
}

/* sys.getsizeof of a singleton. */
static size_t singleton_sizeof(Heap *h, Ref o)
{
    return heap_kind(h, o) == K_NONE ? h->prof->none_size : 16;
}

/* bool(None) is False; the others are true. */
static int singleton_truth(Heap *h, Ref o)
{
    return heap_kind(h, o) != K_NONE;
}

/* hash(None): by address, or the constant 0xFCA86420 from 3.12. */
static int none_hash(Heap *h, Ref o, int64_t *out)
{
    if (h->prof->none_hash_constant) {
        *out = h->prof->none_hash_constant;
        return 0;
    }
    return identity_hash(h, o, out);
}

const TypeOps none_ops = {
    .name = "NoneType", .sizeof_ = singleton_sizeof, .dealloc = singleton_dealloc,
    .repr = singleton_repr, .truth = singleton_truth, .hash = none_hash,
};
const TypeOps notimpl_ops = {
    .name = "NotImplementedType", .sizeof_ = singleton_sizeof,
    .dealloc = singleton_dealloc, .repr = singleton_repr, .truth = singleton_truth,
    .hash = identity_hash,
};
const TypeOps ellipsis_ops = {
    .name = "ellipsis", .sizeof_ = singleton_sizeof, .dealloc = singleton_dealloc,
    .repr = singleton_repr, .truth = singleton_truth, .hash = identity_hash,
};

/* object(): a bare, untracked object. */
static Ref object_new(Heap *h, Ref t, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)args;
    if (nargs || (kwnames && tuple_size(h, kwnames)))
        return heap_raise(h, EXC_TypeError, "object() takes no arguments");
    Ref i = heap_alloc_object(h, K_INSTANCE, t, 16, 0, false);
    if (!i)
        return NULLREF;
    h->objs[i].v.p = xcalloc(1, sizeof(InstData));
    return i;
}

const TypeOps instance_ops = {
    .name = "object", .gc = 1, .basetype = 1,
    .sizeof_ = inst_sizeof, .dealloc = inst_dealloc, .release = inst_release,
    .traverse = inst_traverse, .clear = inst_clear, .hash = identity_hash,
    .new_ = object_new,
};

/* ---- super ---- */

typedef struct SuperData {
    Ref type;      /* the class after which the MRO search starts */
    Ref obj;       /* the bound instance (or class) */
    Ref obj_type;  /* type(obj), or obj when it is a class */
} SuperData;

static SuperData *super_data(const Heap *h, Ref s) { return (SuperData *)h->objs[s].v.p; }

/* super(type, obj). */
static Ref super_new(Heap *h, Ref t, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)t;
    if (kwnames && tuple_size(h, kwnames))
        return heap_raise(h, EXC_TypeError, "super() takes no keyword arguments");
    if (nargs != 2)
        return heap_raise(h, EXC_RuntimeError, "super(): no arguments");
    if (heap_kind(h, args[0]) != K_TYPE)
        return heap_raise(h, EXC_TypeError, "super() argument 1 must be a type, not %s",
                          heap_type_name(h, args[0]));
    Ref ot = heap_kind(h, args[1]) == K_TYPE && type_is_subtype(h, args[1], args[0])
                 ? args[1] : heap_type(h, args[1]);
    if (!type_is_subtype(h, ot, args[0]))
        return heap_raise(h, EXC_TypeError,
                          "super(type, obj): obj must be an instance or subtype of type");
    Ref s = heap_alloc_object(h, K_SUPER, h->type_of_kind[K_SUPER], 48,
                              h->prof->gc_head_size, true);
    if (!s)
        return NULLREF;
    SuperData *d = xmalloc(sizeof *d);
    d->type = heap_newref(h, args[0]);
    d->obj = heap_newref(h, args[1]);
    d->obj_type = heap_newref(h, ot);
    h->objs[s].v.p = d;
    gc_track(h, s);
    return s;
}

/* super().name: search the MRO of obj's type after the given class. */
static Ref super_getattr(Heap *h, Ref s, Ref name)
{
    SuperData *d = super_data(h, s);
    Ref mro = type_data(h, d->obj_type)->mro;
    size_t n = mro ? tuple_size(h, mro) : 0, i = 0;
    while (i < n && tuple_items(h, mro)[i] != d->type)
        i++;
    for (i++; i < n; i++) {
        TypeData *k = type_data(h, tuple_items(h, mro)[i]);
        Ref v = k->dict ? dict_getitem(h, k->dict, name) : 0;
        if (!v)
            continue;
        if (heap_kind(h, v) == K_FUNCTION && d->obj != d->obj_type)
            return method_new(h, v, d->obj);
        return heap_newref(h, v);
    }
    if (str_eq_cstr(h, name, "__init__"))     /* BaseException/object.__init__ */
        return builtin_new(h, heap_kind(h, d->obj) == K_EXCEPTION ? &exc_init_def
                                                                   : &object_init_def,
                           d->obj, NULLREF);
    return heap_raise(h, EXC_AttributeError, "'super' object has no attribute '%s'",
                      str_utf8(h, name, NULL));
}

/* Visit a super object's references. */
static void super_traverse(Heap *h, Ref s, VisitFn visit, void *arg)
{
    SuperData *d = super_data(h, s);
    visit(h, d->type, arg);
    visit(h, d->obj, arg);
    visit(h, d->obj_type, arg);
}

/* Free a super object's host payload. */
static void super_release(Heap *h, Ref s)
{
    free(super_data(h, s));
}

/* Deallocate a super object. */
static void super_dealloc(Heap *h, Ref s)
{
    SuperData d = *super_data(h, s);
    heap_decref(h, d.obj);
    heap_decref(h, d.type);
    heap_decref(h, d.obj_type);
    super_release(h, s);
    heap_free_object(h, s, h->prof->gc_head_size, true);
}

/* sys.getsizeof of a super object. */
static size_t super_sizeof(Heap *h, Ref s)
{
    (void)s;
    return 32 + h->prof->gc_head_size;
}

const TypeOps super_ops = {
    .name = "super", .gc = 1,
    .sizeof_ = super_sizeof, .dealloc = super_dealloc, .release = super_release,
    .traverse = super_traverse, .getattr = super_getattr, .new_ = super_new,
};
