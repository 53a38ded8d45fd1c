/* The compiler: CPython's Python/compile.c (plus the parts of ast_opt.c,
 * the 3.8 peephole optimizer and 3.12's flowgraph that scripts can see),
 * producing heapscope's bytecode (opcode.h).
 *
 * Layout of this file, in the order of the data flow:
 *   constants  -- objects for literals, folding (ast_opt's fold_* with its
 *                 size limits), the unit-wide constant cache that merges
 *                 equal constants (_PyCode_ConstantKey: type and value,
 *                 0 / 0.0 / False / -0.0 all distinct), interning;
 *   units      -- one per code object under construction: constants,
 *                 names, fast locals, cells, instructions, labels, the
 *                 stack of active loops and try blocks (fblocks);
 *   names      -- compiler_nameop: where a name lives decides the opcode;
 *   expressions, statements, functions/classes/comprehensions;
 *   assembly   -- tuple folding of constant defaults, label resolution,
 *                 stack depth, the code object.
 *
 * Version differences come from the Profile (h->prof): inlined
 * comprehensions (3.12+), the qualname operand of MAKE_FUNCTION (3.8),
 * list/set literals built by extension (3.9+), the stack-use guideline that
 * builds long displays and calls incrementally (3.10+), the one-item
 * comprehension fast path (3.9+), cell ordering (3.11+), unused-constant
 * removal (3.12+) and the class attributes 3.13 adds.
 *
 * Exception handling protocol (the VM's block stack, see opcode.h):
 *
 *     SETUP_FINALLY H        try body, POP_BLOCK, else body, JUMP END
 *   H:                       [exc]          (depth d+1)
 *     SETUP_FINALLY CLEANUP  (records d+1: keeps the slot that becomes prev)
 *     PUSH_EXC_INFO          [prev exc]
 *     <E>; JUMP_IF_NOT_EXC_MATCH NEXT
 *     STORE n                [prev]
 *     SETUP_FINALLY NCLEAN   (only with `as n`)
 *     <handler body>
 *     POP_BLOCK (NCLEAN); POP_BLOCK (CLEANUP); POP_EXCEPT; n = None; del n
 *     JUMP END
 *   NCLEAN: [prev exc2]  n = None; del n; RERAISE       (caught by CLEANUP)
 *   NEXT: ... further clauses ...; RERAISE              (caught by CLEANUP)
 *   CLEANUP: [prev exc]  ROT_TWO; POP_EXCEPT; RERAISE   (restore prev)
 *   END:
 * try/finally: the finally body runs inline on the normal path and before
 * return/break/continue leaving the try; on the exception path
 *   H: SETUP_FINALLY CLEANUP; PUSH_EXC_INFO; <finally body>; RERAISE
 * exactly as CPython 3.11 compiles it (with SETUP_CLEANUP). */
#include "lang/compile.h"

#include <gmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/symtable.h"
#include "sim/abstract.h"
#include "sim/bytesobject.h"
#include "sim/complexobject.h"
#include "sim/floatobject.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_FBLOCKS 20            /* CO_MAXBLOCKS */
#define NOTCONST ((Ref)0xffffffffu)
#define DEREF_SLOT 0x40000000     /* internal arg: frame slot nlocals + index */

/* ast_opt.c's limits on folded values. */
#define MAX_INT_SIZE 128          /* bits */
#define MAX_COLLECTION_SIZE 256   /* items */
#define MAX_STR_SIZE 4096         /* characters */
#define MAX_TOTAL_ITEMS 1024      /* including nested collections */

/* ------------------------------------------------------------------ */
/* Data structures                                                     */
/* ------------------------------------------------------------------ */

/* The rest of a source position after the line (InstrPos's fields). */
typedef struct Span {
    int line, col, end_line, end_col;   /* byte columns; col -1: unknown */
} Span;

/* The span of AST node N (an AstExpr or an AstStmt). */
#define SPAN_OF(n) ((Span){(n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset})

/* An instruction under construction; JUMP-like args are label ids. */
typedef struct CInstr {
    uint8_t op;
    uint8_t jump;                 /* arg is a label */
    uint8_t ls;                   /* line_start */
    uint8_t nofold;               /* BUILD_TUPLE that must stay (class bases) */
    int32_t arg;
    int32_t line;
    Span span;                    /* the node it came from (co_positions) */
} CInstr;

typedef struct Seq {
    CInstr *v;
    size_t n, cap;
} Seq;

typedef struct Label {
    int cold;                     /* bound in the cold section */
    int pos;                      /* index in its section, -1 if unbound */
} Label;

typedef struct StrList {
    const char **v;
    size_t n, cap;
} StrList;

typedef enum FBType {
    FB_WHILE, FB_FOR, FB_TRY_EXCEPT, FB_FINALLY_TRY, FB_FINALLY_END,
    FB_EXCEPTION_HANDLER, FB_HANDLER_CLEANUP, FB_POP_VALUE
} FBType;

typedef struct FBlock {
    FBType type;
    int cont, exit;               /* loops: continue and break targets */
    AstStmt *const *body;         /* FB_FINALLY_TRY: the finally body */
    size_t nbody;
    const char *name;             /* FB_HANDLER_CLEANUP: the `as` name */
} FBlock;

/* A temporary scope for a name while an inlined comprehension compiles. */
typedef struct Override {
    const char *name;
    SymScope scope;
    int flags;
} Override;

typedef enum UnitKind { U_MODULE, U_FUNCTION, U_LAMBDA, U_CLASS, U_COMP } UnitKind;

typedef struct Unit {
    struct Unit *parent;
    UnitKind kind;
    SymEntry *ste;
    const char *name;             /* co_name */
    char *qualname;
    const char *private_;         /* class name for mangling */
    Ref *consts;                  /* borrowed from the constant cache */
    size_t nconsts, capconsts;
    int *pinned;                  /* constants kept without a LOAD_CONST */
    size_t npinned, cappinned;
    StrList names, varnames, cellvars, freevars;
    Seq main, cold;
    int in_cold;
    Label *labels;
    size_t nlabels, caplabels;
    FBlock fblocks[MAX_FBLOCKS];
    int nfblocks;
    int firstlineno, lineno;
    Span span;                    /* with lineno: the node being compiled */
    int pending_start, no_starts;
    int argcount, kwonlyargcount, flags;
    int in_inlined_comp;
    Override *overrides;
    size_t noverrides, capoverrides;
    StrList fast_hidden;
    StrList static_attrs;
} Unit;

/* Open-addressed map from AST nodes to folded constants. */
typedef struct FoldMap {
    const void **keys;
    Ref *vals;
    size_t n, cap;
} FoldMap;

/* The unit-wide constant cache (compiler's c_const_cache). */
typedef struct ConstCache {
    Ref *slots;
    uint64_t *hashes;
    size_t n, cap;
} ConstCache;

typedef struct Compiler {
    Heap *h;
    const Profile *prof;
    const SyntaxProfile *sprof;
    SymTable *st;
    const char *filename;
    Ref filename_obj;
    int interactive;
    CompileError *err;
    int failed;
    ConstCache cache;
    FoldMap fold;
    CompileArena arena;           /* the parse tree's references */
    Unit *u;
} Compiler;

typedef Compiler C;

static void expr(C *c, const AstExpr *e);
static void stmt(C *c, const AstStmt *s);
static void stmts(C *c, AstStmt *const *ss, size_t n);

/* ------------------------------------------------------------------ */
/* Errors and warnings                                                 */
/* ------------------------------------------------------------------ */

/* Record a SyntaxError KIND (parameter S1) at a node's position. */
static void error_at(C *c, SyntaxErrKind kind, const char *s1, int lineno, int col,
                     int end_lineno, int end_col)
{
    if (c->failed)
        return;
    c->failed = 1;
    SyntaxErr *e = &c->err->syntax;
    memset(e, 0, sizeof *e);
    e->kind = kind;
    if (s1)
        strncpy(e->s1, s1, sizeof e->s1 - 1);
    e->lineno = lineno;
    e->offset = col + 1;
    e->end_lineno = c->sprof->end_offsets ? end_lineno : 0;
    e->end_offset = c->sprof->end_offsets ? end_col + 1 : 0;
    e->type = c->sprof->messages[kind].type;
    e->msg = syntax_format_message(c->sprof, e);
}

