/* Symbol tables (CPython's Python/symtable.c, 3.8-3.13).
 *
 * Pass 1 (visit_*) records DEF_* flags per name and block; pass 2
 * (analyze_*) assigns scopes.  The analysis follows CPython's
 * analyze_block() step by step, including the order in which sets are
 * combined, because the order of symbols decides the order of hidden
 * locals pushed by inlined comprehensions (3.12+).
 *
 * Errors are SyntaxErrs with CPython's per-version wording (the parser's
 * message tables in syntax_messages.c) and positions: 3.8 reports a
 * duplicate parameter at the function, later versions at the parameter. */
#include "lang/symtable.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* ---- string pool ---- */

struct SymTable {
    SymEntry *top;
    SymEntry **all;            /* every block, for lookup and freeing */
    size_t nall, capall;
    char **pool;
    size_t npool, cappool;
};

/* A copy of S owned by ST's pool. */
const char *symtable_strdup(SymTable *st, const char *s)
{
    XGROW(st->pool, st->cappool, st->npool + 1);
    char *c = xstrdup(s);
    st->pool[st->npool++] = c;
    return c;
}

/* Name mangling (_Py_Mangle). */
const char *symtable_mangle(SymTable *st, const char *private_, const char *name)
{
    if (!private_ || name[0] != '_' || name[1] != '_')
        return name;
    size_t n = strlen(name);
    if ((n >= 2 && name[n - 1] == '_' && name[n - 2] == '_') || strchr(name, '.'))
        return name;
    while (*private_ == '_')
        private_++;
    if (!*private_)
        return name;
    size_t pn = strlen(private_);
    char *buf = xmalloc(pn + n + 2);
    buf[0] = '_';
    memcpy(buf + 1, private_, pn);
    memcpy(buf + 1 + pn, name, n + 1);
    const char *r = symtable_strdup(st, buf);
    free(buf);
    return r;
}

/* ---- name sets (analysis) ---- */

/* An insertion-ordered set of names with an open-addressed index. */
typedef struct NameSet {
    const char **names;
    size_t n, cap;
    int *index;
    size_t capindex;
} NameSet;

/* FNV-1a hash of a name. */
static uint32_t hashname(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Slot of NAME in an index of CAP entries (holding positions + 1). */
static size_t probe(const int *index, size_t cap, const char *const *names,
                    const char *name, bool *found)
{
    size_t mask = cap - 1, i = hashname(name) & mask;
    while (index[i]) {
        if (strcmp(names[index[i] - 1], name) == 0) {
            *found = true;
            return i;
        }
        i = (i + 1) & mask;
    }
    *found = false;
    return i;
}

/* Rebuild set S's index with room for twice its size. */
static void nameset_reindex(NameSet *s)
{
    size_t cap = 16;
    while (cap < s->n * 2 + 2)
        cap *= 2;
    free(s->index);
    s->index = xcalloc(cap, sizeof(int));
    s->capindex = cap;
    for (size_t k = 0; k < s->n; k++) {
        bool found;
        size_t i = probe(s->index, cap, s->names, s->names[k], &found);
        if (s->names[k])
            s->index[i] = (int)k + 1;
    }
}

/* Is NAME in S? */
static bool ns_has(const NameSet *s, const char *name)
{
    if (!s || !s->n)
        return false;
    bool found;
    probe(s->index, s->capindex, s->names, name, &found);
    return found;
}

/* Add NAME to S. */
static void ns_add(NameSet *s, const char *name)
{
    if (ns_has(s, name))
        return;
    XGROW(s->names, s->cap, s->n + 1);
    s->names[s->n++] = name;
    if (s->n * 2 >= s->capindex)
        nameset_reindex(s);
    else {
        bool found;
        size_t i = probe(s->index, s->capindex, s->names, name, &found);
        s->index[i] = (int)s->n;
    }
}

/* Remove NAME from S (keeps the order of the others); true if present. */
static bool ns_discard(NameSet *s, const char *name)
{
    if (!ns_has(s, name))
        return false;
    size_t j = 0;
    for (size_t k = 0; k < s->n; k++)
        if (strcmp(s->names[k], name) != 0)
            s->names[j++] = s->names[k];
    s->n = j;
    nameset_reindex(s);
    return true;
}

/* S |= O. */
static void ns_update(NameSet *s, const NameSet *o)
{
    for (size_t k = 0; o && k < o->n; k++)
        ns_add(s, o->names[k]);
}

/* A copy of O (O may be NULL: an empty set). */
static NameSet ns_copy(const NameSet *o)
{
    NameSet s = {0};
    ns_update(&s, o);
    return s;
}

/* Release S's memory. */
static void ns_free(NameSet *s)
{
    free(s->names);
    free(s->index);
    *s = (NameSet){0};
}

/* ---- entries ---- */

/* Index of NAME in E's symbols, or -1. */
static int sym_find(const SymEntry *e, const char *name)
{
    if (!e->nsyms)
        return -1;
    size_t mask = e->capindex - 1, i = hashname(name) & mask;
    while (e->index[i]) {
        if (strcmp(e->syms[e->index[i] - 1].name, name) == 0)
            return e->index[i] - 1;
        i = (i + 1) & mask;
    }
    return -1;
}

/* Append symbol NAME with FLAGS to E; returns its index. */
static int sym_append(SymEntry *e, const char *name, int flags)
{
    XGROW(e->syms, e->capsyms, e->nsyms + 1);
    e->syms[e->nsyms++] = (Symbol){name, flags, SCOPE_NONE};
    if (e->nsyms * 2 >= e->capindex) {
        size_t cap = e->capindex ? e->capindex * 2 : 16;
        free(e->index);
        e->index = xcalloc(cap, sizeof(int));
        e->capindex = cap;
        for (size_t k = 0; k < e->nsyms; k++) {
            size_t i = hashname(e->syms[k].name) & (cap - 1);
            while (e->index[i])
                i = (i + 1) & (cap - 1);
            e->index[i] = (int)k + 1;
        }
    } else {
        size_t i = hashname(name) & (e->capindex - 1);
        while (e->index[i])
            i = (i + 1) & (e->capindex - 1);
        e->index[i] = (int)e->nsyms;
    }
    return (int)e->nsyms - 1;
}

/* The symbol NAME of block E, or NULL. */
const Symbol *symentry_get(const SymEntry *e, const char *name)
{
    int i = sym_find(e, name);
    return i < 0 ? NULL : &e->syms[i];
}

/* The scope of NAME in E. */
SymScope symentry_scope(const SymEntry *e, const char *name)
{
    const Symbol *s = symentry_get(e, name);
    return s ? s->scope : SCOPE_NONE;
}

/* True for function-like blocks. */
bool symentry_is_function(const SymEntry *e)
{
    return e->type == SYM_FUNCTION;
}

/* "LOCAL", "CELL", ... */
const char *symscope_name(SymScope s)
{
    static const char *const names[] = {"NONE", "LOCAL", "GLOBAL_EXPLICIT",
                                        "GLOBAL_IMPLICIT", "FREE", "CELL"};
    return (unsigned)s < 6 ? names[s] : "?";
}

/* Free one entry. */
static void entry_free(SymEntry *e)
{
    free(e->syms);
    free(e->index);
    free(e->params);
    free(e->children);
    free(e->directives);
    free(e);
}

/* Release a table. */
void symtable_free(SymTable *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nall; i++)
        entry_free(st->all[i]);
    free(st->all);
    for (size_t i = 0; i < st->npool; i++)
        free(st->pool[i]);
    free(st->pool);
    free(st);
}

