/* A timeline: the history of one session as the viewer drives it (lines
 * run and inputs typed at the prompt) with checkpoints along it, so that
 * any earlier point is reached by restoring the nearest checkpoint and
 * replaying a few steps, never by re-running from the start. */
#ifndef HS_TIMELINE_H
#define HS_TIMELINE_H

#include <stdbool.h>

#include "session/session.h"

/* An input typed at the prompt when the script had run AT_STEP lines. */
typedef struct TimelineInput {
    long long at_step;
    char *text;
    bool failed;               /* it raised, or did not compile */
} TimelineInput;

/* A copy of the session at one point of the history. */
typedef struct Checkpoint {
    long long step;
    int ninputs;               /* inputs applied */
    Session *s;
    unsigned char *ran;        /* the timeline's line marks then */
    int caption;
    size_t bytes;              /* host memory it takes, about */
} Checkpoint;

/* The narration line to show when the script stops before LINE, or 0. */
typedef int (*TimelineNarration)(void *arg, int line);

typedef struct Timeline {
    const Profile *prof;
    char *name, *source;
    Session *s;                /* the present */
    Session *graveyard;        /* the session a jump back replaced, or NULL */
    int applied;               /* inputs applied to s */
    TimelineInput *inputs;     /* every input of the history, in order */
    int ninputs, capinputs;
    Checkpoint *cps;           /* by position in the history */
    size_t ncps, capcps;
    long long every;           /* steps between checkpoints */
    size_t cp_bytes;           /* host memory the checkpoints take, about */
    int nlines;
    unsigned char *ran;        /* per line (1-based): already run */
    int caption;               /* the narration reached, or 0 */
    TimelineNarration narration;
    void *narration_arg;
} Timeline;

/* A timeline at step 0 of SOURCE (NAME shown in tracebacks) with NLINES
 * lines; NARRATION (may be NULL) picks the captions. */
Timeline *timeline_new(const Profile *prof, const char *name, const char *source, int nlines,
                       TimelineNarration narration, void *arg);
/* Free the timeline, its session and its checkpoints. */
void timeline_free(Timeline *tl);
/* Lines run so far. */
long long timeline_step_count(const Timeline *tl);
/* Run one line; false when the script has ended. */
bool timeline_step(Timeline *tl);
/* Run TEXT as one input of the interactive prompt at this point; false
 * when it failed (the error is in the output). */
bool timeline_input(Timeline *tl, const char *text);
/* Undo the last step or input; false at the start. */
bool timeline_back(Timeline *tl);
/* Free what a jump back left behind and take a checkpoint if one is due
 * (call when waiting for the user). */
void timeline_idle(Timeline *tl);
/* Go to step N (with the inputs typed up to it); the steps replayed. */
long long timeline_goto(Timeline *tl, long long n);

#endif
