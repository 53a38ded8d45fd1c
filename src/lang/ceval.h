/* The virtual machine: frames, value stacks and the evaluation loop.
 *
 * Frames and stacks are data, not C recursion: running a Python call
 * pushes a Frame and continues the same loop, so execution can stop before
 * any line (vm_run with VM_STEP_LINE) and resume later.  Only calls made
 * *from C* (a __del__ run by a deallocation, a __repr__ run by print, a
 * key function run by sorted) run a nested loop to completion; the UI
 * steps over those. */
#ifndef HS_CEVAL_H
#define HS_CEVAL_H

#include <stdbool.h>

#include "lang/compile.h"
#include "lang/opcode.h"
#include "sim/excobject.h"
#include "sim/heap.h"

typedef enum BlockType { BLOCK_FINALLY } BlockType;

typedef struct Block {
    int handler;     /* pc of the handler */
    int level;       /* value-stack depth to unwind to */
} Block;

#define FRAME_MAXBLOCKS 20

typedef struct Frame {
    Ref func;        /* owned; 0 for module code */
    Ref code;        /* owned */
    CodeBody *body;
    Ref globals, builtins; /* owned */
    Ref locals;      /* owned dict for module/class bodies, else 0 */
    Ref *fast;       /* nlocals + ncells + nfrees owned slots */
    Ref *stack;      /* value stack (owned refs; 0 entries allowed) */
    int sp;
    Block blocks[FRAME_MAXBLOCKS];
    int nblocks;
    int pc;          /* next instruction */
    int line;        /* line being executed */
    int c_boundary;  /* returning from this frame returns to C (vm_call) */
    int func_borrowed; /* FUNC's reference is the caller's stack slot */
    Ref class_name, class_bases, class_result; /* MAKE_CLASS body frames */
    int pending_pop; /* stack entries to drop when the pushed call returns */
    int null_below;  /* the pending call was CALL_METHOD with a NULL slot */
} Frame;

/* The text of one compilation unit, kept for the source lines of
 * tracebacks: the script's, or an interactive input's. */
typedef struct VmSource {
    char *filename;        /* the code objects' co_filename */
    char **lines;          /* without their newlines; NULL: never shown */
    int nlines;
} VmSource;

typedef enum VmStatus {
    VM_PAUSED,       /* stopped before a new line (VM_STEP_LINE, VM_STEP_OUTPUT) */
    VM_DONE,         /* the module code returned */
    VM_ERROR,        /* an uncaught exception ended the run (vm->exc holds it) */
} VmStatus;

/* How far vm_run goes: to the end; to the next line; or to the end but
 * stopping before the next line once the program wrote output (a batch
 * run passes output on as it comes, without returning at every line). */
typedef enum VmMode { VM_RUN, VM_STEP_LINE, VM_STEP_OUTPUT } VmMode;

typedef struct Vm {
    Heap *h;
    Frame **frames;
    int nframes, capframes;
    int c_depth;           /* nested loops started from C */
    int recursion_limit;
    Ref builtins;          /* the builtins module's dict */
    Ref modules;           /* dict name -> module (sys.modules) */
    Ref main_module;
    Ref exc;               /* the uncaught exception after VM_ERROR (owned) */
    Ref handled;           /* the exception being handled (sys.exc_info), owned */
    const char *source;    /* the script's text, for traceback lines */
    char **source_lines;
    int nsource_lines;
    /* tracebacks name the script's code (co_filename SCRIPT_NAME) as
     * SCRIPT_SHOWN (3.9+: an absolute path), or NULL */
    char *script_name, *script_shown;
    /* an input raised SystemExit: the real prompt would exit with STATUS */
    bool input_exit;
    int input_exit_status;
    long long steps;       /* lines started so far */
    long long budget;      /* instructions left before giving up (0 = none) */
    bool budget_exhausted; /* the budget ran out: its error passes every handler */
    bool modules_removed;  /* shutdown emptied sys.modules (finalize_remove_modules):
                              the unraisable hook's tracebacks show no source */
    CompileArena arena;    /* the parser's objects, alive while the module runs */
    bool check_heap;       /* validate the heap at every line (tests) */
    char *heap_error;      /* the first validation failure, or NULL */
    /* The interactive prompt (vm_run_input). */
    const char *budget_message; /* the RuntimeError text when the budget runs
                                   out (NULL: the script's) */
    Frame **last_frames;   /* the frames the last input's uncaught exception
                              passed, outermost first: sys.last_traceback
                              keeps them (and their locals) alive */
    int nlast_frames;
    Ref last_exc;          /* sys.last_value (owned) */
    Ref input_code;        /* the running input's code object (owned) */
    CompileArena input_arena; /* the running input's parse arena */
    VmSource *inputs;      /* the inputs' filenames (and texts when shown) */
    int ninputs;
} Vm;