/* The module's block. */
SymEntry *symtable_top(const SymTable *st)
{
    return st->top;
}

/* The block created for AST node KEY, or NULL. */
SymEntry *symtable_lookup(const SymTable *st, const void *key)
{
    for (size_t i = 0; i < st->nall; i++)
        if (st->all[i]->key == key)
            return st->all[i];
    return NULL;
}

/* ---- pass 1: collecting facts ---- */

#define MAX_STACK 256

typedef struct Builder {
    SymTable *st;
    const SymOptions *opts;
    SyntaxErr *err;
    bool failed;
    SymEntry *stack[MAX_STACK];
    int depth;
    SymEntry *cur;
    SymEntry *global;          /* the module block (st_global) */
    const char *private_;      /* enclosing class name, for mangling */
} Builder;

/* Versions whose scope errors point at the whole function, not the
 * offending parameter (3.8's symtable_add_def). */
static bool dup_arg_at_function(const SymOptions *o)
{
    static const bool table[PARSER_N_VERSIONS] = {
        [PARSER_PY38] = true, [PARSER_PY311] = false,
        [PARSER_PY312] = false, [PARSER_PY313] = false,
    };
    return o->syntax && table[o->syntax->version];
}

/* Record a SyntaxError KIND about NAME at the given range. */
static bool st_error(Builder *b, SyntaxErrKind kind, const char *name, int lineno,
                     int col, int end_lineno, int end_col)
{
    if (b->failed)
        return false;
    b->failed = true;
    SyntaxErr *e = b->err;
    if (!e)
        return false;
    memset(e, 0, sizeof *e);
    e->kind = kind;
    if (name) {
        strncpy(e->s1, name, sizeof e->s1 - 1);
    }
    e->lineno = lineno;
    e->offset = col + 1;
    bool ends = b->opts->syntax ? b->opts->syntax->end_offsets : true;
    e->end_lineno = ends ? end_lineno : 0;
    e->end_offset = ends ? end_col + 1 : 0;
    if (b->opts->syntax) {
        e->type = b->opts->syntax->messages[kind].type;
        e->msg = syntax_format_message(b->opts->syntax, e);
    } else {
        e->type = SYNTAX_ERROR;
    }
    return false;
}

