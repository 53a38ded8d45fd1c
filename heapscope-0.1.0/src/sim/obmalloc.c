/* The obmalloc model.
 *
 * This is CPython's pymalloc (Objects/obmalloc.c, 3.8 .. 3.13) replayed on
 * simulated addresses.  Every structure keeps CPython's name and meaning;
 * only the representation changes, because the simulated memory is never
 * allocated:
 *
 *   arena_object   one per slot of the `arenas` vector (INITIAL_ARENA_OBJECTS
 *                  to start, doubled when unused_arena_objects runs dry).
 *                  address, pool_address, nfreepools, ntotalpools, freepools,
 *                  nextarena, prevarena as in CPython, with arena indices
 *                  instead of pointers (-1 is NULL).  It also owns the array
 *                  of its pool headers, indexed by pool number.
 *   pool_header    count, freeblock, nextpool, prevpool, arenaindex, szidx,
 *                  nextoffset, maxnextoffset.  Pools are named by a handle
 *                  (arena << pshift | pool number); the 32 usedpools[] list
 *                  heads are sentinel headers with handles HEADS + szidx, so
 *                  the circular lists work exactly like CPython's fudged
 *                  usedpools[2*i] entries.
 *   freeblock list CPython threads it through the free blocks' first word.
 *                  Here each pool has a small array `next` of uint16, one per
 *                  block: the index of the next free block, NIL at the end of
 *                  the list, or USED while the block is handed out.  Blocks at
 *                  or past nextoffset are virgin, whatever the array holds.
 *   usable_arenas  doubly linked, sorted by ascending nfreepools, with the
 *                  nfp2lasta[] fingers (3.8+), so malloc and free are O(1).
 *
 * Version differences come in through ObmallocConfig: ARENA_SIZE/POOL_SIZE
 * (256 KiB/4 KiB in 3.8, 1 MiB/16 KiB from 3.10), whether a wholly free arena
 * that is last in usable_arenas is kept (3.9+, bpo-37257) or released (3.8),
 * and whether the radix-tree arena map exists (3.10+: it adds a section to
 * sys._debugmallocstats()).
 *
 * Address layout (deterministic):
 *   Arenas come from a simulated mmap() that packs them top-down, one page
 *   below ARENA_TOP: slot k is [ARENA_TOP - 4 KiB - (k+1)*ARENA_SIZE, +ARENA_SIZE).
 *   Like real mmap results the bases are page-aligned but, by that one page,
 *   not pool-aligned when pools are bigger than a page: with 16 KiB pools
 *   (3.10+) every arena loses one pool to alignment (new_arena() gives
 *   nfreepools = 63) and its first pool starts 4 KiB in, at a round address
 *   (arena 0: base 0x7f39ffeff000, first pool 0x7f39fff00000); with 4 KiB
 *   pools (3.8) nothing is lost.  That is what small real runs show (at
 *   startup 4 of 4 arenas lost a pool in 3.11, 2 of 2 in 3.12 and 3.13, none
 *   in 3.8); Linux packs same-size mmaps back to back, so arenas mapped in a
 *   row share one alignment (a 3.12 run that then mapped 20 more got all of
 *   those aligned; the model keeps the one-page offset throughout).  A new
 *   arena takes the lowest free slot (the highest free address, as a
 *   top-down mmap fills the hole a munmap left).
 *   The system malloc is a brk heap from HEAP_BASE upwards: 16-byte chunk
 *   headers, chunk = 16 + request rounded up to 16 (at least 32), user
 *   address = chunk + 16.  malloc takes the most recently freed chunk of the
 *   same size (LIFO, like glibc's tcache), else the lowest-address free chunk
 *   that is big enough (first fit, split when the rest can hold a chunk),
 *   else extends the top.  Freeing the chunk next to the top gives it back to
 *   the top, together with any free chunks below it; other free chunks are not
 *   coalesced.  The chunks sit in a treap keyed by address (priorities are a
 *   hash of the address, so it is deterministic) that also keeps the largest
 *   free chunk of each subtree for the first-fit search.
 *
 * Host memory: bookkeeping only (pool headers, two bytes a block per carved
 * pool, one node a system chunk).  Host allocation failure aborts. */
#include "sim/obmalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NB_CLASSES      OBMALLOC_NB_SMALL_SIZE_CLASSES
#define POOL_OVERHEAD   OBMALLOC_POOL_OVERHEAD
#define NIL             0xFFFFu         /* end of a freeblock list */
#define USED            0xFFFEu         /* block handed out */
#define NOPOOL          0xFFFFFFFFu
#define HEADS           0xFFFFFF00u     /* handles of the usedpools[] heads */
#define DUMMY_SIZE_IDX  0xFFFFu         /* size class of newly carved pools */
#define PAGE            UINT64_C(0x1000)
#define RAW_MAX         (UINT64_C(1) << 44)  /* larger requests fail */
#define MIN_CHUNK       32u

typedef struct pool_header {
    uint32_t count;             /* ref.count: blocks in use */
    uint32_t freeblock;         /* block index of the free-list head, or NIL */
    uint32_t nextpool, prevpool;/* handles (usedpools list / freepools chain) */
    uint32_t arenaindex;
    uint32_t szidx;
    uint32_t nextoffset;        /* bytes to the next virgin block */
    uint32_t maxnextoffset;     /* largest valid nextoffset */
    uint16_t *next;             /* per block: next free index, NIL or USED */
    uint32_t ncap;              /* entries in next */
} pool_header;

typedef struct arena_object {
    uint64_t address;           /* 0: not associated with an arena */
    uint64_t pool_address;      /* next pool to carve */
    uint32_t nfreepools, ntotalpools;
    uint32_t freepools;         /* handle of the first cached empty pool */
    int32_t nextarena, prevarena;
    uint32_t slot;              /* mmap slot of the arena */
    pool_header *pools;         /* indexed by pool number */
} arena_object;

typedef struct chunk {
    uint64_t addr, size;        /* chunk start (header) and chunk bytes */
    uint64_t req;               /* bytes requested, while in use */
    uint64_t maxfree;           /* largest free chunk in this subtree */
    int32_t left, right;        /* treap children (left chains recycled nodes) */
    int32_t bin_prev, bin_next; /* same-size free chunks, most recent first */
    int free;
} chunk;

typedef struct bin {
    uint64_t size;              /* 0: empty hash slot */
    int32_t head;
} bin;

typedef struct rawheap {
    chunk *nodes;
    int32_t nnodes, cap, recycled, root;
    uint64_t top;               /* the brk: end of the last chunk */
    bin *bins;
    uint32_t nbins, binsused;   /* hash capacity (power of two), keys in use */
    size_t live_count, live_bytes;
} rawheap;

typedef struct keyset {
    uint64_t *keys;
    uint32_t n, cap;
} keyset;

struct Obmalloc {
    ObmallocConfig cfg;
    uint32_t npa;               /* MAX_POOLS_IN_ARENA */
    uint32_t pshift;            /* log2(npa) */
    uint32_t arena_shift;       /* log2(arena_size): addresses map by shifting */
    uint32_t pool_shift;        /* log2(pool_size) */
    uint32_t recip[NB_CLASSES]; /* per size class: 2^32 / size, rounded up */
    pool_header usedpools[NB_CLASSES];
    arena_object *arenas;
    uint32_t maxarenas;
    int32_t unused_arena_objects, usable_arenas;
    int32_t *nfp2lasta;         /* npa + 1 entries */
    size_t narenas_currently_allocated, ntimes_arena_allocated, narenas_highwater;
    size_t live[NB_CLASSES];
    int32_t *slot_arena;        /* arena in each mmap slot, -1 if none */
    uint32_t nslots, slot_hint;
    keyset map_mid, map_bot;    /* radix-tree nodes ever created */
    rawheap heap;
};

/* ---------------------------------------------------------------- helpers */

/* Abort: the host is out of memory. */
static void oom(void)
{
    fputs("heapscope: out of memory\n", stderr);
    abort();
}

/* realloc() that never returns NULL. */
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

/* calloc() that never returns NULL. */
static void *xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size ? size : 1);
    if (!q)
        oom();
    return q;
}

/* Copy N bytes of P into fresh memory (NULL stays NULL). */
static void *memdup(const void *p, size_t n)
{
    if (!p)
        return NULL;
    void *q = xrealloc(NULL, n);
    memcpy(q, p, n);
    return q;
}

/* True if X is a power of two. */
static int ispow2(uint64_t x)
{
    return x && !(x & (x - 1));
}

