/* A session: one script (or typed input) compiled and run on one heap,
 * step by step.  This is the only way views change the simulation. */
#ifndef HS_SESSION_H
#define HS_SESSION_H

#include <stdbool.h>

#include "lang/ceval.h"
#include "sim/heap.h"

typedef enum SessionStatus {
    SESSION_READY,     /* loaded, not finished */
    SESSION_FINISHED,  /* the script ran to its end */
    SESSION_ERROR,     /* an uncaught exception (or syntax error) ended it */
} SessionStatus;

typedef struct Session Session;

/* What the interactive prompt makes of the lines typed so far (CPython's
 * codeop.compile_command): run them, ask for more, or show the error. */
typedef enum SessionInputStatus {
    SESSION_INPUT_COMPLETE,    /* a whole input (or only blanks and comments) */
    SESSION_INPUT_INCOMPLETE,  /* a block, bracket, string or `\` is open: "... " */
    SESSION_INPUT_INVALID,     /* a syntax error that more lines cannot fix */
} SessionInputStatus;

/* What a transcript entry holds. */
typedef enum TranscriptKind {
    TRANSCRIPT_INPUT,   /* a typed input as the REPL echoes it: ">>> if x:\n...     y\n... \n" */
    TRANSCRIPT_STDOUT,  /* bytes the program wrote to stdout */
    TRANSCRIPT_STDERR,  /* bytes written to stderr: tracebacks, SyntaxErrors, warnings,
                           "Exception ignored in" */
} TranscriptKind;

/* One entry of the console's transcript. */
typedef struct TranscriptEntry {
    TranscriptKind kind;
    char *text;         /* NUL-terminated (LEN bytes; output may hold other NULs) */
    size_t len;
    int input;          /* the input it belongs to (0 = the first typed), or -1:
                           the script's own output (steps, load, shutdown) */
} TranscriptEntry;

struct Session {
    const Profile *prof;
    Heap *heap;
    Vm *vm;
    char *filename;            /* the script as named on the command line */
    char *code_filename;       /* ... and as tracebacks name it (script_path_absolute);
                                  the simulated co_filename keeps the name as given, so
                                  ids do not depend on the working directory */
    char *source;
    SessionStatus status;
    int exit_code;             /* an uncaught SystemExit's status, else 0 */
    bool check_heap;
    /* keep the end state: do not run interpreter shutdown when the script
     * ends (session_finalize does it later), so a snapshot can see it */
    bool keep_end_state;
    bool finalize_pending;   /* the script ended and shutdown has not run */
    /* called after every step (a line run), e.g. to write a trace */
    void (*on_step)(struct Session *s, void *arg);
    void *on_step_arg;
    /* The interactive prompt (session_input) and the console's transcript:
     * typed inputs and, in order, the stdout/stderr bytes of each input
     * and (when record_transcript is set) of each step, load and shutdown.
     * heap->out/err keep everything too (snapshots show them). */
    bool record_transcript;  /* also record the script's own output */
    long long input_budget;  /* instructions one input may run (0: the default) */
    int ninputs;             /* inputs run so far */
    TranscriptEntry *transcript;
    size_t ntranscript, captranscript;
    size_t out_seen, err_seen;  /* bytes of heap->out/err already looked at */
};

/* Create an empty session for PROFILE. */
Session *session_new(const Profile *profile, bool check_heap);
/* Destroy a session and its heap. */
void session_delete(Session *s);
/* Compile SOURCE (named FILENAME) and get ready to run it; false when it
 * does not compile (the SyntaxError text is then in the heap's stderr). */
bool session_load(Session *s, const char *filename, const char *source);
/* Run one line; false once the script has finished or failed. */
bool session_step(Session *s);
/* Run lines until one has written output (stopping before the next line)
 * or the script ends; false once the script has finished or failed.  A
 * batch run's loop: output comes as with session_step, in fewer calls
 * (on_step is not called). */
bool session_step_output(Session *s);
/* Run to the end. */
void session_run(Session *s);
/* Run N more lines (fewer if the script ends); the number run. */
long long session_steps(Session *s, long long n);
/* Run until the script is about to run line LINE for the NTH time (a
 * state already before LINE counts as the first time); false when the
 * script ended first. */
bool session_run_until(Session *s, int line, int nth);
/* The line the script is stopped before (the innermost frame's), or 0. */
int session_line(const Session *s);
/* Lines run so far. */
long long session_step_count(const Session *s);
/* Run interpreter shutdown if keep_end_state postponed it. */
void session_finalize(Session *s);
/* Exit status CPython would give: 0, or 1 after an uncaught exception. */
int session_exit_status(const Session *s);
/* The first heap-invariant violation seen, or NULL. */
const char *session_heap_error(const Session *s);
/* An independent deep copy of S between steps (a checkpoint to step back
 * to): heap, VM and status; on_step is not copied.  Either may be deleted
 * first. */
Session *session_clone(const Session *s);

/* ---- the interactive prompt ---- */

/* Is TEXT (the lines typed so far joined with "\n", without a final
 * newline; a block ended by an empty line ends in "\n") a complete input,
 * does it need more lines, or is it a syntax error more lines can't fix?
 * CPython's codeop rules: a compound statement is complete only after an
 * empty line. */
SessionInputStatus session_input_status(Session *s, const char *text);
/* Run TEXT as one input of CPython's interactive prompt (mode 'single',
 * file "<stdin>", its own compilation unit: expression statements print
 * their repr and set builtins._) in __main__'s namespace, on top of the
 * paused script (which stays where it was) or in an empty session.  Output
 * goes to the heap's stdout/stderr buffers; a SyntaxError or an uncaught
 * exception prints what the REPL prints and the session stays usable.
 * False when it failed to compile or raised. */
bool session_input(Session *s, const char *text);
/* Entries in the transcript (recording any output not yet in it). */
size_t session_transcript_count(Session *s);
/* Entry I of the transcript (I < session_transcript_count). */
const TranscriptEntry *session_transcript_entry(const Session *s, size_t i);
/* Empty the heap's stdout/stderr buffers (a reader has copied them),
 * recording first what the transcript has not seen yet. */
void session_clear_output(Session *s);

#endif