/* Open a new block NAME of TYPE for AST node KEY. */
static bool enter_block(Builder *b, const char *name, SymBlockType type, const void *key,
                        int lineno, int col, int end_lineno, int end_col)
{
    if (b->depth >= MAX_STACK) {
        b->failed = true;
        if (b->err) {
            memset(b->err, 0, sizeof *b->err);
            b->err->kind = SE_RECURSION;
            b->err->type = RECURSION_ERROR;
            b->err->lineno = lineno;
            b->err->msg = xstrdup("maximum recursion depth exceeded during compilation");
        }
        return false;
    }
    SymEntry *e = xcalloc(1, sizeof *e);
    e->type = type;
    e->name = name;
    e->key = key;
    e->lineno = lineno;
    e->col_offset = col;
    e->end_lineno = end_lineno;
    e->end_col_offset = end_col;
    SymEntry *prev = b->cur;
    if (prev && (prev->nested || prev->type == SYM_FUNCTION))
        e->nested = true;
    if (prev)
        e->comp_iter_expr = prev->comp_iter_expr;
    XGROW(b->st->all, b->st->capall, b->st->nall + 1);
    b->st->all[b->st->nall++] = e;
    if (prev) {
        XGROW(prev->children, prev->capchildren, prev->nchildren + 1);
        prev->children[prev->nchildren++] = e;
    }
    b->stack[b->depth++] = e;
    b->cur = e;
    if (type == SYM_MODULE)
        b->global = e;
    return true;
}

/* Close the current block. */
static void exit_block(Builder *b)
{
    b->depth--;
    b->cur = b->depth ? b->stack[b->depth - 1] : NULL;
}

/* symtable_add_def_helper: add FLAG to NAME in block E. */
static bool add_def_in(Builder *b, const char *name, int flag, SymEntry *e,
                       int lineno, int col, int end_lineno, int end_col)
{
    const char *mangled = symtable_mangle(b->st, b->private_, name);
    int i = sym_find(e, mangled);
    int val;
    if (i >= 0) {
        val = e->syms[i].flags;
        if ((flag & DEF_PARAM) && (val & DEF_PARAM)) {
            if (dup_arg_at_function(b->opts))
                return st_error(b, SE_DUPLICATE_ARGUMENT, name, e->lineno, e->col_offset,
                                e->end_lineno, e->end_col_offset);
            return st_error(b, SE_DUPLICATE_ARGUMENT, name, lineno, col, end_lineno, end_col);
        }
        val |= flag;
    } else {
        val = flag;
    }
    if (e->comp_iter_target)
        val |= DEF_COMP_ITER;
    if (i >= 0)
        e->syms[i].flags = val;
    else
        sym_append(e, mangled, val);
    if (flag & DEF_PARAM) {
        XGROW(e->params, e->capparams, e->nparams + 1);
        e->params[e->nparams++] = mangled;
    } else if (flag & DEF_GLOBAL) {
        int g = sym_find(b->global, mangled);
        if (g >= 0)
            b->global->syms[g].flags |= flag;
        else
            sym_append(b->global, mangled, flag);
    }
    return true;
}

/* Add FLAG to NAME in the current block, located at node fields. */
#define ADD_DEF(b, name, flag, n) \
    add_def_in((b), (name), (flag), (b)->cur, (n)->lineno, (n)->col_offset, \
               (n)->end_lineno, (n)->end_col_offset)

static bool visit_stmt(Builder *b, const AstStmt *s);
static bool visit_expr(Builder *b, const AstExpr *e);

/* Visit N expressions (NULL entries skipped). */
static bool visit_exprs(Builder *b, AstExpr *const *es, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (es[i] && !visit_expr(b, es[i]))
            return false;
    return true;
}

/* Visit N statements. */
static bool visit_stmts(Builder *b, AstStmt *const *ss, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!visit_stmt(b, ss[i]))
            return false;
    return true;
}

/* Record a global/nonlocal statement for error positions. */
static void record_directive(Builder *b, const char *name, const AstStmt *s)
{
    SymEntry *e = b->cur;
    XGROW(e->directives, e->capdirectives, e->ndirectives + 1);
    e->directives[e->ndirectives++] = (SymDirective){
        symtable_mangle(b->st, b->private_, name), s->lineno, s->col_offset,
        s->end_lineno, s->end_col_offset};
}

/* Parameters of a function or lambda, in CPython's order. */
static bool visit_params(Builder *b, const AstArguments *a)
{
    for (size_t i = 0; i < a->n_posonlyargs; i++)
        if (!ADD_DEF(b, a->posonlyargs[i]->arg, DEF_PARAM, a->posonlyargs[i]))
            return false;
    for (size_t i = 0; i < a->n_args; i++)
        if (!ADD_DEF(b, a->args[i]->arg, DEF_PARAM, a->args[i]))
            return false;
    for (size_t i = 0; i < a->n_kwonlyargs; i++)
        if (!ADD_DEF(b, a->kwonlyargs[i]->arg, DEF_PARAM, a->kwonlyargs[i]))
            return false;
    if (a->vararg) {
        if (!ADD_DEF(b, a->vararg->arg, DEF_PARAM, a->vararg))
            return false;
        b->cur->varargs = true;
    }
    if (a->kwarg) {
        if (!ADD_DEF(b, a->kwarg->arg, DEF_PARAM, a->kwarg))
            return false;
        b->cur->varkeywords = true;
    }
    return true;
}

/* Defaults and keyword-only defaults, visited in the enclosing scope. */
static bool visit_defaults(Builder *b, const AstArguments *a)
{
    return visit_exprs(b, a->defaults, a->n_defaults)
        && visit_exprs(b, a->kw_defaults, a->n_kwonlyargs);
}

