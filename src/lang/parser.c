/*
 * parser.c — recursive-descent parser from tokens (lexer.c) to the AST.
 *
 * Design.  One function per grammar rule of CPython's Grammar/python.gram,
 * with the rule's name (star_expressions, disjunction, primary, ...).  The
 * binary-operator levels from `|` down to `* / // % @` share one
 * precedence-climbing loop to keep the C stack shallow.  Assignment targets
 * are parsed as expressions and then checked and re-tagged Store/Del
 * (set_context), which is also where CPython's "cannot assign to ..." family
 * of messages comes from.
 *
 * Errors.  The first error ends the parse: it is recorded (kind, parameters,
 * 1-based *byte* columns) and the parser longjmps back to parser_parse(),
 * which converts columns to characters, lets a later tokenizer error take
 * priority where the profile says CPython 3.10+ does, and formats the
 * message from the version's table.  Every allocation during parsing comes
 * from the module arena, so the jump cannot leak.
 *
 * Depth.  Every recursive entry (parenthesized atoms, unary operators,
 * power, lambda, if-expressions, nested blocks) goes through enter(), which
 * raises the profile's MemoryError ("parser stack overflow") past
 * max_parser_depth; brackets are capped earlier by the lexer (200, like
 * CPython's tokenizer) and indentation at 100 levels.  After parsing,
 * checks.c-style passes emulate the compiler: expression depth
 * (RecursionError), then symtable errors (global/nonlocal), then code
 * generation errors ('return' outside function, ...).
 */
#include "parser.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

#define HARD_DEPTH_LIMIT 6000

typedef struct {
    void **items;
    size_t n, cap;
} Vec;

typedef struct Parser {
    const SyntaxProfile *pr;
    const Lexer *lex;  /* token source (the file, or an f-string field) */
    const Lexer *root; /* the file's lexer (lines, buffer) */
    const LexToken *toks;
    size_t pos;
    AstArena *arena;
    jmp_buf *jb;
    SyntaxErr *err;    /* pending error, byte columns */
    int *depth;
    int fstring_depth;
    int *fail_line;            /* line of the furthest token at failure */
    const AstExpr *target_root; /* whole target being checked (3.8 positions) */
    struct WarnList *warns;     /* warnings found so far (shared by sub-parsers) */
} Parser;

/* The parser's warnings: one per string literal at most, as CPython's
 * decoder reports only the first invalid escape of a literal. */
typedef struct WarnList {
    AstWarning *v;
    size_t n, cap;
    const LexToken *last;       /* the literal warned about last */
} WarnList;

/* Stop parsing: jump back to parser_parse(). */
static _Noreturn void fail(Parser *p)
{
    if (p->fail_line && p->toks)
        *p->fail_line = p->toks[p->pos].lineno;
    longjmp(*p->jb, 1);
}

/* ---- memory --------------------------------------------------------- */

/* Arena allocation that fails the parse (MemoryError) when out of memory. */
static void *palloc(Parser *p, size_t size)
{
    void *m = ast_arena_alloc(p->arena, size);
    if (!m) {
        memset(p->err, 0, sizeof *p->err);
        p->err->kind = SE_PARSER_STACK;
        p->err->lineno = -1;
        fail(p);
    }
    return m;
}

/* Arena copy of a string. */
static char *pstrndup(Parser *p, const char *s, size_t n)
{
    char *d = palloc(p, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Push onto an arena-backed vector. */
static void vec_push(Parser *p, Vec *v, void *x)
{
    if (v->n == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 4;
        void **ni = palloc(p, ncap * sizeof *ni);
        if (v->n)
            memcpy(ni, v->items, v->n * sizeof *ni);
        v->items = ni;
        v->cap = ncap;
    }
    v->items[v->n++] = x;
}

#define VEC_AS(T, v) ((T)(v).items)

/* ---- tokens --------------------------------------------------------- */

static const LexToken *tok(const Parser *p) { return &p->toks[p->pos]; }
static const LexToken *prev(const Parser *p) { return &p->toks[p->pos ? p->pos - 1 : 0]; }

/* Token k positions ahead (never past the last token). */
static const LexToken *peek(const Parser *p, size_t k)
{
    size_t i = p->pos;
    while (k-- > 0 && p->toks[i].type != TOK_ENDMARKER && p->toks[i].type != TOK_ERRORTOKEN)
        i++;
    return &p->toks[i];
}

static bool at(const Parser *p, LexTokType t) { return tok(p)->type == t; }
static bool at_kw(const Parser *p, LexKeyword k) { return tok(p)->type == TOK_NAME && tok(p)->kw == k; }

/* Move past the current token (never past the last). */
static void advance(Parser *p)
{
    if (tok(p)->type != TOK_ENDMARKER && tok(p)->type != TOK_ERRORTOKEN)
        p->pos++;
}

/* Consume a token of type t if present. */
static bool accept(Parser *p, LexTokType t)
{
    if (!at(p, t))
        return false;
    advance(p);
    return true;
}

/* Consume keyword k if present. */
static bool accept_kw(Parser *p, LexKeyword k)
{
    if (!at_kw(p, k))
        return false;
    advance(p);
    return true;
}

/* Token text as an arena string. */
static char *tok_text(Parser *p, const LexToken *t)
{
    return pstrndup(p, p->lex->buf + t->start, t->end - t->start);
}

/* True for a NAME token that is not a keyword. */
static bool at_name(const Parser *p)
{
    return at(p, TOK_NAME) && tok(p)->kw == KW_NONE_;
}

/* ---- errors --------------------------------------------------------- */

/* Record an error over byte columns (0-based) and stop parsing. */
static _Noreturn void error_range(Parser *p, SyntaxErrKind kind, int l, int c, int el, int ec)
{
    p->err->kind = kind;
    p->err->lineno = l;
    p->err->offset = c + 1;
    p->err->end_lineno = el;
    p->err->end_offset = ec + 1;
    fail(p);
}

/* The lexer's error when the parser reached its ERRORTOKEN. */
static _Noreturn void lexer_error(Parser *p)
{
    SyntaxErr *e = p->err;
    *e = p->lex->err;
    e->text = e->msg = NULL;
    fail(p);
}

/* Error over one token. */
static _Noreturn void error_tok(Parser *p, SyntaxErrKind kind, const LexToken *t)
{
    if (t->type == TOK_ERRORTOKEN)
        lexer_error(p);
    error_range(p, kind, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset);
}

/* Error over a node's extent. */
#define error_node(p, kind, n) \
    error_range((p), (kind), (n)->lineno, (n)->col_offset, (n)->end_lineno, (n)->end_col_offset)

/* Copy a parameter string into the pending error. */
static void err_s1(Parser *p, const char *s)
{
    snprintf(p->err->s1, sizeof p->err->s1, "%s", s);
}

/* "unexpected EOF while parsing" (3.8's E_EOF, once the tokenizer has read
 * everything): on the line after the last, shown empty, the caret one past
 * the last line's end. */
static _Noreturn void error_eof(Parser *p)
{
    size_t len;
    int line = p->root->n_lines;
    lexer_line(p->root, line, &len);
    error_range(p, SE_UNEXPECTED_EOF, line + 1, (int)len, line + 1, -1);
}

/* True when only DEDENT and NEWLINE tokens follow T up to the end: the
 * dedents the tokenizer makes once it has read the whole input. */
static bool dedents_to_end(const LexToken *t)
{
    while (t->type == TOK_DEDENT || t->type == TOK_NEWLINE)
        t++;
    return t->type == TOK_ENDMARKER;
}

/* Generic "invalid syntax" at the current token. */
static _Noreturn void syntax_error(Parser *p)
{
    const LexToken *t = tok(p);
    if (t->type == TOK_ERRORTOKEN)
        lexer_error(p);
    if (t->type == TOK_ENDMARKER && !p->pr->new_parser && p->fstring_depth == 0)
        error_eof(p);
    if (t->type == TOK_INDENT) {
        p->err->kind = SE_UNEXPECTED_INDENT;
        p->err->lineno = t->lineno;
        p->err->offset = -lexer_char_col(p->root, t->lineno, t->end_col_offset);
        p->err->end_lineno = t->lineno;
        p->err->end_offset = -1;
        fail(p);
    }
    if (t->type == TOK_DEDENT && !p->pr->new_parser && dedents_to_end(t))
        error_eof(p);            /* 3.8's tokenizer was done: E_EOF */
    if (t->type == TOK_DEDENT) {
        p->err->kind = SE_UNEXPECTED_UNINDENT;
        error_tok(p, SE_UNEXPECTED_UNINDENT, t);
    }
    error_tok(p, SE_INVALID_SYNTAX, t);
}

/* Require a token of type t. */
static void expect(Parser *p, LexTokType t)
{
    if (!accept(p, t))
        syntax_error(p);
}

/* Require ':' (3.10+: "expected ':'" when the line just ends). */
static void expect_colon(Parser *p)
{
    if (accept(p, TOK_COLON))
        return;
    if (at(p, TOK_NEWLINE))
        error_tok(p, SE_EXPECTED_COLON, tok(p));
    syntax_error(p);
}

/* Count one level of recursion; MemoryError past the profile's limit. */
static void enter(Parser *p)
{
    if (++*p->depth > p->pr->max_parser_depth || *p->depth > HARD_DEPTH_LIMIT) {
        const LexToken *t = tok(p);
        p->err->kind = SE_PARSER_STACK;
        error_range(p, SE_PARSER_STACK, t->lineno, t->col_offset, t->lineno, t->col_offset);
    }
}

static void leave(Parser *p)
{
    --*p->depth;
}

/* ---- node construction ---------------------------------------------- */

/* A new expression node starting at token t (end set later). */
static AstExpr *expr_at(Parser *p, AstExprKind kind, const LexToken *t)
{
    AstExpr *e = palloc(p, sizeof *e);
    e->kind = kind;
    e->lineno = t->lineno;
    e->col_offset = t->col_offset;
    e->end_lineno = t->end_lineno;
    e->end_col_offset = t->end_col_offset;
    return e;
}

/* Set a node's end to the end of the previous token. */
#define END_PREV(p, n) \
    do { (n)->end_lineno = prev(p)->end_lineno; (n)->end_col_offset = prev(p)->end_col_offset; } while (0)

/* Copy start position of a to n and end of b to n. */
#define SPAN(n, a, b) \
    do { (n)->lineno = (a)->lineno; (n)->col_offset = (a)->col_offset; \
         (n)->end_lineno = (b)->end_lineno; (n)->end_col_offset = (b)->end_col_offset; } while (0)

/* Start node n at token t: a node built from its leftmost operand starts
 * where the rule's first token does, so `(a) + b` starts at the '('. */
#define START_AT(n, t) \
    do { (n)->lineno = (t)->lineno; (n)->col_offset = (t)->col_offset; } while (0)

/* A new expression node spanning two nodes. */
static AstExpr *expr_span(Parser *p, AstExprKind kind, const AstExpr *a, const AstExpr *b)
{
    AstExpr *e = palloc(p, sizeof *e);
    e->kind = kind;
    SPAN(e, a, b);
    return e;
}

/* A Name node for token t. */
static AstExpr *name_node(Parser *p, const LexToken *t, AstExprContext ctx)
{
    AstExpr *e = expr_at(p, AST_NAME, t);
    e->v.name.id = tok_text(p, t);
    e->v.name.ctx = ctx;
    return e;
}

/* A new statement starting at token t. */
static AstStmt *stmt_at(Parser *p, AstStmtKind kind, const LexToken *t)
{
    AstStmt *s = palloc(p, sizeof *s);
    s->kind = kind;
    s->lineno = t->lineno;
    s->col_offset = t->col_offset;
    s->end_lineno = t->end_lineno;
    s->end_col_offset = t->end_col_offset;
    return s;
}

/* ---- forward declarations ------------------------------------------- */

static AstExpr *expression(Parser *p);
static AstExpr *named_expression(Parser *p);
static AstExpr *star_expressions(Parser *p);
static AstExpr *disjunction(Parser *p);
static AstExpr *bitwise_or(Parser *p);
static AstExpr *primary(Parser *p);
static AstExpr *factor(Parser *p);
static AstExpr *atom(Parser *p);
static AstExpr *strings(Parser *p);
static AstExpr *yield_expr(Parser *p);
static AstArguments *parameters(Parser *p, bool is_lambda, LexTokType close);
static AstStmt **block(Parser *p, const char *what, int line, size_t *n);
static AstStmt *statement(Parser *p, Vec *out);
static void set_context(Parser *p, AstExpr *e, AstExprContext ctx, bool top);

/* True if the current token can start an expression. */
static bool starts_expression(const Parser *p)
{
    const LexToken *t = tok(p);
    switch (t->type) {
    case TOK_NAME:
        return t->kw == KW_NONE_ || t->kw == KW_NONE || t->kw == KW_TRUE ||
               t->kw == KW_FALSE || t->kw == KW_NOT || t->kw == KW_LAMBDA ||
               t->kw == KW_AWAIT;
    case TOK_NUMBER: case TOK_STRING: case TOK_LPAR: case TOK_LSQB:
    case TOK_LBRACE: case TOK_MINUS: case TOK_PLUS: case TOK_TILDE:
    case TOK_ELLIPSIS:
        return true;
    default:
        return false;
    }
}

/* True if the current token can start a star_expression. */
static bool starts_expression_or_star(const Parser *p)
{
    return starts_expression(p) || at(p, TOK_STAR);
}

/* ---- comprehensions ------------------------------------------------- */

/* star_targets at bitwise_or level: `a, *b` (for loops, comprehensions). */
static AstExpr *star_targets(Parser *p)
{
    const LexToken *start = tok(p);
    Vec v = {0};
    bool comma = false;
    for (;;) {
        AstExpr *e;
        if (at(p, TOK_STAR)) {
            const LexToken *st = tok(p);
            advance(p);
            e = expr_at(p, AST_STARRED, st);
            e->v.starred.value = bitwise_or(p);
            END_PREV(p, e);
        } else {
            e = bitwise_or(p);
        }
        vec_push(p, &v, e);
        if (!at(p, TOK_COMMA))
            break;
        advance(p);
        comma = true;
        if (at_kw(p, KW_IN) || at(p, TOK_EQUAL))
            break;
    }
    if (!comma)
        return v.items[0];
    {
        AstExpr *t = expr_at(p, AST_TUPLE, start);
        t->v.tuple.elts = VEC_AS(AstExpr **, v);
        t->v.tuple.n_elts = v.n;
        SPAN(t, (AstExpr *)v.items[0], (AstExpr *)v.items[v.n - 1]);
        return t;
    }
}

/* for_if_clauses: one or more `[async] for targets in disjunction (if disjunction)*`. */
static AstComprehension **for_if_clauses(Parser *p, size_t *n)
{
    Vec v = {0};
    while (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_FOR)) {
        AstComprehension *c = palloc(p, sizeof *c);
        Vec ifs = {0};
        c->is_async = accept_kw(p, KW_ASYNC);
        advance(p);
        c->target = star_targets(p);
        set_context(p, c->target, AST_STORE, false);
        if (!accept_kw(p, KW_IN))
            syntax_error(p);
        c->iter = disjunction(p);
        while (accept_kw(p, KW_IF))
            vec_push(p, &ifs, disjunction(p));
        c->ifs = VEC_AS(AstExpr **, ifs);
        c->n_ifs = ifs.n;
        vec_push(p, &v, c);
    }
    *n = v.n;
    return VEC_AS(AstComprehension **, v);
}

/* A comprehension node of kind k with element elt, starting at token t. */
static AstExpr *comprehension(Parser *p, AstExprKind k, AstExpr *elt, const LexToken *t)
{
    AstExpr *e = expr_at(p, k, t);
    e->v.list_comp.elt = elt;
    e->v.list_comp.generators = for_if_clauses(p, &e->v.list_comp.n_generators);
    return e;
}

/* ---- atoms ---------------------------------------------------------- */

/* star_named_expression: '*' bitwise_or | named_expression. */
static AstExpr *star_named_expression(Parser *p)
{
    if (at(p, TOK_STAR)) {
        const LexToken *st = tok(p);
        AstExpr *e;
        advance(p);
        e = expr_at(p, AST_STARRED, st);
        e->v.starred.value = bitwise_or(p);
        END_PREV(p, e);
        return e;
    }
    return named_expression(p);
}

/* "Perhaps you forgot a comma?" when two expressions touch inside brackets. */
static void check_forgot_comma(Parser *p, const AstExpr *a)
{
    const LexToken *t = tok(p);
    if (!starts_expression(p) || t->type == TOK_LPAR || t->type == TOK_LSQB)
        return;
    if (t->type == TOK_NAME && t->kw != KW_NONE_ && t->kw != KW_NONE &&
        t->kw != KW_TRUE && t->kw != KW_FALSE)
        return;
    if (!p->pr->new_parser)
        syntax_error(p);
    error_range(p, SE_FORGOT_COMMA, a->lineno, a->col_offset, t->end_lineno, t->end_col_offset);
}

/* Elements of a display up to `close`; returns them and whether a comma was seen. */
static void display_elements(Parser *p, Vec *v, LexTokType close, bool *comma)
{
    while (!at(p, close)) {
        AstExpr *e = star_named_expression(p);
        vec_push(p, v, e);
        if (!accept(p, TOK_COMMA)) {
            check_forgot_comma(p, e);
            break;
        }
        *comma = true;
    }
    if (!at(p, close))
        syntax_error(p);
}

/* '(' ... ')': tuple, parenthesized expression, generator or yield. */
static AstExpr *paren_atom(Parser *p)
{
    const LexToken *open = tok(p);
    AstExpr *e, *first;
    Vec v = {0};
    bool comma = false;
    advance(p);
    if (accept(p, TOK_RPAR)) {
        e = expr_at(p, AST_TUPLE, open);
        END_PREV(p, e);
        return e;
    }
    if (at_kw(p, KW_YIELD)) {
        e = yield_expr(p);
        expect(p, TOK_RPAR);
        return e;
    }
    first = star_named_expression(p);
    if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_FOR)) {
        e = comprehension(p, AST_GENERATOR_EXP, first, open);
        expect(p, TOK_RPAR);
        END_PREV(p, e);
        return e;
    }
    vec_push(p, &v, first);
    if (accept(p, TOK_COMMA)) {
        comma = true;
        display_elements(p, &v, TOK_RPAR, &comma);
    } else if (!at(p, TOK_RPAR)) {
        check_forgot_comma(p, first);
        syntax_error(p);
    }
    expect(p, TOK_RPAR);
    if (!comma) {
        if (first->kind == AST_STARRED)
            error_node(p, SE_STARRED_HERE, first);
        return first;
    }
    e = expr_at(p, AST_TUPLE, open);
    e->v.tuple.elts = VEC_AS(AstExpr **, v);
    e->v.tuple.n_elts = v.n;
    END_PREV(p, e);
    return e;
}

