/* The simulated heap: object slots, refcounting and deallocation.
 *
 * Slots live in one growable array; freed slots are chained through their
 * payload word and reused first-in-last-out, so a run is deterministic.
 * Simulated memory comes from the obmalloc model (obmalloc.c) or a type's
 * free list; the simulated address of an object is what id() returns.
 *
 * Deallocation follows CPython: when a count reaches zero the object's
 * finalizer (__del__, once, PEP 442) runs first and may resurrect it, then
 * weak references to it are cleared and their callbacks called, then the
 * kind's dealloc drops its children in CPython's order.  Containers nested
 * deeper than the trashcan limit are queued and destroyed when the
 * outermost deallocation unwinds, as Py_TRASHCAN_BEGIN does, so a long
 * chain never exhausts the C stack. */
#include "sim/heap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/excobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"
#include "util/xalloc.h"

#define TRASHCAN_LIMIT 50
#define HEAP_C_RECURSION_LIMIT 800  /* nested C-level operations */
#define STATIC_BASE 0x5582a1e40000ULL   /* like a PIE binary's data segment */
#define DEFAULT_MEM_LIMIT (4ULL << 30)  /* 4 GiB of simulated memory */

static void blockmap_free(Heap *h);

/* Allocate SIZE bytes of static (never freed) simulated address space. */
static uint64_t static_alloc(Heap *h, size_t size)
{
    uint64_t a = h->static_next;
    h->static_next += (size + 15) & ~(size_t)15;
    return a;
}

/* A real interpreter reaches a script's first line with live blocks in
 * every size class (its own startup objects); model that with one block
 * per class, so the first pool of a class never empties and gets re-carved
 * by another class. */
static void seed_startup_pools(Heap *h)
{
    for (size_t size = 16; size <= 512; size += 16)
        h->startup_blocks[h->nstartup_blocks++] = obmalloc_malloc(h->mem, size);
}

/* Make a static object of KIND and TYPE with SIZE bytes of address space. */
static Ref new_static(Heap *h, Kind kind, Ref type, size_t size)
{
    Ref r = heap_new_slot(h, kind, type, static_alloc(h, size));
    heap_make_static(h, r);
    return r;
}

/* Create the builtin type objects, one per kind. */
static void init_types(Heap *h)
{
    h->type_type = type_new_static(h, "type", K_TYPE, NULLREF);
    h->object_type = type_new_static(h, "object", K_INSTANCE, NULLREF);
    type_data(h, h->type_type)->base = h->object_type;
    h->type_of_kind[K_TYPE] = h->type_type;
    for (int k = 1; k < K_MAX; k++) {
        if (k == K_TYPE || k == K_INSTANCE || !kind_ops[k])
            continue;
        h->type_of_kind[k] = type_new_static(h, kind_ops[k]->name, (Kind)k, h->object_type);
    }
    type_data(h, h->type_of_kind[K_BOOL])->base = h->type_of_kind[K_INT];
    h->type_of_kind[K_INSTANCE] = h->object_type;
}

/* Create None, NotImplemented, Ellipsis, the bools and the small ints. */
static void init_singletons(Heap *h)
{
    const Profile *p = h->prof;
    h->none = new_static(h, K_NONE, h->type_of_kind[K_NONE], p->none_size);
    h->notimpl = new_static(h, K_NOTIMPL, h->type_of_kind[K_NOTIMPL], 16);
    h->ellipsis = new_static(h, K_ELLIPSIS, h->type_of_kind[K_ELLIPSIS], 16);
    h->false_ = new_static(h, K_BOOL, h->type_of_kind[K_BOOL], 32);
    h->true_ = new_static(h, K_BOOL, h->type_of_kind[K_BOOL], 32);
    h->objs[h->false_].v.i = 0;
    h->objs[h->true_].v.i = 1;
    for (int i = 0; i < HEAP_SMALLINTS; i++) {
        Ref r = new_static(h, K_INT, h->type_of_kind[K_INT], 32);
        h->objs[r].v.i = i + p->small_int_min;
        h->small_ints[i] = r;
    }
}

