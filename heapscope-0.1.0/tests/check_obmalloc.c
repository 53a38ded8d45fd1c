/* Tests of the obmalloc model (src/sim/obmalloc.c).
 *
 * Each test pins one rule of CPython's Objects/obmalloc.c with concrete
 * addresses derived from that rule and from the model's documented address
 * layout: arena slot k starts at 0x7f3a00000000 - 4 KiB - (k+1)*ARENA_SIZE,
 * so with 16 KiB pools (3.11+) every arena loses a pool to alignment and its
 * first pool is 4 KiB in; with 4 KiB pools (3.8) none is lost.  The loop
 * tests run for the 3.8 and the 3.12 shapes. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/obmalloc.h"
#include "sim/profile.h"

#define HEAP OBMALLOC_HEAP_BASE

/* An assertion for hot loops: Check's ck_assert_* report every passing check
 * to the parent process, which makes million-step loops crawl. */
#define REQUIRE(cond) \
    do { \
        if (!(cond)) \
            ck_abort_msg("%s:%d: %s", __FILE__, __LINE__, #cond); \
    } while (0)

/* The expected shape of one version's first arenas (see the layout above). */
typedef struct Shape {
    int minor;
    size_t pool;            /* POOL_SIZE */
    uint64_t arena[3];      /* arena base of slots 0..2 */
    uint64_t pool0[3];      /* first pool-aligned address of slots 0..2 */
    unsigned ntotal;        /* ntotalpools of slots 0..2 */
    size_t mapped;          /* ARENA_SIZE */
} Shape;

static const Shape shapes[] = {
    {8, 4096,
     {UINT64_C(0x7f39fffbf000), UINT64_C(0x7f39fff7f000), UINT64_C(0x7f39fff3f000)},
     {UINT64_C(0x7f39fffbf000), UINT64_C(0x7f39fff7f000), UINT64_C(0x7f39fff3f000)},
     64, 256 << 10},
    {12, 16384,
     {UINT64_C(0x7f39ffeff000), UINT64_C(0x7f39ffdff000), UINT64_C(0x7f39ffcff000)},
     {UINT64_C(0x7f39fff00000), UINT64_C(0x7f39ffe00000), UINT64_C(0x7f39ffd00000)},
     63, 1 << 20},
};

/* A fresh allocator for the shape of loop iteration I. */
static Obmalloc *mk(int i)
{
    const Profile *p = profile_find(shapes[i].minor == 8 ? "3.8" : "3.12");
    ck_assert_ptr_nonnull(p);
    Obmalloc *m = obmalloc_new(&p->obmalloc);
    ck_assert_ptr_nonnull(m);
    return m;
}

/* NUMBLOCKS for a pool of SIZE bytes and blocks of BLOCK bytes. */
static unsigned nblocks(size_t pool, unsigned block)
{
    return (unsigned)((pool - OBMALLOC_POOL_OVERHEAD) / block);
}

/* Address of block B of pool P of arena slot A for blocks of BLOCK bytes. */
static uint64_t blk(const Shape *s, int a, unsigned p, unsigned block, unsigned b)
{
    return s->pool0[a] + (uint64_t)p * s->pool + OBMALLOC_POOL_OVERHEAD + (uint64_t)b * block;
}

/* The pool state of (ARENA, POOL). */
static ObmallocPoolState pstate(const Obmalloc *m, unsigned arena, unsigned pool)
{
    ObmallocPoolInfo pi;
    ck_assert_int_eq(obmalloc_pool_info(m, arena, pool, &pi), 0);
    return pi.state;
}

/* ------------------------------------------------------------------ Core */

/* Blocks are carved lazily in address order: pool+48, +16, ...; the pool's
 * nextoffset runs one block ahead; a full pool leaves usedpools. */
START_TEST(test_carving_order)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    ck_assert_uint_eq(obmalloc_malloc(m, 1), s->pool0[0] + 48);
    ck_assert_uint_eq(obmalloc_malloc(m, 16), s->pool0[0] + 64);
    ObmallocPoolInfo pi;
    ck_assert_int_eq(obmalloc_pool_info(m, 0, 0, &pi), 0);
    ck_assert_uint_eq(pi.nextoffset, 48 + 3 * 16);
    ck_assert_uint_eq(pi.maxnextoffset, s->pool - 16);
    ck_assert_uint_eq(pi.freeblock, s->pool0[0] + 80);
    ck_assert_uint_eq(pi.ncarved, 3);
    ck_assert_int_eq(obmalloc_block_used(m, 0, 0, 1), OBMALLOC_BLOCK_USED);
    ck_assert_int_eq(obmalloc_block_used(m, 0, 0, 2), OBMALLOC_BLOCK_FREE);
    ck_assert_int_eq(obmalloc_block_used(m, 0, 0, 3), OBMALLOC_BLOCK_VIRGIN);
    unsigned nb = nblocks(s->pool, 16);
    for (unsigned b = 2; b < nb; b++)
        ck_assert_uint_eq(obmalloc_malloc(m, 16), blk(s, 0, 0, 16, b));
    ck_assert_int_eq(pstate(m, 0, 0), OBMALLOC_POOL_FULL);
    ck_assert_uint_eq(obmalloc_usedpools(m, 0, NULL, 0), 0);
    ck_assert_uint_eq(obmalloc_malloc(m, 9), blk(s, 0, 1, 16, 0));
    ck_assert_uint_eq(obmalloc_malloc(m, 17), blk(s, 0, 2, 32, 0));
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* Freed blocks go on the front of the pool's freeblock list and come back
 * last-in first-out, before any virgin block. */
START_TEST(test_freeblock_lifo)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    uint64_t a[4];
    for (int i = 0; i < 4; i++)
        a[i] = obmalloc_malloc(m, 32);
    ck_assert_uint_eq(a[3], blk(s, 0, 0, 32, 3));
    ck_assert_int_eq(obmalloc_free(m, a[1]), 0);
    ck_assert_int_eq(obmalloc_free(m, a[3]), 0);
    uint64_t fl[8];
    ck_assert_uint_eq(obmalloc_pool_freelist(m, 0, 0, fl, 8), 3);
    ck_assert_uint_eq(fl[0], a[3]);
    ck_assert_uint_eq(fl[1], a[1]);
    ck_assert_uint_eq(fl[2], blk(s, 0, 0, 32, 4));
    ck_assert_uint_eq(obmalloc_malloc(m, 32), a[3]);
    ck_assert_uint_eq(obmalloc_malloc(m, 25), a[1]);
    ck_assert_uint_eq(obmalloc_malloc(m, 32), blk(s, 0, 0, 32, 4));
    ck_assert_uint_eq(obmalloc_malloc(m, 32), blk(s, 0, 0, 32, 5));
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* used -> full -> used (front of usedpools) -> empty (arena freepools);
 * an empty pool is reused by another class, and a cached pool of the same
 * class keeps its free list (CPython skips the init). */
START_TEST(test_pool_states)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    unsigned nb = nblocks(s->pool, 512);
    uint64_t b[40];
    for (unsigned i = 0; i < nb; i++)
        b[i] = obmalloc_malloc(m, 512);
    ck_assert_int_eq(pstate(m, 0, 0), OBMALLOC_POOL_FULL);
    ck_assert_uint_eq(obmalloc_malloc(m, 500), blk(s, 0, 1, 512, 0));
    ck_assert_int_eq(obmalloc_free(m, b[3]), 0);
    ck_assert_int_eq(pstate(m, 0, 0), OBMALLOC_POOL_USED);
    ObmallocPoolRef used[4];
    ck_assert_uint_eq(obmalloc_usedpools(m, 31, used, 4), 2);
    ck_assert_uint_eq(used[0].pool, 0);
    ck_assert_uint_eq(used[1].pool, 1);
    ck_assert_uint_eq(obmalloc_malloc(m, 512), b[3]);
    ck_assert_int_eq(pstate(m, 0, 0), OBMALLOC_POOL_FULL);
    for (unsigned i = 0; i < nb; i++)
        ck_assert_int_eq(obmalloc_free(m, b[i]), 0);
    ck_assert_int_eq(pstate(m, 0, 0), OBMALLOC_POOL_EMPTY);
    ObmallocArenaInfo ai;
    obmalloc_arena_info(m, 0, &ai);
    ck_assert_uint_eq(ai.nfreepools, s->ntotal - 2 + 1);
    ck_assert_uint_eq(obmalloc_malloc(m, 16), blk(s, 0, 0, 16, 0));
    ck_assert_int_eq(pstate(m, 0, 0), OBMALLOC_POOL_USED);

    /* pool 1: three blocks freed in the order 0, 2, 1, so block 1 heads the list */
    uint64_t c1 = obmalloc_malloc(m, 512), c2 = obmalloc_malloc(m, 512);
    ck_assert_uint_eq(c2, blk(s, 0, 1, 512, 2));
    obmalloc_free(m, blk(s, 0, 1, 512, 0));
    obmalloc_free(m, c2);
    obmalloc_free(m, c1);
    ck_assert_int_eq(pstate(m, 0, 1), OBMALLOC_POOL_EMPTY);
    ck_assert_uint_eq(obmalloc_malloc(m, 512), c1);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* Fill every pool of arena ARENA (slots 0..2, which are the first three
 * mapped) with 512-byte blocks, ALREADY of them being there; returns how
 * many it allocated. */
static unsigned fill_arena(Obmalloc *m, const Shape *s, unsigned arena, uint64_t *out,
                           unsigned already)
{
    unsigned n = s->ntotal * nblocks(s->pool, 512) - already;
    for (unsigned i = 0; i < n; i++) {
        out[i] = obmalloc_malloc(m, 512);
        ObmallocWhere w;
        REQUIRE(obmalloc_locate(m, out[i], &w) && w.arena == arena);
    }
    ObmallocArenaInfo ai;
    ck_assert_int_eq(obmalloc_arena_info(m, arena, &ai), 0);
    ck_assert_int_eq(ai.state, OBMALLOC_ARENA_FULL);
    return n;
}

/* A new arena is mapped only when usable_arenas is empty; its pools start
 * at the first pool-aligned address. */
START_TEST(test_new_arena)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    ck_assert_uint_eq(obmalloc_arena_count(m), 0);
    obmalloc_malloc(m, 512);
    ck_assert_uint_eq(obmalloc_arena_count(m), 16);
    ObmallocArenaInfo ai;
    obmalloc_arena_info(m, 0, &ai);
    ck_assert_uint_eq(ai.address, s->arena[0]);
    ck_assert_uint_eq(ai.ntotalpools, s->ntotal);
    ck_assert_uint_eq(ai.nfreepools, s->ntotal - 1);
    uint64_t *b = malloc(64 * 40 * sizeof *b);
    unsigned n = fill_arena(m, s, 0, b + 1, 1);
    ck_assert_uint_eq(b[n], s->pool0[0] + (uint64_t)(s->ntotal - 1) * s->pool + 48 +
                      (uint64_t)(nblocks(s->pool, 512) - 1) * 512);
    ck_assert_uint_eq(obmalloc_usable_arenas(m, NULL, 0), 0);
    ObmallocStats st;
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.narenas_currently_allocated, 1);
    ck_assert_uint_eq(obmalloc_malloc(m, 512), s->pool0[1] + 48);
    obmalloc_arena_info(m, 1, &ai);
    ck_assert_int_eq(ai.state, OBMALLOC_ARENA_USABLE);
    ck_assert_uint_eq(ai.address, s->arena[1]);
    ck_assert_uint_eq(ai.nfreepools, s->ntotal - 1);
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.ntimes_arena_allocated, 2);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    free(b);
    obmalloc_delete(m);
}
END_TEST