/* FunctionDef: the name is bound here, the body is a new block. */
static bool visit_funcdef(Builder *b, const AstStmt *s)
{
    const AstFunctionDef *fd = &s->v.function_def;
    if (!ADD_DEF(b, fd->name, DEF_LOCAL, s) || !visit_defaults(b, fd->args)
        || !visit_exprs(b, fd->decorator_list, fd->n_decorator_list))
        return false;
    if (!enter_block(b, fd->name, SYM_FUNCTION, s, s->lineno, s->col_offset,
                     s->end_lineno, s->end_col_offset))
        return false;
    if (s->kind == AST_ASYNC_FUNCTION_DEF)
        b->cur->coroutine = true;
    bool ok = visit_params(b, fd->args) && visit_stmts(b, fd->body, fd->n_body);
    exit_block(b);
    return ok;
}

/* ClassDef: bases and decorators outside, the body is a class block. */
static bool visit_classdef(Builder *b, const AstStmt *s)
{
    if (!ADD_DEF(b, s->v.class_def.name, DEF_LOCAL, s)
        || !visit_exprs(b, s->v.class_def.decorator_list, s->v.class_def.n_decorator_list)
        || !visit_exprs(b, s->v.class_def.bases, s->v.class_def.n_bases))
        return false;
    for (size_t i = 0; i < s->v.class_def.n_keywords; i++)
        if (!visit_expr(b, s->v.class_def.keywords[i]->value))
            return false;
    if (!enter_block(b, s->v.class_def.name, SYM_CLASS, s, s->lineno, s->col_offset,
                     s->end_lineno, s->end_col_offset))
        return false;
    const char *saved = b->private_;
    b->private_ = s->v.class_def.name;
    bool ok = visit_stmts(b, s->v.class_def.body, s->v.class_def.n_body);
    b->private_ = saved;
    exit_block(b);
    return ok;
}

/* global / nonlocal statements. */
static bool visit_declaration(Builder *b, const AstStmt *s, bool global)
{
    const char **names = global ? s->v.global.names : s->v.nonlocal.names;
    size_t n = global ? s->v.global.n_names : s->v.nonlocal.n_names;
    for (size_t i = 0; i < n; i++) {
        const char *mangled = symtable_mangle(b->st, b->private_, names[i]);
        const Symbol *sym = symentry_get(b->cur, mangled);
        int cur = sym ? sym->flags : 0;
        if (cur & (DEF_PARAM | DEF_LOCAL | DEF_USE | DEF_ANNOT)) {
            SyntaxErrKind k;
            if (cur & DEF_PARAM)
                k = global ? SE_PARAM_AND_GLOBAL : SE_PARAM_AND_NONLOCAL;
            else if (cur & DEF_USE)
                k = global ? SE_USED_BEFORE_GLOBAL : SE_USED_BEFORE_NONLOCAL;
            else
                k = global ? SE_ASSIGNED_BEFORE_GLOBAL : SE_ASSIGNED_BEFORE_NONLOCAL;
            return st_error(b, k, names[i], s->lineno, s->col_offset, s->end_lineno,
                            s->end_col_offset);
        }
        if (!ADD_DEF(b, names[i], global ? DEF_GLOBAL : DEF_NONLOCAL, s))
            return false;
        record_directive(b, names[i], s);
    }
    return true;
}

/* import / from-import: bind the (first component of the) name. */
static bool visit_alias(Builder *b, const AstAlias *a)
{
    const char *name = a->asname ? a->asname : a->name;
    if (strcmp(name, "*") == 0)
        return true;
    const char *dot = strchr(name, '.');
    if (dot) {
        char *first = xstrndup(name, (size_t)(dot - name));
        const char *pooled = symtable_strdup(b->st, first);
        free(first);
        name = pooled;
    }
    return ADD_DEF(b, name, DEF_IMPORT, a);
}