/* Create a VM on heap H (installs the heap's hooks and the builtins). */
Vm *vm_new(Heap *h);
/* Destroy the VM's frames and host memory (not the heap). */
void vm_delete(Vm *vm);
/* Start running module code object CODE in the __main__ namespace. */
bool vm_start(Vm *vm, Ref code);
/* Run until the module finishes, fails, or (VM_STEP_LINE) a new line
 * starts, or (VM_STEP_OUTPUT) a new line starts after output was written. */
VmStatus vm_run(Vm *vm, VmMode mode);
/* Interpreter shutdown: clear __main__ as CPython does (runs __del__s). */
void vm_finalize(Vm *vm);
/* Call any callable from C, running Python frames to completion. */
Ref vm_call(Vm *vm, Ref callable, const Ref *args, size_t nargs, Ref kwnames);
/* The innermost frame, or NULL. */
Frame *vm_current_frame(const Vm *vm);
/* Format the traceback of the uncaught exception EXC into B, CPython's way:
 * the exceptions it chains first, then its own (traceback.c). */
void vm_format_traceback(Vm *vm, Ref exc, StrBuf *b);
/* The traceback entries of the uncaught exception, innermost first, and
 * their number in *N (NULL and 0 when there is none; traceback.c). */
const ExcTbEntry *vm_traceback(const Vm *vm, int *n);
/* Remember the script's source for traceback lines (traceback.c, as the
 * two below). */
void vm_set_source(Vm *vm, const char *text);
/* Show the code named NAME as SHOWN in tracebacks (NULLs: as named). */
void vm_set_script_shown(Vm *vm, const char *name, const char *shown);

/* Interactive inputs: remember that code compiled as FILENAME is typed
 * input, with its TEXT for traceback lines (NULL: tracebacks show none,
 * as CPython before 3.13 shows none for "<stdin>"). */
void vm_add_input(Vm *vm, const char *filename, const char *text);
/* Run CODE (stolen), the code of one interactive input, to completion on
 * top of the current frames (a paused script stays paused below it), in
 * the __main__ namespace, with BUDGET instructions (0: no limit) and the
 * script's own state (uncaught exception, traceback, steps, budget) left
 * as it was; ARENA (the input's parse arena, emptied) is released after
 * the run, as the REPL frees its arena.  True when it ran to its end;
 * false after an uncaught exception, whose traceback is then appended to
 * ERR the way the REPL prints it, and which (with the frames it passed)
 * sys.last_* keep until the next one. */
bool vm_run_input(Vm *vm, Ref code, CompileArena *arena, long long budget, StrBuf *err);
/* sys.last_value = EXC (stolen; e.g. the SyntaxError of an input),
 * releasing the previous one and the frames its traceback kept. */
void vm_set_last_exc(Vm *vm, Ref exc);

/* A deep copy of paused VM (between steps) to run on DST, a heap_clone of
 * VM's heap; installs DST's hooks.  Shares nothing with VM (vmclone.c). */
Vm *vm_clone(const Vm *vm, Heap *dst);

#endif
