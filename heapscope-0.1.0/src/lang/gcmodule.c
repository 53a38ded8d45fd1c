/* The gc module: CPython's Modules/gcmodule.c interface over the simulated
 * collector (src/sim/gc.c): collect, enable/disable, counts and
 * thresholds, get_objects / get_referrers / get_referents, is_tracked,
 * freeze, debug flags, garbage, callbacks and get_stats. */
#include "lang/builtins.h"

#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"

/* Read optional int argument ARGS[I] (default DFLT) into *OUT; false with
 * TypeError when it is not an int. */
static bool int_arg(Heap *h, const Ref *args, size_t nargs, size_t i, int64_t dflt, int64_t *out)
{
    *out = dflt;
    if (i >= nargs || args[i] == h->none)
        return true;
    if (!int_check(h, args[i]) || !int_as_i64(h, args[i], out)) {
        heap_raise(h, EXC_TypeError, "'%s' object cannot be interpreted as an integer",
                   heap_type_name(h, args[i]));
        return false;
    }
    return true;
}

/* gc.collect(generation=2). */
static Ref gc_collect_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    int64_t g;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (nkw == 1 && nargs == 0 && !strcmp(str_utf8(h, tuple_items(h, kwnames)[0], NULL), "generation"))
        nargs = 1, kwnames = NULLREF;
    if (!arg_check(h, "collect", nargs, kwnames, 0, 1) || !int_arg(h, args, nargs, 0, 2, &g))
        return NULLREF;
    if (g < 0 || g >= GC_NGENS)
        return heap_raise(h, EXC_ValueError, "invalid generation");
    return int_from_i64(h, (int64_t)gc_collect(h, (int)g));
}

/* gc.enable(). */
static Ref gc_enable_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "enable", nargs, kwnames, 0, 0))
        return NULLREF;
    gc_set_enabled(h, true);
    return heap_newref(h, h->none);
}

/* gc.disable(). */
static Ref gc_disable_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "disable", nargs, kwnames, 0, 0))
        return NULLREF;
    gc_set_enabled(h, false);
    return heap_newref(h, h->none);
}

/* gc.isenabled(). */
static Ref gc_isenabled_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "isenabled", nargs, kwnames, 0, 0))
        return NULLREF;
    return bool_from(h, gc_is_enabled(h));
}

/* A tuple of three ints. */
static Ref triple(Heap *h, int64_t a, int64_t b, int64_t c)
{
    Ref x = int_from_i64(h, a), y = int_from_i64(h, b), z = int_from_i64(h, c);
    Ref t = x && y && z ? tuple_pack(h, 3, x, y, z) : NULLREF;
    heap_decref(h, x);
    heap_decref(h, y);
    heap_decref(h, z);
    return t;
}

/* gc.get_count(). */
static Ref gc_get_count_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "get_count", nargs, kwnames, 0, 0))
        return NULLREF;
    GcGeneration *g = gc_generations(h);
    return triple(h, g[0].count, g[1].count, g[2].count);
}

/* gc.get_threshold(). */
static Ref gc_get_threshold_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "get_threshold", nargs, kwnames, 0, 0))
        return NULLREF;
    GcGeneration *g = gc_generations(h);
    return triple(h, g[0].threshold, g[1].threshold, g[2].threshold);
}

/* gc.set_threshold(threshold0[, threshold1[, threshold2]]). */
static Ref gc_set_threshold_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "set_threshold", nargs, kwnames, 1, 3))
        return NULLREF;
    GcGeneration *g = gc_generations(h);
    int64_t t[3];
    for (size_t i = 0; i < 3; i++)
        if (!int_arg(h, args, nargs, i, g[i].threshold, &t[i]))
            return NULLREF;
    for (int i = 0; i < 3; i++)
        g[i].threshold = (int)t[i];
    return heap_newref(h, h->none);
}

/* Append every object of generation GEN except SKIP to list L. */
static bool append_gen(Heap *h, Ref l, int gen, Ref skip)
{
    for (Ref r = gc_gen_first(h, gen); r; r = gc_gen_next(h, r))
        if (r != skip && list_append(h, l, r) < 0)
            return false;
    return true;
}