/* Statements of the current block. */
static bool visit_stmt(Builder *b, const AstStmt *s)
{
    switch (s->kind) {
    case AST_FUNCTION_DEF:
    case AST_ASYNC_FUNCTION_DEF:
        return visit_funcdef(b, s);
    case AST_CLASS_DEF:
        return visit_classdef(b, s);
    case AST_RETURN:
        if (s->v.return_.value) {
            if (!visit_expr(b, s->v.return_.value))
                return false;
            b->cur->returns_value = true;
        }
        return true;
    case AST_DELETE:
        return visit_exprs(b, s->v.delete_.targets, s->v.delete_.n_targets);
    case AST_ASSIGN:
        return visit_exprs(b, s->v.assign.targets, s->v.assign.n_targets)
            && visit_expr(b, s->v.assign.value);
    case AST_ANN_ASSIGN: {
        /* Annotations are not evaluated by heapscope: only the target. */
        const AstExpr *t = s->v.ann_assign.target;
        if (t->kind == AST_NAME) {
            if (s->v.ann_assign.value && !ADD_DEF(b, t->v.name.id, DEF_LOCAL, t))
                return false;
        } else if (!visit_expr(b, t)) {
            return false;
        }
        return !s->v.ann_assign.value || visit_expr(b, s->v.ann_assign.value);
    }
    case AST_AUG_ASSIGN:
        return visit_expr(b, s->v.aug_assign.target) && visit_expr(b, s->v.aug_assign.value);
    case AST_FOR:
    case AST_ASYNC_FOR:
        return visit_expr(b, s->v.for_.target) && visit_expr(b, s->v.for_.iter)
            && visit_stmts(b, s->v.for_.body, s->v.for_.n_body)
            && visit_stmts(b, s->v.for_.orelse, s->v.for_.n_orelse);
    case AST_WHILE:
        return visit_expr(b, s->v.while_.test)
            && visit_stmts(b, s->v.while_.body, s->v.while_.n_body)
            && visit_stmts(b, s->v.while_.orelse, s->v.while_.n_orelse);
    case AST_IF:
        return visit_expr(b, s->v.if_.test) && visit_stmts(b, s->v.if_.body, s->v.if_.n_body)
            && visit_stmts(b, s->v.if_.orelse, s->v.if_.n_orelse);
    case AST_WITH:
    case AST_ASYNC_WITH:
        for (size_t i = 0; i < s->v.with.n_items; i++) {
            const AstWithItem *it = s->v.with.items[i];
            if (!visit_expr(b, it->context_expr)
                || (it->optional_vars && !visit_expr(b, it->optional_vars)))
                return false;
        }
        return visit_stmts(b, s->v.with.body, s->v.with.n_body);
    case AST_RAISE:
        if (s->v.raise.exc) {
            if (!visit_expr(b, s->v.raise.exc))
                return false;
            if (s->v.raise.cause && !visit_expr(b, s->v.raise.cause))
                return false;
        }
        return true;
    case AST_TRY:
    case AST_TRY_STAR:
        if (!visit_stmts(b, s->v.try_.body, s->v.try_.n_body))
            return false;
        for (size_t i = 0; i < s->v.try_.n_handlers; i++) {
            const AstExceptHandler *hd = s->v.try_.handlers[i];
            if (hd->type && !visit_expr(b, hd->type))
                return false;
            if (hd->name && !ADD_DEF(b, hd->name, DEF_LOCAL, hd))
                return false;
            if (!visit_stmts(b, hd->body, hd->n_body))
                return false;
        }
        return visit_stmts(b, s->v.try_.orelse, s->v.try_.n_orelse)
            && visit_stmts(b, s->v.try_.finalbody, s->v.try_.n_finalbody);
    case AST_ASSERT:
        return visit_expr(b, s->v.assert_.test)
            && (!s->v.assert_.msg || visit_expr(b, s->v.assert_.msg));
    case AST_IMPORT:
        for (size_t i = 0; i < s->v.import.n_names; i++)
            if (!visit_alias(b, s->v.import.names[i]))
                return false;
        return true;
    case AST_IMPORT_FROM:
        for (size_t i = 0; i < s->v.import_from.n_names; i++)
            if (!visit_alias(b, s->v.import_from.names[i]))
                return false;
        return true;
    case AST_GLOBAL:
        return visit_declaration(b, s, true);
    case AST_NONLOCAL:
        return visit_declaration(b, s, false);
    case AST_EXPR:
        return visit_expr(b, s->v.expr.value);
    case AST_PASS:
    case AST_BREAK:
    case AST_CONTINUE:
        return true;
    }
    return true;
}

/* One `for target in iter if ...` clause after the first. */
static bool visit_comprehension(Builder *b, const AstComprehension *lc)
{
    b->cur->comp_iter_target = true;
    bool ok = visit_expr(b, lc->target);
    b->cur->comp_iter_target = false;
    if (!ok)
        return false;
    b->cur->comp_iter_expr++;
    ok = visit_expr(b, lc->iter);
    b->cur->comp_iter_expr--;
    if (lc->is_async)
        b->cur->coroutine = true;
    return ok && visit_exprs(b, lc->ifs, lc->n_ifs);
}

/* A comprehension: the outermost iterable is evaluated outside, the rest
 * is a function block taking it as the implicit parameter ".0". */
static bool visit_comp(Builder *b, const AstExpr *e, const char *name, SymComp kind,
                       AstComprehension *const *gens, size_t ngens,
                       const AstExpr *elt, const AstExpr *value)
{
    const AstComprehension *outermost = gens[0];
    b->cur->comp_iter_expr++;
    bool ok = visit_expr(b, outermost->iter);
    b->cur->comp_iter_expr--;
    if (!ok || !enter_block(b, name, SYM_FUNCTION, e, e->lineno, e->col_offset,
                            e->end_lineno, e->end_col_offset))
        return false;
    SymEntry *ste = b->cur;
    ste->comprehension = kind;
    if (outermost->is_async)
        ste->coroutine = true;
    ok = add_def_in(b, ".0", DEF_PARAM, ste, ste->lineno, ste->col_offset,
                    ste->end_lineno, ste->end_col_offset);
    if (ok) {
        ste->comp_iter_target = true;
        ok = visit_expr(b, outermost->target);
        ste->comp_iter_target = false;
    }
    ok = ok && visit_exprs(b, outermost->ifs, outermost->n_ifs);
    for (size_t i = 1; ok && i < ngens; i++)
        ok = visit_comprehension(b, gens[i]);
    if (ok && value)
        ok = visit_expr(b, value);
    ok = ok && visit_expr(b, elt);
    ste->generator = kind == SYMCOMP_GENEXP;
    exit_block(b);
    return ok;
}

