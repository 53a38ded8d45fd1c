/* set and frozenset objects: CPython's hash table, entry for entry.
 *
 * A set object is one 216-byte GC block (PySetObject with its 8-entry
 * smalltable and the GC header), allocated by tp_alloc and tracked from
 * birth.  A table bigger than 8 entries is a separate PyMem block of 16
 * bytes an entry; sizeof adds it.
 *
 * Probing (set_add_entry): start at hash & mask, look at that entry and up
 * to LINEAR_PROBES = 9 following ones when they fit before the end of the
 * table, then jump: perturb >>= 5; i = (i * 5 + 1 + perturb) & mask.  A
 * new key goes to the last dummy seen on its probe path, else to the
 * unused entry that ended the search; each new unused entry bumps `fill`,
 * and when fill * 5 >= mask * 3 the table is rebuilt for used * 4 (used * 2
 * past 50,000) keys: the smallest power of two > that, re-inserting the
 * live entries in table order (set_insert_clean).  Deleting leaves a dummy
 * (hash -1).  set_merge copies a same-sized dummy-free table entry for
 * entry; updates from a dict presize first.  These rules fix the iteration
 * order of int sets (hash(n) = n mod 2**61-1, hash(-1) = -2), which is
 * what print({3, 1, 2}) shows.  They are the same in 3.8 ... 3.13.
 *
 * Python __eq__ may run during a lookup; when the table changed under it,
 * the lookup restarts, as in CPython. */
#include "sim/setobject.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

#define SET_MINSIZE 8
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5
#define DUMMY ((Ref)UINT32_MAX)

typedef struct SetEntry {
    Ref key;              /* 0 unused, DUMMY deleted */
    int64_t hash;         /* 0 unused, -1 dummy */
} SetEntry;

typedef struct SetData {
    size_t fill;          /* active + dummy entries */
    size_t used;          /* active entries */
    size_t mask;          /* table size - 1 */
    SetEntry *table;      /* smalltable or a host array */
    SetEntry smalltable[SET_MINSIZE];
    int64_t hash;         /* frozenset hash cache, -1 when not computed */
    size_t finger;        /* set.pop() search start */
    uint64_t table_addr;  /* simulated block of a big table */
    uint64_t serial;      /* changes whenever the table is replaced */
} SetData;

typedef struct SetIterData {
    Ref set;              /* si_set, 0 once exhausted */
    int64_t used;         /* si_used (-1: sticky error) */
    size_t pos;           /* si_pos */
    int64_t len;          /* remaining */
} SetIterData;

static uint64_t set_serial_counter;

/* The SetData of set S. */
static SetData *sdata(const Heap *h, Ref s) { return (SetData *)h->objs[s].v.p; }

/* Bytes of GC header in front of every GC object. */
static size_t gch(const Heap *h) { return h->prof->gc_head_size; }

/* True when entry E holds a key. */
static bool active(const SetEntry *e) { return e->key && e->key != DUMMY; }

/* True when KEY is an exact str. */
static bool exact_str(const Heap *h, Ref key)
{
    return h->objs[key].kind == K_STR && h->objs[key].type == h->type_of_kind[K_STR];
}

/* The method name as error messages spell it: "set.add" (3.10+) or "add". */
static const char *mname(Heap *h, Ref self, const char *name, char *buf, size_t n)
{
    if (!h->prof->method_qualname_errors)
        return name;
    snprintf(buf, n, "%s.%s", h->objs[self].kind == K_SET ? "set" : "frozenset", name);
    return buf;
}

/* ================================================================
 * Table operations
 * ================================================================ */

/* Compare entry key START (same hash as KEY) with KEY: 1/0/-1, or 2 when
 * the table changed during Python's __eq__ (restart). */
static int compare_entry(Heap *h, Ref s, SetData *sd, size_t i, Ref start, Ref key)
{
    if (exact_str(h, start) && exact_str(h, key))
        return str_equal(h, start, key);
    uint64_t serial = sd->serial;
    heap_incref(h, start);
    int cmp = obj_richcompare_bool(h, start, key, CMP_EQ);
    heap_decref(h, start);
    if (cmp < 0)
        return -1;
    if (!anyset_check(h, s) || sdata(h, s) != sd || sd->serial != serial
        || sd->table[i].key != start)
        return 2;
    return cmp;
}

