/* What the keys do: the actions bound to keys (one table, which the help
 * overlay lists), the key-bar prompt with its commands, and the runs they
 * start.  Every action changes the simulation only through the timeline
 * (session/timeline.h): a step, a run until some condition, a jump to a
 * step, an input typed at the console's prompt; tui_moved() then brings
 * the model and the panes' positions up to date.  Long runs poll the
 * keyboard so that any key interrupts them. */
#include <stdlib.h>
#include <string.h>

#include "session/timeline.h"
#include "tui/console.h"
#include "tui/tui_int.h"

/* ---- driving the timeline ---- */

/* Run one line. */
static bool step(Tui *t)
{
    bool ok = timeline_step(t->tl);
    t->s = t->tl->s;
    return ok;
}

/* Go to step N (checkpoints make going back cheap). */
static void go_to(Tui *t, long long n)
{
    timeline_goto(t->tl, n);
    t->s = t->tl->s;
}

/* True when the user pressed a key (interactive runs only): stop. */
static bool interrupted(Tui *t)
{
    if (!t->interactive || (session_step_count(t->s) & 0x3fff) != 0)
        return false;
    char note[80];
    snprintf(note, sizeof note, "running: step %lld, line %d (any key stops)",
             session_step_count(t->s), session_line(t->s));
    draw_curses_note(note);
    int k = draw_curses_key(0);
    return k != TK_NONE && k != TK_RESIZE;
}

/* What a run stops at. */
typedef enum StopWhen { STOP_DEPTH_LE, STOP_DEPTH_LT, STOP_BREAK, STOP_END, STOP_LINE } StopWhen;

/* True when the run should stop before the next line. */
static bool should_stop(Tui *t, StopWhen w, int arg)
{
    int depth = t->s->vm->nframes, line = session_line(t->s);
    switch (w) {
    case STOP_DEPTH_LE: return depth <= arg;
    case STOP_DEPTH_LT: return depth < arg;
    case STOP_LINE: return line == arg;
    case STOP_BREAK: return line > 0 && line <= t->nlines && t->breakpoint[line];
    default: return false;
    }
}

/* Run at least one line, then on until W (or a breakpoint, the end, or a
 * key press); the lines run. */
static long long run(Tui *t, StopWhen w, int arg)
{
    long long n0 = session_step_count(t->s);
    while (t->s->status == SESSION_READY && step(t)) {
        if (t->s->status != SESSION_READY)
            break;
        if (w != STOP_END && should_stop(t, STOP_BREAK, 0)) {
            snprintf(t->message, sizeof t->message, "breakpoint at line %d", session_line(t->s));
            break;
        }
        if (should_stop(t, w, arg))
            break;
        if (interrupted(t)) {
            snprintf(t->message, sizeof t->message, "interrupted at step %lld",
                     session_step_count(t->s));
            break;
        }
    }
    return session_step_count(t->s) - n0;
}

/* Run to the --stop-at / --steps point of the options. */
void tui_run_to_stop(Tui *t)
{
    long seen = 0;
    if (t->opt.steps < 0 && !t->opt.stop_line)
        return;
    while (t->s->status == SESSION_READY) {
        if (t->opt.steps >= 0 && session_step_count(t->s) >= t->opt.steps)
            break;
        if (t->opt.stop_line && session_line(t->s) == t->opt.stop_line && ++seen >= t->opt.stop_nth)
            break;
        if (!step(t))
            break;
    }
}


/* ---- keys ---- */

/* After the session changed: follow the current line and the newest
 * output, and bring the model up to date. */
void tui_moved(Tui *t)
{
    t->scroll[PANE_SOURCE] = t->scroll[PANE_CONSOLE] = 0;
    t->cursor_line = 0;
    model_update(t, t->model_step != session_step_count(t->s));
    t->model_step = session_step_count(t->s);
    long long runs = gc_pane_collections(t->s->heap);
    t->gc_phase = -1;
    if (runs > t->gc_seen && !t->message[0])
        snprintf(t->message, sizeof t->message, "the collector ran: x steps through its phases");
    t->gc_seen = runs;
}

/* True (with a note) when the script can't run further. */
static bool ended(Tui *t)
{
    if (t->s->status == SESSION_READY)
        return false;
    snprintf(t->message, sizeof t->message, "the script has ended (b: back, g: start)");
    return true;
}

/* n / Enter: run the next line, stepping over calls. */
static void key_next(Tui *t)
{
    if (!ended(t))
        run(t, STOP_DEPTH_LE, t->s->vm->nframes);
    tui_moved(t);
}

