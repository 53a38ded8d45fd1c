/* Type objects, classes and their instances (CPython's typeobject.c).
 *
 * Builtin types are static K_TYPE objects carrying a C name and the kind
 * of their instances; classes made by `class` statements are heap types
 * with a namespace dict, an MRO tuple (which contains the class itself, a
 * cycle, as in CPython) and an instance layout computed as type_new does:
 *
 *   tp_basicsize = base's + 8 per __slots__ entry (names mangled and
 *   sorted, the most derived class's slots cleared and traversed first),
 *   + 8 for a __dict__ the class adds unless the version keeps the dict
 *   pointer in the pre-header (3.11+, Py_TPFLAGS_MANAGED_DICT), + 8 for a
 *   __weakref__ it adds unless that is managed too (3.12+).  An instance
 *   block is [GC header][pre-header, 16 bytes when anything is managed]
 *   [object: basicsize][3.13: inline values]; sys.getsizeof counts all but
 *   the inline values.
 *
 * Attributes live in an InstDict over the class's shared keys
 * (ht_cached_keys, dictobject.c): 3.8 makes a split __dict__ on the first
 * store and drops the class's keys when instances diverge; 3.11/3.12 give
 * every instance of a managed-dict class a values array at creation and
 * build a dict only when __dict__ is asked for; 3.13 puts that array in
 * the instance's own block (when nothing but the header precedes it),
 * sized from the keys before each new instance lowers their usable count
 * -- so consecutive instances of a young class ask obmalloc for different
 * size classes.  sys.getsizeof(class) counts the cached keys.
 *
 * Dunder methods found along the MRO give instances their behaviour
 * (abstract.c looks them up with type_lookup). */
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

static Ref member_new(Heap *h, Ref t, Ref name, uint32_t index);
static Ref getset_new(Heap *h, Ref t, const char *cname);

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

/* The __slots__ of a class being created (type_new's slot pass). */
typedef struct SlotSpec {
    Ref names;          /* ht_slots: mangled, sorted, no __dict__/__weakref__ */
    bool add_dict;      /* this class adds the instance __dict__ */
    bool add_weak;      /* this class adds __weakref__ */
} SlotSpec;

/* True when instances of T have a __dict__ (tp_dictoffset != 0);
 * BaseException and its subclasses have one. */
static bool type_has_dict(const Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    return d->has_dict || d->inst_kind == K_EXCEPTION;
}

/* _Py_Mangle(class name, slot): "__x" in class "_C" becomes "_C__x";
 * a new reference to the interned result. */
static Ref mangle_slot(Heap *h, Ref clsname, Ref s)
{
    const char *n = str_utf8(h, s, NULL);
    size_t len = strlen(n);
    const char *c = str_utf8(h, clsname, NULL);
    while (*c == '_')
        c++;
    bool private_ = len > 2 && n[0] == '_' && n[1] == '_'
                    && !(n[len - 1] == '_' && n[len - 2] == '_') && !strchr(n, '.');
    if (!private_ || !*c)
        return str_intern_cstr(h, n);
    StrBuf b = {0};
    strbuf_printf(&b, "_%s%s", c, n);
    Ref r = str_intern_cstr(h, strbuf_cstr(&b));
    strbuf_free(&b);
    return r;
}

/* Sort the N slot names by code point (PyList_Sort of newslots). */
static void sort_slot_names(const Heap *h, Ref *names, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        Ref x = names[i];
        size_t j = i;
        for (; j > 0 && str_compare(h, names[j - 1], x) > 0; j--)
            names[j] = names[j - 1];
        names[j] = x;
    }
}

/* Check one __slots__ item S (valid_identifier and the __dict__ /
 * __weakref__ rules); -1 with TypeError. */
static int check_slot_item(Heap *h, Ref s, bool may_dict, bool may_weak, SlotSpec *sp)
{
    if (!str_check(h, s)) {
        heap_raise(h, EXC_TypeError, "__slots__ items must be strings, not '%s'",
                   heap_type_name(h, s));
        return -1;
    }
    if (!str_is_identifier(h, s)) {
        heap_raise(h, EXC_TypeError, "__slots__ must be identifiers");
        return -1;
    }
    if (str_eq_cstr(h, s, "__dict__")) {
        if (!may_dict || sp->add_dict) {
            heap_raise(h, EXC_TypeError, "__dict__ slot disallowed: we already got one");
            return -1;
        }
        sp->add_dict = true;
    } else if (str_eq_cstr(h, s, "__weakref__")) {
        if (!may_weak || sp->add_weak) {
            heap_raise(h, EXC_TypeError, "%s", h->prof->msg_weakref_slot);
            return -1;
        }
        sp->add_weak = true;
    }
    return 0;
}