/* log2 of a power of two. */
static uint32_t log2u(uint64_t x)
{
    uint32_t n = 0;
    while (x > 1) {
        x >>= 1;
        n++;
    }
    return n;
}

/* INDEX2SIZE: bytes in size class I. */
static uint32_t index2size(uint32_t i)
{
    return (i + 1) << 4;
}

/* NUMBLOCKS: blocks in a pool of size class I. */
static uint32_t numblocks(const Obmalloc *m, uint32_t i)
{
    return (uint32_t)(m->cfg.pool_size - POOL_OVERHEAD) / index2size(i);
}

/* ------------------------------------------------------- pool handles */

/* The pool header (or usedpools[] head) behind handle H. */
static pool_header *pool_at(const Obmalloc *m, uint32_t h)
{
    if (h >= HEADS)
        return (pool_header *)&m->usedpools[h - HEADS];
    return &m->arenas[h >> m->pshift].pools[h & (m->npa - 1)];
}

/* Handle of pool number IDX of arena A. */
static uint32_t pool_handle(const Obmalloc *m, uint32_t a, uint32_t idx)
{
    return (a << m->pshift) | idx;
}

/* First pool-aligned address of arena AO. */
static uint64_t first_pool(const Obmalloc *m, const arena_object *ao)
{
    uint64_t mask = m->cfg.pool_size - 1;
    return (ao->address + mask) & ~mask;
}

/* Address of the pool behind handle H. */
static uint64_t pool_addr(const Obmalloc *m, uint32_t h)
{
    const arena_object *ao = &m->arenas[h >> m->pshift];
    return first_pool(m, ao) + (uint64_t)(h & (m->npa - 1)) * m->cfg.pool_size;
}

/* Number of pools carved so far in arena AO. */
static uint32_t carved_pools(const Obmalloc *m, const arena_object *ao)
{
    return (uint32_t)((ao->pool_address - first_pool(m, ao)) / m->cfg.pool_size);
}

/* Address of block BI of the pool behind handle H. */
static inline uint64_t block_addr(const Obmalloc *m, uint32_t h, uint32_t bi)
{
    const pool_header *p = pool_at(m, h);
    return pool_addr(m, h) + POOL_OVERHEAD + (uint64_t)bi * index2size(p->szidx);
}

/* OFF / INDEX2SIZE(I) for an offset inside a pool, by multiplying with the
 * rounded-up reciprocal: exact, because OFF < 2^18 makes the error below
 * 2^-14 while OFF / size is at least 1/512 away from the next integer. */
static inline uint32_t div_size(const Obmalloc *m, uint32_t off, uint32_t i)
{
    return (uint32_t)(((uint64_t)off * m->recip[i]) >> 32);
}

/* Index of the block at pool offset OFF in pool P. */
static uint32_t block_index(const pool_header *p, uint32_t off)
{
    return (off - POOL_OVERHEAD) / index2size(p->szidx);
}

/* ------------------------------------------------------------ mmap model */

/* Base address of an arena placed in mmap slot K. */
static uint64_t slot_base(const Obmalloc *m, uint32_t k)
{
    return OBMALLOC_ARENA_TOP - PAGE - (uint64_t)(k + 1) * m->cfg.arena_size;
}

/* Reserve the lowest free mmap slot for arena A; returns the slot. */
static uint32_t slot_take(Obmalloc *m, int32_t a)
{
    uint32_t k = m->slot_hint;
    while (k < m->nslots && m->slot_arena[k] >= 0)
        k++;
    if (k == m->nslots) {
        m->slot_arena = xrealloc(m->slot_arena, (size_t)(k + 1) * sizeof *m->slot_arena);
        m->nslots = k + 1;
    }
    m->slot_arena[k] = a;
    m->slot_hint = k + 1;
    return k;
}

/* munmap: give slot K back. */
static void slot_release(Obmalloc *m, uint32_t k)
{
    m->slot_arena[k] = -1;
    if (k < m->slot_hint)
        m->slot_hint = k;
}

/* Index of the allocated arena whose memory holds ADDR, or -1. */
static int32_t arena_of(const Obmalloc *m, uint64_t addr)
{
    if (addr >= OBMALLOC_ARENA_TOP - PAGE)
        return -1;
    uint64_t k = (OBMALLOC_ARENA_TOP - PAGE - 1 - addr) >> m->arena_shift;
    return k < m->nslots ? m->slot_arena[k] : -1;
}

/* ------------------------------------------------------- radix tree model */

/* Add KEY to set S unless it is there (the sets hold a handful of keys). */
static void keyset_add(keyset *s, uint64_t key)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (s->keys[i] == key)
            return;
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4;
        s->keys = xrealloc(s->keys, s->cap * sizeof *s->keys);
    }
    s->keys[s->n++] = key;
}

/* Bits of one interior (top or mid) radix node index. */
static uint32_t map_interior_bits(const Obmalloc *m)
{
    uint32_t abits = 64 - m->cfg.arena_map_ignore_bits;
    return (abits - log2u(m->cfg.arena_size) + 2) / 3;
}

/* Bits of a bottom radix node index. */
static uint32_t map_bot_bits(const Obmalloc *m)
{
    uint32_t abits = 64 - m->cfg.arena_map_ignore_bits;
    return abits - log2u(m->cfg.arena_size) - 2 * map_interior_bits(m);
}

/* arena_map_get(P, create=1): count the mid and bottom nodes P needs. */
static void map_touch(Obmalloc *m, uint64_t p)
{
    uint32_t ign = m->cfg.arena_map_ignore_bits;
    if (ign)
        p &= (UINT64_C(1) << (64 - ign)) - 1;
    uint32_t mid_shift = map_bot_bits(m) + log2u(m->cfg.arena_size);
    uint32_t top_shift = mid_shift + map_interior_bits(m);
    keyset_add(&m->map_mid, p >> top_shift);
    keyset_add(&m->map_bot, p >> mid_shift);
}

/* arena_map_mark_used(base, 1): an unaligned arena spans two ideal arenas. */
static void map_mark_used(Obmalloc *m, uint64_t base)
{
    if (m->cfg.no_arena_map)
        return;
    map_touch(m, base);
    if (base & (m->cfg.arena_size - 1))
        map_touch(m, base + m->cfg.arena_size);
}

/* -------------------------------------------------------------- arenas */

/* Double the arenas vector and chain the new slots on unused_arena_objects. */
static void grow_arenas(Obmalloc *m)
{
    uint32_t old = m->maxarenas;
    uint32_t n = old ? old * 2 : m->cfg.initial_arenas;
    m->arenas = xrealloc(m->arenas, (size_t)n * sizeof *m->arenas);
    memset(m->arenas + old, 0, (size_t)(n - old) * sizeof *m->arenas);
    for (uint32_t i = old; i < n; i++)
        m->arenas[i].nextarena = i + 1 < n ? (int32_t)(i + 1) : -1;
    m->unused_arena_objects = (int32_t)old;
    m->maxarenas = n;
}

/* new_arena(): take an arena_object, map an arena, compute its pools. */
static int32_t new_arena(Obmalloc *m)
{
    if (m->unused_arena_objects < 0)
        grow_arenas(m);
    int32_t a = m->unused_arena_objects;
    arena_object *ao = &m->arenas[a];
    m->unused_arena_objects = ao->nextarena;
    ao->slot = slot_take(m, a);
    ao->address = slot_base(m, ao->slot);
    map_mark_used(m, ao->address);
    if (++m->narenas_currently_allocated > m->narenas_highwater)
        m->narenas_highwater = m->narenas_currently_allocated;
    m->ntimes_arena_allocated++;
    ao->freepools = NOPOOL;
    ao->pool_address = ao->address;
    ao->nfreepools = m->npa;
    uint64_t excess = ao->address & (m->cfg.pool_size - 1);
    if (excess) {
        ao->nfreepools--;
        ao->pool_address += m->cfg.pool_size - excess;
    }
    ao->ntotalpools = ao->nfreepools;
    ao->pools = xcalloc(m->npa, sizeof *ao->pools);
    return a;
}

/* Return arena AO to the simulated OS (it is already off usable_arenas). */
static void free_arena(Obmalloc *m, int32_t a)
{
    arena_object *ao = &m->arenas[a];
    for (uint32_t i = 0; i < m->npa; i++)
        free(ao->pools[i].next);
    free(ao->pools);
    ao->pools = NULL;
    slot_release(m, ao->slot);
    ao->nextarena = m->unused_arena_objects;
    m->unused_arena_objects = a;
    ao->address = 0;
    m->narenas_currently_allocated--;
}