/* Free every block of pools [FROM, TO) of an arena filled by fill_arena. */
static void free_pools(Obmalloc *m, const Shape *s, const uint64_t *b, unsigned from, unsigned to)
{
    unsigned nb = nblocks(s->pool, 512);
    for (unsigned i = from * nb; i < to * nb; i++)
        REQUIRE(obmalloc_free(m, b[i]) == 0);
}

/* usable_arenas is sorted by ascending nfreepools (an arena that gets its
 * first free pool goes to the head, then slides right); new pools come from
 * the head arena's freepools (LIFO). */
START_TEST(test_arena_order)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    uint64_t *b[3];
    for (unsigned a = 0; a < 3; a++) {
        b[a] = malloc(64 * 40 * sizeof *b[a]);
        fill_arena(m, s, a, b[a], 0);
    }
    unsigned order[4];
    ck_assert_uint_eq(obmalloc_usable_arenas(m, order, 4), 0);
    free_pools(m, s, b[0], 0, 5);
    free_pools(m, s, b[2], 0, 2);
    ck_assert_uint_eq(obmalloc_usable_arenas(m, order, 4), 2);
    ck_assert_uint_eq(order[0], 2);
    ck_assert_uint_eq(order[1], 0);
    free_pools(m, s, b[1], 0, 3);
    ck_assert_uint_eq(obmalloc_usable_arenas(m, order, 4), 3);
    ck_assert_uint_eq(order[0], 2);
    ck_assert_uint_eq(order[1], 1);
    ck_assert_uint_eq(order[2], 0);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    ck_assert_uint_eq(obmalloc_malloc(m, 16), s->pool0[2] + s->pool + 48);
    ObmallocArenaInfo ai;
    obmalloc_arena_info(m, 2, &ai);
    ck_assert_uint_eq(ai.nfreepools, 1);
    for (unsigned a = 0; a < 3; a++)
        free(b[a]);
    obmalloc_delete(m);
}
END_TEST

