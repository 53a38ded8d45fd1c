/* A session: load a script, compile it, and run it line by line. */
#include "session/session.h"

#include <stdlib.h>
#include <string.h>

#include "lang/compile.h"
#include "lang/parser.h"
#include "util/xalloc.h"

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
    free(s->filename);
    free(s->source);
    free(s);
}

/* Print a SyntaxError the way `python FILE` does, to stderr. */
static void report_syntax_error(Session *s, const SyntaxErr *e)
{
    char *text = syntax_err_format(syntax_profile_by_name(s->prof->name), e, s->filename);
    strbuf_puts(&s->heap->err, text);
    free(text);
}

/* Compile SOURCE (named FILENAME) and get ready to run it. */
bool session_load(Session *s, const char *filename, const char *source)
{
    free(s->filename);
    free(s->source);
    s->filename = xstrdup(filename);
    s->source = xstrdup(source);
    vm_set_source(s->vm, source);
    SyntaxErr err;
    const SyntaxProfile *sp = syntax_profile_by_name(s->prof->name);
    AstModule *m = parser_parse(source, strlen(source), sp, &err);
    if (!m) {
        report_syntax_error(s, &err);
        syntax_err_clear(&err);
        s->status = SESSION_ERROR;
        return false;
    }
    CompileError cerr = {.source = source, .source_len = strlen(source)};
    Ref code = compile_module_keep(s->heap, m, filename, COMPILE_FILE, &cerr, &s->vm->arena);
    ast_module_free(m);
    if (!code) {
        report_syntax_error(s, &cerr.syntax);
        compile_error_clear(&cerr);
        s->status = SESSION_ERROR;
        return false;
    }
    bool started = vm_start(s->vm, code);
    heap_decref(s->heap, code);
    if (!started) {
        vm_format_traceback(s->vm, s->heap->exc, &s->heap->err);
        heap_clear_exc(s->heap);
        s->status = SESSION_ERROR;
        return false;
    }
    s->status = SESSION_READY;
    return true;
}

/* Record how a run ended: print the traceback of an uncaught exception. */
static void finish(Session *s, VmStatus st)
{
    if (st == VM_PAUSED)
        return;
    if (st == VM_ERROR) {
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
}

/* Run one line; false once the script has finished or failed. */
bool session_step(Session *s)
{
    if (s->status != SESSION_READY)
        return false;
    finish(s, vm_run(s->vm, VM_STEP_LINE));
    if (s->on_step)
        s->on_step(s, s->on_step_arg);
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
}

/* Exit status CPython would give: 0, or 1 after an uncaught exception. */
int session_exit_status(const Session *s)
{
    return s->status == SESSION_ERROR ? 1 : 0;
}

/* The first heap-invariant violation seen, or NULL. */
const char *session_heap_error(const Session *s)
{
    return s->vm->heap_error;
}
