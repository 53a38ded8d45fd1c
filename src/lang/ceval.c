/* The evaluation loop.
 *
 * vm_run() executes instructions of the innermost frame; CALL of a Python
 * function pushes a frame and keeps going in the same loop, RETURN_VALUE
 * pops it.  Errors unwind the frame's handler blocks, then whole frames,
 * adding to the exception's traceback.  Every value-stack slot holds an owned
 * reference, exactly like CPython's, so refcounts seen by the script match
 * the real interpreter's (see the profile's call_moves_args for how a call
 * hands its arguments over).
 *
 * vm_run_input runs one typed input (the interactive prompt) as a module
 * frame on top of whatever frames the script has, then keeps the frames of
 * an uncaught exception as sys.last_traceback does.  traceback.c prints
 * the tracebacks. */
#include "lang/ceval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/builtins.h"
#include "lang/traceback.h"
#include "sim/abstract.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/setobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/suggest.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

#define DEFAULT_BUDGET 200000000LL  /* instructions before "too long" */

/* ---- frames ---- */

/* Make a frame for CODE; FUNC may be 0 (module code). */
static Frame *frame_new(Vm *vm, Ref func, Ref code, Ref globals, Ref locals)
{
    Heap *h = vm->h;
    CodeBody *body = code_data(h, code)->body;
    gc_on_frame(h, code);
    Frame *f = xcalloc(1, sizeof *f);
    f->func = heap_newref(h, func);
    f->code = heap_newref(h, code);
    f->body = body;
    f->globals = heap_newref(h, globals);
    f->builtins = heap_newref(h, vm->builtins);
    f->locals = heap_newref(h, locals);
    int nfast = body->nlocals + body->ncells + body->nfrees;
    f->fast = xcalloc(nfast ? nfast : 1, sizeof(Ref));
    f->stack = xcalloc(body->stacksize + 4, sizeof(Ref));
    f->line = body->n ? body->code[0].line : 0;
    return f;
}

/* Release a frame: locals in slot order, then the stack, as CPython. */
static void frame_free(Vm *vm, Frame *f)
{
    Heap *h = vm->h;
    int nfast = f->body->nlocals + f->body->ncells + f->body->nfrees;
    for (int i = 0; i < nfast; i++) {
        Ref v = f->fast[i];
        f->fast[i] = 0;
        heap_decref(h, v);
    }
    while (f->sp > 0)
        heap_decref(h, f->stack[--f->sp]);
    heap_decref(h, f->locals);
    heap_decref(h, f->class_name);
    heap_decref(h, f->class_bases);
    heap_decref(h, f->builtins);
    heap_decref(h, f->globals);
    if (!f->func_borrowed)
        heap_decref(h, f->func);
    heap_decref(h, f->code);
    free(f->fast);
    free(f->stack);
    free(f);
}

/* Push frame F on the VM's call stack. */
static void push_frame(Vm *vm, Frame *f)
{
    if (vm->nframes == vm->capframes) {
        vm->capframes = vm->capframes ? vm->capframes * 2 : 64;
        vm->frames = xrealloc(vm->frames, sizeof(Frame *) * vm->capframes);
    }
    vm->frames[vm->nframes++] = f;
}

/* The innermost frame, or NULL. */
Frame *vm_current_frame(const Vm *vm)
{
    return vm->nframes ? vm->frames[vm->nframes - 1] : NULL;
}

/* Visit every reference frame F holds. */
static void frame_visit(Heap *h, const Frame *f, VisitFn visit, void *varg)
{
    Ref fixed[] = {f->func_borrowed ? 0 : f->func, f->code, f->globals, f->builtins,
                   f->locals, f->class_name, f->class_bases};
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
        if (fixed[k])
            visit(h, fixed[k], varg);
    int nfast = f->body->nlocals + f->body->ncells + f->body->nfrees;
    for (int k = 0; k < nfast; k++)
        if (f->fast[k])
            visit(h, f->fast[k], varg);
    for (int k = 0; k < f->sp; k++)
        if (f->stack[k])
            visit(h, f->stack[k], varg);
}

/* Report every reference the VM holds (frames, stacks, handled exceptions). */
static void vm_roots(void *arg, VisitFn visit, void *varg)
{
    Vm *vm = arg;
    Heap *h = vm->h;
    for (int i = 0; i < vm->nframes; i++)
        frame_visit(h, vm->frames[i], visit, varg);
    for (int i = 0; i < vm->nlast_frames; i++)
        frame_visit(h, vm->last_frames[i], visit, varg);
    compile_arena_visit(h, &vm->arena, visit, varg);
    compile_arena_visit(h, &vm->input_arena, visit, varg);
    Ref own[] = {vm->builtins, vm->modules, vm->main_module, vm->exc, vm->handled,
                 vm->last_exc, vm->input_code};
    for (size_t k = 0; k < sizeof own / sizeof own[0]; k++)
        if (own[k])
            visit(h, own[k], varg);
}

/* ---- tracebacks ---- */

/* PyTraceBack_Here: the pending exception passed through frame F at its
 * current line (the entry goes on the exception's own traceback). */
static void tb_add(Vm *vm, Frame *f)
{
    Heap *h = vm->h;
    if (!h->exc || heap_kind(h, h->exc) != K_EXCEPTION)
        return;
    CodeData *cd = code_data(h, f->code);
    ExcTbEntry e = {.filename = (char *)str_utf8(h, cd->filename, NULL),
                    .funcname = (char *)str_utf8(h, cd->name, NULL),
                    .line = f->line, .col = -1, .end_line = 0, .end_col = -1};
    if (f->body->pos && f->pc > 0 && (size_t)f->pc <= f->body->n
        && f->body->code[f->pc - 1].line == f->line) {
        InstrPos pos = f->body->pos[f->pc - 1];
        e.col = pos.col;
        e.end_line = pos.end_line;
        e.end_col = pos.end_col;
    }
    exc_traceback_add(h, h->exc, &e);
}

/* ---- names ---- */

/* co_names[i] of frame F. */
static Ref name_at(Vm *vm, Frame *f, int i)
{
    return tuple_items(vm->h, code_data(vm->h, f->code)->names)[i];
}

/* LOAD_METHOD on an object of a static builtin type whose method table
 * has NAME (and nothing in the type's dict shadows it): the static method
 * descriptor, pushed with the object like CPython's _PyObject_GetMethod,
 * so no bound method is allocated (borrowed; 0 when not applicable). */
static Ref builtin_method_lookup(Heap *h, Ref o, Ref name)
{
    Kind k = heap_kind(h, o);
    Ref t = heap_type(h, o);
    const TypeOps *ops = kind_ops[k];
    if (k == K_INSTANCE || k == K_TYPE || k == K_MODULE || !ops || !ops->methods
        || ops->getattr || t != h->type_of_kind[k] || type_data(h, t)->heaptype
        || type_lookup(h, t, name))
        return NULLREF;
    for (const MethodDef *m = ops->methods; m->name; m++)
        if (str_eq_cstr(h, name, m->name))
            return builtin_static_descriptor(h, m, t);
    return NULLREF;
}

/* Append the str keys of dict D to the candidate list. */
static void add_names(Heap *h, Ref d, const char ***v, size_t *n, size_t *cap)
{
    size_t pos = 0;
    Ref k, val;
    while (d && dict_next(h, d, &pos, &k, &val)) {
        if (!str_check(h, k))
            continue;
        XGROW(*v, *cap, *n + 1);
        (*v)[(*n)++] = str_utf8(h, k, NULL);
    }
}

/* Choose the NameError's "Did you mean" among the names visible in F:
 * 3.11 tries the code's variables, then globals, then builtins, in turn;
 * 3.12+ one list of f_locals, globals and builtins. */
static void name_error_context(Vm *vm, Frame *f, Ref name)
{
    Heap *h = vm->h;
    if (!h->prof->suggest_style || !f)
        return;
    const char **v = NULL;
    size_t n = 0, cap = 0;
    bool per_scope = h->prof->suggest_style == SUGGEST_C;
    CodeData *cd = code_data(h, f->code);
    for (size_t i = 0; i < tuple_size(h, cd->varnames); i++) {
        if (!per_scope && (int)i < f->body->nlocals && !f->fast[i])
            continue;
        XGROW(v, cap, n + 1);
        v[n++] = str_utf8(h, tuple_items(h, cd->varnames)[i], NULL);
    }
    if (!per_scope && f->locals)
        add_names(h, f->locals, &v, &n, &cap);
    Ref scopes[2] = {f->globals, f->builtins};
    if (per_scope) {
        const char *s = suggest_closest(SUGGEST_C, str_utf8(h, name, NULL), v, n);
        for (int k = 0; k < 2 && !s; k++) {
            n = 0;
            add_names(h, scopes[k], &v, &n, &cap);
            s = suggest_closest(SUGGEST_C, str_utf8(h, name, NULL), v, n);
        }
        n = 0;
        if (s) {
            XGROW(v, cap, 1);
            v[n++] = s;
        }
    } else {
        for (int k = 0; k < 2; k++)
            add_names(h, scopes[k], &v, &n, &cap);
    }
    exc_set_name_context(h, name, v, n);
    free(v);
}