/* '[' ... ']': list or list comprehension. */
static AstExpr *list_atom(Parser *p)
{
    const LexToken *open = tok(p);
    AstExpr *e, *first;
    Vec v = {0};
    bool comma = false;
    advance(p);
    if (!at(p, TOK_RSQB)) {
        first = star_named_expression(p);
        if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_FOR)) {
            e = comprehension(p, AST_LIST_COMP, first, open);
            expect(p, TOK_RSQB);
            END_PREV(p, e);
            return e;
        }
        vec_push(p, &v, first);
        if (accept(p, TOK_COMMA))
            display_elements(p, &v, TOK_RSQB, &comma);
        else
            check_forgot_comma(p, first);
    }
    expect(p, TOK_RSQB);
    e = expr_at(p, AST_LIST, open);
    e->v.list.elts = VEC_AS(AstExpr **, v);
    e->v.list.n_elts = v.n;
    END_PREV(p, e);
    return e;
}

/* Rest of a dict display after its first entry. */
static AstExpr *dict_rest(Parser *p, const LexToken *open, AstExpr *k, AstExpr *val)
{
    Vec keys = {0}, vals = {0};
    AstExpr *e;
    vec_push(p, &keys, k);
    vec_push(p, &vals, val);
    while (accept(p, TOK_COMMA) && !at(p, TOK_RBRACE)) {
        if (accept(p, TOK_DOUBLESTAR)) {
            vec_push(p, &keys, NULL);
            vec_push(p, &vals, bitwise_or(p));
            continue;
        }
        k = expression(p);
        if (!at(p, TOK_COLON)) {
            if (at(p, TOK_RBRACE) || at(p, TOK_COMMA)) {
                if (!p->pr->new_parser)
                    syntax_error(p);
                error_range(p, SE_DICT_COLON, k->lineno, k->col_offset, k->end_lineno, -1);
            }
            syntax_error(p);
        }
        advance(p);
        vec_push(p, &keys, k);
        vec_push(p, &vals, expression(p));
    }
    expect(p, TOK_RBRACE);
    e = expr_at(p, AST_DICT, open);
    e->v.dict.keys = VEC_AS(AstExpr **, keys);
    e->v.dict.values = VEC_AS(AstExpr **, vals);
    e->v.dict.n_keys = keys.n;
    END_PREV(p, e);
    return e;
}

/* '{' ... '}': dict, set or their comprehensions. */
static AstExpr *brace_atom(Parser *p)
{
    const LexToken *open = tok(p);
    AstExpr *e, *first;
    Vec v = {0};
    bool comma = false;
    advance(p);
    if (accept(p, TOK_RBRACE)) {
        e = expr_at(p, AST_DICT, open);
        END_PREV(p, e);
        return e;
    }
    if (accept(p, TOK_DOUBLESTAR))
        return dict_rest(p, open, NULL, bitwise_or(p));
    first = star_named_expression(p);
    if (first->kind != AST_STARRED && accept(p, TOK_COLON)) {
        AstExpr *val = expression(p);
        if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_FOR)) {
            e = expr_at(p, AST_DICT_COMP, open);
            e->v.dict_comp.key = first;
            e->v.dict_comp.value = val;
            e->v.dict_comp.generators = for_if_clauses(p, &e->v.dict_comp.n_generators);
            expect(p, TOK_RBRACE);
            END_PREV(p, e);
            return e;
        }
        return dict_rest(p, open, first, val);
    }
    if (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_FOR)) {
        e = comprehension(p, AST_SET_COMP, first, open);
        expect(p, TOK_RBRACE);
        END_PREV(p, e);
        return e;
    }
    vec_push(p, &v, first);
    if (accept(p, TOK_COMMA))
        display_elements(p, &v, TOK_RBRACE, &comma);
    else
        check_forgot_comma(p, first);
    expect(p, TOK_RBRACE);
    e = expr_at(p, AST_SET, open);
    e->v.set.elts = VEC_AS(AstExpr **, v);
    e->v.set.n_elts = v.n;
    END_PREV(p, e);
    return e;
}

/* Strip underscores from a numeric literal. */
static char *number_digits(Parser *p, const char *s, size_t n)
{
    char *d = palloc(p, n + 1);
    size_t i, o = 0;
    for (i = 0; i < n; i++)
        if (s[i] != '_')
            d[o++] = s[i];
    d[o] = '\0';
    return d;
}

/* A NUMBER token as a Constant. */
static AstExpr *number(Parser *p)
{
    const LexToken *t = tok(p);
    const char *s = p->lex->buf + t->start;
    size_t n = t->end - t->start;
    AstExpr *e = expr_at(p, AST_CONSTANT, t);
    AstConstant *c = &e->v.constant;
    char *digits = number_digits(p, s, n);
    size_t dl = strlen(digits);
    advance(p);
    if (dl > 1 && digits[0] == '0' && strchr("xXoObB", digits[1])) {
        c->kind = AST_CONST_INT;
        c->int_base = (digits[1] | 0x20) == 'x' ? 16 : (digits[1] | 0x20) == 'o' ? 8 : 2;
        c->int_digits = digits + 2;
    } else if (digits[dl - 1] == 'j' || digits[dl - 1] == 'J') {
        digits[dl - 1] = '\0';
        c->kind = AST_CONST_COMPLEX;
        c->imag = strtod(digits, NULL);
    } else if (strpbrk(digits, ".eE")) {
        c->kind = AST_CONST_FLOAT;
        c->f = strtod(digits, NULL);
    } else {
        c->kind = AST_CONST_INT;
        c->int_base = 10;
        c->int_digits = digits;
    }
    return e;
}

/* A keyword constant (None/True/False) or Ellipsis. */
static AstExpr *constant_token(Parser *p, AstConstKind kind)
{
    AstExpr *e = expr_at(p, AST_CONSTANT, tok(p));
    e->v.constant.kind = kind;
    advance(p);
    return e;
}

/* atom: names, numbers, strings, constants and displays. */
static AstExpr *atom(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *e;
    switch (t->type) {
    case TOK_NAME:
        switch (t->kw) {
        case KW_NONE_:
            advance(p);
            return name_node(p, t, AST_LOAD);
        case KW_NONE: return constant_token(p, AST_CONST_NONE);
        case KW_TRUE: return constant_token(p, AST_CONST_TRUE);
        case KW_FALSE: return constant_token(p, AST_CONST_FALSE);
        default: syntax_error(p);
        }
    case TOK_NUMBER: return number(p);
    case TOK_STRING: return strings(p);
    case TOK_ELLIPSIS: return constant_token(p, AST_CONST_ELLIPSIS);
    case TOK_LPAR:
    case TOK_LSQB:
    case TOK_LBRACE:
        enter(p);
        e = t->type == TOK_LPAR ? paren_atom(p) : t->type == TOK_LSQB ? list_atom(p) : brace_atom(p);
        leave(p);
        return e;
    default:
        syntax_error(p);
    }
}

/* ---- primary: calls, subscripts, attributes -------------------------- */

/* Names of expression kinds in "cannot assign to %s" messages. */
static const char *expr_name(const Parser *p, const AstExpr *e)
{
    switch (e->kind) {
    case AST_CALL: return "function call";
    case AST_CONSTANT:
        switch (e->v.constant.kind) {
        case AST_CONST_NONE: return "None";
        case AST_CONST_TRUE: return "True";
        case AST_CONST_FALSE: return "False";
        case AST_CONST_ELLIPSIS: return p->pr->new_parser ? "ellipsis" : "Ellipsis";
        default: return "literal";
        }
    case AST_BIN_OP: case AST_UNARY_OP: return p->pr->new_parser ? "expression" : "operator";
    case AST_BOOL_OP_EXPR: return p->pr->new_parser ? "expression" : "operator";
    case AST_COMPARE: return "comparison";
    case AST_LAMBDA: return "lambda";
    case AST_IF_EXP: return "conditional expression";
    case AST_DICT: return p->pr->new_parser ? "dict literal" : "dict display";
    case AST_SET: return p->pr->new_parser ? "set display" : "set display";
    case AST_LIST_COMP: return "list comprehension";
    case AST_SET_COMP: return "set comprehension";
    case AST_DICT_COMP: return "dict comprehension";
    case AST_GENERATOR_EXP: return "generator expression";
    case AST_YIELD: case AST_YIELD_FROM: return "yield expression";
    case AST_AWAIT: return "await expression";
    case AST_JOINED_STR: case AST_FORMATTED_VALUE: return "f-string expression";
    case AST_NAMED_EXPR: return "named expression";
    case AST_STARRED: return "starred";
    case AST_TUPLE: return "tuple";
    case AST_LIST: return "list";
    case AST_NAME: return "name";
    case AST_ATTRIBUTE: return "attribute";
    case AST_SUBSCRIPT: return "subscript";
    case AST_SLICE: return "slice";
    }
    return "expression";
}

/* One call argument or keyword; updates the ordering flags. */
static void call_argument(Parser *p, Vec *args, Vec *kws, bool *seen_kw, bool *seen_kwunpack)
{
    const LexToken *t = tok(p);
    AstExpr *e;
    if (at(p, TOK_STAR)) {
        advance(p);
        e = expr_at(p, AST_STARRED, t);
        e->v.starred.value = expression(p);
        END_PREV(p, e);
        if (*seen_kwunpack) {
            if (p->pr->new_parser)
                error_tok(p, SE_ITER_AFTER_KWUNPACK, t);
            error_node(p, SE_ITER_AFTER_KWUNPACK, e);
        }
        vec_push(p, args, e);
        return;
    }
    if (at(p, TOK_DOUBLESTAR)) {
        AstKeyword *k = palloc(p, sizeof *k);
        advance(p);
        k->value = expression(p);
        k->lineno = t->lineno;
        k->col_offset = t->col_offset;
        END_PREV(p, k);
        *seen_kwunpack = true;
        vec_push(p, kws, k);
        return;
    }
    if (t->type == TOK_NAME && peek(p, 1)->type == TOK_EQUAL) {
        AstKeyword *k = palloc(p, sizeof *k);
        size_t i;
        if (t->kw == KW_TRUE || t->kw == KW_FALSE || t->kw == KW_NONE) {
            advance(p);
            advance(p);
            e = expression(p);
            err_s1(p, t->kw == KW_TRUE ? "True" : t->kw == KW_FALSE ? "False" : "None");
            error_range(p, SE_ASSIGN_TO_KEYWORD, t->lineno, t->col_offset, prev(p)->end_lineno,
                        prev(p)->end_col_offset);
        }
        if (t->kw != KW_NONE_)
            syntax_error(p);
        advance(p);
        advance(p);
        k->arg = tok_text(p, t);
        k->value = expression(p);
        k->lineno = t->lineno;
        k->col_offset = t->col_offset;
        END_PREV(p, k);
        if (at_kw(p, KW_FOR)) {
            if (!p->pr->new_parser)
                syntax_error(p);
            error_range(p, SE_MAYBE_EQ, t->lineno, t->col_offset, peek(p, 0)->lineno,
                        t->end_col_offset + 1);
        }
        for (i = 0; i < kws->n; i++) {
            AstKeyword *o = kws->items[i];
            if (o->arg && strcmp(o->arg, k->arg) == 0) {
                err_s1(p, k->arg);
                error_node(p, SE_KEYWORD_REPEATED, k);
            }
        }
        *seen_kw = true;
        vec_push(p, kws, k);
        return;
    }
    e = at_name(p) && peek(p, 1)->type == TOK_COLONEQUAL ? named_expression(p) : expression(p);
    if (at(p, TOK_EQUAL)) {
        advance(p);
        error_range(p, SE_KWARG_EXPR_ASSIGN, e->lineno, e->col_offset, prev(p)->end_lineno,
                    prev(p)->end_col_offset);
    }
    if (*seen_kw || *seen_kwunpack) {
        SyntaxErrKind k = *seen_kwunpack ? SE_POS_AFTER_KWUNPACK : SE_POS_AFTER_KW;
        if (*seen_kwunpack && *seen_kw) {
            /* CPython checks the last keyword kind seen */
            AstKeyword *last = kws->items[kws->n - 1];
            k = last->arg ? SE_POS_AFTER_KW : SE_POS_AFTER_KWUNPACK;
        }
        if (p->pr->new_parser) {
            while (!at(p, TOK_RPAR) && !at(p, TOK_NEWLINE) && !at(p, TOK_ENDMARKER) &&
                   !at(p, TOK_ERRORTOKEN))
                advance(p);
            error_tok(p, k, tok(p));
        }
        error_node(p, k, e);
    }
    vec_push(p, args, e);
}

/* Call arguments after '(' through ')'; fills the Call node. */
static void call_arguments(Parser *p, AstExpr *call, const LexToken *open)
{
    Vec args = {0}, kws = {0};
    bool seen_kw = false, seen_kwunpack = false;
    while (!at(p, TOK_RPAR)) {
        size_t before = args.n;
        call_argument(p, &args, &kws, &seen_kw, &seen_kwunpack);
        if (args.n > before && (at_kw(p, KW_FOR) || (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_FOR))) {
            AstExpr *elt = args.items[args.n - 1];
            AstExpr *g = comprehension(p, AST_GENERATOR_EXP, elt, open);
            SPAN(g, elt, prev(p));
            if (args.n == 1 && kws.n == 0 && at(p, TOK_RPAR)) {
                g->lineno = open->lineno;
                g->col_offset = open->col_offset;
                g->end_lineno = tok(p)->end_lineno;
                g->end_col_offset = tok(p)->end_col_offset;
                args.items[0] = g;
                break;
            }
            error_node(p, SE_GENEXP_PARENS, g);
        }
        if (!accept(p, TOK_COMMA)) {
            if (args.n)
                check_forgot_comma(p, args.items[args.n - 1]);
            break;
        }
        if (args.n == 1 && kws.n == 0 && ((AstExpr *)args.items[0])->kind == AST_GENERATOR_EXP &&
            ((AstExpr *)args.items[0])->col_offset == open->col_offset && !at(p, TOK_RPAR))
            error_node(p, SE_GENEXP_PARENS, (AstExpr *)args.items[0]);
    }
    expect(p, TOK_RPAR);
    call->v.call.args = VEC_AS(AstExpr **, args);
    call->v.call.n_args = args.n;
    call->v.call.keywords = VEC_AS(AstKeyword **, kws);
    call->v.call.n_keywords = kws.n;
}