/* Unlink the head of usable_arenas once it has no free pool left. */
static void drop_full_head(Obmalloc *m)
{
    arena_object *ao = &m->arenas[m->usable_arenas];
    if (ao->nfreepools)
        return;
    m->usable_arenas = ao->nextarena;
    if (m->usable_arenas >= 0)
        m->arenas[m->usable_arenas].prevarena = -1;
}

/* Carve the pool at the head arena's pool_address; returns its handle. */
static uint32_t carve_pool(Obmalloc *m, int32_t a)
{
    arena_object *ao = &m->arenas[a];
    uint32_t idx = carved_pools(m, ao);
    pool_header *p = &ao->pools[idx];
    p->arenaindex = (uint32_t)a;
    p->szidx = DUMMY_SIZE_IDX;
    ao->pool_address += m->cfg.pool_size;
    return pool_handle(m, (uint32_t)a, idx);
}

/* Take a pool from the head of usable_arenas: a cached one, else a new one. */
static uint32_t take_pool(Obmalloc *m)
{
    int32_t a = m->usable_arenas;
    arena_object *ao = &m->arenas[a];
    uint32_t h = ao->freepools;
    if (h != NOPOOL)
        ao->freepools = pool_at(m, h)->nextpool;
    else
        h = carve_pool(m, a);
    ao->nfreepools--;
    drop_full_head(m);
    return h;
}

/* allocate_from_new_pool(): the arena bookkeeping part (fingers included). */
static uint32_t pool_for_class(Obmalloc *m)
{
    if (m->usable_arenas < 0) {
        int32_t a = new_arena(m);
        m->usable_arenas = a;
        m->arenas[a].nextarena = m->arenas[a].prevarena = -1;
        m->nfp2lasta[m->arenas[a].nfreepools] = a;
    }
    int32_t ua = m->usable_arenas;
    uint32_t nf = m->arenas[ua].nfreepools;
    if (m->nfp2lasta[nf] == ua)
        m->nfp2lasta[nf] = -1;
    if (nf > 1)
        m->nfp2lasta[nf - 1] = ua;
    return take_pool(m);
}

/* Make room in pool P's next array for size class SIZE. */
static void reserve_blocks(Obmalloc *m, pool_header *p, uint32_t size)
{
    uint32_t n = numblocks(m, size);
    if (p->ncap < n) {
        p->next = xrealloc(p->next, n * sizeof *p->next);
        p->ncap = n;
    }
}

/* Pool init: header for SIZE, free list = second block, return the first. */
static uint32_t init_pool(Obmalloc *m, pool_header *p, uint32_t size)
{
    reserve_blocks(m, p, size);
    p->szidx = size;
    uint32_t bytes = index2size(size);
    p->nextoffset = POOL_OVERHEAD + 2 * bytes;
    p->maxnextoffset = (uint32_t)m->cfg.pool_size - bytes;
    p->freeblock = 1;
    p->next[1] = NIL;
    return 0;
}

/* Link pool H as the only member of usedpools[SIZE] (the list is empty). */
static void frontlink(Obmalloc *m, uint32_t h, uint32_t size)
{
    pool_header *head = &m->usedpools[size];
    pool_header *p = pool_at(m, h);
    p->nextpool = p->prevpool = HEADS + size;
    head->nextpool = head->prevpool = h;
}

/* allocate_from_new_pool(SIZE): a block from a fresh or cached pool. */
static uint64_t from_new_pool(Obmalloc *m, uint32_t size)
{
    uint32_t h = pool_for_class(m);
    pool_header *p = pool_at(m, h);
    frontlink(m, h, size);
    p->count = 1;
    uint32_t bi;
    if (p->szidx == size) {
        bi = p->freeblock;
        p->freeblock = p->next[bi];
    } else {
        bi = init_pool(m, p, size);
    }
    p->next[bi] = USED;
    return block_addr(m, h, bi);
}

/* pymalloc_pool_extend(): carve the next virgin block, or unlink a full pool. */
static void pool_extend(Obmalloc *m, pool_header *p)
{
    if (p->nextoffset <= p->maxnextoffset) {
        p->freeblock = block_index(p, p->nextoffset);
        p->next[p->freeblock] = NIL;
        p->nextoffset += index2size(p->szidx);
        return;
    }
    pool_at(m, p->prevpool)->nextpool = p->nextpool;
    pool_at(m, p->nextpool)->prevpool = p->prevpool;
}

/* pymalloc_alloc(): a block of class SIZE from the head of usedpools[SIZE]. */
static uint64_t small_alloc(Obmalloc *m, uint32_t size)
{
    uint32_t h = m->usedpools[size].nextpool;
    m->live[size]++;
    if (h == HEADS + size)
        return from_new_pool(m, size);
    pool_header *p = pool_at(m, h);
    p->count++;
    uint32_t bi = p->freeblock;
    p->freeblock = p->next[bi];
    p->next[bi] = USED;
    if (p->freeblock == NIL)
        pool_extend(m, p);
    return block_addr(m, h, bi);
}

/* insert_to_usedpool(): a full pool that got a free block goes to the front. */
static void insert_to_usedpool(Obmalloc *m, uint32_t h, pool_header *p)
{
    uint32_t next = m->usedpools[p->szidx].nextpool;
    uint32_t prev = pool_at(m, next)->prevpool;   /* the head itself */
    p->nextpool = next;
    p->prevpool = prev;
    pool_at(m, next)->prevpool = h;
    pool_at(m, prev)->nextpool = h;
}

/* Unlink arena A from usable_arenas. */
static void usable_unlink(Obmalloc *m, int32_t a)
{
    arena_object *ao = &m->arenas[a];
    if (ao->prevarena < 0)
        m->usable_arenas = ao->nextarena;
    else
        m->arenas[ao->prevarena].nextarena = ao->nextarena;
    if (ao->nextarena >= 0)
        m->arenas[ao->nextarena].prevarena = ao->prevarena;
}

/* Case 2: an arena that was full gets its first free pool: head of the list. */
static void usable_push_front(Obmalloc *m, int32_t a)
{
    arena_object *ao = &m->arenas[a];
    ao->nextarena = m->usable_arenas;
    ao->prevarena = -1;
    if (m->usable_arenas >= 0)
        m->arenas[m->usable_arenas].prevarena = a;
    m->usable_arenas = a;
    if (m->nfp2lasta[1] < 0)
        m->nfp2lasta[1] = a;
}

/* Case 3: move arena A right, to just after LASTNF, to keep the order. */
static void usable_slide(Obmalloc *m, int32_t a, int32_t lastnf)
{
    arena_object *ao = &m->arenas[a];
    usable_unlink(m, a);
    ao->prevarena = lastnf;
    ao->nextarena = m->arenas[lastnf].nextarena;
    if (ao->nextarena >= 0)
        m->arenas[ao->nextarena].prevarena = a;
    m->arenas[lastnf].nextarena = a;
}

/* Case 1 test: is a wholly free arena returned to the OS? */
static int release_arena(const Obmalloc *m, const arena_object *ao, uint32_t nf)
{
    if (nf != ao->ntotalpools)
        return 0;
    return m->cfg.release_last_free_arena || ao->nextarena >= 0;
}

/* insert_to_freepool(): an empty pool goes to its arena's freepools, and the
 * arena moves in (or leaves) usable_arenas. */
static void insert_to_freepool(Obmalloc *m, uint32_t h, pool_header *p)
{
    pool_at(m, p->prevpool)->nextpool = p->nextpool;
    pool_at(m, p->nextpool)->prevpool = p->prevpool;
    int32_t a = (int32_t)p->arenaindex;
    arena_object *ao = &m->arenas[a];
    p->nextpool = ao->freepools;
    ao->freepools = h;
    uint32_t nf = ao->nfreepools;
    int32_t lastnf = m->nfp2lasta[nf];
    if (lastnf == a) {
        int32_t pv = ao->prevarena;
        m->nfp2lasta[nf] = (pv >= 0 && m->arenas[pv].nfreepools == nf) ? pv : -1;
    }
    ao->nfreepools = ++nf;
    if (release_arena(m, ao, nf)) {
        usable_unlink(m, a);
        free_arena(m, a);
        return;
    }
    if (nf == 1) {
        usable_push_front(m, a);
        return;
    }
    if (m->nfp2lasta[nf] < 0)
        m->nfp2lasta[nf] = a;
    if (a != lastnf)
        usable_slide(m, a, lastnf);
}

