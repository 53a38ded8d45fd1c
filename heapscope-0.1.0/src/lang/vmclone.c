/* Deep copies of a paused VM, to run on a cloned heap (checkpoints).
 *
 * A VM paused between steps holds no state on the C stack: its frames,
 * value stacks, block stacks, the traceback being collected, the parse
 * arenas, the interactive prompt's state (the frames sys.last_traceback
 * keeps, the inputs' texts) are plain data.  Refs keep their values in a
 * heap clone, so they copy as they are; the only pointers into the heap's
 * host data are the frames' compiled bodies, which are looked up again
 * through their code objects (each clone owns copies of its code bodies).
 * Nothing is shared with the original, so either can be deleted first.
 * A field added to Vm or Frame that owns host memory must be copied here. */
#include "lang/ceval.h"

#include <stdlib.h>
#include <string.h>

#include "sim/funcobject.h"
#include "util/xalloc.h"

/* A copy of frame F for the VM running on DST. */
static Frame *frame_clone(const Frame *f, Heap *dst)
{
    Frame *c = xmalloc(sizeof *c);
    *c = *f;
    c->body = code_data(dst, f->code)->body;
    int nfast = f->body->nlocals + f->body->ncells + f->body->nfrees;
    c->fast = clone_memdup(f->fast, (size_t)(nfast ? nfast : 1) * sizeof *f->fast);
    c->stack = clone_memdup(f->stack, (size_t)(f->body->stacksize + 4) * sizeof *f->stack);
    return c;
}

/* Copy the call stack of VM into C. */
static void frames_clone(const Vm *vm, Vm *c)
{
    c->frames = NULL;
    if (vm->capframes)
        c->frames = xmalloc((size_t)vm->capframes * sizeof *c->frames);
    for (int i = 0; i < vm->nframes; i++)
        c->frames[i] = frame_clone(vm->frames[i], c->h);
}

/* A copy of the N malloc'd lines V (NULL stays NULL). */
static char **lines_clone(char *const *v, int n)
{
    if (!v)
        return NULL;
    char **c = xmalloc((size_t)(n ? n : 1) * sizeof *c);
    for (int i = 0; i < n; i++)
        c[i] = xstrdup(v[i]);
    return c;
}

/* Copy the script's source lines kept for tracebacks. */
static void source_clone(const Vm *vm, Vm *c)
{
    c->source_lines = vm->nsource_lines ? lines_clone(vm->source_lines, vm->nsource_lines)
                                        : NULL;
    c->script_name = vm->script_name ? xstrdup(vm->script_name) : NULL;
    c->script_shown = vm->script_shown ? xstrdup(vm->script_shown) : NULL;
}

/* A copy of parse arena A. */
static CompileArena arena_clone(const CompileArena *a)
{
    CompileArena c = *a;
    c.refs = clone_memdup(a->refs, a->cap * sizeof *a->refs);
    return c;
}

/* Copy the interactive prompt's state: sys.last_traceback's frames, the
 * running input's arena and the inputs' texts. */
static void repl_clone(const Vm *vm, Vm *c)
{
    c->last_frames = NULL;
    if (vm->nlast_frames) {
        c->last_frames = xmalloc((size_t)vm->nlast_frames * sizeof *c->last_frames);
        for (int i = 0; i < vm->nlast_frames; i++)
            c->last_frames[i] = frame_clone(vm->last_frames[i], c->h);
    }
    c->input_arena = arena_clone(&vm->input_arena);
    c->inputs = clone_memdup(vm->inputs, (size_t)vm->ninputs * sizeof *vm->inputs);
    for (int i = 0; i < vm->ninputs; i++) {
        c->inputs[i].filename = xstrdup(vm->inputs[i].filename);
        c->inputs[i].lines = lines_clone(vm->inputs[i].lines, vm->inputs[i].nlines);
    }
}

/* A copy of paused VM for DST, a heap_clone of VM's heap. */
Vm *vm_clone(const Vm *vm, Heap *dst)
{
    Vm *c = xmalloc(sizeof *c);
    *c = *vm;
    c->h = dst;
    frames_clone(vm, c);
    source_clone(vm, c);
    repl_clone(vm, c);
    c->arena = arena_clone(&vm->arena);
    c->heap_error = vm->heap_error ? xstrdup(vm->heap_error) : NULL;
    dst->hooks = vm->h->hooks;
    dst->hooks.vm = c;
    return c;
}