/* slice: [expr] ':' [expr] [':' [expr]] | named expression. */
static AstExpr *slice(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *lower = NULL, *s;
    if (!at(p, TOK_COLON)) {
        if (at(p, TOK_STAR) && p->pr->star_in_index)
            return star_named_expression(p);
        lower = named_expression(p);
        if (!at(p, TOK_COLON))
            return lower;
    }
    advance(p);
    s = expr_at(p, AST_SLICE, t);
    s->v.slice.lower = lower;
    if (!at(p, TOK_COLON) && !at(p, TOK_COMMA) && !at(p, TOK_RSQB))
        s->v.slice.upper = expression(p);
    if (accept(p, TOK_COLON) && !at(p, TOK_COMMA) && !at(p, TOK_RSQB))
        s->v.slice.step = expression(p);
    END_PREV(p, s);
    return s;
}

/* slices: one slice or a tuple of them. */
static AstExpr *slices(Parser *p)
{
    Vec v = {0};
    const LexToken *start = tok(p);
    AstExpr *first = slice(p), *t;
    if (!at(p, TOK_COMMA))
        return first;
    vec_push(p, &v, first);
    while (accept(p, TOK_COMMA) && !at(p, TOK_RSQB))
        vec_push(p, &v, slice(p));
    t = expr_span(p, AST_TUPLE, first, prev(p)->type == TOK_COMMA ? first : v.items[v.n - 1]);
    START_AT(t, start);
    END_PREV(p, t);
    t->v.tuple.elts = VEC_AS(AstExpr **, v);
    t->v.tuple.n_elts = v.n;
    return t;
}

/* primary: atom followed by .name, (args) and [slices] trailers. */
static AstExpr *primary(Parser *p)
{
    const LexToken *start = tok(p);
    AstExpr *e = atom(p);
    for (;;) {
        const LexToken *t = tok(p);
        AstExpr *n;
        if (t->type == TOK_DOT) {
            advance(p);
            if (!at_name(p))
                syntax_error(p);
            n = expr_span(p, AST_ATTRIBUTE, e, e);
            n->v.attribute.value = e;
            n->v.attribute.attr = tok_text(p, tok(p));
            advance(p);
        } else if (t->type == TOK_LPAR) {
            advance(p);
            enter(p);
            n = expr_span(p, AST_CALL, e, e);
            n->v.call.func = e;
            call_arguments(p, n, t);
            leave(p);
        } else if (t->type == TOK_LSQB) {
            advance(p);
            enter(p);
            n = expr_span(p, AST_SUBSCRIPT, e, e);
            n->v.subscript.value = e;
            n->v.subscript.slice = slices(p);
            expect(p, TOK_RSQB);
            leave(p);
        } else {
            return e;
        }
        START_AT(n, start);
        END_PREV(p, n);
        e = n;
    }
}

/* await_primary and power: ['await'] primary ['**' factor]. */
static AstExpr *power(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *e;
    if (at_kw(p, KW_AWAIT)) {
        advance(p);
        e = expr_at(p, AST_AWAIT, t);
        e->v.await.value = primary(p);
        END_PREV(p, e);
    } else {
        e = primary(p);
    }
    if (at(p, TOK_DOUBLESTAR)) {
        AstExpr *b;
        advance(p);
        enter(p);
        b = expr_span(p, AST_BIN_OP, e, e);
        START_AT(b, t);
        b->v.bin_op.left = e;
        b->v.bin_op.op = AST_POW;
        b->v.bin_op.right = NULL;
        b->v.bin_op.right = factor(p);
        leave(p);
        END_PREV(p, b);
        e = b;
    }
    return e;
}

/* factor: ('+' | '-' | '~') factor | power. */
static AstExpr *factor(Parser *p)
{
    const LexToken *t = tok(p);
    AstUnaryOp op;
    AstExpr *e;
    if (t->type == TOK_PLUS) op = AST_UADD;
    else if (t->type == TOK_MINUS) op = AST_USUB;
    else if (t->type == TOK_TILDE) op = AST_INVERT;
    else return power(p);
    advance(p);
    enter(p);
    e = expr_at(p, AST_UNARY_OP, t);
    e->v.unary_op.op = op;
    e->v.unary_op.operand = factor(p);
    leave(p);
    END_PREV(p, e);
    return e;
}

/* Binary operator precedence of a token (0 = not a binary operator). */
static int binop_prec(const LexToken *t, AstOperator *op)
{
    switch (t->type) {
    case TOK_VBAR: *op = AST_BITOR; return 1;
    case TOK_CIRCUMFLEX: *op = AST_BITXOR; return 2;
    case TOK_AMPER: *op = AST_BITAND; return 3;
    case TOK_LEFTSHIFT: *op = AST_LSHIFT; return 4;
    case TOK_RIGHTSHIFT: *op = AST_RSHIFT; return 4;
    case TOK_PLUS: *op = AST_ADD; return 5;
    case TOK_MINUS: *op = AST_SUB; return 5;
    case TOK_STAR: *op = AST_MULT; return 6;
    case TOK_SLASH: *op = AST_DIV; return 6;
    case TOK_DOUBLESLASH: *op = AST_FLOORDIV; return 6;
    case TOK_PERCENT: *op = AST_MOD; return 6;
    case TOK_AT: *op = AST_MATMULT; return 6;
    default: return 0;
    }
}

/* Precedence climbing over the left-associative binary levels >= min. */
static AstExpr *binary(Parser *p, int min)
{
    const LexToken *start = tok(p);
    AstExpr *left = factor(p);
    for (;;) {
        AstOperator op;
        int prec = binop_prec(tok(p), &op);
        AstExpr *right, *b;
        if (prec < min || prec == 0)
            return left;
        advance(p);
        if (prec < 6) {
            enter(p);
            right = binary(p, prec + 1);
            leave(p);
        } else {
            right = factor(p);
        }
        b = expr_span(p, AST_BIN_OP, left, right);
        START_AT(b, start);
        END_PREV(p, b);
        b->v.bin_op.left = left;
        b->v.bin_op.op = op;
        b->v.bin_op.right = right;
        left = b;
    }
}

/* bitwise_or: the whole binary-operator tower. */
static AstExpr *bitwise_or(Parser *p)
{
    return binary(p, 1);
}

/* A comparison operator at the current token, consumed; false if none. */
static bool comp_op(Parser *p, AstCmpOp *op)
{
    const LexToken *t = tok(p);
    switch (t->type) {
    case TOK_EQEQUAL: *op = AST_EQ; break;
    case TOK_NOTEQUAL: *op = AST_NOTEQ; break;
    case TOK_LESS: *op = AST_LT; break;
    case TOK_LESSEQUAL: *op = AST_LTE; break;
    case TOK_GREATER: *op = AST_GT; break;
    case TOK_GREATEREQUAL: *op = AST_GTE; break;
    case TOK_NAME:
        if (t->kw == KW_IN) { *op = AST_IN; break; }
        if (t->kw == KW_NOT && peek(p, 1)->kw == KW_IN && peek(p, 1)->type == TOK_NAME) {
            advance(p);
            *op = AST_NOTIN;
            break;
        }
        if (t->kw == KW_IS) {
            if (peek(p, 1)->type == TOK_NAME && peek(p, 1)->kw == KW_NOT) {
                advance(p);
                *op = AST_ISNOT;
            } else {
                *op = AST_IS;
            }
            break;
        }
        return false;
    default:
        return false;
    }
    advance(p);
    return true;
}

/* comparison: bitwise_or (comp_op bitwise_or)*. */
static AstExpr *comparison(Parser *p)
{
    const LexToken *start = tok(p);
    AstExpr *left = bitwise_or(p), *c;
    Vec ops = {0}, comps = {0};
    AstCmpOp op;
    size_t i;
    while (comp_op(p, &op)) {
        AstCmpOp *o = palloc(p, sizeof *o);
        *o = op;
        vec_push(p, &ops, o);
        vec_push(p, &comps, bitwise_or(p));
    }
    if (!ops.n)
        return left;
    c = expr_span(p, AST_COMPARE, left, (AstExpr *)comps.items[comps.n - 1]);
    START_AT(c, start);
    END_PREV(p, c);
    c->v.compare.left = left;
    c->v.compare.ops = palloc(p, ops.n * sizeof(AstCmpOp));
    for (i = 0; i < ops.n; i++)
        c->v.compare.ops[i] = *(AstCmpOp *)ops.items[i];
    c->v.compare.comparators = VEC_AS(AstExpr **, comps);
    c->v.compare.n_comparators = comps.n;
    return c;
}

/* inversion: 'not' inversion | comparison. */
static AstExpr *inversion(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *e;
    if (!at_kw(p, KW_NOT))
        return comparison(p);
    advance(p);
    enter(p);
    e = expr_at(p, AST_UNARY_OP, t);
    e->v.unary_op.op = AST_NOT;
    e->v.unary_op.operand = inversion(p);
    leave(p);
    END_PREV(p, e);
    return e;
}

/* A BoolOp chain of `sub` joined by keyword kw. */
static AstExpr *bool_chain(Parser *p, AstExpr *(*sub)(Parser *), LexKeyword kw, AstBoolOp op)
{
    const LexToken *start = tok(p);
    AstExpr *first = sub(p), *e;
    Vec v = {0};
    if (!at_kw(p, kw))
        return first;
    vec_push(p, &v, first);
    while (accept_kw(p, kw))
        vec_push(p, &v, sub(p));
    e = expr_span(p, AST_BOOL_OP_EXPR, first, (AstExpr *)v.items[v.n - 1]);
    START_AT(e, start);
    END_PREV(p, e);
    e->v.bool_op.op = op;
    e->v.bool_op.values = VEC_AS(AstExpr **, v);
    e->v.bool_op.n_values = v.n;
    return e;
}

/* conjunction: inversion ('and' inversion)*. */
static AstExpr *conjunction(Parser *p)
{
    return bool_chain(p, inversion, KW_AND, AST_AND);
}

/* disjunction: conjunction ('or' conjunction)*. */
static AstExpr *disjunction(Parser *p)
{
    return bool_chain(p, conjunction, KW_OR, AST_OR);
}

/* lambdef: 'lambda' [params] ':' expression. */
static AstExpr *lambdef(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *e = expr_at(p, AST_LAMBDA, t);
    advance(p);
    enter(p);
    e->v.lambda.args = parameters(p, true, TOK_COLON);
    expect(p, TOK_COLON);
    e->v.lambda.body = expression(p);
    leave(p);
    END_PREV(p, e);
    return e;
}

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef. */
static AstExpr *expression(Parser *p)
{
    AstExpr *body, *e;
    if (at_kw(p, KW_LAMBDA))
        return lambdef(p);
    const LexToken *start = tok(p);
    body = disjunction(p);
    if (!at_kw(p, KW_IF))
        return body;
    advance(p);
    enter(p);
    e = expr_span(p, AST_IF_EXP, body, body);
    START_AT(e, start);
    e->v.if_exp.body = body;
    e->v.if_exp.test = disjunction(p);
    if (!accept_kw(p, KW_ELSE)) {
        if (p->pr->new_parser && (at(p, TOK_NEWLINE) || at(p, TOK_RPAR) || at(p, TOK_COMMA)))
            error_range(p, SE_EXPECTED_ELSE, body->lineno, body->col_offset,
                        prev(p)->end_lineno, prev(p)->end_col_offset);
        syntax_error(p);
    }
    e->v.if_exp.orelse = expression(p);
    leave(p);
    END_PREV(p, e);
    return e;
}

/* named_expression: NAME ':=' expression | expression (with the
 * "Maybe you meant '=='" diagnosis for NAME '=' ...). */
static AstExpr *named_expression(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *e;
    if (at_name(p) && peek(p, 1)->type == TOK_COLONEQUAL) {
        AstExpr *target = name_node(p, t, AST_STORE);
        advance(p);
        advance(p);
        e = expr_at(p, AST_NAMED_EXPR, t);
        e->v.named_expr.target = target;
        e->v.named_expr.value = expression(p);
        END_PREV(p, e);
        return e;
    }
    e = expression(p);
    if (at(p, TOK_EQUAL) && p->pr->new_parser) {
        AstExpr *rhs;
        advance(p);
        if (!starts_expression(p) && !at(p, TOK_STAR))
            syntax_error(p);
        rhs = bitwise_or(p);
        if (at(p, TOK_EQUAL) || at(p, TOK_COLONEQUAL))
            syntax_error(p);
        if (e->kind == AST_NAME)
            error_range(p, SE_MAYBE_EQ, e->lineno, e->col_offset, rhs->end_lineno, rhs->end_col_offset);
        if (e->kind != AST_LIST && e->kind != AST_TUPLE && e->kind != AST_GENERATOR_EXP &&
            !(e->kind == AST_CONSTANT && e->v.constant.kind <= AST_CONST_FALSE)) {
            err_s1(p, expr_name(p, e));
            error_node(p, SE_ASSIGN_TO_MAYBE_EQ, e);
        }
    }
    return e;
}

/* star_expression: '*' bitwise_or | expression. */
static AstExpr *star_expression(Parser *p)
{
    if (at(p, TOK_STAR)) {
        const LexToken *t = tok(p);
        AstExpr *e;
        advance(p);
        e = expr_at(p, AST_STARRED, t);
        e->v.starred.value = bitwise_or(p);
        END_PREV(p, e);
        return e;
    }
    return expression(p);
}

/* star_expressions: star_expression (',' star_expression)* [','] (a Tuple if a comma). */
static AstExpr *star_expressions(Parser *p)
{
    const LexToken *start = tok(p);
    AstExpr *first = star_expression(p), *t;
    Vec v = {0};
    if (!at(p, TOK_COMMA))
        return first;
    vec_push(p, &v, first);
    while (accept(p, TOK_COMMA) && starts_expression_or_star(p))
        vec_push(p, &v, star_expression(p));
    t = expr_span(p, AST_TUPLE, first, first);
    START_AT(t, start);
    END_PREV(p, t);
    t->v.tuple.elts = VEC_AS(AstExpr **, v);
    t->v.tuple.n_elts = v.n;
    return t;
}

/* ---- string literals ------------------------------------------------ */

/* Growable byte buffer in the arena. */
typedef struct {
    char *s;
    size_t n, cap;
} Bytes;

/* Append n bytes. */
static void bytes_add(Parser *p, Bytes *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t ncap = (b->n + n + 1) * 2 + 16;
        char *ns = palloc(p, ncap);
        if (b->n)
            memcpy(ns, b->s, b->n);
        b->s = ns;
        b->cap = ncap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Append a code point as UTF-8 (surrogates as 3-byte WTF-8). */
static void bytes_add_cp(Parser *p, Bytes *b, unsigned cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xc0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3f)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
    } else {
        u[0] = (char)(0xf0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); u[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
    }
    bytes_add(p, b, u, n);
}

/* The parts of one STRING token. */
typedef struct {
    const LexToken *tok;
    bool is_bytes, is_raw, is_f, is_u, triple;
    char quote;
    size_t bs, be; /* body */
} StrTok;

/* Split a STRING token into prefix flags and body. */
static void str_tok(Parser *p, const LexToken *t, StrTok *st)
{
    const char *b = p->lex->buf;
    size_t i = t->start;
    memset(st, 0, sizeof *st);
    st->tok = t;
    for (; b[i] != '\'' && b[i] != '"'; i++) {
        int c = b[i] | 0x20;
        if (c == 'b') st->is_bytes = true;
        else if (c == 'r') st->is_raw = true;
        else if (c == 'f') st->is_f = true;
        else if (c == 'u') st->is_u = true;
    }
    st->quote = b[i];
    st->triple = b[i + 1] == b[i] && b[i + 2] == b[i] && t->end - i >= 6;
    st->bs = i + (st->triple ? 3 : 1);
    st->be = t->end - (st->triple ? 3 : 1);
}

