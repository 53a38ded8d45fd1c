/* The viewer's timeline (see timeline.h).
 *
 * Design: the history is a path of events, each a step (one line run) or
 * an input typed at the prompt; a point on it is (steps run, inputs
 * applied) and its position is their sum.  Inputs are kept with the step
 * they were typed at.  Checkpoints are deep copies of the session
 * (session_clone) taken every `every` steps while going forward, kept in
 * order of position (while the viewer waits for a key, or on the way
 * during long runs); when they grow too many, every other one is dropped
 * and the interval doubles, so memory stays bounded however long the run.
 * Going to an earlier point restores the last checkpoint at or before it
 * and replays the remaining events (the engine is deterministic).  Taking
 * a different turn (typing an input where the history had a different
 * one, or stepping where it had an input) cuts off the rest of the history
 * and the checkpoints beyond the turn.  The session a jump back replaces
 * is freed later, when the viewer waits for a key (timeline_idle), so the
 * jump itself costs one clone and a short replay. */
#include "session/timeline.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Most checkpoints kept before thinning, the steps between the first
 * ones, and the host memory they may take together (a checkpoint costs
 * about CHECKPOINT_OBJ_BYTES per live object: bench/clone_bench). */
enum { MAX_CHECKPOINTS = 48, FIRST_EVERY = 1000 };
#define CHECKPOINT_BUDGET ((size_t)256 << 20)
#define CHECKPOINT_OBJ_BYTES 200

/* The position of the present. */
static long long position(const Timeline *tl)
{
    return timeline_step_count(tl) + tl->applied;
}

/* Lines run so far. */
long long timeline_step_count(const Timeline *tl)
{
    return session_step_count(tl->s);
}

/* Remember the present as a checkpoint (when it is past the last one). */
static void checkpoint(Timeline *tl)
{
    long long pos = position(tl);
    if (tl->ncps && tl->cps[tl->ncps - 1].step + tl->cps[tl->ncps - 1].ninputs >= pos)
        return;
    if (tl->ncps == tl->capcps) {
        tl->capcps = tl->capcps ? 2 * tl->capcps : 16;
        tl->cps = xrealloc(tl->cps, tl->capcps * sizeof *tl->cps);
    }
    Checkpoint *c = &tl->cps[tl->ncps++];
    c->step = timeline_step_count(tl);
    c->ninputs = tl->applied;
    c->s = session_clone(tl->s);
    c->ran = xmalloc((size_t)tl->nlines + 2);
    memcpy(c->ran, tl->ran, (size_t)tl->nlines + 2);
    c->caption = tl->caption;
    c->bytes = tl->s->heap->live * CHECKPOINT_OBJ_BYTES;
    tl->cp_bytes += c->bytes;
}

static void thin(Timeline *tl);

/* Take a checkpoint of the present, thinning the old ones to the limits. */
static void take_checkpoint(Timeline *tl)
{
    checkpoint(tl);
    while (tl->ncps > 2 && (tl->ncps > MAX_CHECKPOINTS || tl->cp_bytes > CHECKPOINT_BUDGET))
        thin(tl);
}

/* Free checkpoint C of TL. */
static void drop(Timeline *tl, Checkpoint *c)
{
    tl->cp_bytes -= c->bytes;
    session_delete(c->s);
    free(c->ran);
}

/* Keep every other checkpoint (the first always) and double the interval. */
static void thin(Timeline *tl)
{
    size_t k = 1;
    for (size_t i = 1; i < tl->ncps; i++) {
        if (i % 2 == 0)
            tl->cps[k++] = tl->cps[i];
        else
            drop(tl, &tl->cps[i]);
    }
    tl->ncps = k;
    tl->every *= 2;
}

/* Cut the history after the present: later inputs and checkpoints. */
static void diverge(Timeline *tl)
{
    long long pos = position(tl);
    for (int i = tl->applied; i < tl->ninputs; i++)
        free(tl->inputs[i].text);
    tl->ninputs = tl->applied;
    while (tl->ncps && tl->cps[tl->ncps - 1].step + tl->cps[tl->ncps - 1].ninputs > pos)
        drop(tl, &tl->cps[--tl->ncps]);
}

/* Run one line, marking it run and picking up the narration reached. */
static bool run_line(Timeline *tl)
{
    int line = session_line(tl->s);
    if (line > 0 && line <= tl->nlines)
        tl->ran[line] = 1;
    if (!session_step(tl->s))
        return false;
    line = session_line(tl->s);
    int cap = tl->narration && tl->s->status == SESSION_READY && line > 0 && line <= tl->nlines
            ? tl->narration(tl->narration_arg, line) : 0;
    if (cap)
        tl->caption = cap;
    long long since = timeline_step_count(tl) - tl->cps[tl->ncps - 1].step;
    if (since >= 2 * tl->every)          /* a long run: take it now */
        take_checkpoint(tl);
    return true;
}