/* A wholly free arena goes back to the OS, except (3.9+, bpo-37257) when it
 * is the last one in usable_arenas; a new arena reuses the freed
 * arena_object and the highest free mmap address. */
START_TEST(test_arena_release)
{
    const Shape *s = &shapes[_i];
    int keeps = s->minor >= 9;
    Obmalloc *m = mk(_i);
    uint64_t *b[3];
    for (unsigned a = 0; a < 3; a++) {
        b[a] = malloc(64 * 40 * sizeof *b[a]);
        fill_arena(m, s, a, b[a], 0);
    }
    free_pools(m, s, b[0], 0, 5);
    free_pools(m, s, b[2], 0, 1);
    /* arena 1 slides past arena 0 and is last when it empties */
    free_pools(m, s, b[1], 0, s->ntotal);
    ObmallocArenaInfo ai;
    obmalloc_arena_info(m, 1, &ai);
    ck_assert_int_eq(ai.state, (keeps ? OBMALLOC_ARENA_USABLE : OBMALLOC_ARENA_UNUSED));
    unsigned order[4];
    ck_assert_uint_eq(obmalloc_usable_arenas(m, order, 4), (keeps ? 3 : 2));
    ck_assert_uint_eq(order[0], 2);
    ck_assert_uint_eq(order[1], 0);
    /* arena 0 empties in front of the kept arena 1: released in both */
    free_pools(m, s, b[0], 5, s->ntotal);
    obmalloc_arena_info(m, 0, &ai);
    ck_assert_int_eq(ai.state, OBMALLOC_ARENA_UNUSED);
    ObmallocStats st;
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.narenas_currently_allocated, (keeps ? 2 : 1));
    ck_assert_uint_eq(st.narenas_highwater, 3);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    /* refill until a new arena is needed: arena_object 0, slot 0 again */
    ObmallocWhere w;
    uint64_t p;
    do {
        p = obmalloc_malloc(m, 512);
        REQUIRE(obmalloc_locate(m, p, &w));
    } while (w.arena != 0);
    ck_assert_uint_eq(p, s->pool0[0] + 48);
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.ntimes_arena_allocated, 4);
    for (unsigned a = 0; a < 3; a++)
        free(b[a]);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* Size class (nbytes-1)>>4 and block size 16*(class+1) for 1..512. */