/* gc.get_objects(generation=None). */
static Ref gc_get_objects_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    int64_t g;
    if (!arg_check(h, "get_objects", nargs, kwnames, 0, 1) || !int_arg(h, args, nargs, 0, -1, &g))
        return NULLREF;
    bool given = nargs == 1 && args[0] != h->none;
    if (given && g >= GC_NGENS)
        return heap_raise(h, EXC_ValueError, "generation parameter must be less than the "
                          "number of available generations (%i)", GC_NGENS);
    if (given && g < 0)
        return heap_raise(h, EXC_ValueError, "generation parameter cannot be negative");
    Ref l = list_new(h, 0);
    if (!l)
        return NULLREF;
    for (int i = 0; i < GC_NGENS; i++)
        if ((!given || i == g) && !append_gen(h, l, i, l)) {
            heap_decref(h, l);
            return NULLREF;
        }
    return l;
}

/* What a referrer search looks for. */
typedef struct Search {
    const Ref *objs;
    size_t n;
    bool found;
} Search;

/* Visitor: note when the target is one of the searched objects. */
static void visit_search(Heap *h, Ref t, void *arg)
{
    (void)h;
    Search *s = arg;
    for (size_t i = 0; i < s->n; i++)
        if (s->objs[i] == t)
            s->found = true;
}

/* gc.get_referrers(*objs). */
static Ref gc_get_referrers_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "get_referrers", nargs, kwnames, 0, (size_t)-1))
        return NULLREF;
    Ref l = list_new(h, 0);
    if (!l)
        return NULLREF;
    for (int g = 0; g < GC_NGENS; g++)
        for (Ref r = gc_gen_first(h, g); r; r = gc_gen_next(h, r)) {
            if (r == l)
                continue;
            Search s = {args, nargs, false};
            gc_traverse_obj(h, r, visit_search, &s);
            if (s.found && list_append(h, l, r) < 0) {
                heap_decref(h, l);
                return NULLREF;
            }
        }
    return l;
}

/* Visitor: append the target to the result list. */
static void visit_append(Heap *h, Ref t, void *arg)
{
    Ref *l = arg;
    if (*l && t && list_append(h, *l, t) < 0) {
        heap_decref(h, *l);
        *l = NULLREF;
    }
}

/* gc.get_referents(*objs): what each GC object's tp_traverse reports. */
static Ref gc_get_referents_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "get_referents", nargs, kwnames, 0, (size_t)-1))
        return NULLREF;
    Ref l = list_new(h, 0);
    for (size_t i = 0; l && i < nargs; i++) {
        Ref o = args[i];
        const TypeOps *ops = heap_ops(h, o);
        if (ops->gc)
            gc_traverse_obj(h, o, visit_append, &l);
    }
    return l;
}

/* gc.is_tracked(obj). */
static Ref gc_is_tracked_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "is_tracked", nargs, kwnames, 1, 1))
        return NULLREF;
    return bool_from(h, gc_is_tracked(h, args[0]));
}

/* gc.is_finalized(obj) (3.9+). */
static Ref gc_is_finalized_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    if (!arg_check(h, "is_finalized", nargs, kwnames, 1, 1))
        return NULLREF;
    return bool_from(h, (heap_obj(h, args[0])->flags & OF_FINALIZED) != 0);
}

/* gc.freeze(). */
static Ref gc_freeze_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "freeze", nargs, kwnames, 0, 0))
        return NULLREF;
    gc_freeze(h);
    return heap_newref(h, h->none);
}

/* gc.unfreeze(). */
static Ref gc_unfreeze_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "unfreeze", nargs, kwnames, 0, 0))
        return NULLREF;
    gc_unfreeze(h);
    return heap_newref(h, h->none);
}

/* gc.get_freeze_count(). */
static Ref gc_get_freeze_count_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "get_freeze_count", nargs, kwnames, 0, 0))
        return NULLREF;
    return int_from_i64(h, (int64_t)gc_freeze_count(h));
}

