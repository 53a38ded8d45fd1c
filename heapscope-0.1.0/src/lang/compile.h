/* The compiler: AST to code objects on the simulated heap.
 *
 * compile_module() turns one compilation unit (a script, or one input of
 * the interactive prompt) into a tree of K_CODE objects, like CPython's
 * compile(): nested functions, lambdas, classes and comprehensions are
 * code objects in their parent's co_consts.  What a script can observe is
 * CPython's (see compile.c for the details and the versions):
 *   - constants are folded as the AST optimizer does (same size limits),
 *     deduplicated per code object and merged across the whole unit, so
 *     `x = 1000` at module level and `return 1000` in a function are the
 *     same object; string constants made of [A-Za-z0-9_] and every name
 *     are interned;
 *   - names live where CPython puts them (dicts for module and class
 *     bodies, fast slots, cells), displays/calls/unpacking use CPython's
 *     instruction sequences, so temporaries and allocation sizes match;
 *   - every instruction carries its source line; Instr.line_start marks
 *     where the VM pauses between steps (see below); CodeBody.pos holds
 *     the rest of its position (co_positions: the columns and end of the
 *     node it came from), which traceback carets use.
 *
 * Steps (Instr.line_start = 1; the VM pauses before such an instruction):
 *   - the first instruction of each statement whose line differs from the
 *     line of the previously emitted instruction (a multi-line statement is
 *     one step, `a = 1; b = 2` is one step);
 *   - the back edge of a `for` loop (a JUMP tagged with the `for` line):
 *     the header line is revisited before every further iteration, as
 *     CPython's line events do; `continue` goes there too;
 *   - the entry of an exception handler and each `except` clause test.
 *   Comprehension bodies never pause (they belong to their statement).
 *
 * Unsupported constructs (with, yield/generators, async, await, walrus,
 * class keywords, star-imports, relative imports, generator expressions
 * other than the only positional argument of a call) compile to
 * `UNSUPPORTED k` at their line, k naming the feature, so the script runs
 * up to there.  A generator expression that is the only positional
 * argument of a call -- sum(x for x in y), "".join(...), sorted(...) -- is
 * compiled as a *list* comprehension (named <genexpr>, never inlined) whose
 * list is passed instead of a generator.  Annotations are not evaluated and
 * no __annotations__ is made; `x: int = 1` assigns x. */
#ifndef HS_COMPILE_H
#define HS_COMPILE_H

#include <stddef.h>

#include "lang/ast.h"
#include "lang/opcode.h"
#include "lang/parser_errors.h"
#include "sim/heap.h"

typedef enum CompileMode {
    COMPILE_FILE,          /* a script: one compilation unit ('exec') */
    COMPILE_INTERACTIVE,   /* one REPL input ('single'): expression
                              statements print their value (PRINT_EXPR) */
} CompileMode;

/* A compile error: a SyntaxError exactly like the parser's (kind, CPython's
 * message for the version in msg, lineno/offset/end_lineno/end_offset).
 *
 * Inputs, optional: SOURCE/SOURCE_LEN, the text the AST was parsed from.
 * With it, offsets are converted to 1-based characters and `text` is
 * filled, and compile-time SyntaxWarnings ("is" with a literal, assertion
 * on a tuple) print their source line; without it offsets count bytes.
 * Warnings are written to the heap's stderr buffer (h->err) as CPython
 * prints them: "FILE:LINE: SyntaxWarning: MSG\n  SOURCE LINE\n", FILE
 * being SHOWN_FILENAME when set (3.9+ name a script by its absolute path,
 * which its code objects do not take here), else the code's filename. */
typedef struct CompileError {
    SyntaxErr syntax;        /* out: the error (release with compile_error_clear) */
    const char *source;      /* in, optional */
    size_t source_len;
    const char *shown_filename; /* in, optional */
} CompileError;

/* The references CPython's parse tree holds while a module runs (its
 * arena, PyArena_AddPyObject): one per literal occurrence (each literal is
 * its own object until the compiler merges equal constants), one per value
 * the AST optimizer folded, and one per identifier occurrence.  `python
 * FILE` frees the arena only after the module finished, so
 * sys.getrefcount() of a constant counts them; the REPL frees each input's
 * arena after running it.  Objects are listed in creation order; release
 * drops them last-first, as the arena's list does. */
typedef struct CompileArena {
    Ref *refs;               /* owned references */
    size_t n, cap;
} CompileArena;

/* Compile module M (parsed from FILENAME) for the heap's CPython version.
 * Returns the module's code object (a new reference; its CodeData.body is
 * a CodeBody freed by codebody_free), or 0 with *ERR filled.  M must stay
 * alive during the call only.  The parse arena is released at once (see
 * compile_module_keep to keep it while the module runs). */
Ref compile_module(Heap *h, const AstModule *m, const char *filename, CompileMode mode,
                   CompileError *err);

/* compile_module, handing the parse arena's references to ARENA (which
 * must be empty) instead of releasing them: keep it while the module runs,
 * report it as roots (compile_arena_visit), then compile_arena_release. */
Ref compile_module_keep(Heap *h, const AstModule *m, const char *filename, CompileMode mode,
                        CompileError *err, CompileArena *arena);

/* Drop the arena's references (last first) and empty it. */
void compile_arena_release(Heap *h, CompileArena *arena);

/* Visit every reference the arena holds (the heap validator's roots). */
void compile_arena_visit(Heap *h, const CompileArena *arena, VisitFn visit, void *arg);

/* Release the strings a CompileError holds. */
void compile_error_clear(CompileError *err);

#endif