/* Lambda: defaults outside, body in a function block named "lambda". */
static bool visit_lambda(Builder *b, const AstExpr *e)
{
    if (!visit_defaults(b, e->v.lambda.args))
        return false;
    if (!enter_block(b, "lambda", SYM_FUNCTION, e, e->lineno, e->col_offset,
                     e->end_lineno, e->end_col_offset))
        return false;
    bool ok = visit_params(b, e->v.lambda.args) && visit_expr(b, e->v.lambda.body);
    exit_block(b);
    return ok;
}

/* Expressions of the current block. */
static bool visit_expr(Builder *b, const AstExpr *e)
{
    switch (e->kind) {
    case AST_NAMED_EXPR:
        /* Unsupported by the compiler; record the binding in this block. */
        return visit_expr(b, e->v.named_expr.value) && visit_expr(b, e->v.named_expr.target);
    case AST_BOOL_OP_EXPR:
        return visit_exprs(b, e->v.bool_op.values, e->v.bool_op.n_values);
    case AST_BIN_OP:
        return visit_expr(b, e->v.bin_op.left) && visit_expr(b, e->v.bin_op.right);
    case AST_UNARY_OP:
        return visit_expr(b, e->v.unary_op.operand);
    case AST_LAMBDA:
        return visit_lambda(b, e);
    case AST_IF_EXP:
        return visit_expr(b, e->v.if_exp.test) && visit_expr(b, e->v.if_exp.body)
            && visit_expr(b, e->v.if_exp.orelse);
    case AST_DICT:
        return visit_exprs(b, e->v.dict.keys, e->v.dict.n_keys)
            && visit_exprs(b, e->v.dict.values, e->v.dict.n_keys);
    case AST_SET:
        return visit_exprs(b, e->v.set.elts, e->v.set.n_elts);
    case AST_GENERATOR_EXP:
        return visit_comp(b, e, "genexpr", SYMCOMP_GENEXP, e->v.generator_exp.generators,
                          e->v.generator_exp.n_generators, e->v.generator_exp.elt, NULL);
    case AST_LIST_COMP:
        return visit_comp(b, e, "listcomp", SYMCOMP_LIST, e->v.list_comp.generators,
                          e->v.list_comp.n_generators, e->v.list_comp.elt, NULL);
    case AST_SET_COMP:
        return visit_comp(b, e, "setcomp", SYMCOMP_SET, e->v.set_comp.generators,
                          e->v.set_comp.n_generators, e->v.set_comp.elt, NULL);
    case AST_DICT_COMP:
        return visit_comp(b, e, "dictcomp", SYMCOMP_DICT, e->v.dict_comp.generators,
                          e->v.dict_comp.n_generators, e->v.dict_comp.key,
                          e->v.dict_comp.value);
    case AST_YIELD:
        if (e->v.yield.value && !visit_expr(b, e->v.yield.value))
            return false;
        b->cur->generator = true;
        return true;
    case AST_YIELD_FROM:
        if (!visit_expr(b, e->v.yield_from.value))
            return false;
        b->cur->generator = true;
        return true;
    case AST_AWAIT:
        if (!visit_expr(b, e->v.await.value))
            return false;
        b->cur->coroutine = true;
        return true;
    case AST_COMPARE:
        return visit_expr(b, e->v.compare.left)
            && visit_exprs(b, e->v.compare.comparators, e->v.compare.n_comparators);
    case AST_CALL:
        if (!visit_expr(b, e->v.call.func) || !visit_exprs(b, e->v.call.args, e->v.call.n_args))
            return false;
        for (size_t i = 0; i < e->v.call.n_keywords; i++)
            if (!visit_expr(b, e->v.call.keywords[i]->value))
                return false;
        return true;
    case AST_FORMATTED_VALUE:
        return visit_expr(b, e->v.formatted_value.value)
            && (!e->v.formatted_value.format_spec
                || visit_expr(b, e->v.formatted_value.format_spec));
    case AST_JOINED_STR:
        return visit_exprs(b, e->v.joined_str.values, e->v.joined_str.n_values);
    case AST_CONSTANT:
        return true;
    case AST_ATTRIBUTE:
        return visit_expr(b, e->v.attribute.value);
    case AST_SUBSCRIPT:
        return visit_expr(b, e->v.subscript.value) && visit_expr(b, e->v.subscript.slice);
    case AST_STARRED:
        return visit_expr(b, e->v.starred.value);
    case AST_SLICE:
        return (!e->v.slice.lower || visit_expr(b, e->v.slice.lower))
            && (!e->v.slice.upper || visit_expr(b, e->v.slice.upper))
            && (!e->v.slice.step || visit_expr(b, e->v.slice.step));
    case AST_NAME:
        if (!ADD_DEF(b, e->v.name.id, e->v.name.ctx == AST_LOAD ? DEF_USE : DEF_LOCAL, e))
            return false;
        /* super counts as a use of __class__ */
        if (e->v.name.ctx == AST_LOAD && b->cur->type == SYM_FUNCTION
            && strcmp(e->v.name.id, "super") == 0)
            return ADD_DEF(b, "__class__", DEF_USE, e);
        return true;
    case AST_LIST:
        return visit_exprs(b, e->v.list.elts, e->v.list.n_elts);
    case AST_TUPLE:
        return visit_exprs(b, e->v.tuple.elts, e->v.tuple.n_elts);
    }
    return true;
}