START_TEST(test_size_classes)
{
    Obmalloc *m = mk(_i);
    uint64_t *a = malloc(513 * sizeof *a);
    for (size_t n = 1; n <= 512; n++) {
        a[n] = obmalloc_malloc(m, n);
        ck_assert_uint_eq(a[n] % 16, 0);
        ObmallocWhere w;
        ck_assert(obmalloc_locate(m, a[n], &w));
        ck_assert_int_eq(w.large, 0);
        ck_assert_uint_eq(w.size_class, (n - 1) >> 4);
        ck_assert_uint_eq(w.block_size, ((n - 1) / 16 + 1) * 16);
        ck_assert_uint_eq(w.block_addr, a[n]);
        ObmallocWhere w2;
        ck_assert(obmalloc_locate(m, a[n] + w.block_size - 1, &w2));
        ck_assert_uint_eq(w2.block_addr, a[n]);
    }
    ObmallocStats st;
    obmalloc_stats(m, &st);
    for (unsigned c = 0; c < 32; c++)
        ck_assert_uint_eq(st.live_blocks[c], 16);
    ck_assert_uint_eq(st.large_count, 0);
    for (size_t n = 1; n <= 512; n++)
        ck_assert_int_eq(obmalloc_free(m, a[n]), 0);
    ck_assert_uint_eq(obmalloc_allocated_blocks(m), 0);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    free(a);
    obmalloc_delete(m);
}
END_TEST

/* 0 and >512 bytes go to the system malloc model: a brk heap with 16-byte
 * headers, same-size LIFO reuse, first fit with split, trim into the top. */