/* Create a heap for PROFILE with its singletons and builtin types. */
Heap *heap_new(const Profile *profile)
{
    Heap *h = xcalloc(1, sizeof *h);
    h->prof = profile;
    h->capslots = 1024;
    h->objs = xcalloc(h->capslots, sizeof *h->objs);
    h->nslots = 1;                      /* slot 0 is NULLREF */
    h->mem = obmalloc_new(&profile->obmalloc);
    seed_startup_pools(h);
    h->mem_limit = DEFAULT_MEM_LIMIT;
    h->static_next = STATIC_BASE;
    h->fl_float.limit = profile->freelist_float;
    h->fl_list.limit = profile->freelist_list;
    h->fl_dict.limit = profile->freelist_dict;
    for (int i = 1; i < profile->freelist_tuple_maxsize && i < HEAP_TUPLE_FREELISTS; i++)
        h->fl_tuple[i].limit = profile->freelist_tuple_count;
    init_types(h);
    init_singletons(h);
    exc_init_types(h);
    h->empty_tuple = tuple_new_static_empty(h);
    h->empty_str = str_new_static_empty(h);
    h->empty_bytes = bytes_new_static_empty(h);
    gc_init(h);
    return h;
}

/* Destroy the heap and every object in it, without running any Python. */
void heap_delete(Heap *h)
{
    if (!h)
        return;
    for (uint32_t r = 1; r < h->nslots; r++) {
        Obj *o = &h->objs[r];
        if (o->kind != K_FREE && kind_ops[o->kind] && kind_ops[o->kind]->release)
            kind_ops[o->kind]->release(h, r);
    }
    obmalloc_delete(h->mem);
    blockmap_free(h);
    free(h->fl_float.addr);
    free(h->fl_list.addr);
    free(h->fl_dict.addr);
    free(h->fl_dictkeys.addr);
    for (int i = 0; i < HEAP_TUPLE_FREELISTS; i++)
        free(h->fl_tuple[i].addr);
    free(h->interned);
    free(h->trash);
    strbuf_free(&h->out);
    strbuf_free(&h->err);
    gc_fini(h);
    weakref_fini(h);
    free(h->method_descrs);
    free(h->objs);
    free(h);
}

/* True when TYPE (a type object) is a heap type (a class statement's).
 * Static types never are, and their flag answers without the TypeData. */
static inline bool is_heaptype(const Heap *h, Ref type)
{
    return !(h->objs[type].flags & OF_STATIC) && type_data(h, type)->heaptype;
}

/* Make a new object slot of KIND and TYPE at simulated address ADDR with
 * refcount 1.  Takes a reference to TYPE for heap types. */
Ref heap_new_slot(Heap *h, Kind kind, Ref type, uint64_t addr)
{
    Ref r;
    if (h->free_slot) {
        r = h->free_slot;
        h->free_slot = (Ref)h->objs[r].v.u;
    } else {
        if (h->nslots == h->capslots) {
            h->capslots *= 2;
            h->objs = xrealloc(h->objs, h->capslots * sizeof *h->objs);
        }
        r = h->nslots++;
    }
    Obj *o = &h->objs[r];
    memset(o, 0, sizeof *o);
    o->refcnt = 1;
    o->addr = addr;
    o->kind = (uint8_t)kind;
    o->type = type;
    o->gen = GEN_UNTRACKED;
    if (type && kind != K_TYPE && is_heaptype(h, type))
        heap_incref(h, type);
    h->live++;
    h->mem_gen++;
    return r;
}

/* Release R's slot after its kind's dealloc ran (memory already freed). */
void heap_free_slot(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    o->kind = K_FREE;
    o->refcnt = 0;
    o->v.u = h->free_slot;
    h->free_slot = r;
    h->live--;
    h->mem_gen++;
}

/* Allocate an object of KIND and TYPE whose request is NBYTES, of which
 * PREFIX bytes (GC header, pre-header) precede the object's address;
 * counts a GC allocation when GC is set.  0 with MemoryError. */
Ref heap_alloc_object(Heap *h, Kind kind, Ref type, size_t nbytes, size_t prefix, bool gc)
{
    uint64_t block = heap_mem_alloc(h, nbytes);
    if (!block)
        return NULLREF;
    if (gc)
        gc_on_alloc(h);
    return heap_new_slot(h, kind, type, block + prefix);
}

/* Free R's block (PREFIX bytes before its address) and its slot. */
void heap_free_object(Heap *h, Ref r, size_t prefix, bool gc)
{
    Obj *o = &h->objs[r];
    Ref type = o->type;
    heap_mem_free(h, o->addr - prefix);
    if (gc)
        gc_on_free(h);
    heap_free_slot(h, r);
    if (type && kind_ops[K_TYPE] && h->objs[type].kind == K_TYPE && is_heaptype(h, type))
        heap_decref(h, type);
}

