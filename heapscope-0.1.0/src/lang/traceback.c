/* Tracebacks, printed as each version's printer prints them.
 *
 * An exception carries its own traceback (ExcData's entries, added by the
 * VM as the exception leaves each frame, like PyTraceBack_Here), so a
 * re-raised exception keeps the frames it passed before.  An uncaught
 * exception is printed with the exceptions it chains (__cause__,
 * __context__) before it; the unraisable hook ("Exception ignored in:",
 * for __del__ and weakref callbacks) prints only its own traceback, with
 * the C printer even in 3.13.  Source lines come from the script's text
 * or a typed input's, with carets under the failing instruction's span
 * (see "traceback source lines and carets").  The public functions keep
 * the vm_ names ceval.h declares. */
#include "lang/traceback.h"

#include <stdlib.h>
#include <string.h>

#include "lang/parser.h"
#include "sim/abstract.h"
#include "sim/excobject.h"
#include "util/xalloc.h"

/* ---- source lines ---- */

/* Remember the script's source for traceback lines. */
void vm_set_source(Vm *vm, const char *text)
{
    for (int i = 0; i < vm->nsource_lines; i++)
        free(vm->source_lines[i]);
    free(vm->source_lines);
    vm->source_lines = NULL;
    vm->nsource_lines = 0;
    size_t cap = 0;
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        XGROW(vm->source_lines, cap, (size_t)vm->nsource_lines + 1);
        vm->source_lines[vm->nsource_lines++] = xstrndup(p, n);
        p = nl ? nl + 1 : p + n;
    }
}

/* The interactive input compiled as FILENAME, or NULL. */
static const VmSource *find_input(const Vm *vm, const char *filename)
{
    for (int i = 0; i < vm->ninputs; i++)
        if (strcmp(vm->inputs[i].filename, filename) == 0)
            return &vm->inputs[i];
    return NULL;
}

/* Split TEXT into malloc'd lines without their newlines; the count. */
static int split_lines(const char *text, char ***out)
{
    char **v = NULL;
    size_t cap = 0;
    int n = 0;
    const char *p = text;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        XGROW(v, cap, (size_t)n + 1);
        v[n++] = xstrndup(p, len);
        p = nl ? nl + 1 : p + len;
    }
    *out = v;
    return n;
}

/* Interactive inputs: remember that code compiled as FILENAME is typed
 * input, with its TEXT for traceback lines (NULL: none shown). */
void vm_add_input(Vm *vm, const char *filename, const char *text)
{
    VmSource *in = (VmSource *)find_input(vm, filename);
    if (!in) {
        vm->inputs = xrealloc(vm->inputs, sizeof *vm->inputs * (size_t)(vm->ninputs + 1));
        in = &vm->inputs[vm->ninputs++];
        *in = (VmSource){.filename = xstrdup(filename)};
    }
    for (int i = 0; i < in->nlines; i++)
        free(in->lines[i]);
    free(in->lines);
    in->lines = NULL;
    in->nlines = text ? split_lines(text, &in->lines) : 0;
}

/* Who prints a traceback: its carets, whether it reads sources through
 * linecache (3.13's traceback.py, which knows the typed inputs' texts and
 * names "<stdin>-N" "<stdin>"; the C printer reads files only), and
 * whether it can read source lines at all (not once shutdown removed the
 * modules: the C printer cannot import io then). */
typedef struct TbPrinter {
    TbCarets carets;
    bool linecache;
    bool sources;
} TbPrinter;

/* Line LINE of the code compiled as FILENAME as printer P shows it (the
 * script's text, or a typed input's), or NULL. */
static const char *tb_source_line(const Vm *vm, const TbPrinter *p, const char *filename,
                                  int line)
{
    const VmSource *in = find_input(vm, filename);
    if (!p->sources || (in && !p->linecache))
        return NULL;
    char **lines = in ? in->lines : vm->source_lines;
    int n = in ? in->nlines : vm->nsource_lines;
    return line >= 1 && line <= n ? lines[line - 1] : NULL;
}

