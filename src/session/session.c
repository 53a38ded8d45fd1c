/* A session: load a script, compile it, and run it line by line. */
#include "session/session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/compile.h"
#include "lang/lexer.h"
#include "lang/parser.h"
#include "sim/excobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/intobject.h"
#include "sim/strobject.h"
#include "sim/abstract.h"
#include "util/xalloc.h"

static void transcript_sync(Session *s, int input);
static void transcript_free(Session *s);
static void transcript_copy(Session *c, const Session *s);

/* Create an empty session for PROFILE. */
Session *session_new(const Profile *profile, bool check_heap)
{
    Session *s = xcalloc(1, sizeof *s);
    s->prof = profile;
    s->heap = heap_new(profile);
    s->vm = vm_new(s->heap);
    s->vm->check_heap = check_heap;
    s->check_heap = check_heap;
    return s;
}

/* Destroy a session and its heap. */
void session_delete(Session *s)
{
    if (!s)
        return;
    session_finalize(s);
    vm_delete(s->vm);
    heap_delete(s->heap);
    transcript_free(s);
    free(s->filename);
    free(s->code_filename);
    free(s->source);
    free(s);
}

/* The name `python FILENAME` gives the script in tracebacks: as typed, or
 * (3.9+) a relative path after the working directory. */
static char *script_path(const Profile *p, const char *filename)
{
    char cwd[4096];
    if (!p->script_path_absolute || filename[0] == '/' || filename[0] == '<'
        || !getcwd(cwd, sizeof cwd))
        return xstrdup(filename);
    char *path = xmalloc(strlen(cwd) + strlen(filename) + 2);
    sprintf(path, "%s/%s", cwd, filename);
    return path;
}

/* Print a SyntaxError the way `python FILE` does, to stderr. */
static void report_syntax_error(Session *s, const SyntaxErr *e)
{
    char *text = syntax_err_format(syntax_profile_by_name(s->prof->name), e, s->code_filename);
    strbuf_puts(&s->heap->err, text);
    free(text);
}

/* Compile SOURCE (named FILENAME) and get ready to run it. */
bool session_load(Session *s, const char *filename, const char *source)
{
    free(s->filename);
    free(s->code_filename);
    free(s->source);
    s->filename = xstrdup(filename);
    s->code_filename = script_path(s->prof, filename);
    s->source = xstrdup(source);
    vm_set_source(s->vm, source);
    vm_set_script_shown(s->vm, filename, s->code_filename);
    SyntaxErr err;
    const SyntaxProfile *sp = syntax_profile_by_name(s->prof->name);
    AstModule *m = parser_parse(source, strlen(source), sp, &err);
    if (!m) {
        report_syntax_error(s, &err);
        syntax_err_clear(&err);
        s->status = SESSION_ERROR;
        transcript_sync(s, -1);
        return false;
    }
    CompileError cerr = {.source = source, .source_len = strlen(source),
                         .shown_filename = s->code_filename};
    Ref code = compile_module_keep(s->heap, m, filename, COMPILE_FILE, &cerr, &s->vm->arena);
    ast_module_free(m);
    if (!code) {
        report_syntax_error(s, &cerr.syntax);
        compile_error_clear(&cerr);
        s->status = SESSION_ERROR;
        transcript_sync(s, -1);
        return false;
    }
    bool started = vm_start(s->vm, code);
    heap_decref(s->heap, code);
    if (!started) {
        vm_format_traceback(s->vm, s->heap->exc, &s->heap->err);
        heap_clear_exc(s->heap);
        s->status = SESSION_ERROR;
        transcript_sync(s, -1);
        return false;
    }
    s->status = SESSION_READY;
    transcript_sync(s, -1);
    return true;
}

/* An uncaught SystemExit (CPython's handle_system_exit): no traceback,
 * its code as the exit status.  False when EXC is another exception. */
static bool system_exit(Session *s, Ref exc)
{
    int status = exc_system_exit_status(s->heap, exc, &s->heap->err);
    if (status < 0)
        return false;
    s->exit_code = status;
    return true;
}

/* Record how a run ended: print the traceback of an uncaught exception. */
static void finish(Session *s, VmStatus st)
{
    if (st == VM_PAUSED)
        return;
    if (st == VM_ERROR && system_exit(s, s->vm->exc)) {
        s->status = SESSION_FINISHED;
    } else if (st == VM_ERROR) {
        vm_format_traceback(s->vm, s->vm->exc, &s->heap->err);
        s->status = SESSION_ERROR;
    } else {
        s->status = SESSION_FINISHED;
    }
    if (s->keep_end_state)
        s->finalize_pending = true;
    else
        vm_finalize(s->vm);
}

