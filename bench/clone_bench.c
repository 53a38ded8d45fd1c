/* The checkpoint benchmark: how long session_clone takes on a large heap,
 * and how long stepping back takes when the session keeps a checkpoint
 * every INTERVAL steps (restore = clone the nearest checkpoint, then
 * replay up to the wanted step).  A measurement, not a test.
 *   bench/clone_bench [SCRIPT [VERSION [STEPS [INTERVAL [REPS]]]]]
 * Without SCRIPT (or with "") a built-in one is used: at step 100,000 its
 * heap holds about 125,000 objects (ints, strs, lists, dicts, instances). */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "session/session.h"
#include "bench_util.h"
#include "sim/profile.h"

static const char default_script[] =
    "class P:\n"
    "    def __init__(self, name):\n"
    "        self.name = name\n"
    "objs = []\n"
    "for i in range(1000, 40000):\n"
    "    s = str(i)\n"
    "    p = P(s)\n"
    "    objs.append([i, p, {s: i}])\n";

/* Monotonic time in milliseconds. */
static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* qsort comparison of doubles. */
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sort the N samples in V and print their minimum and median. */
static void report(const char *what, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    printf("%-34s min %8.3f ms  median %8.3f ms\n", what, v[0], v[n / 2]);
}

/* Host bytes in use by malloc. */
static size_t host_bytes(void)
{
    struct mallinfo2 mi = mallinfo2();
    return mi.uordblks + mi.hblkhd;
}

/* Run S to step TARGET, keeping the checkpoint taken at the last multiple
 * of INTERVAL; returns it. */
static Session *run_with_checkpoints(Session *s, long long target, long long interval)
{
    Session *cp = NULL;
    while (session_step_count(s) < target && session_step(s)) {
        if (session_step_count(s) % interval == 0 && session_step_count(s) < target) {
            session_delete(cp);
            cp = session_clone(s);
        }
    }
    return cp;
}

/* Time REPS clones (and deletions) of S. */
static void bench_clone(Session *s, int reps)
{
    double *tc = malloc(sizeof *tc * (size_t)reps), *td = malloc(sizeof *td * (size_t)reps);
    size_t before = host_bytes(), per = 0;
    for (int i = 0; i < reps; i++) {
        double t0 = now_ms();
        Session *c = session_clone(s);
        double t1 = now_ms();
        per = host_bytes() - before;
        session_delete(c);
        tc[i] = t1 - t0;
        td[i] = now_ms() - t1;
    }
    printf("host memory of one clone: %.1f MB\n", (double)per / 1e6);
    report("session_clone", tc, reps);
    report("session_delete (the clone)", td, reps);
    free(tc);
    free(td);
}

/* Time REPS step-backs from S to one step earlier, through checkpoint CP. */
static void bench_step_back(Session *s, Session *cp, int reps)
{
    long long target = session_step_count(s) - 1;
    double *t = malloc(sizeof *t * (size_t)reps);
    long long replayed = 0;
    for (int i = 0; i < reps; i++) {
        double t0 = now_ms();
        Session *r = session_clone(cp);
        replayed = session_steps(r, target - session_step_count(r));
        t[i] = now_ms() - t0;
        if (session_step_count(r) != target)
            fprintf(stderr, "clone_bench: replay stopped at %lld\n", session_step_count(r));
        session_delete(r);
    }
    char what[80];
    snprintf(what, sizeof what, "step back (clone + %lld steps)", replayed);
    report(what, t, reps);
    free(t);
}

/* Run the benchmark described by the command line. */
int main(int argc, char **argv)
{
    char *source = argc > 1 && argv[1][0] ? bench_slurp(argv[1]) : NULL;
    const Profile *prof = profile_find(argc > 2 ? argv[2] : "3.12");
    long long steps = argc > 3 ? atoll(argv[3]) : 100000;
    long long interval = argc > 4 ? atoll(argv[4]) : 1000;
    int reps = argc > 5 ? atoi(argv[5]) : 20;
    if (!prof || steps < 2 || interval < 1 || reps < 1) {
        fputs("usage: clone_bench [SCRIPT [VERSION [STEPS [INTERVAL [REPS]]]]]\n", stderr);
        return 2;
    }
    Session *s = session_new(prof, false);
    s->keep_end_state = true;
    if (!session_load(s, source ? argv[1] : "clone_bench.py", source ? source : default_script))
        return 1;
    double t0 = now_ms();
    Session *cp = run_with_checkpoints(s, steps, interval);
    double t1 = now_ms();
    printf("%s, step %lld, %zu live objects, %u slots; run with a checkpoint every %lld "
           "steps: %.0f ms\n", prof->name, session_step_count(s), s->heap->live,
           s->heap->nslots, interval, t1 - t0);
    bench_clone(s, reps);
    if (cp)
        bench_step_back(s, cp, reps);
    session_delete(cp);
    session_delete(s);
    free(source);
    return 0;
}