/* Mangle the real slots of SEQ into NAMES (N of them), rejecting those
 * that clash with class variables of NS; -1 with ValueError. */
static int collect_slot_names(Heap *h, Ref clsname, Ref ns, Ref seq, const SlotSpec *sp,
                              Ref *names, size_t *n)
{
    for (size_t i = 0; i < tuple_size(h, seq); i++) {
        Ref s = tuple_items(h, seq)[i];
        if ((sp->add_dict && str_eq_cstr(h, s, "__dict__"))
            || (sp->add_weak && str_eq_cstr(h, s, "__weakref__")))
            continue;
        Ref m = mangle_slot(h, clsname, s);
        if (!m)
            return -1;
        names[(*n)++] = m;
        if (dict_getitem(h, ns, m) && !str_eq_cstr(h, m, "__qualname__")
            && !str_eq_cstr(h, m, "__classcell__")) {
            Ref r = obj_repr(h, m);
            heap_raise(h, EXC_ValueError, "%s in __slots__ conflicts with class variable",
                       r ? str_utf8(h, r, NULL) : "?");
            heap_decref(h, r);
            return -1;
        }
    }
    return 0;
}

/* Read __slots__ from the namespace NS of class CLSNAME over BASE:
 * type_new's checks, mangling and sorting; -1 on error. */
static int parse_slots(Heap *h, Ref clsname, Ref base, Ref ns, SlotSpec *sp)
{
    bool may_dict = !type_has_dict(h, base), may_weak = !type_data(h, base)->has_weakref;
    Ref slots = dict_getitem_cstr(h, ns, "__slots__");
    sp->names = 0;
    sp->add_dict = sp->add_weak = false;
    if (!slots) {
        sp->add_dict = may_dict;
        sp->add_weak = may_weak;
        return 0;
    }
    Ref seq = str_check(h, slots) ? tuple_pack(h, 1, slots) : obj_to_tuple(h, slots);
    if (!seq)
        return -1;
    size_t n = tuple_size(h, seq), kept = 0;
    Ref *names = xcalloc(n ? n : 1, sizeof *names);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = check_slot_item(h, tuple_items(h, seq)[i], may_dict, may_weak, sp);
    if (rc == 0)
        rc = collect_slot_names(h, clsname, ns, seq, sp, names, &kept);
    heap_decref(h, seq);
    if (rc < 0) {
        while (kept)
            heap_decref(h, names[--kept]);
        free(names);
        return -1;
    }
    sort_slot_names(h, names, kept);
    sp->names = tuple_from_array_steal(h, names, kept);
    free(names);
    return sp->names ? 0 : -1;
}

/* tp_basicsize of builtin base B (object or an exception class). */
static uint32_t builtin_basicsize(const Heap *h, Ref b)
{
    if (type_data(h, b)->inst_kind == K_EXCEPTION)
        return (uint32_t)(h->prof->exception_size - h->prof->gc_head_size);
    return 16;
}

/* Lay out T's instances from its base and slot spec: tp_basicsize, the
 * managed dict / weakref flags of the version, and whether instances
 * get a values array (3.13: only when nothing but the header precedes
 * the inline values). */
static void setup_layout(Heap *h, Ref t, const SlotSpec *sp)
{
    TypeData *d = type_data(h, t);
    TypeData *b = type_data(h, d->base);
    const Profile *p = h->prof;
    d->slot_offset = b->slot_offset + b->nslots;
    d->slot_names = sp->names;
    d->nslots = sp->names ? (uint32_t)tuple_size(h, sp->names) : 0;
    d->has_dict = type_has_dict(h, d->base) || sp->add_dict;
    d->has_weakref = b->has_weakref || sp->add_weak;
    d->managed_dict = b->managed_dict || (sp->add_dict && p->inline_values);
    d->managed_weakref = b->managed_weakref || (sp->add_weak && p->managed_weakref);
    d->basicsize = (b->heaptype ? b->basicsize : builtin_basicsize(h, d->base)) + 8 * d->nslots
                   + (sp->add_dict && !p->inline_values ? 8 : 0)
                   + (sp->add_weak && !p->managed_weakref ? 8 : 0);
    d->has_values = d->managed_dict && (!p->dict_values_inline || d->basicsize == 16);
}