/* set_lookkey: the index of KEY's entry, -1 when missing, -2 on error. */
static int64_t lookkey(Heap *h, Ref s, Ref key, int64_t hash)
{
    SetData *sd;
restart:
    sd = sdata(h, s);
    size_t mask = sd->mask, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        size_t j = i;
        do {
            SetEntry *e = &sd->table[j];
            if (e->hash == 0 && e->key == 0)
                return -1;
            if (e->hash == hash && e->key != DUMMY) {
                if (e->key == key)
                    return (int64_t)j;
                int cmp = compare_entry(h, s, sd, j, e->key, key);
                if (cmp < 0)
                    return -2;
                if (cmp == 2)
                    goto restart;
                if (cmp)
                    return (int64_t)j;
            }
            j++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* set_insert_clean: place KEY in TABLE (no dummies, key absent). */
static void insert_clean(SetEntry *table, size_t mask, Ref key, int64_t hash)
{
    size_t i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    for (;;) {
        if (!table[i].key)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (size_t j = 1; j <= LINEAR_PROBES; j++) {
                if (!table[i + j].key) {
                    i += j;
                    goto found;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found:
    table[i].key = key;
    table[i].hash = hash;
}

/* set_table_resize: rebuild for MINUSED keys (smallest power of two >
 * minused); 0 or -1 with MemoryError. */
static int table_resize(Heap *h, Ref s, size_t minused)
{
    SetData *sd = sdata(h, s);
    size_t newsize = SET_MINSIZE;
    while (newsize <= minused)
        newsize <<= 1;
    SetEntry *old = sd->table, small_copy[SET_MINSIZE];
    size_t oldmask = sd->mask;
    uint64_t old_addr = sd->table_addr;
    bool old_malloced = old != sd->smalltable;
    SetEntry *nt;
    uint64_t naddr = 0;
    if (newsize == SET_MINSIZE) {
        nt = sd->smalltable;
        if (nt == old) {
            if (sd->fill == sd->used)
                return 0;
            memcpy(small_copy, old, sizeof small_copy);
            old = small_copy;
        }
    } else {
        if (!(naddr = heap_mem_alloc(h, newsize * 16)))
            return -1;
        nt = xmalloc(newsize * sizeof *nt);
    }
    memset(nt, 0, newsize * sizeof *nt);
    sd->mask = newsize - 1;
    sd->table = nt;
    sd->table_addr = naddr;
    sd->serial = ++set_serial_counter;
    sd->fill = sd->used;
    for (size_t i = 0; i <= oldmask; i++)
        if (active(&old[i]))
            insert_clean(nt, sd->mask, old[i].key, old[i].hash);
    if (old_malloced) {
        free(old);
        heap_mem_free(h, old_addr);
    }
    return 0;
}

/* set_add_entry: add KEY (borrowed) with HASH; 0 or -1. */
static int add_entry(Heap *h, Ref s, Ref key, int64_t hash)
{
    heap_incref(h, key);
    SetData *sd;
restart:
    sd = sdata(h, s);
    size_t mask = sd->mask, i = (size_t)hash & mask;
    uint64_t perturb = (uint64_t)hash;
    SetEntry *freeslot = NULL;
    for (;;) {
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        size_t j = i;
        do {
            SetEntry *e = &sd->table[j];
            if (e->hash == 0 && e->key == 0) {
                if (freeslot) {
                    sd->used++;
                    freeslot->key = key;
                    freeslot->hash = hash;
                    return 0;
                }
                sd->fill++;
                sd->used++;
                e->key = key;
                e->hash = hash;
                if (sd->fill * 5 < mask * 3)
                    return 0;
                return table_resize(h, s, sd->used > 50000 ? sd->used * 2 : sd->used * 4);
            }
            if (e->hash == hash && e->key != DUMMY) {
                if (e->key == key)
                    goto found_active;
                int cmp = compare_entry(h, s, sd, j, e->key, key);
                if (cmp < 0) {
                    heap_decref(h, key);
                    return -1;
                }
                if (cmp == 2)
                    goto restart;
                if (cmp)
                    goto found_active;
            } else if (e->hash == -1) {
                freeslot = e;
            }
            j++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_active:
    heap_decref(h, key);
    return 0;
}

/* The hash of KEY (-1 with an exception). */
static int key_hash(Heap *h, Ref key, int64_t *hash)
{
    if (exact_str(h, key)) {
        *hash = str_hash(h, key);
        return 0;
    }
    return obj_hash(h, key, hash);
}

/* s.add(key); 0 or -1. */
int set_add(Heap *h, Ref s, Ref key)
{
    int64_t hash;
    if (key_hash(h, key, &hash) < 0)
        return -1;
    return add_entry(h, s, key, hash);
}

/* Discard the entry of KEY with HASH: 1 found, 0 missing, -1 error. */
static int discard_entry(Heap *h, Ref s, Ref key, int64_t hash)
{
    int64_t i = lookkey(h, s, key, hash);
    if (i == -2)
        return -1;
    if (i < 0)
        return 0;
    SetData *sd = sdata(h, s);
    Ref old = sd->table[i].key;
    sd->table[i].key = DUMMY;
    sd->table[i].hash = -1;
    sd->used--;
    heap_decref(h, old);
    return 1;
}

/* key in s by hash: 1, 0 or -1. */
static int contains_entry(Heap *h, Ref s, Ref key, int64_t hash)
{
    int64_t i = lookkey(h, s, key, hash);
    return i == -2 ? -1 : i >= 0;
}

/* set_contains_key: 1, 0 or -1. */
static int contains_key(Heap *h, Ref s, Ref key)
{
    int64_t hash;
    if (key_hash(h, key, &hash) < 0)
        return -1;
    return contains_entry(h, s, key, hash);
}

/* set_discard_key: 1, 0 or -1. */
static int discard_key(Heap *h, Ref s, Ref key)
{
    int64_t hash;
    if (key_hash(h, key, &hash) < 0)
        return -1;
    return discard_entry(h, s, key, hash);
}

/* Walk the table: *POS starts at 0. */
bool set_next_hash(const Heap *h, Ref s, size_t *pos, Ref *key, int64_t *hash)
{
    const SetData *sd = sdata(h, s);
    size_t i = *pos;
    while (i <= sd->mask && !active(&sd->table[i]))
        i++;
    *pos = i + 1;
    if (i > sd->mask)
        return false;
    if (key)
        *key = sd->table[i].key;
    if (hash)
        *hash = sd->table[i].hash;
    return true;
}

/* Walk the table: BORROWED key. */
bool set_next(const Heap *h, Ref s, size_t *pos, Ref *key)
{
    return set_next_hash(h, s, pos, key, NULL);
}

/* len(s). */
size_t set_size(const Heap *h, Ref s)
{
    return sdata(h, s)->used;
}

/* Reset S to an empty small table (set_empty_to_minsize). */
static void empty_to_minsize(SetData *sd)
{
    memset(sd->smalltable, 0, sizeof sd->smalltable);
    sd->fill = sd->used = 0;
    sd->mask = SET_MINSIZE - 1;
    sd->table = sd->smalltable;
    sd->table_addr = 0;
    sd->hash = -1;
    sd->serial = ++set_serial_counter;
}

/* set_clear_internal: empty S first, then drop the old entries in table
 * order and free a big table. */
void set_clear(Heap *h, Ref s)
{
    SetData *sd = sdata(h, s);
    SetEntry *table = sd->table, small_copy[SET_MINSIZE];
    size_t used = sd->used, mask = sd->mask;
    uint64_t addr = sd->table_addr;
    bool malloced = table != sd->smalltable;
    if (!malloced) {
        if (sd->fill == 0)
            return;
        memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
    }
    empty_to_minsize(sd);
    for (size_t i = 0; i <= mask && used > 0; i++) {
        if (active(&table[i])) {
            used--;
            heap_decref(h, table[i].key);
        }
    }
    if (malloced) {
        free(table);
        heap_mem_free(h, addr);
    }
}

/* ================================================================
 * Creation and update
 * ================================================================ */

/* make_new_set(type, NULL): a tracked 216-byte set object. */
static Ref alloc_set(Heap *h, Ref type)
{
    Kind kind = type_data(h, type)->inst_kind == K_FROZENSET ? K_FROZENSET : K_SET;
    Ref s = heap_alloc_object(h, kind, type, h->prof->set_base, gch(h), true);
    if (!s)
        return NULLREF;
    SetData *sd = xcalloc(1, sizeof *sd);
    h->objs[s].v.p = sd;
    empty_to_minsize(sd);
    gc_track(h, s);
    return s;
}

/* set_merge: add the keys of set OTHER to S. */
static int set_merge(Heap *h, Ref s, Ref other)
{
    SetData *sd = sdata(h, s), *od = sdata(h, other);
    if (s == other || od->used == 0)
        return 0;
    if ((sd->fill + od->used) * 5 >= sd->mask * 3) {
        if (table_resize(h, s, (sd->used + od->used) * 2) < 0)
            return -1;
        sd = sdata(h, s);
        od = sdata(h, other);
    }
    if (sd->fill == 0 && sd->mask == od->mask && od->fill == od->used) {
        for (size_t i = 0; i <= od->mask; i++) {
            if (od->table[i].key) {
                sd->table[i].key = heap_newref(h, od->table[i].key);
                sd->table[i].hash = od->table[i].hash;
            }
        }
        sd->fill = od->fill;
        sd->used = od->used;
        return 0;
    }
    if (sd->fill == 0) {
        sd->fill = sd->used = od->used;
        for (size_t i = 0; i <= od->mask; i++)
            if (active(&od->table[i]))
                insert_clean(sd->table, sd->mask, heap_newref(h, od->table[i].key),
                             od->table[i].hash);
        return 0;
    }
    for (size_t i = 0; i <= sdata(h, other)->mask; i++) {
        SetEntry e = sdata(h, other)->table[i];
        if (active(&e) && add_entry(h, s, e.key, e.hash) < 0)
            return -1;
    }
    return 0;
}

/* Add the keys of exact dict D to S, presizing first. */
static int update_from_dict(Heap *h, Ref s, Ref d)
{
    SetData *sd = sdata(h, s);
    size_t n = dict_size(h, d);
    if ((sd->fill + n) * 5 >= sd->mask * 3 && table_resize(h, s, (sd->used + n) * 2) < 0)
        return -1;
    size_t pos = 0;
    Ref key;
    int64_t hash;
    while (dict_next_hash(h, d, &pos, &key, NULL, &hash))
        if (add_entry(h, s, key, hash) < 0)
            return -1;
    return 0;
}

/* set_update_internal: add every key of iterable OTHER to S. */
int set_update(Heap *h, Ref s, Ref other)
{
    if (anyset_check(h, other))
        return set_merge(h, s, other);
    if (dict_check(h, other) && heap_type(h, other) == h->type_of_kind[K_DICT])
        return update_from_dict(h, s, other);
    Ref it = obj_iter(h, other);
    if (!it)
        return -1;
    Ref key;
    int rc = 0;
    while (rc == 0 && (key = obj_next(h, it)) != 0) {
        rc = set_add(h, s, key);
        heap_decref(h, key);
    }
    heap_decref(h, it);
    return rc == 0 && h->exc ? -1 : rc;
}

/* make_new_set(type, iterable). */
static Ref make_new_set(Heap *h, Ref type, Ref iterable)
{
    Ref s = alloc_set(h, type);
    if (s && iterable && set_update(h, s, iterable) < 0) {
        heap_decref(h, s);
        return NULLREF;
    }
    return s;
}

/* The base type (set or frozenset) for results computed from S. */
static Ref base_type(const Heap *h, Ref s)
{
    return h->type_of_kind[h->objs[s].kind == K_FROZENSET ? K_FROZENSET : K_SET];
}

/* make_new_set_basetype(type(s), iterable). */
static Ref new_like(Heap *h, Ref s, Ref iterable)
{
    return make_new_set(h, base_type(h, s), iterable);
}

/* set(iterable). */
Ref set_new(Heap *h, Ref iterable)
{
    return make_new_set(h, h->type_of_kind[K_SET], iterable);
}

/* The empty frozenset of 3.8 (an interpreter-held singleton). */
static Ref empty_frozenset(Heap *h)
{
    if (!h->empty_frozenset) {
        h->empty_frozenset = alloc_set(h, h->type_of_kind[K_FROZENSET]);
        if (!h->empty_frozenset)
            return NULLREF;
        heap_make_static(h, h->empty_frozenset);
    }
    return heap_newref(h, h->empty_frozenset);
}

/* frozenset(iterable) of TYPE (make_new_frozenset / 3.8 frozenset_new). */
static Ref make_frozenset(Heap *h, Ref type, Ref iterable)
{
    if (type != h->type_of_kind[K_FROZENSET])
        return make_new_set(h, type, iterable);
    if (iterable && heap_type(h, iterable) == type)
        return heap_newref(h, iterable);
    if (!h->prof->frozenset_empty_singleton)
        return make_new_set(h, type, iterable);
    if (iterable) {
        Ref r = make_new_set(h, type, iterable);
        if (!r || set_size(h, r))
            return r;
        heap_decref(h, r);
    }
    return empty_frozenset(h);
}

/* frozenset(iterable). */
Ref frozenset_new(Heap *h, Ref iterable)
{
    return make_frozenset(h, h->type_of_kind[K_FROZENSET], iterable);
}

/* set_copy: a new set of the same base kind with S's keys. */
static Ref set_copy(Heap *h, Ref s)
{
    return new_like(h, s, s);
}

/* set_swap_bodies: exchange the tables of A and B. */
static void swap_bodies(Heap *h, Ref a, Ref b)
{
    SetData *ad = sdata(h, a), *bd = sdata(h, b);
    SetData t = *ad;
    bool a_small = ad->table == ad->smalltable, b_small = bd->table == bd->smalltable;
    *ad = *bd;
    *bd = t;
    if (b_small)
        ad->table = ad->smalltable;
    if (a_small)
        bd->table = bd->smalltable;
    bool both_frozen = h->objs[a].kind == K_FROZENSET && h->objs[b].kind == K_FROZENSET;
    if (!both_frozen)
        ad->hash = bd->hash = -1;
    else {
        int64_t x = ad->hash;
        ad->hash = bd->hash;
        bd->hash = x;
    }
    ad->serial = ++set_serial_counter;
    bd->serial = ++set_serial_counter;
}

/* ================================================================
 * Algebra
 * ================================================================ */

/* set_intersection(s, other): a new set of s's kind. */
Ref set_intersection(Heap *h, Ref s, Ref other)
{
    if (s == other)
        return set_copy(h, s);
    Ref result = new_like(h, s, 0);
    if (!result)
        return NULLREF;
    int rc = 0;
    if (anyset_check(h, other)) {
        Ref big = s, small = other;
        if (set_size(h, other) > set_size(h, s)) {
            big = other;
            small = s;
        }
        size_t pos = 0;
        Ref key;
        int64_t hash;
        while (rc == 0 && set_next_hash(h, small, &pos, &key, &hash)) {
            heap_incref(h, key);
            rc = contains_entry(h, big, key, hash);
            rc = rc > 0 ? add_entry(h, result, key, hash) : rc;
            heap_decref(h, key);
        }
    } else {
        Ref it = obj_iter(h, other);
        Ref key;
        rc = it ? 0 : -1;
        while (rc == 0 && (key = obj_next(h, it)) != 0) {
            int64_t hash;
            rc = key_hash(h, key, &hash);
            rc = rc == 0 ? contains_entry(h, s, key, hash) : rc;
            rc = rc > 0 ? add_entry(h, result, key, hash) : rc;
            bool full = rc == 0 && set_size(h, result) >= set_size(h, s);
            heap_decref(h, key);
            if (full)
                break;
        }
        heap_decref(h, it);
    }
    if (rc < 0 || h->exc) {
        heap_decref(h, result);
        return NULLREF;
    }
    return result;
}

/* s.intersection_update(other): compute, then swap bodies. */
int set_intersection_update(Heap *h, Ref s, Ref other)
{
    Ref tmp = set_intersection(h, s, other);
    if (!tmp)
        return -1;
    swap_bodies(h, s, tmp);
    heap_decref(h, tmp);
    return 0;
}

/* Discard every key of OTHER's iteration from S. */
static int discard_all_iter(Heap *h, Ref s, Ref other)
{
    Ref it = obj_iter(h, other);
    if (!it)
        return -1;
    Ref key;
    int rc = 0;
    while (rc >= 0 && (key = obj_next(h, it)) != 0) {
        rc = discard_key(h, s, key);
        heap_decref(h, key);
    }
    heap_decref(h, it);
    return rc < 0 || h->exc ? -1 : 0;
}

/* set_difference_update_internal. */
int set_difference_update(Heap *h, Ref s, Ref other)
{
    if (s == other) {
        set_clear(h, s);
        return 0;
    }
    if (anyset_check(h, other)) {
        Ref o = (set_size(h, other) >> 3) > set_size(h, s) ? set_intersection(h, s, other)
                                                            : heap_newref(h, other);
        if (!o)
            return -1;
        size_t pos = 0;
        Ref key;
        int64_t hash;
        int rc = 0;
        while (rc >= 0 && set_next_hash(h, o, &pos, &key, &hash)) {
            heap_incref(h, key);
            rc = discard_entry(h, s, key, hash);
            heap_decref(h, key);
        }
        heap_decref(h, o);
        if (rc < 0)
            return -1;
    } else if (discard_all_iter(h, s, other) < 0) {
        return -1;
    }
    SetData *sd = sdata(h, s);
    if (sd->fill - sd->used <= sd->mask / 4)
        return 0;
    return table_resize(h, s, sd->used > 50000 ? sd->used * 2 : sd->used * 4);
}

/* set_copy_and_difference. */
static Ref copy_and_difference(Heap *h, Ref s, Ref other)
{
    Ref r = set_copy(h, s);
    if (r && set_difference_update(h, r, other) < 0) {
        heap_decref(h, r);
        return NULLREF;
    }
    return r;
}

/* set_difference(s, other). */
static Ref set_difference(Heap *h, Ref s, Ref other)
{
    bool is_dict = dict_check(h, other) && heap_type(h, other) == h->type_of_kind[K_DICT];
    if (!anyset_check(h, other) && !is_dict)
        return copy_and_difference(h, s, other);
    size_t other_size = is_dict ? dict_size(h, other) : set_size(h, other);
    if ((set_size(h, s) >> 2) > other_size)
        return copy_and_difference(h, s, other);
    Ref result = new_like(h, s, 0);
    if (!result)
        return NULLREF;
    size_t pos = 0;
    Ref key;
    int64_t hash;
    int rc = 0;
    while (rc >= 0 && set_next_hash(h, s, &pos, &key, &hash)) {
        heap_incref(h, key);
        if (is_dict) {
            Ref v = dict_getitem_knownhash(h, other, key, hash);
            rc = v ? 1 : h->exc ? -1 : 0;
        } else {
            rc = contains_entry(h, other, key, hash);
        }
        if (rc == 0)
            rc = add_entry(h, result, key, hash);
        heap_decref(h, key);
    }
    if (rc < 0) {
        heap_decref(h, result);
        return NULLREF;
    }
    return result;
}

/* Toggle KEY (HASH) in S: discard when present, else add. */
static int toggle(Heap *h, Ref s, Ref key, int64_t hash)
{
    heap_incref(h, key);
    int rc = discard_entry(h, s, key, hash);
    if (rc == 0)
        rc = add_entry(h, s, key, hash);
    heap_decref(h, key);
    return rc < 0 ? -1 : 0;
}

/* s.symmetric_difference_update(other). */
int set_symmetric_difference_update(Heap *h, Ref s, Ref other)
{
    if (s == other) {
        set_clear(h, s);
        return 0;
    }
    size_t pos = 0;
    Ref key;
    int64_t hash;
    if (dict_check(h, other) && heap_type(h, other) == h->type_of_kind[K_DICT]) {
        while (dict_next_hash(h, other, &pos, &key, NULL, &hash))
            if (toggle(h, s, key, hash) < 0)
                return -1;
        return 0;
    }
    Ref o = anyset_check(h, other) ? heap_newref(h, other) : new_like(h, s, other);
    if (!o)
        return -1;
    int rc = 0;
    while (rc == 0 && set_next_hash(h, o, &pos, &key, &hash))
        rc = toggle(h, s, key, hash);
    heap_decref(h, o);
    return rc;
}

/* set_symmetric_difference(s, other): other's copy toggled by s. */
static Ref set_symmetric_difference(Heap *h, Ref s, Ref other)
{
    Ref o = new_like(h, s, other);
    if (o && set_symmetric_difference_update(h, o, s) < 0) {
        heap_decref(h, o);
        return NULLREF;
    }
    return o;
}

/* set_issubset(s, other): 1, 0 or -1. */
static int issubset(Heap *h, Ref s, Ref other)
{
    if (!anyset_check(h, other)) {
        Ref tmp = set_intersection(h, s, other);
        if (!tmp)
            return -1;
        int r = set_size(h, tmp) == set_size(h, s);
        heap_decref(h, tmp);
        return r;
    }
    if (set_size(h, s) > set_size(h, other))
        return 0;
    size_t pos = 0;
    Ref key;
    int64_t hash;
    while (set_next_hash(h, s, &pos, &key, &hash)) {
        heap_incref(h, key);
        int rc = contains_entry(h, other, key, hash);
        heap_decref(h, key);
        if (rc <= 0)
            return rc;
    }
    return 1;
}

/* set_issuperset(s, other): 1, 0 or -1. */
static int issuperset(Heap *h, Ref s, Ref other)
{
    if (anyset_check(h, other))
        return issubset(h, other, s);
    Ref it = obj_iter(h, other);
    if (!it)
        return -1;
    Ref key;
    int rc = 1;
    while (rc == 1 && (key = obj_next(h, it)) != 0) {
        rc = contains_key(h, s, key);
        heap_decref(h, key);
    }
    heap_decref(h, it);
    return h->exc ? -1 : rc;
}

/* set_isdisjoint(s, other): 1, 0 or -1. */
static int isdisjoint(Heap *h, Ref s, Ref other)
{
    if (s == other)
        return set_size(h, s) == 0;
    if (anyset_check(h, other)) {
        Ref big = s, small = other;
        if (set_size(h, other) > set_size(h, s)) {
            big = other;
            small = s;
        }
        size_t pos = 0;
        Ref key;
        int64_t hash;
        while (set_next_hash(h, small, &pos, &key, &hash)) {
            heap_incref(h, key);
            int rc = contains_entry(h, big, key, hash);
            heap_decref(h, key);
            if (rc != 0)
                return rc < 0 ? -1 : 0;
        }
        return 1;
    }
    Ref it = obj_iter(h, other);
    if (!it)
        return -1;
    Ref key;
    int rc = 0;
    while (rc == 0 && (key = obj_next(h, it)) != 0) {
        rc = contains_key(h, s, key);
        heap_decref(h, key);
    }
    heap_decref(h, it);
    if (rc < 0 || h->exc)
        return -1;
    return !rc;
}

/* ================================================================
 * Type slots
 * ================================================================ */

/* sys.getsizeof(s): the object plus a big table. */
static size_t set_sizeof(Heap *h, Ref s)
{
    SetData *sd = sdata(h, s);
    size_t size = h->prof->set_base;
    if (sd->table != sd->smalltable)
        size += (sd->mask + 1) * 16;
    return size;
}

/* Visit every key. */
static void set_traverse(Heap *h, Ref s, VisitFn visit, void *arg)
{
    SetData *sd = sdata(h, s);
    for (size_t i = 0; i <= sd->mask; i++)
        if (active(&sd->table[i]))
            visit(h, sd->table[i].key, arg);
}

/* Free the host payload (heap teardown). */
static void set_release(Heap *h, Ref s)
{
    SetData *sd = sdata(h, s);
    if (!sd)
        return;
    if (sd->table != sd->smalltable)
        free(sd->table);
    free(sd);
    h->objs[s].v.p = NULL;
}

/* Copy the payload and a big table for heap_clone (a small table is
 * inside the payload). */
static void set_clone(const Heap *src, Heap *dst, Ref s, CloneMap *map)
{
    (void)map;
    const SetData *sd = sdata(src, s);
    if (!sd)
        return;
    SetData *c = clone_memdup(sd, sizeof *sd);
    if (sd->table == sd->smalltable)
        c->table = c->smalltable;
    else
        c->table = clone_memdup(sd->table, (sd->mask + 1) * sizeof *sd->table);
    dst->objs[s].v.p = c;
}

/* Deallocate: keys in table order, the big table, the object. */
static void set_dealloc(Heap *h, Ref s)
{
    SetData *sd = sdata(h, s);
    size_t used = sd->used;
    for (size_t i = 0; i <= sd->mask && used > 0; i++) {
        if (active(&sd->table[i])) {
            used--;
            Ref k = sd->table[i].key;
            sd->table[i].key = DUMMY;
            heap_decref(h, k);
            sd = sdata(h, s);
        }
    }
    if (sd->table != sd->smalltable)
        heap_mem_free(h, sd->table_addr);
    set_release(h, s);
    heap_free_object(h, s, gch(h), true);
}

/* The table, a block of its own once it outgrew the 8-entry smalltable. */
static void set_blocks(Heap *h, Ref s, BlockVisitFn visit, void *arg)
{
    SetData *sd = sdata(h, s);
    if (sd && sd->table != sd->smalltable && sd->table_addr)
        visit(h, s, sd->table_addr, "table", arg);
}

/* tp_clear. */
static void set_tp_clear(Heap *h, Ref s)
{
    set_clear(h, s);
}

/* The type name used by repr. */
static const char *type_name_of(Heap *h, Ref s)
{
    return heap_type_name(h, s);
}

/* repr(s): {1, 2}, set(), frozenset({1}), set(...) when recursive. */
static Ref set_repr(Heap *h, Ref s)
{
    StrBuf b = {0};
    if (heap_repr_enter(h, s)) {
        strbuf_printf(&b, "%s(...)", type_name_of(h, s));
        goto done;
    }
    if (set_size(h, s) == 0) {
        heap_repr_leave(h, s);
        strbuf_printf(&b, "%s()", type_name_of(h, s));
        goto done;
    }
    Ref keys = obj_to_list(h, s);
    StrBuf lr = {0};
    bool ok = keys && obj_repr_into(h, keys, &lr);
    heap_decref(h, keys);
    heap_repr_leave(h, s);
    if (!ok) {
        strbuf_free(&lr);
        strbuf_free(&b);
        return NULLREF;
    }
    bool exact = heap_type(h, s) == h->type_of_kind[K_SET];
    if (!exact)
        strbuf_printf(&b, "%s(", type_name_of(h, s));
    strbuf_putc(&b, '{');
    strbuf_append(&b, lr.data + 1, lr.len - 2);
    strbuf_putc(&b, '}');
    if (!exact)
        strbuf_putc(&b, ')');
    strbuf_free(&lr);
done:;
    Ref r = str_from_utf8(h, b.data ? b.data : "", b.len);
    strbuf_free(&b);
    return r;
}

/* _shuffle_bits. */
static uint64_t shuffle_bits(uint64_t x)
{
    return ((x ^ 89869747ULL) ^ (x << 16)) * 3644798167ULL;
}

/* frozenset_hash: order-independent, cached. */
static int frozenset_hash(Heap *h, Ref s, int64_t *out)
{
    SetData *sd = sdata(h, s);
    if (sd->hash != -1) {
        *out = sd->hash;
        return 0;
    }
    uint64_t x = 0;
    for (size_t i = 0; i <= sd->mask; i++)
        x ^= shuffle_bits((uint64_t)sd->table[i].hash);
    if ((sd->mask + 1 - sd->fill) & 1)
        x ^= shuffle_bits(0);
    if ((sd->fill - sd->used) & 1)
        x ^= shuffle_bits((uint64_t)-1);
    x ^= ((uint64_t)sd->used + 1) * 1927868237ULL;
    x ^= (x >> 11) ^ (x >> 25);
    x = x * 69069U + 907133923ULL;
    if (x == (uint64_t)-1)
        x = 590923713ULL;
    sd->hash = (int64_t)x;
    *out = sd->hash;
    return 0;
}

/* The bool object for C. */
static Ref bool_ref(Heap *h, int c) { return heap_newref(h, c ? h->true_ : h->false_); }

/* A 1/0/-1 result as a bool object. */
static Ref bool_result(Heap *h, int r)
{
    return r < 0 ? NULLREF : bool_ref(h, r);
}

/* Set comparisons: subset/superset order, equality. */
static Ref set_richcompare(Heap *h, Ref v, Ref w, int op)
{
    if (!anyset_check(h, w))
        return heap_newref(h, h->notimpl);
    size_t lv = set_size(h, v), lw = set_size(h, w);
    switch (op) {
    case CMP_EQ:
    case CMP_NE: {
        int r;
        if (lv != lw)
            r = 0;
        else if (sdata(h, v)->hash != -1 && sdata(h, w)->hash != -1
                 && sdata(h, v)->hash != sdata(h, w)->hash)
            r = 0;
        else
            r = issubset(h, v, w);
        if (r < 0)
            return NULLREF;
        return bool_ref(h, op == CMP_EQ ? r : !r);
    }
    case CMP_LE: return bool_result(h, issubset(h, v, w));
    case CMP_GE: return bool_result(h, issuperset(h, v, w));
    case CMP_LT: return lv >= lw ? bool_ref(h, 0) : bool_result(h, issubset(h, v, w));
    case CMP_GT: return lv <= lw ? bool_ref(h, 0) : bool_result(h, issuperset(h, v, w));
    }
    return heap_newref(h, h->notimpl);
}

/* len(s). */
static int set_len(Heap *h, Ref s, size_t *out)
{
    *out = set_size(h, s);
    return 0;
}

/* bool(s). */
static int set_truth(Heap *h, Ref s)
{
    return set_size(h, s) != 0;
}

/* True when a set KEY failed to hash: retry it as a frozenset. */
static bool retry_as_frozenset(Heap *h, Ref key)
{
    if (h->objs[key].kind != K_SET || !heap_exc_matches(h, EXC_TypeError))
        return false;
    heap_clear_exc(h);
    return true;
}

/* key in s: 1, 0 or -1 (a set key is looked up as a frozenset). */
int set_contains(Heap *h, Ref s, Ref key)
{
    int rv = contains_key(h, s, key);
    if (rv < 0 && retry_as_frozenset(h, key)) {
        Ref tmp = make_new_set(h, h->type_of_kind[K_FROZENSET], key);
        if (!tmp)
            return -1;
        rv = contains_key(h, s, tmp);
        heap_decref(h, tmp);
    }
    return rv;
}

/* s.discard(key): 1, 0 or -1 (with the frozenset retry). */
int set_discard(Heap *h, Ref s, Ref key)
{
    int rv = discard_key(h, s, key);
    if (rv < 0 && retry_as_frozenset(h, key)) {
        Ref tmp = make_new_set(h, h->type_of_kind[K_FROZENSET], key);
        if (!tmp)
            return -1;
        rv = discard_key(h, s, tmp);
        heap_decref(h, tmp);
    }
    return rv;
}

static Ref setiter_new(Heap *h, Ref s);

/* iter(s). */
static Ref set_iter(Heap *h, Ref s)
{
    return setiter_new(h, s);
}

/* A binary operator needs two sets. */
static bool both_sets(const Heap *h, Ref a, Ref b)
{
    return anyset_check(h, a) && anyset_check(h, b);
}

/* s | other. */
static Ref set_or(Heap *h, Ref a, Ref b)
{
    if (!both_sets(h, a, b))
        return heap_newref(h, h->notimpl);
    Ref r = set_copy(h, a);
    if (r && a != b && set_update(h, r, b) < 0) {
        heap_decref(h, r);
        return NULLREF;
    }
    return r;
}

/* s & other. */
static Ref set_and(Heap *h, Ref a, Ref b)
{
    if (!both_sets(h, a, b))
        return heap_newref(h, h->notimpl);
    return set_intersection(h, a, b);
}

/* s - other. */
static Ref set_sub(Heap *h, Ref a, Ref b)
{
    if (!both_sets(h, a, b))
        return heap_newref(h, h->notimpl);
    return set_difference(h, a, b);
}

/* s ^ other. */
static Ref set_xor(Heap *h, Ref a, Ref b)
{
    if (!both_sets(h, a, b))
        return heap_newref(h, h->notimpl);
    return set_symmetric_difference(h, a, b);
}

/* The in-place result: S itself, or 0 on error. */
static Ref inplace_result(Heap *h, Ref s, int rc)
{
    return rc < 0 ? NULLREF : heap_newref(h, s);
}

/* s |= other. */
static Ref set_ior(Heap *h, Ref a, Ref b)
{
    if (!anyset_check(h, b))
        return heap_newref(h, h->notimpl);
    return inplace_result(h, a, set_update(h, a, b));
}

/* s &= other. */
static Ref set_iand(Heap *h, Ref a, Ref b)
{
    if (!anyset_check(h, b))
        return heap_newref(h, h->notimpl);
    return inplace_result(h, a, set_intersection_update(h, a, b));
}

/* s -= other. */
static Ref set_isub(Heap *h, Ref a, Ref b)
{
    if (!anyset_check(h, b))
        return heap_newref(h, h->notimpl);
    return inplace_result(h, a, set_difference_update(h, a, b));
}

/* s ^= other. */
static Ref set_ixor(Heap *h, Ref a, Ref b)
{
    if (!anyset_check(h, b))
        return heap_newref(h, h->notimpl);
    return inplace_result(h, a, set_symmetric_difference_update(h, a, b));
}

/* 3.8's type_call builds the positional tuple before tp_new runs. */
static Ref legacy_argtuple(Heap *h, const Ref *args, size_t nargs)
{
    if (h->prof->dict_vectorcall || !nargs)
        return NULLREF;
    return tuple_from_array(h, args, nargs);
}

/* set(...) / frozenset(...). */
static Ref set_tp_new(Heap *h, Ref type, const Ref *args, size_t nargs, Ref kwnames)
{
    bool frozen = type_data(h, type)->inst_kind == K_FROZENSET;
    const char *name = frozen ? "frozenset" : "set";
    if (!arg_check(h, name, nargs, kwnames, 0, 1))
        return NULLREF;
    Ref argtuple = legacy_argtuple(h, args, nargs);
    Ref iterable = nargs ? args[0] : NULLREF;
    Ref r = frozen ? make_frozenset(h, type, iterable) : make_new_set(h, type, iterable);
    heap_decref(h, argtuple);
    return r;
}

/* ================================================================
 * Methods
 * ================================================================ */

#define NAMEBUF 64

/* s.add(key). */
static Ref m_add(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "add", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return set_add(h, self, args[0]) < 0 ? NULLREF : heap_newref(h, h->none);
}

/* Raise KeyError(key), the key wrapped in a tuple. */
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

/* s.remove(key): KeyError when missing. */
static Ref m_remove(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "remove", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    int rv = set_discard(h, self, args[0]);
    if (rv < 0)
        return NULLREF;
    if (rv == 0) {
        raise_key_error(h, args[0]);
        return NULLREF;
    }
    return heap_newref(h, h->none);
}

/* s.discard(key). */
static Ref m_discard(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "discard", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return set_discard(h, self, args[0]) < 0 ? NULLREF : heap_newref(h, h->none);
}

/* s.pop(): scan from the finger. */
static Ref m_pop(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "pop", buf, sizeof buf), nargs, kw, 0, 0))
        return NULLREF;
    SetData *sd = sdata(h, self);
    if (sd->used == 0)
        return heap_raise(h, EXC_KeyError, "pop from an empty set");
    size_t i = sd->finger & sd->mask;
    while (!active(&sd->table[i]))
        i = i + 1 > sd->mask ? 0 : i + 1;
    Ref key = sd->table[i].key;
    sd->table[i].key = DUMMY;
    sd->table[i].hash = -1;
    sd->used--;
    sd->finger = i + 1;
    return key;
}

/* s.clear(). */
static Ref m_clear(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "clear", buf, sizeof buf), nargs, kw, 0, 0))
        return NULLREF;
    set_clear(h, self);
    return heap_newref(h, h->none);
}

/* s.copy() (frozenset.copy() of an exact frozenset is itself). */
static Ref m_copy(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "copy", buf, sizeof buf), nargs, kw, 0, 0))
        return NULLREF;
    if (heap_type(h, self) == h->type_of_kind[K_FROZENSET])
        return heap_newref(h, self);
    return set_copy(h, self);
}

