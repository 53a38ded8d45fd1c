/*
 * ast.h — the abstract syntax tree produced by the parser.
 *
 * The tree mirrors CPython's Parser/Python.asdl (3.12): the same node names,
 * the same fields in the same order, the same meaning.  A reader who knows
 * `ast.dump(ast.parse(src))` can read `ast_dump()` output and this header.
 *
 * Conventions
 *   - Every node of a "sum" type (stmt, expr, excepthandler) is a tagged
 *     struct: `kind` selects the member of the union `v`.  Union member names
 *     are the CPython class names in snake_case (`v.bin_op`, `v.if_`, ...).
 *   - Sequences are a pointer array plus a count, e.g. `AstStmt **body;
 *     size_t n_body`.  An empty sequence is `NULL, 0`.
 *   - Optional children (CPython's `expr?`) are NULL when absent.
 *   - Identifiers and strings are NUL-terminated UTF-8 owned by the module
 *     arena.  String constants also carry their byte length (they may contain
 *     NUL).  Non-ASCII identifiers are kept as written (no NFKC folding).
 *   - Positions: `lineno`/`end_lineno` are 1-based; `col_offset`/
 *     `end_col_offset` are 0-based UTF-8 *byte* offsets into the line, exactly
 *     like CPython's ast (which is what co_positions and tracebacks use).
 *     SyntaxErr offsets, by contrast, are 1-based characters (see parser.h).
 *   - All nodes live in the arena of one AstModule; `ast_module_free()`
 *     releases everything at once.  Nodes are never freed individually.
 *
 * Integer literals are not converted: Constant(int) keeps the digits (no
 * prefix, no underscores) and the base, ready for `mpz_set_str(z, digits,
 * base)`.  Floats and imaginary literals are converted with strtod (correctly
 * rounded, as CPython does).
 */
#ifndef HEAPSCOPE_LANG_AST_H
#define HEAPSCOPE_LANG_AST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct AstExpr AstExpr;
typedef struct AstStmt AstStmt;
typedef struct AstArena AstArena;

/* expr_context */
typedef enum { AST_LOAD, AST_STORE, AST_DEL } AstExprContext;

/* boolop */
typedef enum { AST_AND, AST_OR } AstBoolOp;

/* operator (binary and augmented assignment) */
typedef enum {
    AST_ADD, AST_SUB, AST_MULT, AST_MATMULT, AST_DIV, AST_MOD, AST_POW,
    AST_LSHIFT, AST_RSHIFT, AST_BITOR, AST_BITXOR, AST_BITAND, AST_FLOORDIV
} AstOperator;

/* unaryop */
typedef enum { AST_INVERT, AST_NOT, AST_UADD, AST_USUB } AstUnaryOp;

/* cmpop */
typedef enum {
    AST_EQ, AST_NOTEQ, AST_LT, AST_LTE, AST_GT, AST_GTE,
    AST_IS, AST_ISNOT, AST_IN, AST_NOTIN
} AstCmpOp;

/* The value of a Constant node. */
typedef enum {
    AST_CONST_NONE, AST_CONST_TRUE, AST_CONST_FALSE, AST_CONST_ELLIPSIS,
    AST_CONST_INT,     /* int_digits/int_base */
    AST_CONST_FLOAT,   /* f */
    AST_CONST_COMPLEX, /* imag: the literal `2.5j` is complex(0, 2.5) */
    AST_CONST_STR,     /* str/len: decoded UTF-8 (lone surrogates from \ud800
                          escapes are encoded as 3-byte WTF-8 sequences) */
    AST_CONST_BYTES    /* str/len: raw bytes */
} AstConstKind;

typedef struct {
    AstConstKind kind;
    const char *int_digits; /* AST_CONST_INT: digits only, e.g. "ff" */
    int int_base;           /* AST_CONST_INT: 2, 8, 10 or 16 */
    double f;               /* AST_CONST_FLOAT */
    double imag;            /* AST_CONST_COMPLEX */
    const char *str;        /* AST_CONST_STR / AST_CONST_BYTES, NUL-terminated */
    size_t len;             /* byte length of str (excluding the NUL) */
    bool is_u;              /* CPython's kind='u': literal had a u prefix */
} AstConstant;

/* arg: one parameter of a def or lambda. */
typedef struct {
    const char *arg;
    AstExpr *annotation; /* NULL if none */
    int lineno, col_offset, end_lineno, end_col_offset;
} AstArg;

/* arguments: a parameter list.  defaults align with the *last* entries of
 * posonlyargs+args; kw_defaults has one entry per kwonlyarg (NULL = none). */
typedef struct {
    AstArg **posonlyargs; size_t n_posonlyargs;
    AstArg **args;        size_t n_args;
    AstArg *vararg;       /* *args, NULL if none */
    AstArg **kwonlyargs;  size_t n_kwonlyargs;
    AstExpr **kw_defaults; /* n_kwonlyargs entries, some NULL */
    AstArg *kwarg;        /* **kwargs, NULL if none */
    AstExpr **defaults;   size_t n_defaults;
} AstArguments;