/* Run interpreter shutdown if keep_end_state postponed it. */
void session_finalize(Session *s)
{
    if (!s->finalize_pending)
        return;
    s->finalize_pending = false;
    vm_finalize(s->vm);
    transcript_sync(s, -1);
}

/* Run one line; false once the script has finished or failed. */
bool session_step(Session *s)
{
    if (s->status != SESSION_READY)
        return false;
    finish(s, vm_run(s->vm, VM_STEP_LINE));
    transcript_sync(s, -1);
    if (s->on_step)
        s->on_step(s, s->on_step_arg);
    return s->status == SESSION_READY;
}

/* Run lines until one has written output (stopping before the next line)
 * or the script ends; false once the script has finished or failed.  For
 * batch runs: the same lines run as with session_step, without a return
 * per line (on_step is not called). */
bool session_step_output(Session *s)
{
    if (s->status != SESSION_READY)
        return false;
    finish(s, vm_run(s->vm, VM_STEP_OUTPUT));
    transcript_sync(s, -1);
    return s->status == SESSION_READY;
}

/* Run N more lines (fewer if the script ends); the number run. */
long long session_steps(Session *s, long long n)
{
    long long done = 0;
    while (done < n && s->status == SESSION_READY) {
        session_step(s);
        done++;
    }
    return done;
}

/* The line the script is stopped before (the innermost frame's), or 0. */
int session_line(const Session *s)
{
    const Frame *f = vm_current_frame(s->vm);
    return f ? f->line : 0;
}

/* Lines run so far. */
long long session_step_count(const Session *s)
{
    return s->vm->steps;
}

/* Run until the script is about to run line LINE for the NTH time. */
bool session_run_until(Session *s, int line, int nth)
{
    int seen = 0;
    for (;;) {
        if (s->status != SESSION_READY)
            return false;
        if (session_line(s) == line && ++seen >= nth)
            return true;
        session_step(s);
    }
}

/* Run to the end. */
void session_run(Session *s)
{
    if (s->status != SESSION_READY)
        return;
    VmMode mode = s->check_heap ? VM_STEP_LINE : VM_RUN;
    VmStatus st;
    do
        st = vm_run(s->vm, mode);
    while (st == VM_PAUSED);
    finish(s, st);
    transcript_sync(s, -1);
}

/* Exit status CPython would give: 0, or 1 after an uncaught exception. */
int session_exit_status(const Session *s)
{
    return s->status == SESSION_ERROR ? 1 : s->exit_code;
}

/* The first heap-invariant violation seen, or NULL. */
const char *session_heap_error(const Session *s)
{
    return s->vm->heap_error;
}

/* An independent deep copy of S between steps: heap, VM and status (a
 * checkpoint); the on_step callback is not copied. */
Session *session_clone(const Session *s)
{
    Session *c = xmalloc(sizeof *c);
    *c = *s;
    c->heap = heap_clone(s->heap);
    c->vm = vm_clone(s->vm, c->heap);
    c->filename = s->filename ? xstrdup(s->filename) : NULL;
    c->code_filename = s->code_filename ? xstrdup(s->code_filename) : NULL;
    c->source = s->source ? xstrdup(s->source) : NULL;
    c->on_step = NULL;
    c->on_step_arg = NULL;
    transcript_copy(c, s);
    return c;
}

/* ---- the interactive prompt ----
 *
 * session_input() is one turn of CPython's REPL (PyRun_InteractiveOne):
 * the input is parsed and compiled on its own as mode 'single' from file
 * "<stdin>" (3.13: "<stdin>-N", N counting the inputs that parsed),
 * then run in __main__'s namespace by vm_run_input on top of whatever the
 * script left on the frame stack.  Errors print what PyErr_Print prints
 * and become sys.last_value.  session_input_status() decides, like
 * codeop.compile_command, whether the lines typed so far are complete. */

#define SESSION_INPUT_BUDGET 50000000LL   /* instructions per input: about a second */

/* True when every line of TEXT is blank or a comment (codeop then
 * compiles "pass", and the REPL runs nothing). */