/* pymalloc_free(): block BI of pool H goes back on the pool's free list. */
static void small_free(Obmalloc *m, uint32_t h, pool_header *p, uint32_t bi)
{
    uint32_t lastfree = p->freeblock;
    p->next[bi] = (uint16_t)lastfree;
    p->freeblock = bi;
    p->count--;
    m->live[p->szidx]--;
    if (lastfree == NIL) {
        insert_to_usedpool(m, h, p);
        return;
    }
    if (p->count == 0)
        insert_to_freepool(m, h, p);
}

/* Find the pool block holding ADDR: its handle and block index; 0 if none.
 * BLOCK_START demands that ADDR be the block's first byte. */
static int find_block(const Obmalloc *m, uint64_t addr, int block_start,
                      uint32_t *hp, uint32_t *bip)
{
    int32_t a = arena_of(m, addr);
    if (a < 0)
        return 0;
    const arena_object *ao = &m->arenas[a];
    uint64_t fp = first_pool(m, ao);
    if (addr < fp || addr >= ao->pool_address)
        return 0;
    uint32_t idx = (uint32_t)((addr - fp) >> m->pool_shift);
    uint32_t h = pool_handle(m, (uint32_t)a, idx);
    const pool_header *p = &ao->pools[idx];          /* pool_at(m, h) */
    uint32_t off = (uint32_t)((addr - fp) & (m->cfg.pool_size - 1));
    if (p->count == 0 || off < POOL_OVERHEAD || off >= p->nextoffset)
        return 0;
    uint32_t size = index2size(p->szidx);
    uint32_t bi = div_size(m, off - POOL_OVERHEAD, p->szidx);
    /* bi < numblocks and the block-start test, without further divisions */
    if ((uint64_t)(bi + 1) * size > m->cfg.pool_size - POOL_OVERHEAD || p->next[bi] != USED)
        return 0;
    if (block_start && off - POOL_OVERHEAD != bi * size)
        return 0;
    *hp = h;
    *bip = bi;
    return 1;
}

/* ------------------------------------------------- system malloc (treap) */

/* splitmix64: the deterministic treap priority of a chunk address. */
static uint64_t prio(uint64_t x)
{
    x += UINT64_C(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)) * UINT64_C(0x94d049bb133111eb);
    return x ^ (x >> 31);
}

/* Recompute node I's maxfree from itself and its children. */
static void pull(rawheap *hp, int32_t i)
{
    chunk *c = &hp->nodes[i];
    uint64_t mx = c->free ? c->size : 0;
    if (c->left >= 0 && hp->nodes[c->left].maxfree > mx)
        mx = hp->nodes[c->left].maxfree;
    if (c->right >= 0 && hp->nodes[c->right].maxfree > mx)
        mx = hp->nodes[c->right].maxfree;
    c->maxfree = mx;
}

/* Split treap T into chunks below KEY (*L) and at or above it (*R). */
static void tsplit(rawheap *hp, int32_t t, uint64_t key, int32_t *l, int32_t *r)
{
    if (t < 0) {
        *l = *r = -1;
        return;
    }
    chunk *c = &hp->nodes[t];
    if (c->addr < key) {
        tsplit(hp, c->right, key, &c->right, r);
        *l = t;
    } else {
        tsplit(hp, c->left, key, l, &c->left);
        *r = t;
    }
    pull(hp, t);
}

/* Join treaps A and B (every address in A below every address in B). */
static int32_t tmerge(rawheap *hp, int32_t a, int32_t b)
{
    if (a < 0 || b < 0)
        return a < 0 ? b : a;
    if (prio(hp->nodes[a].addr) > prio(hp->nodes[b].addr)) {
        hp->nodes[a].right = tmerge(hp, hp->nodes[a].right, b);
        pull(hp, a);
        return a;
    }
    hp->nodes[b].left = tmerge(hp, a, hp->nodes[b].left);
    pull(hp, b);
    return b;
}

/* Recompute maxfree along the path to the chunk at KEY. */
static void trefresh(rawheap *hp, int32_t t, uint64_t key)
{
    if (t < 0)
        return;
    chunk *c = &hp->nodes[t];
    if (key < c->addr)
        trefresh(hp, c->left, key);
    else if (key > c->addr)
        trefresh(hp, c->right, key);
    pull(hp, t);
}

/* The chunk with the greatest address <= X, or -1. */
static int32_t tfind_le(const rawheap *hp, uint64_t x)
{
    int32_t t = hp->root, best = -1;
    while (t >= 0) {
        if (hp->nodes[t].addr <= x) {
            best = t;
            t = hp->nodes[t].right;
        } else {
            t = hp->nodes[t].left;
        }
    }
    return best;
}

/* First fit: the lowest-address free chunk of at least NEED bytes, or -1. */
static int32_t tfirst_fit(const rawheap *hp, uint64_t need)
{
    int32_t t = hp->root;
    if (t < 0 || hp->nodes[t].maxfree < need)
        return -1;
    for (;;) {
        const chunk *c = &hp->nodes[t];
        if (c->left >= 0 && hp->nodes[c->left].maxfree >= need)
            t = c->left;
        else if (c->free && c->size >= need)
            return t;
        else
            t = c->right;
    }
}

/* A fresh node for the chunk [ADDR, ADDR+SIZE). */
static int32_t node_new(rawheap *hp, uint64_t addr, uint64_t size)
{
    int32_t i = hp->recycled;
    if (i >= 0) {
        hp->recycled = hp->nodes[i].left;
    } else {
        if (hp->nnodes == hp->cap) {
            hp->cap = hp->cap ? 2 * hp->cap : 64;
            hp->nodes = xrealloc(hp->nodes, (size_t)hp->cap * sizeof *hp->nodes);
        }
        i = hp->nnodes++;
    }
    chunk *c = &hp->nodes[i];
    memset(c, 0, sizeof *c);
    c->addr = addr;
    c->size = size;
    c->left = c->right = c->bin_prev = c->bin_next = -1;
    return i;
}

/* Put node I into the treap. */
static void tinsert(rawheap *hp, int32_t i)
{
    int32_t l, r;
    pull(hp, i);
    tsplit(hp, hp->root, hp->nodes[i].addr, &l, &r);
    hp->root = tmerge(hp, tmerge(hp, l, i), r);
}

/* Take node I out of the treap and recycle it. */
static void tremove(rawheap *hp, int32_t i)
{
    int32_t l, mid, r;
    uint64_t key = hp->nodes[i].addr;
    tsplit(hp, hp->root, key, &l, &r);
    tsplit(hp, r, key + 1, &mid, &r);
    hp->root = tmerge(hp, l, r);
    hp->nodes[i].left = hp->recycled;
    hp->recycled = i;
}

static bin *bin_find(rawheap *hp, uint64_t size, int create);

/* Double the bins hash table and re-insert its keys. */
static void bin_grow(rawheap *hp)
{
    uint32_t oldn = hp->nbins;
    bin *old = hp->bins;
    hp->nbins = oldn ? 2 * oldn : 64;
    hp->bins = xcalloc(hp->nbins, sizeof *hp->bins);
    hp->binsused = 0;
    for (uint32_t i = 0; i < oldn; i++)
        if (old[i].size)
            *bin_find(hp, old[i].size, 1) = old[i];
    free(old);
}

/* Hash slot of the bin for chunk size SIZE (created when CREATE). */
static bin *bin_find(rawheap *hp, uint64_t size, int create)
{
    if (create && 2 * (hp->binsused + 1) > hp->nbins)
        bin_grow(hp);
    if (!hp->nbins)
        return NULL;
    uint32_t mask = hp->nbins - 1, i = (uint32_t)prio(size) & mask;
    while (hp->bins[i].size && hp->bins[i].size != size)
        i = (i + 1) & mask;
    if (!hp->bins[i].size) {
        if (!create)
            return NULL;
        hp->bins[i].size = size;
        hp->bins[i].head = -1;
        hp->binsused++;
    }
    return &hp->bins[i];
}

/* Push free node I on the front of its size's bin. */
static void bin_push(rawheap *hp, int32_t i)
{
    bin *b = bin_find(hp, hp->nodes[i].size, 1);
    hp->nodes[i].bin_prev = -1;
    hp->nodes[i].bin_next = b->head;
    if (b->head >= 0)
        hp->nodes[b->head].bin_prev = i;
    b->head = i;
}