/* s: run one line, stepping into calls. */
static void key_into(Tui *t)
{
    if (!ended(t))
        step(t);
    tui_moved(t);
}

/* u: run until the current function returns. */
static void key_out(Tui *t)
{
    if (!ended(t))
        run(t, STOP_DEPTH_LT, t->s->vm->nframes);
    tui_moved(t);
}

/* b: back one step (re-runs the script to the step before). */
static void key_back(Tui *t)
{
    int inputs = t->tl->applied;
    if (timeline_back(t->tl)) {
        t->s = t->tl->s;
        if (t->tl->applied < inputs)
            snprintf(t->message, sizeof t->message, "undid the last typed input (step %lld)",
                     session_step_count(t->s));
        else
            snprintf(t->message, sizeof t->message, "back to step %lld", session_step_count(t->s));
    }
    tui_moved(t);
}

/* c: continue to the next breakpoint or the end. */
static void key_continue(Tui *t)
{
    if (!ended(t))
        run(t, STOP_BREAK, 0);
    tui_moved(t);
}

/* G: run to the end, ignoring breakpoints. */
static void key_end(Tui *t)
{
    if (!ended(t))
        run(t, STOP_END, 0);
    tui_moved(t);
}

/* g: back to the start. */
static void key_start(Tui *t)
{
    go_to(t, 0);
    tui_moved(t);
}

/* B: toggle a breakpoint on the source cursor's line (or the current one). */
static void key_break(Tui *t)
{
    int ln = t->cursor_line ? t->cursor_line : session_line(t->s);
    if (ln < 1 || ln > t->nlines)
        return;
    t->breakpoint[ln] ^= 1;
    snprintf(t->message, sizeof t->message, "breakpoint %s at line %d",
             t->breakpoint[ln] ? "set" : "cleared", ln);
}

/* p: play (run a line at a time at the chosen speed) or pause. */
static void key_play(Tui *t)
{
    t->playing = !t->playing && t->s->status == SESSION_READY;
    snprintf(t->message, sizeof t->message, t->playing ? "playing at %d lines/s (p: pause, +/-: speed)"
             : "paused", t->speed);
}

/* +: play faster. */
static void key_faster(Tui *t)
{
    t->speed = t->speed >= 50 ? 50 : t->speed * 2;
    snprintf(t->message, sizeof t->message, "speed %d lines/s", t->speed);
}

/* -: play slower. */
static void key_slower(Tui *t)
{
    t->speed = t->speed <= 1 ? 1 : t->speed / 2;
    snprintf(t->message, sizeof t->message, "speed %d lines/s", t->speed);
}

/* Tab: focus the next pane on screen. */
static void key_tab(Tui *t)
{
    do
        t->focus = (t->focus + 1) % NPANES;
    while (!tui_visible(t, t->focus));
}

/* Shift-Tab: focus the previous pane on screen. */
static void key_btab(Tui *t)
{
    do
        t->focus = (t->focus + NPANES - 1) % NPANES;
    while (!tui_visible(t, t->focus));
}

/* Move the focused pane's selection by D rows; false when it has none. */
static bool select_by(Tui *t, int d)
{
    const uint64_t *ids = t->rows_id[t->focus];
    size_t n = t->nrows_id[t->focus];
    if (!n || t->focus == PANE_SOURCE || t->focus == PANE_CONSOLE)
        return false;
    long at = -1;
    for (size_t i = 0; i < n; i++)
        if (ids[i] == t->selected)
            at = (long)i;
    at = at < 0 ? (d > 0 ? 0 : (long)n - 1) : at + d;
    at = at < 0 ? 0 : at >= (long)n ? (long)n - 1 : at;
    if (t->focus != PANE_OBJECT)
        t->scroll[PANE_OBJECT] = 0;
    t->selected = ids[at];
    return true;
}

/* Move the source cursor by D lines. */
static void cursor_by(Tui *t, int d)
{
    int ln = t->cursor_line ? t->cursor_line : session_line(t->s);
    ln = ln ? ln + d : 1;
    t->cursor_line = ln < 1 ? 1 : ln > t->nlines ? t->nlines : ln;
    t->scroll[PANE_SOURCE] = 0;
}

/* Move by D rows in the focused pane: select, move the cursor or scroll. */
static void move_by(Tui *t, int d)
{
    if (t->focus == PANE_SOURCE && t->nlines)
        cursor_by(t, d);
    else if (!select_by(t, d))
        t->scroll[t->focus] += d;
}