/* ---- pass 2: analysis ---- */

/* Where the error of a global/nonlocal directive about NAME points. */
static bool error_at_directive(Builder *b, SymEntry *ste, SyntaxErrKind kind,
                               const char *name)
{
    for (size_t i = 0; i < ste->ndirectives; i++) {
        const SymDirective *d = &ste->directives[i];
        if (strcmp(d->name, name) == 0)
            return st_error(b, kind, name, d->lineno, d->col_offset, d->end_lineno,
                            d->end_col_offset);
    }
    return st_error(b, kind, name, ste->lineno, ste->col_offset, ste->end_lineno,
                    ste->end_col_offset);
}

/* analyze_name: decide the scope of symbol I of STE. */
static bool analyze_name(Builder *b, SymEntry *ste, SymScope *scopes, size_t i,
                         NameSet *bound, NameSet *local, NameSet *free, NameSet *global)
{
    const char *name = ste->syms[i].name;
    int flags = ste->syms[i].flags;
    if (flags & DEF_GLOBAL) {
        if (flags & DEF_NONLOCAL)
            return error_at_directive(b, ste, SE_NONLOCAL_AND_GLOBAL, name);
        scopes[i] = SCOPE_GLOBAL_EXPLICIT;
        ns_add(global, name);
        if (bound)
            ns_discard(bound, name);
        return true;
    }
    if (flags & DEF_NONLOCAL) {
        if (!bound)
            return error_at_directive(b, ste, SE_NONLOCAL_AT_MODULE, name);
        if (!ns_has(bound, name))
            return error_at_directive(b, ste, SE_NONLOCAL_NO_BINDING, name);
        scopes[i] = SCOPE_FREE;
        ste->free = true;
        ns_add(free, name);
        return true;
    }
    if (flags & DEF_BOUND) {
        scopes[i] = SCOPE_LOCAL;
        ns_add(local, name);
        ns_discard(global, name);
        return true;
    }
    if (bound && ns_has(bound, name)) {
        scopes[i] = SCOPE_FREE;
        ste->free = true;
        ns_add(free, name);
        return true;
    }
    if (ste->nested)
        ste->free = true;
    scopes[i] = SCOPE_GLOBAL_IMPLICIT;
    return true;
}

/* Does any child of ENTRY have NAME as a free variable? */
static bool free_in_any_child(const SymEntry *entry, const char *name)
{
    for (size_t i = 0; i < entry->nchildren; i++)
        if (symentry_scope(entry->children[i], name) == SCOPE_FREE)
            return true;
    return false;
}

/* Ensure SCOPES (parallel to STE's symbols) covers every symbol. */
static void grow_scopes(SymScope **scopes, size_t *cap, size_t n)
{
    if (n > *cap) {
        size_t old = *cap;
        *cap = n * 2;
        *scopes = xrealloc(*scopes, sizeof(SymScope) * *cap);
        memset(*scopes + old, 0, sizeof(SymScope) * (*cap - old));
    }
}

/* inline_comprehension (3.12): merge COMP's bindings into STE. */
static void inline_comprehension(SymEntry *ste, SymEntry *comp, SymScope **scopes,
                                 size_t *capscopes, NameSet *comp_free,
                                 NameSet *inlined_cells)
{
    for (size_t i = 0; i < comp->nsyms; i++) {
        const Symbol *sym = &comp->syms[i];
        if (sym->flags & DEF_PARAM)
            continue;                      /* the ".0" parameter */
        SymScope scope = sym->scope;
        int only_flags = sym->flags;
        if (scope == SCOPE_CELL || (only_flags & DEF_COMP_CELL))
            ns_add(inlined_cells, sym->name);
        int k = sym_find(ste, sym->name);
        if (k < 0) {
            k = sym_append(ste, sym->name, only_flags);
            grow_scopes(scopes, capscopes, ste->nsyms);
            (*scopes)[k] = scope;
        } else if ((ste->syms[k].flags & DEF_BOUND) && !free_in_any_child(comp, sym->name)
                   && ste->type != SYM_CLASS) {
            ns_discard(comp_free, sym->name);
        }
    }
}

/* analyze_cells: locals that children use freely become cells. */
static void analyze_cells(SymEntry *ste, SymScope *scopes, NameSet *free,
                          const NameSet *inlined_cells)
{
    for (size_t i = 0; i < ste->nsyms; i++) {
        if (scopes[i] != SCOPE_LOCAL)
            continue;
        const char *name = ste->syms[i].name;
        if (!ns_has(free, name) && !ns_has(inlined_cells, name))
            continue;
        scopes[i] = SCOPE_CELL;
        ns_discard(free, name);
    }
}