/* Raise NameError for NAME, with CPython's text. */
static void name_error(Vm *vm, Ref name)
{
    heap_raise(vm->h, EXC_NameError, "name '%s' is not defined", str_utf8(vm->h, name, NULL));
    name_error_context(vm, vm_current_frame(vm), name);
}

/* Look NAME up in globals then builtins; new reference or 0 (NameError). */
static Ref load_global(Vm *vm, Frame *f, Ref name)
{
    Heap *h = vm->h;
    Ref v = dict_getitem(h, f->globals, name);
    if (!v && !h->exc)
        v = dict_getitem(h, f->builtins, name);
    if (!v) {
        if (!h->exc)
            name_error(vm, name);
        return NULLREF;
    }
    return heap_newref(h, v);
}

/* The cell or free-variable name for deref index I. */
static const char *deref_name(Vm *vm, Frame *f, int i)
{
    CodeData *cd = code_data(vm->h, f->code);
    int nc = f->body->ncells;
    Ref names = i < nc ? cd->cellvars : cd->freevars;
    return str_utf8(vm->h, tuple_items(vm->h, names)[i < nc ? i : i - nc], NULL);
}

/* Raise UnboundLocalError / NameError for an unset local or cell. */
static void unbound_error(Vm *vm, const char *name, bool free_var)
{
    Heap *h = vm->h;
    if (free_var)
        heap_raise(h, EXC_NameError,
                   h->prof->msg_free_var_unbound, name);
    else
        heap_raise(h, EXC_UnboundLocalError, h->prof->msg_local_unbound, name);
}

/* ---- calls ---- */

/* Name used in call errors: qualname from 3.10, name before. */
static const char *func_error_name(Vm *vm, Ref func)
{
    FuncData *d = func_data(vm->h, func);
    return str_utf8(vm->h, vm->h->prof->call_errors_qualname ? d->qualname : d->name, NULL);
}

/* Report missing arguments: "f() missing 2 required positional arguments: 'a' and 'b'". */
static void missing_args(Vm *vm, Ref func, const char *kind, Ref *names, int n)
{
    StrBuf b = {0};
    for (int i = 0; i < n; i++) {
        if (i > 0)
            strbuf_puts(&b, n == 2 ? " and " : (i == n - 1 ? ", and " : ", "));
        strbuf_printf(&b, "'%s'", str_utf8(vm->h, names[i], NULL));
    }
    heap_raise(vm->h, EXC_TypeError, "%s() missing %d required %s argument%s: %s",
               func_error_name(vm, func), n, kind, n == 1 ? "" : "s", strbuf_cstr(&b));
    strbuf_free(&b);
}

/* Index of keyword NAME among the code's parameters, or -1. */
static int param_index(Vm *vm, CodeData *cd, int nparams, Ref name)
{
    Ref *vars = tuple_items(vm->h, cd->varnames);
    for (int i = 0; i < nparams; i++)
        if (vars[i] == name || str_equal(vm->h, vars[i], name))
            return i;
    return -1;
}

/* Bind ARGS (owned refs when MOVE, else borrowed) to F's parameters. */
static bool bind_args(Vm *vm, Frame *f, Ref func, Ref *args, size_t nargs, Ref kwnames,
                      bool move)
{
    Heap *h = vm->h;
    CodeData *cd = code_data(h, f->code);
    FuncData *fd = func_data(h, func);
    int argc = cd->argcount, kwonly = cd->kwonlyargcount;
    int nparams = argc + kwonly;
    bool varargs = cd->flags & CO_VARARGS, varkw = cd->flags & CO_VARKEYWORDS;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    Ref kwdict = 0;
    bool ok = true;
    if (varkw) {
        kwdict = dict_new(h);
        f->fast[nparams + varargs] = kwdict;
    }
    size_t npos = nargs < (size_t)argc ? nargs : (size_t)argc;
    for (size_t i = 0; i < npos; i++)
        f->fast[i] = move ? args[i] : heap_newref(h, args[i]);
    if (varargs) {
        Ref t = tuple_from_array(h, args + npos, nargs - npos);
        if (move)
            for (size_t i = npos; i < nargs; i++)
                heap_decref(h, args[i]);
        f->fast[nparams] = t;
    } else if (nargs > (size_t)argc) {
        for (size_t i = npos; move && i < nargs; i++)
            heap_decref(h, args[i]);
        size_t ndef = fd->defaults ? tuple_size(h, fd->defaults) : 0;
        if (ndef)
            heap_raise(h, EXC_TypeError, "%s() takes from %zu to %d positional arguments but %zu were given",
                       func_error_name(vm, func), argc - ndef, argc, nargs);
        else
            heap_raise(h, EXC_TypeError, "%s() takes %d positional argument%s but %zu %s given",
                       func_error_name(vm, func), argc, argc == 1 ? "" : "s", nargs,
                       nargs == 1 ? "was" : "were");
        ok = false;
    }
    for (size_t k = 0; k < nkw; k++) {
        Ref name = tuple_items(h, kwnames)[k];
        Ref value = args[nargs + k];
        if (!ok) {
            if (move)
                heap_decref(h, value);
            continue;
        }
        int idx = param_index(vm, cd, nparams, name);
        if (idx < 0 && kwdict) {
            dict_setitem(h, kwdict, name, value);
            if (move)
                heap_decref(h, value);
            continue;
        }
        if (idx < 0) {
            heap_raise(h, EXC_TypeError, "%s() got an unexpected keyword argument '%s'",
                       func_error_name(vm, func), str_utf8(h, name, NULL));
            ok = false;
        } else if (f->fast[idx]) {
            heap_raise(h, EXC_TypeError, "%s() got multiple values for argument '%s'",
                       func_error_name(vm, func), str_utf8(h, name, NULL));
            ok = false;
        } else {
            f->fast[idx] = move ? value : heap_newref(h, value);
            continue;
        }
        if (move)
            heap_decref(h, value);
    }
    if (!ok)
        return false;
    size_t ndef = fd->defaults ? tuple_size(h, fd->defaults) : 0;
    Ref missing[64];
    int nmissing = 0;
    for (int i = 0; i < argc; i++) {
        if (f->fast[i])
            continue;
        int d = i - (argc - (int)ndef);
        if (d >= 0)
            f->fast[i] = heap_newref(h, tuple_items(h, fd->defaults)[d]);
        else if (nmissing < 64)
            missing[nmissing++] = tuple_items(h, cd->varnames)[i];
    }
    if (nmissing) {
        missing_args(vm, func, "positional", missing, nmissing);
        return false;
    }
    for (int i = argc; i < nparams; i++) {
        if (f->fast[i])
            continue;
        Ref name = tuple_items(h, cd->varnames)[i];
        Ref d = fd->kwdefaults ? dict_getitem(h, fd->kwdefaults, name) : 0;
        if (d)
            f->fast[i] = heap_newref(h, d);
        else if (nmissing < 64)
            missing[nmissing++] = name;
    }
    if (nmissing) {
        missing_args(vm, func, "keyword-only", missing, nmissing);
        return false;
    }
    return true;
}

/* Set up cells and free variables of a new frame (MAKE_CELL, COPY_FREE_VARS). */
static bool init_cells(Vm *vm, Frame *f, Ref func)
{
    Heap *h = vm->h;
    CodeBody *b = f->body;
    for (int i = 0; i < b->ncells; i++) {
        int arg = b->cell2arg ? b->cell2arg[i] : -1;
        Ref init = arg >= 0 ? f->fast[arg] : 0;
        Ref c = cell_new(h, init);
        if (!c)
            return false;
        f->fast[b->nlocals + i] = c;
        if (arg >= 0)               /* the argument moves into its cell */
            heap_setref(h, &f->fast[arg], NULLREF);
    }
    Ref closure = func ? func_data(h, func)->closure : 0;
    for (int i = 0; i < b->nfrees; i++)
        f->fast[b->nlocals + b->ncells + i] = heap_newref(h, tuple_items(h, closure)[i]);
    return true;
}

/* Make and push the frame for calling Python function FUNC. */
static Frame *enter_function(Vm *vm, Ref func, Ref *args, size_t nargs, Ref kwnames,
                             bool move)
{
    Heap *h = vm->h;
    if (vm->nframes >= vm->recursion_limit) {
        if (move) {
            size_t total = nargs + (kwnames ? tuple_size(h, kwnames) : 0);
            for (size_t i = 0; i < total; i++)
                heap_decref(h, args[i]);
        }
        heap_raise(h, EXC_RecursionError, "%s", h->prof->msg_recursion);
        return NULL;
    }
    FuncData *fd = func_data(h, func);
    Frame *f = frame_new(vm, func, fd->code, fd->globals, 0);
    /* CPython holds one reference to the running function: the caller's
     * stack slot (3.8) or the frame's f_funcobj, which takes that slot's
     * reference (3.11+).  Either way the frame adds none of its own. */
    heap_decref(h, func);
    f->func_borrowed = 1;
    if (!bind_args(vm, f, func, args, nargs, kwnames, move) || !init_cells(vm, f, func)) {
        frame_free(vm, f);
        return NULL;
    }
    push_frame(vm, f);
    return f;
}