/* Check a METH_VARARGS method's keywords. */
static bool varargs_ok(Heap *h, Ref self, const char *name, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    return arg_check(h, mname(h, self, name, buf, sizeof buf), nargs, kw, 0, (size_t)-1);
}

/* s.update(*others). */
static Ref m_update(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!varargs_ok(h, self, "update", nargs, kw))
        return NULLREF;
    for (size_t i = 0; i < nargs; i++)
        if (set_update(h, self, args[i]) < 0)
            return NULLREF;
    return heap_newref(h, h->none);
}

/* s.union(*others). */
static Ref m_union(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!varargs_ok(h, self, "union", nargs, kw))
        return NULLREF;
    Ref r = set_copy(h, self);
    for (size_t i = 0; r && i < nargs; i++) {
        if (args[i] != self && set_update(h, r, args[i]) < 0) {
            heap_decref(h, r);
            return NULLREF;
        }
    }
    return r;
}

/* s.intersection(*others). */
static Ref m_intersection(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!varargs_ok(h, self, "intersection", nargs, kw))
        return NULLREF;
    if (nargs == 0)
        return set_copy(h, self);
    Ref r = heap_newref(h, self);
    for (size_t i = 0; r && i < nargs; i++) {
        Ref n = set_intersection(h, r, args[i]);
        heap_decref(h, r);
        r = n;
    }
    return r;
}