/* Take free node I out of its size's bin. */
static void bin_remove(rawheap *hp, int32_t i)
{
    chunk *c = &hp->nodes[i];
    if (c->bin_prev >= 0)
        hp->nodes[c->bin_prev].bin_next = c->bin_next;
    else
        bin_find(hp, c->size, 0)->head = c->bin_next;
    if (c->bin_next >= 0)
        hp->nodes[c->bin_next].bin_prev = c->bin_prev;
    c->bin_prev = c->bin_next = -1;
}

/* Bytes of the chunk that holds a request of NBYTES (malloc(0) is malloc(1)). */
static uint64_t chunk_size(size_t nbytes)
{
    uint64_t n = nbytes ? nbytes : 1;
    uint64_t cs = 16 + ((n + 15) & ~UINT64_C(15));
    return cs < MIN_CHUNK ? MIN_CHUNK : cs;
}

/* Mark node I in use for NBYTES and account for it. */
static uint64_t raw_use(rawheap *hp, int32_t i, size_t nbytes)
{
    chunk *c = &hp->nodes[i];
    c->free = 0;
    c->req = nbytes;
    trefresh(hp, hp->root, c->addr);
    hp->live_count++;
    hp->live_bytes += nbytes;
    return c->addr + 16;
}

/* Cut free node I down to CS bytes; the rest becomes a free chunk. */
static void raw_split(rawheap *hp, int32_t i, uint64_t cs)
{
    uint64_t rest = hp->nodes[i].size - cs;
    if (rest < MIN_CHUNK)
        return;
    hp->nodes[i].size = cs;
    int32_t j = node_new(hp, hp->nodes[i].addr + cs, rest);
    hp->nodes[j].free = 1;
    tinsert(hp, j);
    bin_push(hp, j);
}

/* malloc() of the system model. */
static uint64_t raw_malloc(rawheap *hp, size_t nbytes)
{
    if (nbytes > RAW_MAX)
        return 0;
    uint64_t cs = chunk_size(nbytes);
    bin *b = bin_find(hp, cs, 0);
    int32_t i = b ? b->head : -1;
    if (i < 0)
        i = tfirst_fit(hp, cs);
    if (i >= 0) {
        bin_remove(hp, i);
        raw_split(hp, i, cs);
        return raw_use(hp, i, nbytes);
    }
    i = node_new(hp, hp->top, cs);
    hp->top += cs;
    tinsert(hp, i);
    return raw_use(hp, i, nbytes);
}

/* The in-use chunk whose user address is ADDR, or -1. */
static int32_t raw_find(const rawheap *hp, uint64_t addr)
{
    if (addr < OBMALLOC_HEAP_BASE + 16 || addr >= hp->top)
        return -1;
    int32_t i = tfind_le(hp, addr - 16);
    if (i < 0 || hp->nodes[i].free || hp->nodes[i].addr + 16 != addr)
        return -1;
    return i;
}

/* Give free chunks at the end of the heap back to the top. */
static void raw_trim(rawheap *hp)
{
    for (;;) {
        int32_t i = tfind_le(hp, hp->top - 1);
        if (i < 0 || !hp->nodes[i].free)
            return;
        bin_remove(hp, i);
        hp->top = hp->nodes[i].addr;
        tremove(hp, i);
    }
}

/* free() of the system model for chunk node I. */
static void raw_free(rawheap *hp, int32_t i)
{
    chunk *c = &hp->nodes[i];
    hp->live_count--;
    hp->live_bytes -= c->req;
    c->free = 1;
    c->req = 0;
    trefresh(hp, hp->root, c->addr);
    bin_push(hp, i);
    raw_trim(hp);
}

/* realloc() of the system model: in place when it fits or the chunk is the
 * last one (the top grows), else malloc + free. */
static uint64_t raw_realloc(rawheap *hp, int32_t i, size_t nbytes)
{
    if (nbytes > RAW_MAX)
        return 0;
    chunk *c = &hp->nodes[i];
    uint64_t cs = chunk_size(nbytes);
    if (cs > c->size && c->addr + c->size == hp->top) {
        hp->top = c->addr + cs;
        c->size = cs;
    }
    if (cs <= c->size) {
        hp->live_bytes += nbytes - c->req;
        c->req = nbytes;
        return c->addr + 16;
    }
    uint64_t addr = c->addr;
    uint64_t q = raw_malloc(hp, nbytes);
    raw_free(hp, tfind_le(hp, addr));
    return q;
}

/* ------------------------------------------------------------ public API */

/* Check that CFG describes an allocator this model can run. */
static int config_ok(const ObmallocConfig *c)
{
    if (!ispow2(c->arena_size) || !ispow2(c->pool_size))
        return 0;
    if (c->pool_size < 2048 || c->pool_size > (256u << 10))
        return 0;
    if (c->arena_size < 2 * c->pool_size || c->arena_size / c->pool_size > 4096)
        return 0;
    return c->arena_map_ignore_bits <= 32;
}

/* Create an empty allocator (no arenas yet); NULL if CFG is not a valid shape. */
Obmalloc *obmalloc_new(const ObmallocConfig *cfg)
{
    if (!cfg || !config_ok(cfg))
        return NULL;
    Obmalloc *m = xcalloc(1, sizeof *m);
    m->cfg = *cfg;
    if (!m->cfg.initial_arenas)
        m->cfg.initial_arenas = OBMALLOC_INITIAL_ARENA_OBJECTS;
    m->npa = (uint32_t)(cfg->arena_size / cfg->pool_size);
    m->pshift = log2u(m->npa);
    m->arena_shift = log2u(m->cfg.arena_size);
    m->pool_shift = log2u(m->cfg.pool_size);
    for (uint32_t i = 0; i < NB_CLASSES; i++)
        m->recip[i] = (uint32_t)((UINT64_C(1) << 32) / index2size(i) + 1);
    for (uint32_t i = 0; i < NB_CLASSES; i++)
        m->usedpools[i].nextpool = m->usedpools[i].prevpool = HEADS + i;
    m->unused_arena_objects = m->usable_arenas = -1;
    m->nfp2lasta = xcalloc(m->npa + 1, sizeof *m->nfp2lasta);
    for (uint32_t i = 0; i <= m->npa; i++)
        m->nfp2lasta[i] = -1;
    m->heap.root = m->heap.recycled = -1;
    m->heap.top = OBMALLOC_HEAP_BASE;
    return m;
}

/* Destroy an allocator and all its bookkeeping. */
void obmalloc_delete(Obmalloc *m)
{
    if (!m)
        return;
    for (uint32_t a = 0; a < m->maxarenas; a++) {
        if (!m->arenas[a].pools)
            continue;
        for (uint32_t i = 0; i < m->npa; i++)
            free(m->arenas[a].pools[i].next);
        free(m->arenas[a].pools);
    }
    free(m->arenas);
    free(m->nfp2lasta);
    free(m->slot_arena);
    free(m->map_mid.keys);
    free(m->map_bot.keys);
    free(m->heap.nodes);
    free(m->heap.bins);
    free(m);
}

/* Deep-copy arena A's pool headers and free-list arrays from SRC into M. */
static void clone_arena(Obmalloc *m, const Obmalloc *src, uint32_t a)
{
    const arena_object *from = &src->arenas[a];
    if (!from->pools)
        return;
    arena_object *to = &m->arenas[a];
    to->pools = memdup(from->pools, m->npa * sizeof *to->pools);
    for (uint32_t i = 0; i < m->npa; i++)
        to->pools[i].next = memdup(from->pools[i].next,
                                from->pools[i].ncap * sizeof *from->pools[i].next);
}

/* Deep copy: the session steps back by restoring such checkpoints. */
Obmalloc *obmalloc_clone(const Obmalloc *src)
{
    Obmalloc *m = memdup(src, sizeof *src);
    m->arenas = memdup(src->arenas, src->maxarenas * sizeof *src->arenas);
    for (uint32_t a = 0; a < src->maxarenas; a++)
        clone_arena(m, src, a);
    m->nfp2lasta = memdup(src->nfp2lasta, (src->npa + 1) * sizeof *src->nfp2lasta);
    m->slot_arena = memdup(src->slot_arena, src->nslots * sizeof *src->slot_arena);
    m->map_mid.keys = memdup(src->map_mid.keys, src->map_mid.cap * sizeof(uint64_t));
    m->map_bot.keys = memdup(src->map_bot.keys, src->map_bot.cap * sizeof(uint64_t));
    m->heap.nodes = memdup(src->heap.nodes, (size_t)src->heap.cap * sizeof(chunk));
    m->heap.bins = memdup(src->heap.bins, src->heap.nbins * sizeof(bin));
    return m;
}