/* Mark R immortal (3.12+) or static: its count is the interpreter's. */
void heap_make_static(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    o->flags |= OF_STATIC;
    if (h->prof->immortal) {
        o->flags |= OF_IMMORTAL;
        o->refcnt = h->prof->immortal_refcnt;
    } else if (h->prof->static_refcnt) {
        o->refcnt = h->prof->static_refcnt;
    }
}

/* Account for NBYTES more simulated memory, or raise MemoryError. */
static bool charge(Heap *h, size_t nbytes)
{
    if (nbytes > h->mem_limit || h->mem_bytes + nbytes > h->mem_limit) {
        heap_raise(h, EXC_MemoryError, "%s", "");
        return false;
    }
    return true;
}

/* Simulated memory: allocate NBYTES through obmalloc; 0 when over the
 * limit (MemoryError is then set).  mem_bytes adds what was requested. */
uint64_t heap_mem_alloc(Heap *h, size_t nbytes)
{
    if (!charge(h, nbytes))
        return 0;
    uint64_t a = obmalloc_malloc(h->mem, nbytes);
    h->mem_bytes += nbytes;
    h->mem_gen++;
    return a;
}

/* Drop N bytes from the simulated-memory count, never below zero. */
static void uncharge(Heap *h, size_t n)
{
    h->mem_bytes -= n < h->mem_bytes ? n : h->mem_bytes;
}

/* Free a block obtained from heap_mem_alloc (the count drops by its block
 * size, an upper bound of the request: the limit errs on the generous side). */
void heap_mem_free(Heap *h, uint64_t addr)
{
    if (!addr)
        return;
    size_t size;
    obmalloc_free_sized(h->mem, addr, &size);
    uncharge(h, size);
    h->mem_gen++;
}

/* Resize a block; 0 on MemoryError (the old block is kept). */
uint64_t heap_mem_realloc(Heap *h, uint64_t addr, size_t oldbytes, size_t nbytes)
{
    if (nbytes > oldbytes && !charge(h, nbytes - oldbytes))
        return 0;
    uncharge(h, oldbytes);
    h->mem_bytes += nbytes;
    h->mem_gen++;
    return obmalloc_realloc(h->mem, addr, nbytes);
}

/* Pop an address from free list FL, or 0 when it is empty. */
uint64_t heap_freelist_pop(FreeList *fl)
{
    if (!fl->n)
        return 0;
    fl->ops++;
    return fl->addr[--fl->n];
}

/* Push ADDR on free list FL; false when the list is full. */
bool heap_freelist_push(FreeList *fl, uint64_t addr)
{
    if ((int)fl->n >= fl->limit)
        return false;
    XGROW(fl->addr, fl->cap, fl->n + 1);
    fl->addr[fl->n++] = addr;
    fl->ops++;
    return true;
}

/* True when R's deallocation is deferred by the trashcan at this depth. */
static bool trashcan_defers(Heap *h, Ref r)
{
    if (h->dealloc_depth < TRASHCAN_LIMIT)
        return false;
    XGROW(h->trash, h->captrash, h->ntrash + 1);
    h->trash[h->ntrash++] = r;
    return true;
}

/* Run R's __del__ (once); true when it resurrected the object. */
static bool finalize(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    if (o->flags & OF_FINALIZED)
        return false;
    Ref del = type_lookup_cstr(h, o->type, "__del__");
    if (!del)
        return false;
    o->flags |= OF_FINALIZED;
    o->refcnt = 1;                     /* resurrect while __del__ runs */
    Ref saved = heap_fetch_exc(h);
    Ref res = heap_call(h, del, &r, 1, NULLREF);
    if (res)
        heap_decref(h, res);
    else if (h->hooks.unraisable)
        h->hooks.unraisable(h->hooks.vm, del);
    else
        heap_clear_exc(h);
    if (saved)
        h->exc = saved;
    return --h->objs[r].refcnt != 0;
}

/* Destroy R now that its count reached zero. */
static void dealloc_now(Heap *h, Ref r)
{
    Obj *o = &h->objs[r];
    /* only heap types (never static ones) can have __del__ */
    if (o->type && !(h->objs[o->type].flags & OF_STATIC) && type_data(h, o->type)->has_del
        && finalize(h, r))
        return;
    if (trashcan_defers(h, r))
        return;
    h->dealloc_depth++;
    if (h->objs[r].gen != GEN_UNTRACKED)
        gc_untrack(h, r);
    if (h->objs[r].flags & OF_WEAKREFS)
        weakref_clear_refs(h, r);
    kind_ops[h->objs[r].kind]->dealloc(h, r);
    h->dealloc_depth--;
}

