/* Symbol tables: which names a scope binds, and where each name lives.
 *
 * The same two passes as CPython's Python/symtable.c.  The first walks the
 * AST and records raw facts per block (module, function, lambda,
 * comprehension, class): "x is a parameter here", "x is assigned here",
 * "x is used here", "x is declared global".  The second pass decides the
 * scope of every name -- LOCAL, GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE or
 * CELL -- top-down, passing each child the names bound by enclosing
 * *function* scopes (a class body is not visible to its methods) and
 * collecting the names the children use freely, so that a function's local
 * that a nested function reads becomes a CELL.
 *
 * Version differences are options, not version tests: with
 * inline_comprehensions (PEP 709, CPython 3.12+) list, set and dict
 * comprehensions are merged into their enclosing scope after analysis,
 * exactly as 3.12's inline_comprehension() does (their bindings become
 * hidden locals of the parent; names they capture in closures make the
 * parent's slot a cell).  Generator expressions are never inlined.
 *
 * Names are NUL-terminated UTF-8 C strings owned by the AST or by the
 * table's string pool (mangled names, ".0", "__class__"). */
#ifndef HS_SYMTABLE_H
#define HS_SYMTABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/ast.h"
#include "lang/parser_errors.h"

typedef enum SymBlockType { SYM_MODULE, SYM_FUNCTION, SYM_CLASS } SymBlockType;

/* What kind of comprehension a function block is (ste_comprehension). */
typedef enum SymComp { SYMCOMP_NONE, SYMCOMP_LIST, SYMCOMP_SET, SYMCOMP_DICT,
                       SYMCOMP_GENEXP } SymComp;

/* Raw facts about a name in a block (CPython's DEF_* flags). */
enum {
    DEF_GLOBAL = 1,        /* global statement */
    DEF_LOCAL = 2,         /* assignment */
    DEF_PARAM = 4,         /* parameter */
    DEF_NONLOCAL = 8,      /* nonlocal statement */
    DEF_USE = 16,          /* read */
    DEF_FREE_CLASS = 64,   /* free in a method, and also bound in the class */
    DEF_IMPORT = 128,      /* bound by import */
    DEF_ANNOT = 256,       /* annotated */
    DEF_COMP_ITER = 512,   /* comprehension iteration variable */
    DEF_COMP_CELL = 1024,  /* a cell of an inlined comprehension */
};
#define DEF_BOUND (DEF_LOCAL | DEF_PARAM | DEF_IMPORT)

/* Where a name lives (CPython's scope numbering). */
typedef enum SymScope {
    SCOPE_NONE = 0,        /* not a symbol of the block */
    SCOPE_LOCAL = 1,
    SCOPE_GLOBAL_EXPLICIT = 2,
    SCOPE_GLOBAL_IMPLICIT = 3,
    SCOPE_FREE = 4,
    SCOPE_CELL = 5,
} SymScope;

typedef struct Symbol {
    const char *name;      /* mangled */
    int flags;             /* DEF_* */
    SymScope scope;        /* after analysis */
} Symbol;

typedef struct SymDirective {
    const char *name;
    int lineno, col_offset, end_lineno, end_col_offset;
} SymDirective;

typedef struct SymEntry SymEntry;

/* One block (CPython's PySTEntryObject). */
struct SymEntry {
    SymBlockType type;
    const char *name;          /* "top", function or class name, "lambda", "listcomp"... */
    const void *key;           /* the AST node: AstModule, AstStmt (def/class) or AstExpr */
    int lineno, col_offset, end_lineno, end_col_offset;
    Symbol *syms;              /* in order of first appearance */
    size_t nsyms, capsyms;
    int *index;                /* open-addressed name -> syms index + 1 */
    size_t capindex;
    const char **params;       /* ste_varnames: parameters in order */
    size_t nparams, capparams;
    SymEntry **children;       /* nested blocks, in source order (inlined
                                  comprehensions replaced by their children) */
    size_t nchildren, capchildren;
    SymDirective *directives;  /* global/nonlocal statements, for errors */
    size_t ndirectives, capdirectives;
    SymComp comprehension;
    bool nested;               /* inside a function */
    bool free;                 /* has free variables */
    bool child_free;           /* a child has free variables */
    bool generator, coroutine;
    bool varargs, varkeywords;
    bool returns_value;
    bool needs_class_closure;  /* class body: a method uses __class__/super */
    bool comp_inlined;         /* merged into its parent (3.12+) */
    bool comp_iter_target;
    int comp_iter_expr;
};

typedef struct SymOptions {
    bool inline_comprehensions;     /* PEP 709 (3.12+) */
    const SyntaxProfile *syntax;    /* message table and error positions */
} SymOptions;

typedef struct SymTable SymTable;

/* Build and analyze the symbol tables of module M.  NULL with *ERR filled
 * (a SyntaxError with CPython's message and position) on a scope error. */
SymTable *symtable_build(const AstModule *m, const SymOptions *opts, SyntaxErr *err);
/* Release a table. */
void symtable_free(SymTable *st);
/* The module's block. */
SymEntry *symtable_top(const SymTable *st);
/* The block created for AST node KEY (a def/class statement, a lambda or
 * comprehension expression), or NULL. */
SymEntry *symtable_lookup(const SymTable *st, const void *key);
/* The symbol NAME of block E (already mangled), or NULL. */
const Symbol *symentry_get(const SymEntry *e, const char *name);
/* The scope of NAME in E (SCOPE_NONE when E has no such symbol). */
SymScope symentry_scope(const SymEntry *e, const char *name);
/* True for function-like blocks (functions, lambdas, comprehensions). */
bool symentry_is_function(const SymEntry *e);
/* Name mangling (_Py_Mangle): "__x" in class "A" is "_A__x".  Returns NAME
 * itself when no mangling applies, else a string owned by ST's pool. */
const char *symtable_mangle(SymTable *st, const char *private_, const char *name);
/* A copy of S owned by ST's pool. */
const char *symtable_strdup(SymTable *st, const char *s);
/* "LOCAL", "CELL", ... for tests and dumps. */
const char *symscope_name(SymScope s);

#endif