/* PyObject_Malloc: a pool block for 1..512 bytes, else a system chunk. */
uint64_t obmalloc_malloc(Obmalloc *m, size_t nbytes)
{
    if (nbytes == 0 || nbytes > OBMALLOC_SMALL_REQUEST_THRESHOLD)
        return raw_malloc(&m->heap, nbytes);
    return small_alloc(m, (uint32_t)(nbytes - 1) >> 4);
}

/* PyObject_Free: 0 on success (also for ADDR 0), -1 if ADDR is not live. */
int obmalloc_free(Obmalloc *m, uint64_t addr)
{
    size_t size;
    return obmalloc_free_sized(m, addr, &size);
}

static int locate_large(const Obmalloc *m, uint64_t addr, ObmallocWhere *out);

/* obmalloc_free that also reports the freed block's size in *SIZE (the
 * chunk's usable size for large blocks), saving callers a lookup. */
int obmalloc_free_sized(Obmalloc *m, uint64_t addr, size_t *size)
{
    uint32_t h, bi;
    *size = 0;
    if (!addr)
        return 0;
    if (find_block(m, addr, 1, &h, &bi)) {
        pool_header *p = pool_at(m, h);
        *size = index2size(p->szidx);
        small_free(m, h, p, bi);
        return 0;
    }
    ObmallocWhere w;
    if (locate_large(m, addr, &w))
        *size = w.block_size;
    int32_t i = raw_find(&m->heap, addr);
    if (i < 0)
        return -1;
    raw_free(&m->heap, i);
    return 0;
}

/* pymalloc_realloc(): keep the block unless it grows or loses a quarter. */
static uint64_t small_realloc(Obmalloc *m, uint64_t addr, uint32_t h, size_t nbytes)
{
    size_t size = index2size(pool_at(m, h)->szidx);
    if (nbytes <= size && 4 * nbytes > 3 * size)
        return addr;
    uint64_t q = obmalloc_malloc(m, nbytes);
    if (q)
        obmalloc_free(m, addr);
    return q;
}

/* PyObject_Realloc: see the header. */
uint64_t obmalloc_realloc(Obmalloc *m, uint64_t addr, size_t nbytes)
{
    uint32_t h, bi;
    if (!addr)
        return obmalloc_malloc(m, nbytes);
    if (find_block(m, addr, 1, &h, &bi))
        return small_realloc(m, addr, h, nbytes);
    int32_t i = raw_find(&m->heap, addr);
    return i < 0 ? 0 : raw_realloc(&m->heap, i, nbytes);
}

/* Describe the system chunk that contains ADDR; 0 if none is in use there. */
static int locate_large(const Obmalloc *m, uint64_t addr, ObmallocWhere *out)
{
    const rawheap *hp = &m->heap;
    if (addr < OBMALLOC_HEAP_BASE || addr >= hp->top)
        return 0;
    int32_t i = tfind_le(hp, addr);
    if (i < 0)
        return 0;
    const chunk *c = &hp->nodes[i];
    if (c->free || addr < c->addr + 16 || addr >= c->addr + c->size)
        return 0;
    memset(out, 0, sizeof *out);
    out->large = 1;
    out->block_addr = c->addr + 16;
    out->block_size = (size_t)(c->size - 16);
    return 1;
}

/* Find the live block that contains ADDR; 0 if ADDR is not inside one. */
int obmalloc_locate(const Obmalloc *m, uint64_t addr, ObmallocWhere *out)
{
    uint32_t h, bi;
    ObmallocWhere w;
    if (!out)
        out = &w;
    if (!find_block(m, addr, 0, &h, &bi))
        return locate_large(m, addr, out);
    const pool_header *p = pool_at(m, h);
    out->large = 0;
    out->arena = h >> m->pshift;
    out->pool = h & (m->npa - 1);
    out->size_class = p->szidx;
    out->block = bi;
    out->block_addr = block_addr(m, h, bi);
    out->block_size = index2size(p->szidx);
    return 1;
}

/* ------------------------------------------------------------ iteration */

/* Number of slots in the arenas vector (maxarenas). */
unsigned obmalloc_arena_count(const Obmalloc *m)
{
    return m->maxarenas;
}

/* Describe arena slot ARENA; -1 if out of range. */
int obmalloc_arena_info(const Obmalloc *m, unsigned arena, ObmallocArenaInfo *out)
{
    if (arena >= m->maxarenas)
        return -1;
    const arena_object *ao = &m->arenas[arena];
    memset(out, 0, sizeof *out);
    out->index = arena;
    if (!ao->address)
        return 0;
    out->state = ao->nfreepools ? OBMALLOC_ARENA_USABLE : OBMALLOC_ARENA_FULL;
    out->address = ao->address;
    out->pool_address = ao->pool_address;
    out->nfreepools = ao->nfreepools;
    out->ntotalpools = ao->ntotalpools;
    out->ncarved = carved_pools(m, ao);
    return 0;
}

/* The handle of pool POOL of arena ARENA, or NOPOOL if it is not there. */
static uint32_t pool_ref(const Obmalloc *m, unsigned arena, unsigned pool)
{
    if (arena >= m->maxarenas || !m->arenas[arena].address)
        return NOPOOL;
    if (pool >= m->arenas[arena].ntotalpools)
        return NOPOOL;
    return pool_handle(m, arena, pool);
}

/* The state of carved pool P. */
static ObmallocPoolState pool_state(const Obmalloc *m, const pool_header *p)
{
    if (p->count == 0)
        return OBMALLOC_POOL_EMPTY;
    return p->count == numblocks(m, p->szidx) ? OBMALLOC_POOL_FULL : OBMALLOC_POOL_USED;
}

/* Describe pool POOL of arena ARENA; -1 if out of range or the arena is unused. */
int obmalloc_pool_info(const Obmalloc *m, unsigned arena, unsigned pool, ObmallocPoolInfo *out)
{
    uint32_t h = pool_ref(m, arena, pool);
    if (h == NOPOOL)
        return -1;
    memset(out, 0, sizeof *out);
    out->address = pool_addr(m, h);
    out->szidx = -1;
    if (pool >= carved_pools(m, &m->arenas[arena]))
        return 0;
    const pool_header *p = pool_at(m, h);
    out->state = pool_state(m, p);
    out->count = p->count;
    if (p->szidx == DUMMY_SIZE_IDX)
        return 0;
    out->szidx = (int)p->szidx;
    out->block_size = index2size(p->szidx);
    out->nblocks = numblocks(m, p->szidx);
    out->nextoffset = p->nextoffset;
    out->maxnextoffset = p->maxnextoffset;
    out->ncarved = block_index(p, p->nextoffset);
    if (out->ncarved > out->nblocks)
        out->ncarved = out->nblocks;
    out->freeblock = p->freeblock == NIL ? 0 : block_addr(m, h, p->freeblock);
    return 0;
}

/* State of block BLOCK of a pool (an ObmallocBlockState), -1 if out of range. */
int obmalloc_block_used(const Obmalloc *m, unsigned arena, unsigned pool, unsigned block)
{
    uint32_t h = pool_ref(m, arena, pool);
    if (h == NOPOOL || pool >= carved_pools(m, &m->arenas[arena]))
        return -1;
    const pool_header *p = pool_at(m, h);
    if (p->szidx == DUMMY_SIZE_IDX || block >= numblocks(m, p->szidx))
        return -1;
    if (POOL_OVERHEAD + block * index2size(p->szidx) >= p->nextoffset)
        return OBMALLOC_BLOCK_VIRGIN;
    return p->next[block] == USED ? OBMALLOC_BLOCK_USED : OBMALLOC_BLOCK_FREE;
}

/* Write up to MAX arena indices of usable_arenas, head first; returns the length. */
unsigned obmalloc_usable_arenas(const Obmalloc *m, unsigned *out, unsigned max)
{
    unsigned n = 0;
    for (int32_t a = m->usable_arenas; a >= 0; a = m->arenas[a].nextarena, n++)
        if (n < max)
            out[n] = (unsigned)a;
    return n;
}