/* Deallocate R (its count reached zero); drains the trashcan at depth 0. */
void heap_dealloc(Heap *h, Ref r)
{
    dealloc_now(h, r);
    if (h->dealloc_depth != 0)
        return;
    while (h->ntrash) {
        Ref t = h->trash[--h->ntrash];
        dealloc_now(h, t);
    }
}

/* Raise an instance of builtin exception TYPE with a formatted message;
 * always returns 0 so callers can `return heap_raise(...)`. */
Ref heap_raise(Heap *h, ExcType type, const char *fmt, ...)
{
    StrBuf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    Ref exc = exc_new_msg(h, h->exc_types[type], msg.data ? msg.data : "", msg.len);
    strbuf_free(&msg);
    if (exc) {
        heap_raise_obj(h, exc);
        heap_decref(h, exc);
    }
    return NULLREF;
}

/* Raise exception object EXC (a reference is taken); returns 0. */
Ref heap_raise_obj(Heap *h, Ref exc)
{
    heap_incref(h, exc);
    Ref old = h->exc;
    h->exc = exc;
    heap_decref(h, old);
    return NULLREF;
}

/* True when an exception of builtin TYPE (or a subclass) is pending. */
bool heap_exc_matches(Heap *h, ExcType type)
{
    return h->exc && type_is_subtype(h, heap_type(h, h->exc), h->exc_types[type]);
}

/* Forget the pending exception. */
void heap_clear_exc(Heap *h)
{
    Ref old = h->exc;
    h->exc = NULLREF;
    heap_decref(h, old);
}

/* Take the pending exception (new reference), leaving none. */
Ref heap_fetch_exc(Heap *h)
{
    Ref e = h->exc;
    h->exc = NULLREF;
    return e;
}

/* Enter a C-level recursive operation; false with RecursionError past the
 * limit, which keeps the host's C stack safe whatever the script does. */
bool heap_enter_recursive(Heap *h, const char *where)
{
    if (h->c_recursion >= HEAP_C_RECURSION_LIMIT) {
        heap_raise(h, EXC_RecursionError, "maximum recursion depth exceeded%s", where);
        return false;
    }
    h->c_recursion++;
    return true;
}

/* Run Python-level callable FN through the VM hook; new reference or 0. */
Ref heap_call(Heap *h, Ref fn, const Ref *args, size_t nargs, Ref kwnames)
{
    const TypeOps *ops = heap_ops(h, fn);
    if (ops->call && heap_kind(h, fn) != K_FUNCTION && heap_kind(h, fn) != K_METHOD
        && heap_kind(h, fn) != K_TYPE && heap_kind(h, fn) != K_INSTANCE)
        return ops->call(h, fn, args, nargs, kwnames);
    if (!h->hooks.call)
        return heap_raise(h, EXC_SystemError, "no interpreter to call Python code");
    return h->hooks.call(h->hooks.vm, fn, args, nargs, kwnames);
}

/* CPython's Py_TYPE(r)->tp_name. */
const char *heap_type_name(const Heap *h, Ref r)
{
    return type_cname(h, h->objs[r].type);
}

/* Count of references to R that sys.getrefcount would report. */
int64_t heap_refcnt(const Heap *h, Ref r)
{
    return h->objs[r].refcnt;
}

/* ================================================================
 * Objects and their blocks
 *
 * The main block of an object starts heap_object_prefix() bytes before
 * its address; its kind's `blocks` slot reports the rest.  The reverse
 * map, block -> owner, is an open-addressed hash built from all live
 * objects on demand and kept until the heap changes: every allocation,
 * free, slot change and free-list push or pop moves the stamp.  The few
 * ownership changes that touch none of those (a class letting go of
 * shared keys that a dict still uses) are caught by checking each hit
 * against its owner's blocks, which rebuilds the map when it is stale.
 * ================================================================ */

