/* The simulated CPython object model.
 *
 * Every Python value is a simulated object living in one flat table of
 * Obj slots, named by a 32-bit handle (Ref).  A slot holds what CPython's
 * PyObject header holds -- ob_refcnt, ob_type -- plus the simulated address
 * that id() returns, the object's kind (which C-level type implements it),
 * GC linkage and a small payload; variable-size data (list items, dict
 * tables, string bytes) hangs off the payload pointer.
 *
 * Reference conventions are CPython's: functions returning a Ref return a
 * NEW reference (0 = NULL, with an exception set on the heap); Ref
 * arguments are BORROWED unless a function says it steals them.  Every
 * owned reference is one count in the target's refcnt, and each kind's
 * traverse() visits exactly the references the object owns, so the heap
 * validator can check refcnt == incoming references for every object.
 *
 * Invariants (checked by heap_validate in tests, after every statement):
 *   - a live object's refcnt equals the references visited by traverse()
 *     from live objects plus the roots the VM reports, except for immortal
 *     and static objects, whose counts are only bounded below;
 *   - nothing unreachable from the roots and not part of a cycle is alive;
 *   - every live simulated block has exactly one owner: an object (its
 *     main block, or a part its kind's blocks() reports), a type free
 *     list, or the interpreter's start-up (heap_validate_memory). */
#ifndef HS_OBJECT_H
#define HS_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "sim/profile.h"
#include "util/strbuf.h"

typedef uint32_t Ref;
#define NULLREF ((Ref)0)

typedef struct Heap Heap;
/* heap_clone's record of shared host structures already copied (clone.c). */
typedef struct CloneMap CloneMap;

/* The C-level types ("kinds"); a user class's instances are K_INSTANCE. */
typedef enum Kind {
    K_FREE = 0,      /* an unused slot */
    K_NONE, K_NOTIMPL, K_ELLIPSIS,
    K_BOOL, K_INT, K_FLOAT, K_COMPLEX,
    K_STR, K_BYTES,
    K_TUPLE, K_LIST, K_DICT, K_SET, K_FROZENSET,
    K_RANGE, K_SLICE,
    K_FUNCTION, K_BUILTIN, K_CODE, K_CELL, K_METHOD,
    K_TYPE, K_INSTANCE, K_EXCEPTION, K_MODULE,
    K_WEAKREF, K_WEAKPROXY,
    K_LISTITER, K_LISTREVITER, K_TUPLEITER, K_RANGEITER, K_STRITER,
    K_DICTITER, K_SETITER, K_DICTVIEW,
    K_ENUMERATE, K_ZIP, K_MAP, K_FILTER, K_REVERSED, K_SEQITER,
    K_PROPERTY, K_STATICMETHOD, K_CLASSMETHOD, K_MEMBERDESCR, K_SUPER,
    /* weakrefobject.c: weakref.CallableProxyType, WeakValueDictionary and
     * its iterators (generators in CPython) */
    K_WEAKCALLABLEPROXY, K_WEAKVALUEDICT, K_WEAKDICTITER,
    K_MAX
} Kind;

/* Obj.flags */
enum {
    OF_IMMORTAL = 1 << 0,  /* 3.12+ immortal: refcnt never changes */
    OF_STATIC = 1 << 1,    /* owned by the interpreter itself (types, singletons) */
    OF_INTERNED = 1 << 2,  /* str in the interned table */
    OF_BIGINT = 1 << 3,    /* int payload is an mpz_t* rather than v.i */
    OF_FINALIZED = 1 << 4, /* __del__ already ran (PEP 442) */
    OF_WEAKREFS = 1 << 5,  /* some weakref points here */
    OF_CONST = 1 << 6,     /* created by the compiler as a constant */
};

#define GEN_UNTRACKED 0xff

typedef struct Obj {
    int64_t refcnt;      /* ob_refcnt */
    uint64_t addr;       /* simulated address: what id() returns */
    Ref type;            /* ob_type: a K_TYPE object */
    uint8_t kind;        /* Kind */
    uint8_t flags;       /* OF_* */
    uint8_t gen;         /* GC generation, or GEN_UNTRACKED */
    uint8_t spare;
    uint32_t aux;        /* kind-specific small field */
    Ref gc_next, gc_prev;/* generation list links (PyGC_Head) */
    union {
        int64_t i;       /* K_INT (small), K_BOOL */
        double f;        /* K_FLOAT */
        void *p;         /* everything else: kind-specific payload */
        uint64_t u;
    } v;
} Obj;

typedef void (*VisitFn)(Heap *h, Ref target, void *arg);

/* Called once per separately allocated simulated block that object OBJ
 * owns besides its main block: BLOCK_ADDR is the block's start (what
 * heap_mem_alloc returned), PART names it in CPython's terms ("ob_item",
 * "ma_keys", "ma_values", "table", "values", "ht_cached_keys"). */