/* s.intersection_update(*others). */
static Ref m_intersection_update(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    Ref tmp = m_intersection(h, self, args, nargs, kw);
    if (!tmp)
        return NULLREF;
    swap_bodies(h, self, tmp);
    heap_decref(h, tmp);
    return heap_newref(h, h->none);
}

/* s.difference(*others). */
static Ref m_difference(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!varargs_ok(h, self, "difference", nargs, kw))
        return NULLREF;
    if (nargs == 0)
        return set_copy(h, self);
    Ref r = set_difference(h, self, args[0]);
    for (size_t i = 1; r && i < nargs; i++) {
        if (set_difference_update(h, r, args[i]) < 0) {
            heap_decref(h, r);
            return NULLREF;
        }
    }
    return r;
}

/* s.difference_update(*others). */
static Ref m_difference_update(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    if (!varargs_ok(h, self, "difference_update", nargs, kw))
        return NULLREF;
    for (size_t i = 0; i < nargs; i++)
        if (set_difference_update(h, self, args[i]) < 0)
            return NULLREF;
    return heap_newref(h, h->none);
}

/* s.symmetric_difference(other). */
static Ref m_symmetric_difference(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "symmetric_difference", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return set_symmetric_difference(h, self, args[0]);
}

/* s.symmetric_difference_update(other). */
static Ref m_symmetric_difference_update(Heap *h, Ref self, const Ref *args, size_t nargs,
                                         Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "symmetric_difference_update", buf, sizeof buf), nargs,
                   kw, 1, 1))
        return NULLREF;
    return inplace_result(h, h->none, set_symmetric_difference_update(h, self, args[0]));
}

