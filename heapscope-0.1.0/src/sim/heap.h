/* The simulated heap: the object table, refcounting, allocation through
 * the obmalloc model and free lists, singletons, builtin types, the
 * exception indicator and program output.  It is the simulated runtime's
 * whole state (CPython's PyInterpreterState plus its heap); the VM keeps
 * frames and stacks and reports them as roots. */
#ifndef HS_HEAP_H
#define HS_HEAP_H

#include <stdarg.h>
#include <stdbool.h>

#include "sim/object.h"
#include "sim/obmalloc.h"

/* Builtin exception classes, in the order of CPython's hierarchy. */
typedef enum ExcType {
    EXC_BaseException, EXC_SystemExit, EXC_KeyboardInterrupt, EXC_GeneratorExit,
    EXC_Exception, EXC_StopIteration, EXC_ArithmeticError, EXC_FloatingPointError,
    EXC_OverflowError, EXC_ZeroDivisionError, EXC_AssertionError,
    EXC_AttributeError, EXC_BufferError, EXC_EOFError, EXC_ImportError,
    EXC_ModuleNotFoundError, EXC_LookupError, EXC_IndexError, EXC_KeyError,
    EXC_MemoryError, EXC_NameError, EXC_UnboundLocalError, EXC_OSError,
    EXC_ReferenceError, EXC_RuntimeError, EXC_NotImplementedError,
    EXC_RecursionError, EXC_SyntaxError, EXC_IndentationError, EXC_TabError,
    EXC_SystemError, EXC_TypeError, EXC_ValueError, EXC_UnicodeError,
    EXC_Warning,
    /* added for str/bytes (strobject.c creates the classes when
     * exc_init_types does not): */
    EXC_UnicodeDecodeError, EXC_UnicodeEncodeError,
    EXC_MAX
} ExcType;

/* Callbacks the VM installs so the simulation can run Python code
 * (__del__, __repr__, __eq__, key functions...) without knowing the VM. */
typedef struct HeapHooks {
    void *vm;
    /* Call CALLABLE (any callable object); new reference or 0. */
    Ref (*call)(void *vm, Ref callable, const Ref *args, size_t nargs, Ref kwnames);
    /* Report the VM's own references (frames, stacks) to VISIT. */
    void (*roots)(void *vm, VisitFn visit, void *arg);
    /* Report an exception that cannot propagate (raised by __del__ or a
     * weakref callback): "Exception ignored in: ...", then the traceback.
     * The hook takes the pending exception. */
    void (*unraisable)(void *vm, Ref context);
} HeapHooks;

/* A stack of simulated addresses kept by a type's free list. */
typedef struct FreeList {
    uint64_t *addr;
    size_t n, cap;
    int limit;
    uint64_t ops;      /* pushes + pops: invalidates the block-owner index */
} FreeList;

#define HEAP_SMALLINTS 262   /* -5 .. 256 */
#define HEAP_TUPLE_FREELISTS 21
#define HEAP_DICT_MEMO 64    /* dictobject.c's lookup memo */

struct Heap {
    const Profile *prof;

    /* the object table */
    Obj *objs;
    uint32_t nslots, capslots;
    uint32_t free_slot;        /* head of the free-slot chain (through v.u) */
    size_t live;               /* live objects */

    /* simulated memory */
    Obmalloc *mem;
    uint64_t mem_bytes;        /* simulated bytes currently allocated */
    uint64_t mem_limit;        /* beyond this, MemoryError */
    uint64_t mem_gen;          /* bumped by every alloc/free and slot change */
    void *blockmap;            /* block address -> owner index (heap.c), lazy */
    uint64_t startup_blocks[OBMALLOC_NB_SMALL_SIZE_CLASSES]; /* the interpreter's own */
    unsigned nstartup_blocks;
    FreeList fl_float, fl_list, fl_dict;
    /* dictobject.c: 8-slot dict keys objects kept for reuse (keys_free_list);
     * its limit is set on first use, heap_delete should free .addr */
    FreeList fl_dictkeys;
    FreeList fl_tuple[HEAP_TUPLE_FREELISTS];

    /* singletons and static objects */
    Ref none, notimpl, ellipsis, true_, false_;
    Ref empty_tuple, empty_str, empty_bytes, empty_frozenset;
    Ref small_ints[HEAP_SMALLINTS];
    Ref latin1[256];           /* one-character str cache */
    Ref type_of_kind[K_MAX];   /* builtin type object per kind */
    Ref type_type, object_type;
    Ref exc_types[EXC_MAX];

    /* interned strings: an open-addressed set of str handles */
    Ref *interned;
    size_t ninterned, capinterned;

    /* the exception being raised (owned), or 0 */
    Ref exc;

    /* program output (sys.stdout / sys.stderr) */
    StrBuf out, err;

    /* nesting of C-level recursion (Py_EnterRecursiveCall) */
    int c_recursion;

    /* deallocation: CPython's trashcan bounds the C stack */
    int dealloc_depth;
    Ref *trash;
    size_t ntrash, captrash;

    /* the simulated address space of static objects (types, singletons) */
    uint64_t static_next;

