/*
 * ast.c — the AST arena, CPython node names and ast_dump().
 *
 * ast_dump() follows Python 3.12's ast.dump(): fields in _fields order,
 * optional fields that are None left out, empty lists shown, constants in
 * repr() form (shortest round-trip floats, str/bytes quoting rules).
 */
#include "ast.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

#define ARENA_CHUNK 65536

typedef struct ArenaChunk {
    struct ArenaChunk *next;
    size_t used, size;
    max_align_t data[];
} ArenaChunk;

struct AstArena {
    ArenaChunk *head;
};

/* A new, empty arena (NULL if out of memory). */
AstArena *ast_arena_new(void)
{
    return calloc(1, sizeof(AstArena));
}

/* Free every chunk of an arena and the arena itself. */
void ast_arena_free(AstArena *arena)
{
    ArenaChunk *c, *n;
    if (!arena)
        return;
    for (c = arena->head; c; c = n) {
        n = c->next;
        free(c);
    }
    free(arena);
}

/* Zeroed, aligned memory owned by the arena; NULL if out of memory. */
void *ast_arena_alloc(AstArena *arena, size_t size)
{
    ArenaChunk *c = arena->head;
    size_t align = sizeof(max_align_t);
    void *p;
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    if (!c || c->used + size > c->size) {
        size_t csize = size > ARENA_CHUNK ? size : ARENA_CHUNK;
        c = malloc(sizeof *c + csize);
        if (!c)
            return NULL;
        c->used = 0;
        c->size = csize;
        c->next = arena->head;
        arena->head = c;
    }
    p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

/* NUL-terminated copy of len bytes in the arena. */
char *ast_arena_strndup(AstArena *arena, const char *s, size_t len)
{
    char *d = ast_arena_alloc(arena, len + 1);
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

/* Free a module and its arena. */
void ast_module_free(AstModule *mod)
{
    if (!mod)
        return;
    ast_arena_free(mod->arena); /* the module struct lives in its own arena */
}

/* ---- names ---------------------------------------------------------- */

/* CPython class name of an expression kind. */
const char *ast_expr_kind_name(AstExprKind kind)
{
    static const char *const names[] = {
        "BoolOp", "NamedExpr", "BinOp", "UnaryOp", "Lambda", "IfExp", "Dict",
        "Set", "ListComp", "SetComp", "DictComp", "GeneratorExp", "Await",
        "Yield", "YieldFrom", "Compare", "Call", "FormattedValue",
        "JoinedStr", "Constant", "Attribute", "Subscript", "Starred", "Name",
        "List", "Tuple", "Slice",
    };
    return (size_t)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

/* CPython class name of a statement kind. */
const char *ast_stmt_kind_name(AstStmtKind kind)
{
    static const char *const names[] = {
        "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete",
        "Assign", "AugAssign", "AnnAssign", "For", "AsyncFor", "While", "If",
        "With", "AsyncWith", "Raise", "Try", "TryStar", "Assert", "Import",
        "ImportFrom", "Global", "Nonlocal", "Expr", "Pass", "Break",
        "Continue",
    };
    return (size_t)kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

/* CPython class name of a binary operator. */
const char *ast_operator_name(AstOperator op)
{
    static const char *const names[] = {
        "Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow", "LShift",
        "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv",
    };
    return (size_t)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

/* CPython class name of a unary operator. */
const char *ast_unary_op_name(AstUnaryOp op)
{
    static const char *const names[] = {"Invert", "Not", "UAdd", "USub"};
    return (size_t)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

/* CPython class name of a comparison operator. */
const char *ast_cmp_op_name(AstCmpOp op)
{
    static const char *const names[] = {
        "Eq", "NotEq", "Lt", "LtE", "Gt", "GtE", "Is", "IsNot", "In", "NotIn",
    };
    return (size_t)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

/* ---- dump buffer ---------------------------------------------------- */

typedef struct {
    char *s;
    size_t len, cap;
    bool oom;
    bool attrs;
} Dump;

/* Append n bytes to the dump. */
static void d_add(Dump *d, const char *p, size_t n)
{
    if (d->oom)
        return;
    if (d->len + n + 1 > d->cap) {
        size_t ncap = (d->len + n + 1) * 2;
        char *ns = realloc(d->s, ncap);
        if (!ns) {
            d->oom = true;
            return;
        }
        d->s = ns;
        d->cap = ncap;
    }
    memcpy(d->s + d->len, p, n);
    d->len += n;
    d->s[d->len] = '\0';
}

/* Append a C string. */
static void d_puts(Dump *d, const char *p)
{
    d_add(d, p, strlen(p));
}

/* Append printf-style text. */
static void d_printf(Dump *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void d_printf(Dump *d, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    d_puts(d, buf);
}

/* ---- constant reprs ------------------------------------------------- */

/* repr() of a str given as UTF-8 (WTF-8 surrogates allowed). */
static void repr_str(Dump *d, const char *s, size_t n)
{
    bool has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = has_sq && !has_dq ? '"' : '\'';
    size_t i = 0;
    d_add(d, &q, 1);
    while (i < n) {
        unsigned cp;
        int l = lexer_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp == '\\' || cp == (unsigned)q) {
            d_add(d, "\\", 1);
            d_add(d, s + i, 1);
        } else if (cp == '\n') d_puts(d, "\\n");
        else if (cp == '\r') d_puts(d, "\\r");
        else if (cp == '\t') d_puts(d, "\\t");
        else if (lexer_is_printable(cp)) d_add(d, s + i, (size_t)l);
        else if (cp <= 0xff) d_printf(d, "\\x%02x", cp);
        else if (cp <= 0xffff) d_printf(d, "\\u%04x", cp);
        else d_printf(d, "\\U%08x", cp);
        i += (size_t)l;
    }
    d_add(d, &q, 1);
}

/* repr() of a bytes object. */
static void repr_bytes(Dump *d, const char *s, size_t n)
{
    bool has_sq = memchr(s, '\'', n) != NULL, has_dq = memchr(s, '"', n) != NULL;
    char q = has_sq && !has_dq ? '"' : '\'';
    size_t i;
    d_puts(d, "b");
    d_add(d, &q, 1);
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == (unsigned char)q) {
            d_add(d, "\\", 1);
            d_add(d, s + i, 1);
        } else if (c == '\n') d_puts(d, "\\n");
        else if (c == '\r') d_puts(d, "\\r");
        else if (c == '\t') d_puts(d, "\\t");
        else if (c < 0x20 || c >= 0x7f) d_printf(d, "\\x%02x", c);
        else d_add(d, s + i, 1);
    }
    d_add(d, &q, 1);
}

/* Python's repr() of a float; `add_dot_zero` is false for complex parts. */
static void repr_float(Dump *d, double v, bool add_dot_zero)
{
    char buf[64], digits[32], out[64];
    int p, exp10, nd = 0, decpt, i, o = 0;
    const char *m;
    if (isnan(v)) { d_puts(d, "nan"); return; }
    if (isinf(v)) { d_puts(d, v < 0 ? "-inf" : "inf"); return; }
    for (p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    m = buf;
    if (*m == '-') { out[o++] = '-'; m++; }
    for (; *m && *m != 'e'; m++)
        if (*m >= '0' && *m <= '9')
            digits[nd++] = *m;
    exp10 = atoi(m + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    decpt = exp10 + 1;
    if (v == 0.0)
        decpt = 1;
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out[o++] = '0'; out[o++] = '.';
            for (i = 0; i < -decpt; i++) out[o++] = '0';
            for (i = 0; i < nd; i++) out[o++] = digits[i];
        } else {
            for (i = 0; i < decpt; i++) out[o++] = i < nd ? digits[i] : '0';
            if (nd > decpt) {
                out[o++] = '.';
                for (i = decpt; i < nd; i++) out[o++] = digits[i];
            } else if (add_dot_zero) {
                out[o++] = '.'; out[o++] = '0';
            }
        }
        out[o] = '\0';
    } else {
        out[o++] = digits[0];
        if (nd > 1) {
            out[o++] = '.';
            for (i = 1; i < nd; i++) out[o++] = digits[i];
        }
        snprintf(out + o, sizeof out - (size_t)o, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
    }
    d_puts(d, out);
}

/* Decimal text of an integer literal given as digits in a base. */
static void repr_int(Dump *d, const char *digits, int base)
{
    size_t n = strlen(digits), i, j, nd = 1;
    unsigned char *dec;
    while (n > 1 && *digits == '0') { digits++; n--; }
    if (base == 10) { d_puts(d, digits); return; }
    dec = calloc(n * 2 + 2, 1); /* little-endian decimal digits */
    if (!dec) { d->oom = true; return; }
    for (i = 0; i < n; i++) {
        int c = digits[i], v = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        unsigned carry = (unsigned)v;
        for (j = 0; j < nd; j++) {
            unsigned x = dec[j] * (unsigned)base + carry;
            dec[j] = (unsigned char)(x % 10);
            carry = x / 10;
        }
        while (carry) { dec[nd++] = (unsigned char)(carry % 10); carry /= 10; }
    }
    for (j = nd; j-- > 0;) {
        char c = (char)('0' + dec[j]);
        d_add(d, &c, 1);
    }
    free(dec);
}

/* repr() of a Constant's value. */
static void repr_constant(Dump *d, const AstConstant *c)
{
    switch (c->kind) {
    case AST_CONST_NONE: d_puts(d, "None"); break;
    case AST_CONST_TRUE: d_puts(d, "True"); break;
    case AST_CONST_FALSE: d_puts(d, "False"); break;
    case AST_CONST_ELLIPSIS: d_puts(d, "Ellipsis"); break;
    case AST_CONST_INT: repr_int(d, c->int_digits, c->int_base); break;
    case AST_CONST_FLOAT: repr_float(d, c->f, true); break;
    case AST_CONST_COMPLEX: repr_float(d, c->imag, false); d_puts(d, "j"); break;
    case AST_CONST_STR: repr_str(d, c->str, c->len); break;
    case AST_CONST_BYTES: repr_bytes(d, c->str, c->len); break;
    }
}

/* ---- tree walk ------------------------------------------------------ */

static void dump_expr(Dump *d, const AstExpr *e);
static void dump_stmts(Dump *d, const char *field, AstStmt *const *s, size_t n);

/* ", name=" separator (no comma before the first field). */
static void d_field(Dump *d, bool *first, const char *name)
{
    if (!*first)
        d_puts(d, ", ");
    *first = false;
    d_puts(d, name);
    d_puts(d, "=");
}

/* An optional expression field (left out when NULL). */
static void d_opt(Dump *d, bool *first, const char *name, const AstExpr *e)
{
    if (!e)
        return;
    d_field(d, first, name);
    dump_expr(d, e);
}

/* A list of expressions (NULL entries print as None). */
static void d_exprs(Dump *d, bool *first, const char *name, AstExpr *const *v, size_t n)
{
    size_t i;
    d_field(d, first, name);
    d_puts(d, "[");
    for (i = 0; i < n; i++) {
        if (i)
            d_puts(d, ", ");
        if (v[i])
            dump_expr(d, v[i]);
        else
            d_puts(d, "None");
    }
    d_puts(d, "]");
}

/* An identifier field as a quoted string. */
static void d_ident(Dump *d, bool *first, const char *name, const char *id)
{
    if (!id)
        return;
    d_field(d, first, name);
    repr_str(d, id, strlen(id));
}

/* The location attributes, when requested. */
static void d_attrs(Dump *d, bool first, int l, int c, int el, int ec)
{
    if (!d->attrs)
        return;
    d_printf(d, "%slineno=%d, col_offset=%d, end_lineno=%d, end_col_offset=%d",
             first ? "" : ", ", l, c, el, ec);
}

/* Load()/Store()/Del(). */
static void d_ctx(Dump *d, bool *first, AstExprContext ctx)
{
    d_field(d, first, "ctx");
    d_puts(d, ctx == AST_LOAD ? "Load()" : ctx == AST_STORE ? "Store()" : "Del()");
}

/* An arg node. */
static void dump_arg(Dump *d, const AstArg *a)
{
    bool first = true;
    d_puts(d, "arg(");
    d_ident(d, &first, "arg", a->arg);
    d_opt(d, &first, "annotation", a->annotation);
    d_attrs(d, first, a->lineno, a->col_offset, a->end_lineno, a->end_col_offset);
    d_puts(d, ")");
}

/* A list of args. */
static void d_args(Dump *d, bool *first, const char *name, AstArg *const *v, size_t n)
{
    size_t i;
    d_field(d, first, name);
    d_puts(d, "[");
    for (i = 0; i < n; i++) {
        if (i)
            d_puts(d, ", ");
        dump_arg(d, v[i]);
    }
    d_puts(d, "]");
}

/* An arguments node. */
static void dump_arguments(Dump *d, const AstArguments *a)
{
    bool first = true;
    d_puts(d, "arguments(");
    d_args(d, &first, "posonlyargs", a->posonlyargs, a->n_posonlyargs);
    d_args(d, &first, "args", a->args, a->n_args);
    if (a->vararg) {
        d_field(d, &first, "vararg");
        dump_arg(d, a->vararg);
    }
    d_args(d, &first, "kwonlyargs", a->kwonlyargs, a->n_kwonlyargs);
    d_exprs(d, &first, "kw_defaults", a->kw_defaults, a->n_kwonlyargs);
    if (a->kwarg) {
        d_field(d, &first, "kwarg");
        dump_arg(d, a->kwarg);
    }
    d_exprs(d, &first, "defaults", a->defaults, a->n_defaults);
    d_puts(d, ")");
}

/* A list of keywords. */
static void d_keywords(Dump *d, bool *first, AstKeyword *const *v, size_t n)
{
    size_t i;
    d_field(d, first, "keywords");
    d_puts(d, "[");
    for (i = 0; i < n; i++) {
        bool f = true;
        if (i)
            d_puts(d, ", ");
        d_puts(d, "keyword(");
        d_ident(d, &f, "arg", v[i]->arg);
        d_opt(d, &f, "value", v[i]->value);
        d_attrs(d, f, v[i]->lineno, v[i]->col_offset, v[i]->end_lineno, v[i]->end_col_offset);
        d_puts(d, ")");
    }
    d_puts(d, "]");
}

/* A list of comprehension clauses. */
static void d_generators(Dump *d, bool *first, AstComprehension *const *v, size_t n)
{
    size_t i;
    d_field(d, first, "generators");
    d_puts(d, "[");
    for (i = 0; i < n; i++) {
        bool f = true;
        if (i)
            d_puts(d, ", ");
        d_puts(d, "comprehension(");
        d_opt(d, &f, "target", v[i]->target);
        d_opt(d, &f, "iter", v[i]->iter);
        d_exprs(d, &f, "ifs", v[i]->ifs, v[i]->n_ifs);
        d_printf(d, ", is_async=%d)", v[i]->is_async ? 1 : 0);
    }
    d_puts(d, "]");
}

/* The fields of an expression node (after "Name("). */
static void dump_expr_fields(Dump *d, const AstExpr *e, bool *f)
{
    size_t i;
    switch (e->kind) {
    case AST_BOOL_OP_EXPR:
        d_field(d, f, "op"); d_puts(d, e->v.bool_op.op == AST_AND ? "And()" : "Or()");
        d_exprs(d, f, "values", e->v.bool_op.values, e->v.bool_op.n_values);
        break;
    case AST_NAMED_EXPR:
        d_opt(d, f, "target", e->v.named_expr.target);
        d_opt(d, f, "value", e->v.named_expr.value);
        break;
    case AST_BIN_OP:
        d_opt(d, f, "left", e->v.bin_op.left);
        d_field(d, f, "op"); d_puts(d, ast_operator_name(e->v.bin_op.op)); d_puts(d, "()");
        d_opt(d, f, "right", e->v.bin_op.right);
        break;
    case AST_UNARY_OP:
        d_field(d, f, "op"); d_puts(d, ast_unary_op_name(e->v.unary_op.op)); d_puts(d, "()");
        d_opt(d, f, "operand", e->v.unary_op.operand);
        break;
    case AST_LAMBDA:
        d_field(d, f, "args"); dump_arguments(d, e->v.lambda.args);
        d_opt(d, f, "body", e->v.lambda.body);
        break;
    case AST_IF_EXP:
        d_opt(d, f, "test", e->v.if_exp.test);
        d_opt(d, f, "body", e->v.if_exp.body);
        d_opt(d, f, "orelse", e->v.if_exp.orelse);
        break;
    case AST_DICT:
        d_exprs(d, f, "keys", e->v.dict.keys, e->v.dict.n_keys);
        d_exprs(d, f, "values", e->v.dict.values, e->v.dict.n_keys);
        break;
    case AST_SET:
        d_exprs(d, f, "elts", e->v.set.elts, e->v.set.n_elts);
        break;
    case AST_LIST_COMP: case AST_SET_COMP: case AST_GENERATOR_EXP:
        d_opt(d, f, "elt", e->v.list_comp.elt);
        d_generators(d, f, e->v.list_comp.generators, e->v.list_comp.n_generators);
        break;
    case AST_DICT_COMP:
        d_opt(d, f, "key", e->v.dict_comp.key);
        d_opt(d, f, "value", e->v.dict_comp.value);
        d_generators(d, f, e->v.dict_comp.generators, e->v.dict_comp.n_generators);
        break;
    case AST_AWAIT: case AST_YIELD: case AST_YIELD_FROM:
        d_opt(d, f, "value", e->v.yield.value);
        break;
    case AST_COMPARE:
        d_opt(d, f, "left", e->v.compare.left);
        d_field(d, f, "ops"); d_puts(d, "[");
        for (i = 0; i < e->v.compare.n_comparators; i++)
            d_printf(d, "%s%s()", i ? ", " : "", ast_cmp_op_name(e->v.compare.ops[i]));
        d_puts(d, "]");
        d_exprs(d, f, "comparators", e->v.compare.comparators, e->v.compare.n_comparators);
        break;
    case AST_CALL:
        d_opt(d, f, "func", e->v.call.func);
        d_exprs(d, f, "args", e->v.call.args, e->v.call.n_args);
        d_keywords(d, f, e->v.call.keywords, e->v.call.n_keywords);
        break;
    case AST_FORMATTED_VALUE:
        d_opt(d, f, "value", e->v.formatted_value.value);
        d_field(d, f, "conversion"); d_printf(d, "%d", e->v.formatted_value.conversion);
        d_opt(d, f, "format_spec", e->v.formatted_value.format_spec);
        break;
    case AST_JOINED_STR:
        d_exprs(d, f, "values", e->v.joined_str.values, e->v.joined_str.n_values);
        break;
    case AST_CONSTANT:
        d_field(d, f, "value"); repr_constant(d, &e->v.constant);
        if (e->v.constant.is_u) { d_field(d, f, "kind"); d_puts(d, "'u'"); }
        break;
    case AST_ATTRIBUTE:
        d_opt(d, f, "value", e->v.attribute.value);
        d_ident(d, f, "attr", e->v.attribute.attr);
        d_ctx(d, f, e->v.attribute.ctx);
        break;
    case AST_SUBSCRIPT:
        d_opt(d, f, "value", e->v.subscript.value);
        d_opt(d, f, "slice", e->v.subscript.slice);
        d_ctx(d, f, e->v.subscript.ctx);
        break;
    case AST_STARRED:
        d_opt(d, f, "value", e->v.starred.value);
        d_ctx(d, f, e->v.starred.ctx);
        break;
    case AST_NAME:
        d_ident(d, f, "id", e->v.name.id);
        d_ctx(d, f, e->v.name.ctx);
        break;
    case AST_LIST: case AST_TUPLE:
        d_exprs(d, f, "elts", e->v.list.elts, e->v.list.n_elts);
        d_ctx(d, f, e->v.list.ctx);
        break;
    case AST_SLICE:
        d_opt(d, f, "lower", e->v.slice.lower);
        d_opt(d, f, "upper", e->v.slice.upper);
        d_opt(d, f, "step", e->v.slice.step);
        break;
    }
}

/* One expression node. */
static void dump_expr(Dump *d, const AstExpr *e)
{
    bool first = true;
    d_puts(d, ast_expr_kind_name(e->kind));
    d_puts(d, "(");
    dump_expr_fields(d, e, &first);
    d_attrs(d, first, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset);
    d_puts(d, ")");
}

/* A list of statements as a field. */
static void dump_stmts_f(Dump *d, bool *first, const char *field, AstStmt *const *s, size_t n)
{
    if (!*first)
        d_puts(d, ", ");
    *first = false;
    dump_stmts(d, field, s, n);
}

/* Fields of function and class definitions. */
static void dump_def(Dump *d, const AstStmt *s, bool *f)
{
    if (s->kind == AST_CLASS_DEF) {
        d_ident(d, f, "name", s->v.class_def.name);
        d_exprs(d, f, "bases", s->v.class_def.bases, s->v.class_def.n_bases);
        d_keywords(d, f, s->v.class_def.keywords, s->v.class_def.n_keywords);
        dump_stmts_f(d, f, "body", s->v.class_def.body, s->v.class_def.n_body);
        d_exprs(d, f, "decorator_list", s->v.class_def.decorator_list,
                s->v.class_def.n_decorator_list);
    } else {
        const AstFunctionDef *fd = &s->v.function_def;
        d_ident(d, f, "name", fd->name);
        d_field(d, f, "args"); dump_arguments(d, fd->args);
        dump_stmts_f(d, f, "body", fd->body, fd->n_body);
        d_exprs(d, f, "decorator_list", fd->decorator_list, fd->n_decorator_list);
        d_opt(d, f, "returns", fd->returns);
    }
    d_puts(d, ", type_params=[]");
}

/* Fields of a try statement. */
static void dump_try(Dump *d, const AstStmt *s, bool *f)
{
    size_t i;
    const AstTry *t = &s->v.try_;
    dump_stmts_f(d, f, "body", t->body, t->n_body);
    d_puts(d, ", handlers=[");
    for (i = 0; i < t->n_handlers; i++) {
        const AstExceptHandler *h = t->handlers[i];
        bool hf = true;
        d_puts(d, i ? ", ExceptHandler(" : "ExceptHandler(");
        d_opt(d, &hf, "type", h->type);
        d_ident(d, &hf, "name", h->name);
        dump_stmts_f(d, &hf, "body", h->body, h->n_body);
        d_attrs(d, hf, h->lineno, h->col_offset, h->end_lineno, h->end_col_offset);
        d_puts(d, ")");
    }
    d_puts(d, "]");
    dump_stmts_f(d, f, "orelse", t->orelse, t->n_orelse);
    dump_stmts_f(d, f, "finalbody", t->finalbody, t->n_finalbody);
}

/* A list of aliases as the `names` field. */
static void d_aliases(Dump *d, bool *f, AstAlias *const *v, size_t n)
{
    size_t i;
    d_field(d, f, "names");
    d_puts(d, "[");
    for (i = 0; i < n; i++) {
        bool af = true;
        d_puts(d, i ? ", alias(" : "alias(");
        d_ident(d, &af, "name", v[i]->name);
        d_ident(d, &af, "asname", v[i]->asname);
        d_attrs(d, af, v[i]->lineno, v[i]->col_offset, v[i]->end_lineno, v[i]->end_col_offset);
        d_puts(d, ")");
    }
    d_puts(d, "]");
}

/* The fields of a statement node. */
static void dump_stmt_fields(Dump *d, const AstStmt *s, bool *f)
{
    size_t i;
    switch (s->kind) {
    case AST_FUNCTION_DEF: case AST_ASYNC_FUNCTION_DEF: case AST_CLASS_DEF:
        dump_def(d, s, f);
        break;
    case AST_RETURN: d_opt(d, f, "value", s->v.return_.value); break;
    case AST_DELETE: d_exprs(d, f, "targets", s->v.delete_.targets, s->v.delete_.n_targets); break;
    case AST_ASSIGN:
        d_exprs(d, f, "targets", s->v.assign.targets, s->v.assign.n_targets);
        d_opt(d, f, "value", s->v.assign.value);
        break;
    case AST_AUG_ASSIGN:
        d_opt(d, f, "target", s->v.aug_assign.target);
        d_field(d, f, "op"); d_puts(d, ast_operator_name(s->v.aug_assign.op)); d_puts(d, "()");
        d_opt(d, f, "value", s->v.aug_assign.value);
        break;
    case AST_ANN_ASSIGN:
        d_opt(d, f, "target", s->v.ann_assign.target);
        d_opt(d, f, "annotation", s->v.ann_assign.annotation);
        d_opt(d, f, "value", s->v.ann_assign.value);
        d_field(d, f, "simple"); d_printf(d, "%d", s->v.ann_assign.simple);
        break;
    case AST_FOR: case AST_ASYNC_FOR:
        d_opt(d, f, "target", s->v.for_.target);
        d_opt(d, f, "iter", s->v.for_.iter);
        dump_stmts_f(d, f, "body", s->v.for_.body, s->v.for_.n_body);
        dump_stmts_f(d, f, "orelse", s->v.for_.orelse, s->v.for_.n_orelse);
        break;
    case AST_WHILE: case AST_IF:
        d_opt(d, f, "test", s->v.if_.test);
        dump_stmts_f(d, f, "body", s->v.if_.body, s->v.if_.n_body);
        dump_stmts_f(d, f, "orelse", s->v.if_.orelse, s->v.if_.n_orelse);
        break;
    case AST_WITH: case AST_ASYNC_WITH:
        d_field(d, f, "items"); d_puts(d, "[");
        for (i = 0; i < s->v.with.n_items; i++) {
            bool wf = true;
            d_puts(d, i ? ", withitem(" : "withitem(");
            d_opt(d, &wf, "context_expr", s->v.with.items[i]->context_expr);
            d_opt(d, &wf, "optional_vars", s->v.with.items[i]->optional_vars);
            d_puts(d, ")");
        }
        d_puts(d, "]");
        dump_stmts_f(d, f, "body", s->v.with.body, s->v.with.n_body);
        break;
    case AST_RAISE:
        d_opt(d, f, "exc", s->v.raise.exc);
        d_opt(d, f, "cause", s->v.raise.cause);
        break;
    case AST_TRY: case AST_TRY_STAR: dump_try(d, s, f); break;
    case AST_ASSERT:
        d_opt(d, f, "test", s->v.assert_.test);
        d_opt(d, f, "msg", s->v.assert_.msg);
        break;
    case AST_IMPORT: d_aliases(d, f, s->v.import.names, s->v.import.n_names); break;
    case AST_IMPORT_FROM:
        d_ident(d, f, "module", s->v.import_from.module);
        d_aliases(d, f, s->v.import_from.names, s->v.import_from.n_names);
        d_field(d, f, "level"); d_printf(d, "%d", s->v.import_from.level);
        break;
    case AST_GLOBAL: case AST_NONLOCAL:
        d_field(d, f, "names"); d_puts(d, "[");
        for (i = 0; i < s->v.global.n_names; i++) {
            if (i) d_puts(d, ", ");
            repr_str(d, s->v.global.names[i], strlen(s->v.global.names[i]));
        }
        d_puts(d, "]");
        break;
    case AST_EXPR: d_opt(d, f, "value", s->v.expr.value); break;
    case AST_PASS: case AST_BREAK: case AST_CONTINUE: break;
    }
}

/* A statement list as `field=[...]`. */
static void dump_stmts(Dump *d, const char *field, AstStmt *const *s, size_t n)
{
    size_t i;
    d_puts(d, field);
    d_puts(d, "=[");
    for (i = 0; i < n; i++) {
        bool first = true;
        if (i)
            d_puts(d, ", ");
        d_puts(d, ast_stmt_kind_name(s[i]->kind));
        d_puts(d, "(");
        dump_stmt_fields(d, s[i], &first);
        d_attrs(d, first, s[i]->lineno, s[i]->col_offset, s[i]->end_lineno, s[i]->end_col_offset);
        d_puts(d, ")");
    }
    d_puts(d, "]");
}

/* Text like ast.dump(tree). */
char *ast_dump(const AstModule *mod, const AstDumpOptions *opts)
{
    Dump d = {0};
    d.attrs = opts && opts->include_attributes;
    d_puts(&d, "Module(");
    dump_stmts(&d, "body", mod->body, mod->n_body);
    d_puts(&d, ", type_ignores=[])");
    if (d.oom) {
        free(d.s);
        return NULL;
    }
    return d.s;
}

/* Text like ast.dump(expr). */
char *ast_dump_expr(const AstExpr *e, const AstDumpOptions *opts)
{
    Dump d = {0};
    d.attrs = opts && opts->include_attributes;
    dump_expr(&d, e);
    if (d.oom) {
        free(d.s);
        return NULL;
    }
    return d.s;
}
