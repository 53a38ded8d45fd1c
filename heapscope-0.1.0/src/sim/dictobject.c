/* dict objects: CPython's compact ordered dict, per version.
 *
 * Layout.  A dict (PyDictObject) is one 64-byte GC block.  Its table lives
 * in a separately allocated keys object (PyDictKeysObject) of
 *     dictkeys_header + index_bytes * size + entry_size * USABLE(size)
 * bytes, where size is a power of two >= 8, USABLE(n) = 2n/3, index bytes
 * are 1/2/4/8 by size, and entries are 24 bytes (hash, key, value) or, in
 * 3.11+ tables whose keys are all exact str, 16 bytes (key, value).  The
 * host mirrors it: an int64 index table and an entry array.  `{}` points at
 * the static empty keys (DictData.keys == NULL here) and owns no table.
 *
 * Growth.  A new key needs dk_usable > 0; otherwise insertion_resize()
 * rebuilds the table for GROWTH_RATE = used * 3 (power of two >= that;
 * 3.11+ compute it with calculate_log2_keysize(), whose bit trick maps 1..7
 * to 16 and exact powers of two >= 16 to the next one: profile
 * dict_log2_quirk).  Deleting leaves a dummy index and a NULL entry: the
 * table never shrinks until a resize or clear().  sizeof is 64 plus the
 * keys object when the dict owns it (dk_refcnt == 1) plus 8 bytes a value
 * slot for split tables.
 *
 * Free lists.  Up to 80 dict objects (exact dicts only; dict() itself goes
 * through tp_alloc and never reuses them) and up to 80 8-slot keys objects
 * (3.8: any; 3.11+: str-only) keep their blocks, so ids come back.
 *
 * Split tables (instance dicts) share a keys object with the class; see
 * dictobject.h for the per-version rules and the InstDict API at the end
 * of this file.
 *
 * Lookups may run Python __eq__, which may mutate or free the table: the
 * lookup restarts when the dict's keys object or the probed entry changed
 * (a serial number identifies keys objects), as CPython's lookdict does. */
#include "sim/dictobject.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/excobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

#define DKIX_EMPTY (-1)
#define DKIX_DUMMY (-2)
#define DKIX_ERROR (-3)
#define PERTURB_SHIFT 5
#define LOG2_MINSIZE 3
#define MINSIZE 8
#define MAXFREELIST 80
#define USABLE(n) (((n) << 1) / 3)

/* dk_kind */
enum { DK_GENERAL, DK_UNICODE, DK_SPLIT };


typedef struct DictEntry {
    Ref key;              /* me_key, 0 for a deleted entry */
    Ref value;            /* me_value (combined tables) */
    int64_t hash;         /* me_hash */
} DictEntry;

struct DictKeys {
    int64_t refcnt;       /* dk_refcnt */
    uint64_t serial;      /* identifies this keys object across reallocation */
    uint8_t log2_size;    /* dk_log2_size */
    uint8_t kind;         /* DK_* */
    int64_t usable;       /* dk_usable */
    int64_t nentries;     /* dk_nentries */
    size_t nalloc;        /* entries allocated: USABLE(size) */
    int64_t *indices;     /* dk_indices: DKIX_EMPTY, DKIX_DUMMY or an entry */
    DictEntry *entries;   /* dk_entries */
    uint64_t addr;        /* simulated block */
    size_t nbytes;        /* its request size */
    Ref owner;            /* the class holding these shared keys, or 0 */
    Ref *sharers;         /* split dicts over these keys */
    size_t nsharers, capsharers;
};

struct DictValues {
    Ref *values;          /* indexed like the keys' entries */
    uint8_t *order;       /* insertion order of the present values */
    size_t capacity, norder;
    uint64_t addr;        /* simulated block, 0 when embedded (3.13) */
};

/* dict iterators and views */
enum { DI_KEYS, DI_VALUES, DI_ITEMS };

typedef struct DictIterData {
    Ref dict;             /* di_dict, 0 once exhausted */
    int64_t used;         /* di_used (-1: sticky error) */
    int64_t pos;          /* di_pos */
    Ref result;           /* di_result: the recycled (key, value) tuple */
    int64_t len;          /* remaining items */
    uint8_t what;         /* DI_* */
    bool reversed;
} DictIterData;

typedef struct DictViewData {
    Ref dict;             /* dv_dict */
    uint8_t what;         /* DI_* */
} DictViewData;

static uint64_t keys_serial_counter;

/* Bytes of GC header in front of every GC object. */
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* ================================================================
 * Table geometry
 * ================================================================ */

/* Number of index slots of KEYS (the static empty keys have one). */
static size_t dk_size(const DictKeys *k)
{
    return k ? (size_t)1 << k->log2_size : 1;
}

/* dk_nentries of KEYS. */
static int64_t dk_nentries(const DictKeys *k) { return k ? k->nentries : 0; }

/* True when KEYS is str-only (DK_IS_UNICODE; the empty keys are). */
static bool dk_is_unicode(const DictKeys *k) { return !k || k->kind != DK_GENERAL; }

/* calculate_log2_keysize(minsize) of the version. */
static uint8_t log2_keysize(const Heap *h, size_t minsize)
{
    if (h->prof->dict_log2_quirk) {
        /* (minsize | 8) - 1, then the bit length of that | 7 */
        size_t m = ((minsize | MINSIZE) - 1) | (MINSIZE - 1);
        uint8_t bits = 0;
        while (m) {
            bits++;
            m >>= 1;
        }
        return bits;
    }
    uint8_t log2 = LOG2_MINSIZE;
    while (((size_t)1 << log2) < minsize)
        log2++;
    return log2;
}

/* estimate_log2_keysize(n) / ESTIMATE_SIZE: room for N items. */
static uint8_t estimate_log2(const Heap *h, size_t n)
{
    return log2_keysize(h, (n * 3 + 1) / 2);
}

/* Bytes of one index for a table of 2**LOG2 slots. */
static size_t index_bytes(uint8_t log2)
{
    return log2 < 8 ? 1 : log2 < 16 ? 2 : log2 < 32 ? 4 : 8;
}

/* Size of one entry of KIND. */
static size_t entry_bytes(const Heap *h, int kind)
{
    return kind == DK_GENERAL ? h->prof->dict_entry_size : h->prof->dict_unicode_entry_size;
}

/* _PyDict_KeysSize: the request size of a keys object. */
static size_t keys_nbytes(const Heap *h, uint8_t log2, int kind)
{
    size_t size = (size_t)1 << log2;
    return h->prof->dictkeys_header + index_bytes(log2) * size
           + entry_bytes(h, kind) * USABLE(size);
}

/* True when KEY is an exact str (PyUnicode_CheckExact). */
static bool is_exact_str(const Heap *h, Ref key)
{
    return h->objs[key].kind == K_STR && h->objs[key].type == h->type_of_kind[K_STR];
}

/* ================================================================
 * Keys and values objects
 * ================================================================ */

/* The keys free list, sized on first use. */
static FreeList *keys_freelist(Heap *h)
{
    if (!h->fl_dictkeys.limit)
        h->fl_dictkeys.limit = h->prof->freelist_dict ? MAXFREELIST : 0;
    return &h->fl_dictkeys;
}

/* True when a keys object of LOG2 and KIND may use the keys free list. */
static bool keys_freelist_fits(const Heap *h, uint8_t log2, int kind)
{
    if (log2 != LOG2_MINSIZE)
        return false;
    return !h->prof->dict_keys_freelist_unicode || kind != DK_GENERAL;
}

/* new_keys_object(log2, kind): a keys object with empty indices; NULL with
 * MemoryError. */
static DictKeys *keys_new(Heap *h, uint8_t log2, int kind)
{
    size_t nbytes = keys_nbytes(h, log2, kind);
    uint64_t addr = 0;
    if (keys_freelist_fits(h, log2, kind))
        addr = heap_freelist_pop(keys_freelist(h));
    if (!addr && !(addr = heap_mem_alloc(h, nbytes)))
        return NULL;
    size_t size = (size_t)1 << log2;
    DictKeys *k = xcalloc(1, sizeof *k);
    k->refcnt = 1;
    k->serial = ++keys_serial_counter;
    k->log2_size = log2;
    k->kind = (uint8_t)kind;
    k->nalloc = USABLE(size);
    k->usable = (int64_t)k->nalloc;
    k->indices = xmalloc(size * sizeof *k->indices);
    for (size_t i = 0; i < size; i++)
        k->indices[i] = DKIX_EMPTY;
    k->entries = xcalloc(k->nalloc ? k->nalloc : 1, sizeof *k->entries);
    k->addr = addr;
    k->nbytes = nbytes;
    return k;
}

/* Release the keys object's memory (free list or obmalloc) and host data. */
static void keys_free_memory(Heap *h, DictKeys *k)
{
    if (!keys_freelist_fits(h, k->log2_size, k->kind)
        || !heap_freelist_push(keys_freelist(h), k->addr))
        heap_mem_free(h, k->addr);
    free(k->indices);
    free(k->entries);
    free(k->sharers);
    free(k);
}

/* Drop a reference to KEYS: the last one releases its keys and values in
 * entry order (free_keys_object). */
static void keys_decref(Heap *h, DictKeys *k)
{
    if (!k || --k->refcnt > 0)
        return;
    for (int64_t i = 0; i < k->nentries; i++) {
        Ref key = k->entries[i].key, value = k->entries[i].value;
        k->entries[i].key = k->entries[i].value = 0;
        heap_decref(h, key);
        heap_decref(h, value);
    }
    keys_free_memory(h, k);
}

/* The mask of KEYS' index table. */
static size_t dk_mask(const DictKeys *k) { return ((size_t)1 << k->log2_size) - 1; }

/* find_empty_slot: the first index slot of HASH's probe sequence that
 * holds no entry. */