/* update_symbols: store scopes and propagate children's free names. */
static void update_symbols(SymEntry *ste, const SymScope *scopes, const NameSet *bound,
                           const NameSet *free, const NameSet *inlined_cells,
                           bool classflag)
{
    for (size_t i = 0; i < ste->nsyms; i++) {
        if (ns_has(inlined_cells, ste->syms[i].name))
            ste->syms[i].flags |= DEF_COMP_CELL;
        ste->syms[i].scope = scopes[i];
    }
    for (size_t k = 0; k < free->n; k++) {
        const char *name = free->names[k];
        int i = sym_find(ste, name);
        if (i >= 0) {
            if (classflag)
                ste->syms[i].flags |= DEF_FREE_CLASS;
            continue;
        }
        if (bound && !ns_has(bound, name))
            continue;                      /* a global */
        i = sym_append(ste, name, 0);
        ste->syms[i].scope = SCOPE_FREE;
    }
}

/* analyze_block (defined below). */
static bool analyze_block(Builder *b, SymEntry *ste, NameSet *bound, NameSet *free,
                          NameSet *global);

/* analyze_child_block: analyze ENTRY with copies of the visible sets. */
static bool analyze_child(Builder *b, SymEntry *entry, const NameSet *bound,
                          const NameSet *free, const NameSet *global, NameSet *child_free)
{
    NameSet tbound = ns_copy(bound), tglobal = ns_copy(global);
    *child_free = ns_copy(free);
    bool ok = analyze_block(b, entry, &tbound, child_free, &tglobal);
    ns_free(&tbound);
    ns_free(&tglobal);
    return ok;
}

/* Replace inlined comprehensions among STE's children by their children. */
static void splice_inlined(SymEntry *ste)
{
    for (size_t i = ste->nchildren; i-- > 0;) {
        SymEntry *c = ste->children[i];
        if (!c->comp_inlined)
            continue;
        size_t n = ste->nchildren - 1 + c->nchildren;
        SymEntry **out = xmalloc(sizeof(SymEntry *) * (n ? n : 1));
        memcpy(out, ste->children, sizeof(SymEntry *) * i);
        if (c->nchildren)
            memcpy(out + i, c->children, sizeof(SymEntry *) * c->nchildren);
        memcpy(out + i + c->nchildren, ste->children + i + 1,
               sizeof(SymEntry *) * (ste->nchildren - i - 1));
        free(ste->children);
        ste->children = out;
        ste->nchildren = ste->capchildren = n;
    }
}

/* analyze_block: scopes of STE's names, then its children. */
static bool analyze_block(Builder *b, SymEntry *ste, NameSet *bound, NameSet *freeset,
                          NameSet *global)
{
    NameSet local = {0}, newbound = {0}, newglobal = {0}, newfree = {0}, cells = {0};
    size_t capscopes = ste->nsyms + 1;
    SymScope *scopes = xcalloc(capscopes, sizeof(SymScope));
    bool ok = true;
    if (ste->type == SYM_CLASS) {
        ns_update(&newglobal, global);
        if (bound)
            ns_update(&newbound, bound);
    }
    size_t nsyms = ste->nsyms;
    for (size_t i = 0; ok && i < nsyms; i++)
        ok = analyze_name(b, ste, scopes, i, bound, &local, freeset, global);
    if (ok && ste->type != SYM_CLASS) {
        if (ste->type == SYM_FUNCTION)
            ns_update(&newbound, &local);
        if (bound)
            ns_update(&newbound, bound);
        ns_update(&newglobal, global);
    } else if (ok) {
        ns_add(&newbound, "__class__");
    }
    for (size_t i = 0; ok && i < ste->nchildren; i++) {
        SymEntry *entry = ste->children[i];
        NameSet child_free = {0};
        bool inline_comp = b->opts->inline_comprehensions && entry->comprehension
                           && !entry->generator;
        ok = analyze_child(b, entry, &newbound, &newfree, &newglobal, &child_free);
        if (ok && inline_comp) {
            inline_comprehension(ste, entry, &scopes, &capscopes, &child_free, &cells);
            entry->comp_inlined = true;
        }
        ns_update(&newfree, &child_free);
        ns_free(&child_free);
        if (entry->free || entry->child_free)
            ste->child_free = true;
    }
    if (ok) {
        splice_inlined(ste);
        if (ste->type == SYM_FUNCTION)
            analyze_cells(ste, scopes, &newfree, &cells);
        else if (ste->type == SYM_CLASS && ns_discard(&newfree, "__class__"))
            ste->needs_class_closure = true;
        update_symbols(ste, scopes, bound, &newfree, &cells, ste->type == SYM_CLASS);
        ns_update(freeset, &newfree);
    }
    free(scopes);
    ns_free(&local);
    ns_free(&newbound);
    ns_free(&newglobal);
    ns_free(&newfree);
    ns_free(&cells);
    return ok;
}

/* Build and analyze the symbol tables of module M. */
SymTable *symtable_build(const AstModule *m, const SymOptions *opts, SyntaxErr *err)
{
    Builder b = {0};
    b.st = xcalloc(1, sizeof *b.st);
    b.opts = opts;
    b.err = err;
    bool ok = enter_block(&b, "top", SYM_MODULE, m, 0, 0, 0, 0);
    b.st->top = b.cur;
    ok = ok && visit_stmts(&b, m->body, m->n_body);
    if (ok) {
        exit_block(&b);
        NameSet free = {0}, global = {0};
        ok = analyze_block(&b, b.st->top, NULL, &free, &global);
        ns_free(&free);
        ns_free(&global);
    }
    if (!ok) {
        symtable_free(b.st);
        return NULL;
    }
    return b.st;
}