/* Bytes in front of R's address in its main block, as each kind allocates. */
size_t heap_object_prefix(const Heap *h, Ref r)
{
    const Obj *o = &h->objs[r];
    size_t gch = h->prof->gc_head_size;
    switch ((Kind)o->kind) {
    case K_NONE: case K_NOTIMPL: case K_ELLIPSIS: case K_BOOL: case K_INT:
    case K_FLOAT: case K_COMPLEX: case K_STR: case K_BYTES: case K_RANGE:
    case K_RANGEITER: case K_CODE:
        return 0;                         /* not GC types: a bare PyObject */
    case K_INSTANCE:
        return type_instance_prefix(h, o->type);
    case K_EXCEPTION:
        return type_data(h, o->type)->heaptype ? type_instance_prefix(h, o->type) : gch;
    case K_WEAKVALUEDICT:
        return gch + h->prof->preheader_size;   /* a Python-level class */
    default:
        return gch;
    }
}

/* True when R lives in static memory (builtin types, singletons). */
bool heap_object_is_static(const Heap *h, Ref r)
{
    uint64_t a = h->objs[r].addr;
    return a == 0 || (a >= STATIC_BASE && a < h->static_next);
}

typedef struct Collect {
    HeapBlock *out;
    size_t max, n;
} Collect;

/* Describe the block at ADDR as PART into B. */
static void describe_block(const Heap *h, uint64_t addr, const char *part, unsigned index,
                           HeapBlock *b)
{
    memset(b, 0, sizeof *b);
    b->addr = addr;
    b->part = part;
    b->index = index;
    b->located = obmalloc_locate(h->mem, addr, &b->where) && b->where.block_addr == addr;
}

/* BlockVisitFn: append one part to a Collect. */
static void collect_part(Heap *h, Ref obj, uint64_t addr, const char *part, void *arg)
{
    (void)obj;
    Collect *c = arg;
    if (c->n < c->max)
        describe_block(h, addr, part, 0, &c->out[c->n]);
    c->n++;
}

/* Report every block of live, non-static object R to VISIT. */
static void each_block(Heap *h, Ref r, BlockVisitFn visit, void *arg)
{
    const Obj *o = &h->objs[r];
    if (o->kind == K_FREE || heap_object_is_static(h, r))
        return;
    visit(h, r, o->addr - heap_object_prefix(h, r), "object", arg);
    const TypeOps *ops = kind_ops[o->kind];
    if (ops && ops->blocks)
        ops->blocks(h, r, visit, arg);
}

/* R's blocks, main block first; at most MAX written, the count returned. */
size_t heap_object_blocks(Heap *h, Ref r, HeapBlock *out, size_t max)
{
    Collect c = {out, max, 0};
    if (r && r < h->nslots)
        each_block(h, r, collect_part, &c);
    return c.n;
}

/* Append the blocks of free list FL (top first) to C. */
static void collect_freelist(const Heap *h, const FreeList *fl, const char *part,
                             unsigned index, Collect *c)
{
    for (size_t i = fl->n; i-- > 0; c->n++)
        if (c->n < c->max)
            describe_block(h, fl->addr[i], part, index, &c->out[c->n]);
}

/* The blocks parked on the type free lists. */
size_t heap_freelist_blocks(Heap *h, HeapBlock *out, size_t max)
{
    Collect c = {out, max, 0};
    collect_freelist(h, &h->fl_list, "free_list[list]", 0, &c);
    collect_freelist(h, &h->fl_dict, "free_list[dict]", 0, &c);
    collect_freelist(h, &h->fl_dictkeys, "free_list[dictkeys]", 0, &c);
    collect_freelist(h, &h->fl_float, "free_list[float]", 0, &c);
    for (unsigned i = 0; i < HEAP_TUPLE_FREELISTS; i++)
        collect_freelist(h, &h->fl_tuple[i], "free_list[tuple]", i, &c);
    return c.n;
}

/* The blocks the interpreter holds from start-up. */
size_t heap_startup_blocks(Heap *h, HeapBlock *out, size_t max)
{
    for (unsigned i = 0; i < h->nstartup_blocks && i < max; i++)
        describe_block(h, h->startup_blocks[i], "startup", 0, &out[i]);
    return h->nstartup_blocks;
}

typedef struct BlockEntry {
    uint64_t addr;        /* 0 = empty slot */
    Ref owner;
    const char *part;
} BlockEntry;

typedef struct BlockMap {
    BlockEntry *slots;
    size_t cap, n;        /* cap is a power of two */
    uint64_t stamp;       /* heap_stamp() when built */
} BlockMap;

