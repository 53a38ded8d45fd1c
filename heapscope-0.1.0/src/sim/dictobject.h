/* dict objects (CPython's compact, ordered PyDictObject), their views and
 * iterators, and the split-table machinery behind instance __dict__s.
 *
 * A dict is a 48-byte object (64 with the GC header) that points at a
 * separately allocated keys object: header + index table (1/2/4/8 bytes an
 * index by table size) + USABLE_FRACTION(size) entries.  Empty dicts share
 * a static "empty keys" that owns no memory.  Instance dicts of user
 * classes can be split tables: the keys live in a keys object shared with
 * the class (ht_cached_keys), the values in a per-instance array. */
#ifndef HS_DICTOBJECT_H
#define HS_DICTOBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/heap.h"

/* PyDictKeysObject (opaque): combined keys of one dict, or keys shared by
 * the instances of a class. */
typedef struct DictKeys DictKeys;
/* PyDictValues (opaque): the values of a split table. */
typedef struct DictValues DictValues;

/* The payload of a K_DICT object. */
typedef struct DictData {
    DictKeys *keys;       /* ma_keys; NULL = the shared static empty keys */
    DictValues *values;   /* ma_values: non-NULL for a split table */
    size_t used;          /* ma_used */
} DictData;

/* The DictData of dict D. */
static inline DictData *dict_data(const Heap *h, Ref d) { return (DictData *)h->objs[d].v.p; }
/* True when R is a dict (exact or subclass). */
static inline bool dict_check(const Heap *h, Ref r) { return h->objs[r].kind == K_DICT; }

/* ---- creation ---- */

/* {}: PyDict_New (free list, static empty keys). */
Ref dict_new(Heap *h);
/* _PyDict_NewPresized(n): a dict whose table is sized for N items (the
 * version's rule; N <= 5 gives {} with the empty keys). */
Ref dict_new_presized(Heap *h, size_t n);
/* The BUILD_MAP / BUILD_CONST_KEY_MAP result: a dict presized for N items
 * (all-str keys get a str-only table in 3.11+) filled with KEYS[i*KSTRIDE]
 * -> VALUES[i*VSTRIDE] in order (_PyDict_FromItems). */
Ref dict_from_items(Heap *h, const Ref *keys, size_t kstride, const Ref *values,
                    size_t vstride, size_t n);
/* dict.copy() / PyDict_Copy. */
Ref dict_copy(Heap *h, Ref d);

/* ---- access (borrowed arguments) ---- */

/* d[key] without raising KeyError: BORROWED value, or 0.  0 with an
 * exception pending means the hash or a comparison failed
 * (PyDict_GetItemWithError): test h->exc. */
Ref dict_getitem(Heap *h, Ref d, Ref key);
/* d[key] for a C-string key; BORROWED or 0 (no exception). */
Ref dict_getitem_cstr(Heap *h, Ref d, const char *key);
/* d[key] with a known hash; BORROWED or 0 (exception when h->exc). */
Ref dict_getitem_knownhash(Heap *h, Ref d, Ref key, int64_t hash);
/* d[key] = value (PyDict_SetItem); 0 or -1. */
int dict_setitem(Heap *h, Ref d, Ref key, Ref value);
/* d[key] = value for a C-string key (interned as a name). */
int dict_setitem_cstr(Heap *h, Ref d, const char *key, Ref value);
/* del d[key]: KeyError(key) when missing; 0 or -1. */
int dict_delitem(Heap *h, Ref d, Ref key);
/* del d[key] for a C-string key. */
int dict_delitem_cstr(Heap *h, Ref d, const char *key);
/* key in d: 1, 0 or -1. */
int dict_contains(Heap *h, Ref d, Ref key);
/* Iterate in insertion order: *POS starts at 0; BORROWED key and value
 * (either pointer may be NULL).  False at the end. */
bool dict_next(const Heap *h, Ref d, size_t *pos, Ref *key, Ref *value);
/* dict_next that also reports the stored hash. */
bool dict_next_hash(const Heap *h, Ref d, size_t *pos, Ref *key, Ref *value, int64_t *hash);
/* len(d). */
size_t dict_size(const Heap *h, Ref d);
/* d.clear(). */
void dict_clear(Heap *h, Ref d);
/* d.update(other): a dict, a mapping with keys(), or an iterable of pairs
 * (dict_update_arg); 0 or -1. */
int dict_update(Heap *h, Ref d, Ref other);
/* PyDict_Merge(d, other, override): OTHER a dict or a mapping; override 0
 * keeps existing keys, 2 raises KeyError on duplicates. */