START_TEST(test_large_path)
{
    Obmalloc *m = mk(_i);
    uint64_t a = obmalloc_malloc(m, 513);
    ck_assert_uint_eq(a, HEAP + 16);
    ObmallocWhere w;
    ck_assert(obmalloc_locate(m, a + 100, &w));
    ck_assert_int_eq(w.large, 1);
    ck_assert_uint_eq(w.block_addr, a);
    ck_assert_uint_eq(w.block_size, 528);
    uint64_t z = obmalloc_malloc(m, 0);                /* 32-byte chunk */
    ck_assert_uint_eq(z, HEAP + 544 + 16);
    uint64_t c = obmalloc_malloc(m, 2000);             /* 2016-byte chunk */
    ck_assert_uint_eq(c, HEAP + 576 + 16);
    uint64_t d = obmalloc_malloc(m, 600);              /* 624-byte chunk */
    ck_assert_uint_eq(d, HEAP + 2592 + 16);
    ObmallocStats st;
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.large_count, 4);
    ck_assert_uint_eq(st.large_bytes, 513 + 0 + 2000 + 600);
    ck_assert_uint_eq(st.narenas_currently_allocated, 0);
    ck_assert_int_eq(obmalloc_free(m, a), 0);
    ck_assert_int_eq(obmalloc_free(m, a), -1);
    ck_assert_uint_eq(obmalloc_malloc(m, 520), a);     /* same chunk size */
    ck_assert_int_eq(obmalloc_free(m, c), 0);
    ck_assert_uint_eq(obmalloc_malloc(m, 600), c);     /* first fit, split */
    ck_assert_uint_eq(obmalloc_malloc(m, 1376), HEAP + 1200 + 16);
    ck_assert_int_eq(obmalloc_free(m, d), 0);          /* top chunk: trimmed */
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.heap_top, HEAP + 2592);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    ck_assert_int_eq(obmalloc_free(m, z), 0);
    ck_assert_int_eq(obmalloc_free(m, HEAP + 1216), 0);
    ck_assert_int_eq(obmalloc_free(m, c), 0);
    ck_assert_int_eq(obmalloc_free(m, a), 0);
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.heap_top, HEAP);
    ck_assert_uint_eq(st.large_count, 0);
    /* the same size beats a lower, bigger free chunk */
    uint64_t x = obmalloc_malloc(m, 2000), y = obmalloc_malloc(m, 520);
    ck_assert_uint_eq(y, HEAP + 2016 + 16);
    ck_assert_uint_eq(obmalloc_malloc(m, 700), HEAP + 2560 + 16);
    obmalloc_free(m, x);
    obmalloc_free(m, y);
    ck_assert_uint_eq(obmalloc_malloc(m, 513), y);
    ck_assert_uint_eq(obmalloc_malloc(m, 513), x);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* pymalloc_realloc: keep when nbytes <= size and 4*nbytes > 3*size, else
 * malloc+free; system blocks stay in the system model. */
START_TEST(test_realloc_rule)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    uint64_t p = obmalloc_malloc(m, 100);              /* class 6, 112 bytes */
    ck_assert_uint_eq(p, blk(s, 0, 0, 112, 0));
    ck_assert_uint_eq(obmalloc_realloc(m, p, 112), p);
    ck_assert_uint_eq(obmalloc_realloc(m, p, 85), p);  /* 340 > 336 */
    uint64_t q = obmalloc_realloc(m, p, 84);           /* 336 > 336 fails */
    ck_assert_uint_eq(q, blk(s, 0, 1, 96, 0));
    ck_assert(!obmalloc_locate(m, p, NULL));
    ck_assert_uint_eq(obmalloc_realloc(m, q, 97), p);  /* pool 0 cached for class 6 */
    uint64_t big = obmalloc_realloc(m, p, 600);
    ck_assert_uint_eq(big, HEAP + 16);
    ck_assert_uint_eq(obmalloc_realloc(m, big, 100), big);
    ObmallocWhere w;
    ck_assert(obmalloc_locate(m, big, &w));
    ck_assert_int_eq(w.large, 1);
    ck_assert_uint_eq(obmalloc_realloc(m, big, 5000), big);   /* top chunk grows */
    ObmallocStats st;
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.heap_top, HEAP + 16 + 5008);
    uint64_t r = obmalloc_realloc(m, 0, 10);
    ck_assert_uint_eq(r, blk(s, 0, 0, 16, 0));         /* empty pool 0 reused */
    uint64_t r0 = obmalloc_realloc(m, r, 0);           /* to the system model */
    ck_assert_uint_eq(r0, HEAP + 5024 + 16);
    ck_assert_uint_eq(obmalloc_realloc(m, r0 + 8, 10), 0);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* A clone is a deep copy: both evolve identically and independently. */