static VmStatus run(Vm *vm, int base, VmMode mode);
static void release_last(Vm *vm);

/* Call any callable from C, running Python frames to completion. */
Ref vm_call(Vm *vm, Ref callable, const Ref *args, size_t nargs, Ref kwnames)
{
    Heap *h = vm->h;
    Kind k = heap_kind(h, callable);
    if (k == K_METHOD) {
        MethodData *md = method_data(h, callable);
        size_t total = nargs + (kwnames ? tuple_size(h, kwnames) : 0);
        Ref *full = xmalloc(sizeof(Ref) * (total + 1));
        full[0] = md->self;
        memcpy(full + 1, args, sizeof(Ref) * total);
        Ref r = vm_call(vm, md->func, full, nargs + 1, kwnames);
        free(full);
        return r;
    }
    if (k != K_FUNCTION)
        return obj_call(h, callable, args, nargs, kwnames);
    if (!heap_enter_recursive(h, h->prof->msg_recursion_c))
        return NULLREF;
    Frame *f = enter_function(vm, callable, (Ref *)args, nargs, kwnames, false);
    if (!f) {
        heap_leave_recursive(h);
        return NULLREF;
    }
    heap_incref(h, callable);      /* no caller stack slot holds it here */
    f->func_borrowed = 0;
    f->c_boundary = 1;
    int base = vm->nframes - 1;
    vm->c_depth++;
    VmStatus st = run(vm, base, VM_RUN);
    vm->c_depth--;
    (void)st;
    Frame *top = vm->frames[base];
    (void)top;
    Ref result = vm->frames[base]->stack[0];
    vm->frames[base]->stack[0] = 0;
    frame_free(vm, vm->frames[base]);
    vm->nframes--;
    heap_leave_recursive(h);
    return result;   /* 0 with the exception set on error */
}

/* The heap's call hook. */
static Ref call_hook(void *arg, Ref callable, const Ref *args, size_t nargs, Ref kwnames)
{
    return vm_call(arg, callable, args, nargs, kwnames);
}

/* ---- the loop ---- */

#define PUSH(v) (f->stack[f->sp++] = (v))
#define POP() (f->stack[--f->sp])
#define TOP() (f->stack[f->sp - 1])
#define PEEK(n) (f->stack[f->sp - (n)])

/* Call the callable below NARGS arguments (and kwnames) on F's stack;
 * Python functions get a new frame (*PUSHED set), others run now. */
static bool do_call(Vm *vm, Frame *f, int nargs, Ref kwnames, bool *pushed)
{
    Heap *h = vm->h;
    size_t nkw = kwnames ? tuple_size(h, kwnames) : 0;
    int total = nargs + (int)nkw;
    Ref *args = &f->stack[f->sp - total];
    Ref callable = f->stack[f->sp - total - 1];
    Ref self_for_method = 0;
    *pushed = false;
    if (heap_kind(h, callable) == K_METHOD) {
        MethodData *md = method_data(h, callable);
        self_for_method = md->self;
        Ref *full = xmalloc(sizeof(Ref) * (total + 1));
        full[0] = heap_newref(h, self_for_method);
        memcpy(full + 1, args, sizeof(Ref) * total);
        Ref func = heap_newref(h, md->func);
        Frame *nf = NULL;
        if (heap_kind(h, func) == K_FUNCTION) {
            nf = enter_function(vm, func, full, nargs + 1, kwnames, false);
            heap_decref(h, full[0]);
            free(full);
            heap_decref(h, func);
            if (!nf)
                return false;
            f->pending_pop = total + 1;
            *pushed = true;
            return true;
        }
        Ref r = obj_call(h, func, full, nargs + 1, kwnames);
        heap_decref(h, full[0]);
        free(full);
        heap_decref(h, func);
        for (int i = 0; i < total; i++)
            heap_decref(h, POP());
        heap_decref(h, POP());
        if (!r)
            return false;
        PUSH(r);
        return true;
    }
    if (heap_kind(h, callable) == K_FUNCTION) {
        bool move = h->prof->call_moves_args;
        Frame *nf = enter_function(vm, callable, args, nargs, kwnames, move);
        if (move)
            f->sp -= total;      /* the new frame owns them now (or they were dropped) */
        if (!nf)
            return false;
        f->pending_pop = move ? 1 : total + 1;
        *pushed = true;
        return true;
    }
    Ref r = obj_call(h, callable, args, nargs, kwnames);
    for (int i = 0; i < total; i++)
        heap_decref(h, POP());
    heap_decref(h, POP());
    if (!r)
        return false;
    PUSH(r);
    return true;
}

/* After a pushed call returns VALUE to frame F: drop the callable and
 * (when not moved) the arguments, and push VALUE. */
static void finish_call(Vm *vm, Frame *f, Ref value)
{
    Heap *h = vm->h;
    int n = f->pending_pop;
    f->pending_pop = 0;
    for (int i = 0; i < n; i++)
        heap_decref(h, POP());
    PUSH(value);
}

/* Create the class when a class body frame returns. */
static Ref finish_class(Vm *vm, Frame *f)
{
    Heap *h = vm->h;
    Ref ns = f->locals;
    Ref qualname = dict_getitem_cstr(h, ns, "__qualname__");
    Ref cls = type_new_heap(h, f->class_name, f->class_bases, ns, qualname);
    if (!cls)
        return NULLREF;
    Ref cell = dict_getitem_cstr(h, ns, "__classcell__");
    if (cell && heap_kind(h, cell) == K_CELL) {
        cell_set(h, cell, cls);
        Ref d = type_data(h, cls)->dict;
        Ref key = str_intern_cstr(h, "__classcell__");
        dict_delitem(h, d, key);
        heap_decref(h, key);
    }
    return cls;
}

/* True when some frame from the innermost down to BASE has a handler block. */
static bool handler_below(const Vm *vm, int base)
{
    for (int i = vm->nframes - 1; i >= base; i--)
        if (vm->frames[i]->nblocks)
            return true;
    return false;
}

/* Find a handler for the pending exception in frames down to BASE;
 * returns true when execution can continue. */
static bool unwind(Vm *vm, int base, bool reraised)
{
    Heap *h = vm->h;
    for (;;) {
        Frame *f = vm->frames[vm->nframes - 1];
        if (!reraised)
            tb_add(vm, f);
        reraised = false;
        if (f->nblocks && !vm->budget_exhausted) {
            Block b = f->blocks[--f->nblocks];
            while (f->sp > b.level)
                heap_decref(h, POP());
            Ref exc = heap_fetch_exc(h);
            PUSH(exc);
            f->pc = b.handler;
            return true;
        }
        while (f->sp > 0)
            heap_decref(h, POP());
        if (vm->nframes - 1 == base) {
            f->stack[0] = 0;
            f->sp = 0;
            return false;
        }
        vm->nframes--;
        frame_free(vm, f);
    }
}

/* Give up on a script (or typed input) that runs too long (an infinite
 * loop): the RuntimeError then passes every handler (budget_exhausted). */
static bool over_budget(Vm *vm)
{
    if (vm->budget <= 0)
        return false;
    if (--vm->budget > 0)
        return false;
    vm->budget_exhausted = true;
    heap_raise(vm->h, EXC_RuntimeError, "%s",
               vm->budget_message ? vm->budget_message
                                  : "heapscope: the script ran for too long (infinite loop?) "
                                    "and was stopped");
    return true;
}

/* sys.displayhook, CPython's default: print repr(V) and a newline to
 * stdout unless V is None, and bind builtins._ to it (to None first, so
 * the previous value goes before the repr runs). */
static bool display_hook(Vm *vm, Ref v)
{
    Heap *h = vm->h;
    if (v == h->none)
        return true;
    if (dict_setitem_cstr(h, vm->builtins, "_", h->none) < 0 || !obj_repr_into(h, v, &h->out))
        return false;
    strbuf_putc(&h->out, '\n');
    return dict_setitem_cstr(h, vm->builtins, "_", v) == 0;
}

/* Validate the heap at a line boundary, remembering the first failure. */
static void check_heap(Vm *vm)
{
    if (!vm->check_heap || vm->heap_error)
        return;
    StrBuf why = {0};
    if (!heap_validate(vm->h, &why)) {
        Frame *f = vm_current_frame(vm);
        StrBuf msg = {0};
        strbuf_printf(&msg, "heap invariant broken before line %d: %s",
                      f ? f->line : 0, strbuf_cstr(&why));
        vm->heap_error = strbuf_steal(&msg);
    }
    strbuf_free(&why);
}