/* A unicode-escape decoding error over body offsets [a, z]. */
static _Noreturn void escape_error(Parser *p, const StrTok *st, size_t a, size_t z, const char *why)
{
    const LexToken *t = st->tok;
    err_s1(p, why);
    p->err->n1 = (long)(a - st->bs);
    p->err->n2 = (long)(z - st->bs);
    if (!p->pr->new_parser || p->pr->pep701_fstrings)
        error_range(p, SE_UNICODE_ESCAPE, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset);
    error_range(p, SE_UNICODE_ESCAPE, t->end_lineno, t->end_col_offset, t->end_lineno, t->end_col_offset);
}

/* Read exactly n hex digits at i; false if fewer. */
static bool hex_digits(const char *b, size_t i, size_t end, int n, unsigned *out)
{
    unsigned v = 0;
    int k;
    for (k = 0; k < n; k++) {
        int c = i + (size_t)k < end ? b[i + (size_t)k] : 0;
        if (c >= '0' && c <= '9') v = v * 16 + (unsigned)(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') v = v * 16 + (unsigned)((c | 0x20) - 'a' + 10);
        else return false;
    }
    *out = v;
    return true;
}

/* Free a warning list. */
static void warnlist_free(WarnList *w)
{
    if (w)
        free(w->v);
    free(w);
}

/* Note (3.12+) that the literal of ST has an invalid escape: WHAT, N bytes. */
static void warn_escape(Parser *p, const StrTok *st, const char *kind, const char *what, size_t n)
{
    WarnList *w = p->warns;
    if (!p->pr->escape_warnings || !w || w->last == st->tok)
        return;
    w->last = st->tok;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 8;
        AstWarning *v = realloc(w->v, w->cap * sizeof *v);
        if (!v)
            return;
        w->v = v;
    }
    AstWarning *a = &w->v[w->n++];
    a->lineno = st->tok->lineno;
    snprintf(a->text, sizeof a->text, "invalid %sescape sequence '\\%.*s'", kind, (int)n, what);
}