/* Apply the next input of the history. */
static bool apply_input(Timeline *tl)
{
    bool ok = session_input(tl->s, tl->inputs[tl->applied].text);
    tl->inputs[tl->applied++].failed = !ok;
    return ok;
}

/* A timeline at step 0 of SOURCE. */
Timeline *timeline_new(const Profile *prof, const char *name, const char *source, int nlines,
                       TimelineNarration narration, void *arg)
{
    Timeline *tl = xcalloc(1, sizeof *tl);
    tl->prof = prof;
    tl->name = xstrdup(name);
    tl->source = xstrdup(source);
    tl->nlines = nlines;
    tl->ran = xcalloc((size_t)nlines + 2, 1);
    tl->narration = narration;
    tl->narration_arg = arg;
    tl->every = FIRST_EVERY;
    tl->s = session_new(prof, false);
    tl->s->keep_end_state = true;
    tl->s->record_transcript = true;
    if (*source)
        session_load(tl->s, name, source);
    checkpoint(tl);
    return tl;
}

/* Free the timeline, its session and its checkpoints. */
void timeline_free(Timeline *tl)
{
    if (!tl)
        return;
    session_delete(tl->s);
    session_delete(tl->graveyard);
    for (size_t i = 0; i < tl->ncps; i++)
        drop(tl, &tl->cps[i]);
    free(tl->cps);
    for (int i = 0; i < tl->ninputs; i++)
        free(tl->inputs[i].text);
    free(tl->inputs);
    free(tl->ran);
    free(tl->name);
    free(tl->source);
    free(tl);
}

/* Run one line; false when the script has ended. */
bool timeline_step(Timeline *tl)
{
    if (tl->s->status != SESSION_READY)
        return false;
    if (tl->applied < tl->ninputs && tl->inputs[tl->applied].at_step == timeline_step_count(tl))
        diverge(tl);
    return run_line(tl);
}

/* Run TEXT as one input of the interactive prompt at this point. */
bool timeline_input(Timeline *tl, const char *text)
{
    diverge(tl);
    if (tl->ninputs == tl->capinputs) {
        tl->capinputs = tl->capinputs ? 2 * tl->capinputs : 16;
        tl->inputs = xrealloc(tl->inputs, (size_t)tl->capinputs * sizeof *tl->inputs);
    }
    tl->inputs[tl->ninputs++] = (TimelineInput){timeline_step_count(tl), xstrdup(text), false};
    return apply_input(tl);
}

/* Restore the last checkpoint at or before position POS. */
static void restore(Timeline *tl, long long pos)
{
    size_t i = tl->ncps;
    while (i > 1 && tl->cps[i - 1].step + tl->cps[i - 1].ninputs > pos)
        i--;
    Checkpoint *c = &tl->cps[i - 1];
    session_delete(tl->graveyard);     /* normally freed already, while idle */
    tl->graveyard = tl->s;
    tl->s = session_clone(c->s);
    tl->applied = c->ninputs;
    memcpy(tl->ran, c->ran, (size_t)tl->nlines + 2);
    tl->caption = c->caption;
}

/* Go to the point (STEP, APPLIED) of the history; the steps replayed. */
static long long travel(Timeline *tl, long long step, int applied)
{
    if (position(tl) > step + applied)
        restore(tl, step + applied);
    long long n = 0;
    for (;;) {
        long long k = timeline_step_count(tl);
        if (tl->applied < applied && tl->inputs[tl->applied].at_step <= k)
            apply_input(tl);
        else if (k < step && tl->s->status == SESSION_READY && run_line(tl))
            n++;
        else
            return n;
    }
}

/* Free what a jump back left behind and take the checkpoint that is due
 * (call when waiting for the user, so single steps stay quick). */
void timeline_idle(Timeline *tl)
{
    session_delete(tl->graveyard);
    tl->graveyard = NULL;
    if (timeline_step_count(tl) - tl->cps[tl->ncps - 1].step >= tl->every)
        take_checkpoint(tl);
}

/* Undo the last step or input; false at the start. */
bool timeline_back(Timeline *tl)
{
    long long k = timeline_step_count(tl);
    int j = tl->applied;
    if (j > 0 && tl->inputs[j - 1].at_step == k)
        travel(tl, k, j - 1);
    else if (k > 0)
        travel(tl, k - 1, j);
    else
        return false;
    return true;
}

/* Go to step N (with the inputs typed up to it); the steps replayed. */
long long timeline_goto(Timeline *tl, long long n)
{
    int j = 0;
    while (j < tl->ninputs && tl->inputs[j].at_step <= n)
        j++;
    return travel(tl, n < 0 ? 0 : n, j);
}