/* s.issubset(other). */
static Ref m_issubset(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "issubset", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return bool_result(h, issubset(h, self, args[0]));
}

/* s.issuperset(other). */
static Ref m_issuperset(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "issuperset", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return bool_result(h, issuperset(h, self, args[0]));
}

/* s.isdisjoint(other). */
static Ref m_isdisjoint(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "isdisjoint", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return bool_result(h, isdisjoint(h, self, args[0]));
}

/* s.__contains__(key). */
static Ref m_contains(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "__contains__", buf, sizeof buf), nargs, kw, 1, 1))
        return NULLREF;
    return bool_result(h, set_contains(h, self, args[0]));
}

/* s.__sizeof__(). */
static Ref m_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    char buf[NAMEBUF];
    if (!arg_check(h, mname(h, self, "__sizeof__", buf, sizeof buf), nargs, kw, 0, 0))
        return NULLREF;
    return int_from_i64(h, (int64_t)(set_sizeof(h, self) - gch(h)));
}

static const MethodDef set_methods[] = {
    {"add", m_add, "Add an element to a set."},
    {"clear", m_clear, "Remove all elements from this set."},
    {"__contains__", m_contains, "x.__contains__(y) <==> y in x."},
    {"copy", m_copy, "Return a shallow copy of a set."},
    {"discard", m_discard, "Remove an element from a set if it is a member."},
    {"difference", m_difference, "Return the difference of two or more sets as a new set."},
    {"difference_update", m_difference_update, "Remove all elements of another set from this set."},
    {"intersection", m_intersection, "Return the intersection of two sets as a new set."},
    {"intersection_update", m_intersection_update,
     "Update a set with the intersection of itself and another."},
    {"isdisjoint", m_isdisjoint, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, "Report whether this set contains another set."},
    {"pop", m_pop, "Remove and return an arbitrary set element."},
    {"remove", m_remove, "Remove an element from a set; it must be a member."},
    {"__sizeof__", m_sizeof, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", m_symmetric_difference,
     "Return the symmetric difference of two sets as a new set."},
    {"symmetric_difference_update", m_symmetric_difference_update,
     "Update a set with the symmetric difference of itself and another."},
    {"union", m_union, "Return the union of sets as a new set."},
    {"update", m_update, "Update a set with the union of itself and others."},
    {NULL, NULL, NULL},
};