static size_t find_empty_slot(DictKeys *k, int64_t hash)
{
    size_t mask = dk_mask(k);
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (k->indices[i] >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The request size of a values array of CAPACITY slots. */
static size_t values_nbytes(const Heap *h, size_t capacity)
{
    if (!h->prof->dict_shared_keys_max)
        return 8 * capacity;                              /* 3.8: PyMem_NEW */
    if (h->prof->dict_values_inline)
        return (capacity + 1) * 8 + ((capacity + 7) & ~(size_t)7); /* 3.13 */
    return ((capacity + 2 + 7) & ~(size_t)7) + 8 * capacity;        /* prefix */
}

/* new_values(capacity); ADDR != 0 means embedded at that address (3.13). */
static DictValues *values_new(Heap *h, size_t capacity, uint64_t embedded_addr)
{
    uint64_t addr = 0;
    if (!embedded_addr && !(addr = heap_mem_alloc(h, values_nbytes(h, capacity))))
        return NULL;
    DictValues *v = xcalloc(1, sizeof *v);
    v->values = xcalloc(capacity ? capacity : 1, sizeof *v->values);
    v->order = xcalloc(capacity ? capacity : 1, 1);
    v->capacity = capacity;
    v->addr = addr;
    return v;
}

/* free_values: release the array (its references were dropped). */
static void values_free(Heap *h, DictValues *v)
{
    if (!v)
        return;
    if (v->addr)
        heap_mem_free(h, v->addr);
    free(v->values);
    free(v->order);
    free(v);
}

/* Append entry IX to the values' insertion order. */
static void values_order_add(DictValues *v, size_t ix)
{
    v->order[v->norder++] = (uint8_t)ix;
}

/* Remove entry IX from the values' insertion order. */
static void values_order_remove(DictValues *v, size_t ix)
{
    for (size_t i = 0; i < v->norder; i++) {
        if (v->order[i] == ix) {
            memmove(v->order + i, v->order + i + 1, v->norder - i - 1);
            v->norder--;
            return;
        }
    }
}

/* Register dict D as a user of shared keys K. */
static void keys_add_sharer(DictKeys *k, Ref d)
{
    XGROW(k->sharers, k->capsharers, k->nsharers + 1);
    k->sharers[k->nsharers++] = d;
}

/* Forget dict D as a user of shared keys K. */
static void keys_remove_sharer(DictKeys *k, Ref d)
{
    for (size_t i = 0; i < k->nsharers; i++) {
        if (k->sharers[i] == d) {
            memmove(k->sharers + i, k->sharers + i + 1,
                    (k->nsharers - i - 1) * sizeof *k->sharers);
            k->nsharers--;
            return;
        }
    }
}

/* ================================================================
 * Dict objects
 * ================================================================ */

/* True when D is exactly a dict (not a subclass instance). */
static bool dict_exact(const Heap *h, Ref d)
{
    return h->objs[d].type == h->type_of_kind[K_DICT];
}

/* The type object of dicts. */
static Ref dict_type(const Heap *h) { return h->type_of_kind[K_DICT]; }

/* Attach a fresh DictData to the new dict slot D. */
static Ref dict_init_slot(Heap *h, Ref d, DictKeys *keys, DictValues *values, size_t used)
{
    DictData *dd = xcalloc(1, sizeof *dd);
    dd->keys = keys;
    dd->values = values;
    dd->used = used;
    h->objs[d].v.p = dd;
    return d;
}

/* new_dict(keys, values): from the free list, else a new GC block.  Takes
 * the keys/values; frees them on failure. */
static Ref new_dict(Heap *h, DictKeys *keys, DictValues *values, size_t used)
{
    Ref d;
    uint64_t block = heap_freelist_pop(&h->fl_dict);
    if (block)
        d = heap_new_slot(h, K_DICT, dict_type(h), block + gch(h));
    else
        d = heap_alloc_object(h, K_DICT, dict_type(h), h->prof->dict_base, gch(h), true);
    if (!d) {
        if (values) {
            values_free(h, values);
        }
        keys_decref(h, keys);
        return NULLREF;
    }
    return dict_init_slot(h, d, keys, values, used);
}

/* A dict object straight from the GC allocator (PyObject_GC_New /
 * tp_alloc), never from the free list. */
static Ref alloc_dict_nofreelist(Heap *h, Ref type)
{
    Ref d = heap_alloc_object(h, K_DICT, type, h->prof->dict_base, gch(h), true);
    if (!d)
        return NULLREF;
    return dict_init_slot(h, d, NULL, NULL, 0);
}

/* {}: PyDict_New (free list, static empty keys). */
Ref dict_new(Heap *h)
{
    return new_dict(h, NULL, NULL, 0);
}

/* _PyDict_NewPresized(n): a dict whose table is sized for N items. */
static Ref new_presized(Heap *h, size_t n, int kind)
{
    if (n <= USABLE(MINSIZE))
        return dict_new(h);
    uint8_t log2;
    if (h->prof->dict_log2_quirk) {
        log2 = n > USABLE((size_t)1 << 17) ? 17 : estimate_log2(h, n);
    } else {
        size_t minsize = (n * 3 + 1) >> 1, size = MINSIZE * 2;
        if (n > USABLE((size_t)128 * 1024))
            size = (size_t)128 * 1024;
        else
            while (size < minsize)
                size <<= 1;
        log2 = 0;
        while (((size_t)1 << log2) < size)
            log2++;
    }
    DictKeys *k = keys_new(h, log2, kind);
    if (!k)
        return NULLREF;
    return new_dict(h, k, NULL, 0);
}

/* _PyDict_NewPresized(n) (a general table in 3.11+). */
Ref dict_new_presized(Heap *h, size_t n)
{
    return new_presized(h, n, DK_GENERAL);
}

/* ================================================================
 * Tracking
 * ================================================================ */

/* _PyObject_GC_MAY_BE_TRACKED(o). */
bool obj_may_be_tracked(const Heap *h, Ref o)
{
    const Obj *ob = &h->objs[o];
    if (ob->kind == K_TUPLE)
        return ob->gen != GEN_UNTRACKED;
    if (ob->kind == K_TYPE)
        return type_data(h, o)->heaptype;
    if (ob->kind == K_INSTANCE && !type_data(h, ob->type)->heaptype)
        return false;                       /* object() is not a GC object */
    const TypeOps *ops = kind_ops[ob->kind];
    return ops && ops->gc;
}

/* MAINTAIN_TRACKING: track D when KEY or VALUE may hold a cycle. */
static void maintain_tracking(Heap *h, Ref d, Ref key, Ref value)
{
    if (gc_is_tracked(h, d))
        return;
    if (obj_may_be_tracked(h, key) || obj_may_be_tracked(h, value))
        gc_track(h, d);
}

/* _PyDict_MaybeUntrack. */
void dict_maybe_untrack(Heap *h, Ref d)
{
    if (!gc_is_tracked(h, d))
        return;
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    if (!k)
        return;
    for (int64_t i = 0; i < k->nentries; i++) {
        Ref v = dd->values ? (i < (int64_t)dd->values->capacity ? dd->values->values[i] : 0)
                           : k->entries[i].value;
        if (!v)
            continue;
        if (obj_may_be_tracked(h, v))
            return;
        if (!dd->values && obj_may_be_tracked(h, k->entries[i].key))
            return;
    }
    gc_untrack(h, d);
}

/* ================================================================
 * Entries
 * ================================================================ */

/* The value of entry IX of D's table (0 when deleted or pending). */
static Ref entry_value(const DictData *dd, int64_t ix)
{
    if (dd->values)
        return ix < (int64_t)dd->values->capacity ? dd->values->values[ix] : 0;
    return dd->keys->entries[ix].value;
}

/* The hash stored for entry IX (str keys keep theirs in the str). */
static int64_t entry_hash(const DictKeys *k, int64_t ix)
{
    return k->entries[ix].hash;
}

/* Re-fetch D's payload after Python code ran; NULL when D died. */
static DictData *still_dict(const Heap *h, Ref d, DictData *dd)
{
    return h->objs[d].kind == K_DICT && h->objs[d].v.p == dd ? dd : NULL;
}

/* Compare KEY with the entry key START of equal hash; 1/0/-1, or 2 when
 * the table changed under us (restart). */
static int compare_key(Heap *h, Ref d, DictData *dd, int64_t ix, Ref start, Ref key)
{
    if (is_exact_str(h, start) && is_exact_str(h, key))
        return str_equal(h, start, key);
    DictKeys *dk = dd->keys;
    uint64_t serial = dk->serial;
    heap_incref(h, start);
    int cmp = obj_richcompare_bool(h, start, key, CMP_EQ);
    heap_decref(h, start);
    if (cmp < 0)
        return -1;
    if (!still_dict(h, d, dd) || dd->keys != dk || dk->serial != serial
        || ix >= dk->nentries || dk->entries[ix].key != start)
        return 2;
    return cmp;
}

/* True when K holds str keys only (3.11+'s str-only tables), so that
 * lookups compare no key through Python code. */
static bool memo_applies(const Heap *h, const DictKeys *k)
{
    return k->kind == DK_UNICODE && h->prof->dict_unicode_keys;
}

/* The slot of the heap's lookup memo for KEY (with HASH) in K. */
static uint32_t *memo_slot(Heap *h, const DictKeys *k, Ref key, int64_t hash)
{
    uint64_t x = ((uint64_t)hash ^ ((uintptr_t)k >> 4)) + key;
    return &h->dict_memo[(x ^ (x >> 17)) & (HEAP_DICT_MEMO - 1)];
}

/* The entry the memo remembers for KEY, if that entry of K still holds
 * KEY itself, else -1.  In a str-only table that is where the probe
 * sequence would end: keys are unique and comparing str runs no code.
 * (Any entry holding KEY is the answer, so a stale memo is harmless.) */
static int64_t memo_find(Heap *h, const DictKeys *k, Ref key, int64_t hash)
{
    uint32_t m = *memo_slot(h, k, key, hash);
    return (int64_t)m < k->nentries && k->entries[m].key == key ? (int64_t)m : -1;
}

/* _Py_dict_lookup: the entry index of KEY (DKIX_EMPTY when missing,
 * DKIX_ERROR on error) and its value in *VALUE.  Str-only tables first
 * try the memo of recent finds (the same answer, without probing). */
static int64_t lookup(Heap *h, Ref d, Ref key, int64_t hash, Ref *value)
{
    DictData *dd;
restart:
    dd = dict_data(h, d);
    *value = 0;
    DictKeys *k = dd->keys;
    if (!k)
        return DKIX_EMPTY;
    bool memo = memo_applies(h, k);
    int64_t m = memo ? memo_find(h, k, key, hash) : -1;
    if (m >= 0) {
        *value = entry_value(dd, m);
        return m;
    }
    size_t mask = dk_mask(k);
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int64_t ix = k->indices[i];
        if (ix == DKIX_EMPTY)
            return DKIX_EMPTY;
        if (ix >= 0) {
            Ref start = k->entries[ix].key;
            if (start == key) {
                *value = entry_value(dd, ix);
                if (memo)
                    *memo_slot(h, k, key, hash) = (uint32_t)ix;
                return ix;
            }
            if (entry_hash(k, ix) == hash) {
                int cmp = compare_key(h, d, dd, ix, start, key);
                if (cmp < 0)
                    return DKIX_ERROR;
                if (cmp == 2)
                    goto restart;
                if (cmp) {
                    *value = entry_value(dd, ix);
                    return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* lookdict_index: the index slot that holds entry IX of HASH. */
static size_t lookup_index(DictKeys *k, int64_t hash, int64_t ix)
{
    size_t mask = dk_mask(k);
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    while (k->indices[i] != ix) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return i;
}

/* The hash of KEY (str hashes are cached in the str). */
static int key_hash(Heap *h, Ref key, int64_t *hash)
{
    if (is_exact_str(h, key)) {
        const StrData *sd = str_data(h, key);
        *hash = sd->hashed ? sd->hash : str_hash(h, key);
        return 0;
    }
    return obj_hash(h, key, hash);
}

/* ================================================================
 * Resizing
 * ================================================================ */

/* Rebuild the index table of K for its first N entries. */
static void build_indices(DictKeys *k, int64_t n)
{
    for (int64_t ix = 0; ix < n; ix++)
        k->indices[find_empty_slot(k, k->entries[ix].hash)] = ix;
}

/* The entry index of the I-th present value of a split table. */
static int64_t split_index(const Heap *h, const DictData *dd, size_t i)
{
    if (h->prof->dict_shared_keys_max)
        return dd->values->order[i];
    size_t seen = 0;
    for (int64_t ix = 0; ix < dd->keys->nentries; ix++)
        if (dd->values->values[ix] && seen++ == i)
            return ix;
    return -1;
}

/* Detach split dict D from its shared keys (the keys may then die). */
static void split_detach(Heap *h, Ref d, DictKeys *oldkeys)
{
    keys_remove_sharer(oldkeys, d);
    keys_decref(h, oldkeys);
}

/* Move the present entries of the old table into the new keys NK. */
static void move_entries(Heap *h, Ref d, DictData *dd, DictKeys *old, DictKeys *nk)
{
    int64_t n = (int64_t)dd->used;
    if (dd->values) {
        /* split -> combined: keys are shared, so take new references */
        for (int64_t i = 0; i < n; i++) {
            int64_t ix = split_index(h, dd, (size_t)i);
            DictEntry *ep = &old->entries[ix];
            nk->entries[i].key = heap_newref(h, ep->key);
            nk->entries[i].hash = ep->hash;
            nk->entries[i].value = dd->values->values[ix];
        }
        DictValues *v = dd->values;
        memset(v->values, 0, v->capacity * sizeof *v->values);
        dd->values = NULL;
        dd->keys = nk;
        split_detach(h, d, old);
        values_free(h, v);
        return;
    }
    int64_t j = 0;
    for (int64_t i = 0; old && i < old->nentries; i++)
        if (old->entries[i].value)
            nk->entries[j++] = old->entries[i];
    dd->keys = nk;
    if (old)
        keys_free_memory(h, old);
}

/* dictresize(mp, log2, unicode): rebuild D's table as a combined one of
 * 2**LOG2 slots, str-only when the old one was and UNICODE asks for it
 * (3.8 keeps its str-only lookup whatever UNICODE says). */
static int dictresize(Heap *h, Ref d, uint8_t log2, bool unicode)
{
    DictData *dd = dict_data(h, d);
    DictKeys *old = dd->keys;
    bool keep = dk_is_unicode(old) && (unicode || !h->prof->dict_unicode_keys);
    DictKeys *nk = keys_new(h, log2, keep ? DK_UNICODE : DK_GENERAL);
    if (!nk)
        return -1;
    dd = dict_data(h, d);
    move_entries(h, d, dd, old, nk);
    build_indices(nk, (int64_t)dd->used);
    nk->usable -= (int64_t)dd->used;
    nk->nentries = (int64_t)dd->used;
    return 0;
}

/* insertion_resize(mp, unicode): grow for GROWTH_RATE = used * 3. */
static int insertion_resize(Heap *h, Ref d, bool unicode)
{
    DictData *dd = dict_data(h, d);
    return dictresize(h, d, log2_keysize(h, dd->used * 3), unicode);
}

/* ================================================================
 * Insertion
 * ================================================================ */

/* Store a new entry (KEY, HASH, VALUE: references taken) in a table with
 * room for it. */
static void store_new_entry(Heap *h, DictData *dd, Ref key, int64_t hash, Ref value)
{
    DictKeys *k = dd->keys;
    if (!is_exact_str(h, key) && k->kind == DK_UNICODE)
        k->kind = DK_GENERAL;
    int64_t ix = k->nentries;
    k->indices[find_empty_slot(k, hash)] = ix;
    k->entries[ix].key = key;
    k->entries[ix].hash = hash;
    if (dd->values) {
        dd->values->values[ix] = value;
        values_order_add(dd->values, (size_t)ix);
    } else {
        k->entries[ix].value = value;
    }
    dd->used++;
    k->usable--;
    k->nentries++;
}

/* insert_to_emptydict: the first item of a dict with the empty keys. */
static int insert_to_empty(Heap *h, Ref d, Ref key, int64_t hash, Ref value)
{
    int kind = is_exact_str(h, key) ? DK_UNICODE : DK_GENERAL;
    DictKeys *k = keys_new(h, LOG2_MINSIZE, kind);
    if (!k) {
        heap_decref(h, key);
        heap_decref(h, value);
        return -1;
    }
    DictData *dd = dict_data(h, d);
    dd->keys = k;
    maintain_tracking(h, d, key, value);
    store_new_entry(h, dd, key, hash, value);
    return 0;
}

/* 3.8: a split table whose insertion order would differ from the shared
 * keys' order must become combined. */
static bool split_order_breaks(const Heap *h, const DictData *dd, int64_t ix, Ref old)
{
    if (!dd->values || h->prof->dict_shared_keys_max)
        return false;
    if (ix >= 0 && !old && (int64_t)dd->used != ix)
        return true;
    return ix == DKIX_EMPTY && (int64_t)dd->used != dd->keys->nentries;
}

/* Replace the value of existing entry IX by VALUE (reference taken). */
static void replace_value(DictData *dd, int64_t ix, Ref old, Ref value)
{
    if (dd->values) {
        dd->values->values[ix] = value;
        if (!old) {
            values_order_add(dd->values, (size_t)ix);
            dd->used++;
        }
    } else {
        dd->keys->entries[ix].value = value;
    }
}

/* insertdict: D[KEY] = VALUE with HASH; takes the references to KEY and
 * VALUE (released on error). */
static int insertdict(Heap *h, Ref d, Ref key, int64_t hash, Ref value)
{
    DictData *dd = dict_data(h, d);
    if (!dd->keys)
        return insert_to_empty(h, d, key, hash, value);
    bool unicode_layout = h->prof->dict_unicode_keys ? dk_is_unicode(dd->keys)
                                                      : dd->values != NULL;
    if (unicode_layout && !is_exact_str(h, key) && insertion_resize(h, d, false) < 0)
        goto fail;
    Ref old;
    int64_t ix = lookup(h, d, key, hash, &old);
    if (ix == DKIX_ERROR)
        goto fail;
    dd = dict_data(h, d);
    maintain_tracking(h, d, key, value);
    if (split_order_breaks(h, dd, ix, old)) {
        if (insertion_resize(h, d, true) < 0)
            goto fail;
        dd = dict_data(h, d);
        ix = DKIX_EMPTY;
    }
    if (ix == DKIX_EMPTY) {
        if (dd->keys->usable <= 0 && insertion_resize(h, d, true) < 0)
            goto fail;
        dd = dict_data(h, d);
        store_new_entry(h, dd, key, hash, value);
        return 0;
    }
    if (old != value)
        replace_value(dd, ix, old, value);
    else
        heap_decref(h, value);   /* the table keeps its reference */
    if (old != value)
        heap_decref(h, old);
    heap_decref(h, key);
    return 0;
fail:
    heap_decref(h, key);
    heap_decref(h, value);
    return -1;
}

/* d[key] = value with a known hash; borrowed arguments. */
static int setitem_hash(Heap *h, Ref d, Ref key, int64_t hash, Ref value)
{
    heap_incref(h, key);
    heap_incref(h, value);
    return insertdict(h, d, key, hash, value);
}

/* d[key] = value (PyDict_SetItem); 0 or -1. */
int dict_setitem(Heap *h, Ref d, Ref key, Ref value)
{
    int64_t hash;
    if (key_hash(h, key, &hash) < 0)
        return -1;
    return setitem_hash(h, d, key, hash, value);
}

/* d[key] = value for a C-string key (interned as a name). */
int dict_setitem_cstr(Heap *h, Ref d, const char *key, Ref value)
{
    Ref k = str_intern_cstr(h, key);
    if (!k)
        return -1;
    int rc = dict_setitem(h, d, k, value);
    heap_decref(h, k);
    return rc;
}

/* The BUILD_MAP / BUILD_CONST_KEY_MAP result (_PyDict_FromItems). */
Ref dict_from_items(Heap *h, const Ref *keys, size_t kstride, const Ref *values,
                    size_t vstride, size_t n)
{
    bool unicode = h->prof->dict_unicode_keys;
    for (size_t i = 0; i < n && unicode; i++)
        unicode = is_exact_str(h, keys[i * kstride]);
    Ref d = new_presized(h, n, unicode ? DK_UNICODE : DK_GENERAL);
    if (!d)
        return NULLREF;
    for (size_t i = 0; i < n; i++) {
        if (dict_setitem(h, d, keys[i * kstride], values[i * vstride]) < 0) {
            heap_decref(h, d);
            return NULLREF;
        }
    }
    return d;
}

/* ================================================================
 * Lookup API
 * ================================================================ */

/* d[key] with a known hash; BORROWED or 0 (exception when h->exc). */
Ref dict_getitem_knownhash(Heap *h, Ref d, Ref key, int64_t hash)
{
    Ref v;
    if (lookup(h, d, key, hash, &v) == DKIX_ERROR)
        return NULLREF;
    return v;
}

/* d[key] without raising KeyError: BORROWED value, or 0. */
Ref dict_getitem(Heap *h, Ref d, Ref key)
{
    int64_t hash;
    if (key_hash(h, key, &hash) < 0)
        return NULLREF;
    return dict_getitem_knownhash(h, d, key, hash);
}

/* True when C (NUL-terminated) is plain ASCII. */
static bool ascii_cstr(const char *c)
{
    for (; *c; c++)
        if ((unsigned char)*c >= 0x80)
            return false;
    return true;
}

/* d[key] for a C-string key; BORROWED or 0 (no exception). */
Ref dict_getitem_cstr(Heap *h, Ref d, const char *key)
{
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    if (!k)
        return NULLREF;
    if (!ascii_cstr(key)) {
        size_t pos = 0;
        Ref kk, vv;
        while (dict_next(h, d, &pos, &kk, &vv))
            if (h->objs[kk].kind == K_STR && str_eq_cstr(h, kk, key))
                return vv;
        return NULLREF;
    }
    int64_t hash = str_hash_bytes(h, key, strlen(key));
    size_t mask = dk_mask(k);
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int64_t ix = k->indices[i];
        if (ix == DKIX_EMPTY)
            return NULLREF;
        if (ix >= 0 && k->entries[ix].hash == hash) {
            Ref kk = k->entries[ix].key;
            if (h->objs[kk].kind == K_STR && str_eq_cstr(h, kk, key))
                return entry_value(dd, ix);
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* key in d: 1, 0 or -1. */
int dict_contains(Heap *h, Ref d, Ref key)
{
    Ref v = dict_getitem(h, d, key);
    if (!v && h->exc)
        return -1;
    return v != 0;
}

/* len(d). */
size_t dict_size(const Heap *h, Ref d)
{
    return dict_data(h, d)->used;
}

/* The I-th present item of a combined or split table, walking from *POS. */
bool dict_next_hash(const Heap *h, Ref d, size_t *pos, Ref *key, Ref *value, int64_t *hash)
{
    const DictData *dd = dict_data(h, d);
    const DictKeys *k = dd->keys;
    if (!k)
        return false;
    int64_t ix;
    if (dd->values && h->prof->dict_shared_keys_max) {
        if (*pos >= dd->values->norder)
            return false;
        ix = dd->values->order[(*pos)++];
    } else {
        size_t i = *pos;
        while ((int64_t)i < k->nentries && !entry_value(dd, (int64_t)i))
            i++;
        if ((int64_t)i >= k->nentries)
            return false;
        ix = (int64_t)i;
        *pos = i + 1;
    }
    if (key)
        *key = k->entries[ix].key;
    if (value)
        *value = entry_value(dd, ix);
    if (hash)
        *hash = k->entries[ix].hash;
    return true;
}

/* Iterate in insertion order: BORROWED key and value. */
bool dict_next(const Heap *h, Ref d, size_t *pos, Ref *key, Ref *value)
{
    return dict_next_hash(h, d, pos, key, value, NULL);
}

/* ================================================================
 * Deletion
 * ================================================================ */

/* delitem_common: remove entry IX (value OLD) of HASH from D. */
static void delitem_common(Heap *h, Ref d, int64_t hash, int64_t ix, Ref old)
{
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    dd->used--;
    if (dd->values) {
        dd->values->values[ix] = 0;
        values_order_remove(dd->values, (size_t)ix);
        heap_decref(h, old);
        return;
    }
    k->indices[lookup_index(k, hash, ix)] = DKIX_DUMMY;
    Ref oldkey = k->entries[ix].key;
    k->entries[ix].key = 0;
    k->entries[ix].value = 0;
    k->entries[ix].hash = 0;
    heap_decref(h, oldkey);
    heap_decref(h, old);
}

/* Raise KeyError(key) (the key wrapped in a tuple, as _PyErr_SetKeyError). */
static void raise_key_error(Heap *h, Ref key)
{
    Ref args = tuple_pack(h, 1, key);
    if (!args)
        return;
    Ref exc = exc_new_args(h, h->exc_types[EXC_KeyError], args);
    heap_decref(h, args);
    if (exc) {
        heap_raise_obj(h, exc);
        heap_decref(h, exc);
    }
}

/* Find KEY for removal: the entry index (DKIX_EMPTY when missing), its
 * value and hash; converts 3.8 split tables first. */
static int64_t find_for_delete(Heap *h, Ref d, Ref key, int64_t *hash, Ref *old)
{
    if (key_hash(h, key, hash) < 0)
        return DKIX_ERROR;
    int64_t ix = lookup(h, d, key, *hash, old);
    if (ix < 0 || !*old)
        return ix == DKIX_ERROR ? DKIX_ERROR : DKIX_EMPTY;
    DictData *dd = dict_data(h, d);
    if (dd->values && !h->prof->dict_shared_keys_max) {
        /* 3.8: deleting from a split table makes it combined first */
        if (dictresize(h, d, dd->keys->log2_size, true) < 0)
            return DKIX_ERROR;
        ix = lookup(h, d, key, *hash, old);
    }
    return ix;
}

/* del d[key]: KeyError(key) when missing; 0 or -1. */
int dict_delitem(Heap *h, Ref d, Ref key)
{
    int64_t hash;
    Ref old;
    int64_t ix = find_for_delete(h, d, key, &hash, &old);
    if (ix == DKIX_ERROR)
        return -1;
    if (ix == DKIX_EMPTY) {
        raise_key_error(h, key);
        return -1;
    }
    delitem_common(h, d, hash, ix, old);
    return 0;
}

/* del d[key] for a C-string key. */
int dict_delitem_cstr(Heap *h, Ref d, const char *key)
{
    Ref k = str_from_cstr(h, key);
    if (!k)
        return -1;
    int rc = dict_delitem(h, d, k);
    heap_decref(h, k);
    return rc;
}

/* d.pop(key[, dflt]): new reference. */
Ref dict_pop(Heap *h, Ref d, Ref key, Ref dflt)
{
    DictData *dd = dict_data(h, d);
    if (dd->used == 0) {
        if (dflt)
            return heap_newref(h, dflt);
        raise_key_error(h, key);
        return NULLREF;
    }
    int64_t hash;
    Ref old;
    int64_t ix = find_for_delete(h, d, key, &hash, &old);
    if (ix == DKIX_ERROR)
        return NULLREF;
    if (ix == DKIX_EMPTY) {
        if (dflt)
            return heap_newref(h, dflt);
        raise_key_error(h, key);
        return NULLREF;
    }
    heap_incref(h, old);
    delitem_common(h, d, hash, ix, old);
    return old;
}

/* Release every reference of an old table (clear and dealloc). */
static void drop_table(Heap *h, Ref d, DictKeys *k, DictValues *v)
{
    if (v) {
        for (int64_t i = 0; k && i < k->nentries && i < (int64_t)v->capacity; i++) {
            Ref x = v->values[i];
            v->values[i] = 0;
            heap_decref(h, x);
        }
        values_free(h, v);
        if (k)
            split_detach(h, d, k);
        return;
    }
    keys_decref(h, k);
}

/* d.clear(): back to the empty keys. */
void dict_clear(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    DictValues *v = dd->values;
    if (!k && !v)
        return;
    dd->keys = NULL;
    dd->values = NULL;
    dd->used = 0;
    drop_table(h, d, k, v);
}

/* ================================================================
 * Copy, merge, update
 * ================================================================ */

/* clone_combined_dict_keys: a copy of D's combined keys object (new
 * block through the allocator, references taken). */
static DictKeys *clone_keys(Heap *h, DictKeys *src)
{
    uint64_t addr = heap_mem_alloc(h, src->nbytes);
    if (!addr)
        return NULL;
    size_t size = (size_t)1 << src->log2_size;
    DictKeys *k = xcalloc(1, sizeof *k);
    *k = *src;
    k->refcnt = 1;
    k->serial = ++keys_serial_counter;
    k->addr = addr;
    k->owner = 0;
    k->sharers = NULL;
    k->nsharers = k->capsharers = 0;
    k->indices = xmalloc(size * sizeof *k->indices);
    memcpy(k->indices, src->indices, size * sizeof *k->indices);
    k->entries = xcalloc(k->nalloc ? k->nalloc : 1, sizeof *k->entries);
    memcpy(k->entries, src->entries, k->nalloc * sizeof *k->entries);
    for (int64_t i = 0; i < k->nentries; i++) {
        if (k->entries[i].value) {
            heap_incref(h, k->entries[i].value);
            heap_incref(h, k->entries[i].key);
        }
    }
    return k;
}

/* A split copy of split dict D (PyDict_Copy's first case). */
static Ref copy_split(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    size_t cap = h->prof->dict_shared_keys_max
                     ? (size_t)(dd->keys->nentries + dd->keys->usable)
                     : USABLE(dk_size(dd->keys));
    DictValues *v = values_new(h, cap, 0);
    if (!v)
        return NULLREF;
    Ref c = alloc_dict_nofreelist(h, dict_type(h));
    if (!c) {
        values_free(h, v);
        return NULLREF;
    }
    dd = dict_data(h, d);
    for (size_t i = 0; i < cap && i < dd->values->capacity; i++)
        v->values[i] = heap_newref(h, dd->values->values[i]);
    memcpy(v->order, dd->values->order, dd->values->norder);
    v->norder = dd->values->norder;
    DictData *cd = dict_data(h, c);
    cd->keys = dd->keys;
    cd->keys->refcnt++;
    keys_add_sharer(cd->keys, c);
    cd->values = v;
    cd->used = dd->used;
    if (gc_is_tracked(h, d))
        gc_track(h, c);
    return c;
}

/* PyDict_Copy. */
Ref dict_copy(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    if (dd->used == 0)
        return dict_new(h);
    if (dd->values)
        return copy_split(h, d);
    if (dd->used >= (size_t)(dd->keys->nentries * 2) / 3) {
        DictKeys *k = clone_keys(h, dd->keys);
        if (!k)
            return NULLREF;
        Ref c = new_dict(h, k, NULL, dict_data(h, d)->used);
        if (c && gc_is_tracked(h, d))
            gc_track(h, c);
        return c;
    }
    Ref c = dict_new(h);
    if (c && dict_merge(h, c, d, 1) < 0) {
        heap_decref(h, c);
        return NULLREF;
    }
    return c;
}

/* dict_merge's clone path (3.11+): empty A takes a copy of clean B's keys. */
static bool merge_clone(Heap *h, Ref b)
{
    DictData *bd = dict_data(h, b);
    DictKeys *ok = bd->keys;
    if (!h->prof->dict_merge_clone || bd->values || (int64_t)bd->used != ok->nentries)
        return false;
    if (ok->log2_size != LOG2_MINSIZE && USABLE(dk_size(ok) / 2) >= bd->used)
        return false;
    return true;
}

/* Merge dict B into dict A (the fast path of dict_merge). */
static int merge_dict(Heap *h, Ref a, Ref b, int override)
{
    DictData *ad = dict_data(h, a), *bd = dict_data(h, b);
    if (a == b || bd->used == 0)
        return 0;
    if (ad->used == 0) {
        override = 1;
        if (merge_clone(h, b) && (!ad->values || h->prof->dict_merge_clone_split)) {
            DictKeys *k = clone_keys(h, bd->keys);
            if (!k)
                return -1;
            ad = dict_data(h, a);
            DictKeys *oldk = ad->keys;
            DictValues *oldv = ad->values;
            ad->keys = k;
            ad->values = NULL;
            ad->used = dict_data(h, b)->used;
            if (oldv) {
                values_free(h, oldv);
                split_detach(h, a, oldk);
            } else {
                keys_decref(h, oldk);
            }
            if (gc_is_tracked(h, b))
                gc_track(h, a);
            return 0;
        }
    }
    if ((size_t)USABLE(dk_size(ad->keys)) < bd->used) {
        uint8_t log2 = estimate_log2(h, ad->used + bd->used);
        if (dictresize(h, a, log2, dk_is_unicode(bd->keys)) < 0)
            return -1;
    }
    int64_t orig = dict_data(h, b)->keys->nentries;
    size_t pos = 0;
    Ref key, value;
    int64_t hash;
    while (dict_next_hash(h, b, &pos, &key, &value, &hash)) {
        heap_incref(h, key);
        heap_incref(h, value);
        int err = 0;
        if (override == 1) {
            err = setitem_hash(h, a, key, hash, value);
        } else {
            Ref cur = dict_getitem_knownhash(h, a, key, hash);
            if (!cur && h->exc)
                err = -1;
            else if (!cur)
                err = setitem_hash(h, a, key, hash, value);
            else if (override != 0) {
                raise_key_error(h, key);
                err = -1;
            }
        }
        heap_decref(h, value);
        heap_decref(h, key);
        if (err)
            return -1;
        DictKeys *bk = dict_data(h, b)->keys;
        if (dk_nentries(bk) != orig) {
            heap_raise(h, EXC_RuntimeError, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

/* Merge mapping B (anything with keys() and __getitem__) into A. */
static int merge_mapping(Heap *h, Ref a, Ref b, int override)
{
    Ref keys = obj_getattr_cstr(h, b, "keys");
    if (!keys)
        return -1;
    Ref klist = obj_call(h, keys, NULL, 0, NULLREF);
    heap_decref(h, keys);
    if (!klist)
        return -1;
    Ref it = obj_iter(h, klist);
    heap_decref(h, klist);
    if (!it)
        return -1;
    Ref key;
    int rc = 0;
    while (rc == 0 && (key = obj_next(h, it)) != 0) {
        if (override != 1) {
            int has = dict_contains(h, a, key);
            if (has != 0) {
                if (has > 0 && override != 0)
                    raise_key_error(h, key);
                if (has < 0 || override != 0)
                    rc = -1;
                heap_decref(h, key);
                continue;
            }
        }
        Ref value = obj_getitem(h, b, key);
        rc = value ? dict_setitem(h, a, key, value) : -1;
        heap_decref(h, value);
        heap_decref(h, key);
    }
    heap_decref(h, it);
    return rc == 0 && h->exc ? -1 : rc;
}

/* PyDict_Merge(d, other, override). */
int dict_merge(Heap *h, Ref d, Ref other, int override)
{
    if (dict_check(h, other) && heap_ops(h, other)->iter == dict_ops.iter)
        return merge_dict(h, d, other, override);
    return merge_mapping(h, d, other, override);
}

/* Store one (key, value) pair ITEM of PyDict_MergeFromSeq2. */
static int merge_pair(Heap *h, Ref d, Ref item, size_t i)
{
    Ref fast;
    if (heap_kind(h, item) == K_TUPLE || heap_kind(h, item) == K_LIST) {
        fast = heap_newref(h, item);
    } else if ((fast = obj_to_list(h, item)) == 0) {
        if (heap_exc_matches(h, EXC_TypeError)) {
            heap_clear_exc(h);
            heap_raise(h, EXC_TypeError, "cannot convert dictionary update "
                       "sequence element #%zu to a sequence", i);
        }
        return -1;
    }
    bool tuple = heap_kind(h, fast) == K_TUPLE;
    size_t n = tuple ? tuple_size(h, fast) : list_size(h, fast);
    if (n != 2) {
        heap_decref(h, fast);
        heap_raise(h, EXC_ValueError, "dictionary update sequence element #%zu "
                   "has length %zu; 2 is required", i, n);
        return -1;
    }
    const Ref *kv = tuple ? tuple_items(h, fast) : list_items(h, fast);
    Ref key = heap_newref(h, kv[0]), value = heap_newref(h, kv[1]);
    heap_decref(h, fast);
    int rc = dict_setitem(h, d, key, value);
    heap_decref(h, key);
    heap_decref(h, value);
    return rc;
}

/* PyDict_MergeFromSeq2(d, seq, 1). */
static int merge_seq2(Heap *h, Ref d, Ref seq)
{
    Ref it = obj_iter(h, seq);
    if (!it)
        return -1;
    Ref item;
    size_t i = 0;
    int rc = 0;
    while (rc == 0 && (item = obj_next(h, it)) != 0) {
        rc = merge_pair(h, d, item, i++);
        heap_decref(h, item);
    }
    heap_decref(h, it);
    return rc == 0 && h->exc ? -1 : rc;
}

/* True when O has a keys attribute (a mapping for dict_update_arg). */
static bool has_keys_attr(Heap *h, Ref o)
{
    Ref k = obj_getattr_cstr(h, o, "keys");
    if (k) {
        heap_decref(h, k);
        return true;
    }
    if (heap_exc_matches(h, EXC_AttributeError))
        heap_clear_exc(h);
    return false;
}

/* d.update(other) (dict_update_arg). */
int dict_update(Heap *h, Ref d, Ref other)
{
    if (dict_check(h, other) && dict_exact(h, other))
        return dict_merge(h, d, other, 1);
    if (has_keys_attr(h, other))
        return dict_merge(h, d, other, 1);
    if (h->exc)
        return -1;
    return merge_seq2(h, d, other);
}

/* Store keyword arguments: d[kwnames[i]] = values[i]. */
int dict_merge_kwargs(Heap *h, Ref d, const Ref *values, Ref kwnames)
{
    size_t n = kwnames ? tuple_size(h, kwnames) : 0;
    for (size_t i = 0; i < n; i++)
        if (dict_setitem(h, d, tuple_items(h, kwnames)[i], values[i]) < 0)
            return -1;
    return 0;
}

/* d.setdefault(key, dflt): BORROWED result, or 0 on error. */
Ref dict_setdefault(Heap *h, Ref d, Ref key, Ref dflt)
{
    int64_t hash;
    if (key_hash(h, key, &hash) < 0)
        return NULLREF;
    Ref v = dict_getitem_knownhash(h, d, key, hash);
    if (v || h->exc)
        return v;
    if (setitem_hash(h, d, key, hash, dflt) < 0)
        return NULLREF;
    return dflt;
}

/* A new list of d's keys (PyDict_Keys). */
Ref dict_keys_list(Heap *h, Ref d)
{
    Ref l = list_new(h, 0);
    size_t pos = 0;
    Ref k;
    while (l && dict_next(h, d, &pos, &k, NULL)) {
        if (list_append(h, l, k) < 0) {
            heap_decref(h, l);
            return NULLREF;
        }
    }
    return l;
}

/* ================================================================
 * Free lists
 * ================================================================ */

/* Release the dict and keys free lists (full collections). */
void dict_clear_freelists(Heap *h)
{
    uint64_t block;
    while ((block = heap_freelist_pop(&h->fl_dict)) != 0) {
        heap_mem_free(h, block);
        gc_on_free(h);
    }
    while ((block = heap_freelist_pop(&h->fl_dictkeys)) != 0)
        heap_mem_free(h, block);
}

/* ================================================================
 * Type slots
 * ================================================================ */

/* sys.getsizeof(d): _PyDict_SizeOf plus the GC header. */
static size_t dict_sizeof(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    size_t size = h->prof->dict_base;
    DictKeys *k = dd->keys;
    if (dd->values && k) {
        size_t slots = h->prof->dict_shared_keys_max ? (size_t)(k->nentries + k->usable)
                                                     : USABLE(dk_size(k));
        size += 8 * slots;
    }
    if (k && k->refcnt == 1)
        size += k->nbytes;
    return size;
}

/* True when D is the dict that visits its shared keys' key strings. */
static bool visits_shared_keys(const DictKeys *k, Ref d)
{
    return k && !k->owner && k->nsharers && k->sharers[0] == d;
}

/* Visit the key strings of shared keys K. */
static void visit_shared_keys(Heap *h, DictKeys *k, VisitFn visit, void *arg)
{
    for (int64_t i = 0; i < k->nentries; i++)
        if (k->entries[i].key)
            visit(h, k->entries[i].key, arg);
}

/* Visit every reference D owns. */
static void dict_traverse(Heap *h, Ref d, VisitFn visit, void *arg)
{
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    if (!k)
        return;
    if (dd->values) {
        for (size_t i = 0; i < dd->values->capacity; i++)
            if (dd->values->values[i])
                visit(h, dd->values->values[i], arg);
        if (visits_shared_keys(k, d))
            visit_shared_keys(h, k, visit, arg);
        return;
    }
    for (int64_t i = 0; i < k->nentries; i++) {
        if (k->entries[i].value) {
            visit(h, k->entries[i].key, arg);
            visit(h, k->entries[i].value, arg);
        }
    }
}

/* True when split table V lives inline in its 3.13 instance. */
static bool values_embedded(const Heap *h, const DictValues *v)
{
    return v && !v->addr && h->prof->dict_values_inline;
}

/* dict_traverse as the collector sees it: each value then its key, only the
 * values of str-keyed and split tables, nothing for values embedded in an
 * instance (the instance reports them). */
static void dict_gc_traverse(Heap *h, Ref d, VisitFn visit, void *arg)
{
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    if (!k || values_embedded(h, dd->values))
        return;
    if (dd->values) {
        for (size_t i = 0; i < dd->values->capacity; i++)
            if (dd->values->values[i])
                visit(h, dd->values->values[i], arg);
        return;
    }
    bool unicode = dk_is_unicode(k);
    for (int64_t i = 0; i < k->nentries; i++) {
        if (k->entries[i].value) {
            visit(h, k->entries[i].value, arg);
            if (!unicode)
                visit(h, k->entries[i].key, arg);
        }
    }
}

/* True when D reports its keys object as its own block: a combined
 * table, or the first sharer of keys no class holds any more. */
static bool owns_keys_block(const DictData *dd, Ref d)
{
    return dd->keys && (!dd->values || visits_shared_keys(dd->keys, d));
}

/* The blocks D owns: its keys object (ma_keys) and a split table's values
 * array when it is not embedded in an instance (ma_values). */
static void dict_blocks(Heap *h, Ref d, BlockVisitFn visit, void *arg)
{
    DictData *dd = dict_data(h, d);
    if (!dd)
        return;
    if (owns_keys_block(dd, d))
        visit(h, d, dd->keys->addr, "ma_keys", arg);
    if (dd->values && dd->values->addr)
        visit(h, d, dd->values->addr, "ma_values", arg);
}

/* tp_clear: drop the table. */
static void dict_tp_clear(Heap *h, Ref d)
{
    dict_clear(h, d);
}

/* Drop a host reference to K without touching simulated objects. */
static void keys_forget(DictKeys *k)
{
    if (!k || --k->refcnt > 0)
        return;
    free(k->indices);
    free(k->entries);
    free(k->sharers);
    free(k);
}

/* Free a dict's host payload (heap teardown). */
static void dict_release(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    if (!dd)
        return;
    if (dd->values) {
        free(dd->values->values);
        free(dd->values->order);
        free(dd->values);
    }
    keys_forget(dd->keys);
    free(dd);
    h->objs[d].v.p = NULL;
}

/* A copy of K's host data (indices, entries, sharers) for heap_clone. */
static DictKeys *keys_copy(const DictKeys *k)
{
    DictKeys *c = clone_memdup(k, sizeof *k);
    c->indices = clone_memdup(k->indices, dk_size(k) * sizeof *k->indices);
    c->entries = clone_memdup(k->entries, (k->nalloc ? k->nalloc : 1) * sizeof *k->entries);
    c->sharers = clone_memdup(k->sharers, k->capsharers * sizeof *k->sharers);
    return c;
}

/* The clone's copy of KEYS: keys held by several objects (dk_refcnt > 1)
 * are copied once per clone, so the copies share them the same way. */
DictKeys *dict_keys_clone(const DictKeys *keys, CloneMap *map)
{
    if (!keys)
        return NULL;
    if (keys->refcnt == 1)
        return keys_copy(keys);
    DictKeys *c = clone_map_lookup(map, keys);
    if (!c) {
        c = keys_copy(keys);
        clone_map_insert(map, keys, c);
    }
    return c;
}

/* A copy of values array V (which has one owner), or NULL. */
static DictValues *values_copy(const DictValues *v)
{
    if (!v)
        return NULL;
    DictValues *c = clone_memdup(v, sizeof *v);
    size_t cap = v->capacity ? v->capacity : 1;
    c->values = clone_memdup(v->values, cap * sizeof *v->values);
    c->order = clone_memdup(v->order, cap);
    return c;
}

/* heap_clone: copy the instance's storage INST into *OUT. */
void dict_inst_clone(const InstDict *inst, InstDict *out)
{
    out->dict = inst->dict;
    out->values = values_copy(inst->values);
}

/* Copy a dict's payload for heap_clone. */
static void dict_clone(const Heap *src, Heap *dst, Ref d, CloneMap *map)
{
    const DictData *dd = dict_data(src, d);
    if (!dd)
        return;
    DictData *c = clone_memdup(dd, sizeof *dd);
    c->keys = dict_keys_clone(dd->keys, map);
    c->values = values_copy(dd->values);
    dst->objs[d].v.p = c;
}

/* Deallocate a dict: values/keys forward, then the free list or GC del. */
static void dict_dealloc(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    DictKeys *k = dd->keys;
    DictValues *v = dd->values;
    dd->keys = NULL;
    dd->values = NULL;
    dd->used = 0;
    drop_table(h, d, k, v);
    free(dict_data(h, d));
    h->objs[d].v.p = NULL;
    uint64_t block = h->objs[d].addr - gch(h);
    if (dict_exact(h, d) && heap_freelist_push(&h->fl_dict, block))
        heap_free_slot(h, d);
    else
        heap_free_object(h, d, gch(h), true);
}

/* Append repr(o) to B, holding a reference while Python code runs. */
static bool repr_into_held(Heap *h, Ref o, StrBuf *b)
{
    heap_incref(h, o);
    bool ok = obj_repr_into(h, o, b);
    heap_decref(h, o);
    return ok;
}

/* repr(d): {k: v, ...}, {...} when recursive. */
static Ref dict_repr(Heap *h, Ref d)
{
    if (heap_repr_enter(h, d))
        return str_from_cstr(h, "{...}");
    StrBuf b = {0};
    strbuf_putc(&b, '{');
    size_t pos = 0;
    Ref k, v;
    bool ok = true, first = true;
    while (ok && dict_next(h, d, &pos, &k, &v)) {
        if (!first)
            strbuf_puts(&b, ", ");
        first = false;
        heap_incref(h, v);
        ok = repr_into_held(h, k, &b);
        if (ok)
            strbuf_puts(&b, ": ");
        ok = ok && obj_repr_into(h, v, &b);
        heap_decref(h, v);
    }
    heap_repr_leave(h, d);
    strbuf_putc(&b, '}');
    Ref s = ok ? str_from_utf8(h, b.data, b.len) : NULLREF;
    strbuf_free(&b);
    return s;
}

/* dict_equal: 1, 0 or -1. */
static int dict_equal(Heap *h, Ref a, Ref b)
{
    if (dict_size(h, a) != dict_size(h, b))
        return 0;
    for (int64_t i = 0;; i++) {
        DictData *ad = dict_data(h, a);
        if (!ad->keys || i >= ad->keys->nentries)
            return 1;
        Ref aval = entry_value(ad, i);
        if (!aval)
            continue;
        Ref key = ad->keys->entries[i].key;
        heap_incref(h, aval);
        heap_incref(h, key);
        Ref bval;
        int64_t ix = lookup(h, b, key, ad->keys->entries[i].hash, &bval);
        int cmp = ix == DKIX_ERROR ? -1 : 0;
        if (bval) {
            heap_incref(h, bval);
            cmp = obj_richcompare_bool(h, aval, bval, CMP_EQ);
            heap_decref(h, bval);
        }
        heap_decref(h, key);
        heap_decref(h, aval);
        if (cmp <= 0)
            return cmp;
    }
}

/* The bool object for C. */
static Ref bool_ref(Heap *h, int c) { return heap_newref(h, c ? h->true_ : h->false_); }

/* d == other, d != other; NotImplemented otherwise. */
static Ref dict_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!dict_check(h, b) || (op != CMP_EQ && op != CMP_NE))
        return heap_newref(h, h->notimpl);
    int cmp = dict_equal(h, a, b);
    if (cmp < 0)
        return NULLREF;
    return bool_ref(h, (cmp == 1) == (op == CMP_EQ));
}

/* len(d). */
static int dict_len(Heap *h, Ref d, size_t *out)
{
    *out = dict_size(h, d);
    return 0;
}

/* d[key]: KeyError(key) when missing. */
static Ref dict_subscript(Heap *h, Ref d, Ref key)
{
    Ref v = dict_getitem(h, d, key);
    if (v)
        return heap_newref(h, v);
    if (!h->exc)
        raise_key_error(h, key);
    return NULLREF;
}

/* d[key] = value, or del d[key] when VALUE is 0. */
static int dict_ass_sub(Heap *h, Ref d, Ref key, Ref value)
{
    return value ? dict_setitem(h, d, key, value) : dict_delitem(h, d, key);
}

/* key in d. */
static int dict_sq_contains(Heap *h, Ref d, Ref key)
{
    return dict_contains(h, d, key);
}

/* bool(d). */
static int dict_truth(Heap *h, Ref d)
{
    return dict_size(h, d) != 0;
}

static Ref dictiter_new(Heap *h, Ref d, int what, bool reversed);

/* iter(d): a key iterator. */
static Ref dict_iter(Heap *h, Ref d)
{
    return dictiter_new(h, d, DI_KEYS, false);
}

/* d | other (3.9+). */
static Ref dict_or(Heap *h, Ref a, Ref b)
{
    if (!h->prof->dict_or_operator || !dict_check(h, a) || !dict_check(h, b))
        return heap_newref(h, h->notimpl);
    Ref n = dict_copy(h, a);
    if (n && dict_update(h, n, b) < 0) {
        heap_decref(h, n);
        return NULLREF;
    }
    return n;
}

/* d |= other (3.9+). */
static Ref dict_ior(Heap *h, Ref a, Ref b)
{
    if (!h->prof->dict_or_operator)
        return heap_newref(h, h->notimpl);
    if (dict_update(h, a, b) < 0)
        return NULLREF;
    return heap_newref(h, a);
}

/* dict_new (tp_new): tp_alloc, plus 3.8's 8-slot keys object. */
static Ref dict_alloc_for_type(Heap *h, Ref type)
{
    Ref d = alloc_dict_nofreelist(h, type);
    if (!d)
        return NULLREF;
    if (type != dict_type(h))
        gc_track(h, d);
    if (h->prof->dict_new_min_keys) {
        DictKeys *k = keys_new(h, LOG2_MINSIZE, DK_UNICODE);
        if (!k) {
            heap_decref(h, d);
            return NULLREF;
        }
        dict_data(h, d)->keys = k;
    }
    return d;
}

/* 3.8's type_call: the positional tuple and the presized kwargs dict the
 * call machinery builds before dict_new runs. */
static Ref legacy_kwargs(Heap *h, const Ref *args, size_t nargs, Ref kwnames, Ref *argtuple)
{
    *argtuple = nargs ? tuple_from_array(h, args, nargs) : NULLREF;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    if (!nkw)
        return NULLREF;
    Ref kw = dict_new_presized(h, nkw);
    if (kw && dict_merge_kwargs(h, kw, args + nargs, kwnames) < 0) {
        heap_decref(h, kw);
        return NULLREF;
    }
    return kw;
}

/* dict(...): from a mapping or pairs, plus keyword arguments. */
static Ref dict_tp_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    if (nargs > 1)
        return heap_raise(h, EXC_TypeError, "dict expected at most 1 argument, got %zu", nargs);
    Ref argtuple = 0, kw = 0;
    if (!h->prof->dict_vectorcall)
        kw = legacy_kwargs(h, args, nargs, kwnames, &argtuple);
    Ref d = h->exc ? NULLREF : dict_alloc_for_type(h, type);
    int rc = d ? 0 : -1;
    if (rc == 0 && nargs == 1)
        rc = dict_update(h, d, args[0]);
    if (rc == 0 && kw)
        rc = dict_merge(h, d, kw, 1);
    else if (rc == 0 && kwnames && h->prof->dict_vectorcall)
        rc = dict_merge_kwargs(h, d, args + nargs, kwnames);
    heap_decref(h, kw);
    heap_decref(h, argtuple);
    if (rc < 0) {
        heap_decref(h, d);
        return NULLREF;
    }
    return d;
}

/* ================================================================
 * Methods
 * ================================================================ */

/* The method name as error messages spell it (3.10+: "dict.popitem"). */
static const char *mname(Heap *h, const char *qual)
{
    return h->prof->method_qualname_errors ? qual : strchr(qual, '.') + 1;
}

/* d.get(key[, default]). */
static Ref m_get(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, "get", nargs, kw, 1, 2))
        return NULLREF;
    Ref v = dict_getitem(h, self, args[0]);
    if (!v && h->exc)
        return NULLREF;
    return heap_newref(h, v ? v : nargs == 2 ? args[1] : h->none);
}

/* d.setdefault(key[, default]). */
static Ref m_setdefault(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, "setdefault", nargs, kw, 1, 2))
        return NULLREF;
    Ref v = dict_setdefault(h, self, args[0], nargs == 2 ? args[1] : h->none);
    return v ? heap_newref(h, v) : NULLREF;
}

/* d.pop(key[, default]). */
static Ref m_pop(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, "pop", nargs, kw, 1, 2))
        return NULLREF;
    return dict_pop(h, self, args[0], nargs == 2 ? args[1] : NULLREF);
}

/* Convert a 3.8 split table before popitem. */
static int popitem_prepare(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    if (!dd->values)
        return 0;
    return dictresize(h, d, dd->keys->log2_size, true);
}

/* d.popitem(): the last item, LIFO. */
static Ref m_popitem(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.popitem"), nargs, kw, 0, 0))
        return NULLREF;
    Ref res = tuple_new(h, 2);
    if (!res)
        return NULLREF;
    if (dict_size(h, self) == 0) {
        heap_decref(h, res);
        return heap_raise(h, EXC_KeyError, "popitem(): dictionary is empty");
    }
    if (popitem_prepare(h, self) < 0) {
        heap_decref(h, res);
        return NULLREF;
    }
    DictData *dd = dict_data(h, self);
    DictKeys *k = dd->keys;
    int64_t i = k->nentries - 1;
    while (i >= 0 && !k->entries[i].value)
        i--;
    k->indices[lookup_index(k, k->entries[i].hash, i)] = DKIX_DUMMY;
    tuple_set_item(h, res, 0, k->entries[i].key);
    tuple_set_item(h, res, 1, k->entries[i].value);
    k->entries[i].key = k->entries[i].value = 0;
    k->entries[i].hash = 0;
    k->nentries = i;
    dd->used--;
    return res;
}

/* d.keys() / d.values() / d.items(). */
static Ref dictview_new(Heap *h, Ref d, int what);

/* d.keys(). */
static Ref m_keys(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.keys"), nargs, kw, 0, 0))
        return NULLREF;
    return dictview_new(h, self, DI_KEYS);
}

/* d.values(). */
static Ref m_values(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.values"), nargs, kw, 0, 0))
        return NULLREF;
    return dictview_new(h, self, DI_VALUES);
}

/* d.items(). */
static Ref m_items(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.items"), nargs, kw, 0, 0))
        return NULLREF;
    return dictview_new(h, self, DI_ITEMS);
}

/* d.update([other], **kw). */
static Ref m_update(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (nargs > 1)
        return heap_raise(h, EXC_TypeError, "update expected at most 1 argument, got %zu",
                          nargs);
    if (nargs == 1 && dict_update(h, self, args[0]) < 0)
        return NULLREF;
    if (kw && dict_merge_kwargs(h, self, args + nargs, kw) < 0)
        return NULLREF;
    return heap_newref(h, h->none);
}

/* d.clear(). */
static Ref m_clear(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.clear"), nargs, kw, 0, 0))
        return NULLREF;
    dict_clear(h, self);
    return heap_newref(h, h->none);
}

/* d.copy(). */
static Ref m_copy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.copy"), nargs, kw, 0, 0))
        return NULLREF;
    return dict_copy(h, self);
}

/* Fill empty exact dict D from dict or set SRC with VALUE (fromkeys'
 * presized paths). */
static int fromkeys_fast(Heap *h, Ref d, Ref src, Ref value)
{
    bool from_dict = dict_check(h, src);
    size_t n = from_dict ? dict_size(h, src) : set_size(h, src);
    bool unicode = from_dict && dk_is_unicode(dict_data(h, src)->keys);
    if (dictresize(h, d, estimate_log2(h, n), unicode) < 0)
        return -1;
    size_t pos = 0;
    Ref key;
    int64_t hash;
    while (from_dict ? dict_next_hash(h, src, &pos, &key, NULL, &hash)
                     : set_next_hash(h, src, &pos, &key, &hash))
        if (setitem_hash(h, d, key, hash, value) < 0)
            return -1;
    return 0;
}

/* Fill D from any iterable with VALUE. */
static int fromkeys_iter(Heap *h, Ref d, Ref iterable, Ref value)
{
    Ref it = obj_iter(h, iterable);
    if (!it)
        return -1;
    Ref key;
    int rc = 0;
    while (rc == 0 && (key = obj_next(h, it)) != 0) {
        rc = dict_check(h, d) ? dict_setitem(h, d, key, value) : obj_setitem(h, d, key, value);
        heap_decref(h, key);
    }
    heap_decref(h, it);
    return rc == 0 && h->exc ? -1 : rc;
}

/* dict.fromkeys(iterable[, value]) (a classmethod: SELF is the class or a
 * dict). */
static Ref m_fromkeys(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, "fromkeys", nargs, kw, 1, 2))
        return NULLREF;
    Ref cls = heap_kind(h, self) == K_TYPE ? self : heap_type(h, self);
    Ref value = nargs == 2 ? args[1] : h->none;
    Ref d = obj_call(h, cls, NULL, 0, NULLREF);
    if (!d)
        return NULLREF;
    Ref src = args[0];
    bool fast = dict_check(h, d) && dict_exact(h, d) && dict_size(h, d) == 0
                && ((dict_check(h, src) && dict_exact(h, src))
                    || (anyset_check(h, src)
                        && (heap_type(h, src) == h->type_of_kind[K_SET]
                            || heap_type(h, src) == h->type_of_kind[K_FROZENSET])));
    int rc = fast ? fromkeys_fast(h, d, src, value) : fromkeys_iter(h, d, src, value);
    if (rc < 0) {
        heap_decref(h, d);
        return NULLREF;
    }
    return d;
}