/* gc.set_debug(flags). */
static Ref gc_set_debug_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self;
    int64_t f;
    if (!arg_check(h, "set_debug", nargs, kwnames, 1, 1) || !int_arg(h, args, nargs, 0, 0, &f))
        return NULLREF;
    gc_set_debug(h, (int)f);
    return heap_newref(h, h->none);
}

/* gc.get_debug(). */
static Ref gc_get_debug_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "get_debug", nargs, kwnames, 0, 0))
        return NULLREF;
    return int_from_i64(h, gc_get_debug(h));
}

/* Set D[KEY] = int V. */
static bool set_int(Heap *h, Ref d, const char *key, int64_t v)
{
    Ref i = int_from_i64(h, v);
    bool ok = i && dict_setitem_cstr(h, d, key, i) == 0;
    heap_decref(h, i);
    return ok;
}

/* gc.get_stats(): one dict per generation. */
static Ref gc_get_stats_fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    (void)self, (void)args;
    if (!arg_check(h, "get_stats", nargs, kwnames, 0, 0))
        return NULLREF;
    Ref l = list_new(h, 0);
    for (int g = 0; l && g < GC_NGENS; g++) {
        const GcStats *st = gc_stats(h, g);
        Ref d = dict_new(h);
        bool ok = d && set_int(h, d, "collections", (int64_t)st->collections)
                  && set_int(h, d, "collected", (int64_t)st->collected)
                  && set_int(h, d, "uncollectable", (int64_t)st->uncollectable)
                  && list_append(h, l, d) == 0;
        heap_decref(h, d);
        if (!ok) {
            heap_decref(h, l);
            l = NULLREF;
        }
    }
    return l;
}

const MethodDef gc_defs[] = {
    {"enable", gc_enable_fn, NULL}, {"disable", gc_disable_fn, NULL},
    {"isenabled", gc_isenabled_fn, NULL}, {"collect", gc_collect_fn, NULL},
    {"get_count", gc_get_count_fn, NULL}, {"get_threshold", gc_get_threshold_fn, NULL},
    {"set_threshold", gc_set_threshold_fn, NULL}, {"get_objects", gc_get_objects_fn, NULL},
    {"get_referrers", gc_get_referrers_fn, NULL}, {"get_referents", gc_get_referents_fn, NULL},
    {"is_tracked", gc_is_tracked_fn, NULL}, {"is_finalized", gc_is_finalized_fn, NULL},
    {"freeze", gc_freeze_fn, NULL}, {"unfreeze", gc_unfreeze_fn, NULL},
    {"get_freeze_count", gc_get_freeze_count_fn, NULL},
    {"set_debug", gc_set_debug_fn, NULL}, {"get_debug", gc_get_debug_fn, NULL},
    {"get_stats", gc_get_stats_fn, NULL},
    {NULL, NULL, NULL},
};

/* gc's data attributes (garbage, callbacks, DEBUG_* flags); registers M
 * with the collector. */
bool gcmodule_add_data(Heap *h, Ref m)
{
    Ref d = module_data(h, m)->dict;
    Ref garbage = list_new(h, 0), callbacks = list_new(h, 0);
    bool ok = garbage && callbacks && dict_setitem_cstr(h, d, "garbage", garbage) == 0
              && dict_setitem_cstr(h, d, "callbacks", callbacks) == 0
              && set_int(h, d, "DEBUG_STATS", GC_DEBUG_STATS)
              && set_int(h, d, "DEBUG_COLLECTABLE", GC_DEBUG_COLLECTABLE)
              && set_int(h, d, "DEBUG_UNCOLLECTABLE", GC_DEBUG_UNCOLLECTABLE)
              && set_int(h, d, "DEBUG_SAVEALL", GC_DEBUG_SAVEALL)
              && set_int(h, d, "DEBUG_LEAK", GC_DEBUG_LEAK);
    heap_decref(h, garbage);
    heap_decref(h, callbacks);
    if (ok)
        gc_set_module(h, m);
    return ok;
}