/* The name printer P shows for FILENAME: 3.13 compiles each typed input
 * as "<stdin>-N" and traceback.py prints "<stdin>". */
static const char *tb_filename(const Vm *vm, const TbPrinter *p, const char *filename)
{
    if (p->linecache && strncmp(filename, "<stdin>-", 8) == 0)
        return "<stdin>";
    if (vm->script_shown && strcmp(filename, vm->script_name) == 0)
        return vm->script_shown;
    return filename;
}

/* Show the code named NAME as SHOWN in tracebacks (NULLs: as named). */
void vm_set_script_shown(Vm *vm, const char *name, const char *shown)
{
    free(vm->script_name);
    free(vm->script_shown);
    vm->script_name = name ? xstrdup(name) : NULL;
    vm->script_shown = shown ? xstrdup(shown) : NULL;
}

/* ---- traceback source lines and carets ----
 *
 * Under a frame's source line CPython marks the failing instruction's span
 * (co_positions).  3.11/3.12's C printer (Python/traceback.c) draws '^'
 * under a one-line span unless it is the whole line, with '~' and '^' for
 * a binary operator or a subscript; 3.13's traceback.py (used for every
 * traceback) also anchors calls, shows every line of a multi-line span,
 * and draws nothing when the span is the call of a `return f(...)` or
 * `x = f(...)` line.  Anchors come from parsing the span's text, as they
 * do.  Columns count characters (wide characters count one). */