int dict_merge(Heap *h, Ref d, Ref other, int override);
/* Store keyword arguments: d[kwnames[i]] = values[i] (dict(a=1) and
 * **kwargs); 0 or -1. */
int dict_merge_kwargs(Heap *h, Ref d, const Ref *values, Ref kwnames);
/* d.setdefault(key, dflt): BORROWED result, or 0 on error. */
Ref dict_setdefault(Heap *h, Ref d, Ref key, Ref dflt);
/* d.pop(key[, dflt]): new reference; DFLT 0 raises KeyError when missing. */
Ref dict_pop(Heap *h, Ref d, Ref key, Ref dflt);
/* A new list of d's keys (PyDict_Keys). */
Ref dict_keys_list(Heap *h, Ref d);

/* ---- garbage collection ---- */

/* _PyDict_MaybeUntrack: untrack D when nothing in it can be part of a
 * cycle (the collector calls this on full collections). */
void dict_maybe_untrack(Heap *h, Ref d);
/* Release the dict and keys free lists (full collections). */
void dict_clear_freelists(Heap *h);
/* _PyObject_GC_MAY_BE_TRACKED(o): GC objects, except untracked tuples and
 * static types. */
bool obj_may_be_tracked(const Heap *h, Ref o);

/* ---- instance attributes (split tables) ----
 *
 * How CPython stores instance attributes of a class C, by version:
 *   3.8   each instance has a __dict__ slot; the dict is created on the
 *         first attribute store (or __dict__ access) as a split table over
 *         C's cached keys (an 8-slot keys object made with the class) when
 *         C still has them, else a normal dict.  getsizeof(__dict__) is
 *         64 + 8 * USABLE_FRACTION(keys size): 104 for 1..5 attributes,
 *         144 for 6..10, 232 for 11..21, 400 for 22..42 (a class whose
 *         keys are shared by one instance only gets them re-shared after a
 *         resize).  Deleting an attribute or storing attributes in another
 *         order turns that dict into a combined one and C stops sharing.
 *   3.11+ C's cached keys are a 64-slot str-only keys object limited to 30
 *         entries; each new instance lowers their dk_usable by one (while
 *         above 1) and gets a values array of nentries + usable slots.  No
 *         dict exists until __dict__ is asked for; then the dict takes the
 *         values over and getsizeof(__dict__) is 64 + 8 * (nentries +
 *         usable), the same for every instance: 296 when one instance was
 *         ever created, 288 after two, 280 after three... (any number of
 *         attributes up to 29 or 30).  Beyond 30 attributes the instance
 *         gets a combined dict (1584 for 30..85 attributes).  3.11/3.12
 *         allocate the values array separately (prefix + 8 * size bytes);
 *         3.13 embeds it in the instance allocation (dict_inline_size).
 *
 * The class code keeps a DictKeys * per heap type with instance dicts
 * (NULL once dropped) and an InstDict per instance, and calls: */

/* An instance's attribute storage. */
typedef struct InstDict {
    Ref dict;             /* the materialized __dict__ (owned), or 0 */
    DictValues *values;   /* 3.11+: values not yet moved to a dict, or NULL */
} InstDict;

/* _PyDict_NewKeysForClass: C's shared keys, made with the class; TYPE is
 * the class (it holds the reference). */
DictKeys *dict_keys_new_for_class(Heap *h, Ref type);
/* The class drops its reference to its shared keys (class dealloc, or
 * 3.8's CACHED_KEYS(tp) = NULL). */
void dict_keys_release(Heap *h, DictKeys *keys, Ref type);
/* Visit the key strings of the class's shared keys when the class is
 * the one responsible for them (call from the class's traverse). */
void dict_keys_traverse(Heap *h, DictKeys *keys, Ref type, VisitFn visit, void *arg);
/* Bytes to add to an instance's allocation for inline values (3.13's
 * _PyInlineValuesSize), 0 in other versions or without keys. */
size_t dict_inline_size(const Heap *h, const DictKeys *keys);
/* Set up a new instance's storage (3.11+: init_inline_values, lowering the
 * keys' usable count; INLINE_ADDR is where 3.13's inline values live). */
int dict_inst_init(Heap *h, DictKeys *keys, InstDict *inst, uint64_t inline_addr);
/* Look NAME (a str) up in the instance's attributes: BORROWED or 0. */
Ref dict_inst_lookup(Heap *h, DictKeys *keys, InstDict *inst, Ref name);
/* Store VALUE (0 deletes) as attribute NAME, with CPython's sharing
 * rules; *KEYS may be set to NULL (3.8 stops sharing) -- the caller then
 * calls dict_keys_release on the old pointer, which this function passes
 * back in *DROPPED.  Returns 0, -1 on error, or 1 when a deleted name was
 * missing (the caller raises its AttributeError). */