/* Up, k: the row above. */
static void key_up(Tui *t) { move_by(t, -1); }
/* Down, j: the row below. */
static void key_down(Tui *t) { move_by(t, 1); }
/* PgUp: a page up. */
static void key_pgup(Tui *t) { move_by(t, -10); }
/* PgDn: a page down. */
static void key_pgdn(Tui *t) { move_by(t, 10); }

/* o: show the selected object's layout instead of the GC and Memory panes. */
static void key_object(Tui *t)
{
    t->show_object = !t->show_object;
    if (t->show_object && !t->selected && t->nrows_id[PANE_HEAP])
        t->selected = t->rows_id[PANE_HEAP][0];
    if (!tui_visible(t, t->focus))
        t->focus = PANE_HEAP;
    if (t->zoom >= 0 && !tui_visible(t, t->zoom))
        t->zoom = -1;
}

/* z: zoom the focused pane to the whole screen, or back. */
static void key_zoom(Tui *t)
{
    t->zoom = t->zoom >= 0 ? -1 : t->focus;
}

/* a: show every object, or only the script's. */
static void key_all(Tui *t) { t->all_objects = !t->all_objects; }

/* S: the heap pane's next order. */
static void key_sort(Tui *t)
{
    static const char *const names[NSORTS] = {"id", "type", "size", "refcount", "generation"};
    t->sort = (SortKey)((t->sort + 1) % NSORTS);
    snprintf(t->message, sizeof t->message, "heap sorted by %s", names[t->sort]);
}

/* Open the key-bar prompt with LABEL and initial text. */
static void open_prompt(Tui *t, char kind, const char *text)
{
    t->prompt = kind;
    snprintf(t->prompt_buf, sizeof t->prompt_buf, "%s", text);
}

/* :: a command (step N, line N, break N, find X, filter X, sort K, speed N, q). */
static void key_command(Tui *t) { open_prompt(t, ':', ""); }
/* f: find an object by id or by name. */
static void key_find(Tui *t) { open_prompt(t, 'f', ""); }
/* /: filter the heap pane by type or id. */
static void key_filter(Tui *t) { open_prompt(t, '/', t->filter); }
/* x: the next phase of the last GC pass. */
static void key_gc_next(Tui *t)
{
    gc_pane_next_phase(t);
    if (t->zoom >= 0 && t->zoom != PANE_GC)
        t->zoom = -1;
    t->show_object = t->show_object && t->gc_phase < 0;
}

/* X: the previous phase of the last GC pass. */
static void key_gc_prev(Tui *t) { gc_pane_prev_phase(t); }
/* Esc: leave the zoom, play mode and the GC pass. */
static void key_escape(Tui *t)
{
    t->zoom = -1;
    t->playing = false;
    t->gc_phase = -1;
}

/* i, >: type Python at the console's prompt. */
static void key_console(Tui *t)
{
    t->focus = PANE_CONSOLE;
    if (t->zoom >= 0 && t->zoom != PANE_CONSOLE)
        t->zoom = -1;
}

/* ?: show the help overlay. */
static void key_help(Tui *t) { t->help = true; }
/* q: quit. */
static void key_quit(Tui *t) { t->quit = true; }

typedef struct KeyEntry {
    int key[3];
    const char *name, *help;
    void (*fn)(Tui *t);
} KeyEntry;