static const MethodDef frozenset_methods[] = {
    {"__contains__", m_contains, "x.__contains__(y) <==> y in x."},
    {"copy", m_copy, "Return a shallow copy of a set."},
    {"difference", m_difference, "Return the difference of two or more sets as a new set."},
    {"intersection", m_intersection, "Return the intersection of two sets as a new set."},
    {"isdisjoint", m_isdisjoint, "Return True if two sets have a null intersection."},
    {"issubset", m_issubset, "Report whether another set contains this set."},
    {"issuperset", m_issuperset, "Report whether this set contains another set."},
    {"__sizeof__", m_sizeof, "S.__sizeof__() -> size of S in memory, in bytes"},
    {"symmetric_difference", m_symmetric_difference,
     "Return the symmetric difference of two sets as a new set."},
    {"union", m_union, "Return the union of sets as a new set."},
    {NULL, NULL, NULL},
};

const TypeOps set_ops = {
    .name = "set",
    .gc = 1,
    .basetype = 1,
    .sizeof_ = set_sizeof,
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_tp_clear,
    .release = set_release,
    .clone = set_clone,
    .blocks = set_blocks,
    .repr = set_repr,
    .richcompare = set_richcompare,
    .binop = {[OP_OR] = set_or, [OP_AND] = set_and, [OP_SUB] = set_sub, [OP_XOR] = set_xor},
    .inplace = {[OP_OR] = set_ior, [OP_AND] = set_iand, [OP_SUB] = set_isub,
                [OP_XOR] = set_ixor},
    .truth = set_truth,
    .len = set_len,
    .contains = set_contains,
    .iter = set_iter,
    .new_ = set_tp_new,
    .methods = set_methods,
};