/* Store V (stolen) in the name slot for STORE_NAME in frame F. */
static int store_name(Vm *vm, Frame *f, Ref name, Ref v)
{
    Ref ns = f->locals ? f->locals : f->globals;
    int rc = dict_setitem(vm->h, ns, name, v);
    heap_decref(vm->h, v);
    return rc;
}

/* LOAD_NAME: locals dict, then globals, then builtins. */
static Ref load_name(Vm *vm, Frame *f, Ref name)
{
    Heap *h = vm->h;
    if (f->locals && f->locals != f->globals) {
        Ref v = dict_getitem(h, f->locals, name);
        if (v)
            return heap_newref(h, v);
        if (h->exc)
            return NULLREF;
    }
    return load_global(vm, f, name);
}

/* DELETE_NAME / DELETE_GLOBAL from dict NS. */
static bool delete_from(Vm *vm, Ref ns, Ref name)
{
    Heap *h = vm->h;
    if (dict_delitem(h, ns, name) == 0)
        return true;
    if (heap_exc_matches(h, EXC_KeyError)) {
        heap_clear_exc(h);
        name_error(vm, name);
    }
    return false;
}

/* UNPACK_SEQUENCE / UNPACK_EX: push the items of SEQ (stolen) in reverse. */
static bool unpack(Vm *vm, Frame *f, Ref seq, int before, int after, bool star)
{
    Heap *h = vm->h;
    Ref l = obj_to_list(h, seq);
    if (!l) {
        if (heap_exc_matches(h, EXC_TypeError) && !heap_ops(h, seq)->iter) {
            heap_clear_exc(h);
            heap_raise(h, EXC_TypeError, "cannot unpack non-iterable %s object",
                       heap_type_name(h, seq));
        }
        heap_decref(h, seq);
        return false;
    }
    heap_decref(h, seq);
    size_t n = list_size(h, l);
    Ref *items = list_items(h, l);
    if (!star && n != (size_t)before) {
        if (n > (size_t)before)
            heap_raise(h, EXC_ValueError, "too many values to unpack (expected %d)", before);
        else
            heap_raise(h, EXC_ValueError, "not enough values to unpack (expected %d, got %zu)",
                       before, n);
        heap_decref(h, l);
        return false;
    }
    if (star && n < (size_t)(before + after)) {
        heap_raise(h, EXC_ValueError, "not enough values to unpack (expected at least %d, got %zu)",
                   before + after, n);
        heap_decref(h, l);
        return false;
    }
    if (!star) {
        for (size_t i = n; i-- > 0;)
            PUSH(heap_newref(h, items[i]));
    } else {
        for (size_t i = n; i-- > n - after;)
            PUSH(heap_newref(h, items[i]));
        Ref mid = list_from_array(h, items + before, n - before - after);
        PUSH(mid);
        for (size_t i = before; i-- > 0;)
            PUSH(heap_newref(h, items[i]));
    }
    heap_decref(h, l);
    return true;
}

/* FORMAT_VALUE: conversion then format spec. */
static Ref format_value(Vm *vm, Ref v, int flags, Ref spec)
{
    Heap *h = vm->h;
    Ref conv = 0;
    switch (flags & 3) {
    case 1: conv = obj_str(h, v); break;
    case 2: conv = obj_repr(h, v); break;
    case 3: conv = builtin_ascii(h, v); break;
    default: conv = heap_newref(h, v); break;
    }
    if (!conv)
        return NULLREF;
    Ref r = (!spec && heap_kind(h, conv) == K_STR) ? heap_newref(h, conv)
                                                  : obj_format(h, conv, spec);
    heap_decref(h, conv);
    return r;
}

/* RAISE_VARARGS: make the exception object and raise it. */
static void do_raise(Vm *vm, Ref exc, Ref cause)
{
    Heap *h = vm->h;
    Ref inst = 0;
    if (heap_kind(h, exc) == K_TYPE && exc_is_class(h, exc)) {
        inst = obj_call(h, exc, NULL, 0, NULLREF);
        if (!inst)
            return;
    } else if (heap_kind(h, exc) == K_EXCEPTION) {
        inst = heap_newref(h, exc);
    } else {
        heap_raise(h, EXC_TypeError, "exceptions must derive from BaseException");
        return;
    }
    if (cause) {
        Ref c = cause == h->none ? 0 : cause;
        if (c && heap_kind(h, c) == K_TYPE && exc_is_class(h, c))
            c = obj_call(h, c, NULL, 0, NULLREF);
        else if (c && heap_kind(h, c) != K_EXCEPTION) {
            heap_decref(h, inst);
            heap_raise(h, EXC_TypeError, "exception causes must derive from BaseException");
            return;
        } else
            heap_incref(h, c);
        ExcData *d = exc_data(h, inst);
        heap_setref(h, &d->cause, c);
        d->suppress_context = 1;
    }
    heap_raise_obj(h, inst);
    heap_decref(h, inst);
}

/* _PyErr_SetObject's implicit chaining: the exception being handled
 * becomes the __context__ of the pending one when that one is being raised
 * (FORCE: a raise statement; else it has not left a frame yet: one passing
 * up from a callee keeps its context).  The pending exception is first cut
 * out of the handled one's context chain, so no new cycle is made (Floyd's
 * walk stops on an old one). */
static void set_context(Vm *vm, bool force)
{
    Heap *h = vm->h;
    Ref exc = h->exc, handled = vm->handled;
    if (!exc || !handled || handled == exc || heap_kind(h, exc) != K_EXCEPTION
        || heap_kind(h, handled) != K_EXCEPTION || (!force && exc_data(h, exc)->ntb))
        return;
    Ref o = handled, slow = handled;
    bool toggle = false;
    Ref ctx;
    while ((ctx = exc_data(h, o)->context)) {
        if (ctx == exc) {
            heap_setref(h, &exc_data(h, o)->context, NULLREF);
            break;
        }
        o = ctx;
        if (o == slow)
            break;
        if (toggle)
            slow = exc_data(h, slow)->context;
        toggle = !toggle;
    }
    heap_setref(h, &exc_data(h, exc)->context, heap_newref(h, handled));
}