#define ERROR_AT(c, kind, s1, n) \
    error_at((c), (kind), (s1), (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset)

/* Line LINE (1-based) of the source, stripped, into B; false if unknown. */
static bool source_line(const CompileError *err, int line, StrBuf *b)
{
    if (!err->source || line < 1)
        return false;
    const char *p = err->source, *end = err->source + err->source_len;
    for (int l = 1; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return false;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\f'))
        p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\f'))
        e--;
    strbuf_append(b, p, (size_t)(e - p));
    return true;
}

/* Print a SyntaxWarning on the program's stderr, as warnings.showwarning. */
static void warn(C *c, int line, const char *fmt, ...)
{
    StrBuf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    StrBuf *out = &c->h->err;
    const char *file = c->err && c->err->shown_filename ? c->err->shown_filename : c->filename;
    strbuf_printf(out, "%s:%d: SyntaxWarning: %s\n", file, line, strbuf_cstr(&msg));
    StrBuf text = {0};      /* (the REPL's warnings show no line: <stdin> can't be read) */
    if (!c->interactive && source_line(c->err, line, &text) && text.len)
        strbuf_printf(out, "  %s\n", strbuf_cstr(&text));
    strbuf_free(&text);
    strbuf_free(&msg);
}

/* ------------------------------------------------------------------ */
/* Constants: keys, the cache, interning                               */
/* ------------------------------------------------------------------ */

/* Mix V into hash H. */
static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

/* FNV-1a of N bytes. */
static uint64_t hashbytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

/* The bits of a double. */
static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* Hash of a constant's key (_PyCode_ConstantKey): type and value. */
static uint64_t const_hash(Heap *h, Ref r)
{
    Kind k = heap_kind(h, r);
    uint64_t x = (uint64_t)k * 0x100000001b3ull;
    switch (k) {
    case K_INT:
        return mix(x, (uint64_t)int_hash_value(h, r));
    case K_FLOAT:
        return mix(x, dbits(float_value(h, r)));
    case K_COMPLEX: {
        Complex z = complex_value(h, r);
        return mix(mix(x, dbits(z.real)), dbits(z.imag));
    }
    case K_STR: {
        size_t n;
        const char *s = str_utf8(h, r, &n);
        return mix(x, hashbytes(s, n));
    }
    case K_BYTES: {
        size_t n;
        const unsigned char *s = bytes_data(h, r, &n);
        return mix(x, hashbytes(s, n));
    }
    case K_TUPLE: {
        size_t n = tuple_size(h, r);
        x = mix(x, n);
        for (size_t i = 0; i < n; i++)
            x = mix(x, const_hash(h, tuple_items(h, r)[i]));
        return x;
    }
    case K_FROZENSET: {
        uint64_t acc = 0;
        size_t pos = 0;
        Ref key;
        while (set_next(h, r, &pos, &key))
            acc += const_hash(h, key);
        return mix(mix(x, set_size(h, r)), acc);
    }
    default:
        return mix(x, r);
    }
}

/* Do A and B have the same constant key (type, value, sign of zeros)? */
static bool const_eq(Heap *h, Ref a, Ref b)
{
    if (a == b)
        return true;
    Kind k = heap_kind(h, a);
    if (k != heap_kind(h, b) || heap_type(h, a) != heap_type(h, b))
        return false;
    switch (k) {
    case K_INT: {
        int64_t x, y;
        bool fx = int_as_i64(h, a, &x), fy = int_as_i64(h, b, &y);
        if (fx || fy)
            return fx && fy && x == y;
        mpz_t za, zb;
        mpz_inits(za, zb, NULL);
        int_to_mpz(h, a, za);
        int_to_mpz(h, b, zb);
        bool eq = mpz_cmp(za, zb) == 0;
        mpz_clears(za, zb, NULL);
        return eq;
    }
    case K_FLOAT:
        return dbits(float_value(h, a)) == dbits(float_value(h, b));
    case K_COMPLEX: {
        Complex x = complex_value(h, a), y = complex_value(h, b);
        return dbits(x.real) == dbits(y.real) && dbits(x.imag) == dbits(y.imag);
    }
    case K_STR:
        return str_equal(h, a, b);
    case K_BYTES: {
        size_t na, nb;
        const unsigned char *sa = bytes_data(h, a, &na), *sb = bytes_data(h, b, &nb);
        return na == nb && memcmp(sa, sb, na) == 0;
    }
    case K_TUPLE: {
        size_t n = tuple_size(h, a);
        if (n != tuple_size(h, b))
            return false;
        for (size_t i = 0; i < n; i++)
            if (!const_eq(h, tuple_items(h, a)[i], tuple_items(h, b)[i]))
                return false;
        return true;
    }
    case K_FROZENSET: {
        if (set_size(h, a) != set_size(h, b))
            return false;
        size_t pa = 0;
        Ref ka;
        while (set_next(h, a, &pa, &ka)) {
            size_t pb = 0;
            Ref kb;
            bool found = false;
            while (!found && set_next(h, b, &pb, &kb))
                found = const_eq(h, ka, kb);
            if (!found)
                return false;
        }
        return true;
    }
    default:
        return false;
    }
}

/* Find or insert constant R (stolen) in the cache; returns the canonical
 * object (borrowed: the cache owns it until the end of compilation). */
static Ref cache_insert(C *c, Ref r)
{
    Heap *h = c->h;
    ConstCache *cc = &c->cache;
    if ((cc->n + 1) * 2 > cc->cap) {
        size_t cap = cc->cap ? cc->cap * 2 : 64;
        Ref *slots = xcalloc(cap, sizeof(Ref));
        uint64_t *hashes = xcalloc(cap, sizeof(uint64_t));
        for (size_t i = 0; i < cc->cap; i++) {
            if (!cc->slots[i])
                continue;
            size_t j = cc->hashes[i] & (cap - 1);
            while (slots[j])
                j = (j + 1) & (cap - 1);
            slots[j] = cc->slots[i];
            hashes[j] = cc->hashes[i];
        }
        free(cc->slots);
        free(cc->hashes);
        cc->slots = slots;
        cc->hashes = hashes;
        cc->cap = cap;
    }
    uint64_t hv = const_hash(h, r);
    size_t j = hv & (cc->cap - 1);
    while (cc->slots[j]) {
        if (cc->hashes[j] == hv && const_eq(h, cc->slots[j], r)) {
            Ref found = cc->slots[j];
            heap_decref(h, r);
            return found;
        }
        j = (j + 1) & (cc->cap - 1);
    }
    cc->slots[j] = r;
    cc->hashes[j] = hv;
    cc->n++;
    return r;
}

/* merge_consts_recursive: the canonical object for constant R (stolen),
 * with its items merged and its strings interned. */
static Ref const_merge(C *c, Ref r)
{
    Heap *h = c->h;
    switch (heap_kind(h, r)) {
    case K_STR:
        if (str_is_identifier_like(h, r))
            r = str_intern(h, r);
        break;
    case K_TUPLE: {
        size_t n = tuple_size(h, r);
        for (size_t i = 0; i < n; i++) {
            Ref item = tuple_items(h, r)[i];
            Ref canon = const_merge(c, heap_newref(h, item));
            if (canon != item)
                tuple_set_item(h, r, i, heap_newref(h, canon));
        }
        break;
    }
    case K_FROZENSET: {
        size_t n = set_size(h, r);
        if (!n)
            break;
        Ref items = tuple_new(h, n);
        size_t pos = 0, i = 0;
        Ref key;
        while (set_next(h, r, &pos, &key))
            tuple_set_item(h, items, i++, heap_newref(h, const_merge(c, heap_newref(h, key))));
        Ref fs = frozenset_new(h, items);
        heap_decref(h, items);
        heap_decref(h, r);
        r = fs;
        break;
    }
    default:
        break;
    }
    return cache_insert(c, r);
}

/* An interned name object (co_names, co_varnames, co_name...). */
static Ref name_obj(C *c, const char *s)
{
    return str_intern_name(c->h, str_from_cstr(c->h, s));
}

/* A new tuple of interned names. */
static Ref names_tuple(C *c, const StrList *l)
{
    Ref t = tuple_new(c->h, l->n);
    for (size_t i = 0; i < l->n; i++)
        tuple_set_item(c->h, t, i, name_obj(c, l->v[i]));
    return t;
}

/* ------------------------------------------------------------------ */
/* Constants: literals and folding (ast_opt.c)                         */
/* ------------------------------------------------------------------ */

/* A new object for literal K, or 0 (exception cleared) on failure. */
static Ref const_from_ast(C *c, const AstConstant *k)
{
    Heap *h = c->h;
    Ref r = 0;
    switch (k->kind) {
    case AST_CONST_NONE: return heap_newref(h, h->none);
    case AST_CONST_TRUE: return heap_newref(h, h->true_);
    case AST_CONST_FALSE: return heap_newref(h, h->false_);
    case AST_CONST_ELLIPSIS: return heap_newref(h, h->ellipsis);
    case AST_CONST_INT:
        r = int_from_str(h, k->int_digits, strlen(k->int_digits), k->int_base);
        break;
    case AST_CONST_FLOAT: r = float_from_double(h, k->f); break;
    case AST_CONST_COMPLEX: r = complex_from_doubles(h, 0.0, k->imag); break;
    case AST_CONST_STR: r = str_from_utf8(h, k->str, k->len); break;
    case AST_CONST_BYTES: r = bytes_from(h, k->str, k->len); break;
    }
    if (!r)
        heap_clear_exc(h);
    return r;
}

/* Number of bits of |R| (_PyLong_NumBits). */
static size_t numbits(C *c, Ref r)
{
    mpz_t z;
    mpz_init(z);
    int_to_mpz(c->h, r, z);
    size_t n = mpz_sgn(z) ? mpz_sizeinbase(z, 2) : 0;
    mpz_clear(z);
    return n;
}

/* PyLong_AsSize_t: false for negative or huge values. */
static bool as_size(C *c, Ref r, size_t *out)
{
    int64_t v;
    if (!int_as_i64(c->h, r, &v) || v < 0)
        return false;
    *out = (size_t)v;
    return true;
}

/* check_complexity: items left under LIMIT counting nested collections. */
static long complexity(C *c, Ref r, long limit)
{
    Heap *h = c->h;
    if (heap_kind(h, r) == K_TUPLE) {
        size_t n = tuple_size(h, r);
        limit -= (long)n;
        for (size_t i = 0; limit >= 0 && i < n; i++)
            limit = complexity(c, tuple_items(h, r)[i], limit);
    } else if (heap_kind(h, r) == K_FROZENSET) {
        limit -= (long)set_size(h, r);
        size_t pos = 0;
        Ref key;
        while (limit >= 0 && set_next(h, r, &pos, &key))
            limit = complexity(c, key, limit);
    }
    return limit;
}

/* True for int and bool constants. */
static bool is_int(C *c, Ref r)
{
    return int_check(c->h, r);
}

/* safe_multiply's size checks; true when V * W may be folded. */
static bool may_multiply(C *c, Ref v, Ref w)
{
    Heap *h = c->h;
    if (is_int(c, v) && is_int(c, w)) {
        if (int_sign(h, v) && int_sign(h, w))
            return numbits(c, v) + numbits(c, w) <= MAX_INT_SIZE;
        return true;
    }
    if (is_int(c, v)) {
        Kind k = heap_kind(h, w);
        int64_t n;
        if (k == K_TUPLE || k == K_FROZENSET) {
            size_t size = k == K_TUPLE ? tuple_size(h, w) : set_size(h, w);
            if (!size)
                return true;
            if (!int_as_i64(h, v, &n) || n < 0 || n > (int64_t)(MAX_COLLECTION_SIZE / size))
                return false;
            return !n || complexity(c, w, MAX_TOTAL_ITEMS / n) >= 0;
        }
        if (k == K_STR || k == K_BYTES) {
            size_t size = 0;
            if (k == K_STR)
                size = str_len(h, w);
            else
                bytes_data(h, w, &size);
            if (!size)
                return true;
            return int_as_i64(h, v, &n) && n >= 0 && n <= (int64_t)(MAX_STR_SIZE / size);
        }
        return true;
    }
    if (is_int(c, w)) {
        Kind k = heap_kind(h, v);
        if (k == K_TUPLE || k == K_FROZENSET || k == K_STR || k == K_BYTES)
            return may_multiply(c, w, v);
    }
    return true;
}

/* safe_power / safe_lshift / safe_mod checks for V OP W. */
static bool may_fold_binop(C *c, AstOperator op, Ref v, Ref w)
{
    Heap *h = c->h;
    size_t vbits, wbits;
    switch (op) {
    case AST_MULT:
        return may_multiply(c, v, w);
    case AST_POW:
        if (is_int(c, v) && is_int(c, w) && int_sign(h, v) && int_sign(h, w) > 0) {
            vbits = numbits(c, v);
            if (!as_size(c, w, &wbits))
                return false;
            return vbits <= MAX_INT_SIZE / wbits;
        }
        return true;
    case AST_LSHIFT:
        if (is_int(c, v) && is_int(c, w) && int_sign(h, v) && int_sign(h, w)) {
            vbits = numbits(c, v);
            if (!as_size(c, w, &wbits))
                return false;
            return wbits <= MAX_INT_SIZE && vbits <= MAX_INT_SIZE - wbits;
        }
        return true;
    case AST_MOD:
        return heap_kind(h, v) != K_STR && heap_kind(h, v) != K_BYTES;
    case AST_MATMULT:
        return false;
    default:
        return true;
    }
}

/* The sim's BinOp for an AST operator. */
static BinOp binop_of(AstOperator op)
{
    static const BinOp map[] = {
        [AST_ADD] = OP_ADD, [AST_SUB] = OP_SUB, [AST_MULT] = OP_MUL,
        [AST_MATMULT] = OP_MATMUL, [AST_DIV] = OP_TRUEDIV, [AST_MOD] = OP_MOD,
        [AST_POW] = OP_POW, [AST_LSHIFT] = OP_LSHIFT, [AST_RSHIFT] = OP_RSHIFT,
        [AST_BITOR] = OP_OR, [AST_BITXOR] = OP_XOR, [AST_BITAND] = OP_AND,
        [AST_FLOORDIV] = OP_FLOORDIV,
    };
    return map[op];
}

/* fold_unaryop: OP applied to constant V, or 0. */
static Ref fold_unary(C *c, AstUnaryOp op, Ref v)
{
    Heap *h = c->h;
    Ref r = 0;
    if (op == AST_NOT) {
        int t = obj_truth(h, v);
        if (t >= 0)
            r = heap_newref(h, t ? h->false_ : h->true_);
    } else {
        UnaryOp u = op == AST_INVERT ? OP_INVERT : op == AST_UADD ? OP_POS : OP_NEG;
        r = obj_unary(h, v, u);
    }
    if (!r)
        heap_clear_exc(h);
    return r;
}

/* Map lookup: slot of KEY in the fold map. */
static size_t fold_slot(const FoldMap *m, const void *key)
{
    size_t i = ((uintptr_t)key >> 3) * 11400714819323198485ull & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* Remember VAL (a new reference, or NOTCONST) as the folding of KEY. */
static void fold_put(FoldMap *m, const void *key, Ref val)
{
    if ((m->n + 1) * 2 > m->cap) {
        FoldMap old = *m;
        m->cap = old.cap ? old.cap * 2 : 256;
        m->keys = xcalloc(m->cap, sizeof(void *));
        m->vals = xcalloc(m->cap, sizeof(Ref));
        for (size_t i = 0; i < old.cap; i++) {
            if (!old.keys[i])
                continue;
            size_t j = fold_slot(m, old.keys[i]);
            m->keys[j] = old.keys[i];
            m->vals[j] = old.vals[i];
        }
        free(old.keys);
        free(old.vals);
    }
    size_t j = fold_slot(m, key);
    if (!m->keys[j])
        m->n++;
    m->keys[j] = key;
    m->vals[j] = val;
}

static Ref folded(C *c, const AstExpr *e);

/* Give the parse arena a reference to R (borrowed). */
static void arena_add(C *c, Ref r)
{
    CompileArena *a = &c->arena;
    XGROW(a->refs, a->cap, a->n + 1);
    a->refs[a->n++] = heap_newref(c->h, r);
}

/* make_const_tuple: a tuple of the folded ELTS, or 0. */
static Ref fold_tuple_of(C *c, AstExpr *const *elts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!folded(c, elts[i]))
            return 0;
    Ref t = tuple_new(c->h, n);
    for (size_t i = 0; i < n; i++)
        tuple_set_item(c->h, t, i, heap_newref(c->h, folded(c, elts[i])));
    return t;
}

/* The value of E after constant folding (borrowed), or 0 when E is not a
 * constant.  Literals, unary and binary operators, subscripts of constants
 * and tuples of constants fold, with ast_opt.c's limits. */
static Ref folded(C *c, const AstExpr *e)
{
    if (!e)
        return 0;
    switch (e->kind) {
    case AST_CONSTANT: case AST_UNARY_OP: case AST_BIN_OP: case AST_SUBSCRIPT:
    case AST_TUPLE:
        break;
    default:
        return 0;
    }
    if (c->fold.cap) {
        size_t j = fold_slot(&c->fold, e);
        if (c->fold.keys[j] == e)
            return c->fold.vals[j] == NOTCONST ? 0 : c->fold.vals[j];
    }
    Heap *h = c->h;
    Ref r = 0, a, b;
    switch (e->kind) {
    case AST_CONSTANT:
        r = const_from_ast(c, &e->v.constant);
        break;
    case AST_UNARY_OP:
        if ((a = folded(c, e->v.unary_op.operand)))
            r = fold_unary(c, e->v.unary_op.op, a);
        break;
    case AST_BIN_OP:
        a = folded(c, e->v.bin_op.left);
        b = a ? folded(c, e->v.bin_op.right) : 0;
        if (a && b && may_fold_binop(c, e->v.bin_op.op, a, b)) {
            r = obj_binop(h, a, b, binop_of(e->v.bin_op.op));
            if (!r)
                heap_clear_exc(h);
        }
        break;
    case AST_SUBSCRIPT:
        a = folded(c, e->v.subscript.value);
        b = a ? folded(c, e->v.subscript.slice) : 0;
        if (a && b) {
            r = obj_getitem(h, a, b);
            if (!r)
                heap_clear_exc(h);
        }
        break;
    case AST_TUPLE:
        if (e->v.tuple.ctx == AST_LOAD)
            r = fold_tuple_of(c, e->v.tuple.elts, e->v.tuple.n_elts);
        break;
    default:
        break;
    }
    fold_put(&c->fold, e, r ? r : NOTCONST);
    if (r)
        arena_add(c, r);
    return r;
}

/* fold_iter: a list or set of constants iterated (`for`, `in`) becomes a
 * constant tuple or frozenset (new reference), else 0. */
static Ref fold_iter(C *c, const AstExpr *e)
{
    /* memoized under the node's address + 1 (never another node) */
    const void *key = (const char *)e + 1;
    if (c->fold.cap) {
        size_t j = fold_slot(&c->fold, key);
        if (c->fold.keys[j] == key)
            return c->fold.vals[j] == NOTCONST ? 0 : heap_newref(c->h, c->fold.vals[j]);
    }
    Ref r = 0;
    if (e->kind == AST_LIST) {
        for (size_t i = 0; i < e->v.list.n_elts; i++)
            if (e->v.list.elts[i]->kind == AST_STARRED)
                return 0;
        r = fold_tuple_of(c, e->v.list.elts, e->v.list.n_elts);
    } else if (e->kind == AST_SET) {
        Ref t = fold_tuple_of(c, e->v.set.elts, e->v.set.n_elts);
        if (!t)
            return 0;
        r = frozenset_new(c->h, t);
        heap_decref(c->h, t);
        if (!r)
            heap_clear_exc(c->h);
    }
    fold_put(&c->fold, key, r ? heap_newref(c->h, r) : NOTCONST);
    if (r)
        arena_add(c, r);            /* ast_opt's make_const keeps it too */
    return r;
}

/* ------------------------------------------------------------------ */
/* The parse arena: what the parser and the AST optimizer create        */
/* ------------------------------------------------------------------ */

typedef enum { WALK_PARSE, WALK_FOLD } WalkMode;

static void walk_expr(C *c, const AstExpr *e, WalkMode mode);
static void walk_stmts(C *c, AstStmt *const *ss, size_t n, WalkMode mode);

/* An identifier token: the parser interns it and the arena keeps it. */
static void walk_ident(C *c, const char *id, WalkMode mode)
{
    if (mode != WALK_PARSE || !id)
        return;
    Ref r = name_obj(c, id);
    arena_add(c, r);
    heap_decref(c->h, r);
}

/* A dotted name (import a.b.c): its parts, then the joined name. */
static void walk_dotted(C *c, const char *name, WalkMode mode)
{
    if (mode != WALK_PARSE || !name)
        return;
    if (strchr(name, '.')) {
        for (const char *p = name;;) {
            const char *q = strchr(p, '.');
            char *part = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
            walk_ident(c, part, mode);
            free(part);
            if (!q)
                break;
            p = q + 1;
        }
    }
    walk_ident(c, name, mode);
}

/* N expressions (NULL entries skipped). */
static void walk_exprs(C *c, AstExpr *const *es, size_t n, WalkMode mode)
{
    for (size_t i = 0; i < n; i++)
        if (es[i])
            walk_expr(c, es[i], mode);
}

/* A parameter list in source order: names, annotations, defaults. */
static void walk_args(C *c, const AstArguments *a, WalkMode mode)
{
    size_t npos = a->n_posonlyargs + a->n_args, first_default = npos - a->n_defaults;
    for (size_t i = 0; i < npos; i++) {
        const AstArg *arg = i < a->n_posonlyargs ? a->posonlyargs[i]
                                                  : a->args[i - a->n_posonlyargs];
        walk_ident(c, arg->arg, mode);
        if (arg->annotation)
            walk_expr(c, arg->annotation, mode);
        if (i >= first_default)
            walk_expr(c, a->defaults[i - first_default], mode);
    }
    if (a->vararg) {
        walk_ident(c, a->vararg->arg, mode);
        if (a->vararg->annotation)
            walk_expr(c, a->vararg->annotation, mode);
    }
    for (size_t i = 0; i < a->n_kwonlyargs; i++) {
        walk_ident(c, a->kwonlyargs[i]->arg, mode);
        if (a->kwonlyargs[i]->annotation)
            walk_expr(c, a->kwonlyargs[i]->annotation, mode);
        if (a->kw_defaults[i])
            walk_expr(c, a->kw_defaults[i], mode);
    }
    if (a->kwarg) {
        walk_ident(c, a->kwarg->arg, mode);
        if (a->kwarg->annotation)
            walk_expr(c, a->kwarg->annotation, mode);
    }
}

/* Comprehension clauses; iterables fold to constants (fold_iter). */
static void walk_generators(C *c, AstComprehension *const *gens, size_t n, WalkMode mode)
{
    for (size_t i = 0; i < n; i++) {
        walk_expr(c, gens[i]->target, mode);
        walk_expr(c, gens[i]->iter, mode);
        if (mode == WALK_FOLD)
            heap_decref(c->h, fold_iter(c, gens[i]->iter));
        walk_exprs(c, gens[i]->ifs, gens[i]->n_ifs, mode);
    }
}

/* One expression, children in source order; literals are created in the
 * parse walk, folded values (post-order) in the fold walk. */
static void walk_expr(C *c, const AstExpr *e, WalkMode mode)
{
    switch (e->kind) {
    case AST_BOOL_OP_EXPR: walk_exprs(c, e->v.bool_op.values, e->v.bool_op.n_values, mode); break;
    case AST_NAMED_EXPR:
        walk_expr(c, e->v.named_expr.target, mode);
        walk_expr(c, e->v.named_expr.value, mode);
        break;
    case AST_BIN_OP:
        walk_expr(c, e->v.bin_op.left, mode);
        walk_expr(c, e->v.bin_op.right, mode);
        break;
    case AST_UNARY_OP: walk_expr(c, e->v.unary_op.operand, mode); break;
    case AST_LAMBDA:
        walk_args(c, e->v.lambda.args, mode);
        walk_expr(c, e->v.lambda.body, mode);
        break;
    case AST_IF_EXP:
        walk_expr(c, e->v.if_exp.body, mode);
        walk_expr(c, e->v.if_exp.test, mode);
        walk_expr(c, e->v.if_exp.orelse, mode);
        break;
    case AST_DICT:
        for (size_t i = 0; i < e->v.dict.n_keys; i++) {
            if (e->v.dict.keys[i])
                walk_expr(c, e->v.dict.keys[i], mode);
            walk_expr(c, e->v.dict.values[i], mode);
        }
        break;
    case AST_SET: walk_exprs(c, e->v.set.elts, e->v.set.n_elts, mode); break;
    case AST_LIST_COMP: case AST_SET_COMP: case AST_GENERATOR_EXP: {
        const AstCompExpr *ce = e->kind == AST_LIST_COMP ? &e->v.list_comp
                                : e->kind == AST_SET_COMP ? &e->v.set_comp : &e->v.generator_exp;
        walk_expr(c, ce->elt, mode);
        walk_generators(c, ce->generators, ce->n_generators, mode);
        break;
    }
    case AST_DICT_COMP:
        walk_expr(c, e->v.dict_comp.key, mode);
        walk_expr(c, e->v.dict_comp.value, mode);
        walk_generators(c, e->v.dict_comp.generators, e->v.dict_comp.n_generators, mode);
        break;
    case AST_AWAIT: walk_expr(c, e->v.await.value, mode); break;
    case AST_YIELD:
        if (e->v.yield.value)
            walk_expr(c, e->v.yield.value, mode);
        break;
    case AST_YIELD_FROM: walk_expr(c, e->v.yield_from.value, mode); break;
    case AST_COMPARE: {
        size_t n = e->v.compare.n_comparators;
        walk_expr(c, e->v.compare.left, mode);
        walk_exprs(c, e->v.compare.comparators, n, mode);
        AstCmpOp last = e->v.compare.ops[n - 1];
        if (mode == WALK_FOLD && (last == AST_IN || last == AST_NOTIN))
            heap_decref(c->h, fold_iter(c, e->v.compare.comparators[n - 1]));
        break;
    }
    case AST_CALL:
        walk_expr(c, e->v.call.func, mode);
        walk_exprs(c, e->v.call.args, e->v.call.n_args, mode);
        for (size_t i = 0; i < e->v.call.n_keywords; i++) {
            walk_ident(c, e->v.call.keywords[i]->arg, mode);
            walk_expr(c, e->v.call.keywords[i]->value, mode);
        }
        break;
    case AST_FORMATTED_VALUE:
        walk_expr(c, e->v.formatted_value.value, mode);
        if (e->v.formatted_value.format_spec)
            walk_expr(c, e->v.formatted_value.format_spec, mode);
        break;
    case AST_JOINED_STR: walk_exprs(c, e->v.joined_str.values, e->v.joined_str.n_values, mode); break;
    case AST_CONSTANT: break;
    case AST_ATTRIBUTE:
        walk_expr(c, e->v.attribute.value, mode);
        walk_ident(c, e->v.attribute.attr, mode);
        break;
    case AST_SUBSCRIPT:
        walk_expr(c, e->v.subscript.value, mode);
        walk_expr(c, e->v.subscript.slice, mode);
        break;
    case AST_STARRED: walk_expr(c, e->v.starred.value, mode); break;
    case AST_NAME: walk_ident(c, e->v.name.id, mode); break;
    case AST_LIST: walk_exprs(c, e->v.list.elts, e->v.list.n_elts, mode); break;
    case AST_TUPLE: walk_exprs(c, e->v.tuple.elts, e->v.tuple.n_elts, mode); break;
    case AST_SLICE:
        if (e->v.slice.lower)
            walk_expr(c, e->v.slice.lower, mode);
        if (e->v.slice.upper)
            walk_expr(c, e->v.slice.upper, mode);
        if (e->v.slice.step)
            walk_expr(c, e->v.slice.step, mode);
        break;
    }
    if (mode == WALK_FOLD || e->kind == AST_CONSTANT)
        folded(c, e);
}

/* One statement, children in source order. */
static void walk_stmt(C *c, const AstStmt *s, WalkMode mode)
{
    switch (s->kind) {
    case AST_FUNCTION_DEF: case AST_ASYNC_FUNCTION_DEF: {
        const AstFunctionDef *fd = &s->v.function_def;
        walk_exprs(c, fd->decorator_list, fd->n_decorator_list, mode);
        walk_ident(c, fd->name, mode);
        walk_args(c, fd->args, mode);
        if (fd->returns)
            walk_expr(c, fd->returns, mode);
        walk_stmts(c, fd->body, fd->n_body, mode);
        break;
    }
    case AST_CLASS_DEF:
        walk_exprs(c, s->v.class_def.decorator_list, s->v.class_def.n_decorator_list, mode);
        walk_ident(c, s->v.class_def.name, mode);
        walk_exprs(c, s->v.class_def.bases, s->v.class_def.n_bases, mode);
        for (size_t i = 0; i < s->v.class_def.n_keywords; i++) {
            walk_ident(c, s->v.class_def.keywords[i]->arg, mode);
            walk_expr(c, s->v.class_def.keywords[i]->value, mode);
        }
        walk_stmts(c, s->v.class_def.body, s->v.class_def.n_body, mode);
        break;
    case AST_RETURN:
        if (s->v.return_.value)
            walk_expr(c, s->v.return_.value, mode);
        break;
    case AST_DELETE: walk_exprs(c, s->v.delete_.targets, s->v.delete_.n_targets, mode); break;
    case AST_ASSIGN:
        walk_exprs(c, s->v.assign.targets, s->v.assign.n_targets, mode);
        walk_expr(c, s->v.assign.value, mode);
        break;
    case AST_AUG_ASSIGN:
        walk_expr(c, s->v.aug_assign.target, mode);
        walk_expr(c, s->v.aug_assign.value, mode);
        break;
    case AST_ANN_ASSIGN:
        walk_expr(c, s->v.ann_assign.target, mode);
        walk_expr(c, s->v.ann_assign.annotation, mode);
        if (s->v.ann_assign.value)
            walk_expr(c, s->v.ann_assign.value, mode);
        break;
    case AST_FOR: case AST_ASYNC_FOR:
        walk_expr(c, s->v.for_.target, mode);
        walk_expr(c, s->v.for_.iter, mode);
        if (mode == WALK_FOLD)
            heap_decref(c->h, fold_iter(c, s->v.for_.iter));
        walk_stmts(c, s->v.for_.body, s->v.for_.n_body, mode);
        walk_stmts(c, s->v.for_.orelse, s->v.for_.n_orelse, mode);
        break;
    case AST_WHILE: case AST_IF:
        walk_expr(c, s->v.if_.test, mode);
        walk_stmts(c, s->v.if_.body, s->v.if_.n_body, mode);
        walk_stmts(c, s->v.if_.orelse, s->v.if_.n_orelse, mode);
        break;
    case AST_WITH: case AST_ASYNC_WITH:
        for (size_t i = 0; i < s->v.with.n_items; i++) {
            walk_expr(c, s->v.with.items[i]->context_expr, mode);
            if (s->v.with.items[i]->optional_vars)
                walk_expr(c, s->v.with.items[i]->optional_vars, mode);
        }
        walk_stmts(c, s->v.with.body, s->v.with.n_body, mode);
        break;
    case AST_RAISE:
        if (s->v.raise.exc)
            walk_expr(c, s->v.raise.exc, mode);
        if (s->v.raise.cause)
            walk_expr(c, s->v.raise.cause, mode);
        break;
    case AST_TRY: case AST_TRY_STAR:
        walk_stmts(c, s->v.try_.body, s->v.try_.n_body, mode);
        for (size_t i = 0; i < s->v.try_.n_handlers; i++) {
            const AstExceptHandler *hd = s->v.try_.handlers[i];
            if (hd->type)
                walk_expr(c, hd->type, mode);
            walk_ident(c, hd->name, mode);
            walk_stmts(c, hd->body, hd->n_body, mode);
        }
        walk_stmts(c, s->v.try_.orelse, s->v.try_.n_orelse, mode);
        walk_stmts(c, s->v.try_.finalbody, s->v.try_.n_finalbody, mode);
        break;
    case AST_ASSERT:
        walk_expr(c, s->v.assert_.test, mode);
        if (s->v.assert_.msg)
            walk_expr(c, s->v.assert_.msg, mode);
        break;
    case AST_IMPORT:
        for (size_t i = 0; i < s->v.import.n_names; i++) {
            walk_dotted(c, s->v.import.names[i]->name, mode);
            walk_ident(c, s->v.import.names[i]->asname, mode);
        }
        break;
    case AST_IMPORT_FROM:
        walk_dotted(c, s->v.import_from.module, mode);
        for (size_t i = 0; i < s->v.import_from.n_names; i++) {
            if (strcmp(s->v.import_from.names[i]->name, "*") != 0)
                walk_ident(c, s->v.import_from.names[i]->name, mode);
            walk_ident(c, s->v.import_from.names[i]->asname, mode);
        }
        break;
    case AST_GLOBAL: case AST_NONLOCAL:
        for (size_t i = 0; i < s->v.global.n_names; i++)
            walk_ident(c, s->v.global.names[i], mode);
        break;
    case AST_EXPR: walk_expr(c, s->v.expr.value, mode); break;
    case AST_PASS: case AST_BREAK: case AST_CONTINUE: break;
    }
}

/* N statements. */
static void walk_stmts(C *c, AstStmt *const *ss, size_t n, WalkMode mode)
{
    for (size_t i = 0; i < n; i++)
        walk_stmt(c, ss[i], mode);
}

/* Drop the arena's references (last first) and empty it. */
void compile_arena_release(Heap *h, CompileArena *arena)
{
    while (arena->n)
        heap_decref(h, arena->refs[--arena->n]);
    free(arena->refs);
    *arena = (CompileArena){0};
}

/* Visit every reference the arena holds. */
void compile_arena_visit(Heap *h, const CompileArena *arena, VisitFn visit, void *arg)
{
    for (size_t i = 0; i < arena->n; i++)
        visit(h, arena->refs[i], arg);
}

/* Release the fold map and the objects it holds. */
static void fold_free(C *c)
{
    for (size_t i = 0; i < c->fold.cap; i++)
        if (c->fold.keys[i] && c->fold.vals[i] != NOTCONST)
            heap_decref(c->h, c->fold.vals[i]);
    free(c->fold.keys);
    free(c->fold.vals);
    c->fold = (FoldMap){0};
}

/* Release the constant cache's references. */
static void cache_free(C *c)
{
    for (size_t i = 0; i < c->cache.cap; i++)
        if (c->cache.slots[i])
            heap_decref(c->h, c->cache.slots[i]);
    free(c->cache.slots);
    free(c->cache.hashes);
    c->cache = (ConstCache){0};
}

/* ------------------------------------------------------------------ */
/* Units, instructions and labels                                      */
/* ------------------------------------------------------------------ */

/* Index of S in L, or -1. */
static int strlist_find(const StrList *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return (int)i;
    return -1;
}

/* Index of S in L, appending it when missing (compiler_add_o). */
static int strlist_add(StrList *l, const char *s)
{
    int i = strlist_find(l, s);
    if (i >= 0)
        return i;
    XGROW(l->v, l->cap, l->n + 1);
    l->v[l->n++] = s;
    return (int)l->n - 1;
}

/* Remove S from L. */
static void strlist_remove(StrList *l, const char *s)
{
    int i = strlist_find(l, s);
    if (i < 0)
        return;
    memmove(l->v + i, l->v + i + 1, sizeof(char *) * (l->n - (size_t)i - 1));
    l->n--;
}

/* Order names by code point (sorted(): UTF-8 byte order is the same). */
static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Index of constant R (borrowed canonical) in the unit's co_consts. */
static int unit_const_index(Unit *u, Ref r)
{
    for (size_t i = 0; i < u->nconsts; i++)
        if (u->consts[i] == r)
            return (int)i;
    XGROW(u->consts, u->capconsts, u->nconsts + 1);
    u->consts[u->nconsts++] = r;
    return (int)u->nconsts - 1;
}

/* compiler_add_const: index of constant R (new reference, merged). */
static int add_const(C *c, Ref r)
{
    return unit_const_index(c->u, const_merge(c, r));
}

/* Add constant R (new reference) to co_consts without loading it: CPython
 * pushes the level and fromlist of an import, heapscope's IMPORT_NAME
 * takes neither, but co_consts keeps CPython's layout. */
static void pin_const(C *c, Ref r)
{
    Unit *u = c->u;
    int i = add_const(c, r);
    XGROW(u->pinned, u->cappinned, u->npinned + 1);
    u->pinned[u->npinned++] = i;
}

/* Append an instruction to the current section. */
static CInstr *emit_raw(C *c, int op, int arg, int jump)
{
    Unit *u = c->u;
    Seq *s = u->in_cold ? &u->cold : &u->main;
    XGROW(s->v, s->cap, s->n + 1);
    CInstr *in = &s->v[s->n++];
    in->op = (uint8_t)op;
    in->arg = arg;
    in->jump = (uint8_t)jump;
    in->line = u->lineno;
    in->span = u->span;
    in->ls = 0;
    in->nofold = 0;
    if (u->pending_start) {
        in->ls = !u->no_starts;
        u->pending_start = 0;
    }
    return in;
}

/* Emit OP with ARG. */
static void emit(C *c, int op, int arg)
{
    emit_raw(c, op, arg, 0);
}

/* Emit jump-like OP to LABEL. */
static void emit_jump(C *c, int op, int label)
{
    emit_raw(c, op, label, 1);
}

/* Emit LOAD_CONST of R (borrowed). */
static void load_const(C *c, Ref r)
{
    emit(c, LOAD_CONST, add_const(c, heap_newref(c->h, r)));
}

/* A new unbound label. */
static int new_label(C *c)
{
    Unit *u = c->u;
    XGROW(u->labels, u->caplabels, u->nlabels + 1);
    u->labels[u->nlabels] = (Label){0, -1};
    return (int)u->nlabels++;
}

/* Bind LABEL to the next instruction of the current section. */
static void bind(C *c, int label)
{
    Unit *u = c->u;
    u->labels[label].cold = u->in_cold;
    u->labels[label].pos = (int)(u->in_cold ? u->cold.n : u->main.n);
}

/* The line of the last instruction emitted in the current section, or -1. */
static int last_line(const Unit *u)
{
    const Seq *s = u->in_cold ? &u->cold : &u->main;
    return s->n ? s->v[s->n - 1].line : -1;
}

/* Mark the next instruction as a step boundary. */
static void mark_start(C *c)
{
    c->u->pending_start = 1;
}

/* Enter a new code unit for symbol table entry STE. */
static Unit *unit_push(C *c, UnitKind kind, SymEntry *ste, const char *name, int firstlineno)
{
    Unit *u = xcalloc(1, sizeof *u);
    u->parent = c->u;
    u->kind = kind;
    u->ste = ste;
    u->name = name;
    u->firstlineno = firstlineno;
    u->lineno = firstlineno;
    u->span = (Span){firstlineno, -1, firstlineno, -1};
    u->private_ = c->u ? c->u->private_ : NULL;
    u->pending_start = kind != U_COMP;
    u->no_starts = kind == U_COMP;
    for (size_t i = 0; i < ste->nparams; i++)
        strlist_add(&u->varnames, ste->params[i]);
    /* cellvars: CELL (or 3.12's inlined-comprehension cells), sorted; from
     * 3.11 the cells that are arguments come first, in argument order */
    StrList cells = {0};
    for (size_t i = 0; i < ste->nsyms; i++)
        if (ste->syms[i].scope == SCOPE_CELL || (ste->syms[i].flags & DEF_COMP_CELL))
            strlist_add(&cells, ste->syms[i].name);
    if (cells.n)
        qsort(cells.v, cells.n, sizeof(char *), cmp_names);
    if (ste->needs_class_closure)
        strlist_add(&u->cellvars, "__class__");
    if (c->prof->cellvars_args_first)
        for (size_t i = 0; i < ste->nparams; i++)
            if (strlist_find(&cells, ste->params[i]) >= 0)
                strlist_add(&u->cellvars, ste->params[i]);
    for (size_t i = 0; i < cells.n; i++)
        strlist_add(&u->cellvars, cells.v[i]);
    free(cells.v);
    for (size_t i = 0; i < ste->nsyms; i++)
        if (ste->syms[i].scope == SCOPE_FREE || (ste->syms[i].flags & DEF_FREE_CLASS))
            strlist_add(&u->freevars, ste->syms[i].name);
    if (u->freevars.n)
        qsort(u->freevars.v, u->freevars.n, sizeof(char *), cmp_names);
    c->u = u;
    return u;
}

/* Free a unit's host memory (its constants belong to the cache). */
static void unit_free(Unit *u)
{
    free(u->qualname);
    free(u->consts);
    free(u->pinned);
    free(u->names.v);
    free(u->varnames.v);
    free(u->cellvars.v);
    free(u->freevars.v);
    free(u->main.v);
    free(u->cold.v);
    free(u->labels);
    free(u->overrides);
    free(u->fast_hidden.v);
    free(u->static_attrs.v);
    free(u);
}

/* Leave the current unit. */
static void unit_pop(C *c)
{
    Unit *u = c->u;
    c->u = u->parent;
    unit_free(u);
}

/* compiler_set_qualname: the qualified name of the unit being entered. */
static void set_qualname(C *c, Unit *u)
{
    Unit *parent = u->parent;
    StrBuf b = {0};
    if (parent && parent->kind != U_MODULE) {
        int force_global = 0;
        if (u->kind == U_FUNCTION || u->kind == U_CLASS) {
            const char *mangled = symtable_mangle(c->st, parent->private_, u->name);
            if (symentry_scope(parent->ste, mangled) == SCOPE_GLOBAL_EXPLICIT)
                force_global = 1;
        }
        if (!force_global) {
            strbuf_puts(&b, parent->qualname);
            if (parent->kind == U_FUNCTION || parent->kind == U_LAMBDA)
                strbuf_puts(&b, ".<locals>");
            strbuf_putc(&b, '.');
        }
    }
    strbuf_puts(&b, u->name);
    u->qualname = strbuf_steal(&b);
}

/* ------------------------------------------------------------------ */
/* Names (compiler_nameop)                                             */
/* ------------------------------------------------------------------ */

/* The symbol of NAME in the current unit, with inlined-comprehension
 * overrides applied; flags in *FLAGS. */
static SymScope scope_of(C *c, const char *name, int *flags)
{
    Unit *u = c->u;
    for (size_t i = u->noverrides; i-- > 0;)
        if (strcmp(u->overrides[i].name, name) == 0) {
            if (flags)
                *flags = u->overrides[i].flags;
            return u->overrides[i].scope;
        }
    const Symbol *s = symentry_get(u->ste, name);
    if (flags)
        *flags = s ? s->flags : 0;
    return s ? s->scope : SCOPE_NONE;
}

/* Mangle NAME for the current unit. */
static const char *mangle(C *c, const char *name)
{
    return symtable_mangle(c->st, c->u->private_, name);
}

/* Emit OP with co_names index of NAME (mangled, like ADDOP_NAME). */
static void emit_name(C *c, int op, const char *name)
{
    emit(c, op, strlist_add(&c->u->names, mangle(c, name)));
}

/* Index of NAME among the unit's cells then free variables. */
static int deref_index(C *c, const char *name, bool cell)
{
    Unit *u = c->u;
    int i = strlist_find(cell ? &u->cellvars : &u->freevars, name);
    if (i < 0) {
        i = strlist_add(cell ? &u->cellvars : &u->freevars, name);
    }
    return cell ? i : (int)u->cellvars.n + i;
}

/* True for function-like units (fast locals). */
static bool is_function_unit(const Unit *u)
{
    return u->kind == U_FUNCTION || u->kind == U_LAMBDA || u->kind == U_COMP;
}

/* Load, store or delete NAME where the symbol table says it lives. */
static void nameop(C *c, const char *name, AstExprContext ctx)
{
    Unit *u = c->u;
    const char *mangled = mangle(c, name);
    SymScope scope = scope_of(c, mangled, NULL);
    enum { OP_NAME_, OP_FAST_, OP_GLOBAL_, OP_DEREF_ } optype = OP_NAME_;
    bool cell = false;
    switch (scope) {
    case SCOPE_FREE: optype = OP_DEREF_; break;
    case SCOPE_CELL: optype = OP_DEREF_; cell = true; break;
    case SCOPE_LOCAL:
        if (is_function_unit(u) || strlist_find(&u->fast_hidden, mangled) >= 0)
            optype = OP_FAST_;
        break;
    case SCOPE_GLOBAL_IMPLICIT:
        if (is_function_unit(u))
            optype = OP_GLOBAL_;
        break;
    case SCOPE_GLOBAL_EXPLICIT: optype = OP_GLOBAL_; break;
    default: break;
    }
    static const int ops[4][3] = {
        [OP_NAME_] = {LOAD_NAME, STORE_NAME, DELETE_NAME},
        [OP_FAST_] = {LOAD_FAST, STORE_FAST, DELETE_FAST},
        [OP_GLOBAL_] = {LOAD_GLOBAL, STORE_GLOBAL, DELETE_GLOBAL},
        [OP_DEREF_] = {LOAD_DEREF, STORE_DEREF, DELETE_DEREF},
    };
    int op = ops[optype][ctx];
    switch (optype) {
    case OP_DEREF_:
        /* a class body reads its namespace first; an inlined comprehension
         * in it does not see the class's names (3.12+) */
        if (ctx == AST_LOAD && u->kind == U_CLASS && !u->in_inlined_comp)
            op = LOAD_CLASSDEREF;
        emit(c, op, deref_index(c, mangled, cell));
        return;
    case OP_FAST_:
        emit(c, op, strlist_add(&u->varnames, mangled));
        return;
    case OP_NAME_:
        if (ctx == AST_LOAD && u->kind == U_CLASS && u->in_inlined_comp)
            op = LOAD_GLOBAL;
        /* fall through */
    case OP_GLOBAL_:
        emit(c, op, strlist_add(&u->names, mangled));
        return;
    }
}

/* ------------------------------------------------------------------ */
/* Unsupported constructs                                              */
/* ------------------------------------------------------------------ */

/* Emit UNSUPPORTED naming FEATURE at the current line; it always raises. */
static void unsupported(C *c, const char *feature)
{
    Ref s = str_from_cstr(c->h, feature);
    emit(c, UNSUPPORTED, add_const(c, s));
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

/* An interned string constant for identifier S (new reference): the
 * parser interns identifiers, so kwnames, keys and names share them. */
static Ref ident_const(C *c, const char *s)
{
    return name_obj(c, s);
}

/* True when every item of ELTS folds to a constant. */
static bool all_const(C *c, AstExpr *const *elts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!elts[i] || !folded(c, elts[i]))
            return false;
    return true;
}

/* Does the display/call get built incrementally (STACK_USE_GUIDELINE)? */
static bool is_big(C *c, size_t n)
{
    return c->prof->stack_use_guideline && n > (size_t)c->prof->stack_use_guideline;
}

static void genexp_as_list(C *c, const AstExpr *e);

/* An argument of a call: a generator expression that is the only
 * positional argument becomes a list comprehension. */
static void call_arg(C *c, const AstExpr *e, bool sole)
{
    if (sole && e->kind == AST_GENERATOR_EXP)
        genexp_as_list(c, e);
    else
        expr(c, e);
}

/* starunpack_helper: build a list/set/tuple display of ELTS on top of
 * PUSHED items already on the stack. */
static void starunpack(C *c, AstExpr *const *elts, size_t n, int pushed, int build, int add,
                       int extend, bool tuple)
{
    Heap *h = c->h;
    if (n > 2 && c->prof->list_literal_extend && all_const(c, elts, n)) {
        Ref t = tuple_new(h, n);
        for (size_t i = 0; i < n; i++)
            tuple_set_item(h, t, i, heap_newref(h, folded(c, elts[i])));
        if (tuple && !pushed) {
            emit(c, LOAD_CONST, add_const(c, t));
            return;
        }
        if (add == SET_ADD) {
            Ref fs = frozenset_new(h, t);
            heap_decref(h, t);
            t = fs;
        }
        emit(c, build, pushed);
        emit(c, LOAD_CONST, add_const(c, t));
        emit(c, extend, 1);
        if (tuple)
            emit(c, LIST_TO_TUPLE, 0);
        return;
    }
    bool big = is_big(c, n + (size_t)pushed), seen_star = false;
    for (size_t i = 0; i < n; i++)
        if (elts[i]->kind == AST_STARRED)
            seen_star = true;
    if (!seen_star && !big) {
        for (size_t i = 0; i < n; i++)
            expr(c, elts[i]);
        emit(c, tuple ? BUILD_TUPLE : build, (int)n + pushed);
        return;
    }
    if (seen_star && c->prof->unpack_tuple_runs) {
        /* 3.8's BUILD_*_UNPACK: runs of plain items become tuples */
        emit(c, build, pushed);
        int run = 0;
        for (size_t i = 0; i < n; i++) {
            if (elts[i]->kind != AST_STARRED) {
                expr(c, elts[i]);
                run++;
                continue;
            }
            if (run) {
                emit(c, add == SET_ADD ? BUILD_SET : BUILD_TUPLE, run);
                emit(c, extend, 1);
                run = 0;
            }
            expr(c, elts[i]->v.starred.value);
            emit(c, extend, 1);
        }
        if (run) {
            emit(c, add == SET_ADD ? BUILD_SET : BUILD_TUPLE, run);
            emit(c, extend, 1);
        }
        if (tuple)
            emit(c, LIST_TO_TUPLE, 0);
        return;
    }
    bool built = false;
    if (big) {
        emit(c, build, pushed);
        built = true;
    }
    for (size_t i = 0; i < n; i++) {
        if (elts[i]->kind == AST_STARRED) {
            if (!built) {
                emit(c, build, (int)i + pushed);
                built = true;
            }
            expr(c, elts[i]->v.starred.value);
            emit(c, extend, 1);
        } else {
            expr(c, elts[i]);
            if (built)
                emit(c, add, 1);
        }
    }
    if (tuple)
        emit(c, LIST_TO_TUPLE, 0);
}

/* compiler_subdict: keys and values [BEGIN, END) of dict display E. */
static void subdict(C *c, const AstExpr *e, size_t begin, size_t end)
{
    size_t n = end - begin;
    bool big = is_big(c, n * 2);
    AstExpr *const *keys = e->v.dict.keys, *const *values = e->v.dict.values;
    if (n > 1 && !big && all_const(c, keys + begin, n)) {
        for (size_t i = begin; i < end; i++)
            expr(c, values[i]);
        Ref t = tuple_new(c->h, n);
        for (size_t i = begin; i < end; i++)
            tuple_set_item(c->h, t, i - begin, heap_newref(c->h, folded(c, keys[i])));
        emit(c, LOAD_CONST, add_const(c, t));
        emit(c, BUILD_CONST_KEY_MAP, (int)n);
        return;
    }
    if (big)
        emit(c, BUILD_MAP, 0);
    for (size_t i = begin; i < end; i++) {
        expr(c, keys[i]);
        expr(c, values[i]);
        if (big)
            emit(c, MAP_ADD, 1);
    }
    if (!big)
        emit(c, BUILD_MAP, (int)n);
}

/* compiler_dict: {k: v, **m} (3.9+ DICT_UPDATE form). */
static void compile_dict(C *c, const AstExpr *e)
{
    size_t n = e->v.dict.n_keys, elements = 0;
    bool have_dict = false;
    int guide = c->prof->stack_use_guideline;
    for (size_t i = 0; i < n; i++) {
        if (!e->v.dict.keys[i]) {
            if (elements) {
                subdict(c, e, i - elements, i);
                if (have_dict)
                    emit(c, DICT_UPDATE, 1);
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                emit(c, BUILD_MAP, 0);
                have_dict = true;
            }
            expr(c, e->v.dict.values[i]);
            emit(c, DICT_UPDATE, 1);
        } else if (guide && elements * 2 > (size_t)guide) {
            subdict(c, e, i - elements, i + 1);
            if (have_dict)
                emit(c, DICT_UPDATE, 1);
            have_dict = true;
            elements = 0;
        } else {
            elements++;
        }
    }
    if (elements) {
        subdict(c, e, n - elements, n);
        if (have_dict)
            emit(c, DICT_UPDATE, 1);
        have_dict = true;
    }
    if (!have_dict)
        emit(c, BUILD_MAP, 0);
}

/* A tuple display (compiler_tuple). */
static void tuple_display(C *c, AstExpr *const *elts, size_t n)
{
    starunpack(c, elts, n, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true);
}

/* An iterable in `for`/`in`: a list becomes a tuple, constant lists and
 * sets become constant tuples and frozensets (fold_iter). */
static void iter_expr(C *c, const AstExpr *e)
{
    Ref k = fold_iter(c, e);
    int saved = c->u->lineno;
    c->u->lineno = e->lineno;
    if (k) {
        emit(c, LOAD_CONST, add_const(c, k));
    } else if (e->kind == AST_LIST) {
        bool star = false;
        for (size_t i = 0; i < e->v.list.n_elts; i++)
            star |= e->v.list.elts[i]->kind == AST_STARRED;
        if (star)
            expr(c, e);
        else
            tuple_display(c, e->v.list.elts, e->v.list.n_elts);
    } else {
        expr(c, e);
    }
    c->u->lineno = saved;
}

/* Emit the comparison instruction for OP. */
static void emit_cmp(C *c, AstCmpOp op)
{
    switch (op) {
    case AST_EQ: emit(c, COMPARE_OP, CMP_EQ); break;
    case AST_NOTEQ: emit(c, COMPARE_OP, CMP_NE); break;
    case AST_LT: emit(c, COMPARE_OP, CMP_LT); break;
    case AST_LTE: emit(c, COMPARE_OP, CMP_LE); break;
    case AST_GT: emit(c, COMPARE_OP, CMP_GT); break;
    case AST_GTE: emit(c, COMPARE_OP, CMP_GE); break;
    case AST_IS: emit(c, IS_OP, 0); break;
    case AST_ISNOT: emit(c, IS_OP, 1); break;
    case AST_IN: emit(c, CONTAINS_OP, 0); break;
    case AST_NOTIN: emit(c, CONTAINS_OP, 1); break;
    }
}

/* check_is_arg: false for a literal other than None/True/False/Ellipsis. */
static bool is_arg_ok(C *c, const AstExpr *e)
{
    Ref k = folded(c, e);
    if (!k)
        return true;
    Heap *h = c->h;
    return k == h->none || k == h->true_ || k == h->false_ || k == h->ellipsis;
}

/* check_compare: warn about `is` / `is not` with a literal. */
static void check_compare(C *c, const AstExpr *e)
{
    bool left = is_arg_ok(c, e->v.compare.left);
    const AstExpr *left_e = e->v.compare.left;
    for (size_t i = 0; i < e->v.compare.n_comparators; i++) {
        AstCmpOp op = e->v.compare.ops[i];
        const AstExpr *right_e = e->v.compare.comparators[i];
        bool right = is_arg_ok(c, right_e);
        if ((op == AST_IS || op == AST_ISNOT) && (!left || !right)) {
            const AstExpr *lit = !left ? left_e : right_e;
            warn(c, e->lineno, op == AST_IS ? c->prof->msg_is_literal : c->prof->msg_is_not_literal,
                 heap_type_name(c->h, folded(c, lit)));
            return;
        }
        left = right;
        left_e = right_e;
    }
}

/* infer_type: the type name of what E evaluates to when its kind tells
 * (a constant after folding, a display, a comprehension...), or NULL. */
static const char *infer_type(C *c, const AstExpr *e)
{
    Ref k = folded(c, e);
    if (k)
        return heap_type_name(c->h, k);
    switch (e->kind) {
    case AST_TUPLE: return "tuple";
    case AST_LIST: case AST_LIST_COMP: return "list";
    case AST_DICT: case AST_DICT_COMP: return "dict";
    case AST_SET: case AST_SET_COMP: return "set";
    case AST_GENERATOR_EXP: return "generator";
    case AST_LAMBDA: return "function";
    case AST_JOINED_STR: case AST_FORMATTED_VALUE: return "str";
    default: return NULL;
    }
}

/* check_caller: warn about calling a literal or a display, `[(1, 2) (3, 4)]`. */
static void check_caller(C *c, const AstExpr *e)
{
    switch (folded(c, e) ? AST_CONSTANT : e->kind) {
    case AST_CONSTANT: case AST_TUPLE: case AST_LIST: case AST_LIST_COMP: case AST_DICT:
    case AST_DICT_COMP: case AST_SET: case AST_SET_COMP: case AST_GENERATOR_EXP:
    case AST_JOINED_STR: case AST_FORMATTED_VALUE:
        warn(c, e->lineno, "'%.200s' object is not callable; perhaps you missed a comma?",
             infer_type(c, e));
        break;
    default:
        break;
    }
}

/* check_subscripter: warn about subscripting what never has items (a
 * number, None, a set, a lambda...). */
static void check_subscripter(C *c, const AstExpr *e)
{
    Heap *h = c->h;
    Ref k = folded(c, e);
    if (k) {
        Kind kind = heap_kind(h, k);
        if (!(k == h->none || k == h->ellipsis || kind == K_INT || kind == K_BOOL
              || kind == K_FLOAT || kind == K_COMPLEX || kind == K_FROZENSET))
            return;
    } else if (e->kind != AST_SET && e->kind != AST_SET_COMP && e->kind != AST_GENERATOR_EXP
               && e->kind != AST_LAMBDA) {
        return;
    }
    warn(c, e->lineno, "'%.200s' object is not subscriptable; perhaps you missed a comma?",
         infer_type(c, e));
}

/* check_index: warn about indexing a str, bytes, tuple or list literal
 * with something that is neither an int nor a slice, `[1, 2]["a"]`. */
static void check_index(C *c, const AstExpr *e, const AstExpr *index)
{
    const char *index_type = infer_type(c, index);
    Ref ik = folded(c, index);
    if (!index_type || (ik && (heap_kind(c->h, ik) == K_INT || heap_kind(c->h, ik) == K_BOOL)))
        return;
    Ref k = folded(c, e);
    if (k) {
        Kind kind = heap_kind(c->h, k);
        if (kind != K_STR && kind != K_BYTES && kind != K_TUPLE)
            return;
    } else if (e->kind != AST_TUPLE && e->kind != AST_LIST && e->kind != AST_LIST_COMP
               && e->kind != AST_JOINED_STR && e->kind != AST_FORMATTED_VALUE) {
        return;
    }
    warn(c, e->lineno, "%.200s indices must be integers or slices, not %.200s; "
         "perhaps you missed a comma?", infer_type(c, e), index_type);
}

/* The last comparator: fold_compare turns `x in [..]` into a tuple. */
static void comparator(C *c, const AstExpr *e, AstCmpOp op)
{
    if (op == AST_IN || op == AST_NOTIN)
        iter_expr(c, e);
    else
        expr(c, e);
}

/* compiler_compare: a < b < c with DUP_TOP/ROT_THREE and cleanup. */
static void compile_compare(C *c, const AstExpr *e)
{
    check_compare(c, e);
    size_t n = e->v.compare.n_comparators - 1;
    expr(c, e->v.compare.left);
    if (n == 0) {
        comparator(c, e->v.compare.comparators[0], e->v.compare.ops[0]);
        emit_cmp(c, e->v.compare.ops[0]);
        return;
    }
    int cleanup = new_label(c), end = new_label(c);
    for (size_t i = 0; i < n; i++) {
        expr(c, e->v.compare.comparators[i]);
        emit(c, DUP_TOP, 0);
        emit(c, ROT_THREE, 0);
        emit_cmp(c, e->v.compare.ops[i]);
        emit_jump(c, JUMP_IF_FALSE_OR_POP, cleanup);
    }
    comparator(c, e->v.compare.comparators[n], e->v.compare.ops[n]);
    emit_cmp(c, e->v.compare.ops[n]);
    emit_jump(c, JUMP, end);
    bind(c, cleanup);
    emit(c, ROT_TWO, 0);
    emit(c, POP_TOP, 0);
    bind(c, end);
}

static void jump_if_at(C *c, const AstExpr *e, int next, bool cond);

/* compiler_jump_if: jump to NEXT when E's truth equals COND (E's span). */
static void jump_if(C *c, const AstExpr *e, int next, bool cond)
{
    Span saved = c->u->span;
    c->u->span = SPAN_OF(e);
    jump_if_at(c, e, next, cond);
    c->u->span = saved;
}

/* jump_if's work, once E's span is set. */
static void jump_if_at(C *c, const AstExpr *e, int next, bool cond)
{
    int saved = c->u->lineno;
    c->u->lineno = e->lineno;
    switch (e->kind) {
    case AST_UNARY_OP:
        if (e->v.unary_op.op == AST_NOT && !folded(c, e)) {
            jump_if(c, e->v.unary_op.operand, next, !cond);
            c->u->lineno = saved;
            return;
        }
        break;
    case AST_BOOL_OP_EXPR: {
        size_t n = e->v.bool_op.n_values - 1;
        bool cond2 = e->v.bool_op.op == AST_OR;
        int next2 = cond2 != cond ? new_label(c) : next;
        for (size_t i = 0; i < n; i++)
            jump_if(c, e->v.bool_op.values[i], next2, cond2);
        jump_if(c, e->v.bool_op.values[n], next, cond);
        if (next2 != next)
            bind(c, next2);
        c->u->lineno = saved;
        return;
    }
    case AST_IF_EXP: {
        int end = new_label(c), next2 = new_label(c);
        jump_if(c, e->v.if_exp.test, next2, false);
        jump_if(c, e->v.if_exp.body, next, cond);
        emit_jump(c, JUMP, end);
        bind(c, next2);
        jump_if(c, e->v.if_exp.orelse, next, cond);
        bind(c, end);
        c->u->lineno = saved;
        return;
    }
    case AST_COMPARE: {
        size_t n = e->v.compare.n_comparators - 1;
        if (n == 0)
            break;
        check_compare(c, e);
        int cleanup = new_label(c), end = new_label(c);
        expr(c, e->v.compare.left);
        for (size_t i = 0; i < n; i++) {
            expr(c, e->v.compare.comparators[i]);
            emit(c, DUP_TOP, 0);
            emit(c, ROT_THREE, 0);
            emit_cmp(c, e->v.compare.ops[i]);
            emit_jump(c, POP_JUMP_IF_FALSE, cleanup);
        }
        comparator(c, e->v.compare.comparators[n], e->v.compare.ops[n]);
        emit_cmp(c, e->v.compare.ops[n]);
        emit_jump(c, cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
        emit_jump(c, JUMP, end);
        bind(c, cleanup);
        emit(c, POP_TOP, 0);
        if (!cond)
            emit_jump(c, JUMP, next);
        bind(c, end);
        c->u->lineno = saved;
        return;
    }
    default:
        break;
    }
    expr(c, e);
    emit_jump(c, cond ? POP_JUMP_IF_TRUE : POP_JUMP_IF_FALSE, next);
    c->u->lineno = saved;
}

/* compiler_boolop: a and b / a or b with JUMP_IF_*_OR_POP. */
static void compile_boolop(C *c, const AstExpr *e)
{
    int jumpi = e->v.bool_op.op == AST_AND ? JUMP_IF_FALSE_OR_POP : JUMP_IF_TRUE_OR_POP;
    int end = new_label(c);
    size_t n = e->v.bool_op.n_values - 1;
    for (size_t i = 0; i < n; i++) {
        expr(c, e->v.bool_op.values[i]);
        emit_jump(c, jumpi, end);
    }
    expr(c, e->v.bool_op.values[n]);
    bind(c, end);
}

/* compiler_ifexp: body if test else orelse. */
static void compile_ifexp(C *c, const AstExpr *e)
{
    int end = new_label(c), next = new_label(c);
    jump_if(c, e->v.if_exp.test, next, false);
    expr(c, e->v.if_exp.body);
    emit_jump(c, JUMP, end);
    bind(c, next);
    expr(c, e->v.if_exp.orelse);
    bind(c, end);
}

/* compiler_subkwargs: keyword arguments [BEGIN, END) as one dict. */
static void subkwargs(C *c, AstKeyword *const *kws, size_t begin, size_t end)
{
    size_t n = end - begin;
    bool big = is_big(c, n * 2);
    if (n > 1 && !big) {
        for (size_t i = begin; i < end; i++)
            expr(c, kws[i]->value);
        Ref t = tuple_new(c->h, n);
        for (size_t i = begin; i < end; i++)
            tuple_set_item(c->h, t, i - begin, ident_const(c, kws[i]->arg));
        emit(c, LOAD_CONST, add_const(c, t));
        emit(c, BUILD_CONST_KEY_MAP, (int)n);
        return;
    }
    if (big)
        emit(c, BUILD_MAP, 0);
    for (size_t i = begin; i < end; i++) {
        emit(c, LOAD_CONST, add_const(c, ident_const(c, kws[i]->arg)));
        expr(c, kws[i]->value);
        if (big)
            emit(c, MAP_ADD, 1);
    }
    if (!big)
        emit(c, BUILD_MAP, (int)n);
}

/* compiler_call_helper: arguments after the callable, then the call. */
static void call_helper(C *c, AstExpr *const *args, size_t nargs, AstKeyword *const *kws,
                        size_t nkw)
{
    bool ex = is_big(c, nargs + nkw * 2);
    for (size_t i = 0; i < nargs; i++)
        ex |= args[i]->kind == AST_STARRED;
    for (size_t i = 0; i < nkw; i++)
        ex |= kws[i]->arg == NULL;
    if (!ex) {
        for (size_t i = 0; i < nargs; i++)
            call_arg(c, args[i], nargs == 1);
        if (!nkw) {
            emit(c, CALL, (int)nargs);
            return;
        }
        Ref names = tuple_new(c->h, nkw);
        for (size_t i = 0; i < nkw; i++) {
            expr(c, kws[i]->value);
            tuple_set_item(c->h, names, i, ident_const(c, kws[i]->arg));
        }
        emit(c, LOAD_CONST, add_const(c, names));
        emit(c, CALL_KW, (int)(nargs + nkw));
        return;
    }
    if (nargs == 1 && args[0]->kind == AST_STARRED)
        expr(c, args[0]->v.starred.value);
    else
        starunpack(c, args, nargs, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true);
    if (nkw == 1 && !kws[0]->arg && c->prof->unpack_tuple_runs) {
        expr(c, kws[0]->value);
    } else if (nkw) {
        bool have_dict = false;
        size_t nseen = 0;
        for (size_t i = 0; i < nkw; i++) {
            if (kws[i]->arg) {
                nseen++;
                continue;
            }
            if (nseen) {
                subkwargs(c, kws, i - nseen, i);
                if (have_dict)
                    emit(c, DICT_MERGE, 1);
                have_dict = true;
                nseen = 0;
            }
            if (!have_dict) {
                emit(c, BUILD_MAP, 0);
                have_dict = true;
            }
            expr(c, kws[i]->value);
            emit(c, DICT_MERGE, 1);
        }
        if (nseen) {
            subkwargs(c, kws, nkw - nseen, nkw);
            if (have_dict)
                emit(c, DICT_MERGE, 1);
        }
    }
    emit(c, CALL_EX, nkw > 0);
}

/* maybe_optimize_method_call: o.m(args) as LOAD_METHOD / CALL_METHOD. */
static bool method_call(C *c, const AstExpr *e)
{
    const AstExpr *meth = e->v.call.func;
    size_t nargs = e->v.call.n_args;
    if (meth->kind != AST_ATTRIBUTE || meth->v.attribute.ctx != AST_LOAD || e->v.call.n_keywords)
        return false;
    for (size_t i = 0; i < nargs; i++)
        if (e->v.call.args[i]->kind == AST_STARRED)
            return false;
    if (c->prof->stack_use_guideline && nargs >= (size_t)c->prof->stack_use_guideline)
        return false;
    expr(c, meth->v.attribute.value);
    int saved = c->u->lineno;
    Span saved_span = c->u->span;
    c->u->lineno = meth->lineno;
    c->u->span = SPAN_OF(meth);
    emit_name(c, LOAD_METHOD, meth->v.attribute.attr);
    c->u->lineno = saved;
    c->u->span = saved_span;
    for (size_t i = 0; i < nargs; i++)
        call_arg(c, e->v.call.args[i], nargs == 1);
    emit(c, CALL_METHOD, (int)nargs);
    return true;
}

/* Zero-argument super() in a method: super(__class__, <first argument>). */
static bool super_call(C *c, const AstExpr *e)
{
    const AstExpr *f = e->v.call.func;
    Unit *u = c->u;
    if (f->kind != AST_NAME || strcmp(f->v.name.id, "super") != 0 || e->v.call.n_args
        || e->v.call.n_keywords || !is_function_unit(u))
        return false;
    SymScope cls = scope_of(c, "__class__", NULL);
    if ((cls != SCOPE_FREE && cls != SCOPE_CELL) || u->argcount == 0 || !u->ste->nparams)
        return false;
    nameop(c, "super", AST_LOAD);
    nameop(c, "__class__", AST_LOAD);
    nameop(c, u->ste->params[0], AST_LOAD);
    emit(c, CALL, 2);
    return true;
}

/* compiler_call. */
static void compile_call(C *c, const AstExpr *e)
{
    if (super_call(c, e) || method_call(c, e))
        return;
    check_caller(c, e->v.call.func);
    expr(c, e->v.call.func);
    call_helper(c, e->v.call.args, e->v.call.n_args, e->v.call.keywords,
                e->v.call.n_keywords);
}

/* compiler_formatted_value: FORMAT_VALUE with conversion and spec. */
static void formatted_value(C *c, const AstExpr *e)
{
    expr(c, e->v.formatted_value.value);
    int conv = e->v.formatted_value.conversion;
    int flags = conv == 's' ? 1 : conv == 'r' ? 2 : conv == 'a' ? 3 : 0;
    if (e->v.formatted_value.format_spec) {
        expr(c, e->v.formatted_value.format_spec);
        flags |= 4;
    }
    emit(c, FORMAT_VALUE, flags);
}

/* compiler_joined_str: the parts, then BUILD_STRING unless one part. */
/* One part of a string being joined (an f-string or a % format). */
typedef void (*PartFn)(C *c, const void *ctx, size_t i);

/* Join N parts: BUILD_STRING (none for one part), or ''.join([...])
 * beyond the stack-use guideline (3.10+). */
static void join_parts(C *c, size_t n, PartFn part, const void *ctx)
{
    if (is_big(c, n)) {
        load_const(c, c->h->empty_str);
        emit_name(c, LOAD_METHOD, "join");
        emit(c, BUILD_LIST, 0);
        for (size_t i = 0; i < n; i++) {
            part(c, ctx, i);
            emit(c, LIST_APPEND, 1);
        }
        emit(c, CALL_METHOD, 1);
        return;
    }
    if (n == 0 && c->prof->empty_fstring_const) {
        load_const(c, c->h->empty_str);
        return;
    }
    for (size_t i = 0; i < n; i++)
        part(c, ctx, i);
    if (n != 1)
        emit(c, BUILD_STRING, (int)n);
}

/* A value of a JoinedStr. */
static void joined_part(C *c, const void *ctx, size_t i)
{
    expr(c, ((const AstExpr *)ctx)->v.joined_str.values[i]);
}

/* compiler_joined_str. */
static void joined_str(C *c, const AstExpr *e)
{
    join_parts(c, e->v.joined_str.n_values, joined_part, e);
}

/* One piece of a `'...' % (...)` format turned into an f-string. */
typedef struct FmtPart {
    char *literal;                /* literal text (%% already unescaped), or NULL */
    const AstExpr *arg;           /* the formatted item */
    int conv;                     /* FORMAT_VALUE conversion: 1 str, 2 repr, 3 ascii */
    char spec[16];                /* format spec ("" if none) */
} FmtPart;

typedef struct FmtParts {
    FmtPart *v;
    size_t n, cap;
} FmtParts;

/* Emit part I of a % format. */
static void fmt_part(C *c, const void *ctx, size_t i)
{
    const FmtPart *p = &((const FmtParts *)ctx)->v[i];
    if (p->literal) {
        emit(c, LOAD_CONST, add_const(c, str_from_cstr(c->h, p->literal)));
        return;
    }
    expr(c, p->arg);
    if (p->spec[0])
        emit(c, LOAD_CONST, add_const(c, str_from_cstr(c->h, p->spec)));
    emit(c, FORMAT_VALUE, p->conv | (p->spec[0] ? 4 : 0));
}

/* simple_format_arg_parse: one %[flags][width][.prec]spec unit of the
 * code points CP[*POS..N) (after the '%'); false when unsupported. */
static bool fmt_unit(const uint32_t *cp, size_t n, size_t *pos, FmtPart *out)
{
    size_t i = *pos;
    int ljust = 0, width = -1, prec = -1;
    uint32_t ch;
#define NEXTC do { if (i >= n) return false; ch = cp[i++]; } while (0)
    for (;;) {
        NEXTC;
        if (ch == '-')
            ljust = 1;
        else if (ch != '+' && ch != ' ' && ch != '#' && ch != '0')
            break;
    }
    if (ch >= '0' && ch <= '9') {
        int digits = 0;
        width = 0;
        while (ch >= '0' && ch <= '9') {
            width = width * 10 + (int)(ch - '0');
            NEXTC;
            if (++digits >= 3)
                return false;
        }
    }
    if (ch == '.') {
        NEXTC;
        prec = 0;
        int digits = 0;
        while (ch >= '0' && ch <= '9') {
            prec = prec * 10 + (int)(ch - '0');
            NEXTC;
            if (++digits >= 3)
                return false;
        }
    }
#undef NEXTC
    if (ch != 's' && ch != 'r' && ch != 'a')
        return false;
    out->conv = ch == 's' ? 1 : ch == 'r' ? 2 : 3;
    char *p = out->spec;
    if (!ljust && width > 0)
        *p++ = '>';
    if (width >= 0)
        p += sprintf(p, "%d", width);
    if (prec >= 0)
        p += sprintf(p, ".%d", prec);
    *p = 0;
    *pos = i;
    return true;
}

/* Free the parts of a % format. */
static void fmt_parts_free(FmtParts *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->v[i].literal);
    free(ps->v);
}

/* optimize_format (3.11+): 'a %s b %r' % (x, y) with only %s/%r/%a units
 * (simple width/precision) and as many units as items compiles like
 * f'a {x!s} b {y!r}'.  False (nothing emitted) when it does not apply. */
static bool percent_format(C *c, const AstExpr *e)
{
    const AstExpr *rhs = e->v.bin_op.right;
    Ref fmt = folded(c, e->v.bin_op.left);
    if (!fmt || heap_kind(c->h, fmt) != K_STR || rhs->kind != AST_TUPLE || folded(c, rhs))
        return false;
    AstExpr *const *elts = rhs->v.tuple.elts;
    size_t nelts = rhs->v.tuple.n_elts;
    for (size_t i = 0; i < nelts; i++)
        if (elts[i]->kind == AST_STARRED)
            return false;
    size_t nbytes, n = 0;
    const unsigned char *u8 = (const unsigned char *)str_utf8(c->h, fmt, &nbytes);
    uint32_t *cp = xmalloc(sizeof(uint32_t) * (nbytes + 1));
    for (size_t i = 0; i < nbytes;)
        i += (size_t)utf8_decode1(u8 + i, &cp[n++]);
    FmtParts ps = {0};
    size_t pos = 0, cnt = 0;
    bool ok = true;
    for (;;) {
        StrBuf lit = {0};
        while (pos < n && (cp[pos] != '%' || (pos + 1 < n && cp[pos + 1] == '%'))) {
            char buf[4];
            strbuf_append(&lit, buf, (size_t)utf8_encode1(cp[pos], buf));
            pos += cp[pos] == '%' ? 2 : 1;
        }
        if (lit.len) {
            XGROW(ps.v, ps.cap, ps.n + 1);
            ps.v[ps.n++] = (FmtPart){.literal = strbuf_steal(&lit)};
        }
        strbuf_free(&lit);
        if (pos >= n)
            break;
        if (cnt >= nelts) {
            ok = false;
            break;
        }
        pos++;
        FmtPart part = {.arg = elts[cnt++]};
        if (!fmt_unit(cp, n, &pos, &part)) {
            ok = false;
            break;
        }
        XGROW(ps.v, ps.cap, ps.n + 1);
        ps.v[ps.n++] = part;
    }
    free(cp);
    if (ok && cnt == nelts)
        join_parts(c, ps.n, fmt_part, &ps);
    fmt_parts_free(&ps);
    return ok && cnt == nelts;
}

/* The class unit whose methods' `self.x = ...` a store in U records
 * (3.13's __static_attributes__): the nearest enclosing class. */
static Unit *static_attr_class(Unit *u)
{
    for (Unit *p = u->parent; p; p = p->parent)
        if (p->kind == U_CLASS)
            return p;
    return NULL;
}

/* Attribute load, store or delete. */
static void compile_attribute(C *c, const AstExpr *e)
{
    const char *attr = e->v.attribute.attr;
    expr(c, e->v.attribute.value);
    int saved = c->u->lineno;
    c->u->lineno = e->lineno;
    switch (e->v.attribute.ctx) {
    case AST_LOAD: emit_name(c, LOAD_ATTR, attr); break;
    case AST_STORE: {
        const AstExpr *v = e->v.attribute.value;
        Unit *cls;
        if (c->prof->class_static_attributes && v->kind == AST_NAME
            && strcmp(v->v.name.id, "self") == 0 && (cls = static_attr_class(c->u)))
            strlist_add(&cls->static_attrs, attr);
        emit_name(c, STORE_ATTR, attr);
        break;
    }
    case AST_DEL: emit_name(c, DELETE_ATTR, attr); break;
    }
    c->u->lineno = saved;
}

/* compiler_slice: BUILD_SLICE of lower, upper (None if absent), step. */
static void compile_slice(C *c, const AstExpr *e)
{
    const AstExpr *parts[2] = {e->v.slice.lower, e->v.slice.upper};
    for (int i = 0; i < 2; i++) {
        if (parts[i])
            expr(c, parts[i]);
        else
            load_const(c, c->h->none);
    }
    if (e->v.slice.step)
        expr(c, e->v.slice.step);
    emit(c, BUILD_SLICE, e->v.slice.step ? 3 : 2);
}

/* Subscript load, store or delete. */
static void compile_subscript(C *c, const AstExpr *e)
{
    if (e->v.subscript.ctx == AST_LOAD) {
        check_subscripter(c, e->v.subscript.value);
        check_index(c, e->v.subscript.value, e->v.subscript.slice);
    }
    expr(c, e->v.subscript.value);
    expr(c, e->v.subscript.slice);
    static const int ops[] = {BINARY_SUBSCR, STORE_SUBSCR, DELETE_SUBSCR};
    emit(c, ops[e->v.subscript.ctx], 0);
}

/* unpack_helper + the targets of a tuple/list assignment. */
static void unpack_targets(C *c, const AstExpr *e, AstExpr *const *elts, size_t n)
{
    bool seen_star = false;
    for (size_t i = 0; i < n; i++) {
        if (elts[i]->kind != AST_STARRED)
            continue;
        if (seen_star) {
            ERROR_AT(c, SE_MULTIPLE_STARRED, NULL, e);
            return;
        }
        if (i >= (1 << 8)) {
            unsupported(c, "star-unpacking with more than 255 targets before the star");
            return;
        }
        emit(c, UNPACK_EX, (int)(i + ((n - i - 1) << 8)));
        seen_star = true;
    }
    if (!seen_star)
        emit(c, UNPACK_SEQUENCE, (int)n);
    for (size_t i = 0; i < n; i++)
        expr(c, elts[i]->kind == AST_STARRED ? elts[i]->v.starred.value : elts[i]);
}

/* A list/tuple display or assignment/deletion target. */
static void compile_sequence(C *c, const AstExpr *e, bool is_list)
{
    AstExpr *const *elts = is_list ? e->v.list.elts : e->v.tuple.elts;
    size_t n = is_list ? e->v.list.n_elts : e->v.tuple.n_elts;
    AstExprContext ctx = is_list ? e->v.list.ctx : e->v.tuple.ctx;
    if (ctx == AST_STORE) {
        unpack_targets(c, e, elts, n);
    } else if (ctx == AST_DEL) {
        for (size_t i = 0; i < n; i++)
            expr(c, elts[i]);
    } else if (is_list) {
        starunpack(c, elts, n, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false);
    } else {
        tuple_display(c, elts, n);
    }
}

static void compile_lambda(C *c, const AstExpr *e);
static void compile_comprehension(C *c, const AstExpr *e);

/* Compile expression E (a load, store or delete by its context). */
static void expr(C *c, const AstExpr *e)
{
    if (c->failed)
        return;
    Unit *u = c->u;
    int saved = u->lineno;
    Span saved_span = u->span;
    u->lineno = e->lineno;
    u->span = SPAN_OF(e);
    Ref k = folded(c, e);
    if (k) {
        load_const(c, k);
        u->lineno = saved;
        u->span = saved_span;
        return;
    }
    switch (e->kind) {
    case AST_BOOL_OP_EXPR: compile_boolop(c, e); break;
    case AST_BIN_OP:
        if (e->v.bin_op.op == AST_MOD && c->prof->optimize_percent_format && percent_format(c, e))
            break;
        expr(c, e->v.bin_op.left);
        expr(c, e->v.bin_op.right);
        emit(c, BINARY_OP, binop_of(e->v.bin_op.op));
        break;
    case AST_UNARY_OP: {
        static const int ops[] = {[AST_INVERT] = OP_INVERT, [AST_NOT] = OP_NOT,
                                  [AST_UADD] = OP_POS, [AST_USUB] = OP_NEG};
        expr(c, e->v.unary_op.operand);
        emit(c, UNARY_OP, ops[e->v.unary_op.op]);
        break;
    }
    case AST_LAMBDA: compile_lambda(c, e); break;
    case AST_IF_EXP: compile_ifexp(c, e); break;
    case AST_DICT: compile_dict(c, e); break;
    case AST_SET:
        starunpack(c, e->v.set.elts, e->v.set.n_elts, 0, BUILD_SET, SET_ADD, SET_UPDATE, false);
        break;
    case AST_LIST_COMP: case AST_SET_COMP: case AST_DICT_COMP:
        compile_comprehension(c, e);
        break;
    case AST_GENERATOR_EXP: unsupported(c, "generator expressions (except as the only argument of a call)"); break;
    case AST_NAMED_EXPR: unsupported(c, "assignment expressions (':=')"); break;
    case AST_YIELD: case AST_YIELD_FROM: unsupported(c, "'yield' (generators)"); break;
    case AST_AWAIT: unsupported(c, "'await'"); break;
    case AST_COMPARE: compile_compare(c, e); break;
    case AST_CALL: compile_call(c, e); break;
    case AST_FORMATTED_VALUE: formatted_value(c, e); break;
    case AST_JOINED_STR: joined_str(c, e); break;
    case AST_CONSTANT: unsupported(c, "this constant"); break;
    case AST_ATTRIBUTE: compile_attribute(c, e); break;
    case AST_SUBSCRIPT: compile_subscript(c, e); break;
    case AST_STARRED: unsupported(c, "a starred expression here"); break;
    case AST_NAME: nameop(c, e->v.name.id, e->v.name.ctx); break;
    case AST_LIST: compile_sequence(c, e, true); break;
    case AST_TUPLE: compile_sequence(c, e, false); break;
    case AST_SLICE: compile_slice(c, e); break;
    }
    u->lineno = saved;
    u->span = saved_span;
}

/* ------------------------------------------------------------------ */
/* Code objects, closures, functions                                   */
/* ------------------------------------------------------------------ */

/* What a finished unit hands to its parent. */
typedef struct Finished {
    Ref code;                     /* new reference */
    Ref qualname;                 /* borrowed (the constant cache owns it) */
    StrList freevars;             /* copied names */
} Finished;

static Ref assemble(C *c, Ref qualname);

/* The qualname object of unit U: the interned name when they are equal
 * (CPython reuses u_name), else a new string; merged as a constant. */
static Ref qualname_obj(C *c, Unit *u)
{
    Ref q = strcmp(u->qualname, u->name) == 0 ? name_obj(c, u->name)
                                               : str_from_cstr(c->h, u->qualname);
    return const_merge(c, q);
}

/* Finish the current unit (implicit `return None`), build its code
 * object and leave it. */
static Finished finish_unit(C *c)
{
    Unit *u = c->u;
    bool label_at_end = false;
    for (size_t i = 0; i < u->nlabels; i++)
        if (!u->labels[i].cold && u->labels[i].pos == (int)u->main.n)
            label_at_end = true;
    if (!u->main.n || u->main.v[u->main.n - 1].op != RETURN_VALUE || label_at_end) {
        u->pending_start = 0;
        if (u->main.n)
            u->lineno = last_line(u);
        load_const(c, c->h->none);
        emit(c, RETURN_VALUE, 0);
    }
    Finished f = {0};
    f.qualname = qualname_obj(c, u);
    f.code = assemble(c, f.qualname);
    for (size_t i = 0; i < u->freevars.n; i++)
        strlist_add(&f.freevars, u->freevars.v[i]);
    unit_pop(c);
    return f;
}

/* compiler_make_closure: push the function for finished unit F. */
static void make_closure(C *c, Finished *f, int flags)
{
    Unit *u = c->u;
    if (c->failed || !f->code) {
        free(f->freevars.v);
        f->freevars = (StrList){0};
        return;
    }
    if (f->freevars.n) {
        for (size_t i = 0; i < f->freevars.n; i++) {
            const char *name = f->freevars.v[i];
            bool cell;
            if (u->kind == U_CLASS && strcmp(name, "__class__") == 0)
                cell = true;
            else
                cell = scope_of(c, name, NULL) == SCOPE_CELL;
            emit(c, LOAD_CLOSURE, deref_index(c, name, cell));
        }
        emit(c, BUILD_TUPLE, (int)f->freevars.n);
        flags |= 8;
    }
    emit(c, LOAD_CONST, add_const(c, heap_newref(c->h, f->code)));
    if (c->prof->qualname_in_consts) {
        emit(c, LOAD_CONST, unit_const_index(u, f->qualname));
        emit(c, MAKE_FUNCTION, flags);
    } else {
        emit(c, MAKE_FUNCTION_NOQN, flags);
    }
    free(f->freevars.v);
    f->freevars = (StrList){0};
}

/* compiler_default_arguments: push defaults / kwdefaults; MAKE_FUNCTION
 * flags.  A tuple of constant defaults is folded at assembly. */
static int compile_defaults(C *c, const AstArguments *a)
{
    int flags = 0;
    if (a->n_defaults) {
        for (size_t i = 0; i < a->n_defaults; i++)
            expr(c, a->defaults[i]);
        emit(c, BUILD_TUPLE, (int)a->n_defaults);
        flags |= 1;
    }
    size_t nkw = 0;
    for (size_t i = 0; i < a->n_kwonlyargs; i++)
        if (a->kw_defaults[i]) {
            expr(c, a->kw_defaults[i]);
            nkw++;
        }
    if (nkw) {
        Ref keys = tuple_new(c->h, nkw);
        size_t j = 0;
        for (size_t i = 0; i < a->n_kwonlyargs; i++)
            if (a->kw_defaults[i])
                tuple_set_item(c->h, keys, j++, ident_const(c, mangle(c, a->kwonlyargs[i]->arg)));
        emit(c, LOAD_CONST, add_const(c, keys));
        emit(c, BUILD_CONST_KEY_MAP, (int)nkw);
        flags |= 2;
    }
    return flags;
}

/* Argument counts and flags of a function-like unit. */
static void set_arguments(Unit *u, const AstArguments *a)
{
    u->argcount = (int)(a->n_posonlyargs + a->n_args);
    u->kwonlyargcount = (int)a->n_kwonlyargs;
    u->flags |= 0x1 | 0x2;                   /* CO_OPTIMIZED | CO_NEWLOCALS */
    if (a->vararg)
        u->flags |= CO_VARARGS;
    if (a->kwarg)
        u->flags |= CO_VARKEYWORDS;
    if (u->ste->nested)
        u->flags |= CO_NESTED;
}

/* _PyAST_GetDocString: the first statement when it is a string literal. */
static const AstExpr *docstring(AstStmt *const *body, size_t n)
{
    if (!n || body[0]->kind != AST_EXPR)
        return NULL;
    const AstExpr *v = body[0]->v.expr.value;
    return v->kind == AST_CONSTANT && v->v.constant.kind == AST_CONST_STR ? v : NULL;
}

/* The body of a generator or coroutine function: it cannot run here. */
static bool unsupported_body(C *c, const SymEntry *ste, AstStmt *const *body, size_t n)
{
    if (!ste->generator && !ste->coroutine)
        return false;
    if (n)
        c->u->lineno = body[0]->lineno;
    mark_start(c);
    unsupported(c, ste->coroutine ? "coroutines ('async def')" : "generator functions ('yield')");
    return true;
}

/* compiler_function: def name(args): body, with decorators. */
static void compile_function(C *c, const AstStmt *s)
{
    const AstFunctionDef *fd = &s->v.function_def;
    SymEntry *ste = symtable_lookup(c->st, s);
    int firstlineno = fd->n_decorator_list ? fd->decorator_list[0]->lineno : s->lineno;
    for (size_t i = 0; i < fd->n_decorator_list; i++)
        expr(c, fd->decorator_list[i]);
    int flags = compile_defaults(c, fd->args);
    Unit *u = unit_push(c, U_FUNCTION, ste, fd->name, firstlineno);
    set_qualname(c, u);
    set_arguments(u, fd->args);
    const AstExpr *doc = docstring(fd->body, fd->n_body);
    add_const(c, heap_newref(c->h, doc ? folded(c, doc) : c->h->none));
    if (doc)
        u->flags |= CO_HAS_DOCSTRING;
    if (!unsupported_body(c, ste, fd->body, fd->n_body))
        stmts(c, fd->body + (doc ? 1 : 0), fd->n_body - (doc ? 1 : 0));
    Finished f = finish_unit(c);
    make_closure(c, &f, flags);
    heap_decref(c->h, f.code);
    for (size_t i = 0; i < fd->n_decorator_list; i++)
        emit(c, CALL, 1);
    nameop(c, fd->name, AST_STORE);
}

/* compiler_lambda. */
static void compile_lambda(C *c, const AstExpr *e)
{
    SymEntry *ste = symtable_lookup(c->st, e);
    int flags = compile_defaults(c, e->v.lambda.args);
    Unit *u = unit_push(c, U_LAMBDA, ste, "<lambda>", e->lineno);
    set_qualname(c, u);
    set_arguments(u, e->v.lambda.args);
    add_const(c, heap_newref(c->h, c->h->none));
    if (ste->generator || ste->coroutine) {
        unsupported(c, "'yield' (generators)");
    } else {
        expr(c, e->v.lambda.body);
        emit(c, RETURN_VALUE, 0);
    }
    Finished f = finish_unit(c);
    make_closure(c, &f, flags);
    heap_decref(c->h, f.code);
}

/* Store the current TOS into the class namespace name NAME. */
static void store_name_const(C *c, Ref value, const char *name)
{
    emit(c, LOAD_CONST, add_const(c, value));
    nameop(c, name, AST_STORE);
}

/* compiler_body: a module or class body, the docstring as __doc__. */
static void compile_body(C *c, AstStmt *const *body, size_t n)
{
    size_t i = 0;
    const AstExpr *doc = docstring(body, n);
    if (doc) {
        c->u->lineno = body[0]->lineno;
        if (last_line(c->u) != body[0]->lineno)
            mark_start(c);
        expr(c, doc);
        nameop(c, "__doc__", AST_STORE);
        i = 1;
    }
    stmts(c, body + i, n - i);
}

/* A sorted tuple of the attribute names in L (3.13's __static_attributes__). */
static Ref sorted_names_tuple(C *c, const StrList *l)
{
    const char **v = xmalloc(sizeof(char *) * (l->n ? l->n : 1));
    if (l->n) {
        memcpy(v, l->v, sizeof(char *) * l->n);
        qsort(v, l->n, sizeof(char *), cmp_names);
    }
    Ref t = tuple_new(c->h, l->n);
    for (size_t i = 0; i < l->n; i++)
        tuple_set_item(c->h, t, i, ident_const(c, v[i]));
    free(v);
    return t;
}

/* compiler_class: the body function, MAKE_CLASS, decorators, store. */
static void compile_class(C *c, const AstStmt *s)
{
    const char *name = s->v.class_def.name;
    if (s->v.class_def.n_keywords) {
        unsupported(c, "class keyword arguments (metaclass=...)");
        return;
    }
    for (size_t i = 0; i < s->v.class_def.n_bases; i++)
        if (s->v.class_def.bases[i]->kind == AST_STARRED) {
            unsupported(c, "starred base classes");
            return;
        }
    SymEntry *ste = symtable_lookup(c->st, s);
    size_t ndec = s->v.class_def.n_decorator_list;
    int firstlineno = ndec ? s->v.class_def.decorator_list[0]->lineno : s->lineno;
    for (size_t i = 0; i < ndec; i++)
        expr(c, s->v.class_def.decorator_list[i]);
    Unit *u = unit_push(c, U_CLASS, ste, name, firstlineno);
    u->private_ = name;
    set_qualname(c, u);
    u->flags = CO_CLASSBODY;
    nameop(c, "__name__", AST_LOAD);
    nameop(c, "__module__", AST_STORE);
    Ref q = strcmp(u->qualname, name) == 0 ? ident_const(c, name) : str_from_cstr(c->h, u->qualname);
    store_name_const(c, q, "__qualname__");
    if (c->prof->class_firstlineno)
        store_name_const(c, int_from_i64(c->h, firstlineno), "__firstlineno__");
    compile_body(c, s->v.class_def.body, s->v.class_def.n_body);
    u->lineno = last_line(u) > 0 ? last_line(u) : firstlineno;
    u->pending_start = 0;
    if (c->prof->class_static_attributes)
        store_name_const(c, sorted_names_tuple(c, &u->static_attrs), "__static_attributes__");
    if (ste->needs_class_closure) {
        emit(c, LOAD_CLOSURE, 0);
        emit(c, DUP_TOP, 0);
        nameop(c, "__classcell__", AST_STORE);
    } else {
        load_const(c, c->h->none);
    }
    emit(c, RETURN_VALUE, 0);
    Finished f = finish_unit(c);
    /* 3.8 named the class body function after co_name, not the qualname */
    if (!c->failed)
        f.qualname = const_merge(c, ident_const(c, name));
    make_closure(c, &f, 0);
    heap_decref(c->h, f.code);
    emit(c, LOAD_CONST, add_const(c, ident_const(c, name)));
    for (size_t i = 0; i < s->v.class_def.n_bases; i++)
        expr(c, s->v.class_def.bases[i]);
    emit_raw(c, BUILD_TUPLE, (int)s->v.class_def.n_bases, 0)->nofold = 1;
    emit(c, MAKE_CLASS, 0);
    for (size_t i = 0; i < ndec; i++)
        emit(c, CALL, 1);
    nameop(c, name, AST_STORE);
}

/* ------------------------------------------------------------------ */
/* Comprehensions                                                      */
/* ------------------------------------------------------------------ */

/* One `for ... in ... if ...` clause and what is nested in it
 * (compiler_sync_comprehension_generator).  DEPTH counts the iterators on
 * the stack below the element. */
static void comp_generator(C *c, AstComprehension *const *gens, size_t ngens, size_t gi,
                           int depth, const AstExpr *elt, const AstExpr *val, SymComp kind,
                           bool iter_on_stack)
{
    const AstComprehension *gen = gens[gi];
    int start = new_label(c), if_cleanup = new_label(c), anchor = new_label(c);
    bool loop = true;
    if (gen->is_async) {
        unsupported(c, "asynchronous comprehensions");
        return;
    }
    if (gi == 0) {
        if (!iter_on_stack)
            emit(c, LOAD_FAST, strlist_add(&c->u->varnames, ".0"));
    } else {
        const AstExpr *it = gen->iter;
        AstExpr *const *elts = it->kind == AST_LIST ? it->v.list.elts
                               : it->kind == AST_TUPLE ? it->v.tuple.elts : NULL;
        size_t nelts = it->kind == AST_LIST ? it->v.list.n_elts
                       : it->kind == AST_TUPLE ? it->v.tuple.n_elts : 0;
        if (c->prof->comp_single_item_fastpath && elts && nelts == 1
            && elts[0]->kind != AST_STARRED && !folded(c, it)) {
            Ref k = fold_iter(c, it);
            if (!k) {
                expr(c, elts[0]);
                loop = false;
            }
            heap_decref(c->h, k);
        }
        if (loop) {
            iter_expr(c, it);
            emit(c, GET_ITER, 0);
        }
    }
    if (loop) {
        depth++;
        bind(c, start);
        emit_jump(c, FOR_ITER, anchor);
    }
    expr(c, gen->target);
    for (size_t i = 0; i < gen->n_ifs; i++)
        jump_if(c, gen->ifs[i], if_cleanup, false);
    if (gi + 1 < ngens) {
        comp_generator(c, gens, ngens, gi + 1, depth, elt, val, kind, false);
    } else {
        switch (kind) {
        case SYMCOMP_SET:
            expr(c, elt);
            emit(c, SET_ADD, depth + 1);
            break;
        case SYMCOMP_DICT:
            expr(c, elt);
            expr(c, val);
            emit(c, MAP_ADD, depth + 1);
            break;
        default:
            expr(c, elt);
            emit(c, LIST_APPEND, depth + 1);
            break;
        }
    }
    bind(c, if_cleanup);
    if (loop) {
        emit_jump(c, JUMP, start);
        bind(c, anchor);
    }
}

/* What push_inlined_comprehension_state saved, to undo it. */
typedef struct InlineState {
    int32_t *slots;               /* LOAD_FAST_AND_CLEAR args, in push order */
    size_t nslots, capslots;
    size_t noverrides;            /* overrides before the comprehension */
    StrList hidden;               /* names made fast-hidden here */
    int cleanup;                  /* exception cleanup label */
} InlineState;

/* Push the enclosing bindings of the names an inlined comprehension binds
 * (3.12's push_inlined_comprehension_state). */
static void push_inlined(C *c, const SymEntry *comp, InlineState *st)
{
    Unit *u = c->u;
    bool in_class_block = u->kind == U_CLASS && !u->in_inlined_comp;
    u->in_inlined_comp++;
    st->noverrides = u->noverrides;
    for (size_t i = 0; i < comp->nsyms; i++) {
        const Symbol *sym = &comp->syms[i];
        SymScope scope = sym->scope;
        SymScope outsc = scope_of(c, sym->name, NULL);
        bool pushed = ((sym->flags & DEF_LOCAL) && !(sym->flags & DEF_NONLOCAL)) || in_class_block;
        if (pushed) {
            int32_t slot;
            int vi = strlist_add(&u->varnames, sym->name);
            if (scope == SCOPE_CELL) {
                int d = deref_index(c, sym->name, outsc != SCOPE_FREE);
                slot = DEREF_SLOT | d;
                emit(c, LOAD_FAST_AND_CLEAR, slot);
                emit(c, MAKE_CELL, d);
            } else {
                slot = vi;
                emit(c, LOAD_FAST_AND_CLEAR, slot);
            }
            XGROW(st->slots, st->capslots, st->nslots + 1);
            st->slots[st->nslots++] = slot;
        }
        if (scope != outsc && scope != SCOPE_FREE && !(scope == SCOPE_CELL && outsc == SCOPE_FREE)) {
            XGROW(u->overrides, u->capoverrides, u->noverrides + 1);
            u->overrides[u->noverrides++] = (Override){sym->name, scope, sym->flags};
        }
        if (pushed && !is_function_unit(u) && strlist_find(&u->fast_hidden, sym->name) < 0) {
            strlist_add(&u->fast_hidden, sym->name);
            strlist_add(&st->hidden, sym->name);
        }
    }
}

/* Restore the pushed bindings below the result (TOS). */
static void restore_inlined_locals(C *c, const InlineState *st)
{
    emit(c, SWAP, (int)st->nslots + 1);
    for (size_t i = st->nslots; i-- > 0;)
        emit(c, STORE_FAST, st->slots[i]);
}

/* Start protecting the comprehension: on an exception, restore too. */
static void inlined_setup(C *c, InlineState *st)
{
    if (!st->nslots)
        return;
    emit(c, SWAP, (int)st->nslots + 1);
    st->cleanup = new_label(c);
    emit_jump(c, SETUP_FINALLY, st->cleanup);
}

/* pop_inlined_comprehension_state: restore the enclosing bindings. */
static void pop_inlined(C *c, InlineState *st)
{
    Unit *u = c->u;
    if (st->nslots) {
        emit(c, POP_BLOCK, 0);
        u->in_cold = 1;
        bind(c, st->cleanup);
        emit(c, SWAP, 2);
        emit(c, POP_TOP, 0);
        restore_inlined_locals(c, st);
        emit(c, RERAISE, 0);
        u->in_cold = 0;
        restore_inlined_locals(c, st);
    }
    u->noverrides = st->noverrides;
    for (size_t i = 0; i < st->hidden.n; i++)
        strlist_remove(&u->fast_hidden, st->hidden.v[i]);
    u->in_inlined_comp--;
    free(st->slots);
    free(st->hidden.v);
}

/* The generators and element of comprehension E. */
static void comp_parts(const AstExpr *e, SymComp *kind, AstComprehension *const **gens,
                       size_t *ngens, const AstExpr **elt, const AstExpr **val)
{
    *val = NULL;
    switch (e->kind) {
    case AST_SET_COMP:
        *kind = SYMCOMP_SET;
        *gens = e->v.set_comp.generators;
        *ngens = e->v.set_comp.n_generators;
        *elt = e->v.set_comp.elt;
        break;
    case AST_DICT_COMP:
        *kind = SYMCOMP_DICT;
        *gens = e->v.dict_comp.generators;
        *ngens = e->v.dict_comp.n_generators;
        *elt = e->v.dict_comp.key;
        *val = e->v.dict_comp.value;
        break;
    case AST_GENERATOR_EXP:
        *kind = SYMCOMP_GENEXP;
        *gens = e->v.generator_exp.generators;
        *ngens = e->v.generator_exp.n_generators;
        *elt = e->v.generator_exp.elt;
        break;
    default:
        *kind = SYMCOMP_LIST;
        *gens = e->v.list_comp.generators;
        *ngens = e->v.list_comp.n_generators;
        *elt = e->v.list_comp.elt;
        break;
    }
}

/* compiler_comprehension: a separate function called with iter(outermost)
 * (3.8-3.11, generator expressions), or inlined in place (3.12+).  A
 * generator expression (only reached as the sole argument of a call) is
 * compiled as a list comprehension named <genexpr>: the call receives the
 * list instead of a generator. */
static void compile_comprehension(C *c, const AstExpr *e)
{
    SymComp kind;
    AstComprehension *const *gens;
    size_t ngens;
    const AstExpr *elt, *val;
    comp_parts(e, &kind, &gens, &ngens, &elt, &val);
    SymEntry *ste = symtable_lookup(c->st, e);
    int build = kind == SYMCOMP_SET ? BUILD_SET : kind == SYMCOMP_DICT ? BUILD_MAP : BUILD_LIST;
    if (ste->comp_inlined) {
        iter_expr(c, gens[0]->iter);
        emit(c, GET_ITER, 0);
        InlineState st = {0};
        push_inlined(c, ste, &st);
        inlined_setup(c, &st);
        emit(c, build, 0);
        emit(c, SWAP, 2);
        comp_generator(c, gens, ngens, 0, 0, elt, val, kind, true);
        pop_inlined(c, &st);
        return;
    }
    static const char *const names[] = {
        [SYMCOMP_LIST] = "<listcomp>", [SYMCOMP_SET] = "<setcomp>",
        [SYMCOMP_DICT] = "<dictcomp>", [SYMCOMP_GENEXP] = "<genexpr>",
    };
    Unit *u = unit_push(c, U_COMP, ste, names[kind], e->lineno);
    set_qualname(c, u);
    u->argcount = 1;
    u->flags |= 0x1 | 0x2 | (ste->nested ? CO_NESTED : 0);
    if (kind == SYMCOMP_GENEXP)
        pin_const(c, heap_newref(c->h, c->h->none));   /* a generator returns None */
    emit(c, build, 0);
    comp_generator(c, gens, ngens, 0, 0, elt, val, kind, false);
    emit(c, RETURN_VALUE, 0);
    Finished f = finish_unit(c);
    make_closure(c, &f, 0);
    heap_decref(c->h, f.code);
    iter_expr(c, gens[0]->iter);
    emit(c, GET_ITER, 0);
    emit(c, CALL, 1);
}

/* A generator expression passed as the only argument of a call. */
static void genexp_as_list(C *c, const AstExpr *e)
{
    int saved = c->u->lineno;
    c->u->lineno = e->lineno;
    compile_comprehension(c, e);
    c->u->lineno = saved;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

/* Push a frame block; false (with a SyntaxError) beyond CO_MAXBLOCKS. */
static bool push_fblock(C *c, const AstStmt *s, FBType type, int cont, int exit_)
{
    Unit *u = c->u;
    if (u->nfblocks >= MAX_FBLOCKS) {
        ERROR_AT(c, SE_TOO_MANY_BLOCKS, NULL, s);
        return false;
    }
    u->fblocks[u->nfblocks++] = (FBlock){type, cont, exit_, NULL, 0, NULL};
    return true;
}

/* Pop the innermost frame block. */
static void pop_fblock(C *c)
{
    c->u->nfblocks--;
}

/* compiler_unwind_fblock: leave block INFO on the way out (break,
 * continue, return); PRESERVE keeps the return value on top. */
static void unwind_fblock(C *c, const FBlock *info, bool preserve)
{
    switch (info->type) {
    case FB_WHILE:
    case FB_EXCEPTION_HANDLER:
        return;
    case FB_FOR:
    case FB_POP_VALUE:
        if (preserve)
            emit(c, ROT_TWO, 0);
        emit(c, POP_TOP, 0);
        return;
    case FB_TRY_EXCEPT:
        emit(c, POP_BLOCK, 0);
        return;
    case FB_FINALLY_TRY: {
        emit(c, POP_BLOCK, 0);
        Unit *u = c->u;
        if (preserve) {
            if (u->nfblocks >= MAX_FBLOCKS) {
                c->failed = 1;
                return;
            }
            u->fblocks[u->nfblocks++] = (FBlock){FB_POP_VALUE, -1, -1, NULL, 0, NULL};
        }
        int saved = u->lineno;
        stmts(c, info->body, info->nbody);
        u->lineno = saved;
        if (preserve)
            pop_fblock(c);
        return;
    }
    case FB_FINALLY_END:
        if (preserve)
            emit(c, ROT_TWO, 0);
        emit(c, POP_TOP, 0);
        if (preserve)
            emit(c, ROT_TWO, 0);
        emit(c, POP_BLOCK, 0);
        emit(c, POP_EXCEPT, 0);
        return;
    case FB_HANDLER_CLEANUP:
        if (info->name)
            emit(c, POP_BLOCK, 0);
        if (preserve)
            emit(c, ROT_TWO, 0);
        emit(c, POP_BLOCK, 0);
        emit(c, POP_EXCEPT, 0);
        if (info->name) {
            load_const(c, c->h->none);
            nameop(c, info->name, AST_STORE);
            nameop(c, info->name, AST_DEL);
        }
        return;
    }
}

/* compiler_unwind_fblock_stack: unwind every block down to the innermost
 * loop (LOOP set, when given) or all of them. */
static void unwind_fblock_stack(C *c, bool preserve, FBlock **loop)
{
    Unit *u = c->u;
    if (!u->nfblocks || c->failed)
        return;
    FBlock *top = &u->fblocks[u->nfblocks - 1];
    if (loop && (top->type == FB_WHILE || top->type == FB_FOR)) {
        *loop = top;
        return;
    }
    FBlock copy = *top;
    u->nfblocks--;
    unwind_fblock(c, &copy, preserve);
    unwind_fblock_stack(c, preserve, loop);
    u->fblocks[u->nfblocks++] = copy;
}

/* return [value]. */
static void compile_return(C *c, const AstStmt *s)
{
    const AstExpr *v = s->v.return_.value;
    if (!is_function_unit(c->u)) {
        ERROR_AT(c, SE_RETURN_OUTSIDE, NULL, s);
        return;
    }
    bool preserve = v && !folded(c, v);
    if (preserve)
        expr(c, v);
    unwind_fblock_stack(c, preserve, NULL);
    c->u->lineno = s->lineno;
    if (!v)
        load_const(c, c->h->none);
    else if (!preserve)
        expr(c, v);
    emit(c, RETURN_VALUE, 0);
}

/* break / continue. */
static void compile_break(C *c, const AstStmt *s, bool is_break)
{
    FBlock *loop = NULL;
    unwind_fblock_stack(c, false, &loop);
    if (!loop) {
        ERROR_AT(c, is_break ? SE_BREAK_OUTSIDE : SE_CONTINUE_OUTSIDE, NULL, s);
        return;
    }
    c->u->lineno = s->lineno;
    if (is_break) {
        unwind_fblock(c, loop, false);
        emit_jump(c, JUMP, loop->exit);
    } else {
        emit_jump(c, JUMP, loop->cont);
    }
}

/* The truth of a constant test, or -1 (expr_constant). */
static int constant_truth(C *c, const AstExpr *e)
{
    Ref k = folded(c, e);
    if (!k)
        return -1;
    int t = obj_truth(c->h, k);
    if (t < 0) {
        heap_clear_exc(c->h);
        return -1;
    }
    return t;
}

/* if / elif / else (a constant test keeps only the live branch). */
static void compile_if(C *c, const AstStmt *s)
{
    int constant = constant_truth(c, s->v.if_.test);
    if (constant >= 0 && c->prof->const_test_in_consts)
        add_const(c, heap_newref(c->h, folded(c, s->v.if_.test)));   /* loaded, then folded away */
    if (constant == 0) {
        stmts(c, s->v.if_.orelse, s->v.if_.n_orelse);
        return;
    }
    if (constant == 1) {
        stmts(c, s->v.if_.body, s->v.if_.n_body);
        return;
    }
    int end = new_label(c);
    int next = s->v.if_.n_orelse ? new_label(c) : end;
    jump_if(c, s->v.if_.test, next, false);
    stmts(c, s->v.if_.body, s->v.if_.n_body);
    if (s->v.if_.n_orelse) {
        c->u->lineno = s->lineno;
        emit_jump(c, JUMP, end);
        bind(c, next);
        stmts(c, s->v.if_.orelse, s->v.if_.n_orelse);
    }
    bind(c, end);
}

/* while test: body [else: orelse]. */
static void compile_while(C *c, const AstStmt *s)
{
    int constant = constant_truth(c, s->v.while_.test);
    if (constant >= 0 && c->prof->const_test_in_consts)
        add_const(c, heap_newref(c->h, folded(c, s->v.while_.test)));   /* loaded, then folded away */
    if (constant == 0) {
        stmts(c, s->v.while_.orelse, s->v.while_.n_orelse);
        return;
    }
    int loop = new_label(c), end = new_label(c), anchor = new_label(c);
    bind(c, loop);
    if (!push_fblock(c, s, FB_WHILE, loop, end))
        return;
    if (constant == -1)
        jump_if(c, s->v.while_.test, anchor, false);
    stmts(c, s->v.while_.body, s->v.while_.n_body);
    c->u->lineno = s->lineno;
    emit_jump(c, JUMP, loop);
    bind(c, anchor);
    pop_fblock(c);
    stmts(c, s->v.while_.orelse, s->v.while_.n_orelse);
    bind(c, end);
}

/* for target in iter: body [else: orelse].  The back edge is a step on
 * the `for` line. */
static void compile_for(C *c, const AstStmt *s)
{
    int start = new_label(c), cleanup = new_label(c), end = new_label(c), cont = new_label(c);
    iter_expr(c, s->v.for_.iter);
    Span span = c->u->span;
    if (c->prof->get_iter_at_iterable)
        c->u->span = SPAN_OF(s->v.for_.iter);
    emit(c, GET_ITER, 0);
    c->u->span = span;
    bind(c, start);
    emit_jump(c, FOR_ITER, cleanup);
    expr(c, s->v.for_.target);
    if (!push_fblock(c, s, FB_FOR, cont, end))
        return;
    stmts(c, s->v.for_.body, s->v.for_.n_body);
    pop_fblock(c);
    bind(c, cont);
    c->u->lineno = s->lineno;
    mark_start(c);
    emit_jump(c, JUMP, start);
    bind(c, cleanup);
    stmts(c, s->v.for_.orelse, s->v.for_.n_orelse);
    bind(c, end);
}

/* `n = None; del n` after an `except ... as n` handler. */
static void clear_handler_name(C *c, const char *name)
{
    load_const(c, c->h->none);
    nameop(c, name, AST_STORE);
    nameop(c, name, AST_DEL);
}

/* try: ... except ...: ... [else: ...] (see the protocol at the top). */
static void try_except(C *c, const AstStmt *s)
{
    const AstTry *t = &s->v.try_;
    int handler = new_label(c), cleanup = new_label(c), end = new_label(c);
    bool else_last = c->prof->try_else_after_handlers;
    int orelse = else_last ? new_label(c) : end;
    emit_jump(c, SETUP_FINALLY, handler);
    if (!push_fblock(c, s, FB_TRY_EXCEPT, -1, -1))
        return;
    stmts(c, t->body, t->n_body);
    pop_fblock(c);
    emit(c, POP_BLOCK, 0);
    if (!else_last)
        stmts(c, t->orelse, t->n_orelse);
    emit_jump(c, JUMP, orelse);
    Unit *u = c->u;
    u->lineno = t->n_handlers ? t->handlers[0]->lineno : s->lineno;
    mark_start(c);
    bind(c, handler);
    emit_jump(c, SETUP_FINALLY, cleanup);
    emit(c, PUSH_EXC_INFO, 0);
    if (!push_fblock(c, s, FB_EXCEPTION_HANDLER, -1, -1))
        return;
    for (size_t i = 0; i < t->n_handlers; i++) {
        const AstExceptHandler *hd = t->handlers[i];
        int next = new_label(c);
        u->lineno = hd->lineno;
        if (i > 0)
            mark_start(c);
        if (hd->type) {
            expr(c, hd->type);
            emit_jump(c, JUMP_IF_NOT_EXC_MATCH, next);
        }
        if (hd->name) {
            int nclean = new_label(c);
            nameop(c, hd->name, AST_STORE);
            emit_jump(c, SETUP_FINALLY, nclean);
            if (!push_fblock(c, s, FB_HANDLER_CLEANUP, -1, -1))
                return;
            u->fblocks[u->nfblocks - 1].name = hd->name;
            stmts(c, hd->body, hd->n_body);
            pop_fblock(c);
            u->lineno = hd->lineno;
            emit(c, POP_BLOCK, 0);
            emit(c, POP_BLOCK, 0);
            emit(c, POP_EXCEPT, 0);
            clear_handler_name(c, hd->name);
            emit_jump(c, JUMP, end);
            bind(c, nclean);
            clear_handler_name(c, hd->name);
            emit(c, RERAISE, 0);
        } else {
            emit(c, POP_TOP, 0);
            if (!push_fblock(c, s, FB_HANDLER_CLEANUP, -1, -1))
                return;
            stmts(c, hd->body, hd->n_body);
            pop_fblock(c);
            u->lineno = hd->lineno;
            emit(c, POP_BLOCK, 0);
            emit(c, POP_EXCEPT, 0);
            emit_jump(c, JUMP, end);
        }
        bind(c, next);
    }
    pop_fblock(c);
    emit(c, RERAISE, 0);
    bind(c, cleanup);
    emit(c, ROT_TWO, 0);
    emit(c, POP_EXCEPT, 0);
    emit(c, RERAISE, 0);
    if (else_last) {
        bind(c, orelse);
        stmts(c, t->orelse, t->n_orelse);
    }
    bind(c, end);
}

/* The exception path of try/finally: HANDLER runs the finally body with
 * the exception handled, then re-raises it. */
static void finally_handler(C *c, const AstStmt *s, int handler)
{
    const AstTry *t = &s->v.try_;
    Unit *u = c->u;
    int cleanup = new_label(c);
    u->lineno = t->finalbody[0]->lineno;
    mark_start(c);
    bind(c, handler);
    emit_jump(c, SETUP_FINALLY, cleanup);
    emit(c, PUSH_EXC_INFO, 0);
    if (!push_fblock(c, s, FB_FINALLY_END, -1, -1))
        return;
    stmts(c, t->finalbody, t->n_finalbody);
    pop_fblock(c);
    emit(c, RERAISE, 0);
    bind(c, cleanup);
    emit(c, ROT_TWO, 0);
    emit(c, POP_EXCEPT, 0);
    emit(c, RERAISE, 0);
}

/* try: ... [except ...] finally: ...  3.8 compiled the finally body
 * first: its exception path then goes to the cold section, so names and
 * constants keep 3.8's order. */
static void try_finally(C *c, const AstStmt *s)
{
    const AstTry *t = &s->v.try_;
    int handler = new_label(c), exit_ = new_label(c);
    Unit *u = c->u;
    bool first = c->prof->finally_first && !u->in_cold;
    if (first) {
        int saved = u->lineno, pending = u->pending_start;
        u->pending_start = 0;
        u->in_cold = 1;
        finally_handler(c, s, handler);
        u->in_cold = 0;
        u->lineno = saved;
        u->pending_start = pending;
    }
    emit_jump(c, SETUP_FINALLY, handler);
    if (!push_fblock(c, s, FB_FINALLY_TRY, -1, -1))
        return;
    u->fblocks[u->nfblocks - 1].body = t->finalbody;
    u->fblocks[u->nfblocks - 1].nbody = t->n_finalbody;
    if (t->n_handlers)
        try_except(c, s);
    else
        stmts(c, t->body, t->n_body);
    pop_fblock(c);
    emit(c, POP_BLOCK, 0);
    stmts(c, t->finalbody, t->n_finalbody);
    emit_jump(c, JUMP, exit_);
    if (!first)
        finally_handler(c, s, handler);
    bind(c, exit_);
}

/* raise [exc [from cause]]. */
static void compile_raise(C *c, const AstStmt *s)
{
    int n = 0;
    if (s->v.raise.exc) {
        expr(c, s->v.raise.exc);
        n = 1;
        if (s->v.raise.cause) {
            expr(c, s->v.raise.cause);
            n = 2;
        }
    }
    emit(c, RAISE_VARARGS, n);
}

/* assert test[, msg]. */
static void compile_assert(C *c, const AstStmt *s)
{
    const AstExpr *test = s->v.assert_.test;
    if (test->kind == AST_TUPLE && test->v.tuple.n_elts > 0 && !folded(c, test))
        warn(c, s->lineno, "assertion is always true, perhaps remove parentheses?");
    int end = new_label(c);
    jump_if(c, test, end, true);
    if (c->prof->assert_loads_global)
        emit(c, LOAD_GLOBAL, strlist_add(&c->u->names, "AssertionError"));
    else
        emit(c, LOAD_ASSERTION_ERROR, 0);
    if (s->v.assert_.msg) {
        expr(c, s->v.assert_.msg);
        emit(c, CALL, 1);
    }
    Span span = c->u->span;
    if (c->prof->assert_raise_at_test)
        c->u->span = SPAN_OF(test);
    emit(c, RAISE_VARARGS, 1);
    c->u->span = span;
    bind(c, end);
}

/* import a.b.c [as d] (compiler_import, compiler_import_as). */
static void compile_import(C *c, const AstStmt *s)
{
    for (size_t i = 0; i < s->v.import.n_names; i++) {
        const AstAlias *a = s->v.import.names[i];
        pin_const(c, int_from_i64(c->h, 0));
        pin_const(c, heap_newref(c->h, c->h->none));
        emit_name(c, IMPORT_NAME, a->name);
        const char *dot = strchr(a->name, '.');
        if (!a->asname) {
            const char *store = a->name;
            if (dot) {
                char *first = xstrndup(a->name, (size_t)(dot - a->name));
                store = symtable_strdup(c->st, first);
                free(first);
            }
            nameop(c, store, AST_STORE);
            continue;
        }
        if (dot) {
            const char *p = dot + 1;
            for (;;) {
                const char *q = strchr(p, '.');
                char *attr = q ? xstrndup(p, (size_t)(q - p)) : xstrdup(p);
                emit_name(c, IMPORT_FROM, symtable_strdup(c->st, attr));
                free(attr);
                if (!q)
                    break;
                emit(c, ROT_TWO, 0);
                emit(c, POP_TOP, 0);
                p = q + 1;
            }
            nameop(c, a->asname, AST_STORE);
            emit(c, POP_TOP, 0);
        } else {
            nameop(c, a->asname, AST_STORE);
        }
    }
}

/* from module import a [as b], ... */
static void compile_import_from(C *c, const AstStmt *s)
{
    if (s->v.import_from.level > 0) {
        unsupported(c, "relative imports");
        return;
    }
    if (s->v.import_from.n_names && strcmp(s->v.import_from.names[0]->name, "*") == 0) {
        unsupported(c, "'from ... import *'");
        return;
    }
    size_t nnames = s->v.import_from.n_names;
    Ref fromlist = tuple_new(c->h, nnames);
    for (size_t i = 0; i < nnames; i++)
        tuple_set_item(c->h, fromlist, i, ident_const(c, s->v.import_from.names[i]->name));
    pin_const(c, int_from_i64(c->h, 0));
    pin_const(c, fromlist);
    emit_name(c, IMPORT_NAME, s->v.import_from.module ? s->v.import_from.module : "");
    for (size_t i = 0; i < s->v.import_from.n_names; i++) {
        const AstAlias *a = s->v.import_from.names[i];
        emit_name(c, IMPORT_FROM, a->name);
        nameop(c, a->asname ? a->asname : a->name, AST_STORE);
    }
    emit(c, POP_TOP, 0);
}

/* The elements of a list/tuple display without starred items, or NULL. */
static AstExpr *const *plain_elts(const AstExpr *e, size_t *n)
{
    AstExpr *const *elts = NULL;
    if (e->kind == AST_TUPLE) {
        elts = e->v.tuple.elts;
        *n = e->v.tuple.n_elts;
    } else if (e->kind == AST_LIST) {
        elts = e->v.list.elts;
        *n = e->v.list.n_elts;
    } else {
        return NULL;
    }
    for (size_t i = 0; i < *n; i++)
        if (elts[i]->kind == AST_STARRED)
            return NULL;
    return elts;
}

/* target = value: the 3.8 peephole / 3.12 flowgraph turn BUILD_TUPLE n;
 * UNPACK_SEQUENCE n (n <= 3) into rotations: `a, b = b, a` builds no
 * tuple. */
static bool swap_assign(C *c, const AstStmt *s)
{
    size_t nv = 0, nt = 0;
    const AstExpr *value = s->v.assign.value, *target = s->v.assign.targets[0];
    if (s->v.assign.n_targets != 1 || folded(c, value))
        return false;
    AstExpr *const *ve = plain_elts(value, &nv), *const *te = plain_elts(target, &nt);
    if (!ve || !te || nv != nt || nv > 3)
        return false;
    if (value->kind == AST_LIST && c->prof->list_literal_extend && nv > 2 && all_const(c, ve, nv))
        return false;
    if (is_big(c, nv))
        return false;
    for (size_t i = 0; i < nv; i++)
        expr(c, ve[i]);
    if (nv == 2) {
        emit(c, ROT_TWO, 0);
    } else if (nv == 3) {
        emit(c, ROT_THREE, 0);
        emit(c, ROT_TWO, 0);
    }
    for (size_t i = 0; i < nt; i++)
        expr(c, te[i]);
    return true;
}

/* a = b = value. */
static void compile_assign(C *c, const AstStmt *s)
{
    if (swap_assign(c, s))
        return;
    expr(c, s->v.assign.value);
    for (size_t i = 0; i < s->v.assign.n_targets; i++) {
        if (i + 1 < s->v.assign.n_targets)
            emit(c, DUP_TOP, 0);
        expr(c, s->v.assign.targets[i]);
    }
}

/* target op= value (compiler_augassign). */
static void compile_augassign(C *c, const AstStmt *s)
{
    const AstExpr *t = s->v.aug_assign.target;
    int op = binop_of(s->v.aug_assign.op);
    switch (t->kind) {
    case AST_ATTRIBUTE:
        expr(c, t->v.attribute.value);
        emit(c, DUP_TOP, 0);
        emit_name(c, LOAD_ATTR, t->v.attribute.attr);
        expr(c, s->v.aug_assign.value);
        emit(c, INPLACE_OP, op);
        emit(c, ROT_TWO, 0);
        emit_name(c, STORE_ATTR, t->v.attribute.attr);
        break;
    case AST_SUBSCRIPT:
        expr(c, t->v.subscript.value);
        expr(c, t->v.subscript.slice);
        emit(c, DUP_TOP_TWO, 0);
        emit(c, BINARY_SUBSCR, 0);
        expr(c, s->v.aug_assign.value);
        emit(c, INPLACE_OP, op);
        emit(c, ROT_THREE, 0);
        emit(c, STORE_SUBSCR, 0);
        break;
    case AST_NAME:
        nameop(c, t->v.name.id, AST_LOAD);
        expr(c, s->v.aug_assign.value);
        emit(c, INPLACE_OP, op);
        nameop(c, t->v.name.id, AST_STORE);
        break;
    default:
        unsupported(c, "this augmented assignment target");
        break;
    }
}

/* An expression statement (PRINT_EXPR at the interactive top level). */
static void compile_expr_stmt(C *c, const AstStmt *s)
{
    const AstExpr *v = s->v.expr.value;
    if (c->interactive && c->u->kind == U_MODULE) {
        expr(c, v);
        emit(c, PRINT_EXPR, 0);
        return;
    }
    if (folded(c, v)) {
        emit(c, NOP, 0);
        return;
    }
    expr(c, v);
    emit(c, POP_TOP, 0);
}

/* Compile statement S. */
static void stmt(C *c, const AstStmt *s)
{
    if (c->failed)
        return;
    Unit *u = c->u;
    u->lineno = s->lineno;
    u->span = SPAN_OF(s);
    if (last_line(u) != s->lineno)
        mark_start(c);
    switch (s->kind) {
    case AST_FUNCTION_DEF: compile_function(c, s); break;
    case AST_CLASS_DEF: compile_class(c, s); break;
    case AST_RETURN: compile_return(c, s); break;
    case AST_DELETE:
        for (size_t i = 0; i < s->v.delete_.n_targets; i++)
            expr(c, s->v.delete_.targets[i]);
        break;
    case AST_ASSIGN: compile_assign(c, s); break;
    case AST_AUG_ASSIGN: compile_augassign(c, s); break;
    case AST_ANN_ASSIGN:
        /* annotations are not evaluated; `x: int = 1` assigns */
        if (s->v.ann_assign.value) {
            expr(c, s->v.ann_assign.value);
            expr(c, s->v.ann_assign.target);
        }
        break;
    case AST_FOR: compile_for(c, s); break;
    case AST_WHILE: compile_while(c, s); break;
    case AST_IF: compile_if(c, s); break;
    case AST_RAISE: compile_raise(c, s); break;
    case AST_TRY:
        if (s->v.try_.n_finalbody)
            try_finally(c, s);
        else
            try_except(c, s);
        break;
    case AST_ASSERT: compile_assert(c, s); break;
    case AST_IMPORT: compile_import(c, s); break;
    case AST_IMPORT_FROM: compile_import_from(c, s); break;
    case AST_GLOBAL:
    case AST_NONLOCAL:
        break;
    case AST_EXPR: compile_expr_stmt(c, s); break;
    case AST_PASS: emit(c, NOP, 0); break;
    case AST_BREAK: compile_break(c, s, true); break;
    case AST_CONTINUE: compile_break(c, s, false); break;
    case AST_WITH: unsupported(c, "the 'with' statement"); break;
    case AST_ASYNC_WITH: unsupported(c, "the 'async with' statement"); break;
    case AST_ASYNC_FOR: unsupported(c, "the 'async for' statement"); break;
    case AST_ASYNC_FUNCTION_DEF: compile_function(c, s); break;
    case AST_TRY_STAR: unsupported(c, "'except*'"); break;
    }
}

/* Compile N statements. */
static void stmts(C *c, AstStmt *const *ss, size_t n)
{
    for (size_t i = 0; i < n && !c->failed; i++)
        stmt(c, ss[i]);
}

/* ------------------------------------------------------------------ */
/* Assembly                                                            */
/* ------------------------------------------------------------------ */

/* Is some label bound at main-section position POS? */
static bool label_at(const Unit *u, size_t pos)
{
    for (size_t i = 0; i < u->nlabels; i++)
        if (!u->labels[i].cold && u->labels[i].pos == (int)pos)
            return true;
    return false;
}

/* Delete main instructions [FROM, FROM + N), moving labels after them. */
static void delete_instrs(Unit *u, size_t from, size_t n)
{
    memmove(u->main.v + from, u->main.v + from + n,
            sizeof(CInstr) * (u->main.n - from - n));
    u->main.n -= n;
    for (size_t i = 0; i < u->nlabels; i++)
        if (!u->labels[i].cold && u->labels[i].pos > (int)from)
            u->labels[i].pos -= (int)n;
}

/* fold_tuple_on_constants (peephole / flowgraph): LOAD_CONST x n;
 * BUILD_TUPLE n in one basic block becomes LOAD_CONST of the tuple, which
 * joins co_consts after the constants already there. */
static void fold_const_tuples(C *c)
{
    Unit *u = c->u;
    for (size_t i = 0; i < u->main.n; i++) {
        CInstr *in = &u->main.v[i];
        size_t n = (size_t)in->arg;
        if (in->op != BUILD_TUPLE || in->nofold)
            continue;
        if (n == 0) {
            if (c->prof->fold_empty_tuple) {
                in->op = LOAD_CONST;
                in->arg = add_const(c, heap_newref(c->h, c->h->empty_tuple));
            }
            continue;
        }
        if (i < n)
            continue;
        size_t first = i - n;
        bool ok = true;
        for (size_t k = first; k < i && ok; k++)
            ok = u->main.v[k].op == LOAD_CONST && (k == first || !label_at(u, k));
        if (!ok || label_at(u, i))
            continue;
        Ref t = tuple_new(c->h, n);
        for (size_t k = 0; k < n; k++)
            tuple_set_item(c->h, t, k, heap_newref(c->h, u->consts[u->main.v[first + k].arg]));
        u->main.v[first].arg = add_const(c, t);
        delete_instrs(u, first + 1, n);
        i = first;
    }
}

/* Does OP take a jump target? */
static bool has_target(int op);
static bool is_terminator(int op);

/* Instruction I of the unit's concatenated sections. */
static CInstr *instr_at(Unit *u, size_t i)
{
    return i < u->main.n ? &u->main.v[i] : &u->cold.v[i - u->main.n];
}

/* The index (in the concatenation) a jump-like instruction goes to. */
static size_t target_of(const Unit *u, const CInstr *in)
{
    const Label *l = &u->labels[in->arg];
    return l->cold ? u->main.n + (size_t)l->pos : (size_t)l->pos;
}

/* For a conditional jump right after LOAD_CONST k: 1 if it always jumps,
 * 0 if it never does, -1 when not decided at compile time (3.12's
 * flowgraph folds these). */
static int const_jump(C *c, size_t i)
{
    Unit *u = c->u;
    CInstr *in = instr_at(u, i);
    if (i == 0 || i == u->main.n || label_at(u, i) || instr_at(u, i - 1)->op != LOAD_CONST)
        return -1;
    bool if_true;
    switch (in->op) {
    case POP_JUMP_IF_TRUE: case JUMP_IF_TRUE_OR_POP: if_true = true; break;
    case POP_JUMP_IF_FALSE: case JUMP_IF_FALSE_OR_POP: if_true = false; break;
    default: return -1;
    }
    int t = obj_truth(c->h, u->consts[instr_at(u, i - 1)->arg]);
    if (t < 0) {
        heap_clear_exc(c->h);
        return -1;
    }
    return (t != 0) == if_true;
}

/* Mark the instructions reachable from the entry (handlers included). */
static bool *reachable(C *c)
{
    Unit *u = c->u;
    size_t n = u->main.n + u->cold.n;
    bool *seen = xcalloc(n + 1, sizeof(bool));
    size_t *work = xmalloc(sizeof(size_t) * (n + 1));
    size_t nwork = 0;
    if (n) {
        seen[0] = true;
        work[nwork++] = 0;
    }
    while (nwork) {
        for (size_t i = work[--nwork]; i < n; i++) {
            CInstr *in = instr_at(u, i);
            int cj = has_target(in->op) ? const_jump(c, i) : -1;
            if (has_target(in->op) && cj != 0) {
                size_t t = target_of(u, in);
                if (t < n && !seen[t]) {
                    seen[t] = true;
                    work[nwork++] = t;
                }
            }
            /* code after UNSUPPORTED counts: CPython would run it */
            if ((is_terminator(in->op) && in->op != UNSUPPORTED) || cj == 1 || i + 1 >= n
                || seen[i + 1])
                break;
            seen[i + 1] = true;
        }
    }
    free(work);
    return seen;
}

/* remove_unused_consts (3.12+): drop constants no reachable instruction
 * loads; the first one (docstring or None) and the pinned ones stay.  A
 * constant test (LOAD_CONST k; POP_JUMP_IF_x) is folded first, as 3.12's
 * flowgraph does: the pair becomes NOP; JUMP (or NOP; NOP). */
static void remove_unused_consts(C *c)
{
    Unit *u = c->u;
    if (u->nconsts <= 1)
        return;
    size_t n = u->main.n + u->cold.n;
    bool *live = reachable(c);
    for (size_t i = 1; i < n; i++) {
        CInstr *in = instr_at(u, i);
        if ((in->op != POP_JUMP_IF_FALSE && in->op != POP_JUMP_IF_TRUE) || !live[i])
            continue;
        int cj = const_jump(c, i);
        if (cj < 0)
            continue;
        CInstr *load = instr_at(u, i - 1);
        load->op = NOP;
        load->arg = 0;
        if (cj) {
            in->op = JUMP;
        } else {
            in->op = NOP;
            in->arg = 0;
            in->jump = 0;
        }
    }
    int *map = xmalloc(sizeof(int) * u->nconsts);
    for (size_t i = 0; i < u->nconsts; i++)
        map[i] = i == 0 ? 0 : -1;
    for (size_t i = 0; i < n; i++) {
        CInstr *in = instr_at(u, i);
        if (live[i] && (in->op == LOAD_CONST || in->op == UNSUPPORTED))
            map[in->arg] = 0;
    }
    for (size_t i = 0; i < u->npinned; i++)
        map[u->pinned[i]] = 0;
    size_t kept = 0;
    for (size_t i = 0; i < u->nconsts; i++)
        if (map[i] == 0) {
            u->consts[kept] = u->consts[i];
            map[i] = (int)kept++;
        }
    u->nconsts = kept;
    for (size_t i = 0; i < n; i++) {
        CInstr *in = instr_at(u, i);
        if (in->op == LOAD_CONST || in->op == UNSUPPORTED)
            in->arg = map[in->arg] < 0 ? 0 : map[in->arg];   /* dead code keeps its shape */
    }
    for (size_t i = 0; i < u->npinned; i++)
        u->pinned[i] = map[u->pinned[i]];
    free(map);
    free(live);
}

/* Does OP take a jump target? */
static bool has_target(int op)
{
    switch (op) {
    case JUMP: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE:
    case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: case FOR_ITER:
    case SETUP_FINALLY: case JUMP_IF_NOT_EXC_MATCH:
        return true;
    default:
        return false;
    }
}

/* Does control never fall through OP? */
static bool is_terminator(int op)
{
    return op == JUMP || op == RETURN_VALUE || op == RERAISE || op == RAISE_VARARGS
        || op == UNSUPPORTED;
}

/* Number of bits set in the low bits of X. */
static int popcount(int x)
{
    int n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

/* Stack effect of OP ARG; JUMP selects the effect when the jump is taken. */
static int stack_effect(int op, int arg, bool jump)
{
    switch (op) {
    case NOP: case ROT_TWO: case ROT_THREE: case ROT_FOUR: case SWAP:
    case DELETE_NAME: case DELETE_GLOBAL: case DELETE_FAST: case DELETE_DEREF:
    case LOAD_ATTR: case UNARY_OP: case LIST_TO_TUPLE: case GET_ITER:
    case POP_BLOCK: case SETUP_ANNOTATIONS: case UNSUPPORTED: case MAKE_CELL:
    case JUMP:
        return 0;
    case POP_TOP: case STORE_NAME: case STORE_GLOBAL: case STORE_FAST:
    case STORE_DEREF: case DELETE_ATTR: case BINARY_OP: case INPLACE_OP:
    case COMPARE_OP: case IS_OP: case CONTAINS_OP: case BINARY_SUBSCR:
    case LIST_APPEND: case SET_ADD: case LIST_EXTEND: case SET_UPDATE:
    case DICT_UPDATE: case DICT_MERGE: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE:
    case RETURN_VALUE: case POP_EXCEPT: case JUMP_IF_NOT_EXC_MATCH: case RERAISE:
    case PRINT_EXPR:
        return -1;
    case DUP_TOP: case LOAD_CONST: case LOAD_NAME: case LOAD_GLOBAL: case LOAD_FAST:
    case LOAD_DEREF: case LOAD_CLOSURE: case LOAD_CLASSDEREF: case LOAD_METHOD:
    case PUSH_EXC_INFO: case LOAD_ASSERTION_ERROR: case IMPORT_NAME: case IMPORT_FROM:
    case LOAD_FAST_AND_CLEAR:
        return 1;
    case DUP_TOP_TWO: return 2;
    case STORE_ATTR: case MAP_ADD: case DELETE_SUBSCR: case MAKE_CLASS: return -2;
    case STORE_SUBSCR: return -3;
    case CALL_METHOD: case CALL_KW: return -(arg + 1);
    case CALL: return -arg;
    case CALL_EX: return -1 - (arg & 1);
    case BUILD_SLICE: return 1 - arg;
    case BUILD_TUPLE: case BUILD_LIST: case BUILD_SET: case BUILD_STRING: return 1 - arg;
    case BUILD_MAP: return 1 - 2 * arg;
    case BUILD_CONST_KEY_MAP: return -arg;
    case FORMAT_VALUE: return (arg & 4) ? -1 : 0;
    case UNPACK_SEQUENCE: return arg - 1;
    case UNPACK_EX: return (arg & 0xff) + (arg >> 8);
    case JUMP_IF_FALSE_OR_POP: case JUMP_IF_TRUE_OR_POP: return jump ? 0 : -1;
    case FOR_ITER: return jump ? -1 : 1;
    case SETUP_FINALLY: return jump ? 1 : 0;
    case MAKE_FUNCTION: return -1 - popcount(arg & 0xb);
    case MAKE_FUNCTION_NOQN: return -popcount(arg & 0xb);
    case RAISE_VARARGS: return -arg;
    default: return 0;
    }
}

/* The maximum stack depth of N instructions (CPython's stackdepth()). */
static int stack_depth(const Instr *code, size_t n)
{
    if (!n)
        return 0;
    int *depth = xmalloc(sizeof(int) * n);
    size_t *work = xmalloc(sizeof(size_t) * (n + 1));
    for (size_t i = 0; i < n; i++)
        depth[i] = -1;
    size_t nwork = 0;
    int maxd = 0;
    depth[0] = 0;
    work[nwork++] = 0;
    while (nwork) {
        size_t pc = work[--nwork];
        int d = depth[pc];
        for (; pc < n; pc++) {
            const Instr *in = &code[pc];
            if (has_target(in->op)) {
                int td = d + stack_effect(in->op, in->arg, true);
                if (td > maxd)
                    maxd = td;
                if (in->arg >= 0 && (size_t)in->arg < n && depth[in->arg] < 0) {
                    depth[in->arg] = td;
                    work[nwork++] = (size_t)in->arg;
                }
            }
            d += stack_effect(in->op, in->arg, false);
            if (d > maxd)
                maxd = d;
            if (is_terminator(in->op) || pc + 1 >= n || depth[pc + 1] >= 0)
                break;
            depth[pc + 1] = d;
        }
    }
    free(depth);
    free(work);
    return maxd;
}

/* cell2arg: for each cellvar, the argument it starts from, or NULL. */
static int *cell_to_arg(const Unit *u)
{
    int *map = NULL;
    size_t nparams = u->ste->nparams;
    for (size_t i = 0; i < u->cellvars.n; i++) {
        int arg = -1;
        for (size_t k = 0; k < nparams; k++)
            if (strcmp(u->ste->params[k], u->cellvars.v[i]) == 0)
                arg = (int)k;
        if (arg >= 0 && !map) {
            map = xmalloc(sizeof(int) * u->cellvars.n);
            for (size_t j = 0; j < u->cellvars.n; j++)
                map[j] = -1;
        }
        if (map)
            map[i] = arg;
    }
    return map;
}

/* Build the code object of the current unit (assemble + makecode). */
static Ref assemble(C *c, Ref qualname)
{
    Unit *u = c->u;
    Heap *h = c->h;
    if (c->failed)
        return 0;
    fold_const_tuples(c);
    if (c->prof->remove_unused_consts)
        remove_unused_consts(c);
    size_t nmain = u->main.n, n = nmain + u->cold.n;
    int nlocals = (int)u->varnames.n;
    Instr *code = xcalloc(n ? n : 1, sizeof(Instr));
    InstrPos *pos = xcalloc(n ? n : 1, sizeof(InstrPos));
    for (size_t i = 0; i < n; i++) {
        const CInstr *in = i < nmain ? &u->main.v[i] : &u->cold.v[i - nmain];
        int arg = in->arg;
        if (in->jump) {
            const Label *l = &u->labels[arg];
            arg = l->cold ? (int)nmain + l->pos : l->pos;
        } else if ((in->op == LOAD_FAST_AND_CLEAR || in->op == STORE_FAST) && (arg & DEREF_SLOT)) {
            arg = nlocals + (arg & ~DEREF_SLOT);
        }
        code[i] = (Instr){in->op, in->ls, 0, arg, in->line};
        /* (a line set without its node's span leaves the span unknown) */
        bool known = in->span.line == in->line;
        pos[i] = (InstrPos){known ? in->span.col : -1, in->span.end_line, in->span.end_col};
    }
    CodeBody *body = xcalloc(1, sizeof *body);
    body->code = code;
    body->pos = pos;
    body->n = n;
    body->nlocals = nlocals;
    body->ncells = (int)u->cellvars.n;
    body->nfrees = (int)u->freevars.n;
    body->stacksize = stack_depth(code, n);
    body->cell2arg = cell_to_arg(u);

    Ref consts = tuple_new(h, u->nconsts);
    for (size_t i = 0; i < u->nconsts; i++)
        tuple_set_item(h, consts, i, heap_newref(h, u->consts[i]));
    consts = heap_newref(h, const_merge(c, consts));
    int firstlineno = u->firstlineno;
    if (u->kind == U_MODULE)
        firstlineno = n && code[0].line > 0 ? code[0].line : 1;
    CodeData d = {
        .consts = consts,
        .names = names_tuple(c, &u->names),
        .varnames = names_tuple(c, &u->varnames),
        .cellvars = names_tuple(c, &u->cellvars),
        .freevars = names_tuple(c, &u->freevars),
        .name = name_obj(c, u->name),
        .qualname = heap_newref(h, qualname),
        .filename = heap_newref(h, c->filename_obj),
        .argcount = u->argcount,
        .kwonlyargcount = u->kwonlyargcount,
        .flags = u->flags,
        .firstlineno = firstlineno,
        .body = body,
        .body_free = codebody_free,
        .body_copy = codebody_copy,
    };
    return code_new(h, &d);
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */
/* ------------------------------------------------------------------ */

/* Convert a 1-based byte column of LINE into a 1-based character column. */
static int char_column(const char *line, size_t len, int col)
{
    if (col <= 0)
        return col;
    int chars = 0;
    for (size_t i = 0; i < len && (int)i < col - 1; i++)
        if (((unsigned char)line[i] & 0xc0) != 0x80)
            chars++;
    return chars + 1;
}

/* Fill ERR's text and character offsets from its source, if known. */
static void locate_error(CompileError *err)
{
    SyntaxErr *e = &err->syntax;
    if (!err->source || e->lineno < 1)
        return;
    const char *p = err->source, *end = err->source + err->source_len;
    for (int l = 1; l < e->lineno && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl)
            return;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = (size_t)((nl ? nl : end) - p);
    if (len && p[len - 1] == '\r')
        len--;
    free(e->text);
    e->text = xstrndup(p, len);
    e->offset = char_column(p, len, e->offset);
    if (e->end_lineno == e->lineno)
        e->end_offset = char_column(p, len, e->end_offset);
}

/* Release the strings a CompileError holds. */
void compile_error_clear(CompileError *err)
{
    syntax_err_clear(&err->syntax);
}

/* Compile module M for the heap's CPython version. */
Ref compile_module(Heap *h, const AstModule *m, const char *filename, CompileMode mode,
                   CompileError *err)
{
    return compile_module_keep(h, m, filename, mode, err, NULL);
}

/* compile_module, handing the parse arena to ARENA. */
Ref compile_module_keep(Heap *h, const AstModule *m, const char *filename, CompileMode mode,
                        CompileError *err, CompileArena *arena)
{
    CompileError dummy = {0};
    if (!err)
        err = &dummy;
    memset(&err->syntax, 0, sizeof err->syntax);
    C c = {0};
    c.h = h;
    c.prof = h->prof;
    c.sprof = syntax_profile_by_name(h->prof->name);
    if (!c.sprof)
        c.sprof = syntax_profile(PARSER_PY312);
    c.err = err;
    c.filename = filename ? filename : "<string>";
    c.interactive = mode == COMPILE_INTERACTIVE;
    /* the parser's warnings come first, naming the input as the tokenizer
     * does: 3.13's "<stdin>-N" code is still "<stdin>" to it */
    if (c.interactive && strncmp(c.filename, "<stdin>-", 8) == 0)
        c.filename = "<stdin>";
    for (size_t i = 0; i < m->n_warnings; i++)
        warn(&c, m->warnings[i].lineno, "%s", m->warnings[i].text);
    c.filename = filename ? filename : "<string>";
    SymOptions opts = {.inline_comprehensions = h->prof->inline_comprehensions,
                       .syntax = c.sprof};
    c.st = symtable_build(m, &opts, &err->syntax);
    if (!c.st) {
        locate_error(err);
        if (err == &dummy)
            compile_error_clear(err);
        return 0;
    }
    walk_stmts(&c, m->body, m->n_body, WALK_PARSE);
    walk_stmts(&c, m->body, m->n_body, WALK_FOLD);
    c.filename_obj = str_from_cstr(h, c.filename);
    Unit *u = unit_push(&c, U_MODULE, symtable_top(c.st), "<module>", 1);
    u->qualname = xstrdup("<module>");
    u->flags = CO_MODULE | (c.interactive ? CO_INTERACTIVE : 0);
    if (m->n_body)
        u->lineno = m->body[0]->lineno;
    if (c.interactive)
        stmts(&c, m->body, m->n_body);
    else
        compile_body(&c, m->body, m->n_body);
    Finished f = finish_unit(&c);
    free(f.freevars.v);
    while (c.u)
        unit_pop(&c);
    fold_free(&c);
    cache_free(&c);
    symtable_free(c.st);
    heap_decref(h, c.filename_obj);
    if (arena && !c.failed)
        *arena = c.arena;
    else
        compile_arena_release(h, &c.arena);
    if (c.failed) {
        heap_decref(h, f.code);
        locate_error(err);
        if (err == &dummy)
            compile_error_clear(err);
        return 0;
    }
    return f.code;
}