    void *gc;                  /* the collector's state (gc.c) */
    bool gc_due;               /* an automatic collection is pending (gc.c; the
                                  VM tests it at every instruction: gc_pending) */
    void *weakrefs;            /* referent -> weakref list (weakrefobject.c) */

    /* str/bytes caches and extra builtin types (strobject.c, bytesobject.c) */
    Ref bytes_chars[256];      /* one-byte bytes cache (CPython's characters[]) */
    Ref str_ascii_iter_type;   /* str_ascii_iterator (3.11+), else 0 */
    Ref bytes_iter_type;       /* bytes_iterator */
    Ref getset_descr_type;     /* getset_descriptor (made with the first class), or 0 */
    /* static method descriptors, one per MethodDef (funcobject.c's
     * builtin_static_descriptor, used by LOAD_METHOD) */
    struct MethodDescrEntry *method_descrs;
    size_t nmethod_descrs, capmethod_descrs;
    HeapHooks hooks;
    /* dictobject.c: where recent str lookups found their keys (entry
     * indices, checked before use; a cache with no meaning of its own) */
    uint32_t dict_memo[HEAP_DICT_MEMO];
};

/* Create a heap for PROFILE with its singletons and builtin types. */
Heap *heap_new(const Profile *profile);
/* Destroy the heap and every object in it. */
void heap_delete(Heap *h);

/* Return the slot of R (R must be live). */
static inline Obj *heap_obj(const Heap *h, Ref r) { return &h->objs[r]; }
/* Return R's kind. */
static inline Kind heap_kind(const Heap *h, Ref r) { return (Kind)h->objs[r].kind; }
/* Return the TypeOps of R's kind. */
static inline const TypeOps *heap_ops(const Heap *h, Ref r) { return kind_ops[h->objs[r].kind]; }

/* Take a new reference to R (no-op for 0 and immortal objects). */
static inline void heap_incref(Heap *h, Ref r)
{
    if (r && !(h->objs[r].flags & OF_IMMORTAL))
        h->objs[r].refcnt++;
}
void heap_dealloc(Heap *h, Ref r);
/* Drop a reference to R, deallocating it when the count reaches zero. */
static inline void heap_decref(Heap *h, Ref r)
{
    if (r && !(h->objs[r].flags & OF_IMMORTAL) && --h->objs[r].refcnt == 0)
        heap_dealloc(h, r);
}
/* Replace the reference in *SLOT by NEWVAL (a new reference the slot takes). */
static inline void heap_setref(Heap *h, Ref *slot, Ref newval)
{
    Ref old = *slot;
    *slot = newval;
    heap_decref(h, old);
}
/* Return a new reference to R. */
static inline Ref heap_newref(Heap *h, Ref r) { heap_incref(h, r); return r; }

/* Simulated memory: allocate NBYTES through obmalloc; 0 when over the limit
 * (MemoryError is then set). */
uint64_t heap_mem_alloc(Heap *h, size_t nbytes);
/* Free a block obtained from heap_mem_alloc. */
void heap_mem_free(Heap *h, uint64_t addr);
/* Resize a block; 0 on MemoryError (the old block is kept). */
uint64_t heap_mem_realloc(Heap *h, uint64_t addr, size_t oldbytes, size_t nbytes);

/* Pop an address from free list FL, or 0 when it is empty. */
uint64_t heap_freelist_pop(FreeList *fl);
/* Push ADDR on free list FL; false when the list is full. */
bool heap_freelist_push(FreeList *fl, uint64_t addr);

/* Make a new object slot of KIND and TYPE at simulated address ADDR with
 * refcount 1.  Takes a reference to TYPE for heap types. */
Ref heap_new_slot(Heap *h, Kind kind, Ref type, uint64_t addr);
/* Release R's slot after its kind's dealloc ran (memory already freed). */
void heap_free_slot(Heap *h, Ref r);
/* Allocate an object of KIND and TYPE whose request is NBYTES, of which
 * PREFIX bytes (GC header, pre-header) precede the object's address;
 * counts a GC allocation when GC is set.  0 with MemoryError. */
Ref heap_alloc_object(Heap *h, Kind kind, Ref type, size_t nbytes, size_t prefix, bool gc);
/* Free R's block (PREFIX bytes before its address) and its slot. */
void heap_free_object(Heap *h, Ref r, size_t prefix, bool gc);
/* Mark R immortal (3.12+) or static: its count is the interpreter's. */
void heap_make_static(Heap *h, Ref r);

/* Raise an instance of builtin exception TYPE with a formatted message;
 * always returns 0 so callers can `return heap_raise(...)`. */
