/* The viewer's timeline (src/session/timeline.c): going back and forth
 * through steps and typed inputs must reach exactly the state a fresh run
 * reaches, whichever checkpoint it restores. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "session/timeline.h"
#include "snapshot/snapshot.h"

static const char *const loop_script =
    "class Node:\n"
    "    def __init__(self, v):\n"
    "        self.v = v\n"
    "        self.me = self\n"
    "xs = []\n"
    "for i in range(3000):\n"
    "    xs.append(Node(i))\n"
    "    if i % 100 == 0:\n"
    "        del xs[:50]\n"
    "print(len(xs))\n";

/* The whole state of session S as one string (a snapshot, keys sorted). */
static char *state_of(Session *s)
{
    json_t *j = snapshot_build(s);
    char *text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    return text;
}

/* The state a fresh timeline reaches at step N of SCRIPT after typing
 * INPUT (may be NULL) at step AT. */
static char *fresh_state(const char *prof, const char *script, long long n, const char *input,
                         long long at)
{
    Timeline *tl = timeline_new(profile_find(prof), "t.py", script, 12, NULL, NULL);
    while (timeline_step_count(tl) < n) {
        if (input && timeline_step_count(tl) == at && tl->applied == 0)
            timeline_input(tl, input);
        if (!timeline_step(tl))
            break;
    }
    if (input && timeline_step_count(tl) == at && tl->applied == 0)
        timeline_input(tl, input);
    char *text = state_of(tl->s);
    timeline_free(tl);
    return text;
}

/* Assert that TL is in the state STATE. */
static void assert_state(Timeline *tl, const char *state)
{
    char *now = state_of(tl->s);
    ck_assert_msg(strcmp(now, state) == 0, "the state differs from a fresh run's");
    free(now);
}

START_TEST(test_back_and_forth_match_fresh_runs)
{
    const char *prof = _i ? "3.8" : "3.12";
    Timeline *tl = timeline_new(profile_find(prof), "t.py", loop_script, 12, NULL, NULL);
    for (int i = 0; i < 9000 && timeline_step(tl); i++)
        ;
    ck_assert_int_gt((int)tl->ncps, 3);    /* several checkpoints were taken */
    static const long long targets[] = {4321, 8999, 17, 0, 6000, 2999, 3001};
    for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        timeline_goto(tl, targets[k]);
        ck_assert_int_eq(timeline_step_count(tl), targets[k]);
        char *want = fresh_state(prof, loop_script, targets[k], NULL, 0);
        assert_state(tl, want);
        free(want);
    }
    timeline_goto(tl, 2500);
    ck_assert(timeline_back(tl));
    char *want = fresh_state(prof, loop_script, 2499, NULL, 0);
    assert_state(tl, want);
    free(want);
    timeline_free(tl);
}
END_TEST

START_TEST(test_inputs_are_undone_and_replayed)
{
    Timeline *tl = timeline_new(profile_find("3.12"), "t.py", loop_script, 12, NULL, NULL);
    for (int i = 0; i < 40; i++)
        timeline_step(tl);
    ck_assert(timeline_input(tl, "extra = [xs[0], xs[1]]"));
    ck_assert(!timeline_input(tl, "undefined_name"));
    ck_assert(tl->inputs[1].failed);
    for (int i = 0; i < 10; i++)
        timeline_step(tl);
    char *at50 = state_of(tl->s);
    timeline_goto(tl, 40);                   /* the inputs typed at step 40 stay */
    ck_assert_int_eq(tl->applied, 2);
    ck_assert(timeline_back(tl));            /* undoes the failed input */
    ck_assert(timeline_back(tl));            /* undoes the first */
    ck_assert_int_eq(tl->applied, 0);
    char *want = fresh_state("3.12", loop_script, 40, NULL, 0);
    assert_state(tl, want);
    free(want);
    timeline_goto(tl, 50);                   /* forward again: replays both inputs */
    ck_assert_int_eq(tl->applied, 2);
    assert_state(tl, at50);
    free(at50);
    timeline_free(tl);
}
END_TEST

START_TEST(test_a_new_input_cuts_the_history)
{
    Timeline *tl = timeline_new(profile_find("3.12"), "t.py", loop_script, 12, NULL, NULL);
    for (int i = 0; i < 30; i++)
        timeline_step(tl);
    timeline_input(tl, "a = 1");
    for (int i = 0; i < 30; i++)
        timeline_step(tl);
    timeline_goto(tl, 20);
    timeline_input(tl, "b = [2]");          /* a different turn at step 20 */
    ck_assert_int_eq(tl->ninputs, 1);
    timeline_goto(tl, 60);
    char *want = fresh_state("3.12", loop_script, 60, "b = [2]", 20);
    assert_state(tl, want);
    free(want);
    /* stepping where the history had an input drops it */
    timeline_goto(tl, 20);
    ck_assert_int_eq(tl->applied, 1);
    ck_assert(timeline_back(tl));
    ck_assert_int_eq(tl->applied, 0);
    timeline_step(tl);
    ck_assert_int_eq(tl->ninputs, 0);
    timeline_free(tl);
}
END_TEST

START_TEST(test_empty_session_and_start)
{
    Timeline *tl = timeline_new(profile_find("3.13"), "<console>", "", 0, NULL, NULL);
    ck_assert(!timeline_back(tl));
    ck_assert(!timeline_step(tl));
    ck_assert(timeline_input(tl, "xs = [1, 2]"));
    ck_assert(timeline_input(tl, "ys = xs"));
    ck_assert(timeline_back(tl));
    ck_assert_int_eq(tl->applied, 1);
    char *want = fresh_state("3.13", "", 0, "xs = [1, 2]", 0);
    assert_state(tl, want);
    free(want);
    timeline_free(tl);
}
END_TEST

START_TEST(test_checkpoints_stay_bounded)
{
    Timeline *tl = timeline_new(profile_find("3.12"), "t.py", "n = 0\nwhile n < 300000:\n    n += 1\n",
                                3, NULL, NULL);
    while (timeline_step(tl) && timeline_step_count(tl) < 250000)
        timeline_idle(tl);
    ck_assert_int_le((int)tl->ncps, 48);
    ck_assert_int_gt(tl->every, 1000);       /* thinned: the interval grew */
    for (size_t i = 1; i < tl->ncps; i++)     /* in order of position */
        ck_assert_int_lt(tl->cps[i - 1].step, tl->cps[i].step);
    timeline_goto(tl, 123457);
    ck_assert_int_eq(timeline_step_count(tl), 123457);
    timeline_free(tl);
}
END_TEST

Suite *suite_timeline(void)
{
    Suite *s = suite_create("timeline");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_back_and_forth_match_fresh_runs, 0, 2);
    tcase_add_test(tc, test_inputs_are_undone_and_replayed);
    tcase_add_test(tc, test_a_new_input_cuts_the_history);
    tcase_add_test(tc, test_empty_session_and_start);
    tcase_add_test(tc, test_checkpoints_stay_bounded);
    suite_add_tcase(s, tc);
    return s;
}