/* The number of characters in the first NBYTES bytes of S. */
static int u8_index(const char *s, int nbytes)
{
    int n = 0;
    for (int i = 0; i < nbytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* The number of characters of S. */
static int u8_len(const char *s)
{
    return u8_index(s, (int)strlen(s));
}

/* The byte offset of character I of S (its length past the end). */
static int u8_offset(const char *s, int i)
{
    int b = 0;
    while (s[b] && i > 0) {
        b++;
        while (((unsigned char)s[b] & 0xC0) == 0x80)
            b++;
        i--;
    }
    return b;
}

/* Character I of S as its first byte (NUL past the end). */
static char u8_at(const char *s, int i)
{
    return s[u8_offset(s, i)];
}

/* Append characters FROM..TO of S to B. */
static void u8_append(StrBuf *b, const char *s, int from, int to)
{
    int x = u8_offset(s, from), y = u8_offset(s, to);
    if (y > x)
        strbuf_append(b, s + x, (size_t)(y - x));
}

/* Is C whitespace as str.isspace() sees ASCII? */
static bool tb_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Parse TEXT with the heap's CPython grammar; NULL when it does not parse. */
static AstModule *tb_parse(const Vm *vm, const char *text)
{
    SyntaxErr err;
    AstModule *m = parser_parse(text, strlen(text), syntax_profile_by_name(vm->h->prof->name),
                                &err);
    if (!m)
        syntax_err_clear(&err);
    return m;
}

/* The only statement of M if it is an expression statement, else NULL. */
static const AstExpr *tb_sole_expr(const AstModule *m)
{
    if (!m || m->n_body != 1 || m->body[0]->kind != AST_EXPR)
        return NULL;
    return m->body[0]->v.expr.value;
}

/* 3.11/3.12 (extract_anchors_from_line): the operator of a binary
 * operation or the brackets of a subscript in SEG, as byte offsets
 * *LA..*RA; false when SEG is neither. */
static bool anchors_c(const Vm *vm, const char *seg, int *la, int *ra)
{
    AstModule *m = tb_parse(vm, seg);
    const AstExpr *e = tb_sole_expr(m);
    bool found = e && (e->kind == AST_BIN_OP || e->kind == AST_SUBSCRIPT);
    int n = (int)strlen(seg);
    if (found && e->kind == AST_BIN_OP) {
        int rcol = e->v.bin_op.right->col_offset;
        for (int i = e->v.bin_op.left->end_col_offset; i < rcol && i < n; i++) {
            if (seg[i] == ' ' || seg[i] == '\t' || seg[i] == '\f')
                continue;
            *la = i;
            *ra = i + 1 + (i + 1 < rcol && !strchr(" \t\f", seg[i + 1]));
            if (!(i + 1 < rcol && seg[i] == ')'))
                break;
        }
    } else if (found) {
        *la = e->v.subscript.value->end_col_offset;
        *ra = e->v.subscript.slice->end_col_offset + 1;
        while (*la < n && seg[*la] != '[')
            ++*la;
        while (*ra < n && seg[*ra] != ']')
            ++*ra;
        if (*ra < n)
            ++*ra;
    }
    ast_module_free(m);
    return found;
}

/* 3.11/3.12: the carets under LINE (already printed) for entry E. */
static void carets_c(const Vm *vm, const ExcTbEntry *e, const char *line, StrBuf *b)
{
    if (e->col < 0 || e->end_col < 0 || e->end_line < e->line)
        return;
    int lead = 0;
    while (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\f')
        lead++;
    int len = u8_len(line), start = u8_index(line, e->col), end, la = -1, ra = -1;
    if (e->end_line == e->line) {
        end = u8_index(line, e->end_col);
        char *seg = xstrndup(line + u8_offset(line, start),
                             (size_t)(u8_offset(line, end) - u8_offset(line, start)));
        if (anchors_c(vm, seg, &la, &ra)) {
            la = u8_index(seg, la) + start;
            ra = u8_index(seg, ra) + start;
        }
        free(seg);
    } else {
        int i = (int)strlen(line);
        while (--i >= 0 && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
            ;
        end = u8_index(line, i + 1);
    }
    if (end - start == len - lead && la < 0)
        return;
    strbuf_puts(b, "    ");
    for (int j = lead; j < end; j++)
        strbuf_putc(b, j < start ? ' ' : la < 0 ? '^' : j >= la && j < ra ? '^' : '~');
    strbuf_putc(b, '\n');
}

/* A position in a multi-line segment: line index and character column. */
typedef struct SegPos {
    int line, col;
} SegPos;

/* 3.13's anchors: where the secondary '^' starts and ends. */
typedef struct Anchors {
    SegPos left, right;
} Anchors;

/* The first valid character at or after P (skipping line ends); false past
 * the last line (traceback.py's next_valid_char assertion). */
static bool seg_valid(char **lines, int n, SegPos *p)
{
    while (p->line < n && p->col >= u8_len(lines[p->line])) {
        p->col = 0;
        p->line++;
    }
    return p->line < n;
}

/* Move P to the first character that STOP accepts ('\\' and '#' skip to
 * the next line); false when there is none. */
static bool seg_until(char **lines, int n, SegPos *p, bool (*stop)(char))
{
    if (!seg_valid(lines, n, p))
        return false;
    for (;;) {
        char ch = u8_at(lines[p->line], p->col);
        if (ch == '\\' || ch == '#') {
            p->line++;
            p->col = 0;
        } else if (stop(ch)) {
            return true;
        } else {
            p->col++;
        }
        if (!seg_valid(lines, n, p))
            return false;
    }
}

/* STOP predicates for seg_until. */
static bool stop_operator(char c) { return !tb_space(c) && c != ')'; }
static bool stop_lbracket(char c) { return c == '['; }
static bool stop_lparen(char c) { return c == '('; }

/* The position just after expression X of the wrapped segment ("(\n" +
 * segment + "\n)": line 2 is the segment's first). */
static SegPos seg_end_of(char **lines, const AstExpr *x)
{
    SegPos p = {x->end_lineno - 2, 0};
    p.col = u8_index(lines[p.line], x->end_col_offset);
    return p;
}

/* 3.13 (_extract_caret_anchors_from_line_segment): the operator of a
 * binary operation, or the brackets of a subscript or call, in the
 * segment split into LINES. */
static bool anchors_py(const Vm *vm, char **lines, int n, const char *seg, Anchors *a)
{
    StrBuf w = {0};
    strbuf_printf(&w, "(\n%s\n)", seg);
    AstModule *m = tb_parse(vm, strbuf_cstr(&w));
    strbuf_free(&w);
    const AstExpr *e = tb_sole_expr(m);
    bool ok = false;
    if (e && e->kind == AST_BIN_OP) {
        SegPos p = seg_end_of(lines, e->v.bin_op.left);
        ok = seg_until(lines, n, &p, stop_operator);
        if (ok) {
            const AstExpr *r = e->v.bin_op.right;
            const char *l = lines[p.line];
            int rc = p.col + 1;
            if (rc < u8_len(l)
                && (r->lineno - 2 > p.line || rc < u8_index(lines[r->lineno - 2], r->col_offset))
                && !tb_space(u8_at(l, rc)) && u8_at(l, rc) != '\\' && u8_at(l, rc) != '#')
                rc++;
            *a = (Anchors){p, {p.line, rc}};
        }
    } else if (e && (e->kind == AST_SUBSCRIPT || e->kind == AST_CALL)) {
        bool sub = e->kind == AST_SUBSCRIPT;
        SegPos p = seg_end_of(lines, sub ? e->v.subscript.value : e->v.call.func);
        ok = seg_until(lines, n, &p, sub ? stop_lbracket : stop_lparen);
        if (ok)
            *a = (Anchors){p, seg_end_of(lines, e)};
    }
    ast_module_free(m);
    return ok;
}

/* 3.13 (_should_show_carets): no carets when the span is exactly the call
 * of a `return f(...)` or `x = f(...)` statement; else carets when there
 * are anchors or the span is not all of its lines. */
static bool show_carets_py(const Vm *vm, char **all, int n, int start, int end, bool anchors)
{
    /* ast.parse() takes `return` anywhere; our parser checks it, so the
     * lines go into a function, each one column right, one line down */
    StrBuf text = {0};
    strbuf_puts(&text, "def _():\n");
    for (int i = 0; i < n; i++)
        strbuf_printf(&text, " %s\n", all[i]);
    AstModule *m = tb_parse(vm, strbuf_cstr(&text));
    strbuf_free(&text);
    const AstStmt *fn = m ? m->body[0] : NULL;
    if (fn && (fn->kind != AST_FUNCTION_DEF || !fn->v.function_def.n_body)) {
        ast_module_free(m);
        return false;
    }
    const AstExpr *v = NULL;
    if (fn) {
        const AstStmt *st = fn->v.function_def.body[0];
        if (st->kind == AST_RETURN && st->v.return_.value
            && st->v.return_.value->kind == AST_CALL
            && st->v.return_.value->v.call.func->kind == AST_NAME)
            v = st->v.return_.value;
        if (st->kind == AST_ASSIGN && st->v.assign.n_targets == 1
            && st->v.assign.targets[0]->kind == AST_NAME && st->v.assign.value->kind == AST_CALL)
            v = st->v.assign.value;
    }
    bool full = v && v->lineno - 1 == 1 && v->end_lineno - 1 == n && v->col_offset - 1 == start
                && v->end_col_offset - 1 == end;
    ast_module_free(m);
    if (full)
        return false;
    if (anchors)
        return true;
    for (int i = 0; i < start && all[0][u8_offset(all[0], i)]; i++)
        if (!tb_space(u8_at(all[0], i)))
            return true;
    for (const char *p = all[n - 1] + u8_offset(all[n - 1], end); *p; p++)
        if (!tb_space(*p))
            return true;
    return false;
}

/* The length of the whitespace prefix of S. */
static int ws_prefix(const char *s)
{
    int i = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    return i;
}

/* textwrap.dedent: drop the leading whitespace all non-blank LINES share
 * (blank lines become empty). */
static void dedent_lines(char **lines, int n)
{
    const char *margin = NULL;
    int mlen = 0;
    for (int i = 0; i < n; i++) {
        int w = ws_prefix(lines[i]);
        if (!lines[i][w])
            continue;
        if (!margin) {
            margin = lines[i];
            mlen = w;
        } else {
            int k = 0;
            while (k < mlen && k < w && margin[k] == lines[i][k])
                k++;
            mlen = k;
        }
    }
    for (int i = 0; i < n; i++) {
        int w = ws_prefix(lines[i]);
        int cut = lines[i][w] ? mlen : w;
        memmove(lines[i], lines[i] + cut, strlen(lines[i] + cut) + 1);
    }
}

/* 3.13: append line L of the span (ALL, N lines) and, when SHOW, its
 * carets, to the result lines OUT. */
static void output_line_py(char **all, int n, int l, int start, int end, bool show,
                           const Anchors *a, bool anchored, StrBuf *out)
{
    strbuf_printf(out, "%s\n", all[l]);
    if (!show)
        return;
    int spaces = ws_prefix(all[l]);
    int ncarets = l == n - 1 ? end : u8_len(all[l]);
    for (int col = 0; col < ncarets; col++) {
        bool inside = anchored && (l > a->left.line || (l == a->left.line && col >= a->left.col))
                      && (l < a->right.line || (l == a->right.line && col < a->right.col));
        strbuf_putc(out, col < spaces || (l == 0 && col < start) ? ' '
                         : inside ? '^' : anchored ? '~' : '^');
    }
    strbuf_putc(out, '\n');
}

/* 3.13: the significant lines of the span, with "...<N lines>..." for
 * longer gaps, dedented together and indented by four spaces, into B. */
static void carets_py_lines(char **all, int n, int start, int end, bool show, const Anchors *a,
                            bool anchored, StrBuf *b)
{
    bool *sig = xcalloc((size_t)n, sizeof *sig);
    sig[0] = sig[n - 1] = true;
    for (int k = -1; anchored && k <= 1; k++) {
        if (a->left.line + k >= 0 && a->left.line + k < n)
            sig[a->left.line + k] = true;
        if (a->right.line + k >= 0 && a->right.line + k < n)
            sig[a->right.line + k] = true;
    }
    StrBuf out = {0};
    int prev = -1;
    for (int l = 0; l < n; l++) {
        if (!sig[l])
            continue;
        if (prev >= 0 && l - prev == 2)
            output_line_py(all, n, l - 1, start, end, show, a, anchored, &out);
        else if (prev >= 0 && l - prev > 2)
            strbuf_printf(&out, "...<%d lines>...\n", l - prev - 1);
        output_line_py(all, n, l, start, end, show, a, anchored, &out);
        prev = l;
    }
    free(sig);
    char **rows;
    int nrows = split_lines(strbuf_cstr(&out), &rows);
    dedent_lines(rows, nrows);
    for (int i = 0; i < nrows; i++) {
        strbuf_printf(b, "    %s\n", rows[i]);
        free(rows[i]);
    }
    free(rows);
    strbuf_free(&out);
}

/* 3.13 (StackSummary.format_frame_summary): entry E's source lines with
 * their carets, into B. */
static void source_py(const Vm *vm, const TbPrinter *p, const ExcTbEntry *e, StrBuf *b)
{
    int last = e->end_line >= e->line ? e->end_line : e->line;
    int n = last - e->line + 1;
    char **all = xcalloc((size_t)n, sizeof *all), **orig = xcalloc((size_t)n, sizeof *orig);
    bool any = false;
    for (int i = 0; i < n; i++) {
        const char *s = tb_source_line(vm, p, e->filename, e->line + i);
        int len = s ? (int)strlen(s) : 0;
        while (len > 0 && tb_space(s[len - 1]))
            len--;
        orig[i] = xstrndup(s ? s : "", (size_t)len);
        all[i] = xstrdup(orig[i]);
        any = any || len > 0;
    }
    dedent_lines(all, n);
    if (!any) {
        /* nothing to show */
    } else if (e->col < 0 || e->end_col < 0) {
        strbuf_printf(b, "    %s\n", orig[0] + ws_prefix(orig[0]));
    } else {
        int dedent = u8_len(orig[0]) - u8_len(all[0]);
        int start = u8_index(orig[0], e->col) - dedent;
        int end = u8_index(orig[n - 1], e->end_col) - dedent;
        start = start > 0 ? start : 0;
        end = end > 0 ? end : 0;
        StrBuf seg = {0};
        for (int i = 0; i < n; i++) {
            int from = i == 0 ? start : 0, to = i == n - 1 ? end : u8_len(all[i]);
            if (i)
                strbuf_putc(&seg, '\n');
            u8_append(&seg, all[i], from, to);
        }
        Anchors a = {{0, 0}, {0, 0}};
        char **segl;
        int nseg = split_lines(strbuf_cstr(&seg), &segl);
        bool anchored = nseg > 0 && anchors_py(vm, segl, nseg, strbuf_cstr(&seg), &a);
        for (int i = 0; i < nseg; i++)
            free(segl[i]);
        free(segl);
        strbuf_free(&seg);
        if (anchored && a.left.line == 0)
            a.left.col += start;
        if (anchored && a.right.line == 0)
            a.right.col += start;
        bool show = show_carets_py(vm, all, n, start, end, anchored);
        carets_py_lines(all, n, start, end, show, &a, anchored, b);
    }
    for (int i = 0; i < n; i++) {
        free(all[i]);
        free(orig[i]);
    }
    free(all);
    free(orig);
}

/* Append entry E's source line(s), with printer P's carets. */
static void format_tb_source(const Vm *vm, const TbPrinter *p, const ExcTbEntry *e, StrBuf *b)
{
    if (p->carets == TB_CARETS_PY) {
        source_py(vm, p, e, b);
        return;
    }
    const char *s = tb_source_line(vm, p, e->filename, e->line);
    if (!s)
        return;
    const char *t = s;
    while (*t == ' ' || *t == '\t' || *t == '\f')
        t++;
    if (!*t)
        return;
    strbuf_printf(b, "    %s\n", t);
    if (p->carets == TB_CARETS_C)
        carets_c(vm, e, s, b);
}

/* Append one traceback entry: the File line and its source line(s). */
static void format_tb_entry(const Vm *vm, const TbPrinter *p, const ExcTbEntry *e, StrBuf *b)
{
    strbuf_printf(b, "  File \"%s\", line %d, in %s\n", tb_filename(vm, p, e->filename),
                  e->line, e->funcname);
    format_tb_source(vm, p, e, b);
}

#define TB_RECURSIVE_CUTOFF 3  /* entries of one line shown before "[Previous line repeated]" */

/* Append "[Previous line repeated N more times]" for a run of COUNT. */
static void format_tb_repeated(int count, StrBuf *b)
{
    count -= TB_RECURSIVE_CUTOFF;
    strbuf_printf(b, "  [Previous line repeated %d more time%s]\n", count, count > 1 ? "s" : "");
}

/* Append exception EXC's traceback (PyTraceBack_Print / StackSummary.format):
 * the header and the entries, outermost first, collapsing runs of the same
 * file, line and function; nothing when it has no entries. */
static void format_tb(const Vm *vm, const TbPrinter *p, Ref exc, StrBuf *b)
{
    const ExcData *d = exc_data(vm->h, exc);
    if (!d->ntb)
        return;
    strbuf_puts(b, "Traceback (most recent call last):\n");
    const ExcTbEntry *last = NULL;
    int count = 0;
    for (int i = d->ntb - 1; i >= 0; i--) {
        const ExcTbEntry *e = &d->tb[i];
        if (!last || e->line != last->line || strcmp(e->filename, last->filename) != 0
            || strcmp(e->funcname, last->funcname) != 0) {
            if (count > TB_RECURSIVE_CUTOFF)
                format_tb_repeated(count, b);
            last = e;
            count = 0;
        }
        if (++count <= TB_RECURSIVE_CUTOFF)
            format_tb_entry(vm, p, e, b);
    }
    if (count > TB_RECURSIVE_CUTOFF)
        format_tb_repeated(count, b);
}

/* Append EXC's last line: "Type: message" and a suggestion, if any. */
static void format_exception_only(Vm *vm, Ref exc, StrBuf *b)
{
    exc_format_last_line(vm->h, exc, b);
    exc_format_suggestion(vm->h, exc, b);
    strbuf_putc(b, '\n');
}

/* ---- chained exceptions ----
 *
 * print_exception_recursive (pythonrun.c; traceback.py's TracebackException
 * in 3.13): before an exception come, recursively, its __cause__ and "The
 * above exception was the direct cause...", or else (unless
 * __suppress_context__) its __context__ and "During handling of the above
 * exception...".  An exception already printed is not printed again, so a
 * cycle of contexts ends. */

#define TB_CAUSE_MESSAGE \
    "\nThe above exception was the direct cause of the following exception:\n\n"
#define TB_CONTEXT_MESSAGE \
    "\nDuring handling of the above exception, another exception occurred:\n\n"

/* The exceptions printed so far in one chain. */
typedef struct TbSeen {
    Ref *v;
    size_t n, cap;
} TbSeen;

/* Has EXC been printed (or started) in this chain? */
static bool seen_contains(const TbSeen *seen, Ref exc)
{
    for (size_t i = 0; i < seen->n; i++)
        if (seen->v[i] == exc)
            return true;
    return false;
}

/* Append EXC and the exceptions it chains, earliest first, to B. */
static void print_exception_recursive(Vm *vm, Ref exc, TbSeen *seen, StrBuf *b)
{
    Heap *h = vm->h;
    XGROW(seen->v, seen->cap, seen->n + 1);
    seen->v[seen->n++] = exc;
    if (heap_kind(h, exc) == K_EXCEPTION) {
        const ExcData *d = exc_data(h, exc);
        Ref cause = d->cause, context = d->context;
        if (cause && heap_kind(h, cause) == K_EXCEPTION) {
            if (!seen_contains(seen, cause)) {
                print_exception_recursive(vm, cause, seen, b);
                strbuf_puts(b, TB_CAUSE_MESSAGE);
            }
        } else if (context && !d->suppress_context && heap_kind(h, context) == K_EXCEPTION
                   && !seen_contains(seen, context)) {
            print_exception_recursive(vm, context, seen, b);
            strbuf_puts(b, TB_CONTEXT_MESSAGE);
        }
        TbPrinter p = {(TbCarets)h->prof->tb_carets, h->prof->repl_input_sources, true};
        format_tb(vm, &p, exc, b);
    }
    format_exception_only(vm, exc, b);
}

/* Format the traceback of the uncaught exception into B, CPython's way:
 * the exceptions it chains first, then its own. */
void vm_format_traceback(Vm *vm, Ref exc, StrBuf *b)
{
    TbSeen seen = {0};
    print_exception_recursive(vm, exc, &seen, b);
    free(seen.v);
}

/* The traceback entries of the uncaught exception, innermost first, and
 * their number in *N (NULL and 0 when there is none). */
const ExcTbEntry *vm_traceback(const Vm *vm, int *n)
{
    if (!vm->exc || heap_kind(vm->h, vm->exc) != K_EXCEPTION) {
        *n = 0;
        return NULL;
    }
    const ExcData *d = exc_data(vm->h, vm->exc);
    *n = d->ntb;
    return d->tb;
}

/* The unraisable hook (write_unraisable_exc_file): "Exception ignored in:
 * <context>", then the pending exception's traceback as the C printer
 * shows it (3.13: without carets; typed inputs by their compiled names,
 * without source; no source lines at all once shutdown removed the
 * modules), and its "Type: message" line: no chained exceptions, no "Did
 * you mean" suggestion. */
void traceback_unraisable(void *arg, Ref context)
{
    Vm *vm = arg;
    Heap *h = vm->h;
    Ref exc = heap_fetch_exc(h);
    StrBuf *b = &h->err;
    strbuf_puts(b, "Exception ignored in: ");
    if (!obj_repr_into(h, context, b)) {
        heap_clear_exc(h);
        strbuf_puts(b, "<object repr() failed>");
    }
    strbuf_putc(b, '\n');
    if (exc) {
        TbPrinter p = {(TbCarets)h->prof->unraisable_tb_carets, false, !vm->modules_removed};
        if (heap_kind(h, exc) == K_EXCEPTION)
            format_tb(vm, &p, exc, b);
        exc_format_last_line(h, exc, b);
        strbuf_putc(b, '\n');
        heap_decref(h, exc);
    }
}