int dict_inst_store(Heap *h, Ref type, DictKeys **keys, InstDict *inst, Ref name,
                    Ref value, DictKeys **dropped);
/* obj.__dict__: materialize (or create) the dict; new reference. */
Ref dict_inst_get_dict(Heap *h, DictKeys *keys, InstDict *inst);
/* Visit the references the instance's storage owns. */
void dict_inst_traverse(Heap *h, InstDict *inst, VisitFn visit, void *arg);
/* What the instance's storage reports to the collector (3.13: the inline
 * values while valid, even under a materialized dict). */
void dict_inst_gc_traverse(Heap *h, InstDict *inst, VisitFn visit, void *arg);
/* Drop the instance's storage in CPython's order (subtype_dealloc). */
void dict_inst_clear(Heap *h, InstDict *inst);
/* _PyDict_KeysSize: the bytes of the class's shared keys that
 * sys.getsizeof(class) counts (type.__sizeof__); 0 for NULL. */
size_t dict_keys_sizeof(const DictKeys *keys);
/* Heap teardown: drop the class's host reference to KEYS (no simulated
 * objects are touched). */
void dict_keys_forget(DictKeys *keys);
/* Heap teardown: free the host memory of the instance's storage. */
void dict_inst_forget(InstDict *inst);
/* heap_clone: the clone's copy of KEYS (NULL for NULL); keys several
 * objects hold are copied once through MAP and shared the same way. */
DictKeys *dict_keys_clone(const DictKeys *keys, CloneMap *map);
/* heap_clone: copy the instance's storage INST into *OUT. */
void dict_inst_clone(const InstDict *inst, InstDict *out);

/* ---- simulated blocks (heap_object_blocks) ---- */

/* Report the class's shared keys (ht_cached_keys) to VISIT as a block of
 * TYPE while TYPE holds them (call from the class's blocks slot). */
void dict_keys_blocks(Heap *h, DictKeys *keys, Ref type, BlockVisitFn visit, void *arg);
/* Report an instance's separately allocated values array (3.11/3.12's
 * "values"; 3.13's live inside the instance's block) as a block of OWNER. */
void dict_inst_blocks(Heap *h, Ref owner, const InstDict *inst, BlockVisitFn visit,
                      void *arg);

/* ---- read-only views of the tables (the viewer's memory drawings,
 * src/tui/layout.c); nothing here changes the heap ---- */

/* A keys object as CPython lays it out. */
typedef struct DictKeysView {
    uint64_t addr;            /* its simulated block (0: the static empty keys) */
    size_t nbytes;            /* the block's request size */
    int64_t refcnt;           /* dk_refcnt */
    unsigned log2_size;       /* dk_log2_size */
    int kind;                 /* dk_kind: 0 general, 1 str-only (unicode), 2 split */
    int64_t usable, nentries; /* dk_usable, dk_nentries */
    size_t index_bytes;       /* bytes of one dk_indices slot */
    size_t entry_bytes;       /* bytes of one entry */
    Ref owner;                /* the class holding these shared keys, or 0 */
} DictKeysView;

/* A split table's values array. */
typedef struct DictValuesView {
    uint64_t addr;            /* its simulated block, 0 when embedded in an instance */
    size_t capacity, size;    /* slots, and values present (the order's length) */
    const Ref *values;        /* CAPACITY values (0: absent), indexed like the entries */
    const uint8_t *order;     /* SIZE entry indices in insertion order */
} DictValuesView;

/* Describe KEYS (NULL: the static empty keys) into *OUT. */
void dict_keys_view(const Heap *h, const DictKeys *keys, DictKeysView *out);
/* dk_indices[I] of KEYS: an entry index, -1 (DKIX_EMPTY) or -2 (DKIX_DUMMY). */
int64_t dict_keys_index(const DictKeys *keys, size_t i);
/* Entry I (< dk_nentries) of KEYS: key (0 once deleted), value (combined
 * tables) and stored hash, any pointer may be NULL. */
void dict_keys_entry(const DictKeys *keys, size_t i, Ref *key, Ref *value, int64_t *hash);
/* Describe VALUES into *OUT; false for NULL. */
bool dict_values_view(const DictValues *values, DictValuesView *out);

extern const TypeOps dict_ops, dictiter_ops, dictview_ops;

#endif