START_TEST(test_clone)
{
    Obmalloc *m = mk(_i);
    uint64_t a[600];
    for (int i = 0; i < 600; i++)
        a[i] = obmalloc_malloc(m, (size_t)(i * 37 % 700));
    for (int i = 0; i < 600; i += 3)
        obmalloc_free(m, a[i]);
    Obmalloc *c = obmalloc_clone(m);
    ck_assert_int_eq(obmalloc_validate(c), 0);
    char *t1 = obmalloc_debugmallocstats(m), *t2 = obmalloc_debugmallocstats(c);
    ck_assert_str_eq(t1, t2);
    free(t1);
    free(t2);
    uint64_t x = obmalloc_malloc(c, 40);
    ck_assert_uint_eq(obmalloc_malloc(m, 40), x);
    ck_assert_int_eq(obmalloc_free(c, x), 0);
    ck_assert(obmalloc_locate(m, x, NULL));
    ck_assert(!obmalloc_locate(c, x, NULL));
    ck_assert_uint_eq(obmalloc_malloc(c, 40), x);
    ck_assert_uint_ne(obmalloc_malloc(m, 40), x);
    obmalloc_delete(m);
    ck_assert_int_eq(obmalloc_validate(c), 0);
    for (int i = 2; i < 600; i += 3)
        ck_assert_int_eq(obmalloc_free(c, a[i]), 0);
    ck_assert_int_eq(obmalloc_validate(c), 0);
    obmalloc_delete(c);
}
END_TEST

static const char stats_312[] =
    "Small block threshold = 512, in 32 size classes.\n"
    "\n"
    "class   size   num pools   blocks in use  avail blocks\n"
    "-----   ----   ---------   -------------  ------------\n"
    "    0     16           1               3          1018\n"
    "   31    512           1               1            30\n"
    "\n"
    "# arenas allocated total           =                    1\n"
    "# arenas reclaimed                 =                    0\n"
    "# arenas highwater mark            =                    1\n"
    "# arenas allocated current         =                    1\n"
    "1 arenas * 1048576 bytes/arena     =            1,048,576\n"
    "\n"
    "# bytes in allocated blocks        =                  560\n"
    "# bytes in available blocks        =               31,648\n"
    "61 unused pools * 16384 bytes      =              999,424\n"
    "# bytes lost to pool headers       =                   96\n"
    "# bytes lost to quantization       =                  464\n"
    "# bytes lost to arena alignment    =               16,384\n"
    "Total                              =            1,048,576\n"
    "\n"
    "arena map counts\n"
    "# arena map mid nodes              =                    1\n"
    "# arena map bot nodes              =                    1\n"
    "\n"
    "# bytes lost to arena map root     =              262,144\n"
    "# bytes lost to arena map mid      =              262,144\n"
    "# bytes lost to arena map bot      =              131,072\n"
    "Total                              =              655,360\n";

static const char stats_38[] =
    "Small block threshold = 512, in 32 size classes.\n"
    "\n"
    "class   size   num pools   blocks in use  avail blocks\n"
    "-----   ----   ---------   -------------  ------------\n"
    "    0     16           1               3           250\n"
    "   31    512           1               1             6\n"
    "\n"
    "# arenas allocated total           =                    1\n"
    "# arenas reclaimed                 =                    0\n"
    "# arenas highwater mark            =                    1\n"
    "# arenas allocated current         =                    1\n"
    "1 arenas * 262144 bytes/arena      =              262,144\n"
    "\n"
    "# bytes in allocated blocks        =                  560\n"
    "# bytes in available blocks        =                7,072\n"
    "62 unused pools * 4096 bytes       =              253,952\n"
    "# bytes lost to pool headers       =                   96\n"
    "# bytes lost to quantization       =                  464\n"
    "# bytes lost to arena alignment    =                    0\n"
    "Total                              =              262,144\n";

/* sys._debugmallocstats()'s small-object text, in each version's format
 * (3.10+ adds the radix tree's "arena map counts"). */
START_TEST(test_debugmallocstats)
{
    Obmalloc *m = mk(_i);
    for (int i = 0; i < 3; i++)
        obmalloc_malloc(m, 1);
    obmalloc_malloc(m, 512);
    obmalloc_malloc(m, 513);                 /* the system model is not counted */
    char *t = obmalloc_debugmallocstats(m);
    ck_assert_str_eq(t, (shapes[_i].minor == 8 ? stats_38 : stats_312));
    free(t);
    obmalloc_delete(m);
}
END_TEST

/* ---------------------------------------------------------------- Limits */

