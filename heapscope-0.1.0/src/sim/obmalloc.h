/* The obmalloc model: CPython's small-object allocator (Objects/obmalloc.c)
 * on a simulated address space, plus a model of the system malloc() that
 * takes the requests obmalloc passes on (0 bytes, or more than 512).
 *
 * Pure data: no I/O, no globals.  The same sequence of malloc/free/realloc
 * calls gives the same addresses, and the same arena/pool/block shape, as
 * CPython's allocator would from the same starting state.  See the design
 * comment at the top of obmalloc.c for the address layout. */
#ifndef HS_OBMALLOC_H
#define HS_OBMALLOC_H

#include <stddef.h>
#include <stdint.h>

#define OBMALLOC_ALIGNMENT                16
#define OBMALLOC_SMALL_REQUEST_THRESHOLD  512
#define OBMALLOC_NB_SMALL_SIZE_CLASSES    32
#define OBMALLOC_POOL_OVERHEAD            48
#define OBMALLOC_INITIAL_ARENA_OBJECTS    16

/* Where the simulated mmap() places arenas (descending) and where the
 * simulated brk heap of the system malloc starts (ascending). */
#define OBMALLOC_ARENA_TOP   UINT64_C(0x7f3a00000000)
#define OBMALLOC_HEAP_BASE   UINT64_C(0x55d0c0000000)

/* The allocator's shape for one CPython version.  All-zero flags give the
 * 3.11+ behaviour; each version's values live in its profile (profile.c). */
typedef struct ObmallocConfig {
    size_t arena_size;          /* ARENA_SIZE: 256 KiB (3.8, 3.9), 1 MiB (3.10+) */
    size_t pool_size;           /* POOL_SIZE: 4 KiB (3.8, 3.9), 16 KiB (3.10+) */
    unsigned initial_arenas;    /* INITIAL_ARENA_OBJECTS; 0 means 16 */
    int release_last_free_arena;/* 3.8: free every wholly empty arena, even the
                                   last one in usable_arenas (bpo-37257 is 3.9) */
    int no_arena_map;           /* 3.8, 3.9: no radix tree, so the stats text has
                                   no "arena map counts" section */
    unsigned arena_map_ignore_bits; /* the radix tree's IGNORE_BITS: 16 in 3.10, 0 later */
} ObmallocConfig;

typedef struct Obmalloc Obmalloc;

/* Create an empty allocator (no arenas yet); NULL if CFG is not a valid shape. */
Obmalloc *obmalloc_new(const ObmallocConfig *cfg);

/* Destroy an allocator and all its bookkeeping. */
void obmalloc_delete(Obmalloc *m);

/* Deep copy: the session steps back by restoring such checkpoints. */
Obmalloc *obmalloc_clone(const Obmalloc *m);

/* PyObject_Malloc: a 16-aligned simulated address, from a pool for 1..512
 * bytes, else from the system-malloc model; 0 when the request is absurd. */
uint64_t obmalloc_malloc(Obmalloc *m, size_t nbytes);

/* PyObject_Free: 0 on success (also for ADDR 0), -1 if ADDR is not the start
 * of a live block (nothing changes then). */
int obmalloc_free(Obmalloc *m, uint64_t addr);
/* obmalloc_free that also reports the freed block's size in *SIZE. */
int obmalloc_free_sized(Obmalloc *m, uint64_t addr, size_t *size);

/* PyObject_Realloc: a pool block stays put while it fits and shrinks by less
 * than a quarter, else malloc+free; system blocks stay in the system model.
 * 0 (and no change) if ADDR is not a live block or the request is absurd. */
uint64_t obmalloc_realloc(Obmalloc *m, uint64_t addr, size_t nbytes);

/* Where an address lives. */
typedef struct ObmallocWhere {
    int large;              /* 1: a system-malloc chunk; arena/pool/... are 0 */
    unsigned arena;         /* index into the arenas vector */
    unsigned pool;          /* pool number inside the arena (0 = first aligned pool) */
    unsigned size_class;    /* szidx */
    unsigned block;         /* block number inside the pool */
    uint64_t block_addr;    /* start of the block (user address for large) */
    size_t block_size;      /* block size, or the chunk's usable size for large */
} ObmallocWhere;

/* Find the live block that contains ADDR; 0 if ADDR is not inside one. */
int obmalloc_locate(const Obmalloc *m, uint64_t addr, ObmallocWhere *out);

/* Arenas, pools and blocks, for the views. */
typedef enum ObmallocArenaState {
    OBMALLOC_ARENA_UNUSED,  /* arena_object with no arena (on unused_arena_objects) */
    OBMALLOC_ARENA_USABLE,  /* has free pools, on usable_arenas */
    OBMALLOC_ARENA_FULL     /* every pool in use, on no list */
} ObmallocArenaState;

typedef struct ObmallocArenaInfo {
    unsigned index;
    ObmallocArenaState state;
    uint64_t address;       /* as mmap returned it; 0 when unused */
    uint64_t pool_address;  /* next pool to carve */
    unsigned nfreepools;    /* cached empty pools + pools never carved */
    unsigned ntotalpools;   /* 64, or 63 when the base is not pool-aligned */
    unsigned ncarved;       /* pools carved so far (pool numbers 0..ncarved-1) */
} ObmallocArenaInfo;