static const KeyEntry keys[] = {
    {{'n', TK_ENTER, ' '}, "n, Enter", "next line, over calls", key_next},
    {{'s', 0, 0}, "s", "step into a call", key_into},
    {{'u', 0, 0}, "u", "step out of this function", key_out},
    {{'c', 0, 0}, "c", "continue to a breakpoint", key_continue},
    {{'b', TK_BACKSPACE, 0}, "b", "back one step", key_back},
    {{'g', TK_HOME, 0}, "g", "go to the start", key_start},
    {{'G', TK_END, 0}, "G", "go to the end", key_end},
    {{'B', 0, 0}, "B", "breakpoint on/off (cursor)", key_break},
    {{'p', 0, 0}, "p", "play / pause", key_play},
    {{'x', 0, 0}, "x X", "GC pass: next / prev phase", key_gc_next},
    {{'X', 0, 0}, NULL, NULL, key_gc_prev},
    {{'+', '=', 0}, "+ -", "play faster / slower", key_faster},
    {{'-', 0, 0}, NULL, NULL, key_slower},
    {{'i', '>', 0}, "i", "type Python (Esc: keys)", key_console},
    {{':', 0, 0}, ":", "command: N, line N, break N", key_command},
    {{'f', 0, 0}, "f", "find an object by id/name", key_find},
    {{'/', 0, 0}, "/", "filter the heap: type or id", key_filter},
    {{'S', 0, 0}, "S", "sort the heap: id, type...", key_sort},
    {{'a', 0, 0}, "a", "heap: all / the script's", key_all},
    {{'o', 0, 0}, "o", "object pane on / off", key_object},
    {{'\t', 0, 0}, "Tab", "next pane (S-Tab: previous)", key_tab},
    {{TK_BTAB, 0, 0}, NULL, NULL, key_btab},
    {{'z', 0, 0}, "z", "zoom the focused pane", key_zoom},
    {{TK_UP, 'k', 0}, "Up Down", "select / move (also k j)", key_up},
    {{TK_DOWN, 'j', 0}, NULL, NULL, key_down},
    {{TK_PGUP, 0, 0}, "PgUp PgDn", "a page up / down", key_pgup},
    {{TK_PGDN, 0, 0}, NULL, NULL, key_pgdn},
    {{TK_ESC, 0, 0}, "Esc", "leave zoom, play, GC pass", key_escape},
    {{'?', 'h', 0}, "?", "this help", key_help},
    {{'q', 'Q', 0}, "q", "quit", key_quit},
};

#define NKEYS (sizeof keys / sizeof keys[0])

/* Run the action bound to key K; false when none is. */
bool tui_dispatch(Tui *t, int k)
{
    for (size_t i = 0; i < NKEYS; i++)
        for (int j = 0; j < 3; j++)
            if (keys[i].key[j] && keys[i].key[j] == k) {
                t->message[0] = '\0';
                keys[i].fn(t);
                return true;
            }
    return false;
}

/* ---- the prompt ---- */

/* Record the object bound to NAME, if it is the one looked for (an InspectNameFn). */
typedef struct FindName {
    const char *name;
    Ref found;
} FindName;

/* Remember V when NAME is the name looked for (an InspectNameFn). */
static void find_name(Heap *h, const char *name, Ref v, void *arg)
{
    (void)h;
    FindName *f = arg;
    if (!f->found && strcmp(name, f->name) == 0)
        f->found = v;
}

/* Select the object with id or name WHAT (innermost frame first). */
static void find(Tui *t, const char *what)
{
    Heap *h = t->s->heap;
    char *end;
    unsigned long long id = strtoull(what, &end, 0);
    Ref r = *what && !*end ? model_find(&t->m, id) : 0;
    if (!r && *what && !*end)
        r = model_find(&t->m, strtoull(what, NULL, 16));
    FindName f = {what, 0};
    for (int i = t->s->vm->nframes - 1; !r && i >= 0 && !f.found; i--)
        inspect_frame_locals(h, t->s->vm->frames[i], find_name, &f);
    if (!r && !f.found && inspect_globals(t->s))
        inspect_dict_names(h, inspect_globals(t->s), find_name, &f);
    r = r ? r : f.found;
    if (!r) {
        snprintf(t->message, sizeof t->message, "no object with id or name '%s'", what);
        return;
    }
    t->selected = h->objs[r].addr;
    t->show_object = true;
    if (!(t->m.flags[r] & TF_USER) && !model_is_garbage(&t->m, r))
        t->all_objects = true;
    snprintf(t->message, sizeof t->message, "found %s at 0x%llx", heap_type_name(h, r),
             (unsigned long long)h->objs[r].addr);
}

/* Run to LINE (forward from here). */
static void run_to_line(Tui *t, int line)
{
    if (line < 1 || line > t->nlines) {
        snprintf(t->message, sizeof t->message, "no line %d", line);
        return;
    }
    if (!ended(t) && run(t, STOP_LINE, line) && session_line(t->s) != line && !t->message[0])
        snprintf(t->message, sizeof t->message, "line %d was not reached", line);
    tui_moved(t);
}