/* d.__contains__(key). */
static Ref m_contains(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, mname(h, "dict.__contains__"), nargs, kw, 1, 1))
        return NULLREF;
    int rc = dict_contains(h, self, args[0]);
    return rc < 0 ? NULLREF : bool_ref(h, rc);
}

/* d.__getitem__(key). */
static Ref m_getitem(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, mname(h, "dict.__getitem__"), nargs, kw, 1, 1))
        return NULLREF;
    return dict_subscript(h, self, args[0]);
}

/* d.__sizeof__(): getsizeof without the GC header. */
static Ref m_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.__sizeof__"), nargs, kw, 0, 0))
        return NULLREF;
    return int_from_i64(h, (int64_t)(dict_sizeof(h, self) - gch(h)));
}

/* reversed(d). */
static Ref m_reversed(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, mname(h, "dict.__reversed__"), nargs, kw, 0, 0))
        return NULLREF;
    return dictiter_new(h, self, DI_KEYS, true);
}

static const MethodDef dict_methods[] = {
    {"__contains__", m_contains, "True if the dictionary has the specified key, else False."},
    {"__getitem__", m_getitem, "x.__getitem__(y) <==> x[y]"},
    {"__sizeof__", m_sizeof, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"__reversed__", m_reversed, "Return a reverse iterator over the dict keys."},
    {"get", m_get, "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", m_setdefault,
     "Insert key with a value of default if key is not in the dictionary."},
    {"pop", m_pop, "D.pop(k[,d]) -> v, remove specified key and return the corresponding value."},
    {"popitem", m_popitem, "Remove and return a (key, value) pair as a 2-tuple."},
    {"keys", m_keys, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", m_items, "D.items() -> a set-like object providing a view on D's items"},
    {"values", m_values, "D.values() -> an object providing a view on D's values"},
    {"update", m_update, "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F."},
    {"fromkeys", m_fromkeys,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", m_clear, "D.clear() -> None.  Remove all items from D."},
    {"copy", m_copy, "D.copy() -> a shallow copy of D"},
    {NULL, NULL, NULL},
};

const TypeOps dict_ops = {
    .name = "dict",
    .gc = 1,
    .basetype = 1,
    .sizeof_ = dict_sizeof,
    .dealloc = dict_dealloc,
    .traverse = dict_traverse,
    .gc_traverse = dict_gc_traverse,
    .clear = dict_tp_clear,
    .release = dict_release,
    .clone = dict_clone,
    .blocks = dict_blocks,
    .repr = dict_repr,
    .richcompare = dict_richcompare,
    .binop = {[OP_OR] = dict_or},
    .inplace = {[OP_OR] = dict_ior},
    .truth = dict_truth,
    .len = dict_len,
    .getitem = dict_subscript,
    .setitem = dict_ass_sub,
    .contains = dict_sq_contains,
    .iter = dict_iter,
    .new_ = dict_tp_new,
    .methods = dict_methods,
};

/* ================================================================
 * Iterators (dict_keyiterator, dict_valueiterator, dict_itemiterator
 * and their reversed forms)
 * ================================================================ */

/* The DictIterData of iterator I. */
static DictIterData *iter_data(const Heap *h, Ref i) { return (DictIterData *)h->objs[i].v.p; }

static size_t dictiter_sizeof(Heap *h, Ref it);

/* dictiter_new: a tracked 72-byte iterator; item iterators pre-build the
 * (None, None) result tuple they recycle. */
static Ref dictiter_new(Heap *h, Ref d, int what, bool reversed)
{
    Ref it = heap_alloc_object(h, K_DICTITER, h->type_of_kind[K_DICTITER],
                               dictiter_sizeof(h, 0), gch(h), true);
    if (!it)
        return NULLREF;
    DictIterData *di = xcalloc(1, sizeof *di);
    DictData *dd = dict_data(h, d);
    di->dict = heap_newref(h, d);
    di->used = (int64_t)dd->used;
    di->len = (int64_t)dd->used;
    di->what = (uint8_t)what;
    di->reversed = reversed;
    if (reversed)
        di->pos = dd->values ? (int64_t)dd->used - 1 : dk_nentries(dd->keys) - 1;
    h->objs[it].v.p = di;
    if (what == DI_ITEMS) {
        di->result = tuple_pack(h, 2, h->none, h->none);
        if (!di->result) {
            heap_decref(h, it);
            return NULLREF;
        }
    }
    gc_track(h, it);
    return it;
}

/* Find the next entry index for iterator DI over DD, advancing di->pos;
 * -1 at the end. */
static int64_t iter_advance(const Heap *h, DictIterData *di, const DictData *dd)
{
    const DictKeys *k = dd->keys;
    int64_t i = di->pos;
    if (!k)
        return -1;
    if (dd->values) {
        if (i < 0 || i >= (int64_t)dd->used)
            return -1;
        di->pos = di->reversed ? i - 1 : i + 1;
        return split_index(h, dd, (size_t)i);
    }
    if (di->reversed) {
        while (i >= 0 && !k->entries[i].value)
            i--;
        if (i < 0)
            return -1;
        di->pos = i - 1;
        return i;
    }
    while (i < k->nentries && !k->entries[i].value)
        i++;
    if (i >= k->nentries)
        return -1;
    di->pos = i + 1;
    return i;
}

/* The exhausted state: drop the dict. */
static Ref iter_finish(Heap *h, DictIterData *di)
{
    Ref d = di->dict;
    di->dict = 0;
    heap_decref(h, d);
    return NULLREF;
}

/* Build the (key, value) result, recycling di->result when unshared. */
static Ref item_result(Heap *h, DictIterData *di, Ref key, Ref value)
{
    Ref res = di->result;
    if (h->objs[res].refcnt == 1) {
        Ref *items = tuple_items(h, res);
        Ref oldk = items[0], oldv = items[1];
        items[0] = heap_newref(h, key);
        items[1] = heap_newref(h, value);
        heap_incref(h, res);
        heap_decref(h, oldk);
        heap_decref(h, oldv);
        if (!gc_is_tracked(h, res))
            gc_track(h, res);
        return res;
    }
    return tuple_pack(h, 2, key, value);
}

/* next(it). */
static Ref dictiter_next(Heap *h, Ref it)
{
    DictIterData *di = iter_data(h, it);
    Ref d = di->dict;
    if (!d)
        return NULLREF;
    DictData *dd = dict_data(h, d);
    if (di->used != (int64_t)dd->used) {
        di->used = -1;
        return heap_raise(h, EXC_RuntimeError, "dictionary changed size during iteration");
    }
    int64_t ix = iter_advance(h, di, dd);
    if (ix < 0)
        return iter_finish(h, di);
    if (di->len == 0) {
        heap_raise(h, EXC_RuntimeError, "dictionary keys changed during iteration");
        return iter_finish(h, di);
    }
    di->len--;
    Ref key = dd->keys->entries[ix].key, value = entry_value(dd, ix);
    if (di->what == DI_KEYS)
        return heap_newref(h, key);
    if (di->what == DI_VALUES)
        return heap_newref(h, value);
    return item_result(h, di, key, value);
}

/* iter(it) is it. */
static Ref dictiter_iter(Heap *h, Ref it)
{
    return heap_newref(h, it);
}

/* Visit the iterator's dict and result tuple. */
static void dictiter_traverse(Heap *h, Ref it, VisitFn visit, void *arg)
{
    DictIterData *di = iter_data(h, it);
    if (di->dict)
        visit(h, di->dict, arg);
    if (di->result)
        visit(h, di->result, arg);
}

/* Free the iterator's host payload. */
static void dictiter_release(Heap *h, Ref it)
{
    free(iter_data(h, it));
    h->objs[it].v.p = NULL;
}

/* Copy the iterator's payload for heap_clone. */
static void dictiter_clone(const Heap *src, Heap *dst, Ref it, CloneMap *map)
{
    (void)map;
    dst->objs[it].v.p = clone_memdup(iter_data(src, it), sizeof(DictIterData));
}

/* Deallocate an iterator: dict, then result tuple. */
static void dictiter_dealloc(Heap *h, Ref it)
{
    DictIterData *di = iter_data(h, it);
    Ref d = di->dict, res = di->result;
    di->dict = di->result = 0;
    heap_decref(h, d);
    heap_decref(h, res);
    dictiter_release(h, it);
    heap_free_object(h, it, gch(h), true);
}

/* The iterator's type name. */
static const char *dictiter_name(const DictIterData *di)
{
    static const char *const fwd[] = {"dict_keyiterator", "dict_valueiterator",
                                      "dict_itemiterator"};
    static const char *const rev[] = {"dict_reversekeyiterator", "dict_reversevalueiterator",
                                      "dict_reverseitemiterator"};
    return di->reversed ? rev[di->what] : fwd[di->what];
}

/* repr(it): <dict_keyiterator object at 0x...>. */
static Ref dictiter_repr(Heap *h, Ref it)
{
    StrBuf b = {0};
    strbuf_printf(&b, "<%s object at 0x%llx>", dictiter_name(iter_data(h, it)),
                  (unsigned long long)h->objs[it].addr);
    Ref s = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return s;
}

/* it.__length_hint__(). */
static Ref m_iter_len(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, "__length_hint__", nargs, kw, 0, 0))
        return NULLREF;
    DictIterData *di = iter_data(h, self);
    int64_t n = di->dict && di->used == (int64_t)dict_size(h, di->dict) ? di->len : 0;
    return int_from_i64(h, n);
}

