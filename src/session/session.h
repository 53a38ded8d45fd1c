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

struct Session {
    const Profile *prof;
    Heap *heap;
    Vm *vm;
    char *filename;
    char *source;
    SessionStatus status;
    bool check_heap;
    /* keep the end state: do not run interpreter shutdown when the script
     * ends (session_finalize does it later), so a snapshot can see it */
    bool keep_end_state;
    bool finalize_pending;   /* the script ended and shutdown has not run */
    /* called after every step (a line run), e.g. to write a trace */
    void (*on_step)(struct Session *s, void *arg);
    void *on_step_arg;
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

#endif