const TypeOps frozenset_ops = {
    .name = "frozenset",
    .gc = 1,
    .basetype = 1,
    .sizeof_ = set_sizeof,
    .dealloc = set_dealloc,
    .traverse = set_traverse,
    .clear = set_tp_clear,
    .release = set_release,
    .clone = set_clone,
    .blocks = set_blocks,
    .repr = set_repr,
    .hash = frozenset_hash,
    .richcompare = set_richcompare,
    .binop = {[OP_OR] = set_or, [OP_AND] = set_and, [OP_SUB] = set_sub, [OP_XOR] = set_xor},
    .truth = set_truth,
    .len = set_len,
    .contains = set_contains,
    .iter = set_iter,
    .new_ = set_tp_new,
    .methods = frozenset_methods,
};

/* ================================================================
 * set_iterator
 * ================================================================ */

/* The SetIterData of iterator I. */
static SetIterData *siter(const Heap *h, Ref i) { return (SetIterData *)h->objs[i].v.p; }

/* set_iter: a tracked 64-byte iterator. */
static Ref setiter_new(Heap *h, Ref s)
{
    Ref it = heap_alloc_object(h, K_SETITER, h->type_of_kind[K_SETITER], gch(h) + 48,
                               gch(h), true);
    if (!it)
        return NULLREF;
    SetIterData *si = xcalloc(1, sizeof *si);
    si->set = heap_newref(h, s);
    si->used = (int64_t)set_size(h, s);
    si->len = si->used;
    h->objs[it].v.p = si;
    gc_track(h, it);
    return it;
}