static bool only_blanks(const char *text)
{
    for (const char *p = text; p && *p; ) {
        while (*p == ' ' || *p == '\t' || *p == '\f' || *p == '\r' || *p == '\v')
            p++;
        if (*p && *p != '\n' && *p != '#')
            return false;
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return true;
}

/* A compound statement: the prompt needs an empty line to end it. */
static bool is_compound(const AstStmt *st)
{
    switch (st->kind) {
    case AST_FUNCTION_DEF: case AST_ASYNC_FUNCTION_DEF: case AST_CLASS_DEF:
    case AST_FOR: case AST_ASYNC_FOR: case AST_WHILE: case AST_IF:
    case AST_WITH: case AST_ASYNC_WITH: case AST_TRY: case AST_TRY_STAR:
        return true;
    default:
        return false;
    }
}

/* Line LINE (1-based) of SRC without its newline, malloc'd ("" past the end). */
static char *line_of(const char *src, int line)
{
    const char *p = src;
    for (int l = 1; l < line && p; l++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return xstrdup("");
    const char *nl = strchr(p, '\n');
    return xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

/* The 1-based character column of byte offset COL in LINE. */
static int char_column(const char *line, int col)
{
    int chars = 0;
    for (int i = 0; i < col && line[i]; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            chars++;
    return chars + 1;
}

/* Fill ERR with a SyntaxError (message MSG, or KIND's) at LINE of SRC,
 * byte columns COL..END_COL on that line. */
static void single_error(const SyntaxProfile *sp, SyntaxErr *err, SyntaxErrKind kind,
                         const char *msg, const char *src, int line, int col, int end_col)
{
    memset(err, 0, sizeof *err);
    err->kind = kind;
    err->type = sp->messages[kind].type;
    err->text = line_of(src, line);
    err->lineno = line;
    err->offset = char_column(err->text, col);
    if (sp->end_offsets) {
        err->end_lineno = line;
        err->end_offset = char_column(err->text, end_col);
    }
    err->msg = msg ? xstrdup(msg) : syntax_format_message(sp, err);
}

/* Does token T open a compound statement? */
static bool starts_compound(const LexToken *t)
{
    switch (t->kw) {
    case KW_IF: case KW_FOR: case KW_WHILE: case KW_DEF: case KW_CLASS: case KW_TRY:
    case KW_WITH: case KW_ASYNC:
        return true;
    default:
        return t->type == TOK_AT;
    }
}

/* Does token T go on with a compound statement whose top-level line just
 * ended (DECORATING: that line was a decorator)? */
static bool continues_compound(const LexToken *t, bool decorating)
{
    switch (t->kw) {
    case KW_ELSE: case KW_ELIF: case KW_EXCEPT: case KW_FINALLY:
        return true;
    case KW_DEF: case KW_CLASS: case KW_ASYNC:
        return decorating;
    default:
        return decorating && t->type == TOK_AT;
    }
}

/* The first token after the first statement of LEX's tokens (NULL when
 * nothing but the end follows); *END is the token that ended it. */
static const LexToken *first_statement_end(const Lexer *lex, const LexToken **end)
{
    const LexToken *t = lex->toks;
    size_t n = lex->n_toks, i = 0;
    while (i < n && t[i].type == TOK_NEWLINE)
        i++;
    bool compound = i < n && starts_compound(&t[i]);
    bool decorating = i < n && t[i].type == TOK_AT;
    int depth = 0;
    for (; i + 1 < n; i++) {
        if (t[i].type == TOK_INDENT)
            depth++;
        else if (t[i].type == TOK_DEDENT)
            depth--;
        if (depth != 0 || (t[i].type != TOK_NEWLINE && t[i].type != TOK_DEDENT))
            continue;
        const LexToken *next = &t[i + 1];
        if (next->type == TOK_ENDMARKER)
            return NULL;
        if (next->type == TOK_INDENT || next->type == TOK_DEDENT || next->type == TOK_NEWLINE)
            continue;
        if (compound && continues_compound(next, decorating)) {
            decorating = next->type == TOK_AT;
            continue;
        }
        *end = &t[i];
        return next;
    }
    return NULL;
}

/* Mode 'single' takes one statement (compound, or simple ones on one
 * logical line): when SRC holds more, fill ERR with CPython's error
 * ("invalid syntax" at what follows a compound statement, "multiple
 * statements ..." at the end of a simple one's line) and return true. */
static bool single_excess(const SyntaxProfile *sp, const char *src, SyntaxErr *err)
{
    Lexer lex;
    if (!lexer_tokenize(&lex, src, strlen(src), sp))
        return false;
    const LexToken *end = NULL, *next = lex.has_error ? NULL : first_statement_end(&lex, &end);
    if (next) {
        const LexToken *first = lex.toks;
        while (first->type == TOK_NEWLINE)
            first++;
        if (starts_compound(first))
            single_error(sp, err, SE_INVALID_SYNTAX, NULL, src, next->lineno, next->col_offset,
                         next->lineno == next->end_lineno ? next->end_col_offset
                                                          : next->col_offset + 1);
        else
            single_error(sp, err, SE_INVALID_SYNTAX,
                         "multiple statements found while compiling a single statement", src,
                         end->lineno, end->col_offset, end->col_offset + sp->newline_width);
    }
    lexer_free(&lex);
    return next != NULL;
}

/* Errors CPython's compiler (not its parser) reports: the REPL prints
 * them without the line (3.13: from "<stdin>-N", with it). */
static bool compile_time_error(const SyntaxErr *e)
{
    return e->kind >= SE_RETURN_OUTSIDE && e->kind <= SE_TOO_MANY_BLOCKS;
}

/* Parse TEXT as one interactive input; NULL with ERR filled when it is
 * not one.  The parser's own checks after parsing come after the
 * one-statement rule, as CPython's compiler runs after its parser. */
static AstModule *parse_single(const SyntaxProfile *sp, const char *text, SyntaxErr *err)
{
    AstModule *m = parser_parse(text, strlen(text), sp, err);
    if (m || compile_time_error(err)) {
        SyntaxErr excess;
        if (single_excess(sp, text, &excess)) {
            if (m)
                ast_module_free(m);
            else
                syntax_err_clear(err);
            *err = excess;
            return NULL;
        }
    }
    return m;
}

/* The number of the last line of TEXT that is neither blank nor only a
 * comment, and in *LEN that line's length in characters without
 * trailing blanks. */
static int last_content_line(const char *text, int *len)
{
    int line = 1, last = 0, chars = 0;
    bool comment = false;   /* (a '#' in a string is taken for a comment) */
    *len = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            line++;
            chars = 0;
            comment = false;
        } else if (((unsigned char)*p & 0xC0) != 0x80) {
            chars++;
            comment = comment || *p == '#';
            if (!comment && *p != ' ' && *p != '\t' && *p != '\f' && *p != '\r') {
                last = line;
                *len = chars;
            }
        }
    }
    return last;
}

/* Did the end of TEXT cause error E (what CPython calls "incomplete
 * input"): an open bracket, string or continuation, a block or `try`
 * that the text ends before, or a statement the text ends in? */
static bool error_at_eof(const SyntaxErr *e, const char *text)
{
    int len, last = last_content_line(text, &len);
    switch (e->kind) {
    case SE_UNEXPECTED_EOF: case SE_UNCLOSED_BRACKET: case SE_UNTERMINATED_TRIPLE:
    case SE_EOF_IN_CONTINUATION:
        return true;
    case SE_EXPECTED_INDENT: case SE_EXPECTED_EXCEPT_FINALLY:
        return e->lineno > last || (e->lineno == last && e->offset > len);
    case SE_INVALID_SYNTAX: {
        size_t n = strlen(text);
        while (n > 0 && strchr(" \t\f\r\n", text[n - 1]))
            n--;
        return e->lineno > last && !(n > 0 && text[n - 1] == '\\');
    }
    default:
        return false;
    }
}

/* codeop's test for a TEXT that does not compile: incomplete when TEXT +
 * "\n" compiles, or fails only because the input ended there. */
static SessionInputStatus probe_more_lines(const SyntaxProfile *sp, const char *text)
{
    size_t n = strlen(text);
    char *more = xmalloc(n + 2);
    memcpy(more, text, n);
    memcpy(more + n, "\n", 2);
    SyntaxErr err;
    AstModule *m = parse_single(sp, more, &err);
    SessionInputStatus st = SESSION_INPUT_INCOMPLETE;
    if (m) {
        ast_module_free(m);
    } else {
        if (!error_at_eof(&err, text))
            st = SESSION_INPUT_INVALID;
        syntax_err_clear(&err);
    }
    free(more);
    return st;
}

/* Is TEXT a complete input, does it need more lines, or is it invalid? */
SessionInputStatus session_input_status(Session *s, const char *text)
{
    if (only_blanks(text))
        return SESSION_INPUT_COMPLETE;
    const SyntaxProfile *sp = syntax_profile_by_name(s->prof->name);
    SyntaxErr err;
    AstModule *m = parse_single(sp, text, &err);
    if (m) {
        size_t n = strlen(text);
        bool open = m->n_body && is_compound(m->body[m->n_body - 1]) && text[n - 1] != '\n';
        ast_module_free(m);
        return open ? SESSION_INPUT_INCOMPLETE : SESSION_INPUT_COMPLETE;
    }
    syntax_err_clear(&err);
    return probe_more_lines(sp, text);
}

/* ---- the transcript ---- */

/* Append an entry of KIND holding LEN bytes of TEXT, for input INPUT. */
static void transcript_add(Session *s, TranscriptKind kind, const char *text, size_t len,
                           int input)
{
    XGROW(s->transcript, s->captranscript, s->ntranscript + 1);
    TranscriptEntry *e = &s->transcript[s->ntranscript++];
    e->kind = kind;
    e->text = xmalloc(len + 1);
    memcpy(e->text, text, len);
    e->text[len] = '\0';
    e->len = len;
    e->input = input;
}

/* Record what the program wrote since the last look: stdout, then
 * stderr (for INPUT; the script's own output, INPUT -1, only when
 * record_transcript is set). */
static void transcript_sync(Session *s, int input)
{
    const StrBuf *out = &s->heap->out, *err = &s->heap->err;
    if (out->len < s->out_seen)      /* a reader emptied the buffers */
        s->out_seen = 0;
    if (err->len < s->err_seen)
        s->err_seen = 0;
    if (input >= 0 || s->record_transcript) {
        if (out->len > s->out_seen)
            transcript_add(s, TRANSCRIPT_STDOUT, out->data + s->out_seen, out->len - s->out_seen,
                           input);
        if (err->len > s->err_seen)
            transcript_add(s, TRANSCRIPT_STDERR, err->data + s->err_seen, err->len - s->err_seen,
                           input);
    }
    s->out_seen = out->len;
    s->err_seen = err->len;
}

/* Record TEXT as the REPL echoes it: ">>> " before the first line,
 * "... " before each further one. */
static void transcript_add_input(Session *s, const char *text, int input)
{
    StrBuf b = {0};
    const char *p = text;
    for (bool first = true;; first = false) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        strbuf_puts(&b, first ? ">>> " : "... ");
        strbuf_append(&b, p, n);
        strbuf_putc(&b, '\n');
        if (!nl)
            break;
        p = nl + 1;
    }
    transcript_add(s, TRANSCRIPT_INPUT, b.data, b.len, input);
    strbuf_free(&b);
}

/* Release the transcript. */
static void transcript_free(Session *s)
{
    for (size_t i = 0; i < s->ntranscript; i++)
        free(s->transcript[i].text);
    free(s->transcript);
    s->transcript = NULL;
    s->ntranscript = s->captranscript = 0;
}

/* Give C (a clone of S sharing S's pointers) its own copy of the transcript. */
static void transcript_copy(Session *c, const Session *s)
{
    c->transcript = NULL;
    c->ntranscript = c->captranscript = 0;
    for (size_t i = 0; i < s->ntranscript; i++) {
        const TranscriptEntry *e = &s->transcript[i];
        transcript_add(c, e->kind, e->text, e->len, e->input);
    }
}

/* Entries in the transcript (recording any output not yet in it). */
size_t session_transcript_count(Session *s)
{
    transcript_sync(s, -1);
    return s->ntranscript;
}

/* Empty the heap's output buffers, recording what the transcript has not seen. */
void session_clear_output(Session *s)
{
    transcript_sync(s, -1);
    strbuf_reset(&s->heap->out);
    strbuf_reset(&s->heap->err);
    s->out_seen = s->err_seen = 0;
}

/* Entry I of the transcript. */
const TranscriptEntry *session_transcript_entry(const Session *s, size_t i)
{
    return i < s->ntranscript ? &s->transcript[i] : NULL;
}

/* ---- running typed input ---- */

/* Print ERR, an input's SyntaxError, as the REPL does (PyErr_Print; it
 * becomes sys.last_value).  Errors found after parsing (COMPILED) show
 * their line only where the REPL keeps the input's text (3.13). */
static void input_syntax_error(Session *s, SyntaxErr *err, const char *filename, bool compiled)
{
    Heap *h = s->heap;
    if (compiled && !s->prof->repl_input_sources) {
        free(err->text);
        err->text = NULL;
    }
    static const ExcType types[] = {[SYNTAX_ERROR] = EXC_SyntaxError,
                                    [INDENTATION_ERROR] = EXC_IndentationError,
                                    [TAB_ERROR] = EXC_TabError, [MEMORY_ERROR] = EXC_MemoryError,
                                    [RECURSION_ERROR] = EXC_RecursionError};
    heap_raise(h, types[err->type], "%s", err->msg ? err->msg : "");
    vm_set_last_exc(s->vm, heap_fetch_exc(h));
    char *text = syntax_err_format(syntax_profile_by_name(s->prof->name), err, filename);
    strbuf_puts(&h->err, text);
    free(text);
}

/* The code object's name for the next input (3.13 numbers the inputs that
 * parsed, "<stdin>-N", and keeps their text), registered with the VM. */
static const char *input_filename(Session *s, char *buf, size_t size)
{
    if (!s->prof->repl_input_sources)
        return "<stdin>";
    snprintf(buf, size, "<stdin>-%d", s->vm->ninputs);
    vm_add_input(s->vm, buf, NULL);
    return buf;
}

/* Compile and run SRC (one input ending in a newline; INPUT numbers it). */
static bool run_input(Session *s, const char *src, int input)
{
    Heap *h = s->heap;
    const SyntaxProfile *sp = syntax_profile_by_name(s->prof->name);
    SyntaxErr err;
    AstModule *m = parse_single(sp, src, &err);
    if (!m && !compile_time_error(&err)) {
        input_syntax_error(s, &err, "<stdin>", false);
        syntax_err_clear(&err);
        return false;
    }
    char buf[32];
    const char *filename = input_filename(s, buf, sizeof buf);
    if (!m) {                    /* an error CPython's compiler finds */
        input_syntax_error(s, &err, filename, true);
        syntax_err_clear(&err);
        return false;
    }
    if (!s->prof->repl_input_sources)
        vm_add_input(s->vm, filename, NULL);
    CompileError cerr = {.source = src, .source_len = strlen(src)};
    CompileArena arena = {0};
    Ref code = compile_module_keep(h, m, filename, COMPILE_INTERACTIVE, &cerr, &arena);
    ast_module_free(m);
    transcript_sync(s, input);   /* SyntaxWarnings come before the output */
    if (!code) {
        input_syntax_error(s, &cerr.syntax, filename, true);
        compile_error_clear(&cerr);
        return false;
    }
    if (s->prof->repl_input_sources)
        vm_add_input(s->vm, filename, src);
    StrBuf tb = {0};
    long long budget = s->input_budget > 0 ? s->input_budget : SESSION_INPUT_BUDGET;
    bool per_line = s->vm->check_heap;
    s->vm->check_heap = false;   /* validated once after the input instead */
    bool ok = vm_run_input(s->vm, code, &arena, budget, &tb);
    s->vm->check_heap = per_line;
    transcript_sync(s, input);   /* the run's output goes before its traceback */
    if (tb.len)
        strbuf_append(&h->err, tb.data, tb.len);
    strbuf_free(&tb);
    return ok;
}

/* Validate the heap after an input (check_heap), keeping the first failure. */
static void check_heap_after_input(Session *s)
{
    if (!s->check_heap || s->vm->heap_error)
        return;
    StrBuf why = {0};
    if (!heap_validate(s->heap, &why)) {
        StrBuf msg = {0};
        strbuf_printf(&msg, "after input %d: %s", s->ninputs, strbuf_cstr(&why));
        s->vm->heap_error = strbuf_steal(&msg);
    }
    strbuf_free(&why);
}

/* Run TEXT as one input of CPython's interactive prompt. */
bool session_input(Session *s, const char *text)
{
    transcript_sync(s, -1);
    int input = s->ninputs++;
    transcript_add_input(s, text, input);
    bool ok = true;
    if (!only_blanks(text)) {
        size_t n = strlen(text);
        char *src = xmalloc(n + 2);
        memcpy(src, text, n);
        memcpy(src + n, "\n", 2);
        ok = run_input(s, src, input);
        free(src);
    } else if (s->prof->repl_input_sources) {
        char buf[32];
        input_filename(s, buf, sizeof buf);   /* an empty line parses as `pass` */
    }
    transcript_sync(s, input);
    check_heap_after_input(s);
    return ok;
}