/* Give T its shared instance keys (ht_cached_keys): 3.8 for every class
 * with a __dict__, 3.11+ for managed dicts only; -1 on MemoryError. */
static int setup_cached_keys(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (!(h->prof->inline_values ? d->managed_dict : d->has_dict))
        return 0;
    d->cached_keys = dict_keys_new_for_class(h, t);
    return d->cached_keys ? 0 : -1;
}

/* Put a member descriptor for each slot into the class dict (add_members:
 * sorted order, PyDict_SetDefault). */
static int add_member_descriptors(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    for (uint32_t i = 0; i < d->nslots; i++) {
        Ref s = tuple_items(h, d->slot_names)[i];
        if (dict_getitem(h, d->dict, s))
            continue;
        Ref m = member_new(h, t, s, d->slot_offset + i);
        if (!m)
            return -1;
        int rc = dict_setitem(h, d->dict, s, m);
        heap_decref(h, m);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Put the __dict__ / __weakref__ getset descriptors of the slots this
 * class adds into its dict (type_new_descriptors' tp_getset, added by
 * add_getset unless the name is already there). */
static int add_getset_descriptors(Heap *h, Ref t, const SlotSpec *sp)
{
    TypeData *d = type_data(h, t);
    const char *names[2] = {sp->add_dict ? "__dict__" : NULL, sp->add_weak ? "__weakref__" : NULL};
    for (int i = 0; i < 2; i++) {
        if (!names[i] || dict_getitem_cstr(h, d->dict, names[i]))
            continue;
        Ref m = getset_new(h, t, names[i]);
        if (!m)
            return -1;
        int rc = dict_setitem_cstr(h, d->dict, names[i], m);
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

/* Check that every base can be subclassed here; 0 with an exception. */
static bool check_bases(Heap *h, Ref bases)
{
    for (size_t i = 0; i < tuple_size(h, bases); i++) {
        Ref b = tuple_items(h, bases)[i];
        if (heap_kind(h, b) != K_TYPE) {
            heap_raise(h, EXC_TypeError, "bases must be types");
            return false;
        }
        Kind k = type_data(h, b)->inst_kind;
        if (k != K_INSTANCE && k != K_EXCEPTION) {
            heap_raise(h, EXC_NotImplementedError,
                       "heapscope: subclassing the builtin type '%s' is not supported",
                       type_cname(h, b));
            return false;
        }
    }
    return true;
}

/* ht_qualname from the namespace's __qualname__, which type_new then
 * deletes from the class dict; -1 with TypeError. */
static int take_qualname(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    Ref q = dict_getitem_cstr(h, d->dict, "__qualname__");
    if (!q)
        return 0;
    if (!str_check(h, q)) {
        heap_raise(h, EXC_TypeError, "type __qualname__ must be a str, not %s",
                   heap_type_name(h, q));
        return -1;
    }
    heap_setref(h, &d->qualname, heap_newref(h, q));
    return dict_delitem_cstr(h, d->dict, "__qualname__");
}

/* Finish class T: namespace, MRO, layout, members, keys; -1 on error. */
static int type_new_fill(Heap *h, Ref t, Ref ns, SlotSpec *sp)
{
    TypeData *d = type_data(h, t);
    d->dict = dict_copy(h, ns);
    if (!d->dict || take_qualname(h, t) < 0 || !(d->mro = compute_mro(h, t, d->bases)))
        return -1;
    setup_layout(h, t, sp);
    sp->names = 0;                     /* the class owns them now */
    if (add_member_descriptors(h, t) < 0 || add_getset_descriptors(h, t, sp) < 0)
        return -1;
    if (!dict_getitem_cstr(h, d->dict, "__doc__")
        && dict_setitem_cstr(h, d->dict, "__doc__", h->none) < 0)
        return -1;
    if (dict_getitem_cstr(h, d->dict, "__eq__") && !dict_getitem_cstr(h, d->dict, "__hash__")
        && dict_setitem_cstr(h, d->dict, "__hash__", h->none) < 0)
        return -1;
    return setup_cached_keys(h, t);
}

/* Create a class: `class NAME(BASES): NAMESPACE` (type(name, bases, dict)). */
Ref type_new_heap(Heap *h, Ref name, Ref bases, Ref ns, Ref qualname)
{
    SlotSpec sp;
    if (!check_bases(h, bases) || parse_slots(h, name, solid_base(h, bases), ns, &sp) < 0)
        return NULLREF;
    /* PyType_GenericAlloc(type, nslots): the heap type plus one
     * PyMemberDef (40 bytes) per slot and a terminator */
    size_t nmembers = sp.names ? tuple_size(h, sp.names) : 0;
    Ref t = heap_alloc_object(h, K_TYPE, h->type_type,
                              h->prof->gc_head_size + h->prof->heaptype_basicsize
                                  + 40 * (nmembers + 1),
                              h->prof->gc_head_size, true);
    if (!t) {
        heap_decref(h, sp.names);
        return NULLREF;
    }
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
    if (type_new_fill(h, t, ns, &sp) < 0) {
        heap_decref(h, sp.names);
        heap_decref(h, t);
        return NULLREF;
    }
    d->has_del = type_lookup_cstr(h, t, "__del__") != 0;
    gc_track(h, t);
    return t;
}

/* Visit every reference a heap type owns (and its shared keys' names). */
static void type_traverse(Heap *h, Ref t, VisitFn visit, void *arg)
{
    TypeData *d = type_data(h, t);
    if (!d->heaptype)
        return;
    Ref refs[] = {d->name, d->qualname, d->bases, d->mro, d->base, d->dict, d->slot_names};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        if (refs[i])
            visit(h, refs[i], arg);
    dict_keys_traverse(h, d->cached_keys, t, visit, arg);
}

/* Break a heap type's cycles (type_clear): drop the cached keys, empty
 * the namespace, drop the MRO. */
static void type_clear(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    DictKeys *keys = d->cached_keys;
    d->cached_keys = NULL;
    dict_keys_release(h, keys, t);
    if (d->dict)
        dict_clear(h, d->dict);
    heap_setref(h, &d->mro, NULLREF);
}

/* A class's shared keys are a block of its own (ht_cached_keys). */
static void type_blocks(Heap *h, Ref t, BlockVisitFn visit, void *arg)
{
    TypeData *d = type_data(h, t);
    if (d && d->heaptype)
        dict_keys_blocks(h, d->cached_keys, t, visit, arg);
}

/* Free a type's host payload. */
static void type_release(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    dict_keys_forget(d->cached_keys);
    free(d);
}

/* Copy a type's payload for heap_clone (its cached keys once per clone). */
static void type_clone(const Heap *src, Heap *dst, Ref t, CloneMap *map)
{
    const TypeData *d = type_data(src, t);
    TypeData *c = clone_memdup(d, sizeof *d);
    c->cached_keys = dict_keys_clone(d->cached_keys, map);
    dst->objs[t].v.p = c;
}

/* Deallocate a heap type in type_dealloc's order. */
static void type_dealloc(Heap *h, Ref t)
{
    TypeData d = *type_data(h, t);
    Ref refs[] = {d.base, d.dict, d.bases, d.mro, d.name, d.qualname, d.slot_names};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        heap_decref(h, refs[i]);
    dict_keys_release(h, d.cached_keys, t);
    free(type_data(h, t));
    heap_free_object(h, t, h->prof->gc_head_size, true);
}

/* sys.getsizeof of a type: sizeof(PyTypeObject) for builtins; for classes
 * sizeof(PyHeapTypeObject) plus the cached keys (type.__sizeof__) plus
 * the GC header. */
static size_t type_sizeof(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (!d->heaptype)
        return h->prof->static_type_size;
    return h->prof->gc_head_size + h->prof->heaptype_basicsize
           + dict_keys_sizeof(d->cached_keys);
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

/* tp_basicsize / tp_itemsize of the builtin types whose layout is the
 * same in every modelled version. */
static const struct { Kind kind; uint16_t basic, item; } builtin_layouts[] = {
    {K_INSTANCE, 16, 0}, {K_INT, 24, 4}, {K_FLOAT, 24, 0}, {K_COMPLEX, 32, 0},
    {K_BYTES, 33, 1}, {K_TUPLE, 24, 8}, {K_LIST, 40, 0}, {K_DICT, 48, 0},
    {K_SET, 200, 0}, {K_FROZENSET, 200, 0}, {K_RANGE, 48, 0}, {K_SLICE, 40, 0},
    {K_NONE, 16, 0}, {K_BUILTIN, 56, 0}, {K_STATICMETHOD, 32, 0},
    {K_CLASSMETHOD, 32, 0}, {K_SUPER, 40, 0},
};

/* T's __basicsize__ and __itemsize__; false when not modelled. */
static bool type_layout(const Heap *h, Ref t, size_t *basic, size_t *item)
{
    TypeData *d = type_data(h, t);
    const Profile *p = h->prof;
    *item = 0;
    if (d->heaptype) {
        *basic = d->basicsize;
        return true;
    }
    switch (d->inst_kind) {
    case K_STR: *basic = p->str_compact_header + 8; return true;
    case K_FUNCTION: *basic = p->function_size - p->gc_head_size; return true;
    case K_TYPE: *basic = p->heaptype_basicsize; *item = 40; return true;
    case K_EXCEPTION:
        *basic = p->exception_size - p->gc_head_size;
        return t == h->exc_types[EXC_BaseException] || t == h->exc_types[EXC_Exception];
    default: break;
    }
    for (size_t i = 0; i < sizeof builtin_layouts / sizeof builtin_layouts[0]; i++) {
        if (builtin_layouts[i].kind == d->inst_kind) {
            *basic = builtin_layouts[i].basic;
            *item = builtin_layouts[i].item;
            return true;
        }
    }
    return false;
}

/* Attributes of classes: __name__, __mro__, ..., then the MRO. */
static Ref type_getattr(Heap *h, Ref t, Ref name)
{
    TypeData *d = type_data(h, t);
    const char *n = str_utf8(h, name, NULL);
    if (!strcmp(n, "__name__") || !strcmp(n, "__qualname__")) {
        if (d->heaptype)
            return heap_newref(h, n[2] == 'n' ? d->name : d->qualname);
        const char *dot = strrchr(d->cname, '.');   /* weakref.ProxyType -> ProxyType */
        return str_from_cstr(h, dot ? dot + 1 : d->cname);
    }
    if (!strcmp(n, "__mro__"))
        return mro_of(h, t);
    size_t basic, item;
    if ((!strcmp(n, "__basicsize__") || !strcmp(n, "__itemsize__"))
        && type_layout(h, t, &basic, &item))
        return int_from_i64(h, (int64_t)(n[2] == 'b' ? basic : item));
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
    .clone = type_clone, .blocks = type_blocks,
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

/* Bytes before an instance's address: the GC header, and the pre-header
 * words when the dict or the weakref list is managed (_PyType_PreHeaderSize). */
static size_t inst_prefix(const Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (t == h->object_type)
        return 0;                      /* object() is a bare PyObject */
    bool pre = d->managed_dict || d->managed_weakref;
    return h->prof->gc_head_size + (pre ? h->prof->preheader_size : 0);
}

/* The bytes in front of an instance of T's address. */
size_t type_instance_prefix(const Heap *h, Ref t)
{
    return inst_prefix(h, t);
}

/* sys.getsizeof of an instance of heap type T (pre-header included). */
size_t type_instance_size(const Heap *h, Ref t)
{
    if (t == h->object_type)
        return 16;
    return inst_prefix(h, t) + type_data(h, t)->basicsize;
}

/* The shared keys that T's instances start their values array with, or
 * NULL when they get none. */
static DictKeys *values_keys(const Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    return d->has_values ? d->cached_keys : NULL;
}

/* A new, uninitialised instance of heap type T (object.__new__): one
 * block of the pre-header, the object and 3.13's inline values, then the
 * values array (3.11/3.12 _PyObject_InitializeDict, 3.13 inline). */
Ref instance_new(Heap *h, Ref t)
{
    TypeData *d = type_data(h, t);
    if (d->inst_kind == K_EXCEPTION)
        return kind_ops[K_EXCEPTION]->new_(h, t, NULL, 0, NULLREF);
    DictKeys *keys = values_keys(h, t);
    size_t prefix = inst_prefix(h, t);
    size_t request = prefix + d->basicsize + dict_inline_size(h, keys);
    Ref i = heap_alloc_object(h, K_INSTANCE, t, request, prefix, true);
    if (!i)
        return NULLREF;
    uint32_t nslots = d->slot_offset + d->nslots;
    InstData *id = xcalloc(1, sizeof *id + sizeof(Ref) * nslots);
    id->nslots = nslots;
    h->objs[i].v.p = id;
    gc_track(h, i);
    if (dict_inst_init(h, keys, &id->attrs, h->objs[i].addr + d->basicsize) < 0) {
        heap_decref(h, i);
        return NULLREF;
    }
    return i;
}

/* The instance's __dict__, materializing it (new reference). */
Ref instance_get_dict(Heap *h, Ref i)
{
    TypeData *d = type_data(h, heap_type(h, i));
    return dict_inst_get_dict(h, d->cached_keys, &inst_data(h, i)->attrs);
}

/* Look up an instance attribute in its own storage; borrowed or 0. */
Ref instance_attr_lookup(Heap *h, Ref i, Ref name)
{
    TypeData *d = type_data(h, heap_type(h, i));
    return dict_inst_lookup(h, d->cached_keys, &inst_data(h, i)->attrs, name);
}

/* The AttributeError of a missing attribute NAME of I: the version's
 * wording for a failed deletion (3.8: just the name). */
static int missing_attr(Heap *h, Ref i, Ref name)
{
    const char *n = str_utf8(h, name, NULL);
    if (h->prof->attr_error_bare_name)
        heap_raise(h, EXC_AttributeError, "%s", n);
    else
        heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                   heap_type_name(h, i), n);
    return -1;
}

/* obj.__dict__ = VALUE (0 deletes): subtype_setdict.  3.11/3.12 first
 * materialize the values (_PyObject_GetDictPtr); 3.13 drops them. */
static int inst_set_dict(Heap *h, Ref i, Ref value)
{
    TypeData *d = type_data(h, heap_type(h, i));
    InstDict *a = &inst_data(h, i)->attrs;
    if (a->values && !h->prof->dict_values_inline) {
        Ref tmp = dict_inst_get_dict(h, d->cached_keys, a);
        if (!tmp)
            return -1;
        heap_decref(h, tmp);
    }
    if (value && !dict_check(h, value)) {
        heap_raise(h, EXC_TypeError, "__dict__ must be set to a dictionary, not a '%s'",
                   heap_type_name(h, value));
        return -1;
    }
    Ref keep = heap_newref(h, value);
    dict_inst_clear(h, a);
    inst_data(h, i)->attrs.dict = keep;
    return 0;
}

/* Store (or delete, VALUE 0) an attribute in the instance's own storage:
 * _PyObject_StoreInstanceAttribute / _PyObjectDict_SetItem, with 3.8's
 * unsharing of the class's keys. */
int instance_attr_store(Heap *h, Ref i, Ref name, Ref value)
{
    Ref t = heap_type(h, i);
    TypeData *d = type_data(h, t);
    if (!d->has_dict) {
        heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'%s",
                   type_cname(h, t), str_utf8(h, name, NULL), h->prof->msg_no_dict_suffix);
        return -1;
    }
    if (str_eq_cstr(h, name, "__dict__"))
        return inst_set_dict(h, i, value);
    DictKeys *dropped = NULL;
    int rc = dict_inst_store(h, t, &d->cached_keys, &inst_data(h, i)->attrs, name, value,
                             &dropped);
    dict_keys_release(h, dropped, t);
    return rc == 1 ? missing_attr(h, i, name) : rc;
}

/* Read slot SLOT named NAME of instance I (member_get). */
Ref instance_slot_get(Heap *h, Ref i, int slot, Ref name)
{
    Ref v = inst_data(h, i)->slots[slot];
    if (v)
        return heap_newref(h, v);
    const char *n = str_utf8(h, name, NULL);
    if (h->prof->attr_error_bare_name)
        return heap_raise(h, EXC_AttributeError, "%s", n);
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, i), n);
}

/* Set or delete slot SLOT named NAME of instance I (PyMember_SetOne). */
int instance_slot_set(Heap *h, Ref i, int slot, Ref name, Ref value)
{
    Ref *p = &inst_data(h, i)->slots[slot];
    if (!value && !*p) {
        heap_raise(h, EXC_AttributeError, "%s", str_utf8(h, name, NULL));
        return -1;
    }
    heap_setref(h, p, heap_newref(h, value));
    return 0;
}

/* True when T is a class whose instances carry its own slots. */
static bool slot_class(const Heap *h, Ref t)
{
    return t && type_data(h, t)->heaptype && type_data(h, t)->inst_kind == K_INSTANCE;
}

/* Visit an instance (subtype_traverse): each class's slots from the most
 * derived one (sorted names), then the dict or values, then the class;
 * GC selects what the collector sees of the storage. */
static void inst_walk(Heap *h, Ref i, VisitFn visit, void *arg, bool gc)
{
    InstData *d = inst_data(h, i);
    Ref t = heap_type(h, i);
    for (Ref k = t; slot_class(h, k); k = type_data(h, k)->base) {
        TypeData *kd = type_data(h, k);
        for (uint32_t s = kd->slot_offset; s < kd->slot_offset + kd->nslots; s++)
            if (d->slots[s])
                visit(h, d->slots[s], arg);
    }
    if (gc)
        dict_inst_gc_traverse(h, &d->attrs, visit, arg);
    else
        dict_inst_traverse(h, &d->attrs, visit, arg);
    if (type_data(h, t)->heaptype)
        visit(h, t, arg);
}

/* Visit every reference an instance owns. */
static void inst_traverse(Heap *h, Ref i, VisitFn visit, void *arg)
{
    inst_walk(h, i, visit, arg, false);
}

/* subtype_traverse as the collector sees it (3.13 inline values). */
static void inst_gc_traverse(Heap *h, Ref i, VisitFn visit, void *arg)
{
    inst_walk(h, i, visit, arg, true);
}

/* clear_slots for every class of I, the most derived first. */
static void clear_slots(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    for (Ref k = heap_type(h, i); slot_class(h, k); k = type_data(h, k)->base) {
        TypeData *kd = type_data(h, k);
        for (uint32_t s = kd->slot_offset; s < kd->slot_offset + kd->nslots; s++)
            heap_setref(h, &d->slots[s], NULLREF);
    }
}

/* Drop an instance's references (subtype_clear): slots, then the dict. */
static void inst_clear(Heap *h, Ref i)
{
    clear_slots(h, i);
    dict_inst_clear(h, &inst_data(h, i)->attrs);
}

/* An instance's values array, when 3.11/3.12 allocated it apart. */
static void inst_blocks(Heap *h, Ref i, BlockVisitFn visit, void *arg)
{
    InstData *d = inst_data(h, i);
    if (d)
        dict_inst_blocks(h, i, &d->attrs, visit, arg);
}

/* Free an instance's host payload. */
static void inst_release(Heap *h, Ref i)
{
    InstData *d = inst_data(h, i);
    dict_inst_forget(&d->attrs);
    free(d);
}

/* Copy an instance's payload (slots and attribute storage) for heap_clone. */
static void inst_clone(const Heap *src, Heap *dst, Ref i, CloneMap *map)
{
    (void)map;
    const InstData *d = inst_data(src, i);
    if (!d)
        return;
    InstData *c = clone_memdup(d, sizeof *d + sizeof(Ref) * d->nslots);
    dict_inst_clone(&d->attrs, &c->attrs);
    dst->objs[i].v.p = c;
}

/* Deallocate an instance (subtype_dealloc; __del__ and weakrefs were
 * handled by heap_dealloc): slots, then the dict or values, then the
 * block; heap_free_object drops the class last. */
static void inst_dealloc(Heap *h, Ref i)
{
    clear_slots(h, i);
    dict_inst_clear(h, &inst_data(h, i)->attrs);
    Ref t = heap_type(h, i);
    size_t prefix = inst_prefix(h, t);
    free(inst_data(h, i));
    h->objs[i].v.p = NULL;
    heap_free_object(h, i, prefix, t != h->object_type);
}

/* sys.getsizeof of an instance. */
static size_t inst_sizeof(Heap *h, Ref i)
{
    return type_instance_size(h, heap_type(h, i));
}

/* ---- member descriptors (the __slots__ entries of a class) ---- */

/* A member descriptor's payload (PyMemberDescrObject); the same kind
 * also models the __dict__ / __weakref__ getset descriptors
 * (PyGetSetDescrObject, same size) that type_new adds. */
typedef struct MemberData {
    Ref type;            /* d_type: the class that owns the slot */
    Ref name;            /* d_name */
    bool getset;         /* a getset_descriptor, not a slot member */
} MemberData;

/* The payload of member descriptor M. */
static MemberData *member_data(const Heap *h, Ref m) { return (MemberData *)h->objs[m].v.p; }

/* PyDescr_NewMember: the descriptor of slot INDEX named NAME of class T. */
static Ref member_new(Heap *h, Ref t, Ref name, uint32_t index)
{
    Ref m = heap_alloc_object(h, K_MEMBERDESCR, h->type_of_kind[K_MEMBERDESCR],
                              h->prof->gc_head_size + 48, h->prof->gc_head_size, true);
    if (!m)
        return NULLREF;
    MemberData *md = xcalloc(1, sizeof *md);
    md->type = heap_newref(h, t);
    md->name = heap_newref(h, name);
    h->objs[m].v.p = md;
    h->objs[m].aux = index;
    gc_track(h, m);
    return m;
}

/* The memberdescr slot index, or -1 when V is not one. */
int memberdescr_index(const Heap *h, Ref v)
{
    return heap_kind(h, v) == K_MEMBERDESCR && !getsetdescr_check(h, v) ? (int)h->objs[v].aux
                                                                         : -1;
}

/* True when V is a __dict__ / __weakref__ getset descriptor. */
bool getsetdescr_check(const Heap *h, Ref v)
{
    return heap_kind(h, v) == K_MEMBERDESCR && member_data(h, v)->getset;
}

/* The class a member / getset descriptor belongs to (d_type, borrowed). */
Ref memberdescr_class(const Heap *h, Ref v)
{
    return member_data(h, v)->type;
}

/* PyDescr_NewGetSet: class T's getset descriptor for CNAME ("__dict__" or
 * "__weakref__"), of the static type getset_descriptor. */
static Ref getset_new(Heap *h, Ref t, const char *cname)
{
    if (!h->getset_descr_type)
        h->getset_descr_type = type_new_static(h, "getset_descriptor", K_MEMBERDESCR,
                                               h->object_type);
    Ref name = str_intern_cstr(h, cname);
    Ref m = name ? member_new(h, t, name, 0) : NULLREF;
    heap_decref(h, name);
    if (!m)
        return NULLREF;
    member_data(h, m)->getset = true;
    h->objs[m].type = h->getset_descr_type;      /* static: no reference */
    return m;
}

/* Visit a member descriptor's class and name. */
static void member_traverse(Heap *h, Ref m, VisitFn visit, void *arg)
{
    MemberData *md = member_data(h, m);
    visit(h, md->type, arg);
    visit(h, md->name, arg);
}

/* Free a member descriptor's host payload. */
static void member_release(Heap *h, Ref m)
{
    free(member_data(h, m));
}

/* Copy a member descriptor's payload for heap_clone. */
static void member_clone(const Heap *src, Heap *dst, Ref m, CloneMap *map)
{
    (void)map;
    dst->objs[m].v.p = clone_memdup(member_data(src, m), sizeof(MemberData));
}

/* Deallocate a member descriptor (descr_dealloc: class, then name). */
static void member_dealloc(Heap *h, Ref m)
{
    MemberData md = *member_data(h, m);
    member_release(h, m);
    h->objs[m].v.p = NULL;
    heap_decref(h, md.type);
    heap_decref(h, md.name);
    heap_free_object(h, m, h->prof->gc_head_size, true);
}

/* sys.getsizeof of a member descriptor. */
static size_t member_sizeof(Heap *h, Ref m)
{
    (void)m;
    return 48 + h->prof->gc_head_size;
}

/* repr: <member 'x' of 'A' objects>. */
static Ref member_repr(Heap *h, Ref m)
{
    MemberData *md = member_data(h, m);
    StrBuf b = {0};
    strbuf_printf(&b, md->getset ? "<attribute '%s' of '%s' objects>" : "<member '%s' of '%s' objects>",
                  str_utf8(h, md->name, NULL),
                  type_cname(h, md->type));
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* __name__, __qualname__ and __objclass__ of a member descriptor. */
static Ref member_getattr(Heap *h, Ref m, Ref name)
{
    MemberData *md = member_data(h, m);
    if (str_eq_cstr(h, name, "__name__"))
        return heap_newref(h, md->name);
    if (str_eq_cstr(h, name, "__objclass__"))
        return heap_newref(h, md->type);
    if (str_eq_cstr(h, name, "__qualname__")) {
        StrBuf b = {0};
        strbuf_printf(&b, "%s.%s", str_utf8(h, type_data(h, md->type)->qualname, NULL),
                      str_utf8(h, md->name, NULL));
        Ref s = str_from_utf8(h, b.data, b.len);
        strbuf_free(&b);
        return s;
    }
    return heap_raise(h, EXC_AttributeError, "'%s' object has no attribute '%s'",
                      heap_type_name(h, m), str_utf8(h, name, NULL));
}

const TypeOps memberdescr_ops = {
    .name = "member_descriptor", .gc = 1,
    .sizeof_ = member_sizeof, .dealloc = member_dealloc, .traverse = member_traverse,
    .release = member_release, .repr = member_repr, .getattr = member_getattr,
    .clone = member_clone,
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
    .clone = inst_clone, .blocks = inst_blocks,
    .traverse = inst_traverse, .gc_traverse = inst_gc_traverse, .clear = inst_clear, .hash = identity_hash,
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

/* Copy a super object's payload for heap_clone. */
static void super_clone(const Heap *src, Heap *dst, Ref s, CloneMap *map)
{
    (void)map;
    dst->objs[s].v.p = clone_memdup(super_data(src, s), sizeof(SuperData));
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
    .clone = super_clone,
    .traverse = super_traverse, .getattr = super_getattr, .new_ = super_new,
};