/* keyword: `name=value` in a call or class header; arg NULL for `**value`. */
typedef struct {
    const char *arg;
    AstExpr *value;
    int lineno, col_offset, end_lineno, end_col_offset;
} AstKeyword;

/* alias: `name [as asname]` in an import; name may be dotted or "*". */
typedef struct {
    const char *name;
    const char *asname; /* NULL if none */
    int lineno, col_offset, end_lineno, end_col_offset;
} AstAlias;

/* comprehension: one `[async] for target in iter if cond...` clause. */
typedef struct {
    AstExpr *target;
    AstExpr *iter;
    AstExpr **ifs; size_t n_ifs;
    bool is_async;
} AstComprehension;

/* excepthandler: `except [type [as name]]: body` (the only kind). */
typedef struct {
    AstExpr *type;    /* NULL for a bare except */
    const char *name; /* NULL if no `as` */
    AstStmt **body; size_t n_body;
    int lineno, col_offset, end_lineno, end_col_offset;
} AstExceptHandler;

/* withitem: `context_expr [as optional_vars]`. */
typedef struct {
    AstExpr *context_expr;
    AstExpr *optional_vars; /* NULL if none */
} AstWithItem;

typedef enum {
    AST_BOOL_OP_EXPR, AST_NAMED_EXPR, AST_BIN_OP, AST_UNARY_OP, AST_LAMBDA,
    AST_IF_EXP, AST_DICT, AST_SET, AST_LIST_COMP, AST_SET_COMP, AST_DICT_COMP,
    AST_GENERATOR_EXP, AST_AWAIT, AST_YIELD, AST_YIELD_FROM, AST_COMPARE,
    AST_CALL, AST_FORMATTED_VALUE, AST_JOINED_STR, AST_CONSTANT,
    AST_ATTRIBUTE, AST_SUBSCRIPT, AST_STARRED, AST_NAME, AST_LIST, AST_TUPLE,
    AST_SLICE
} AstExprKind;

/* Sequences of expressions used by several kinds. */
typedef struct { AstExpr **elts; size_t n_elts; AstExprContext ctx; } AstExprSeq;

/* ListComp, SetComp and GeneratorExp: `elt for ... if ...`. */
typedef struct {
    AstExpr *elt;
    AstComprehension **generators; size_t n_generators;
} AstCompExpr;

struct AstExpr {
    AstExprKind kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        struct { AstBoolOp op; AstExpr **values; size_t n_values; } bool_op;
        struct { AstExpr *target; AstExpr *value; } named_expr;
        struct { AstExpr *left; AstOperator op; AstExpr *right; } bin_op;
        struct { AstUnaryOp op; AstExpr *operand; } unary_op;
        struct { AstArguments *args; AstExpr *body; } lambda;
        struct { AstExpr *test; AstExpr *body; AstExpr *orelse; } if_exp;
        /* keys[i] is NULL for a `**values[i]` entry */
        struct { AstExpr **keys; AstExpr **values; size_t n_keys; } dict;
        struct { AstExpr **elts; size_t n_elts; } set;
        AstCompExpr list_comp, set_comp, generator_exp;
        struct {
            AstExpr *key; AstExpr *value;
            AstComprehension **generators; size_t n_generators;
        } dict_comp;
        struct { AstExpr *value; } await;
        struct { AstExpr *value; } yield;      /* value NULL for bare yield */
        struct { AstExpr *value; } yield_from;
        /* left ops[0] comparators[0] ops[1] comparators[1] ... */
        struct {
            AstExpr *left; AstCmpOp *ops; AstExpr **comparators;
            size_t n_comparators;
        } compare;
        struct {
            AstExpr *func;
            AstExpr **args; size_t n_args;
            AstKeyword **keywords; size_t n_keywords;
        } call;
        /* conversion: -1 none, 's' (115), 'r' (114), 'a' (97);
         * format_spec is a JoinedStr or NULL. */
        struct { AstExpr *value; int conversion; AstExpr *format_spec; } formatted_value;
        /* values: Constant(str) and FormattedValue nodes */
        struct { AstExpr **values; size_t n_values; } joined_str;
        AstConstant constant;
        struct { AstExpr *value; const char *attr; AstExprContext ctx; } attribute;
        struct { AstExpr *value; AstExpr *slice; AstExprContext ctx; } subscript;
        struct { AstExpr *value; AstExprContext ctx; } starred;
        struct { const char *id; AstExprContext ctx; } name;
        AstExprSeq list, tuple;
        struct { AstExpr *lower; AstExpr *upper; AstExpr *step; } slice;
    } v;
};

typedef enum {
    AST_FUNCTION_DEF, AST_ASYNC_FUNCTION_DEF, AST_CLASS_DEF, AST_RETURN,
    AST_DELETE, AST_ASSIGN, AST_AUG_ASSIGN, AST_ANN_ASSIGN, AST_FOR,
    AST_ASYNC_FOR, AST_WHILE, AST_IF, AST_WITH, AST_ASYNC_WITH, AST_RAISE,
    AST_TRY, AST_TRY_STAR, AST_ASSERT, AST_IMPORT, AST_IMPORT_FROM,
    AST_GLOBAL, AST_NONLOCAL, AST_EXPR, AST_PASS, AST_BREAK, AST_CONTINUE
} AstStmtKind;