/* A number that changes whenever blocks may have changed hands. */
static uint64_t heap_stamp(const Heap *h)
{
    uint64_t s = h->mem_gen + h->fl_list.ops + h->fl_dict.ops + h->fl_dictkeys.ops
                 + h->fl_float.ops;
    for (int i = 0; i < HEAP_TUPLE_FREELISTS; i++)
        s += h->fl_tuple[i].ops;
    return s;
}

/* The first slot of ADDR's probe sequence in a table of CAP slots. */
static size_t blockmap_hash(uint64_t addr, size_t cap)
{
    return (size_t)(((addr >> 4) * UINT64_C(0x9E3779B97F4A7C15)) >> 17) & (cap - 1);
}

/* The entry of ADDR, or NULL. */
static const BlockEntry *blockmap_find(const BlockMap *m, uint64_t addr)
{
    if (!m->cap || !addr)
        return NULL;
    for (size_t i = blockmap_hash(addr, m->cap);; i = (i + 1) & (m->cap - 1)) {
        if (m->slots[i].addr == addr)
            return &m->slots[i];
        if (!m->slots[i].addr)
            return NULL;
    }
}

/* BlockVisitFn: record OBJ as the owner of ADDR (the first owner wins). */
static void blockmap_add(Heap *h, Ref obj, uint64_t addr, const char *part, void *arg)
{
    (void)h;
    BlockMap *m = arg;
    if (!addr)
        return;
    size_t i = blockmap_hash(addr, m->cap);
    while (m->slots[i].addr && m->slots[i].addr != addr)
        i = (i + 1) & (m->cap - 1);
    if (m->slots[i].addr)
        return;
    m->slots[i] = (BlockEntry){addr, obj, part};
    m->n++;
}

/* Rebuild M from every live object. */
static void blockmap_build(Heap *h, BlockMap *m)
{
    size_t want = 64;
    while (want < 4 * (h->live + 16))
        want <<= 1;
    if (want != m->cap) {
        free(m->slots);
        m->slots = xmalloc(want * sizeof *m->slots);
        m->cap = want;
    }
    memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->n = 0;
    for (Ref r = 1; r < h->nslots; r++)
        each_block(h, r, blockmap_add, m);
    m->stamp = heap_stamp(h);
}

/* The heap's block map, rebuilt when the heap changed since it was built. */
static BlockMap *blockmap_get(Heap *h, bool force)
{
    BlockMap *m = h->blockmap;
    if (!m) {
        m = h->blockmap = xcalloc(1, sizeof *m);
        force = true;
    }
    if (force || m->stamp != heap_stamp(h))
        blockmap_build(h, m);
    return m;
}

/* Release the block map. */
static void blockmap_free(Heap *h)
{
    BlockMap *m = h->blockmap;
    if (m)
        free(m->slots);
    free(m);
    h->blockmap = NULL;
}

typedef struct OwnsCheck {
    uint64_t addr;
    const char *part;
    bool found;
} OwnsCheck;

/* BlockVisitFn: note whether the wanted block is among those reported. */
static void owns_visit(Heap *h, Ref obj, uint64_t addr, const char *part, void *arg)
{
    (void)h;
    (void)obj;
    OwnsCheck *c = arg;
    if (addr == c->addr && strcmp(part, c->part) == 0)
        c->found = true;
}

/* True when entry E still describes one of its owner's blocks. */
static bool entry_current(Heap *h, const BlockEntry *e)
{
    OwnsCheck c = {e->addr, e->part, false};
    if (e->owner < h->nslots)
        each_block(h, e->owner, owns_visit, &c);
    return c.found;
}

/* Look ADDR (a block's start, or an address inside a live block) up. */
static const BlockEntry *blockmap_lookup(Heap *h, BlockMap *m, uint64_t addr)
{
    const BlockEntry *e = blockmap_find(m, addr);
    ObmallocWhere w;
    if (!e && obmalloc_locate(h->mem, addr, &w) && w.block_addr != addr)
        e = blockmap_find(m, w.block_addr);
    return e;
}

/* The live object that owns the block at BLOCK_ADDR, and which part. */
Ref heap_block_owner(Heap *h, uint64_t block_addr, const char **part)
{
    BlockMap *m = blockmap_get(h, false);
    const BlockEntry *e = blockmap_lookup(h, m, block_addr);
    if (e && !entry_current(h, e)) {
        m = blockmap_get(h, true);
        e = blockmap_lookup(h, m, block_addr);
    }
    if (part)
        *part = e ? e->part : NULL;
    return e ? e->owner : NULLREF;
}