typedef enum ObmallocPoolState {
    OBMALLOC_POOL_UNCARVED, /* beyond pool_address: never used */
    OBMALLOC_POOL_EMPTY,    /* on its arena's freepools */
    OBMALLOC_POOL_USED,     /* on usedpools[szidx] */
    OBMALLOC_POOL_FULL      /* on no list */
} ObmallocPoolState;

typedef struct ObmallocPoolInfo {
    uint64_t address;
    ObmallocPoolState state;
    int szidx;              /* -1 before the pool's first use (DUMMY_SIZE_IDX) */
    unsigned block_size;    /* 0 when szidx is -1 */
    unsigned count;         /* ref.count: blocks in use */
    unsigned nblocks;       /* NUMBLOCKS(szidx) */
    unsigned ncarved;       /* blocks handed out at least once (below nextoffset) */
    unsigned nextoffset, maxnextoffset;
    uint64_t freeblock;     /* head of the free list; 0 if none */
} ObmallocPoolInfo;

typedef enum ObmallocBlockState {
    OBMALLOC_BLOCK_VIRGIN,  /* at or above nextoffset: never handed out */
    OBMALLOC_BLOCK_FREE,    /* on the pool's freeblock list */
    OBMALLOC_BLOCK_USED
} ObmallocBlockState;

typedef struct ObmallocPoolRef {
    unsigned arena, pool;
} ObmallocPoolRef;

/* Number of slots in the arenas vector (maxarenas). */
unsigned obmalloc_arena_count(const Obmalloc *m);

/* Describe arena slot ARENA; -1 if out of range. */
int obmalloc_arena_info(const Obmalloc *m, unsigned arena, ObmallocArenaInfo *out);

/* Describe pool POOL of arena ARENA; -1 if out of range or the arena is unused. */
int obmalloc_pool_info(const Obmalloc *m, unsigned arena, unsigned pool, ObmallocPoolInfo *out);

/* State of block BLOCK of a pool (an ObmallocBlockState), -1 if out of range. */
int obmalloc_block_used(const Obmalloc *m, unsigned arena, unsigned pool, unsigned block);

/* Write up to MAX arena indices of usable_arenas, head first; returns the length. */
unsigned obmalloc_usable_arenas(const Obmalloc *m, unsigned *out, unsigned max);

/* Write up to MAX pools of usedpools[SZIDX], head first; returns the length. */
unsigned obmalloc_usedpools(const Obmalloc *m, unsigned szidx, ObmallocPoolRef *out,
                            unsigned max);

/* Write up to MAX block addresses of a pool's freeblock list, head first (the
 * next malloc of its class takes the first); returns the length. */
unsigned obmalloc_pool_freelist(const Obmalloc *m, unsigned arena, unsigned pool,
                                uint64_t *out, unsigned max);

/* Counters. */
typedef struct ObmallocStats {
    size_t live_blocks[OBMALLOC_NB_SMALL_SIZE_CLASSES]; /* per size class */
    size_t small_blocks;                 /* sum of live_blocks */
    size_t small_bytes;                  /* sum of their block sizes */
    size_t narenas_currently_allocated;
    size_t ntimes_arena_allocated;
    size_t narenas_highwater;
    unsigned maxarenas;
    size_t large_count;                  /* live system-malloc blocks */
    size_t large_bytes;                  /* bytes requested for them */
    uint64_t heap_top;                   /* end of the simulated brk heap */
} ObmallocStats;

/* Fill OUT with the counters. */
void obmalloc_stats(const Obmalloc *m, ObmallocStats *out);

/* sys.getallocatedblocks(): live pool blocks plus live system blocks. */
size_t obmalloc_allocated_blocks(const Obmalloc *m);

/* The text _PyObject_DebugMallocStats() writes for this state (the first
 * part of sys._debugmallocstats(), up to the free-list lines, which start
 * after one more newline); a malloc'd string the caller frees. */
char *obmalloc_debugmallocstats(const Obmalloc *m);

/* One row of the size-class table that _PyObject_DebugMallocStats prints. */
typedef struct ObmallocClassStats {
    unsigned szidx;         /* the class */
    size_t size;            /* its block size */
    size_t numpools;        /* pools of the class with blocks in use */
    size_t numblocks;       /* blocks in use ("blocks in use") */
    size_t numfree;         /* free blocks in those pools ("avail blocks") */
} ObmallocClassStats;

/* The rows of sys._debugmallocstats()'s size-class table (the classes with
 * pools in use, by size) into OUT, which has room for
 * OBMALLOC_NB_SMALL_SIZE_CLASSES; returns how many. */
unsigned obmalloc_class_stats(const Obmalloc *m, ObmallocClassStats *out);

/* Internal consistency check for tests: 0 when consistent, else a positive
 * code naming the first broken invariant. */
int obmalloc_validate(const Obmalloc *m);

#endif