typedef void (*BlockVisitFn)(Heap *h, Ref obj, uint64_t block_addr, const char *part,
                             void *arg);

/* Rich comparison operators, CPython's numbering. */
enum { CMP_LT, CMP_LE, CMP_EQ, CMP_NE, CMP_GT, CMP_GE };

/* Binary operators, in one table for all numeric/sequence kinds. */
typedef enum BinOp {
    OP_ADD, OP_SUB, OP_MUL, OP_MATMUL, OP_TRUEDIV, OP_FLOORDIV, OP_MOD,
    OP_POW, OP_LSHIFT, OP_RSHIFT, OP_AND, OP_XOR, OP_OR, OP_BINOP_MAX
} BinOp;

typedef enum UnaryOp { OP_NEG, OP_POS, OP_INVERT, OP_NOT } UnaryOp;

/* A C function callable from Python: vectorcall-like.  ARGS holds NARGS
 * positional arguments followed by one value per name in KWNAMES (a tuple
 * of str, or 0).  SELF is the bound object for methods, else 0. */
typedef Ref (*CFunc)(Heap *h, Ref self, const Ref *args, size_t nargs,
                     Ref kwnames);

typedef struct MethodDef {
    const char *name;
    CFunc fn;
    const char *doc;
} MethodDef;

/* The slots of a C-level type, like the parts of PyTypeObject that the
 * simulation needs.  A NULL slot means "not supported". */
typedef struct TypeOps {
    const char *name;              /* tp_name */
    unsigned gc : 1;               /* Py_TPFLAGS_HAVE_GC */
    unsigned basetype : 1;         /* can be subclassed */

    /* memory */
    size_t (*sizeof_)(Heap *, Ref);              /* sys.getsizeof */
    void (*dealloc)(Heap *, Ref);                /* drop children (CPython's order) and payload */
    void (*traverse)(Heap *, Ref, VisitFn, void *); /* every owned reference */
    /* tp_traverse as the collector sees it, where CPython's differs from
     * ownership (3.13 inline values, str-keyed dicts); NULL = traverse */
    void (*gc_traverse)(Heap *, Ref, VisitFn, void *);
    void (*clear)(Heap *, Ref);                  /* tp_clear: break cycles */
    void (*release)(Heap *, Ref);                /* free host payload only (heap teardown) */
    /* every separately allocated block the object owns beyond its main
     * block (a shared block is reported by exactly one owner) */
    void (*blocks)(Heap *, Ref, BlockVisitFn visit, void *arg);
    /* heap_clone (clone.c): give DST's copy of slot R (already a bitwise
     * copy of SRC's) its own deep copy of the host payload behind Obj.v.p;
     * host structures several objects share go through MAP.  Required for
     * every kind with a `release` slot. */
    void (*clone)(const Heap *src, Heap *dst, Ref r, CloneMap *map);

    /* behaviour */
    Ref (*repr)(Heap *, Ref);
    Ref (*str)(Heap *, Ref);
    int (*hash)(Heap *, Ref, int64_t *out);      /* -1 with an exception */
    Ref (*richcompare)(Heap *, Ref, Ref, int op);/* may return NotImplemented */
    Ref (*binop[OP_BINOP_MAX])(Heap *, Ref, Ref);/* may return NotImplemented */
    Ref (*inplace[OP_BINOP_MAX])(Heap *, Ref, Ref); /* in-place variant, optional */
    Ref (*unary[3])(Heap *, Ref);                /* neg, pos, invert */
    int (*truth)(Heap *, Ref);                   /* nb_bool / len; -1 on error */
    int (*len)(Heap *, Ref, size_t *out);        /* -1 with an exception */
    Ref (*getitem)(Heap *, Ref, Ref key);
    int (*setitem)(Heap *, Ref, Ref key, Ref value); /* value 0 deletes */
    int (*contains)(Heap *, Ref, Ref);           /* 1, 0, -1 */
    Ref (*iter)(Heap *, Ref);
    Ref (*iternext)(Heap *, Ref);                /* 0 and no exception = exhausted */
    Ref (*getattr)(Heap *, Ref, Ref name);       /* after the generic lookup fails */
    int (*setattr)(Heap *, Ref, Ref name, Ref value); /* value 0 deletes */
    Ref (*call)(Heap *, Ref, const Ref *, size_t, Ref kwnames);
    Ref (*new_)(Heap *, Ref type, const Ref *, size_t, Ref kwnames); /* type(...) */
    const MethodDef *methods;                    /* NULL-name terminated */
} TypeOps;

/* The per-kind slot tables (typeops.c gathers them). */
extern const TypeOps *const kind_ops[K_MAX];

#endif