/* xorshift64*: the seeded random numbers of the stress test. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

typedef struct Live {
    uint64_t addr;
    unsigned size;
} Live;

/* Order live blocks by address. */
static int by_addr(const void *x, const void *y)
{
    uint64_t a = ((const Live *)x)->addr, b = ((const Live *)y)->addr;
    return a < b ? -1 : a > b;
}

/* Check the counters and obmalloc_locate against the live set L[0..N). */
static void check_live(const Obmalloc *m, Live *l, size_t n)
{
    size_t per[32] = {0};
    qsort(l, n, sizeof *l, by_addr);
    for (size_t i = 0; i < n; i++) {
        ObmallocWhere w;
        REQUIRE(obmalloc_locate(m, l[i].addr, &w));
        REQUIRE(w.block_addr == l[i].addr && w.size_class == (l[i].size - 1) >> 4);
        REQUIRE(i + 1 == n || l[i].addr + w.block_size <= l[i + 1].addr);
        per[(l[i].size - 1) >> 4]++;
    }
    ObmallocStats st;
    obmalloc_stats(m, &st);
    ck_assert_mem_eq(st.live_blocks, per, sizeof per);
    ck_assert_uint_eq(obmalloc_allocated_blocks(m), n);
}

/* 1,000,000 mallocs of random sizes mixed with random frees, validated as it
 * goes; then everything is freed (3.9+ keeps exactly one empty arena). */
START_TEST(test_million_blocks)
{
    Obmalloc *m = mk(_i);
    uint64_t seed = UINT64_C(0x9e3779b97f4a7c15) + (uint64_t)_i;
    Live *l = malloc(1000000 * sizeof *l);
    size_t n = 0;
    for (size_t allocs = 0; allocs < 1000000;) {
        uint64_t r = rnd(&seed);
        if (n == 0 || r % 100 < 60) {
            l[n].size = (unsigned)(rnd(&seed) % 512) + 1;
            l[n].addr = obmalloc_malloc(m, l[n].size);
            REQUIRE(l[n].addr != 0);
            n++;
            if (++allocs % 250000 == 0)
                ck_assert_int_eq(obmalloc_validate(m), 0);
        } else {
            size_t k = (size_t)(r >> 32) % n;
            REQUIRE(obmalloc_free(m, l[k].addr) == 0);
            l[k] = l[--n];
        }
    }
    ck_assert_int_eq(obmalloc_validate(m), 0);
    check_live(m, l, n);
    while (n) {
        size_t k = (size_t)(rnd(&seed) >> 32) % n;
        REQUIRE(obmalloc_free(m, l[k].addr) == 0);
        l[k] = l[--n];
    }
    ck_assert_int_eq(obmalloc_validate(m), 0);
    ObmallocStats st;
    obmalloc_stats(m, &st);
    ck_assert_uint_eq(st.small_blocks, 0);
    ck_assert_uint_eq(st.narenas_currently_allocated, (shapes[_i].minor >= 9 ? 1 : 0));
    ck_assert_uint_gt(st.narenas_highwater, 50);
    free(l);
    obmalloc_delete(m);
}
END_TEST

/* Allocate 512-byte blocks until NARENAS arenas are mapped; returns how many. */
static unsigned grow_to(Obmalloc *m, size_t narenas)
{
    unsigned n = 0;
    ObmallocStats st;
    do {
        obmalloc_malloc(m, 512);
        n++;
        obmalloc_stats(m, &st);
    } while (st.narenas_currently_allocated < narenas);
    return n;
}

/* The arena_object vector starts at 16 and doubles when all are in use. */
START_TEST(test_arena_vector_doubles)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    unsigned per = s->ntotal * nblocks(s->pool, 512);
    ck_assert_uint_eq(grow_to(m, 16), 15 * per + 1);
    ck_assert_uint_eq(obmalloc_arena_count(m), 16);
    ck_assert_uint_eq(grow_to(m, 17), per);
    ck_assert_uint_eq(obmalloc_arena_count(m), 32);
    grow_to(m, 33);
    ck_assert_uint_eq(obmalloc_arena_count(m), 64);
    ObmallocArenaInfo ai;
    ck_assert_int_eq(obmalloc_arena_info(m, 32, &ai), 0);
    ck_assert_uint_eq(ai.address, s->arena[0] - 32 * s->mapped);
    ck_assert_int_eq(obmalloc_arena_info(m, 33, &ai), 0);
    ck_assert_int_eq(ai.state, OBMALLOC_ARENA_UNUSED);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    obmalloc_delete(m);
}
END_TEST