/* Decode one escape sequence at b[i] == '\\'; returns the index after it. */
static size_t decode_escape(Parser *p, const StrTok *st, Bytes *out, size_t i, size_t end)
{
    const char *b = p->lex->buf;
    char c = i + 1 < end ? b[i + 1] : '\\';
    unsigned v;
    static const char simple_in[] = "\n\\'\"abfnrtv", simple_out[] = "\0\\'\"\a\b\f\n\r\t\v";
    const char *k = strchr(simple_in, c);
    if (k && c) {
        if (c != '\n')
            bytes_add(p, out, simple_out + (k - simple_in), 1);
        return i + 2;
    }
    if (c >= '0' && c <= '7') {
        size_t j = i + 1;
        v = 0;
        while (j < end && j < i + 4 && b[j] >= '0' && b[j] <= '7')
            v = v * 8 + (unsigned)(b[j++] - '0');
        if (v > 0377)
            warn_escape(p, st, "octal ", b + i + 1, j - i - 1);
        if (st->is_bytes) {
            char ch = (char)(v & 0xff);
            bytes_add(p, out, &ch, 1);
        } else {
            bytes_add_cp(p, out, v);
        }
        return j;
    }
    if (c == 'x') {
        if (!hex_digits(b, i + 2, end, 2, &v)) {
            size_t z = i + 1;
            while (z + 1 < end && z < i + 3 && strchr("0123456789abcdefABCDEF", b[z + 1]))
                z++;
            escape_error(p, st, i, z, st->is_bytes ? "truncated \\xXX escape" : "truncated \\xXX escape");
        }
        if (st->is_bytes) {
            char ch = (char)v;
            bytes_add(p, out, &ch, 1);
        } else {
            bytes_add_cp(p, out, v);
        }
        return i + 4;
    }
    if (!st->is_bytes && (c == 'u' || c == 'U')) {
        int n = c == 'u' ? 4 : 8;
        if (!hex_digits(b, i + 2, end, n, &v)) {
            size_t z = i + 1;
            while (z + 1 < end && z < i + 1 + (size_t)n && strchr("0123456789abcdefABCDEF", b[z + 1]))
                z++;
            escape_error(p, st, i, z, c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
        }
        if (v > 0x10ffff)
            escape_error(p, st, i, i + 1 + (size_t)n, "illegal Unicode character");
        bytes_add_cp(p, out, v);
        return i + 2 + (size_t)n;
    }
    if (!st->is_bytes && c == 'N') {
        err_s1(p, "\\N{...} escapes");
        error_tok(p, SE_UNSUPPORTED, st->tok);
    }
    warn_escape(p, st, "", b + i + 1, i + 1 < end ? 1 : 0);
    bytes_add(p, out, "\\", 1);
    return i + 1;
}

/* Decode a literal piece [i, end) of a string body (escapes unless raw). */
static void decode_piece(Parser *p, const StrTok *st, Bytes *out, size_t i, size_t end)
{
    const char *b = p->lex->buf;
    while (i < end) {
        if (b[i] == '\\' && !st->is_raw) {
            i = decode_escape(p, st, out, i, end);
        } else {
            if (st->is_bytes && (unsigned char)b[i] >= 0x80) {
                const LexToken *t = st->tok;
                error_range(p, SE_BYTES_NONASCII, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset);
            }
            if (b[i] == '\\' && i + 1 < end) {
                bytes_add(p, out, b + i, 2);
                i += 2;
                continue;
            }
            bytes_add(p, out, b + i, 1);
            i++;
        }
    }
}

/* ---- f-strings ------------------------------------------------------ */

/* Where an f-string error is reported: 3.12+ at the character, 3.11 after
 * the token, 3.8 at column 1 of the string's line. */
static _Noreturn void fstring_error(Parser *p, SyntaxErrKind kind, const StrTok *st, size_t at)
{
    const LexToken *t = st->tok;
    if (p->pr->pep701_fstrings) {
        int line = t->lineno;
        size_t ls, k;
        for (k = t->start; k < at; k++)
            if (p->lex->buf[k] == '\n')
                line++;
        ls = p->root->line_starts[line - 1];
        error_range(p, kind, line, (int)(at - ls), line,
                    (int)(at - ls) + (kind != SE_FSTRING_EXPECTING_BRACE && kind != SE_FSTRING_SINGLE_BRACE));
    }
    if (p->pr->new_parser)
        error_range(p, kind, t->end_lineno, t->end_col_offset, t->end_lineno, t->end_col_offset);
    error_range(p, kind, t->lineno, 0, t->lineno, 0);
}

/* A Constant(str) piece of a JoinedStr. */
static AstExpr *fstring_constant(Parser *p, const LexToken *t, Bytes *lit)
{
    AstExpr *e = expr_at(p, AST_CONSTANT, t);
    e->v.constant.kind = AST_CONST_STR;
    e->v.constant.str = lit->s ? lit->s : pstrndup(p, "", 0);
    e->v.constant.len = lit->n;
    return e;
}

/* Move accumulated literal text into the value list. */
static void fstring_flush(Parser *p, const LexToken *t, Vec *values, Bytes *lit)
{
    if (lit->n == 0)
        return;
    vec_push(p, values, fstring_constant(p, t, lit));
    memset(lit, 0, sizeof *lit);
}

/* End of a replacement field's expression starting at i. */
static size_t fstring_expr_end(Parser *p, const StrTok *st, size_t i, size_t end)
{
    const char *b = p->lex->buf;
    int depth = 0;
    while (i < end) {
        char c = b[i];
        if (c == '\'' || c == '"') {
            LexStringError e;
            size_t n = lexer_scan_string(b, end, i, p->pr->pep701_fstrings, &e);
            if (!n)
                fstring_error(p, SE_FSTRING_EXPECTING_BRACE, st, end);
            i = n;
            continue;
        }
        if (c == '\\' && !p->pr->pep701_fstrings)
            fstring_error(p, SE_FSTRING_BACKSLASH, st, i);
        if (c == '(' || c == '[' || c == '{')
            depth++;
        else if (c == ')' || c == ']' || (c == '}' && depth > 0))
            depth--;
        else if (depth == 0 && (c == '}' || c == ':'))
            return i;
        else if (depth == 0 && c == '!' && b[i + 1] != '=')
            return i;
        else if (depth == 0 && c == '=' && b[i + 1] != '=' && i > 0 &&
                 !strchr("=!<>", b[i - 1]))
            return i;
        i++;
    }
    return i;
}

/* Parse bytes [a, z) of the file as a parenthesized expression. */
static AstExpr *fstring_compile(Parser *p, const StrTok *st, size_t a, size_t z)
{
    Lexer sub;
    Parser q = *p;
    AstExpr *e;
    LexToken *toks;
    if (!lexer_tokenize_range(&sub, p->root, a, z)) {
        lexer_free(&sub);
        palloc(p, (size_t)1 << 62); /* out of memory: reported as MemoryError */
    }
    toks = palloc(p, sub.n_toks * sizeof *toks);
    memcpy(toks, sub.toks, sub.n_toks * sizeof *toks);
    if (sub.has_error) {
        *p->err = sub.err;
        p->err->text = p->err->msg = NULL;
        lexer_free(&sub);
        fail(p);
    }
    lexer_free(&sub);
    q.toks = toks;
    q.pos = 0;
    q.fstring_depth++;
    if (at_kw(&q, KW_LAMBDA) && p->pr->pep701_fstrings)
        error_range(p, SE_FSTRING_LAMBDA, toks[0].lineno, toks[0].col_offset,
                    toks[0].lineno, (int)(z - p->root->line_starts[toks[0].lineno - 1]));
    (void)st;
    e = at_kw(&q, KW_YIELD) ? yield_expr(&q) : star_expressions(&q);
    if (!at(&q, TOK_ENDMARKER))
        syntax_error(&q);
    return e;
}

static size_t fstring_field(Parser *p, const StrTok *st, size_t i, size_t end, Vec *values,
                            Bytes *lit, int nest);

/* Literal text and nested fields of a format spec; returns index of its '}'. */
static size_t fstring_spec(Parser *p, const StrTok *st, size_t i, size_t end, AstExpr **spec, int nest)
{
    Vec values = {0};
    Bytes lit = {0};
    const char *b = p->lex->buf;
    size_t start = i;
    while (i < end && b[i] != '}') {
        if (b[i] == '{') {
            if (!p->pr->pep701_fstrings && nest >= 1)
                fstring_error(p, SE_FSTRING_TOO_DEEP, st, i);
            i = fstring_field(p, st, i + 1, end, &values, &lit, nest + 1);
        } else if (b[i] == '\\' && !st->is_raw) {
            i = decode_escape(p, st, &lit, i, end);
        } else {
            bytes_add(p, &lit, b + i, 1);
            i++;
        }
    }
    (void)start;
    fstring_flush(p, st->tok, &values, &lit);
    *spec = expr_at(p, AST_JOINED_STR, st->tok);
    (*spec)->v.joined_str.values = VEC_AS(AstExpr **, values);
    (*spec)->v.joined_str.n_values = values.n;
    return i;
}

/* One replacement field after '{'; returns the index after its '}'. */
static size_t fstring_field(Parser *p, const StrTok *st, size_t i, size_t end, Vec *values,
                            Bytes *lit, int nest)
{
    const char *b = p->lex->buf;
    size_t ee = fstring_expr_end(p, st, i, end), k;
    AstExpr *fv = expr_at(p, AST_FORMATTED_VALUE, st->tok);
    bool blank = true, debug = false;
    for (k = i; k < ee; k++)
        if (!strchr(" \t\n\f", b[k]))
            blank = false;
    if (ee >= end)
        fstring_error(p, SE_FSTRING_EXPECTING_BRACE, st, end);
    if (blank) {
        char s[2] = {b[ee], 0};
        err_s1(p, s);
        fstring_error(p, SE_FSTRING_EMPTY, st, ee);
    }
    fv->v.formatted_value.value = fstring_compile(p, st, i, ee);
    fv->v.formatted_value.conversion = -1;
    if (b[ee] == '=') {
        debug = true;
        bytes_add(p, lit, b + i, ee + 1 - i);
        ee++;
        while (ee < end && strchr(" \t\n\f", b[ee])) {
            bytes_add(p, lit, b + ee, 1);
            ee++;
        }
    }
    fstring_flush(p, st->tok, values, lit);
    if (ee < end && b[ee] == '!') {
        char c = ee + 1 < end ? b[ee + 1] : 0;
        if (c == '}' || c == ':' || c == 0)
            fstring_error(p, SE_FSTRING_MISSING_CONVERSION, st, ee + 1);
        if ((c != 's' && c != 'r' && c != 'a') || (b[ee + 2] != '}' && b[ee + 2] != ':')) {
            char s[2] = {c, 0};
            err_s1(p, s);
            fstring_error(p, SE_FSTRING_CONVERSION, st, ee + 1);
        }
        fv->v.formatted_value.conversion = c;
        ee += 2;
    }
    if (ee < end && b[ee] == ':')
        ee = fstring_spec(p, st, ee + 1, end, &fv->v.formatted_value.format_spec, nest);
    if (ee >= end || b[ee] != '}')
        fstring_error(p, SE_FSTRING_EXPECTING_BRACE, st, ee);
    if (debug && fv->v.formatted_value.conversion == -1 && !fv->v.formatted_value.format_spec)
        fv->v.formatted_value.conversion = 'r';
    vec_push(p, values, fv);
    return ee + 1;
}

/* The body of an f-string token into values (literal text accumulates in lit). */
static void fstring_body(Parser *p, const StrTok *st, Vec *values, Bytes *lit)
{
    const char *b = p->lex->buf;
    size_t i = st->bs;
    while (i < st->be) {
        char c = b[i];
        if (c == '{' && i + 1 < st->be && b[i + 1] == '{') {
            bytes_add(p, lit, "{", 1);
            i += 2;
        } else if (c == '{') {
            i = fstring_field(p, st, i + 1, st->be, values, lit, 0);
        } else if (c == '}' && i + 1 < st->be && b[i + 1] == '}') {
            bytes_add(p, lit, "}", 1);
            i += 2;
        } else if (c == '}') {
            fstring_error(p, SE_FSTRING_SINGLE_BRACE, st, i);
        } else if (c == '\\' && !st->is_raw) {
            size_t j = i + 1;
            if (b[j] == 'N' && b[j + 1] == '{') {
                err_s1(p, "\\N{...} escapes");
                error_tok(p, SE_UNSUPPORTED, st->tok);
            }
            i = decode_escape(p, st, lit, i, st->be);
        } else {
            bytes_add(p, lit, b + i, 1);
            i++;
        }
    }
}

/* strings: one or more adjacent STRING tokens, concatenated. */
static AstExpr *strings(Parser *p)
{
    const LexToken *first = tok(p);
    Vec values = {0};
    Bytes lit = {0};
    bool any_f = false, any_bytes = false, any_str = false, first_u;
    StrTok st;
    AstExpr *e;
    str_tok(p, first, &st);
    first_u = st.is_u;
    while (at(p, TOK_STRING)) {
        str_tok(p, tok(p), &st);
        advance(p);
        if (st.is_bytes) any_bytes = true; else any_str = true;
        if (any_bytes && any_str) {
            if (p->pr->new_parser)
                error_tok(p, SE_MIX_BYTES, tok(p));
            error_tok(p, SE_MIX_BYTES, first);
        }
        if (st.is_f) {
            any_f = true;
            fstring_body(p, &st, &values, &lit);
        } else {
            decode_piece(p, &st, &lit, st.bs, st.be);
        }
    }
    if (!any_f) {
        e = expr_at(p, AST_CONSTANT, first);
        e->v.constant.kind = any_bytes ? AST_CONST_BYTES : AST_CONST_STR;
        e->v.constant.str = lit.s ? lit.s : pstrndup(p, "", 0);
        e->v.constant.len = lit.n;
        e->v.constant.is_u = first_u;
        END_PREV(p, e);
        return e;
    }
    fstring_flush(p, first, &values, &lit);
    e = expr_at(p, AST_JOINED_STR, first);
    e->v.joined_str.values = VEC_AS(AstExpr **, values);
    e->v.joined_str.n_values = values.n;
    END_PREV(p, e);
    return e;
}

/* yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]. */
static AstExpr *yield_expr(Parser *p)
{
    const LexToken *t = tok(p);
    AstExpr *e;
    advance(p);
    if (accept_kw(p, KW_FROM)) {
        e = expr_at(p, AST_YIELD_FROM, t);
        e->v.yield_from.value = expression(p);
    } else {
        e = expr_at(p, AST_YIELD, t);
        if (starts_expression_or_star(p))
            e->v.yield.value = star_expressions(p);
    }
    END_PREV(p, e);
    return e;
}

/* ---- parameters ----------------------------------------------------- */

/* One parameter name with an optional annotation (not in lambdas). */
static AstArg *param(Parser *p, bool is_lambda)
{
    const LexToken *t = tok(p);
    AstArg *a;
    if (!at_name(p))
        syntax_error(p);
    a = palloc(p, sizeof *a);
    a->arg = tok_text(p, t);
    a->lineno = t->lineno;
    a->col_offset = t->col_offset;
    advance(p);
    if (!is_lambda && accept(p, TOK_COLON))
        a->annotation = expression(p);
    END_PREV(p, a);
    return a;
}

/* Raise "duplicate argument" if any two parameters share a name. */
static void check_duplicate_params(Parser *p, AstArguments *a, const LexToken *start)
{
    AstArg *all[4096];
    size_t n = 0, i, j;
#define ADD(x) do { if ((x) && n < 4096) all[n++] = (x); } while (0)
    for (i = 0; i < a->n_posonlyargs; i++) ADD(a->posonlyargs[i]);
    for (i = 0; i < a->n_args; i++) ADD(a->args[i]);
    ADD(a->vararg);
    for (i = 0; i < a->n_kwonlyargs; i++) ADD(a->kwonlyargs[i]);
    ADD(a->kwarg);
#undef ADD
    for (i = 1; i < n; i++)
        for (j = 0; j < i; j++)
            if (strcmp(all[i]->arg, all[j]->arg) == 0) {
                err_s1(p, all[i]->arg);
                if (!p->pr->new_parser)
                    error_range(p, SE_DUPLICATE_ARGUMENT, start->lineno, 0, start->lineno, 0);
                error_node(p, SE_DUPLICATE_ARGUMENT, all[i]);
            }
}

/* Positional parameters so far become positional-only at '/'. */
static void params_slash(Parser *p, AstArguments *a, Vec *args, bool seen_star)
{
    if (seen_star || args->n == 0 || a->n_posonlyargs)
        syntax_error(p);
    advance(p);
    a->posonlyargs = VEC_AS(AstArg **, *args);
    a->n_posonlyargs = args->n;
    memset(args, 0, sizeof *args);
}

/* parameters / lambda_params up to (not including) `close`. */
static AstArguments *parameters(Parser *p, bool is_lambda, LexTokType close)
{
    AstArguments *a = palloc(p, sizeof *a);
    Vec args = {0}, defaults = {0}, kwonly = {0}, kwdefaults = {0};
    bool seen_star = false, seen_default = false, after_kwarg = false;
    const LexToken *start = tok(p), *bare_star = NULL;
    while (!at(p, close)) {
        const LexToken *t = tok(p);
        if (after_kwarg) {
            if (at(p, TOK_RPAR) || at(p, TOK_COLON))
                break;
            error_tok(p, p->pr->new_parser ? SE_AFTER_KWARG : SE_INVALID_SYNTAX, t);
        }
        if (at(p, TOK_SLASH)) {
            params_slash(p, a, &args, seen_star);
        } else if (at(p, TOK_STAR)) {
            if (seen_star)
                error_tok(p, SE_STAR_ONCE, t);
            advance(p);
            seen_star = true;
            if (at_name(p))
                a->vararg = param(p, is_lambda);
            else
                bare_star = t;
        } else if (at(p, TOK_DOUBLESTAR)) {
            if (bare_star && kwonly.n == 0)
                error_tok(p, SE_BARE_STAR, p->pr->new_parser ? bare_star : t);
            advance(p);
            a->kwarg = param(p, is_lambda);
            after_kwarg = true;
        } else {
            AstArg *arg = param(p, is_lambda);
            AstExpr *def = accept(p, TOK_EQUAL) ? expression(p) : NULL;
            if (seen_star) {
                vec_push(p, &kwonly, arg);
                vec_push(p, &kwdefaults, def);
            } else if (def) {
                seen_default = true;
                vec_push(p, &args, arg);
                vec_push(p, &defaults, def);
            } else {
                if (seen_default) {
                    if (!p->pr->new_parser)
                        error_tok(p, SE_NONDEFAULT_AFTER_DEFAULT, start);
                    error_node(p, SE_NONDEFAULT_AFTER_DEFAULT, arg);
                }
                vec_push(p, &args, arg);
            }
        }
        if (!accept(p, TOK_COMMA))
            break;
    }
    if (bare_star && kwonly.n == 0)
        error_tok(p, SE_BARE_STAR, bare_star);
    a->args = VEC_AS(AstArg **, args);
    a->n_args = args.n;
    a->defaults = VEC_AS(AstExpr **, defaults);
    a->n_defaults = defaults.n;
    a->kwonlyargs = VEC_AS(AstArg **, kwonly);
    a->n_kwonlyargs = kwonly.n;
    a->kw_defaults = VEC_AS(AstExpr **, kwdefaults);
    check_duplicate_params(p, a, start);
    return a;
}

/* ---- targets -------------------------------------------------------- */

/* Mark an expression as an assignment (Store) or del (Del) target,
 * raising CPython's "cannot assign to ..." / "cannot delete ..." errors. */
static void set_context(Parser *p, AstExpr *e, AstExprContext ctx, bool top)
{
    size_t i;
    if (top || e->kind == AST_TUPLE || e->kind == AST_LIST)
        if (!p->target_root || top)
            p->target_root = e;
    switch (e->kind) {
    case AST_NAME:
        if (strcmp(e->v.name.id, "__debug__") == 0) {
            err_s1(p, "__debug__");
            error_node(p, SE_ASSIGN_TO_KEYWORD, e);
        }
        e->v.name.ctx = ctx;
        return;
    case AST_ATTRIBUTE: e->v.attribute.ctx = ctx; return;
    case AST_SUBSCRIPT: e->v.subscript.ctx = ctx; return;
    case AST_STARRED:
        if (ctx == AST_DEL) {
            err_s1(p, "starred");
            error_node(p, p->pr->new_parser ? SE_DELETE : SE_STARRED_HERE, e);
        }
        e->v.starred.ctx = ctx;
        set_context(p, e->v.starred.value, ctx, false);
        return;
    case AST_TUPLE: case AST_LIST:
        e->v.list.ctx = ctx;
        for (i = 0; i < e->v.list.n_elts; i++)
            set_context(p, e->v.list.elts[i], ctx, false);
        return;
    default:
        break;
    }
    err_s1(p, expr_name(p, e));
    if (!p->pr->new_parser && p->target_root && e != p->target_root &&
        e->kind != AST_YIELD && e->kind != AST_YIELD_FROM)
        e = (AstExpr *)p->target_root;
    if (ctx == AST_DEL)
        error_node(p, SE_DELETE, e);
    if (e->kind == AST_CONSTANT && e->v.constant.kind <= AST_CONST_FALSE)
        error_node(p, SE_ASSIGN_TO_KEYWORD, e);
    if (e->kind == AST_YIELD || e->kind == AST_YIELD_FROM)
        error_node(p, SE_YIELD_ASSIGN, e);
    error_node(p, top && p->pr->new_parser ? SE_ASSIGN_TO_MAYBE_EQ : SE_ASSIGN_TO, e);
}

/* Check starred targets of an assignment like the compiler does. */
static void check_starred_targets(Parser *p, AstExpr *t)
{
    size_t i, n = 0;
    if (t->kind == AST_STARRED)
        error_node(p, SE_STARRED_ALONE, t);
    if (t->kind != AST_TUPLE && t->kind != AST_LIST)
        return;
    for (i = 0; i < t->v.list.n_elts; i++)
        if (t->v.list.elts[i]->kind == AST_STARRED && ++n > 1) {
            if (p->pr->new_parser)
                error_node(p, SE_MULTIPLE_STARRED, t);
            error_node(p, SE_MULTIPLE_STARRED, t);
        }
}

/* ---- simple statements ---------------------------------------------- */

/* The augmented-assignment operator at the current token, if any. */
static bool augassign(const Parser *p, AstOperator *op)
{
    switch (tok(p)->type) {
    case TOK_PLUSEQUAL: *op = AST_ADD; return true;
    case TOK_MINEQUAL: *op = AST_SUB; return true;
    case TOK_STAREQUAL: *op = AST_MULT; return true;
    case TOK_ATEQUAL: *op = AST_MATMULT; return true;
    case TOK_SLASHEQUAL: *op = AST_DIV; return true;
    case TOK_PERCENTEQUAL: *op = AST_MOD; return true;
    case TOK_AMPEREQUAL: *op = AST_BITAND; return true;
    case TOK_VBAREQUAL: *op = AST_BITOR; return true;
    case TOK_CIRCUMFLEXEQUAL: *op = AST_BITXOR; return true;
    case TOK_LEFTSHIFTEQUAL: *op = AST_LSHIFT; return true;
    case TOK_RIGHTSHIFTEQUAL: *op = AST_RSHIFT; return true;
    case TOK_DOUBLESTAREQUAL: *op = AST_POW; return true;
    case TOK_DOUBLESLASHEQUAL: *op = AST_FLOORDIV; return true;
    default: return false;
    }
}

/* Right-hand side of an assignment: yield_expr | star_expressions. */
static AstExpr *assignment_value(Parser *p)
{
    return at_kw(p, KW_YIELD) ? yield_expr(p) : star_expressions(p);
}

/* "Missing parentheses in call to 'print'" for `print x`. */
static void check_legacy_print(Parser *p, AstStmt *s, AstExpr *e)
{
    const LexToken *arg = tok(p);
    const char *name;
    AstExpr *rest;
    if (e->kind != AST_NAME || !starts_expression(p))
        return;
    name = e->v.name.id;
    if (strcmp(name, "print") != 0 && strcmp(name, "exec") != 0)
        return;
    err_s1(p, name);
    if (!p->pr->new_parser && strcmp(name, "exec") == 0)
        error_tok(p, SE_MISSING_PARENS_EXEC, arg);
    if (!p->pr->new_parser) {
        size_t a = arg->start, z = a;
        while (z < p->lex->len && p->lex->buf[z] != '\n')
            z++;
        while (z > a && (p->lex->buf[z - 1] == ' ' || p->lex->buf[z - 1] == ';'))
            z--;
        snprintf(p->err->s2, sizeof p->err->s2, "%.*s", (int)(z - a), p->lex->buf + a);
        error_tok(p, SE_MISSING_PARENS, arg);
    }
    rest = star_expressions(p);
    error_range(p, strcmp(name, "exec") == 0 ? SE_MISSING_PARENS_EXEC : SE_MISSING_PARENS,
                s->lineno, s->col_offset, rest->end_lineno, rest->end_col_offset);
}

/* Expression statement, assignment, augmented or annotated assignment. */
static AstStmt *expr_stmt(Parser *p)
{
    const LexToken *t = tok(p);
    AstStmt *s = stmt_at(p, AST_EXPR, t);
    bool parenthesized = at(p, TOK_LPAR);
    AstExpr *e = at_kw(p, KW_YIELD) ? yield_expr(p) : star_expressions(p);
    AstOperator op;
    if (at(p, TOK_EQUAL)) {
        Vec targets = {0};
        AstExpr *value = e;
        size_t i;
        while (accept(p, TOK_EQUAL)) {
            vec_push(p, &targets, value);
            value = assignment_value(p);
        }
        for (i = 0; i < targets.n; i++) {
            AstExpr *tg = targets.items[i];
            bool last = i + 1 == targets.n;
            p->target_root = tg;
            set_context(p, tg, AST_STORE, last && tg->kind != AST_TUPLE && tg->kind != AST_LIST);
            p->target_root = NULL;
        }
        for (i = 0; i < targets.n; i++)
            check_starred_targets(p, targets.items[i]);
        if (value->kind == AST_STARRED)
            error_node(p, SE_STARRED_HERE, value);
        s->kind = AST_ASSIGN;
        s->v.assign.targets = VEC_AS(AstExpr **, targets);
        s->v.assign.n_targets = targets.n;
        s->v.assign.value = value;
    } else if (augassign(p, &op)) {
        if (e->kind != AST_NAME && e->kind != AST_ATTRIBUTE && e->kind != AST_SUBSCRIPT) {
            err_s1(p, expr_name(p, e));
            if (!p->pr->new_parser) {
                set_context(p, e, AST_STORE, false);
            }
            error_node(p, SE_AUG_ASSIGN_TO, e);
        }
        set_context(p, e, AST_STORE, false);
        advance(p);
        s->kind = AST_AUG_ASSIGN;
        s->v.aug_assign.target = e;
        s->v.aug_assign.op = op;
        s->v.aug_assign.value = assignment_value(p);
    } else if (at(p, TOK_COLON)) {
        if (e->kind == AST_TUPLE || e->kind == AST_LIST) {
            err_s1(p, e->kind == AST_TUPLE ? "tuple" : "list");
            error_node(p, SE_ANNOTATE_TUPLE, e->kind == AST_TUPLE && !parenthesized ? e->v.tuple.elts[0] : e);
        }
        if (e->kind != AST_NAME && e->kind != AST_ATTRIBUTE && e->kind != AST_SUBSCRIPT) {
            err_s1(p, expr_name(p, e));
            error_node(p, SE_ASSIGN_TO, e);
        }
        set_context(p, e, AST_STORE, false);
        advance(p);
        s->kind = AST_ANN_ASSIGN;
        s->v.ann_assign.target = e;
        s->v.ann_assign.annotation = expression(p);
        s->v.ann_assign.simple = e->kind == AST_NAME && !parenthesized;
        if (accept(p, TOK_EQUAL))
            s->v.ann_assign.value = assignment_value(p);
    } else {
        check_legacy_print(p, s, e);
        if (e->kind == AST_STARRED)
            error_node(p, SE_STARRED_HERE, e);
        s->v.expr.value = e;
    }
    END_PREV(p, s);
    return s;
}

/* A dotted name `a.b.c` as one string. */
static char *dotted_name(Parser *p)
{
    Bytes b = {0};
    if (!at_name(p))
        syntax_error(p);
    bytes_add(p, &b, p->lex->buf + tok(p)->start, tok(p)->end - tok(p)->start);
    advance(p);
    while (at(p, TOK_DOT)) {
        advance(p);
        if (!at_name(p))
            syntax_error(p);
        bytes_add(p, &b, ".", 1);
        bytes_add(p, &b, p->lex->buf + tok(p)->start, tok(p)->end - tok(p)->start);
        advance(p);
    }
    return b.s;
}

/* `name [as asname]` (dotted if `dotted`). */
static AstAlias *alias(Parser *p, bool dotted)
{
    const LexToken *t = tok(p);
    AstAlias *a = palloc(p, sizeof *a);
    a->lineno = t->lineno;
    a->col_offset = t->col_offset;
    if (dotted) {
        a->name = dotted_name(p);
    } else {
        if (!at_name(p))
            syntax_error(p);
        a->name = tok_text(p, t);
        advance(p);
    }
    if (accept_kw(p, KW_AS)) {
        if (!at_name(p))
            syntax_error(p);
        a->asname = tok_text(p, tok(p));
        advance(p);
    }
    END_PREV(p, a);
    return a;
}

/* import_name: 'import' dotted_as_names. */
static AstStmt *import_name(Parser *p, AstStmt *s)
{
    Vec v = {0};
    s->kind = AST_IMPORT;
    if (!at_name(p) && p->pr->messages[SE_IMPORT_EXPECTED_NAMES].fmt[0] != 'i')
        error_tok(p, SE_IMPORT_EXPECTED_NAMES, tok(p));
    do
        vec_push(p, &v, alias(p, true));
    while (accept(p, TOK_COMMA));
    s->v.import.names = VEC_AS(AstAlias **, v);
    s->v.import.n_names = v.n;
    return s;
}

/* import_from: 'from' ('.' | '...')* dotted_name 'import' targets. */
static AstStmt *import_from(Parser *p, AstStmt *s)
{
    Vec v = {0};
    s->kind = AST_IMPORT_FROM;
    for (;;) {
        if (accept(p, TOK_DOT)) s->v.import_from.level += 1;
        else if (accept(p, TOK_ELLIPSIS)) s->v.import_from.level += 3;
        else break;
    }
    if (!at_kw(p, KW_IMPORT))
        s->v.import_from.module = dotted_name(p);
    if (!accept_kw(p, KW_IMPORT))
        syntax_error(p);
    if (at(p, TOK_STAR)) {
        const LexToken *t = tok(p);
        AstAlias *a = palloc(p, sizeof *a);
        advance(p);
        a->name = "*";
        a->lineno = t->lineno;
        a->col_offset = t->col_offset;
        END_PREV(p, a);
        vec_push(p, &v, a);
    } else if (accept(p, TOK_LPAR)) {
        do {
            if (at(p, TOK_RPAR))
                break;
            vec_push(p, &v, alias(p, false));
        } while (accept(p, TOK_COMMA));
        expect(p, TOK_RPAR);
    } else {
        if (!at_name(p) && p->pr->messages[SE_IMPORT_EXPECTED_NAMES].fmt[0] != 'i')
            error_tok(p, SE_IMPORT_EXPECTED_NAMES, tok(p));
        do {
            if ((at(p, TOK_NEWLINE) || at(p, TOK_SEMI)) && prev(p)->type == TOK_COMMA) {
                if (!p->pr->new_parser)
                    error_tok(p, SE_TRAILING_COMMA_IMPORT, prev(p));
                error_tok(p, SE_TRAILING_COMMA_IMPORT, tok(p));
            }
            vec_push(p, &v, alias(p, false));
        } while (accept(p, TOK_COMMA));
    }
    s->v.import_from.names = VEC_AS(AstAlias **, v);
    s->v.import_from.n_names = v.n;
    return s;
}

/* global / nonlocal NAME (',' NAME)*. */
static AstStmt *global_stmt(Parser *p, AstStmt *s, AstStmtKind kind)
{
    Vec v = {0};
    s->kind = kind;
    do {
        if (!at_name(p))
            syntax_error(p);
        vec_push(p, &v, tok_text(p, tok(p)));
        advance(p);
    } while (accept(p, TOK_COMMA));
    s->v.global.names = VEC_AS(const char **, v);
    s->v.global.n_names = v.n;
    return s;
}

/* del_stmt: 'del' del_targets. */
static AstStmt *del_stmt(Parser *p, AstStmt *s)
{
    Vec v = {0};
    s->kind = AST_DELETE;
    do {
        AstExpr *e;
        if (at(p, TOK_NEWLINE) || at(p, TOK_SEMI))
            break;
        e = at(p, TOK_STAR) ? star_expression(p) : bitwise_or(p);
        if (comp_op(p, &(AstCmpOp){0}) || at_kw(p, KW_AND) || at_kw(p, KW_OR) || at_kw(p, KW_IF))
            syntax_error(p);
        set_context(p, e, AST_DEL, false);
        vec_push(p, &v, e);
    } while (accept(p, TOK_COMMA));
    if (v.n == 0)
        syntax_error(p);
    s->v.delete_.targets = VEC_AS(AstExpr **, v);
    s->v.delete_.n_targets = v.n;
    return s;
}

/* One simple statement. */
static AstStmt *simple_stmt(Parser *p)
{
    const LexToken *t = tok(p);
    AstStmt *s;
    if (t->type != TOK_NAME || t->kw == KW_NONE_ || t->kw == KW_NONE || t->kw == KW_TRUE ||
        t->kw == KW_FALSE || t->kw == KW_NOT || t->kw == KW_LAMBDA || t->kw == KW_AWAIT ||
        t->kw == KW_YIELD)
        return expr_stmt(p);
    s = stmt_at(p, AST_PASS, t);
    advance(p);
    switch (t->kw) {
    case KW_PASS: s->kind = AST_PASS; break;
    case KW_BREAK: s->kind = AST_BREAK; break;
    case KW_CONTINUE: s->kind = AST_CONTINUE; break;
    case KW_RETURN:
        s->kind = AST_RETURN;
        if (starts_expression_or_star(p))
            s->v.return_.value = star_expressions(p);
        break;
    case KW_RAISE:
        s->kind = AST_RAISE;
        if (starts_expression(p)) {
            s->v.raise.exc = expression(p);
            if (accept_kw(p, KW_FROM))
                s->v.raise.cause = expression(p);
        }
        break;
    case KW_GLOBAL: global_stmt(p, s, AST_GLOBAL); break;
    case KW_NONLOCAL: global_stmt(p, s, AST_NONLOCAL); break;
    case KW_DEL: del_stmt(p, s); break;
    case KW_ASSERT:
        s->kind = AST_ASSERT;
        s->v.assert_.test = expression(p);
        if (accept(p, TOK_COMMA))
            s->v.assert_.msg = expression(p);
        break;
    case KW_IMPORT: import_name(p, s); break;
    case KW_FROM: import_from(p, s); break;
    default:
        p->pos--;
        syntax_error(p);
    }
    END_PREV(p, s);
    return s;
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE. */
static void simple_stmts(Parser *p, Vec *out)
{
    for (;;) {
        vec_push(p, out, simple_stmt(p));
        if (!accept(p, TOK_SEMI))
            break;
        if (at(p, TOK_NEWLINE))
            break;
    }
    if (!accept(p, TOK_NEWLINE))
        syntax_error(p);
}

/* ---- compound statements -------------------------------------------- */

/* block: NEWLINE INDENT statements DEDENT | simple_stmts. */
static AstStmt **block(Parser *p, const char *what, int line, size_t *n)
{
    Vec v = {0};
    if (!accept(p, TOK_NEWLINE)) {
        simple_stmts(p, &v);
        *n = v.n;
        return VEC_AS(AstStmt **, v);
    }
    if (!at(p, TOK_INDENT)) {
        const LexToken *t = tok(p);
        if (t->type == TOK_ERRORTOKEN)
            lexer_error(p);
        err_s1(p, what);
        p->err->n1 = line;
        if (t->type == TOK_ENDMARKER) {
            if (!p->pr->new_parser)
                error_eof(p);
            t = prev(p);
            error_range(p, SE_EXPECTED_INDENT, t->lineno, t->col_offset, t->lineno, -2);
        }
        error_tok(p, SE_EXPECTED_INDENT, t);
    }
    advance(p);
    enter(p);
    while (!at(p, TOK_DEDENT) && !at(p, TOK_ENDMARKER))
        statement(p, &v);
    leave(p);
    expect(p, TOK_DEDENT);
    *n = v.n;
    return VEC_AS(AstStmt **, v);
}

/* Set a compound statement's end to the end of its last body statement. */
static void end_at_last(AstStmt *s, AstStmt **body, size_t n)
{
    if (n) {
        s->end_lineno = body[n - 1]->end_lineno;
        s->end_col_offset = body[n - 1]->end_col_offset;
    }
}

/* if_stmt / elif chain. */
static AstStmt *if_stmt(Parser *p, const char *what)
{
    const LexToken *t = tok(p);
    AstStmt *s = stmt_at(p, AST_IF, t);
    advance(p);
    s->v.if_.test = named_expression(p);
    expect_colon(p);
    s->v.if_.body = block(p, what, t->lineno, &s->v.if_.n_body);
    end_at_last(s, s->v.if_.body, s->v.if_.n_body);
    if (at_kw(p, KW_ELIF)) {
        s->v.if_.orelse = palloc(p, sizeof(AstStmt *));
        s->v.if_.orelse[0] = if_stmt(p, "'elif' statement");
        s->v.if_.n_orelse = 1;
    } else if (at_kw(p, KW_ELSE)) {
        int line = tok(p)->lineno;
        advance(p);
        expect_colon(p);
        s->v.if_.orelse = block(p, "'else' statement", line, &s->v.if_.n_orelse);
    }
    end_at_last(s, s->v.if_.orelse ? s->v.if_.orelse : s->v.if_.body,
                s->v.if_.orelse ? s->v.if_.n_orelse : s->v.if_.n_body);
    return s;
}

/* Optional `else:` block of loops and try. */
static AstStmt **else_block(Parser *p, size_t *n)
{
    int line;
    *n = 0;
    if (!at_kw(p, KW_ELSE))
        return NULL;
    line = tok(p)->lineno;
    advance(p);
    expect_colon(p);
    return block(p, "'else' statement", line, n);
}

/* while_stmt. */
static AstStmt *while_stmt(Parser *p)
{
    const LexToken *t = tok(p);
    AstStmt *s = stmt_at(p, AST_WHILE, t);
    advance(p);
    s->v.while_.test = named_expression(p);
    expect_colon(p);
    s->v.while_.body = block(p, "'while' statement", t->lineno, &s->v.while_.n_body);
    s->v.while_.orelse = else_block(p, &s->v.while_.n_orelse);
    end_at_last(s, s->v.while_.n_orelse ? s->v.while_.orelse : s->v.while_.body,
                s->v.while_.n_orelse ? s->v.while_.n_orelse : s->v.while_.n_body);
    return s;
}

/* for_stmt (async if is_async). */
static AstStmt *for_stmt(Parser *p, const LexToken *t, bool is_async)
{
    AstStmt *s = stmt_at(p, is_async ? AST_ASYNC_FOR : AST_FOR, t);
    advance(p);
    s->v.for_.target = star_targets(p);
    set_context(p, s->v.for_.target, AST_STORE, false);
    if (!accept_kw(p, KW_IN))
        syntax_error(p);
    s->v.for_.iter = star_expressions(p);
    expect_colon(p);
    s->v.for_.body = block(p, "'for' statement", t->lineno, &s->v.for_.n_body);
    s->v.for_.orelse = else_block(p, &s->v.for_.n_orelse);
    end_at_last(s, s->v.for_.n_orelse ? s->v.for_.orelse : s->v.for_.body,
                s->v.for_.n_orelse ? s->v.for_.n_orelse : s->v.for_.n_body);
    return s;
}

/* One `expr [as target]` item of a with statement. */
static AstWithItem *with_item(Parser *p)
{
    AstWithItem *w = palloc(p, sizeof *w);
    w->context_expr = expression(p);
    if (accept_kw(p, KW_AS)) {
        w->optional_vars = bitwise_or(p);
        set_context(p, w->optional_vars, AST_STORE, false);
    }
    return w;
}

/* True if '(' at the current token opens a parenthesized with-item list. */
static bool with_parenthesized(Parser *p)
{
    size_t i = p->pos + 1;
    int depth = 1;
    if (!p->pr->parenthesized_with)
        return false;
    for (; p->toks[i].type != TOK_ENDMARKER && p->toks[i].type != TOK_ERRORTOKEN; i++) {
        LexTokType ty = p->toks[i].type;
        if (ty == TOK_LPAR || ty == TOK_LSQB || ty == TOK_LBRACE) depth++;
        else if (ty == TOK_RPAR || ty == TOK_RSQB || ty == TOK_RBRACE) {
            if (--depth == 0)
                return p->toks[i + 1].type == TOK_COLON;
        } else if (depth == 1 && ty == TOK_NAME && p->toks[i].kw == KW_AS) {
            return true;
        }
    }
    return false;
}

/* with_stmt (async if is_async). */
static AstStmt *with_stmt(Parser *p, const LexToken *t, bool is_async)
{
    AstStmt *s = stmt_at(p, is_async ? AST_ASYNC_WITH : AST_WITH, t);
    Vec v = {0};
    bool paren;
    advance(p);
    paren = at(p, TOK_LPAR) && with_parenthesized(p);
    if (paren)
        advance(p);
    do {
        if (paren && at(p, TOK_RPAR))
            break;
        vec_push(p, &v, with_item(p));
    } while (accept(p, TOK_COMMA));
    if (paren)
        expect(p, TOK_RPAR);
    expect_colon(p);
    s->v.with.items = VEC_AS(AstWithItem **, v);
    s->v.with.n_items = v.n;
    s->v.with.body = block(p, "'with' statement", t->lineno, &s->v.with.n_body);
    end_at_last(s, s->v.with.body, s->v.with.n_body);
    return s;
}

/* One except clause. */
static AstExceptHandler *except_clause(Parser *p, bool *star)
{
    const LexToken *t = tok(p);
    AstExceptHandler *h = palloc(p, sizeof *h);
    advance(p);
    if (at(p, TOK_STAR) && p->pr->except_star) {
        advance(p);
        *star = true;
    }
    h->lineno = t->lineno;
    h->col_offset = t->col_offset;
    if (!at(p, TOK_COLON)) {
        h->type = expression(p);
        if (at(p, TOK_COMMA)) {
            Vec v = {0};
            AstExpr *tup;
            vec_push(p, &v, h->type);
            while (accept(p, TOK_COMMA) && !at(p, TOK_COLON) && !at_kw(p, KW_AS))
                vec_push(p, &v, expression(p));
            if (p->pr->version != PARSER_PY38 && 0)
                syntax_error(p);
            tup = expr_span(p, AST_TUPLE, h->type, (AstExpr *)v.items[v.n - 1]);
            tup->v.tuple.elts = VEC_AS(AstExpr **, v);
            tup->v.tuple.n_elts = v.n;
            h->type = tup;
            if (!p->pr->new_parser || 1)
                syntax_error(p); /* unparenthesized tuples need 3.14 */
        }
        if (accept_kw(p, KW_AS)) {
            if (!at_name(p))
                syntax_error(p);
            h->name = tok_text(p, tok(p));
            advance(p);
        }
    }
    expect_colon(p);
    h->body = block(p, "'except' statement", t->lineno, &h->n_body);
    END_PREV(p, h);
    if (h->n_body) {
        h->end_lineno = h->body[h->n_body - 1]->end_lineno;
        h->end_col_offset = h->body[h->n_body - 1]->end_col_offset;
    }
    return h;
}

/* try_stmt. */
static AstStmt *try_stmt(Parser *p)
{
    const LexToken *t = tok(p);
    AstStmt *s = stmt_at(p, AST_TRY, t);
    AstTry *tr = &s->v.try_;
    Vec handlers = {0};
    bool star = false;
    advance(p);
    expect_colon(p);
    tr->body = block(p, "'try' statement", t->lineno, &tr->n_body);
    end_at_last(s, tr->body, tr->n_body);
    while (at_kw(p, KW_EXCEPT)) {
        AstExceptHandler *h = except_clause(p, &star);
        vec_push(p, &handlers, h);
        s->end_lineno = h->end_lineno;
        s->end_col_offset = h->end_col_offset;
    }
    tr->handlers = VEC_AS(AstExceptHandler **, handlers);
    tr->n_handlers = handlers.n;
    if (star)
        s->kind = AST_TRY_STAR;
    if (handlers.n) {
        tr->orelse = else_block(p, &tr->n_orelse);
        end_at_last(s, tr->orelse, tr->n_orelse);
    }
    if (at_kw(p, KW_FINALLY)) {
        int line = tok(p)->lineno;
        advance(p);
        expect_colon(p);
        tr->finalbody = block(p, "'finally' statement", line, &tr->n_finalbody);
        end_at_last(s, tr->finalbody, tr->n_finalbody);
    }
    if (!handlers.n && !tr->n_finalbody) {
        const LexToken *e = tok(p);
        if (e->type == TOK_ERRORTOKEN)
            lexer_error(p);
        if (!p->pr->new_parser) {
            if (e->type == TOK_ENDMARKER)
                error_eof(p);
            syntax_error(p);
        }
        e = prev(p);
        while (e > p->toks && (e->type == TOK_DEDENT || e->type == TOK_NEWLINE))
            e--;
        error_range(p, SE_EXPECTED_EXCEPT_FINALLY, e->end_lineno, e->end_col_offset,
                    e->end_lineno, -2);
    }
    return s;
}

/* funcdef (async if is_async) with its decorators. */
static AstStmt *funcdef(Parser *p, const LexToken *t, bool is_async, Vec *decorators)
{
    AstStmt *s = stmt_at(p, is_async ? AST_ASYNC_FUNCTION_DEF : AST_FUNCTION_DEF, t);
    AstFunctionDef *f = &s->v.function_def;
    advance(p);
    if (!at_name(p))
        syntax_error(p);
    f->name = tok_text(p, tok(p));
    advance(p);
    expect(p, TOK_LPAR);
    f->args = parameters(p, false, TOK_RPAR);
    expect(p, TOK_RPAR);
    if (accept(p, TOK_RARROW))
        f->returns = expression(p);
    expect_colon(p);
    f->decorator_list = VEC_AS(AstExpr **, *decorators);
    f->n_decorator_list = decorators->n;
    f->body = block(p, "function definition", t->lineno, &f->n_body);
    end_at_last(s, f->body, f->n_body);
    return s;
}

/* classdef with its decorators. */
static AstStmt *classdef(Parser *p, const LexToken *t, Vec *decorators)
{
    AstStmt *s = stmt_at(p, AST_CLASS_DEF, t);
    advance(p);
    if (!at_name(p))
        syntax_error(p);
    s->v.class_def.name = tok_text(p, tok(p));
    advance(p);
    if (at(p, TOK_LPAR)) {
        const LexToken *open = tok(p);
        AstExpr call;
        size_t i;
        advance(p);
        memset(&call, 0, sizeof call);
        call_arguments(p, &call, open);
        for (i = 0; i < call.v.call.n_args; i++)
            if (call.v.call.args[i]->kind == AST_GENERATOR_EXP) {
                p->pos--;
                syntax_error(p);
            }
        s->v.class_def.bases = call.v.call.args;
        s->v.class_def.n_bases = call.v.call.n_args;
        s->v.class_def.keywords = call.v.call.keywords;
        s->v.class_def.n_keywords = call.v.call.n_keywords;
    }
    expect_colon(p);
    s->v.class_def.decorator_list = VEC_AS(AstExpr **, *decorators);
    s->v.class_def.n_decorator_list = decorators->n;
    s->v.class_def.body = block(p, "class definition", t->lineno, &s->v.class_def.n_body);
    end_at_last(s, s->v.class_def.body, s->v.class_def.n_body);
    return s;
}

/* decorators followed by a def or class. */
static AstStmt *decorated(Parser *p)
{
    Vec decorators = {0};
    const LexToken *t;
    while (accept(p, TOK_AT)) {
        AstExpr *d;
        if (p->pr->relaxed_decorators) {
            d = named_expression(p);
        } else {
            d = primary(p);
            if (d->kind != AST_NAME && d->kind != AST_ATTRIBUTE && d->kind != AST_CALL)
                syntax_error(p);
        }
        vec_push(p, &decorators, d);
        expect(p, TOK_NEWLINE);
    }
    t = tok(p);
    if (at_kw(p, KW_DEF))
        return funcdef(p, t, false, &decorators);
    if (at_kw(p, KW_ASYNC) && peek(p, 1)->kw == KW_DEF) {
        advance(p);
        return funcdef(p, t, true, &decorators);
    }
    if (at_kw(p, KW_CLASS))
        return classdef(p, t, &decorators);
    syntax_error(p);
}

/* One statement (compound, or a line of simple ones) appended to out. */
static AstStmt *statement(Parser *p, Vec *out)
{
    const LexToken *t = tok(p);
    AstStmt *s = NULL;
    Vec none = {0};
    if (t->type == TOK_NAME) {
        switch (t->kw) {
        case KW_IF: s = if_stmt(p, "'if' statement"); break;
        case KW_WHILE: s = while_stmt(p); break;
        case KW_FOR: s = for_stmt(p, t, false); break;
        case KW_TRY: s = try_stmt(p); break;
        case KW_WITH: s = with_stmt(p, t, false); break;
        case KW_DEF: s = funcdef(p, t, false, &none); break;
        case KW_CLASS: s = classdef(p, t, &none); break;
        case KW_ASYNC: {
            LexKeyword k = peek(p, 1)->kw;
            advance(p);
            if (k == KW_DEF) s = funcdef(p, t, true, &none);
            else if (k == KW_FOR) s = for_stmt(p, t, true);
            else if (k == KW_WITH) s = with_stmt(p, t, true);
            else syntax_error(p);
            break;
        }
        default: break;
        }
    } else if (t->type == TOK_AT) {
        s = decorated(p);
    }
    if (s) {
        vec_push(p, out, s);
        return s;
    }
    if (t->type == TOK_INDENT || t->type == TOK_DEDENT)
        syntax_error(p);
    simple_stmts(p, out);
    return NULL;
}

/* ---- checks CPython makes after parsing ----------------------------- */

typedef struct Checker {
    Parser *p;
    int depth;
} Checker;

static void check_expr_depth(Checker *c, const AstExpr *e);

/* Each child of an expression, depth-checked. */
static void check_expr_children(Checker *c, const AstExpr *e)
{
    size_t i;
#define CK(x) do { if (x) check_expr_depth(c, (x)); } while (0)
    switch (e->kind) {
    case AST_BOOL_OP_EXPR: for (i = 0; i < e->v.bool_op.n_values; i++) CK(e->v.bool_op.values[i]); break;
    case AST_NAMED_EXPR: CK(e->v.named_expr.value); break;
    case AST_BIN_OP: CK(e->v.bin_op.left); CK(e->v.bin_op.right); break;
    case AST_UNARY_OP: CK(e->v.unary_op.operand); break;
    case AST_LAMBDA: CK(e->v.lambda.body); break;
    case AST_IF_EXP: CK(e->v.if_exp.test); CK(e->v.if_exp.body); CK(e->v.if_exp.orelse); break;
    case AST_DICT: for (i = 0; i < e->v.dict.n_keys; i++) { CK(e->v.dict.keys[i]); CK(e->v.dict.values[i]); } break;
    case AST_SET: for (i = 0; i < e->v.set.n_elts; i++) CK(e->v.set.elts[i]); break;
    case AST_LIST_COMP: case AST_SET_COMP: case AST_GENERATOR_EXP: CK(e->v.list_comp.elt); break;
    case AST_DICT_COMP: CK(e->v.dict_comp.key); CK(e->v.dict_comp.value); break;
    case AST_AWAIT: case AST_YIELD: case AST_YIELD_FROM: CK(e->v.yield.value); break;
    case AST_COMPARE: CK(e->v.compare.left); for (i = 0; i < e->v.compare.n_comparators; i++) CK(e->v.compare.comparators[i]); break;
    case AST_CALL:
        CK(e->v.call.func);
        for (i = 0; i < e->v.call.n_args; i++) CK(e->v.call.args[i]);
        for (i = 0; i < e->v.call.n_keywords; i++) CK(e->v.call.keywords[i]->value);
        break;
    case AST_FORMATTED_VALUE: CK(e->v.formatted_value.value); CK(e->v.formatted_value.format_spec); break;
    case AST_JOINED_STR: for (i = 0; i < e->v.joined_str.n_values; i++) CK(e->v.joined_str.values[i]); break;
    case AST_ATTRIBUTE: CK(e->v.attribute.value); break;
    case AST_SUBSCRIPT: CK(e->v.subscript.value); CK(e->v.subscript.slice); break;
    case AST_STARRED: CK(e->v.starred.value); break;
    case AST_LIST: case AST_TUPLE: for (i = 0; i < e->v.list.n_elts; i++) CK(e->v.list.elts[i]); break;
    case AST_SLICE: CK(e->v.slice.lower); CK(e->v.slice.upper); CK(e->v.slice.step); break;
    default: break;
    }
#undef CK
}

/* RecursionError when expressions nest deeper than the compiler allows. */
static void check_expr_depth(Checker *c, const AstExpr *e)
{
    if (++c->depth > c->p->pr->max_ast_depth) {
        error_node(c->p, SE_RECURSION, e);
    }
    check_expr_children(c, e);
    c->depth--;
}

/* A scope for the symtable-like checks. */
typedef struct Scope {
    Parser *p;
    struct Scope *parent;
    bool is_function, is_class, is_async;
    Vec bound, used, globals, nonlocals, params, all_bound;
} Scope;

/* True if a string vector holds name. */
static bool has_name(const Vec *v, const char *name)
{
    size_t i;
    for (i = 0; i < v->n; i++)
        if (strcmp(v->items[i], name) == 0)
            return true;
    return false;
}

/* Record the names an expression binds or uses (not inside nested scopes). */
static void scan_names(Scope *sc, const AstExpr *e, Vec *bound, Vec *used)
{
    size_t i;
    if (!e)
        return;
    switch (e->kind) {
    case AST_NAME:
        vec_push(sc->p, e->v.name.ctx == AST_LOAD ? used : bound, (void *)e->v.name.id);
        return;
    case AST_NAMED_EXPR:
        vec_push(sc->p, bound, (void *)e->v.named_expr.target->v.name.id);
        scan_names(sc, e->v.named_expr.value, bound, used);
        return;
    case AST_LAMBDA: case AST_LIST_COMP: case AST_SET_COMP: case AST_DICT_COMP:
    case AST_GENERATOR_EXP:
        return;
    case AST_BOOL_OP_EXPR: for (i = 0; i < e->v.bool_op.n_values; i++) scan_names(sc, e->v.bool_op.values[i], bound, used); return;
    case AST_BIN_OP: scan_names(sc, e->v.bin_op.left, bound, used); scan_names(sc, e->v.bin_op.right, bound, used); return;
    case AST_UNARY_OP: scan_names(sc, e->v.unary_op.operand, bound, used); return;
    case AST_IF_EXP: scan_names(sc, e->v.if_exp.test, bound, used); scan_names(sc, e->v.if_exp.body, bound, used); scan_names(sc, e->v.if_exp.orelse, bound, used); return;
    case AST_CALL:
        scan_names(sc, e->v.call.func, bound, used);
        for (i = 0; i < e->v.call.n_args; i++) scan_names(sc, e->v.call.args[i], bound, used);
        for (i = 0; i < e->v.call.n_keywords; i++) scan_names(sc, e->v.call.keywords[i]->value, bound, used);
        return;
    case AST_ATTRIBUTE: scan_names(sc, e->v.attribute.value, bound, used); return;
    case AST_SUBSCRIPT: scan_names(sc, e->v.subscript.value, bound, used); scan_names(sc, e->v.subscript.slice, bound, used); return;
    case AST_STARRED: scan_names(sc, e->v.starred.value, bound, used); return;
    case AST_LIST: case AST_TUPLE: for (i = 0; i < e->v.list.n_elts; i++) scan_names(sc, e->v.list.elts[i], bound, used); return;
    case AST_COMPARE:
        scan_names(sc, e->v.compare.left, bound, used);
        for (i = 0; i < e->v.compare.n_comparators; i++) scan_names(sc, e->v.compare.comparators[i], bound, used);
        return;
    default:
        return;
    }
}

static void scope_body(Scope *sc, AstStmt **body, size_t n, bool collect_only);

/* Names a statement binds/uses, in order (nested scopes excluded). */
static void scope_stmt_names(Scope *sc, const AstStmt *s, Vec *bound, Vec *used)
{
    size_t i;
    switch (s->kind) {
    case AST_FUNCTION_DEF: case AST_ASYNC_FUNCTION_DEF:
        vec_push(sc->p, bound, (void *)s->v.function_def.name); break;
    case AST_CLASS_DEF: vec_push(sc->p, bound, (void *)s->v.class_def.name); break;
    case AST_RETURN: scan_names(sc, s->v.return_.value, bound, used); break;
    case AST_DELETE: for (i = 0; i < s->v.delete_.n_targets; i++) scan_names(sc, s->v.delete_.targets[i], bound, used); break;
    case AST_ASSIGN:
        scan_names(sc, s->v.assign.value, bound, used);
        for (i = 0; i < s->v.assign.n_targets; i++) scan_names(sc, s->v.assign.targets[i], bound, used);
        break;
    case AST_AUG_ASSIGN:
        scan_names(sc, s->v.aug_assign.value, bound, used);
        scan_names(sc, s->v.aug_assign.target, bound, used);
        break;
    case AST_ANN_ASSIGN:
        scan_names(sc, s->v.ann_assign.value, bound, used);
        scan_names(sc, s->v.ann_assign.target, bound, used);
        break;
    case AST_FOR: case AST_ASYNC_FOR:
        scan_names(sc, s->v.for_.iter, bound, used);
        scan_names(sc, s->v.for_.target, bound, used);
        break;
    case AST_WHILE: case AST_IF: scan_names(sc, s->v.if_.test, bound, used); break;
    case AST_WITH: case AST_ASYNC_WITH:
        for (i = 0; i < s->v.with.n_items; i++) {
            scan_names(sc, s->v.with.items[i]->context_expr, bound, used);
            scan_names(sc, s->v.with.items[i]->optional_vars, bound, used);
        }
        break;
    case AST_RAISE: scan_names(sc, s->v.raise.exc, bound, used); break;
    case AST_ASSERT: scan_names(sc, s->v.assert_.test, bound, used); break;
    case AST_IMPORT: case AST_IMPORT_FROM: {
        AstAlias **names = s->kind == AST_IMPORT ? s->v.import.names : s->v.import_from.names;
        size_t n = s->kind == AST_IMPORT ? s->v.import.n_names : s->v.import_from.n_names;
        for (i = 0; i < n; i++) {
            const char *nm = names[i]->asname ? names[i]->asname : names[i]->name;
            const char *dot = strchr(nm, '.');
            vec_push(sc->p, bound, dot ? pstrndup(sc->p, nm, (size_t)(dot - nm)) : (void *)nm);
        }
        break;
    }
    case AST_EXPR: scan_names(sc, s->v.expr.value, bound, used); break;
    default: break;
    }
}

/* True if an enclosing function scope binds name (for nonlocal). */
static bool enclosing_binds(const Scope *sc, const char *name)
{
    for (sc = sc->parent; sc; sc = sc->parent) {
        if (!sc->is_function)
            continue;
        if (has_name(&sc->globals, name))
            return false;
        if (has_name(&sc->all_bound, name) || has_name(&sc->params, name) ||
            has_name(&sc->nonlocals, name))
            return true;
    }
    return false;
}

/* global/nonlocal declaration checks for one statement. */
static void scope_declaration(Scope *sc, const AstStmt *s)
{
    Parser *p = sc->p;
    size_t i;
    bool global = s->kind == AST_GLOBAL;
    if (!global && !sc->is_function && !sc->is_class)
        error_node(p, SE_NONLOCAL_AT_MODULE, s);
    for (i = 0; i < s->v.global.n_names; i++) {
        const char *n = s->v.global.names[i];
        err_s1(p, n);
        if (has_name(global ? &sc->nonlocals : &sc->globals, n))
            error_node(p, SE_NONLOCAL_AND_GLOBAL, s);
        if (has_name(&sc->params, n))
            error_node(p, global ? SE_PARAM_AND_GLOBAL : SE_PARAM_AND_NONLOCAL, s);
        if (has_name(&sc->bound, n))
            error_node(p, global ? SE_ASSIGNED_BEFORE_GLOBAL : SE_ASSIGNED_BEFORE_NONLOCAL, s);
        if (has_name(&sc->used, n))
            error_node(p, global ? SE_USED_BEFORE_GLOBAL : SE_USED_BEFORE_NONLOCAL, s);
        if (!global && !enclosing_binds(sc, n))
            error_node(p, SE_NONLOCAL_NO_BINDING, s);
        vec_push(p, global ? &sc->globals : &sc->nonlocals, (void *)n);
    }
}

/* Check a nested function or class as its own scope. */
static void scope_nested(Scope *sc, const AstStmt *s)
{
    Scope inner;
    size_t i;
    memset(&inner, 0, sizeof inner);
    inner.p = sc->p;
    inner.parent = sc;
    if (s->kind == AST_CLASS_DEF) {
        inner.is_class = true;
        scope_body(&inner, s->v.class_def.body, s->v.class_def.n_body, true);
        scope_body(&inner, s->v.class_def.body, s->v.class_def.n_body, false);
        return;
    }
    inner.is_function = true;
    {
        const AstArguments *a = s->v.function_def.args;
        for (i = 0; i < a->n_posonlyargs; i++) vec_push(sc->p, &inner.params, (void *)a->posonlyargs[i]->arg);
        for (i = 0; i < a->n_args; i++) vec_push(sc->p, &inner.params, (void *)a->args[i]->arg);
        for (i = 0; i < a->n_kwonlyargs; i++) vec_push(sc->p, &inner.params, (void *)a->kwonlyargs[i]->arg);
        if (a->vararg) vec_push(sc->p, &inner.params, (void *)a->vararg->arg);
        if (a->kwarg) vec_push(sc->p, &inner.params, (void *)a->kwarg->arg);
    }
    scope_body(&inner, s->v.function_def.body, s->v.function_def.n_body, true);
    scope_body(&inner, s->v.function_def.body, s->v.function_def.n_body, false);
}

/* Walk a scope's statements: collect all bindings, or check in order. */
static void scope_body(Scope *sc, AstStmt **body, size_t n, bool collect_only)
{
    size_t i, k;
    for (i = 0; i < n; i++) {
        AstStmt *s = body[i];
        Vec dummy = {0};
        if (collect_only) {
            scope_stmt_names(sc, s, &sc->all_bound, &dummy);
        } else {
            if (s->kind == AST_GLOBAL || s->kind == AST_NONLOCAL)
                scope_declaration(sc, s);
            scope_stmt_names(sc, s, &sc->bound, &sc->used);
            if (s->kind == AST_IMPORT_FROM && sc->is_function)
                for (k = 0; k < s->v.import_from.n_names; k++)
                    if (strcmp(s->v.import_from.names[k]->name, "*") == 0)
                        error_node(sc->p, SE_IMPORT_STAR_NOT_MODULE, s->v.import_from.names[k]);
            if (s->kind == AST_FUNCTION_DEF || s->kind == AST_ASYNC_FUNCTION_DEF ||
                s->kind == AST_CLASS_DEF) {
                scope_nested(sc, s);
                continue;
            }
        }
        switch (s->kind) {
        case AST_FOR: case AST_ASYNC_FOR:
            scope_body(sc, s->v.for_.body, s->v.for_.n_body, collect_only);
            scope_body(sc, s->v.for_.orelse, s->v.for_.n_orelse, collect_only);
            break;
        case AST_WHILE: case AST_IF:
            scope_body(sc, s->v.if_.body, s->v.if_.n_body, collect_only);
            scope_body(sc, s->v.if_.orelse, s->v.if_.n_orelse, collect_only);
            break;
        case AST_WITH: case AST_ASYNC_WITH:
            scope_body(sc, s->v.with.body, s->v.with.n_body, collect_only);
            break;
        case AST_TRY: case AST_TRY_STAR:
            scope_body(sc, s->v.try_.body, s->v.try_.n_body, collect_only);
            for (k = 0; k < s->v.try_.n_handlers; k++) {
                AstExceptHandler *h = s->v.try_.handlers[k];
                if (h->name)
                    vec_push(sc->p, collect_only ? &sc->all_bound : &sc->bound, (void *)h->name);
                scope_body(sc, h->body, h->n_body, collect_only);
            }
            scope_body(sc, s->v.try_.orelse, s->v.try_.n_orelse, collect_only);
            scope_body(sc, s->v.try_.finalbody, s->v.try_.n_finalbody, collect_only);
            break;
        default:
            break;
        }
    }
}

/* Code-generation context for 'return'/'break'/... checks. */
typedef struct {
    Parser *p;
    bool in_function;
    int loops, blocks;
} CodeCtx;

static void code_body(CodeCtx *c, AstStmt **body, size_t n);

/* 'yield'/'await' outside a function, searched in an expression. */
static void code_expr(CodeCtx *c, const AstExpr *e)
{
    size_t i;
    if (!e || c->in_function)
        return;
    switch (e->kind) {
    case AST_YIELD: case AST_YIELD_FROM: error_node(c->p, SE_YIELD_OUTSIDE, e);
    case AST_AWAIT: error_node(c->p, SE_AWAIT_OUTSIDE, e);
    case AST_LAMBDA: return;
    case AST_BIN_OP: code_expr(c, e->v.bin_op.left); code_expr(c, e->v.bin_op.right); return;
    case AST_UNARY_OP: code_expr(c, e->v.unary_op.operand); return;
    case AST_CALL:
        code_expr(c, e->v.call.func);
        for (i = 0; i < e->v.call.n_args; i++) code_expr(c, e->v.call.args[i]);
        for (i = 0; i < e->v.call.n_keywords; i++) code_expr(c, e->v.call.keywords[i]->value);
        return;
    case AST_TUPLE: case AST_LIST: for (i = 0; i < e->v.list.n_elts; i++) code_expr(c, e->v.list.elts[i]); return;
    case AST_ATTRIBUTE: code_expr(c, e->v.attribute.value); return;
    case AST_SUBSCRIPT: code_expr(c, e->v.subscript.value); code_expr(c, e->v.subscript.slice); return;
    case AST_STARRED: code_expr(c, e->v.starred.value); return;
    case AST_IF_EXP: code_expr(c, e->v.if_exp.test); code_expr(c, e->v.if_exp.body); code_expr(c, e->v.if_exp.orelse); return;
    case AST_BOOL_OP_EXPR: for (i = 0; i < e->v.bool_op.n_values; i++) code_expr(c, e->v.bool_op.values[i]); return;
    case AST_COMPARE:
        code_expr(c, e->v.compare.left);
        for (i = 0; i < e->v.compare.n_comparators; i++) code_expr(c, e->v.compare.comparators[i]);
        return;
    case AST_NAMED_EXPR: code_expr(c, e->v.named_expr.value); return;
    default: return;
    }
}

/* A block nested in a loop/try/with: "too many statically nested blocks". */
static void code_block(CodeCtx *c, const AstStmt *s, AstStmt **body, size_t n, bool loop)
{
    if (c->p->pr->max_blocks && c->blocks + 1 > c->p->pr->max_blocks)
        error_node(c->p, SE_TOO_MANY_BLOCKS, s);
    c->blocks++;
    c->loops += loop;
    code_body(c, body, n);
    c->loops -= loop;
    c->blocks--;
}

/* One statement's code-generation checks. */
static void code_stmt(CodeCtx *c, const AstStmt *s)
{
    size_t i;
    switch (s->kind) {
    case AST_FUNCTION_DEF: case AST_ASYNC_FUNCTION_DEF: case AST_CLASS_DEF: {
        CodeCtx inner = {c->p, s->kind != AST_CLASS_DEF, 0, 0};
        code_body(&inner, s->kind == AST_CLASS_DEF ? s->v.class_def.body : s->v.function_def.body,
                  s->kind == AST_CLASS_DEF ? s->v.class_def.n_body : s->v.function_def.n_body);
        if (s->kind == AST_CLASS_DEF && !c->in_function) {
            CodeCtx cls = {c->p, false, 0, 0};
            (void)cls;
        }
        return;
    }
    case AST_RETURN:
        if (!c->in_function)
            error_node(c->p, SE_RETURN_OUTSIDE, s);
        return;
    case AST_BREAK: if (!c->loops) error_node(c->p, SE_BREAK_OUTSIDE, s); return;
    case AST_CONTINUE: if (!c->loops) error_node(c->p, SE_CONTINUE_OUTSIDE, s); return;
    case AST_EXPR: code_expr(c, s->v.expr.value); return;
    case AST_ASSIGN: code_expr(c, s->v.assign.value); return;
    case AST_AUG_ASSIGN: code_expr(c, s->v.aug_assign.value); return;
    case AST_FOR: case AST_ASYNC_FOR:
        code_block(c, s, s->v.for_.body, s->v.for_.n_body, true);
        code_body(c, s->v.for_.orelse, s->v.for_.n_orelse);
        return;
    case AST_WHILE:
        code_block(c, s, s->v.while_.body, s->v.while_.n_body, true);
        code_body(c, s->v.while_.orelse, s->v.while_.n_orelse);
        return;
    case AST_IF:
        code_expr(c, s->v.if_.test);
        code_body(c, s->v.if_.body, s->v.if_.n_body);
        code_body(c, s->v.if_.orelse, s->v.if_.n_orelse);
        return;
    case AST_WITH: case AST_ASYNC_WITH:
        code_block(c, s, s->v.with.body, s->v.with.n_body, false);
        return;
    case AST_TRY: case AST_TRY_STAR:
        code_block(c, s, s->v.try_.body, s->v.try_.n_body, false);
        for (i = 0; i < s->v.try_.n_handlers; i++) {
            AstExceptHandler *h = s->v.try_.handlers[i];
            if (!h->type && i + 1 < s->v.try_.n_handlers) {
                if (!c->p->pr->new_parser)
                    error_node(c->p, SE_DEFAULT_EXCEPT_LAST, s->v.try_.body[0]);
                error_node(c->p, SE_DEFAULT_EXCEPT_LAST, h);
            }
            code_block(c, s, h->body, h->n_body, false);
        }
        code_body(c, s->v.try_.orelse, s->v.try_.n_orelse);
        code_block(c, s, s->v.try_.finalbody, s->v.try_.n_finalbody, false);
        return;
    default:
        return;
    }
}

/* Code-generation checks over a statement list. */
static void code_body(CodeCtx *c, AstStmt **body, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        code_stmt(c, body[i]);
}

/* Depth check of all expressions in a statement list (RecursionError). */
static void depth_body(Checker *c, AstStmt **body, size_t n);

/* Depth check of one statement's expressions and nested bodies. */
static void depth_stmt(Checker *c, const AstStmt *s)
{
    size_t i;
#define CK(x) do { if (x) check_expr_depth(c, (x)); } while (0)
    switch (s->kind) {
    case AST_FUNCTION_DEF: case AST_ASYNC_FUNCTION_DEF:
        depth_body(c, s->v.function_def.body, s->v.function_def.n_body); break;
    case AST_CLASS_DEF: depth_body(c, s->v.class_def.body, s->v.class_def.n_body); break;
    case AST_RETURN: CK(s->v.return_.value); break;
    case AST_ASSIGN: CK(s->v.assign.value); for (i = 0; i < s->v.assign.n_targets; i++) CK(s->v.assign.targets[i]); break;
    case AST_AUG_ASSIGN: CK(s->v.aug_assign.value); break;
    case AST_ANN_ASSIGN: CK(s->v.ann_assign.value); break;
    case AST_EXPR: CK(s->v.expr.value); break;
    case AST_FOR: case AST_ASYNC_FOR:
        CK(s->v.for_.iter);
        depth_body(c, s->v.for_.body, s->v.for_.n_body);
        depth_body(c, s->v.for_.orelse, s->v.for_.n_orelse);
        break;
    case AST_WHILE: case AST_IF:
        CK(s->v.if_.test);
        depth_body(c, s->v.if_.body, s->v.if_.n_body);
        depth_body(c, s->v.if_.orelse, s->v.if_.n_orelse);
        break;
    case AST_WITH: case AST_ASYNC_WITH: depth_body(c, s->v.with.body, s->v.with.n_body); break;
    case AST_TRY: case AST_TRY_STAR:
        depth_body(c, s->v.try_.body, s->v.try_.n_body);
        for (i = 0; i < s->v.try_.n_handlers; i++)
            depth_body(c, s->v.try_.handlers[i]->body, s->v.try_.handlers[i]->n_body);
        depth_body(c, s->v.try_.orelse, s->v.try_.n_orelse);
        depth_body(c, s->v.try_.finalbody, s->v.try_.n_finalbody);
        break;
    default: break;
    }
#undef CK
}

/* Depth check of a statement list. */
static void depth_body(Checker *c, AstStmt **body, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        depth_stmt(c, body[i]);
}

/* All post-parse checks in CPython's order. */
static void check_module(Parser *p, AstModule *m)
{
    Checker ck = {p, 0};
    Scope top;
    CodeCtx code = {p, false, 0, 0};
    depth_body(&ck, m->body, m->n_body);
    memset(&top, 0, sizeof top);
    top.p = p;
    scope_body(&top, m->body, m->n_body, false);
    code_body(&code, m->body, m->n_body);
}

/* ---- entry point ---------------------------------------------------- */

/* file: statements ENDMARKER. */
static void file_rule(Parser *p, AstModule *m)
{
    Vec v = {0};
    while (accept(p, TOK_NEWLINE))
        ;
    while (!at(p, TOK_ENDMARKER)) {
        if (at(p, TOK_ERRORTOKEN))
            lexer_error(p);
        statement(p, &v);
    }
    m->body = VEC_AS(AstStmt **, v);
    m->n_body = v.n;
}

/* Convert a 1-based byte offset on `line` to CPython's character offset. */
static int char_offset(const Lexer *lex, int line, int off)
{
    if (off < 0)
        return -off == 1 && 0 ? 1 : -off;
    if (off == 0)
        return 0;
    return lexer_char_col(lex, line, off - 1) + 1;
}

/* Finish an error: tokenizer priority, characters, text, message. */
static void finish_error(const Lexer *lex, const SyntaxProfile *pr, SyntaxErr *err, int fail_line)
{
    size_t len;
    const char *line;
    if (err->lineno == -1) {
        memset(err, 0, sizeof *err);
        err->kind = SE_PARSER_STACK;
    } else if (lex->has_error && pr->tokenizer_errors_win && err->kind != lex->err.kind) {
        int line = fail_line > err->lineno ? fail_line : err->lineno;
        bool later_paren = lex->error_is_eof_in_bracket && lex->err.n1 < line;
        if (lex->error_is_direct || later_paren) {
            *err = lex->err;
            err->text = err->msg = NULL;
        }
    }
    err->type = pr->messages[err->kind].type;
    if (err->kind == SE_UNEXPECTED_INDENT && err->offset < 0)
        err->offset = -err->offset;
    else
        err->offset = char_offset(lex, err->lineno, err->offset);
    if (err->end_offset == -2 || err->end_offset == -1)
        err->end_offset = -1;
    else if (err->end_offset == 0 && (err->kind == SE_DEDENT_MISMATCH || err->kind == SE_UNEXPECTED_INDENT))
        err->end_offset = -1;
    else
        err->end_offset = char_offset(lex, err->end_lineno, err->end_offset);
    if (err->kind == SE_UNCLOSED_BRACKET || err->kind == SE_TAB_INCONSISTENT ||
        err->kind == SE_TOO_DEEP_INDENT || err->kind == SE_CONTINUATION_CHAR)
        if (pr->new_parser)
            err->end_offset = 0;
    if (err->kind == SE_EOF_IN_CONTINUATION && pr->new_parser)
        err->end_offset = -1;
    if (!pr->end_offsets)
        err->end_lineno = err->end_offset = 0;
    line = lexer_line(lex, err->lineno, &len);
    err->text = malloc(len + 1);
    if (err->text) {
        memcpy(err->text, line, len);
        err->text[len] = '\0';
    }
    err->msg = syntax_format_message(pr, err);
}

/* Parse a module; see parser.h. */
AstModule *parser_parse(const char *src, size_t len, const SyntaxProfile *profile, SyntaxErr *err)
{
    Lexer lex;
    Parser p;
    jmp_buf jb;
    int depth = 0, fail_line = 0;
    AstArena *arena;
    AstModule *volatile m = NULL;
    SyntaxErr pending;
    memset(&pending, 0, sizeof pending);
    memset(err, 0, sizeof *err);
    arena = ast_arena_new();
    if (!arena || !lexer_tokenize(&lex, src, len, profile)) {
        ast_arena_free(arena);
        lexer_free(&lex);
        err->kind = SE_PARSER_STACK;
        err->type = MEMORY_ERROR;
        err->msg = syntax_format_message(profile, err);
        return NULL;
    }
    WarnList *warns = calloc(1, sizeof *warns);   /* outlives a longjmp */
    memset(&p, 0, sizeof p);
    p.warns = warns;
    p.pr = profile;
    p.lex = p.root = &lex;
    p.toks = lex.toks;
    p.arena = arena;
    p.jb = &jb;
    p.err = &pending;
    p.depth = &depth;
    p.fail_line = &fail_line;
    if (setjmp(jb) == 0) {
        m = ast_arena_alloc(arena, sizeof *m);
        if (!m)
            palloc(&p, (size_t)1 << 62);
        m->arena = arena;
        file_rule(&p, m);
        check_module(&p, m);
        if (warns && warns->n) {
            m->warnings = palloc(&p, warns->n * sizeof *m->warnings);
            memcpy(m->warnings, warns->v, warns->n * sizeof *m->warnings);
            m->n_warnings = warns->n;
        }
        warnlist_free(warns);
        lexer_free(&lex);
        return m;
    }
    warnlist_free(warns);
    *err = pending;
    finish_error(&lex, profile, err, fail_line);
    ast_arena_free(arena);
    lexer_free(&lex);
    return NULL;
}