/* Run command CMD typed at the `:` prompt (or the console's). */
void tui_command(Tui *t, const char *cmd)
{
    char word[16] = "";
    int n = 0, arg;
    sscanf(cmd, " %15[a-z]%n", word, &n);
    const char *rest = cmd + n + strspn(cmd + n, " ");
    if (!word[0] && sscanf(cmd, "%d", &arg) == 1) {
        go_to(t, arg < 0 ? 0 : arg);
        tui_moved(t);
    } else if ((!strcmp(word, "line") || !strcmp(word, "l")) && sscanf(rest, "%d", &arg) == 1) {
        run_to_line(t, arg);
    } else if ((!strcmp(word, "break") || !strcmp(word, "b")) && sscanf(rest, "%d", &arg) == 1) {
        t->cursor_line = arg;
        key_break(t);
        t->cursor_line = 0;
    } else if (!strcmp(word, "find") || !strcmp(word, "f")) {
        find(t, rest);
    } else if (!strcmp(word, "filter")) {
        snprintf(t->filter, sizeof t->filter, "%s", rest);
    } else if (!strcmp(word, "speed") && sscanf(rest, "%d", &arg) == 1) {
        t->speed = arg < 1 ? 1 : arg > 50 ? 50 : arg;
    } else if (!strcmp(word, "q") || !strcmp(word, "quit")) {
        t->quit = true;
    } else {
        snprintf(t->message, sizeof t->message, "unknown command '%s' (? lists the keys)", cmd);
    }
}

/* Finish the prompt: act on what was typed. */
static void prompt_done(Tui *t)
{
    char kind = t->prompt;
    t->prompt = 0;
    if (kind == 'f')
        find(t, t->prompt_buf);
    else if (kind == '/')
        snprintf(t->filter, sizeof t->filter, "%s", t->prompt_buf);
    else
        tui_command(t, t->prompt_buf);
}

/* Feed key K to the open prompt. */
void tui_prompt_key(Tui *t, int k)
{
    size_t n = strlen(t->prompt_buf);
    if (k == TK_ESC) {
        t->prompt = 0;
    } else if (k == TK_ENTER) {
        t->message[0] = '\0';
        prompt_done(t);
    } else if (k == TK_BACKSPACE) {
        while (n > 0 && ((unsigned char)t->prompt_buf[n - 1] & 0xc0) == 0x80)
            n--;
        t->prompt_buf[n > 0 ? n - 1 : 0] = '\0';
    } else if (k >= 0x20 && k < 0x7f && n + 1 < sizeof t->prompt_buf) {
        t->prompt_buf[n] = (char)k;
        t->prompt_buf[n + 1] = '\0';
    }
}

/* The help overlay: every key in the table, in two columns when the
 * screen is too short for one. */
void tui_draw_help(Canvas *cv)
{
    int n = 0;
    for (size_t i = 0; i < NKEYS; i++)
        n += keys[i].name != NULL;
    int ncol = n + 5 > cv->rows ? 2 : 1, per = (n + ncol - 1) / ncol;
    Rect r = {0, 0, ncol * 38 + 4, per + 4};
    r.x = cv->cols > r.w ? (cv->cols - r.w) / 2 : 0;
    r.y = cv->rows > r.h ? (cv->rows - r.h) / 2 : 0;
    draw_clear(cv, r, ST_NORMAL);
    draw_box(cv, r, "Keys", true);
    int k = 0;
    for (size_t i = 0; i < NKEYS; i++)
        if (keys[i].name) {
            draw_printf(cv, r.x + 2 + k / per * 38, r.y + 1 + k % per, 37, ST_NORMAL, "%-9s %s",
                        keys[i].name, keys[i].help);
            k++;
        }
    draw_text(cv, r.x + 2, r.y + per + 2, r.w - 4, ST_DIM,
              "Memory pane: arrows, Enter opens a pool, m classes.");
}

/* One step of play mode, when its time has come. */
void tui_play_tick(Tui *t)
{
    if (t->s->status != SESSION_READY) {
        t->playing = false;
        return;
    }
    step(t);
    if (should_stop(t, STOP_BREAK, 0)) {
        t->playing = false;
        snprintf(t->message, sizeof t->message, "breakpoint at line %d", session_line(t->s));
    }
    tui_moved(t);
}

/* Run TEXT typed at the prompt as the REPL would, at the current point. */
void tui_run_input(Tui *t, const char *text)
{
    if (!timeline_input(t->tl, text))
        console_forget_last(t->console);   /* :w saves only what ran */
    t->s = t->tl->s;
    if (t->s->vm->input_exit) {            /* the viewer stays: say so */
        t->s->vm->input_exit = false;
        snprintf(t->message, sizeof t->message,
                 "SystemExit(%d): the real prompt would exit here (q quits the viewer)",
                 t->s->vm->input_exit_status);
    }
    tui_moved(t);
}