/* Frees and reallocs of addresses that are not live blocks change nothing. */
START_TEST(test_bad_addresses)
{
    const Shape *s = &shapes[_i];
    Obmalloc *m = mk(_i);
    uint64_t a = obmalloc_malloc(m, 64), b = obmalloc_malloc(m, 700);
    char *before = obmalloc_debugmallocstats(m);
    uint64_t bad[] = {a + 8, a + 64, s->pool0[0], s->arena[0], s->pool0[0] + 5 * s->pool + 48,
                      b + 16, HEAP, HEAP + 4096, UINT64_C(0x1000), ~UINT64_C(0)};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(obmalloc_free(m, bad[i]), -1);
        ck_assert_uint_eq(obmalloc_realloc(m, bad[i], 10), 0);
    }
    ck_assert(obmalloc_locate(m, a + 8, NULL));
    ck_assert(!obmalloc_locate(m, a + 64, NULL));
    char *after = obmalloc_debugmallocstats(m);
    ck_assert_str_eq(before, after);
    ck_assert_int_eq(obmalloc_free(m, 0), 0);
    ck_assert_int_eq(obmalloc_free(m, a), 0);
    ck_assert_int_eq(obmalloc_free(m, a), -1);
    ck_assert_uint_eq(obmalloc_malloc(m, SIZE_MAX), 0);
    ck_assert_int_eq(obmalloc_validate(m), 0);
    free(before);
    free(after);
    obmalloc_delete(m);
}
END_TEST

/* The profiles' allocator shapes, defaults for a zeroed config, and rejected shapes. */
START_TEST(test_config)
{
    ObmallocConfig c = profile_find("3.11")->obmalloc;
    ck_assert_uint_eq(c.arena_size, 1 << 20);
    ck_assert_uint_eq(c.pool_size, 16 << 10);
    ck_assert_int_eq(c.release_last_free_arena, 0);
    ck_assert_int_eq(c.no_arena_map, 0);
    c = profile_find("3.8")->obmalloc;
    ck_assert_uint_eq(c.arena_size, 256 << 10);
    ck_assert_int_eq(c.release_last_free_arena, 1);
    ObmallocConfig z = {.arena_size = 1 << 20, .pool_size = 16 << 10};
    Obmalloc *m = obmalloc_new(&z);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(obmalloc_malloc(m, 1), shapes[1].pool0[0] + 48);
    ck_assert_uint_eq(obmalloc_arena_count(m), 16);
    obmalloc_delete(m);
    ObmallocConfig bad[] = {
        {.arena_size = 1 << 20, .pool_size = 3000},
        {.arena_size = 1 << 20, .pool_size = 1 << 20},
        {.arena_size = 1000000, .pool_size = 16 << 10},
        {.arena_size = 1 << 20, .pool_size = 1024},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_ptr_null(obmalloc_new(&bad[i]));
}
END_TEST

/* The obmalloc suite: "Core" rules and "Limits" (scale, bad input). */
Suite *suite_obmalloc(void)
{
    Suite *s = suite_create("obmalloc");
    int nshapes = (int)(sizeof shapes / sizeof shapes[0]);
    TCase *core = tcase_create("Core");
    tcase_add_loop_test(core, test_carving_order, 0, nshapes);
    tcase_add_loop_test(core, test_freeblock_lifo, 0, nshapes);
    tcase_add_loop_test(core, test_pool_states, 0, nshapes);
    tcase_add_loop_test(core, test_new_arena, 0, nshapes);
    tcase_add_loop_test(core, test_arena_order, 0, nshapes);
    tcase_add_loop_test(core, test_arena_release, 0, nshapes);
    tcase_add_loop_test(core, test_size_classes, 0, nshapes);
    tcase_add_loop_test(core, test_large_path, 0, nshapes);
    tcase_add_loop_test(core, test_realloc_rule, 0, nshapes);
    tcase_add_loop_test(core, test_clone, 0, nshapes);
    tcase_add_loop_test(core, test_debugmallocstats, 0, nshapes);
    suite_add_tcase(s, core);
    TCase *limits = tcase_create("Limits");
    tcase_set_timeout(limits, 300);
    tcase_add_loop_test(limits, test_million_blocks, 0, nshapes);
    tcase_add_loop_test(limits, test_arena_vector_doubles, 0, nshapes);
    tcase_add_loop_test(limits, test_bad_addresses, 0, nshapes);
    tcase_add_test(limits, test_config);
    suite_add_tcase(s, limits);
    return s;
}