/* FunctionDef and AsyncFunctionDef. */
typedef struct {
    const char *name;
    AstArguments *args;
    AstStmt **body; size_t n_body;
    AstExpr **decorator_list; size_t n_decorator_list;
    AstExpr *returns; /* NULL if no -> annotation */
} AstFunctionDef;

/* For and AsyncFor. */
typedef struct {
    AstExpr *target; AstExpr *iter;
    AstStmt **body; size_t n_body;
    AstStmt **orelse; size_t n_orelse;
} AstFor;

/* With and AsyncWith. */
typedef struct {
    AstWithItem **items; size_t n_items;
    AstStmt **body; size_t n_body;
} AstWith;

/* Try and TryStar. */
typedef struct {
    AstStmt **body; size_t n_body;
    AstExceptHandler **handlers; size_t n_handlers;
    AstStmt **orelse; size_t n_orelse;
    AstStmt **finalbody; size_t n_finalbody;
} AstTry;

struct AstStmt {
    AstStmtKind kind;
    int lineno, col_offset, end_lineno, end_col_offset;
    union {
        AstFunctionDef function_def; /* also AST_ASYNC_FUNCTION_DEF */
        struct {
            const char *name;
            AstExpr **bases; size_t n_bases;
            AstKeyword **keywords; size_t n_keywords;
            AstStmt **body; size_t n_body;
            AstExpr **decorator_list; size_t n_decorator_list;
        } class_def;
        struct { AstExpr *value; } return_;            /* value may be NULL */
        struct { AstExpr **targets; size_t n_targets; } delete_;
        /* a = b = value: targets = [a, b] */
        struct { AstExpr **targets; size_t n_targets; AstExpr *value; } assign;
        struct { AstExpr *target; AstOperator op; AstExpr *value; } aug_assign;
        /* simple is 1 for a bare Name target that was not parenthesized */
        struct { AstExpr *target; AstExpr *annotation; AstExpr *value; int simple; } ann_assign;
        AstFor for_;   /* also AST_ASYNC_FOR */
        struct {
            AstExpr *test;
            AstStmt **body; size_t n_body;
            AstStmt **orelse; size_t n_orelse;
        } while_, if_;  /* elif chains are nested Ifs in orelse, as in CPython */
        AstWith with;  /* also AST_ASYNC_WITH */
        struct { AstExpr *exc; AstExpr *cause; } raise; /* both may be NULL */
        AstTry try_;   /* also AST_TRY_STAR */
        struct { AstExpr *test; AstExpr *msg; } assert_;
        struct { AstAlias **names; size_t n_names; } import;
        struct {
            const char *module; /* NULL for `from . import x` */
            AstAlias **names; size_t n_names;
            int level;          /* number of leading dots */
        } import_from;
        struct { const char **names; size_t n_names; } global, nonlocal;
        struct { AstExpr *value; } expr;
    } v;
};

/* A warning the parser found (3.12+'s invalid escape sequences), which the
 * compiler prints as a SyntaxWarning before its own. */
typedef struct AstWarning {
    int lineno;
    char text[48];
} AstWarning;

/* The root of a parsed file; owns every node through its arena. */
typedef struct {
    AstStmt **body; size_t n_body;
    AstWarning *warnings; size_t n_warnings;
    AstArena *arena;
} AstModule;

/* ---- arena ---------------------------------------------------------- */

AstArena *ast_arena_new(void);
void ast_arena_free(AstArena *arena);
/* Zeroed, suitably aligned memory that lives as long as the arena. */
void *ast_arena_alloc(AstArena *arena, size_t size);
/* Copy of `len` bytes plus a terminating NUL. */
char *ast_arena_strndup(AstArena *arena, const char *s, size_t len);

/* Release a module and every node in it (NULL is fine). */
void ast_module_free(AstModule *mod);

/* ---- names and dumping ---------------------------------------------- */

/* CPython class names: "BinOp", "Assign", "Add", "Lt", "Load", ... */
const char *ast_expr_kind_name(AstExprKind kind);
const char *ast_stmt_kind_name(AstStmtKind kind);
const char *ast_operator_name(AstOperator op);
const char *ast_unary_op_name(AstUnaryOp op);
const char *ast_cmp_op_name(AstCmpOp op);

typedef struct {
    bool include_attributes; /* append lineno=..., col_offset=... like ast.dump */
} AstDumpOptions;

/* Text like Python 3.12's ast.dump(tree) (or with include_attributes=True);
 * `opts` may be NULL.  The caller frees the result with free(). */
char *ast_dump(const AstModule *mod, const AstDumpOptions *opts);
/* The same for one expression (handy in tests). */
char *ast_dump_expr(const AstExpr *e, const AstDumpOptions *opts);

#endif