/* Write up to MAX pools of usedpools[SZIDX], head first; returns the length. */
unsigned obmalloc_usedpools(const Obmalloc *m, unsigned szidx, ObmallocPoolRef *out,
                            unsigned max)
{
    unsigned n = 0;
    if (szidx >= NB_CLASSES)
        return 0;
    for (uint32_t h = m->usedpools[szidx].nextpool; h != HEADS + szidx;
         h = pool_at(m, h)->nextpool, n++) {
        if (n < max) {
            out[n].arena = h >> m->pshift;
            out[n].pool = h & (m->npa - 1);
        }
    }
    return n;
}

/* Write up to MAX block addresses of a pool's free list, head first. */
unsigned obmalloc_pool_freelist(const Obmalloc *m, unsigned arena, unsigned pool,
                                uint64_t *out, unsigned max)
{
    uint32_t h = pool_ref(m, arena, pool);
    if (h == NOPOOL || pool >= carved_pools(m, &m->arenas[arena]))
        return 0;
    const pool_header *p = pool_at(m, h);
    if (p->szidx == DUMMY_SIZE_IDX)
        return 0;
    unsigned n = 0;
    for (uint32_t b = p->freeblock; b != NIL; b = p->next[b], n++)
        if (n < max)
            out[n] = block_addr(m, h, b);
    return n;
}

/* Fill OUT with the counters. */
void obmalloc_stats(const Obmalloc *m, ObmallocStats *out)
{
    memset(out, 0, sizeof *out);
    for (uint32_t i = 0; i < NB_CLASSES; i++) {
        out->live_blocks[i] = m->live[i];
        out->small_blocks += m->live[i];
        out->small_bytes += m->live[i] * index2size(i);
    }
    out->narenas_currently_allocated = m->narenas_currently_allocated;
    out->ntimes_arena_allocated = m->ntimes_arena_allocated;
    out->narenas_highwater = m->narenas_highwater;
    out->maxarenas = m->maxarenas;
    out->large_count = m->heap.live_count;
    out->large_bytes = m->heap.live_bytes;
    out->heap_top = m->heap.top;
}

/* sys.getallocatedblocks(): live pool blocks plus live system blocks. */
size_t obmalloc_allocated_blocks(const Obmalloc *m)
{
    size_t n = m->heap.live_count;
    for (uint32_t i = 0; i < NB_CLASSES; i++)
        n += m->live[i];
    return n;
}

/* ------------------------------------------------- _debugmallocstats text */

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

/* Append printf-style text to B. */
static void sb_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = 2 * (b->len + (size_t)n + 1);
        b->s = xrealloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* CPython's printone(): MSG padded to 35 columns, '=', VALUE with commas
 * right-aligned in 21 columns; returns VALUE. */