static const MethodDef dictiter_methods[] = {
    {"__length_hint__", m_iter_len, "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, NULL},
};

/* sys.getsizeof(it): dictiterobject plus the GC header. */
static size_t dictiter_sizeof(Heap *h, Ref it)
{
    (void)it;
    return gch(h) + 56;
}

const TypeOps dictiter_ops = {
    .name = "dict_keyiterator",
    .gc = 1,
    .sizeof_ = dictiter_sizeof,
    .dealloc = dictiter_dealloc,
    .traverse = dictiter_traverse,
    .release = dictiter_release,
    .clone = dictiter_clone,
    .repr = dictiter_repr,
    .iter = dictiter_iter,
    .iternext = dictiter_next,
    .methods = dictiter_methods,
};

/* ================================================================
 * Views (dict_keys, dict_values, dict_items)
 * ================================================================ */

/* The DictViewData of view V. */
static DictViewData *view_data(const Heap *h, Ref v) { return (DictViewData *)h->objs[v].v.p; }

static size_t dictview_sizeof(Heap *h, Ref v);

/* dictview_new: a tracked 40-byte view of D. */
static Ref dictview_new(Heap *h, Ref d, int what)
{
    Ref v = heap_alloc_object(h, K_DICTVIEW, h->type_of_kind[K_DICTVIEW],
                              dictview_sizeof(h, 0), gch(h), true);
    if (!v)
        return NULLREF;
    DictViewData *dv = xcalloc(1, sizeof *dv);
    dv->dict = heap_newref(h, d);
    dv->what = (uint8_t)what;
    h->objs[v].v.p = dv;
    gc_track(h, v);
    return v;
}

/* True when R is a keys or items view (PyDictViewSet_Check). */
static bool is_setlike_view(const Heap *h, Ref r)
{
    return h->objs[r].kind == K_DICTVIEW && view_data(h, r)->what != DI_VALUES;
}

/* len(view). */
static int dictview_len(Heap *h, Ref v, size_t *out)
{
    *out = dict_size(h, view_data(h, v)->dict);
    return 0;
}

/* iter(view). */
static Ref dictview_iter(Heap *h, Ref v)
{
    return dictiter_new(h, view_data(h, v)->dict, view_data(h, v)->what, false);
}

/* (key, value) in items view: the key's value compared with VALUE. */
static int items_contains(Heap *h, Ref d, Ref item)
{
    if (heap_kind(h, item) != K_TUPLE || tuple_size(h, item) != 2)
        return 0;
    Ref key = tuple_items(h, item)[0], value = tuple_items(h, item)[1];
    Ref found = dict_getitem(h, d, key);
    if (!found)
        return h->exc ? -1 : 0;
    heap_incref(h, found);
    int rc = obj_richcompare_bool(h, found, value, CMP_EQ);
    heap_decref(h, found);
    return rc;
}

/* x in view. */
static int dictview_contains(Heap *h, Ref v, Ref x)
{
    DictViewData *dv = view_data(h, v);
    if (dv->what == DI_KEYS)
        return dict_contains(h, dv->dict, x);
    if (dv->what == DI_ITEMS)
        return items_contains(h, dv->dict, x);
    size_t pos = 0;
    Ref val;
    while (dict_next(h, dv->dict, &pos, NULL, &val)) {
        heap_incref(h, val);
        int rc = obj_richcompare_bool(h, val, x, CMP_EQ);
        heap_decref(h, val);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The view's type name. */
static const char *view_name(int what)
{
    static const char *const names[] = {"dict_keys", "dict_values", "dict_items"};
    return names[what];
}

/* repr(view): dict_keys([...]). */
static Ref dictview_repr(Heap *h, Ref v)
{
    if (heap_repr_enter(h, v))
        return str_from_cstr(h, "...");
    StrBuf b = {0};
    Ref seq = obj_to_list(h, v);
    bool ok = seq != 0;
    if (ok) {
        strbuf_printf(&b, "%s(", view_name(view_data(h, v)->what));
        ok = obj_repr_into(h, seq, &b);
        strbuf_putc(&b, ')');
        heap_decref(h, seq);
    }
    heap_repr_leave(h, v);
    Ref s = ok ? str_from_utf8(h, b.data, b.len) : NULLREF;
    strbuf_free(&b);
    return s;
}

/* all_contained_in(self, other): every item of A is in B. */
static int all_contained_in(Heap *h, Ref a, Ref b)
{
    Ref it = obj_iter(h, a);
    if (!it)
        return -1;
    int ok = 1;
    Ref x;
    while (ok == 1 && (x = obj_next(h, it)) != 0) {
        ok = obj_contains(h, b, x);
        heap_decref(h, x);
    }
    heap_decref(h, it);
    return h->exc ? -1 : ok;
}

/* Rich comparison of a set-like view with a set or view. */
static Ref dictview_richcompare(Heap *h, Ref a, Ref b, int op)
{
    if (!is_setlike_view(h, a) || (!anyset_check(h, b) && !is_setlike_view(h, b)))
        return heap_newref(h, h->notimpl);
    size_t la, lb;
    if (obj_len(h, a, &la) < 0 || obj_len(h, b, &lb) < 0)
        return NULLREF;
    int ok = 0;
    switch (op) {
    case CMP_EQ: case CMP_NE:
        ok = la == lb ? all_contained_in(h, a, b) : 0;
        break;
    case CMP_LT: ok = la < lb ? all_contained_in(h, a, b) : 0; break;
    case CMP_LE: ok = la <= lb ? all_contained_in(h, a, b) : 0; break;
    case CMP_GT: ok = la > lb ? all_contained_in(h, b, a) : 0; break;
    case CMP_GE: ok = la >= lb ? all_contained_in(h, b, a) : 0; break;
    }
    if (ok < 0)
        return NULLREF;
    if (op == CMP_NE)
        ok = !ok;
    return bool_ref(h, ok);
}

/* dictviews_to_set: set(d) for a keys view of an exact dict (3.11+),
 * else set(view). */
static Ref view_to_set(Heap *h, Ref v)
{
    if (h->objs[v].kind == K_DICTVIEW && h->prof->dictview_set_fast) {
        DictViewData *dv = view_data(h, v);
        if (dv->what == DI_KEYS && dict_exact(h, dv->dict))
            return set_new(h, dv->dict);
    }
    return set_new(h, v);
}

/* _PyDictView_Intersect (3.11+): iterate the smaller side. */
static Ref view_intersect(Heap *h, Ref self, Ref other)
{
    if (!is_setlike_view(h, self)) {
        Ref t = self;
        self = other;
        other = t;
    }
    size_t lself = dict_size(h, view_data(h, self)->dict), lother;
    if (heap_type(h, other) == h->type_of_kind[K_SET]) {
        if (obj_len(h, other, &lother) < 0)
            return NULLREF;
        if (lself <= lother)
            return set_intersection(h, other, self);
    }
    if (is_setlike_view(h, other) && dict_size(h, view_data(h, other)->dict) > lself) {
        Ref t = self;
        self = other;
        other = t;
    }
    Ref result = set_new(h, 0);
    Ref it = result ? obj_iter(h, other) : NULLREF;
    Ref x;
    int rc = it ? 0 : -1;
    while (rc == 0 && (x = obj_next(h, it)) != 0) {
        rc = dictview_contains(h, self, x);
        rc = rc > 0 ? set_add(h, result, x) : rc;
        heap_decref(h, x);
    }
    heap_decref(h, it);
    if (rc < 0 || h->exc) {
        heap_decref(h, result);
        return NULLREF;
    }
    return result;
}

/* A set-like view operator: set(self) OP= other. */
static Ref view_setop(Heap *h, Ref a, Ref b, BinOp op)
{
    if (!is_setlike_view(h, a) && !is_setlike_view(h, b))
        return heap_newref(h, h->notimpl);
    if (op == OP_AND && h->prof->dictview_set_fast)
        return view_intersect(h, a, b);
    Ref result = view_to_set(h, a);
    if (!result)
        return NULLREF;
    int rc;
    switch (op) {
    case OP_OR: rc = set_update(h, result, b); break;
    case OP_SUB: rc = set_difference_update(h, result, b); break;
    case OP_XOR: rc = set_symmetric_difference_update(h, result, b); break;
    default: rc = set_intersection_update(h, result, b); break;
    }
    if (rc < 0) {
        heap_decref(h, result);
        return NULLREF;
    }
    return result;
}

/* view | other. */
static Ref view_or(Heap *h, Ref a, Ref b) { return view_setop(h, a, b, OP_OR); }
/* view & other. */
static Ref view_and(Heap *h, Ref a, Ref b) { return view_setop(h, a, b, OP_AND); }
/* view - other. */
static Ref view_sub(Heap *h, Ref a, Ref b) { return view_setop(h, a, b, OP_SUB); }
/* view ^ other. */
static Ref view_xor(Heap *h, Ref a, Ref b) { return view_setop(h, a, b, OP_XOR); }

/* view.isdisjoint(iterable). */
static Ref m_isdisjoint(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!arg_check(h, "isdisjoint", nargs, kw, 1, 1))
        return NULLREF;
    Ref it = obj_iter(h, args[0]);
    if (!it)
        return NULLREF;
    int hit = 0;
    Ref x;
    while (hit == 0 && (x = obj_next(h, it)) != 0) {
        hit = dictview_contains(h, self, x);
        heap_decref(h, x);
    }
    heap_decref(h, it);
    if (hit < 0 || h->exc)
        return NULLREF;
    return bool_ref(h, !hit);
}

static const MethodDef dictview_methods[] = {
    {"isdisjoint", m_isdisjoint,
     "Return True if the view and the given iterable have a null intersection."},
    {NULL, NULL, NULL},
};

/* Visit the view's dict. */
static void dictview_traverse(Heap *h, Ref v, VisitFn visit, void *arg)
{
    visit(h, view_data(h, v)->dict, arg);
}

/* Free the view's host payload. */
static void dictview_release(Heap *h, Ref v)
{
    free(view_data(h, v));
    h->objs[v].v.p = NULL;
}

/* Copy the view's payload for heap_clone. */
static void dictview_clone(const Heap *src, Heap *dst, Ref v, CloneMap *map)
{
    (void)map;
    dst->objs[v].v.p = clone_memdup(view_data(src, v), sizeof(DictViewData));
}

/* Deallocate a view. */
static void dictview_dealloc(Heap *h, Ref v)
{
    Ref d = view_data(h, v)->dict;
    dictview_release(h, v);
    heap_decref(h, d);
    heap_free_object(h, v, gch(h), true);
}

/* sys.getsizeof(view): _PyDictViewObject plus the GC header. */
static size_t dictview_sizeof(Heap *h, Ref v)
{
    (void)v;
    return gch(h) + 24;
}

const TypeOps dictview_ops = {
    .name = "dict_keys",
    .gc = 1,
    .sizeof_ = dictview_sizeof,
    .dealloc = dictview_dealloc,
    .traverse = dictview_traverse,
    .release = dictview_release,
    .clone = dictview_clone,
    .repr = dictview_repr,
    .richcompare = dictview_richcompare,
    .binop = {[OP_OR] = view_or, [OP_AND] = view_and, [OP_SUB] = view_sub,
              [OP_XOR] = view_xor},
    .len = dictview_len,
    .contains = dictview_contains,
    .iter = dictview_iter,
    .methods = dictview_methods,
};

/* ================================================================
 * Instance attributes: shared keys and split tables
 * ================================================================ */

/* _PyDict_NewKeysForClass: 3.8 an 8-slot keys object, 3.11+ a 64-slot
 * str-only one limited to SHARED_KEYS_MAX_SIZE entries. */
DictKeys *dict_keys_new_for_class(Heap *h, Ref type)
{
    int max = h->prof->dict_shared_keys_max;
    DictKeys *k = keys_new(h, max ? 6 : LOG2_MINSIZE, max ? DK_SPLIT : DK_UNICODE);
    if (!k)
        return NULL;
    if (max)
        k->usable = max;
    else
        k->kind = DK_SPLIT;
    k->owner = type;
    return k;
}

/* The class drops its reference to its shared keys. */
void dict_keys_release(Heap *h, DictKeys *keys, Ref type)
{
    if (!keys)
        return;
    if (keys->owner == type)
        keys->owner = 0;
    keys_decref(h, keys);
}

/* Visit the shared keys' strings when TYPE is responsible for them. */
void dict_keys_traverse(Heap *h, DictKeys *keys, Ref type, VisitFn visit, void *arg)
{
    if (keys && keys->owner == type)
        visit_shared_keys(h, keys, visit, arg);
}

/* shared_keys_usable_size(keys). */
static size_t shared_usable_size(const DictKeys *k)
{
    return (size_t)(k->nentries + k->usable);
}

/* 3.13's _PyInlineValuesSize. */
size_t dict_inline_size(const Heap *h, const DictKeys *keys)
{
    if (!keys || !h->prof->dict_values_inline)
        return 0;
    size_t size = shared_usable_size(keys);
    return ((size + 7) & ~(size_t)7) + (size + 1) * 8;
}

/* Set up a new instance's storage (3.11+: init_inline_values). */
int dict_inst_init(Heap *h, DictKeys *keys, InstDict *inst, uint64_t inline_addr)
{
    inst->dict = 0;
    inst->values = NULL;
    if (!keys || !h->prof->dict_shared_keys_max)
        return 0;
    if (keys->usable > 1)
        keys->usable--;
    uint64_t embedded = h->prof->dict_values_inline ? (inline_addr ? inline_addr : 1) : 0;
    inst->values = values_new(h, shared_usable_size(keys), embedded);
    return inst->values ? 0 : -1;
}

/* _PyDictKeys_StringLookup in shared keys: the entry index or -1. */
static int64_t shared_lookup(Heap *h, DictKeys *k, Ref name, int64_t hash)
{
    size_t mask = dk_mask(k);
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int64_t ix = k->indices[i];
        if (ix == DKIX_EMPTY)
            return -1;
        if (ix >= 0) {
            Ref key = k->entries[ix].key;
            if (key == name || (k->entries[ix].hash == hash && str_equal(h, key, name)))
                return ix;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

/* Look NAME up in the instance's attributes: BORROWED or 0. */
Ref dict_inst_lookup(Heap *h, DictKeys *keys, InstDict *inst, Ref name)
{
    if (inst->dict)
        return dict_getitem(h, inst->dict, name);
    if (!inst->values || !keys || !is_exact_str(h, name))
        return NULLREF;
    int64_t ix = shared_lookup(h, keys, name, str_hash(h, name));
    if (ix < 0 || ix >= (int64_t)inst->values->capacity)
        return NULLREF;
    return inst->values->values[ix];
}

/* A split dict over shared KEYS with VALUES (new_dict_with_shared_keys /
 * make_dict_from_instance_attributes). */
static Ref new_split_dict(Heap *h, DictKeys *keys, DictValues *values)
{
    size_t used = 0;
    bool track = false;
    for (size_t i = 0; i < values->capacity; i++) {
        if (values->values[i]) {
            used++;
            track = track || obj_may_be_tracked(h, values->values[i]);
        }
    }
    keys->refcnt++;
    Ref d = new_dict(h, keys, values, used);
    if (!d)
        return NULLREF;
    keys_add_sharer(keys, d);
    if (track)
        gc_track(h, d);
    return d;
}

/* 3.8: the instance's dict, created on demand (split when KEYS exist). */
static Ref inst_dict_38(Heap *h, DictKeys *keys, InstDict *inst)
{
    if (inst->dict)
        return inst->dict;
    if (keys) {
        DictValues *v = values_new(h, USABLE(dk_size(keys)), 0);
        inst->dict = v ? new_split_dict(h, keys, v) : NULLREF;
    } else {
        inst->dict = dict_new(h);
    }
    return inst->dict;
}

/* 3.8's make_keys_shared(dict): turn D's str-only combined table into the
 * class's new shared keys (NULL when impossible). */
static DictKeys *make_keys_shared(Heap *h, Ref d)
{
    DictData *dd = dict_data(h, d);
    if (dd->values)
        return NULL;
    DictKeys *k = dd->keys;
    if (!k || k->kind == DK_GENERAL)
        return NULL;
    if (k->nentries != (int64_t)dd->used && dictresize(h, d, k->log2_size, true) < 0)
        return NULL;
    dd = dict_data(h, d);
    k = dd->keys;
    DictValues *v = values_new(h, USABLE(dk_size(k)), 0);
    if (!v)
        return NULL;
    for (int64_t i = 0; i < k->nentries; i++) {
        v->values[i] = k->entries[i].value;
        k->entries[i].value = 0;
        values_order_add(v, (size_t)i);
    }
    k->kind = DK_SPLIT;
    dd->values = v;
    keys_add_sharer(k, d);
    k->refcnt++;
    return k;
}

/* 3.8's _PyObjectDict_SetItem. */
static int inst_store_38(Heap *h, Ref type, DictKeys **keys, InstDict *inst, Ref name,
                         Ref value, DictKeys **dropped)
{
    DictKeys *cached = *keys;
    Ref d = inst_dict_38(h, cached, inst);
    if (!d)
        return -1;
    int rc;
    if (!value) {
        rc = dict_delitem(h, d, name);
        if (cached) {
            *keys = NULL;
            *dropped = cached;
        }
    } else {
        bool was_shared = cached && dict_data(h, d)->keys == cached;
        rc = dict_setitem(h, d, name, value);
        if (was_shared && dict_data(h, d)->keys != cached) {
            DictKeys *nk = cached->refcnt == 1 ? make_keys_shared(h, d) : NULL;
            if (nk)
                nk->owner = type;
            *keys = nk;
            *dropped = cached;
        }
    }
    if (rc < 0 && !value && heap_exc_matches(h, EXC_KeyError)) {
        heap_clear_exc(h);
        return 1;
    }
    return rc;
}

/* insert_into_dictkeys: NAME's index in shared keys K, adding it when
 * there is room; -1 when full. */
static int64_t insert_shared_key(Heap *h, DictKeys *k, Ref name)
{
    int64_t hash = str_hash(h, name);
    int64_t ix = shared_lookup(h, k, name, hash);
    if (ix >= 0 || k->usable <= 0)
        return ix;
    ix = k->nentries;
    k->indices[find_empty_slot(k, hash)] = ix;
    k->entries[ix].key = heap_newref(h, name);
    k->entries[ix].hash = hash;
    k->usable--;
    k->nentries++;
    return ix;
}

/* Materialize the instance's dict from its values (3.11+). */
static Ref inst_materialize(Heap *h, DictKeys *keys, InstDict *inst)
{
    Ref d = new_split_dict(h, keys, inst->values);
    if (d)
        inst->values = NULL;
    inst->dict = d;
    return d;
}

/* 3.11+'s _PyObject_StoreInstanceAttribute. */
static int inst_store_values(Heap *h, DictKeys *keys, InstDict *inst, Ref name, Ref value)
{
    int64_t ix = is_exact_str(h, name) ? insert_shared_key(h, keys, name) : -1;
    if (ix < 0 || ix >= (int64_t)inst->values->capacity) {
        Ref d = inst_materialize(h, keys, inst);
        if (!d)
            return -1;
        int rc = value ? dict_setitem(h, d, name, value) : dict_delitem(h, d, name);
        if (rc < 0 && !value && heap_exc_matches(h, EXC_KeyError)) {
            heap_clear_exc(h);
            return 1;
        }
        return rc;
    }
    DictValues *v = inst->values;
    Ref old = v->values[ix];
    v->values[ix] = heap_newref(h, value);
    if (!old) {
        if (!value)
            return 1;
        values_order_add(v, (size_t)ix);
        return 0;
    }
    if (!value)
        values_order_remove(v, (size_t)ix);
    heap_decref(h, old);
    return 0;
}

/* new_dict_with_shared_keys(keys): a split dict over KEYS with an empty,
 * separately allocated values array (3.11+), or {} without keys. */
static Ref inst_new_dict(Heap *h, DictKeys *keys)
{
    if (!keys)
        return dict_new(h);
    DictValues *v = values_new(h, shared_usable_size(keys), 0);
    return v ? new_split_dict(h, keys, v) : NULLREF;
}

/* Store VALUE (0 deletes) as attribute NAME. */
int dict_inst_store(Heap *h, Ref type, DictKeys **keys, InstDict *inst, Ref name,
                    Ref value, DictKeys **dropped)
{
    *dropped = NULL;
    if (!h->prof->dict_shared_keys_max)
        return inst_store_38(h, type, keys, inst, name, value, dropped);
    if (inst->values && *keys)
        return inst_store_values(h, *keys, inst, name, value);
    if (!inst->dict && !(inst->dict = inst_new_dict(h, *keys)))
        return -1;
    int rc = value ? dict_setitem(h, inst->dict, name, value)
                   : dict_delitem(h, inst->dict, name);
    if (rc < 0 && !value && heap_exc_matches(h, EXC_KeyError)) {
        heap_clear_exc(h);
        return 1;
    }
    return rc;
}

/* obj.__dict__: materialize (or create) the dict; new reference. */
Ref dict_inst_get_dict(Heap *h, DictKeys *keys, InstDict *inst)
{
    Ref d;
    if (!h->prof->dict_shared_keys_max)
        d = inst_dict_38(h, keys, inst);
    else if (inst->dict)
        d = inst->dict;
    else if (inst->values && keys)
        d = inst_materialize(h, keys, inst);
    else
        d = inst->dict = h->prof->inst_getdict_shared ? inst_new_dict(h, keys) : dict_new(h);
    return d ? heap_newref(h, d) : NULLREF;
}

/* Visit the references the instance's storage owns. */
void dict_inst_traverse(Heap *h, InstDict *inst, VisitFn visit, void *arg)
{
    if (inst->dict)
        visit(h, inst->dict, arg);
    if (inst->values)
        for (size_t i = 0; i < inst->values->capacity; i++)
            if (inst->values->values[i])
                visit(h, inst->values->values[i], arg);
}

/* What the instance's storage reports to the collector (3.13's
 * PyObject_VisitManagedDict): the inline values while they are valid --
 * also when a materialized dict still uses them -- else the dict. */
void dict_inst_gc_traverse(Heap *h, InstDict *inst, VisitFn visit, void *arg)
{
    DictValues *v = inst->dict ? dict_data(h, inst->dict)->values : NULL;
    if (!values_embedded(h, v)) {
        dict_inst_traverse(h, inst, visit, arg);
        return;
    }
    for (size_t i = 0; i < v->capacity; i++)
        if (v->values[i])
            visit(h, v->values[i], arg);
}

/* 3.13: a dict still pointing at the instance's embedded values gets its
 * own copy before the instance goes (detach_dict_from_object). */
static void detach_embedded(Heap *h, Ref d)
{
    DictValues *v = dict_data(h, d)->values;
    if (v && !v->addr)
        v->addr = heap_mem_alloc(h, values_nbytes(h, v->capacity));
}

/* Drop the instance's storage in CPython's order. */
void dict_inst_clear(Heap *h, InstDict *inst)
{
    DictValues *v = inst->values;
    Ref d = inst->dict;
    inst->values = NULL;
    inst->dict = 0;
    if (v) {
        for (size_t i = 0; i < v->capacity; i++) {
            Ref x = v->values[i];
            v->values[i] = 0;
            heap_decref(h, x);
        }
        values_free(h, v);
    }
    if (d && h->prof->dict_values_inline)
        detach_embedded(h, d);
    heap_decref(h, d);
}

/* _PyDict_KeysSize of the class's shared keys. */
size_t dict_keys_sizeof(const DictKeys *keys)
{
    return keys ? keys->nbytes : 0;
}

/* Heap teardown: drop the class's host reference to KEYS. */
void dict_keys_forget(DictKeys *keys)
{
    keys_forget(keys);
}

/* Heap teardown: free the host memory of the instance's storage. */
void dict_inst_forget(InstDict *inst)
{
    if (inst->values) {
        free(inst->values->values);
        free(inst->values->order);
        free(inst->values);
        inst->values = NULL;
    }
    inst->dict = 0;
}

/* Report the class's shared keys (ht_cached_keys) to VISIT as a block of
 * TYPE while TYPE holds them. */
void dict_keys_blocks(Heap *h, DictKeys *keys, Ref type, BlockVisitFn visit, void *arg)
{
    if (keys && keys->owner == type)
        visit(h, type, keys->addr, "ht_cached_keys", arg);
}

/* Report an instance's separately allocated values array (3.11/3.12) to
 * VISIT as a block of OWNER. */
void dict_inst_blocks(Heap *h, Ref owner, const InstDict *inst, BlockVisitFn visit,
                      void *arg)
{
    if (inst->values && inst->values->addr)
        visit(h, owner, inst->values->addr, "values", arg);
}

/* ================================================================
 * Read-only views for the viewer's memory drawings
 * ================================================================ */

/* Describe KEYS (NULL: the static empty keys) into *OUT. */
void dict_keys_view(const Heap *h, const DictKeys *keys, DictKeysView *out)
{
    memset(out, 0, sizeof *out);
    out->refcnt = keys ? keys->refcnt : 1;
    out->log2_size = keys ? keys->log2_size : 0;
    out->kind = keys ? keys->kind : DK_UNICODE;
    if (!keys)
        return;
    out->addr = keys->addr;
    out->nbytes = keys->nbytes;
    out->usable = keys->usable;
    out->nentries = keys->nentries;
    out->index_bytes = index_bytes(keys->log2_size);
    out->entry_bytes = entry_bytes(h, keys->kind);
    out->owner = keys->owner;
}

/* dk_indices[I] of KEYS. */
int64_t dict_keys_index(const DictKeys *keys, size_t i)
{
    return keys && i < dk_size(keys) ? keys->indices[i] : DKIX_EMPTY;
}

/* Entry I of KEYS: key, value and stored hash. */
void dict_keys_entry(const DictKeys *keys, size_t i, Ref *key, Ref *value, int64_t *hash)
{
    const DictEntry *e = keys && (int64_t)i < keys->nentries ? &keys->entries[i] : NULL;
    if (key)
        *key = e ? e->key : 0;
    if (value)
        *value = e ? e->value : 0;
    if (hash)
        *hash = e ? e->hash : 0;
}

/* Describe VALUES into *OUT; false for NULL. */
bool dict_values_view(const DictValues *values, DictValuesView *out)
{
    memset(out, 0, sizeof *out);
    if (!values)
        return false;
    out->addr = values->addr;
    out->capacity = values->capacity;
    out->size = values->norder;
    out->values = values->values;
    out->order = values->order;
    return true;
}