/* Does exception EXC match class (or tuple of classes) T?  -1 on error. */
static int exc_matches(Vm *vm, Ref exc, Ref t)
{
    Heap *h = vm->h;
    if (heap_kind(h, t) == K_TUPLE) {
        for (size_t i = 0; i < tuple_size(h, t); i++) {
            int m = exc_matches(vm, exc, tuple_items(h, t)[i]);
            if (m)
                return m;
        }
        return 0;
    }
    if (heap_kind(h, t) != K_TYPE || !exc_is_class(h, t)) {
        heap_raise(h, EXC_TypeError,
                   "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return type_is_subtype(h, heap_type(h, exc), t);
}

/* "f()" for error messages about calling FN. */
static const char *callable_name(Heap *h, Ref fn)
{
    static char buf[256];
    Ref q = 0;
    if (heap_kind(h, fn) == K_FUNCTION)
        q = func_data(h, fn)->qualname;
    snprintf(buf, sizeof buf, "%s()", q ? str_utf8(h, q, NULL) : heap_type_name(h, fn));
    return buf;
}

/* The opcodes run() dispatches directly (see NEXT() there). */
#define HOT_OPS(X)                                                          \
    X(POP_TOP) X(LOAD_CONST) X(LOAD_NAME) X(STORE_NAME) X(LOAD_GLOBAL)      \
    X(LOAD_FAST) X(STORE_FAST) X(BINARY_OP) X(INPLACE_OP) X(COMPARE_OP)     \
    X(BINARY_SUBSCR) X(STORE_SUBSCR) X(JUMP) X(POP_JUMP_IF_FALSE)           \
    X(POP_JUMP_IF_TRUE) X(FOR_ITER) X(LOAD_METHOD) X(CALL_METHOD) X(CALL)

/* The bytes of output the program has written so far, as a mark. */
static inline size_t output_mark(const Heap *h)
{
    return h->out.len + h->err.len;
}

/* True when output was written since MARK (output_mark). */
static inline bool wrote_output(const Heap *h, size_t mark)
{
    return output_mark(h) != mark;
}

/* Execute instructions until frames below BASE return or a line starts. */
static VmStatus run(Vm *vm, int base, VmMode mode)
{
    Heap *h = vm->h;
    Frame *f = vm->frames[vm->nframes - 1];
    Frame *cf = NULL;                   /* the frame CODE belongs to */
    const Instr *code = NULL;
    const Ref *consts = NULL, *names = NULL;   /* CF's co_consts, co_names */
    bool first = true;
    size_t outmark = output_mark(h);    /* VM_STEP_OUTPUT: output so far */
    Instr in;
    int arg;
    Ref a, b, c, r;
    /* The hot opcodes dispatch straight to the next instruction (a
     * computed goto per opcode, so each has its own branch history); the
     * others go through the switch. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static const void *const hot[256] = {
        [0 ... 255] = &&op_switch,
#define HOT(name) [name] = &&op_##name,
        HOT_OPS(HOT)
#undef HOT
    };
#pragma GCC diagnostic pop
/* Fetch the next instruction (the per-instruction bookkeeping) into IN. */
#define FETCH()                                                             \
    do {                                                                    \
        if (gc_pending(h))          /* automatic collection (see gc.h) */   \
            gc_run_pending(h);                                              \
        f = vm->frames[vm->nframes - 1];                                    \
        if (f != cf) {                                                      \
            cf = f;                                                         \
            code = f->body->code;                                           \
            CodeData *cd_ = code_data(h, f->code);                          \
            consts = cd_->consts ? tuple_items(h, cd_->consts) : NULL;      \
            names = cd_->names ? tuple_items(h, cd_->names) : NULL;         \
        }                                                                   \
        in = code[f->pc];                                                   \
        if (in.line_start && vm->c_depth == 0) {    /* a step boundary */   \
            if (!first) {                                                   \
                f->line = in.line;                                          \
                check_heap(vm);                                             \
                if (mode == VM_STEP_LINE                                    \
                    || (mode == VM_STEP_OUTPUT && wrote_output(h, outmark))) \
                    return VM_PAUSED;                                       \
            }                                                               \
            vm->steps++;                                                    \
        }                                                                   \
        first = false;                                                      \
        f->line = in.line;                                                  \
        f->pc++;                                                            \
        if (over_budget(vm))                                                \
            goto error;                                                     \
        arg = in.arg;                                                       \
    } while (0)
/* End a hot opcode: fetch and dispatch the next instruction. */
#define NEXT()                                                              \
    do {                                                                    \
        FETCH();                                                            \
        goto *hot[in.op];                                                   \
    } while (0)
    for (;;) {
        FETCH();
        goto *hot[in.op];
    op_switch:
        switch ((Opcode)in.op) {
        case NOP:
            break;
        case POP_TOP:
        op_POP_TOP:
            heap_decref(h, POP());
            NEXT();
        case ROT_TWO:
            a = TOP(); TOP() = PEEK(2); PEEK(2) = a;
            break;
        case ROT_THREE:
            a = TOP(); TOP() = PEEK(2); PEEK(2) = PEEK(3); PEEK(3) = a;
            break;
        case ROT_FOUR:
            a = TOP(); TOP() = PEEK(2); PEEK(2) = PEEK(3); PEEK(3) = PEEK(4); PEEK(4) = a;
            break;
        case DUP_TOP:
            a = TOP();
            PUSH(heap_newref(h, a));
            break;
        case DUP_TOP_TWO:
            a = PEEK(2); b = TOP();
            PUSH(heap_newref(h, a));
            PUSH(heap_newref(h, b));
            break;
        case LOAD_CONST:
        op_LOAD_CONST:
            PUSH(heap_newref(h, consts[arg]));
            NEXT();
        case LOAD_NAME:
        op_LOAD_NAME:
            if (!(r = load_name(vm, f, names[arg])))
                goto error;
            PUSH(r);
            NEXT();
        case STORE_NAME:
        op_STORE_NAME:
            if (store_name(vm, f, names[arg], POP()) < 0)
                goto error;
            NEXT();
        case DELETE_NAME:
            if (!delete_from(vm, f->locals ? f->locals : f->globals, name_at(vm, f, arg)))
                goto error;
            break;
        case LOAD_GLOBAL:
        op_LOAD_GLOBAL:
            if (!(r = load_global(vm, f, names[arg])))
                goto error;
            PUSH(r);
            NEXT();
        case STORE_GLOBAL:
            a = POP();
            arg = dict_setitem(h, f->globals, name_at(vm, f, arg), a);
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case DELETE_GLOBAL:
            if (!delete_from(vm, f->globals, name_at(vm, f, arg)))
                goto error;
            break;
        case LOAD_FAST:
        op_LOAD_FAST:
            a = f->fast[arg];
            if (!a) {
                unbound_error(vm, str_utf8(h, tuple_items(h, code_data(h, f->code)->varnames)[arg], NULL), false);
                goto error;
            }
            PUSH(heap_newref(h, a));
            NEXT();
        case STORE_FAST:
        op_STORE_FAST:
            heap_setref(h, &f->fast[arg], POP());
            NEXT();
        case DELETE_FAST:
            if (!f->fast[arg]) {
                unbound_error(vm, str_utf8(h, tuple_items(h, code_data(h, f->code)->varnames)[arg], NULL), false);
                goto error;
            }
            heap_setref(h, &f->fast[arg], NULLREF);
            break;
        case LOAD_CLOSURE:
            PUSH(heap_newref(h, f->fast[f->body->nlocals + arg]));
            break;
        case LOAD_DEREF:
        case LOAD_CLASSDEREF:
            if (in.op == LOAD_CLASSDEREF && f->locals) {
                CodeData *cd = code_data(h, f->code);
                int nc = f->body->ncells;
                Ref nm = tuple_items(h, arg < nc ? cd->cellvars : cd->freevars)[arg < nc ? arg : arg - nc];
                Ref v = dict_getitem(h, f->locals, nm);
                if (v) {
                    PUSH(heap_newref(h, v));
                    break;
                }
            }
            a = cell_get(h, f->fast[f->body->nlocals + arg]);
            if (!a) {
                unbound_error(vm, deref_name(vm, f, arg), arg >= f->body->ncells);
                goto error;
            }
            PUSH(heap_newref(h, a));
            break;
        case STORE_DEREF:
            a = POP();
            cell_set(h, f->fast[f->body->nlocals + arg], a);
            heap_decref(h, a);
            break;
        case DELETE_DEREF:
            c = f->fast[f->body->nlocals + arg];
            if (!cell_get(h, c)) {
                unbound_error(vm, deref_name(vm, f, arg), arg >= f->body->ncells);
                goto error;
            }
            cell_set(h, c, NULLREF);
            break;
        case LOAD_ATTR:
            a = POP();
            r = obj_getattr(h, a, name_at(vm, f, arg));
            heap_decref(h, a);
            if (!r)
                goto error;
            PUSH(r);
            break;
        case STORE_ATTR:
            a = POP(); b = POP();
            arg = obj_setattr(h, a, name_at(vm, f, arg), b);
            heap_decref(h, a);
            heap_decref(h, b);
            if (arg < 0)
                goto error;
            break;
        case DELETE_ATTR:
            a = POP();
            arg = obj_setattr(h, a, name_at(vm, f, arg), NULLREF);
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case LOAD_METHOD:
        op_LOAD_METHOD: {
            a = POP();
            Ref name = names[arg];
            Ref meth = 0;
            if (heap_kind(h, a) == K_INSTANCE) {
                Ref d = type_lookup(h, heap_type(h, a), name);
                if (d && heap_kind(h, d) == K_FUNCTION && !instance_attr_lookup(h, a, name))
                    meth = d;
            }
            else
                meth = builtin_method_lookup(h, a, name);
            if (meth) {
                PUSH(heap_newref(h, meth));
                PUSH(a);
            } else {
                r = obj_getattr(h, a, name);
                heap_decref(h, a);
                if (!r)
                    goto error;
                PUSH(NULLREF);
                PUSH(r);
            }
            NEXT();
        }
        case CALL_METHOD:
        op_CALL_METHOD: {
            bool pushed;
            bool null_slot = PEEK(arg + 2) == 0;
            if (null_slot) {
                if (!do_call(vm, f, arg, NULLREF, &pushed))
                    goto error_pop_null;
                if (pushed) {
                    f->pending_pop++;   /* the NULL below the callable */
                    NEXT();
                }
                r = POP();
                (void)POP();            /* the NULL */
                PUSH(r);
            } else {
                if (!do_call(vm, f, arg + 1, NULLREF, &pushed))
                    goto error;
                if (pushed)
                    NEXT();
            }
            NEXT();
        }
        case CALL:
        op_CALL: {
            bool pushed;
            if (!do_call(vm, f, arg, NULLREF, &pushed))
                goto error;
            (void)pushed;
            NEXT();
        }
        case CALL_KW: {
            bool pushed;
            Ref kwnames = POP();
            int npos = arg - (int)tuple_size(h, kwnames);
            bool ok = do_call(vm, f, npos, kwnames, &pushed);
            heap_decref(h, kwnames);
            if (!ok)
                goto error;
            (void)pushed;
            break;
        }
        case CALL_EX: {
            Ref kw = (arg & 1) ? POP() : 0;
            Ref argst = POP();
            Ref fn = POP();
            if (heap_kind(h, argst) != K_TUPLE) {   /* f(*iterable): PySequence_Tuple */
                Ref t = obj_to_tuple(h, argst);
                if (!t && heap_exc_matches(h, EXC_TypeError) && !heap_ops(h, argst)->iter) {
                    heap_clear_exc(h);
                    heap_raise(h, EXC_TypeError, "%s argument after * must be an iterable, not %s",
                               callable_name(h, fn), heap_type_name(h, argst));
                }
                heap_decref(h, argst);
                if (!t) {
                    heap_decref(h, kw);
                    heap_decref(h, fn);
                    goto error;
                }
                argst = t;
            }
            if (kw && heap_kind(h, kw) != K_DICT) {   /* f(**mapping) */
                Ref d = dict_new(h);
                if (!d || dict_update(h, d, kw) < 0) {
                    heap_decref(h, d);
                    heap_decref(h, kw);
                    heap_decref(h, argst);
                    heap_decref(h, fn);
                    goto error;
                }
                heap_decref(h, kw);
                kw = d;
            }
            Ref kwnames = 0;
            size_t nkw = kw ? dict_size(h, kw) : 0;
            size_t np = tuple_size(h, argst);
            Ref *all = xmalloc(sizeof(Ref) * (np + nkw + 1));
            memcpy(all, tuple_items(h, argst), sizeof(Ref) * np);
            if (nkw) {
                kwnames = tuple_new(h, nkw);
                size_t pos = 0, i = 0;
                Ref k, v;
                while (dict_next(h, kw, &pos, &k, &v)) {
                    tuple_set_item(h, kwnames, i, heap_newref(h, k));
                    all[np + i++] = v;
                }
            }
            r = heap_kind(h, fn) == K_FUNCTION || heap_kind(h, fn) == K_METHOD
                    ? vm_call(vm, fn, all, np, kwnames)
                    : obj_call(h, fn, all, np, kwnames);
            free(all);
            heap_decref(h, kwnames);
            heap_decref(h, kw);
            heap_decref(h, argst);
            heap_decref(h, fn);
            if (!r)
                goto error;
            PUSH(r);
            break;
        }
        case BINARY_OP:
        case INPLACE_OP:
        op_BINARY_OP:
        op_INPLACE_OP:
            b = POP(); a = POP();
            r = in.op == BINARY_OP ? obj_binop(h, a, b, (BinOp)arg) : obj_inplace(h, a, b, (BinOp)arg);
            heap_decref(h, a);
            heap_decref(h, b);
            if (!r)
                goto error;
            PUSH(r);
            NEXT();
        case UNARY_OP:
            a = POP();
            r = obj_unary(h, a, (UnaryOp)arg);
            heap_decref(h, a);
            if (!r)
                goto error;
            PUSH(r);
            break;
        case COMPARE_OP:
        op_COMPARE_OP:
            b = POP(); a = POP();
            r = obj_richcompare(h, a, b, arg);
            heap_decref(h, a);
            heap_decref(h, b);
            if (!r)
                goto error;
            PUSH(r);
            NEXT();
        case IS_OP:
            b = POP(); a = POP();
            r = ((a == b) != (arg == 1)) ? h->true_ : h->false_;
            heap_decref(h, a);
            heap_decref(h, b);
            PUSH(heap_newref(h, r));
            break;
        case CONTAINS_OP: {
            b = POP(); a = POP();
            int t = obj_contains(h, b, a);
            heap_decref(h, a);
            heap_decref(h, b);
            if (t < 0)
                goto error;
            PUSH(heap_newref(h, (t != (arg == 1)) ? h->true_ : h->false_));
            break;
        }
        case BINARY_SUBSCR:
        op_BINARY_SUBSCR:
            b = POP(); a = POP();
            r = obj_getitem(h, a, b);
            heap_decref(h, a);
            heap_decref(h, b);
            if (!r)
                goto error;
            PUSH(r);
            NEXT();
        case STORE_SUBSCR:
        op_STORE_SUBSCR: {
            b = POP(); a = POP(); c = POP();
            int rc = obj_setitem(h, a, b, c);
            heap_decref(h, a);
            heap_decref(h, b);
            heap_decref(h, c);
            if (rc < 0)
                goto error;
            NEXT();
        }
        case DELETE_SUBSCR: {
            b = POP(); a = POP();
            int rc = obj_setitem(h, a, b, NULLREF);
            heap_decref(h, a);
            heap_decref(h, b);
            if (rc < 0)
                goto error;
            break;
        }
        case BUILD_SLICE:
            c = arg == 3 ? POP() : 0;
            b = POP(); a = POP();
            r = slice_new(h, a, b, c ? c : h->none);
            heap_decref(h, a);
            heap_decref(h, b);
            heap_decref(h, c);
            if (!r)
                goto error;
            PUSH(r);
            break;
        case BUILD_TUPLE:
            r = tuple_new(h, arg);
            if (!r)
                goto error;
            for (int i = arg; i-- > 0;)
                tuple_set_item(h, r, i, POP());
            PUSH(r);
            break;
        case BUILD_LIST:
            r = list_new(h, arg);
            if (!r)
                goto error;
            for (int i = arg; i-- > 0;)
                list_set_item(h, r, i, POP());
            PUSH(r);
            break;
        case BUILD_SET: {
            r = set_new(h, NULLREF);
            if (!r)
                goto error;
            int rc = 0;
            for (int i = arg; i > 0; i--)
                if (rc == 0)
                    rc = set_add(h, r, PEEK(i));
            for (int i = 0; i < arg; i++)
                heap_decref(h, POP());
            if (rc < 0) {
                heap_decref(h, r);
                goto error;
            }
            PUSH(r);
            break;
        }
        case BUILD_MAP:
            r = dict_from_items(h, &PEEK(2 * arg), 2, &PEEK(2 * arg - 1), 2, arg);
            for (int i = 0; i < 2 * arg; i++)
                heap_decref(h, POP());
            if (!r)
                goto error;
            PUSH(r);
            break;
        case BUILD_CONST_KEY_MAP: {
            Ref keys = POP();
            r = dict_from_items(h, tuple_items(h, keys), 1, &PEEK(arg), 1, arg);
            for (int i = 0; i < arg; i++)
                heap_decref(h, POP());
            heap_decref(h, keys);
            if (!r)
                goto error;
            PUSH(r);
            break;
        }
        case BUILD_STRING: {
            StrBuf sb = {0};
            for (int i = arg; i > 0; i--) {
                size_t n;
                const char *s = str_utf8(h, PEEK(i), &n);
                strbuf_append(&sb, s, n);
            }
            for (int i = 0; i < arg; i++)
                heap_decref(h, POP());
            r = arg == 0 ? heap_newref(h, h->empty_str) : str_from_utf8(h, strbuf_cstr(&sb), sb.len);
            strbuf_free(&sb);
            if (!r)
                goto error;
            PUSH(r);
            break;
        }
        case LIST_APPEND:
            a = POP();
            arg = list_append(h, PEEK(arg), a);
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case SET_ADD:
            a = POP();
            arg = set_add(h, PEEK(arg), a);
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case MAP_ADD:
            b = POP(); a = POP();
            arg = dict_setitem(h, PEEK(arg), a, b);
            heap_decref(h, a);
            heap_decref(h, b);
            if (arg < 0)
                goto error;
            break;
        case LIST_EXTEND:
            a = POP();
            arg = list_extend(h, PEEK(arg), a);
            if (arg < 0 && heap_exc_matches(h, EXC_TypeError) && !heap_ops(h, a)->iter) {
                heap_clear_exc(h);
                heap_raise(h, EXC_TypeError, "Value after * must be an iterable, not %s",
                           heap_type_name(h, a));
            }
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case SET_UPDATE:
            a = POP();
            arg = set_update(h, PEEK(arg), a);
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case DICT_UPDATE:
        case DICT_MERGE:
            a = POP();
            arg = dict_update(h, PEEK(arg), a);
            heap_decref(h, a);
            if (arg < 0)
                goto error;
            break;
        case LIST_TO_TUPLE:
            a = POP();
            r = tuple_from_array(h, list_items(h, a), list_size(h, a));
            heap_decref(h, a);
            if (!r)
                goto error;
            PUSH(r);
            break;
        case FORMAT_VALUE:
            b = (arg & 4) ? POP() : 0;
            a = POP();
            r = format_value(vm, a, arg, b);
            heap_decref(h, a);
            heap_decref(h, b);
            if (!r)
                goto error;
            PUSH(r);
            break;
        case UNPACK_SEQUENCE:
            if (!unpack(vm, f, POP(), arg, 0, false))
                goto error;
            break;
        case UNPACK_EX:
            if (!unpack(vm, f, POP(), arg & 0xff, arg >> 8, true))
                goto error;
            break;
        case JUMP:
        op_JUMP:
            f->pc = arg;
            NEXT();
        case POP_JUMP_IF_FALSE:
        case POP_JUMP_IF_TRUE:
        op_POP_JUMP_IF_FALSE:
        op_POP_JUMP_IF_TRUE: {
            a = POP();
            int t = obj_truth(h, a);
            heap_decref(h, a);
            if (t < 0)
                goto error;
            if (t == (in.op == POP_JUMP_IF_TRUE))
                f->pc = arg;
            NEXT();
        }
        case JUMP_IF_FALSE_OR_POP:
        case JUMP_IF_TRUE_OR_POP: {
            int t = obj_truth(h, TOP());
            if (t < 0)
                goto error;
            if (t == (in.op == JUMP_IF_TRUE_OR_POP))
                f->pc = arg;
            else
                heap_decref(h, POP());
            break;
        }
        case GET_ITER:
            a = POP();
            r = obj_iter(h, a);
            heap_decref(h, a);
            if (!r)
                goto error;
            PUSH(r);
            break;
        case FOR_ITER:
        op_FOR_ITER:
            r = obj_next(h, TOP());
            if (r) {
                PUSH(r);
                NEXT();
            }
            if (h->exc)
                goto error;
            heap_decref(h, POP());
            f->pc = arg;
            NEXT();
        case RETURN_VALUE: {
            Ref v = POP();
            if (f->class_name) {
                heap_decref(h, v);
                v = finish_class(vm, f);
                if (!v)
                    goto error;
            }
            if (vm->nframes - 1 == base) {
                while (f->sp > 0)
                    heap_decref(h, POP());
                f->stack[0] = v;
                f->sp = 0;
                if (f->c_boundary)
                    return VM_DONE;
                heap_decref(h, v);
                vm->nframes--;
                frame_free(vm, f);
                return VM_DONE;
            }
            vm->nframes--;
            frame_free(vm, f);
            cf = NULL;                  /* a new frame may reuse the address */
            f = vm->frames[vm->nframes - 1];
            finish_call(vm, f, v);
            break;
        }
        case LOAD_FAST_AND_CLEAR:
            PUSH(f->fast[arg]);
            f->fast[arg] = 0;
            break;
        case SWAP:
            a = TOP(); TOP() = PEEK(arg); PEEK(arg) = a;
            break;
        case MAKE_CELL: {
            Ref cell = cell_new(h, NULLREF);
            if (!cell)
                goto error;
            heap_setref(h, &f->fast[f->body->nlocals + arg], cell);
            break;
        }
        case MAKE_FUNCTION:
        case MAKE_FUNCTION_NOQN: {
            Ref qualname = in.op == MAKE_FUNCTION ? POP() : 0;
            Ref code = POP();
            Ref closure = (arg & 8) ? POP() : 0;
            Ref kwdefaults = (arg & 2) ? POP() : 0;
            Ref defaults = (arg & 1) ? POP() : 0;
            r = func_new(h, code, f->globals, f->builtins, qualname);
            heap_decref(h, code);
            heap_decref(h, qualname);
            if (!r) {
                heap_decref(h, closure);
                heap_decref(h, kwdefaults);
                heap_decref(h, defaults);
                goto error;
            }
            FuncData *fd = func_data(h, r);
            fd->closure = closure;
            fd->kwdefaults = kwdefaults;
            fd->defaults = defaults;
            PUSH(r);
            break;
        }
        case MAKE_CLASS: {
            Ref bases = POP();
            Ref name = POP();
            Ref body = POP();
            Ref ns = dict_new(h);
            if (!ns) {
                heap_decref(h, bases); heap_decref(h, name); heap_decref(h, body);
                goto error;
            }
            FuncData *fd = func_data(h, body);
            Frame *nf = frame_new(vm, body, fd->code, fd->globals, ns);
            heap_decref(h, ns);
            nf->class_name = name;
            nf->class_bases = bases;
            if (!init_cells(vm, nf, body)) {
                frame_free(vm, nf);
                heap_decref(h, body);
                goto error;
            }
            heap_decref(h, body);
            push_frame(vm, nf);
            f->pending_pop = 0;
            break;
        }
        case SETUP_FINALLY:
            if (f->nblocks == FRAME_MAXBLOCKS) {
                heap_raise(h, EXC_SyntaxError, "too many statically nested blocks");
                goto error;
            }
            f->blocks[f->nblocks].handler = arg;
            f->blocks[f->nblocks].level = f->sp;
            f->nblocks++;
            break;
        case POP_BLOCK:
            f->nblocks--;
            break;
        case PUSH_EXC_INFO:
            /* the previous handled exception's reference moves to the stack */
            a = POP();
            PUSH(vm->handled ? vm->handled : heap_newref(h, h->none));
            PUSH(a);
            vm->handled = heap_newref(h, a);
            break;
        case POP_EXCEPT:
            /* the saved exception's reference moves back into exc_info */
            a = POP();
            b = vm->handled;
            vm->handled = a;
            if (a == h->none) {
                vm->handled = 0;
                heap_decref(h, a);
            }
            heap_decref(h, b);
            break;
        case JUMP_IF_NOT_EXC_MATCH: {
            b = POP();
            int m = exc_matches(vm, TOP(), b);
            heap_decref(h, b);
            if (m < 0)
                goto error;
            if (!m)
                f->pc = arg;
            break;
        }
        case RERAISE:
            a = POP();
            heap_raise_obj(h, a);
            heap_decref(h, a);
            goto error_keep_tb;
        case RAISE_VARARGS:
            if (arg == 0) {
                if (!vm->handled) {
                    heap_raise(h, EXC_RuntimeError, "No active exception to reraise");
                    goto error;
                }
                heap_raise_obj(h, vm->handled);
                goto error_keep_tb;
            }
            b = arg == 2 ? POP() : 0;
            a = POP();
            do_raise(vm, a, b);
            heap_decref(h, a);
            heap_decref(h, b);
            goto error;
        case LOAD_ASSERTION_ERROR:
            PUSH(heap_newref(h, h->exc_types[EXC_AssertionError]));
            break;
        case IMPORT_NAME:
            if (!(r = builtins_import(vm, name_at(vm, f, arg))))
                goto error;
            PUSH(r);
            break;
        case IMPORT_FROM: {
            Ref nm = name_at(vm, f, arg);
            r = obj_getattr(h, TOP(), nm);
            if (!r) {
                if (heap_exc_matches(h, EXC_AttributeError)) {
                    heap_clear_exc(h);
                    heap_raise(h, EXC_ImportError, "cannot import name '%s' from '%s' (unknown location)",
                               str_utf8(h, nm, NULL),
                               str_utf8(h, module_data(h, TOP())->name, NULL));
                }
                goto error;
            }
            PUSH(r);
            break;
        }
        case PRINT_EXPR: {
            a = POP();
            bool ok = display_hook(vm, a);
            heap_decref(h, a);
            if (!ok)
                goto error;
            break;
        }
        case SETUP_ANNOTATIONS:
            break;
        case UNSUPPORTED:
            heap_raise(h, EXC_NotImplementedError,
                       "heapscope: %s is not supported (line %d)",
                       str_utf8(h, tuple_items(h, code_data(h, f->code)->consts)[arg], NULL),
                       in.line);
            goto error;
        default:
            heap_raise(h, EXC_SystemError, "unknown opcode %d", in.op);
            goto error;
        }
        continue;
    error_pop_null:
        /* CALL_METHOD with a NULL slot failed: the NULL is still on the stack */
        goto error;
    error:
        if (!h->exc)
            heap_raise(h, EXC_SystemError, "error return without exception set");
        set_context(vm, in.op == RAISE_VARARGS);
    error_keep_tb:
        if (vm->c_depth == 0 && (vm->budget_exhausted || !handler_below(vm, base))) {
            /* Uncaught: keep the frames, as CPython's traceback keeps them,
             * so the final state shows every frame's locals where it failed;
             * vm_finalize releases them. */
            bool reraised = in.op == RERAISE || (in.op == RAISE_VARARGS && in.arg == 0);
            for (int i = vm->nframes - 1; i >= base; i--) {
                if (!reraised || i != vm->nframes - 1)
                    tb_add(vm, vm->frames[i]);
            }
            vm->exc = heap_fetch_exc(h);
            return VM_ERROR;
        }
        cf = NULL;                      /* unwinding may free frames */
        if (!unwind(vm, base, in.op == RERAISE || (in.op == RAISE_VARARGS && in.arg == 0))) {
            if (vm->frames[base]->c_boundary)
                return VM_ERROR;
            vm->exc = heap_fetch_exc(h);
            Frame *bottom = vm->frames[base];
            vm->nframes--;
            frame_free(vm, bottom);
            return VM_ERROR;
        }
    }
}

/* Run until the module finishes, fails, or (VM_STEP_LINE) a new line
 * starts, or (VM_STEP_OUTPUT) a new line starts after output was written. */
VmStatus vm_run(Vm *vm, VmMode mode)
{
    if (!vm->nframes || vm->exc)
        return vm->exc ? VM_ERROR : VM_DONE;
    return run(vm, 0, mode);
}

/* Set every value of __main__'s namespace matching PASS to None, in order
 * (pass 0: names with one leading underscore; pass 1: all but __builtins__). */
static void clear_main_pass(Vm *vm, Ref d, int pass)
{
    Heap *h = vm->h;
    size_t pos = 0;
    Ref k, v;
    while (dict_next(h, d, &pos, &k, &v)) {
        if (v == h->none || heap_kind(h, k) != K_STR)
            continue;
        const char *s = str_utf8(h, k, NULL);
        bool hit = pass == 0 ? (s[0] == '_' && s[1] != '_')
                             : strcmp(s, "__builtins__") != 0;
        if (hit && dict_setitem(h, d, k, h->none) < 0)
            heap_clear_exc(h);
    }
}

/* Interpreter shutdown (Py_FinalizeEx): drop the uncaught exception, then
 * clear __main__'s globals the way _PyModule_ClearDict does, so __del__
 * methods run in CPython's order. */
void vm_finalize(Vm *vm)
{
    Heap *h = vm->h;
    vm->budget_exhausted = false;
    /* finalize_modules: builtins._ first, then sys.last_* */
    if (dict_getitem_cstr(h, vm->builtins, "_") && dict_setitem_cstr(h, vm->builtins, "_", h->none) < 0)
        heap_clear_exc(h);
    release_last(vm);
    while (vm->nframes)
        frame_free(vm, vm->frames[--vm->nframes]);
    compile_arena_release(h, &vm->arena);   /* run_mod frees the AST arena */
    heap_setref(h, &vm->exc, NULLREF);
    heap_setref(h, &vm->handled, NULLREF);
    vm->modules_removed = true;
    Ref d = module_data(h, vm->main_module)->dict;
    clear_main_pass(vm, d, 0);
    clear_main_pass(vm, d, 1);
}

/* ---- interactive inputs ---- */

/* The script's run state, set aside while a typed input runs. */
typedef struct SavedRun {
    Ref exc, handled;
    long long steps, budget;
    const char *budget_message;
    bool budget_exhausted;
} SavedRun;

/* Set the script's run state aside in SV (the input starts with none). */
static void save_run(Vm *vm, SavedRun *sv)
{
    *sv = (SavedRun){vm->exc, vm->handled,
                     vm->steps, vm->budget, vm->budget_message, vm->budget_exhausted};
    vm->exc = vm->handled = 0;
    vm->budget_exhausted = false;
}

/* Put the script's run state back after an input. */
static void restore_run(Vm *vm, const SavedRun *sv)
{
    Heap *h = vm->h;
    heap_setref(h, &vm->exc, NULLREF);
    Ref handled = vm->handled;
    vm->handled = sv->handled;
    heap_decref(h, handled);
    vm->exc = sv->exc;
    vm->steps = sv->steps;
    vm->budget = sv->budget;
    vm->budget_message = sv->budget_message;
    vm->budget_exhausted = sv->budget_exhausted;
}

/* Drop sys.last_value, then the frames sys.last_traceback kept, innermost
 * first, as replacing sys.last_* releases them. */
static void release_last(Vm *vm)
{
    heap_setref(vm->h, &vm->last_exc, NULLREF);
    while (vm->nlast_frames > 0)
        frame_free(vm, vm->last_frames[--vm->nlast_frames]);
    free(vm->last_frames);
    vm->last_frames = NULL;
}

/* Finish the frames from BASE up that an uncaught exception left, as the
 * exception leaving each one does: its value stack goes (innermost
 * first); a function frame keeps its function only where CPython's frame
 * holds it (3.11+), since the caller's stack slot that lent it goes too. */
static void unwind_kept_frames(Vm *vm, int base)
{
    Heap *h = vm->h;
    for (int i = vm->nframes - 1; i >= base; i--) {
        Frame *f = vm->frames[i];
        if (f->func_borrowed) {
            if (h->prof->frame_holds_func)
                heap_incref(h, f->func);
            else
                f->func = 0;
            f->func_borrowed = 0;
        }
        while (f->sp > 0)
            heap_decref(h, f->stack[--f->sp]);
        f->pending_pop = 0;
    }
}

/* sys.last_value = EXC (stolen), releasing the previous one and the
 * frames its traceback kept. */
void vm_set_last_exc(Vm *vm, Ref exc)
{
    release_last(vm);
    vm->last_exc = exc;
}

/* An input's uncaught exception: the frames from BASE up become
 * sys.last_traceback's and the exception sys.last_value (releasing the
 * previous ones, after CODE and the parse arena, as PyRun_InteractiveOne
 * frees them before PyErr_Print), then its traceback is printed to ERR. */
static void input_failed(Vm *vm, int base, StrBuf *err)
{
    Ref exc = vm->exc;
    vm->exc = 0;
    unwind_kept_frames(vm, base);
    heap_setref(vm->h, &vm->input_code, NULLREF);
    compile_arena_release(vm->h, &vm->input_arena);
    release_last(vm);
    vm->nlast_frames = vm->nframes - base;
    vm->last_frames = xmalloc(sizeof(Frame *) * (size_t)(vm->nlast_frames ? vm->nlast_frames : 1));
    memcpy(vm->last_frames, vm->frames + base, sizeof(Frame *) * (size_t)vm->nlast_frames);
    vm->nframes = base;
    vm->last_exc = exc;
    int status = exc_system_exit_status(vm->h, exc, err);
    if (status >= 0) {               /* the real prompt would exit here */
        vm->input_exit = true;
        vm->input_exit_status = status;
        return;
    }
    vm_format_traceback(vm, exc, err);
}

/* Run CODE, one interactive input, to completion on top of the current
 * frames in the __main__ namespace; false after an uncaught exception
 * (its REPL traceback appended to ERR). */
bool vm_run_input(Vm *vm, Ref code, CompileArena *arena, long long budget, StrBuf *err)
{
    Heap *h = vm->h;
    SavedRun sv;
    save_run(vm, &sv);
    compile_arena_release(h, &vm->input_arena);
    vm->input_arena = *arena;
    *arena = (CompileArena){0};
    vm->input_code = code;
    vm->budget = budget;
    vm->budget_message = "heapscope: the input ran for too long (infinite loop?) and was stopped";
    Ref globals = module_data(h, vm->main_module)->dict;
    Frame *f = frame_new(vm, NULLREF, code, globals, globals);
    int base = vm->nframes;
    bool ok = init_cells(vm, f, NULLREF);
    if (ok) {
        f->c_boundary = 1;
        push_frame(vm, f);
        ok = run(vm, base, VM_RUN) == VM_DONE;
        if (ok) {
            vm->nframes--;
            frame_free(vm, f);    /* drops the module's result, None */
            heap_setref(h, &vm->input_code, NULLREF);
            compile_arena_release(h, &vm->input_arena);
        } else {
            input_failed(vm, base, err);
        }
    } else {
        frame_free(vm, f);
        vm->exc = heap_fetch_exc(h);
        input_failed(vm, base, err);
    }
    restore_run(vm, &sv);
    return ok;
}

/* Start running module code object CODE in the __main__ namespace. */
bool vm_start(Vm *vm, Ref code)
{
    Heap *h = vm->h;
    Ref globals = module_data(h, vm->main_module)->dict;
    Frame *f = frame_new(vm, NULLREF, code, globals, globals);
    if (!init_cells(vm, f, NULLREF)) {  /* 3.12 inlined comprehensions' cells */
        frame_free(vm, f);
        return false;
    }
    push_frame(vm, f);
    heap_setref(h, &vm->exc, NULLREF);
    return true;
}

/* Create a VM on heap H (installs the heap's hooks and the builtins). */
Vm *vm_new(Heap *h)
{
    Vm *vm = xcalloc(1, sizeof *vm);
    vm->h = h;
    vm->recursion_limit = h->prof->recursion_limit;
    vm->budget = DEFAULT_BUDGET;
    h->hooks.vm = vm;
    h->hooks.call = call_hook;
    h->hooks.roots = vm_roots;
    h->hooks.unraisable = traceback_unraisable;
    builtins_init(vm);
    return vm;
}

/* Destroy the VM's frames and host memory (not the heap). */
void vm_delete(Vm *vm)
{
    if (!vm)
        return;
    /* drop references first: a __del__ they run needs the frame stack,
     * the traceback and the sources */
    Heap *h = vm->h;
    release_last(vm);
    while (vm->nframes)
        frame_free(vm, vm->frames[--vm->nframes]);
    heap_setref(h, &vm->input_code, NULLREF);
    compile_arena_release(h, &vm->input_arena);
    compile_arena_release(h, &vm->arena);
    heap_setref(h, &vm->exc, NULLREF);
    heap_setref(h, &vm->handled, NULLREF);
    heap_setref(h, &vm->main_module, NULLREF);
    heap_setref(h, &vm->modules, NULLREF);
    heap_setref(h, &vm->builtins, NULLREF);
    h->hooks = (HeapHooks){0};
    free(vm->frames);
    vm_set_source(vm, NULL);
    vm_set_script_shown(vm, NULL, NULL);
    free(vm->heap_error);
    for (int i = 0; i < vm->ninputs; i++) {
        for (int k = 0; k < vm->inputs[i].nlines; k++)
            free(vm->inputs[i].lines[k]);
        free(vm->inputs[i].lines);
        free(vm->inputs[i].filename);
    }
    free(vm->inputs);
    free(vm);
}