static size_t printone(strbuf *b, const char *msg, size_t value)
{
    char digits[32], out[48];
    int nd = snprintf(digits, sizeof digits, "%zu", value), k = 0;
    for (int i = 0; i < nd; i++) {
        if (i && (nd - i) % 3 == 0)
            out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    sb_printf(b, "%-35s=%21s\n", msg, out);
    return value;
}

/* Per-class and arena-wide totals gathered by walking every arena. */
typedef struct tally {
    size_t numpools[NB_CLASSES], numblocks[NB_CLASSES], numfree[NB_CLASSES];
    size_t numfreepools, arena_alignment, narenas;
} tally;

/* Walk the arenas the way _PyObject_DebugMallocStats does. */
static void tally_arenas(const Obmalloc *m, tally *t)
{
    memset(t, 0, sizeof *t);
    for (uint32_t a = 0; a < m->maxarenas; a++) {
        const arena_object *ao = &m->arenas[a];
        if (!ao->address)
            continue;
        t->narenas++;
        t->numfreepools += ao->nfreepools;
        if (ao->address & (m->cfg.pool_size - 1))
            t->arena_alignment += m->cfg.pool_size;
        for (uint32_t i = 0, n = carved_pools(m, ao); i < n; i++) {
            const pool_header *p = &ao->pools[i];
            if (p->count == 0)
                continue;
            t->numpools[p->szidx]++;
            t->numblocks[p->szidx] += p->count;
            t->numfree[p->szidx] += numblocks(m, p->szidx) - p->count;
        }
    }
}

/* The size-class table; returns allocated, available, header, quantization bytes. */
static void print_classes(const Obmalloc *m, strbuf *b, const tally *t, size_t sums[4])
{
    sb_printf(b, "\nclass   size   num pools   blocks in use  avail blocks\n"
                 "-----   ----   ---------   -------------  ------------\n");
    for (uint32_t i = 0; i < NB_CLASSES; i++) {
        size_t size = index2size(i);
        if (!t->numpools[i])
            continue;
        sb_printf(b, "%5u %6zu %11zu %15zu %13zu\n", (unsigned)i, size, t->numpools[i],
                  t->numblocks[i], t->numfree[i]);
        sums[0] += t->numblocks[i] * size;
        sums[1] += t->numfree[i] * size;
        sums[2] += t->numpools[i] * POOL_OVERHEAD;
        sums[3] += t->numpools[i] * ((m->cfg.pool_size - POOL_OVERHEAD) % size);
    }
    sb_printf(b, "\n");
}

/* The rows of the size-class table (the classes with pools in use). */
unsigned obmalloc_class_stats(const Obmalloc *m, ObmallocClassStats *out)
{
    tally t;
    unsigned n = 0;
    tally_arenas(m, &t);
    for (uint32_t i = 0; i < NB_CLASSES; i++)
        if (t.numpools[i])
            out[n++] = (ObmallocClassStats){i, index2size(i), t.numpools[i], t.numblocks[i],
                                            t.numfree[i]};
    return n;
}

/* The arena counters and the breakdown of the arena bytes. */
static void print_arenas(const Obmalloc *m, strbuf *b, const tally *t, const size_t sums[4])
{
    char buf[128];
    printone(b, "# arenas allocated total", m->ntimes_arena_allocated);
    printone(b, "# arenas reclaimed", m->ntimes_arena_allocated - t->narenas);
    printone(b, "# arenas highwater mark", m->narenas_highwater);
    printone(b, "# arenas allocated current", t->narenas);
    snprintf(buf, sizeof buf, "%zu arenas * %zu bytes/arena", t->narenas, m->cfg.arena_size);
    printone(b, buf, t->narenas * m->cfg.arena_size);
    sb_printf(b, "\n");
    size_t total = printone(b, "# bytes in allocated blocks", sums[0]);
    total += printone(b, "# bytes in available blocks", sums[1]);
    snprintf(buf, sizeof buf, "%zu unused pools * %zu bytes", t->numfreepools,
             m->cfg.pool_size);
    total += printone(b, buf, t->numfreepools * m->cfg.pool_size);
    total += printone(b, "# bytes lost to pool headers", sums[2]);
    total += printone(b, "# bytes lost to quantization", sums[3]);
    total += printone(b, "# bytes lost to arena alignment", t->arena_alignment);
    printone(b, "Total", total);
}

/* The radix tree's node counts and sizes (3.10+). */
static void print_arena_map(const Obmalloc *m, strbuf *b)
{
    size_t interior = (size_t)8 << map_interior_bits(m);
    size_t bot = (size_t)8 << map_bot_bits(m);
    sb_printf(b, "\narena map counts\n");
    printone(b, "# arena map mid nodes", m->map_mid.n);
    printone(b, "# arena map bot nodes", m->map_bot.n);
    sb_printf(b, "\n");
    size_t total = printone(b, "# bytes lost to arena map root", interior);
    total += printone(b, "# bytes lost to arena map mid", interior * m->map_mid.n);
    total += printone(b, "# bytes lost to arena map bot", bot * m->map_bot.n);
    printone(b, "Total", total);
}

/* The text _PyObject_DebugMallocStats() writes for this state. */
char *obmalloc_debugmallocstats(const Obmalloc *m)
{
    strbuf b = {0};
    tally t;
    size_t sums[4] = {0, 0, 0, 0};
    sb_printf(&b, "Small block threshold = %d, in %d size classes.\n",
              OBMALLOC_SMALL_REQUEST_THRESHOLD, NB_CLASSES);
    tally_arenas(m, &t);
    print_classes(m, &b, &t, sums);
    print_arenas(m, &b, &t, sums);
    if (!m->cfg.no_arena_map)
        print_arena_map(m, &b);
    return b.s;
}

/* ------------------------------------------------------------ validation */

/* Check one carved pool's counts against its free list; 0 if consistent. */
static int check_pool(const Obmalloc *m, const pool_header *p, size_t *live)
{
    if (p->szidx == DUMMY_SIZE_IDX)
        return p->count ? 20 : 0;
    if (p->szidx >= NB_CLASSES || p->ncap < numblocks(m, p->szidx))
        return 21;
    uint32_t carved = block_index(p, p->nextoffset), used = 0, nfree = 0;
    if (carved > numblocks(m, p->szidx))
        carved = numblocks(m, p->szidx);
    for (uint32_t i = 0; i < carved; i++)
        used += p->next[i] == USED;
    if (used != p->count)
        return 22;
    for (uint32_t b = p->freeblock; b != NIL; b = p->next[b])
        if (b >= carved || p->next[b] == USED || ++nfree > carved)
            return 23;
    if (nfree != carved - used)
        return 24;
    live[p->szidx] += p->count;
    return 0;
}

/* Check arena A's pools, its freepools chain and nfreepools; 0 if consistent. */
static int check_arena(const Obmalloc *m, uint32_t a, size_t *live)
{
    const arena_object *ao = &m->arenas[a];
    uint32_t carved = carved_pools(m, ao), empty = 0, chain = 0;
    if (ao->address != slot_base(m, ao->slot) || m->slot_arena[ao->slot] != (int32_t)a)
        return 10;
    if (carved > ao->ntotalpools || ao->ntotalpools + (first_pool(m, ao) != ao->address) != m->npa)
        return 11;
    for (uint32_t i = 0; i < carved; i++) {
        int rc = check_pool(m, &ao->pools[i], live);
        if (rc)
            return rc;
        empty += ao->pools[i].count == 0;
        if (ao->pools[i].arenaindex != a)
            return 12;
    }
    for (uint32_t h = ao->freepools; h != NOPOOL; h = pool_at(m, h)->nextpool)
        if ((h >> m->pshift) != a || pool_at(m, h)->count || ++chain > carved)
            return 13;
    if (chain != empty || ao->nfreepools != ao->ntotalpools - carved + empty)
        return 14;
    return 0;
}

/* Check usable_arenas (links, order, membership) and nfp2lasta; 0 if consistent. */
static int check_usable(const Obmalloc *m)
{
    uint32_t n = 0;
    int32_t prev = -1;
    for (int32_t a = m->usable_arenas; a >= 0; prev = a, a = m->arenas[a].nextarena) {
        const arena_object *ao = &m->arenas[a];
        if (++n > m->maxarenas || ao->prevarena != prev || !ao->address || !ao->nfreepools)
            return 30;
        if (prev >= 0 && m->arenas[prev].nfreepools > ao->nfreepools)
            return 31;
        int32_t nx = ao->nextarena;
        int last = nx < 0 || m->arenas[nx].nfreepools != ao->nfreepools;
        if ((m->nfp2lasta[ao->nfreepools] == a) != last)
            return 32;
    }
    size_t want = 0;
    for (uint32_t a = 0; a < m->maxarenas; a++)
        want += m->arenas[a].address && m->arenas[a].nfreepools;
    if (want != n)
        return 33;
    for (uint32_t nf = 0; nf <= m->npa; nf++) {
        int32_t a = m->nfp2lasta[nf];
        if (a >= 0 && (!m->arenas[a].address || m->arenas[a].nfreepools != nf))
            return 34;
    }
    return 0;
}

/* Check the usedpools[] lists: exactly the partly used pools of each class. */
static int check_usedpools(const Obmalloc *m, size_t *nused)
{
    for (uint32_t c = 0; c < NB_CLASSES; c++) {
        uint32_t prev = HEADS + c;
        for (uint32_t h = m->usedpools[c].nextpool; h != HEADS + c;
             prev = h, h = pool_at(m, h)->nextpool) {
            const pool_header *p = pool_at(m, h);
            if (p->prevpool != prev || p->szidx != c || pool_state(m, p) != OBMALLOC_POOL_USED)
                return 40;
            if (p->freeblock == NIL || ++*nused > (size_t)m->maxarenas * m->npa)
                return 41;
        }
        if (m->usedpools[c].prevpool != prev)
            return 42;
    }
    return 0;
}

/* Count the used-state pools of every arena. */
static size_t count_used_pools(const Obmalloc *m)
{
    size_t n = 0;
    for (uint32_t a = 0; a < m->maxarenas; a++) {
        const arena_object *ao = &m->arenas[a];
        if (!ao->address)
            continue;
        for (uint32_t i = 0, c = carved_pools(m, ao); i < c; i++)
            n += ao->pools[i].count && pool_state(m, &ao->pools[i]) == OBMALLOC_POOL_USED;
    }
    return n;
}

/* Check the arenas, the unused list and the arena counters. */
static int check_arenas(const Obmalloc *m)
{
    size_t live[NB_CLASSES] = {0}, narenas = 0, unused = 0;
    for (uint32_t a = 0; a < m->maxarenas; a++) {
        if (!m->arenas[a].address)
            continue;
        narenas++;
        int rc = check_arena(m, a, live);
        if (rc)
            return rc;
    }
    for (int32_t a = m->unused_arena_objects; a >= 0; a = m->arenas[a].nextarena)
        if (m->arenas[a].address || ++unused > m->maxarenas)
            return 50;
    if (narenas != m->narenas_currently_allocated || narenas + unused != m->maxarenas)
        return 51;
    if (narenas > m->narenas_highwater || m->narenas_highwater > m->ntimes_arena_allocated)
        return 52;
    return memcmp(live, m->live, sizeof live) ? 53 : 0;
}

/* Check treap T: order, heap priorities, maxfree; adds the chunks to *N. */
static int check_treap(const rawheap *hp, int32_t t, uint64_t lo, uint64_t hi, size_t *n)
{
    if (t < 0)
        return 0;
    const chunk *c = &hp->nodes[t];
    if (c->addr < lo || c->addr >= hi || ++*n > (size_t)hp->nnodes)
        return 60;
    uint64_t mx = c->free ? c->size : 0;
    for (int k = 0; k < 2; k++) {
        int32_t ch = k ? c->right : c->left;
        if (ch < 0)
            continue;
        if (prio(hp->nodes[ch].addr) > prio(c->addr))
            return 61;
        if (hp->nodes[ch].maxfree > mx)
            mx = hp->nodes[ch].maxfree;
    }
    if (mx != c->maxfree)
        return 62;
    int rc = check_treap(hp, c->left, lo, c->addr, n);
    return rc ? rc : check_treap(hp, c->right, c->addr + 1, hi, n);
}

/* Check that every bin holds free chunks of its size; counts them in *N. */
static int check_bins(const rawheap *hp, size_t *n, size_t limit)
{
    for (uint32_t s = 0; s < hp->nbins; s++) {
        if (!hp->bins[s].size)
            continue;
        for (int32_t i = hp->bins[s].head; i >= 0; i = hp->nodes[i].bin_next) {
            const chunk *c = &hp->nodes[i];
            if (!c->free || c->size != hp->bins[s].size || ++*n > limit)
                return 65;
        }
    }
    return 0;
}

/* Check the system heap: chunks tile [HEAP_BASE, top), bins hold the free ones. */
static int check_heap(const rawheap *hp)
{
    size_t n = 0, nfree = 0, binned = 0, live = 0, bytes = 0;
    int rc = check_treap(hp, hp->root, OBMALLOC_HEAP_BASE, UINT64_MAX, &n);
    if (rc)
        return rc;
    uint64_t at = OBMALLOC_HEAP_BASE;
    for (size_t k = 0; k < n; k++) {
        int32_t i = tfind_le(hp, at);
        if (i < 0)
            return 63;
        const chunk *c = &hp->nodes[i];
        if (c->addr != at || c->size < MIN_CHUNK || c->size % 16)
            return 63;
        nfree += c->free;
        live += !c->free;
        bytes += c->req;
        at += c->size;
    }
    if (at != hp->top || live != hp->live_count || bytes != hp->live_bytes)
        return 64;
    rc = check_bins(hp, &binned, n);
    if (rc)
        return rc;
    return binned == nfree ? 0 : 66;
}

/* Internal consistency check for tests: 0 when consistent, else a code. */
int obmalloc_validate(const Obmalloc *m)
{
    size_t nused = 0;
    int rc = check_arenas(m);
    if (!rc)
        rc = check_usable(m);
    if (!rc)
        rc = check_usedpools(m, &nused);
    if (!rc && nused != count_used_pools(m))
        rc = 43;
    if (!rc)
        rc = check_heap(&m->heap);
    return rc;
}