Ref heap_raise(Heap *h, ExcType type, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Raise exception object EXC (a reference is taken); returns 0. */
Ref heap_raise_obj(Heap *h, Ref exc);
/* True when an exception of builtin TYPE (or a subclass) is pending. */
bool heap_exc_matches(Heap *h, ExcType type);
/* Forget the pending exception. */
void heap_clear_exc(Heap *h);
/* Take the pending exception (new reference), leaving none. */
Ref heap_fetch_exc(Heap *h);

/* Enter a C-level recursive operation (repr of nested containers, a call
 * from C into Python...); false with RecursionError past the limit.
 * WHERE completes "maximum recursion depth exceeded%s". */
bool heap_enter_recursive(Heap *h, const char *where);
/* Leave a C-level recursive operation. */
static inline void heap_leave_recursive(Heap *h) { h->c_recursion--; }

/* Run Python-level callable FN through the VM hook; new reference or 0. */
Ref heap_call(Heap *h, Ref fn, const Ref *args, size_t nargs, Ref kwnames);

/* The type object of R. */
static inline Ref heap_type(const Heap *h, Ref r) { return h->objs[r].type; }
/* CPython's Py_TYPE(r)->tp_name. */
const char *heap_type_name(const Heap *h, Ref r);

/* Count of references to R that sys.getrefcount would report. */
int64_t heap_refcnt(const Heap *h, Ref r);

/* Check the heap's invariants; on failure describe the first problem in
 * WHY and return false.  Includes heap_validate_memory. */
bool heap_validate(Heap *h, StrBuf *why);

/* ---- objects and their simulated blocks (the obmalloc view) ----
 *
 * Every live object owns a main block -- the one its allocation returned,
 * which starts heap_object_prefix() bytes (GC header, pre-header) before
 * its address -- plus the separately allocated parts its kind's `blocks`
 * slot reports (a list's ob_item, a dict's ma_keys / ma_values, a set's
 * table, an instance's values, a class's ht_cached_keys).  Objects in
 * static memory (builtin types, singletons) own none.  Blocks parked on a
 * type's free list belong to no object; nor do the blocks the interpreter
 * allocated for itself before the script started. */

/* One simulated block and where obmalloc keeps it. */
typedef struct HeapBlock {
    uint64_t addr;        /* the block's start, as heap_mem_alloc returned it */
    const char *part;     /* "object" (main block), the part's name, or the
                             free list's ("free_list[float]", "free_list[tuple]") */
    unsigned index;       /* free_list[tuple]: the tuple length; else 0 */
    bool located;         /* ADDR is the start of a live block: WHERE is valid */
    ObmallocWhere where;  /* arena/pool/size class/block, or large */
} HeapBlock;

/* Bytes in front of R's address in its main block (the GC header and
 * the pre-header of managed dicts/weakrefs), from its kind, type and the
 * profile: how each kind allocates. */
size_t heap_object_prefix(const Heap *h, Ref r);
/* True when R lives in static memory (builtin types, singletons). */
bool heap_object_is_static(const Heap *h, Ref r);
/* R's blocks: the main block first, then its parts.  Writes at most MAX
 * to OUT and returns how many there are (0 for static objects). */
size_t heap_object_blocks(Heap *h, Ref r, HeapBlock *out, size_t max);
/* The blocks parked on the type free lists (list, dict, dict keys, float,
 * tuple by length), each list from its top (the next reused) down.
 * Writes at most MAX and returns how many there are. */
size_t heap_freelist_blocks(Heap *h, HeapBlock *out, size_t max);
/* The blocks the interpreter itself holds from start-up ("startup").
 * Writes at most MAX and returns how many there are. */
size_t heap_startup_blocks(Heap *h, HeapBlock *out, size_t max);
/* The live object that owns the block starting at (or containing)
 * BLOCK_ADDR, with the part's name in *PART (may be NULL); 0 for a free
 * block, a free-list block or a start-up block.  Backed by an index that
 * is rebuilt when the heap changed since the last call. */
Ref heap_block_owner(Heap *h, uint64_t block_addr, const char **part);
/* Memory consistency (validate.c): every live object's blocks are live
 * obmalloc blocks or system chunks, no block has two owners (objects,
 * free lists, start-up), every live block has one, and obmalloc's own
 * invariants hold.  On failure describe the first problem in WHY. */
bool heap_validate_memory(Heap *h, StrBuf *why);

/* ---- deep copies (clone.c) ----
 *
 * heap_clone makes an independent heap in the same state, so a session can
 * keep checkpoints and step back: the same slots (Refs keep their values),
 * simulated addresses, obmalloc state, free lists, interned strings,
 * collector and weakref state, exception and output.  Each kind's `clone`
 * slot copies its host payload; host structures that several objects
 * share (a class's cached dict keys) are copied once through a CloneMap.
 * Nothing is shared with the original, so either can be deleted first.
 * The clone has no hooks: the VM made for it installs them (vm_clone),
 * and the block-owner index is rebuilt on demand. */

/* A deep copy of H (no hooks; H must not be inside a deallocation or a
 * collection, i.e. at a step boundary). */
Heap *heap_clone(const Heap *h);
/* The copy of shared host structure OLD made earlier in this clone, or NULL. */
void *clone_map_lookup(const CloneMap *m, const void *old);
/* Record COPY as the copy of OLD. */
void clone_map_insert(CloneMap *m, const void *old, void *copy);
/* A malloc'd copy of the N bytes at P; NULL when P is NULL. */
void *clone_memdup(const void *p, size_t n);

#endif