/* next(it). */
static Ref setiter_next(Heap *h, Ref it)
{
    SetIterData *si = siter(h, it);
    Ref s = si->set;
    if (!s)
        return NULLREF;
    if (si->used != (int64_t)set_size(h, s)) {
        si->used = -1;
        return heap_raise(h, EXC_RuntimeError, "Set changed size during iteration");
    }
    Ref key;
    if (!set_next(h, s, &si->pos, &key)) {
        si->set = 0;
        heap_decref(h, s);
        return NULLREF;
    }
    si->len--;
    return heap_newref(h, key);
}

/* iter(it) is it. */
static Ref setiter_iter(Heap *h, Ref it)
{
    return heap_newref(h, it);
}

/* Visit the iterator's set. */
static void setiter_traverse(Heap *h, Ref it, VisitFn visit, void *arg)
{
    if (siter(h, it)->set)
        visit(h, siter(h, it)->set, arg);
}

/* Free the host payload. */
static void setiter_release(Heap *h, Ref it)
{
    free(siter(h, it));
    h->objs[it].v.p = NULL;
}

/* Copy the iterator's payload for heap_clone. */
static void setiter_clone(const Heap *src, Heap *dst, Ref it, CloneMap *map)
{
    (void)map;
    dst->objs[it].v.p = clone_memdup(siter(src, it), sizeof(SetIterData));
}

/* Deallocate the iterator. */
static void setiter_dealloc(Heap *h, Ref it)
{
    Ref s = siter(h, it)->set;
    setiter_release(h, it);
    heap_decref(h, s);
    heap_free_object(h, it, gch(h), true);
}

/* it.__length_hint__(). */
static Ref m_iter_len(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kw)
{
    (void)args;
    if (!arg_check(h, "__length_hint__", nargs, kw, 0, 0))
        return NULLREF;
    SetIterData *si = siter(h, self);
    int64_t n = si->set && si->used == (int64_t)set_size(h, si->set) ? si->len : 0;
    return int_from_i64(h, n);
}

static const MethodDef setiter_methods[] = {
    {"__length_hint__", m_iter_len, "Private method returning an estimate of len(list(it))."},
    {NULL, NULL, NULL},
};

/* sys.getsizeof(it): setiterobject plus the GC header. */
static size_t setiter_sizeof(Heap *h, Ref it)
{
    (void)it;
    return gch(h) + 48;
}

const TypeOps setiter_ops = {
    .name = "set_iterator",
    .gc = 1,
    .sizeof_ = setiter_sizeof,
    .dealloc = setiter_dealloc,
    .traverse = setiter_traverse,
    .release = setiter_release,
    .clone = setiter_clone,
    .iter = setiter_iter,
    .iternext = setiter_next,
    .methods = setiter_methods,
};

/* ---- a read-only view of the table (the viewer's memory drawings) ---- */

/* Describe set or frozenset S into *OUT. */
void set_view(const Heap *h, Ref s, SetView *out)
{
    const SetData *sd = sdata(h, s);
    memset(out, 0, sizeof *out);
    out->hash = -1;
    if (!sd)
        return;
    out->fill = sd->fill;
    out->used = sd->used;
    out->mask = sd->mask;
    out->hash = sd->hash;
    out->finger = sd->finger;
    out->table_addr = sd->table != sd->smalltable ? sd->table_addr : 0;
}

/* Slot I of S's table: 1 active, 0 unused, -1 dummy. */
int set_view_entry(const Heap *h, Ref s, size_t i, Ref *key, int64_t *hash)
{
    const SetData *sd = sdata(h, s);
    if (!sd || i > sd->mask || sd->table[i].key == 0)
        return 0;
    if (sd->table[i].key == DUMMY)
        return -1;
    *key = sd->table[i].key;
    *hash = sd->table[i].hash;
    return 1;
}
