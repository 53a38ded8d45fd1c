/* The viewer's main loop.
 *
 * Design: the Tui owns one Session and a model of its heap (model.c),
 * brought up to date after every change.  Panes (pane_*.c) read the heap
 * through the inspect API and the model and draw into a Canvas (draw.c),
 * which the curses backend shows or --render prints as text, so the
 * screen a test compares is the screen a user sees.  Keys are entries of
 * one table (keys, help line, action), which the help overlay lists; a
 * one-line prompt in the key bar takes commands (`:`), finds (`f`) and
 * filters (`/`).  Actions change the simulation only through the session
 * API and the timeline functions below: stepping forward runs
 * session_step; stepping back re-runs the deterministic engine from the
 * start to the earlier step.  Long runs (continue, step over a long call)
 * poll the keyboard so any key interrupts them. */
#include "tui/tui.h"

#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "session/timeline.h"
#include "tui/console.h"
#include "tui/tui_int.h"
#include "util/xalloc.h"

/* ---- shared helpers ---- */

/* Write a short form of ID into BUF: in full when WIDTH allows. */
const char *tui_short_id(uint64_t id, int width, char *buf, size_t n)
{
    if (width >= 70)
        snprintf(buf, n, "0x%012llx", (unsigned long long)id);
    else
        snprintf(buf, n, "~%04llx", (unsigned long long)(id & 0xffff));
    return buf;
}

/* True for names like __name__ that every module has. */
bool tui_is_dunder(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && name[0] == '_' && name[1] == '_' && name[n - 1] == '_' && name[n - 2] == '_';
}

/* True when NAME bound to R is worth showing by default (not a dunder,
 * not an imported module). */
bool tui_user_name(const Tui *t, const char *name, Ref r)
{
    return t->all_objects || (!tui_is_dunder(name) && heap_kind(t->s->heap, r) != K_MODULE);
}

/* Append "id TYPE rc=N VALUE" for object R to B. */
void tui_describe(Tui *t, Ref r, int width, StrBuf *b)
{
    Heap *h = t->s->heap;
    char sid[32];
    strbuf_printf(b, "%s %s ", tui_short_id(h->objs[r].addr, width, sid, sizeof sid),
                  heap_type_name(h, r));
    if (inspect_is_immortal(h, r))
        strbuf_puts(b, "imm ");
    else
        strbuf_printf(b, "rc=%lld ", (long long)inspect_refcount(h, r));
    inspect_repr(h, r, INSPECT_REPR_MAX, b);
}

/* The script's base name. */
const char *tui_base_name(const Tui *t)
{
    const char *slash = strrchr(t->name, '/');
    return slash ? slash + 1 : t->name;
}

/* ---- the timeline ---- */

/* The first line of the `#:` block right above LINE, or 0. */
static int narration_above(void *arg, int line)
{
    const Tui *t = arg;
    int k = line - 1;
    while (k >= 1) {
        const char *s = t->lines[k - 1] + strspn(t->lines[k - 1], " \t");
        if (s[0] != '#' || s[1] != ':')
            break;
        k--;
    }
    return k + 1 < line ? k + 1 : 0;
}

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
static void run_to_stop(Tui *t)
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

/* ---- the prompt's Python ---- */

/* The console's question: is TEXT a complete input? */
static ConsoleInputStatus input_status(void *arg, const char *text)
{
    Tui *t = arg;
    switch (session_input_status(t->s, text)) {
    case SESSION_INPUT_INCOMPLETE: return CONSOLE_INCOMPLETE;
    case SESSION_INPUT_INVALID: return CONSOLE_INVALID;
    default: return CONSOLE_COMPLETE;
    }
}

static void moved(Tui *t);

/* Run TEXT typed at the prompt as the REPL would, at the current point. */
void tui_run_input(Tui *t, const char *text)
{
    if (!timeline_input(t->tl, text))
        console_forget_last(t->console);   /* :w saves only what ran */
    t->s = t->tl->s;
    moved(t);
}

/* ---- set-up ---- */

/* Split the source into lines. */
static void split_lines(Tui *t)
{
    const char *p = t->source;
    int cap = 16;
    t->lines = xmalloc((size_t)cap * sizeof *t->lines);
    while (*p) {
        size_t n = strcspn(p, "\n");
        if (t->nlines == cap)
            t->lines = xrealloc(t->lines, (size_t)(cap *= 2) * sizeof *t->lines);
        size_t m = n && p[n - 1] == '\r' ? n - 1 : n;
        t->lines[t->nlines] = xmalloc(m + 1);
        memcpy(t->lines[t->nlines], p, m);
        t->lines[t->nlines++][m] = '\0';
        p += n + (p[n] == '\n');
    }
    t->breakpoint = xcalloc((size_t)t->nlines + 2, 1);
}

/* Set up T for OPT, at the stop point the options name. */
static void tui_init(Tui *t, const TuiOptions *opt)
{
    memset(t, 0, sizeof *t);
    t->opt = *opt;
    t->zoom = -1;
    t->gc_phase = -1;
    t->speed = 2;
    t->name = opt->script ? opt->script : "<console>";
    t->source = xstrdup(opt->source ? opt->source : "");
    split_lines(t);
    t->tl = timeline_new(opt->prof, t->name, t->source, t->nlines, narration_above, t);
    t->s = t->tl->s;
    if (!opt->source)
        t->focus = PANE_CONSOLE;
    ConsoleHooks hooks = {input_status, tui_complete, t};
    t->console = console_new(&hooks, opt->history);
    run_to_stop(t);
    model_update(t, false);
    t->model_step = session_step_count(t->s);
    t->gc_seen = gc_pane_collections(t->s->heap);
}

/* Release everything T holds. */
static void tui_fini(Tui *t)
{
    timeline_free(t->tl);
    console_free(t->console);
    model_free(&t->m);
    for (int i = 0; i < t->nlines; i++)
        free(t->lines[i]);
    free(t->lines);
    free(t->breakpoint);
    for (int i = 0; i < NPANES; i++)
        free(t->rows_id[i]);
    free(t->hits);
    free(t->source);
}

/* ---- keys ---- */

static bool visible(const Tui *t, int p);

/* After the session changed: follow the current line and the newest
 * output, and bring the model up to date. */
static void moved(Tui *t)
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
    moved(t);
}

/* s: run one line, stepping into calls. */
static void key_into(Tui *t)
{
    if (!ended(t))
        step(t);
    moved(t);
}

/* u: run until the current function returns. */
static void key_out(Tui *t)
{
    if (!ended(t))
        run(t, STOP_DEPTH_LT, t->s->vm->nframes);
    moved(t);
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
    moved(t);
}

/* c: continue to the next breakpoint or the end. */
static void key_continue(Tui *t)
{
    if (!ended(t))
        run(t, STOP_BREAK, 0);
    moved(t);
}

/* G: run to the end, ignoring breakpoints. */
static void key_end(Tui *t)
{
    if (!ended(t))
        run(t, STOP_END, 0);
    moved(t);
}

/* g: back to the start. */
static void key_start(Tui *t)
{
    go_to(t, 0);
    moved(t);
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
    while (!visible(t, t->focus));
}

/* Shift-Tab: focus the previous pane on screen. */
static void key_btab(Tui *t)
{
    do
        t->focus = (t->focus + NPANES - 1) % NPANES;
    while (!visible(t, t->focus));
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
    if (!visible(t, t->focus))
        t->focus = PANE_HEAP;
    if (t->zoom >= 0 && !visible(t, t->zoom))
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
static bool dispatch(Tui *t, int k)
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
    moved(t);
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
        moved(t);
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
static void prompt_key(Tui *t, int k)
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

/* ---- the screen ---- */

/* Where each pane goes on a COLS x ROWS screen with CAPH caption rows. */
static void layout(int cols, int rows, int caph, Rect out[NPANES])
{
    int ph = rows - 2 - caph, lw = cols * 9 / 20, rw = cols - lw;
    int con = ph / 4 > 5 ? ph / 4 : 5;
    out[PANE_SOURCE] = (Rect){0, 1, lw, ph - con};
    out[PANE_CONSOLE] = (Rect){0, 1 + ph - con, lw, con};
    int rest = ph - 5, fr = rest / 3, mem = rest / 4 > 4 ? rest / 4 : 4;
    out[PANE_FRAMES] = (Rect){lw, 1, rw, fr};
    out[PANE_HEAP] = (Rect){lw, 1 + fr, rw, rest - fr - mem};
    out[PANE_GC] = (Rect){lw, 1 + rest - mem, rw, 5};
    out[PANE_MEMORY] = (Rect){lw, 1 + rest - mem + 5, rw, mem};
    out[PANE_OBJECT] = (Rect){lw, 1 + rest - mem, rw, mem + 5};
}

/* True when pane P is on screen. */
static bool visible(const Tui *t, int p)
{
    if (t->zoom >= 0)
        return p == t->zoom;
    if (p == PANE_OBJECT)
        return t->show_object;
    if (p == PANE_MEMORY && t->gc_phase >= 0)
        return false;
    return !(t->show_object && (p == PANE_GC || p == PANE_MEMORY));
}

/* The caption's height on a screen of ROWS rows. */
static int caption_rows(int rows)
{
    return rows >= 40 ? 2 : 1;
}

/* The rectangles of the panes on CV as T shows them. */
static void pane_rects(const Tui *t, const Canvas *cv, Rect r[NPANES])
{
    int caph = caption_rows(cv->rows);
    layout(cv->cols, cv->rows, caph, r);
    if (t->gc_phase >= 0)   /* the GC pass takes the Memory pane's room */
        r[PANE_GC].h = r[PANE_MEMORY].y + r[PANE_MEMORY].h - r[PANE_GC].y;
    if (t->zoom >= 0)
        r[t->zoom] = (Rect){0, 1, cv->cols, cv->rows - 2 - caph};
}

/* The top bar: program, script, version, step, line, state. */
static void draw_top(Tui *t, Canvas *cv)
{
    draw_clear(cv, (Rect){0, 0, cv->cols, 1}, ST_BAR);
    char where[48] = "";
    if (!t->nlines)
        snprintf(where, sizeof where, "  %d input%s", t->tl->applied, t->tl->applied == 1 ? "" : "s");
    else if (t->s->status == SESSION_READY)
        snprintf(where, sizeof where, "  line %d", session_line(t->s));
    if (!t->nlines) {
        draw_printf(cv, 0, 0, cv->cols, ST_BAR, " heapscope  %s  %s%s", tui_base_name(t),
                    t->opt.prof->name, where);
        return;
    }
    draw_printf(cv, 0, 0, cv->cols, ST_BAR, " heapscope  %s  %s  step %lld%s  %s%s", tui_base_name(t),
                t->opt.prof->name, session_step_count(t->s), where, inspect_status_name(t->s),
                t->playing ? "  [playing]" : "");
}

/* The narration of the step reached, word-wrapped into R. */
static void draw_caption(Tui *t, Canvas *cv, Rect r)
{
    StrBuf b = {0};
    for (int ln = t->tl->caption; ln > 0 && ln <= t->nlines; ln++) {
        const char *s = t->lines[ln - 1] + strspn(t->lines[ln - 1], " \t");
        if (s[0] != '#' || s[1] != ':')
            break;
        s += 2 + (s[2] == ' ');
        if (b.len)
            strbuf_putc(&b, ' ');
        strbuf_puts(&b, s);
    }
    const char *p = strbuf_cstr(&b);
    for (int y = 0; y < r.h && *p; y++) {
        int w = r.w - 2, cut = 0, len = (int)strlen(p);
        if (draw_width(p, (size_t)len) <= w)
            cut = len;
        else
            for (int i = 0; i < len && draw_width(p, (size_t)i) <= w; i++)
                if (p[i] == ' ')
                    cut = i;
        if (cut == 0 || y == r.h - 1)
            cut = len;
        char *line = xmalloc((size_t)cut + 1);
        memcpy(line, p, (size_t)cut);
        line[cut] = '\0';
        draw_text(cv, r.x + 2, r.y + y, w, ST_CAPTION, line);
        free(line);
        p += cut;
        p += strspn(p, " ");
    }
    strbuf_free(&b);
}

/* The help overlay: every key in the table, in two columns when the
 * screen is too short for one. */
static void draw_help(Canvas *cv)
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

/* The key bar: the prompt, a message, or the main keys. */
static void draw_keybar(Tui *t, Canvas *cv)
{
    int y = cv->rows - 1;
    if (t->prompt) {
        const char *label = t->prompt == 'f' ? "find (id or name): " : t->prompt == '/' ? "filter: " : ":";
        int x = 1 + draw_text(cv, 1, y, cv->cols - 1, ST_BOLD, label);
        x += draw_text(cv, x, y, cv->cols - x, ST_NORMAL, t->prompt_buf);
        draw_cell(cv, x, y, '_', ST_CURRENT);
        return;
    }
    if (!t->message[0] && t->focus == PANE_CONSOLE && t->console) {
        draw_text(cv, 1, y, cv->cols - 1, ST_DIM, "Python: Enter runs  Tab completes  Up/Down history"
                  "  :w FILE saves  Esc back to keys");
        return;
    }
    const char *hint = t->message[0] ? t->message : cv->cols >= 100
        ? "n next  s into  u out  b back  c continue  B break  p play  Tab pane  o object  z zoom  ? help  q quit"
        : "n next  s into  u out  b back  c cont  Tab pane  o object  ? help  q quit";
    draw_text(cv, 1, y, cv->cols - 1, t->message[0] ? ST_BOLD : ST_DIM, hint);
}

static const PaneClass *const panes[NPANES] = {
    [PANE_SOURCE] = &source_pane, [PANE_FRAMES] = &frames_pane, [PANE_HEAP] = &heap_pane,
    [PANE_GC] = &gc_pane, [PANE_MEMORY] = &memory_pane, [PANE_CONSOLE] = &console_pane,
    [PANE_OBJECT] = &object_pane,
};

/* Smallest screen the panes fit on. */
enum { MIN_COLS = 40, MIN_ROWS = 12 };

/* A screen too small for the panes: say so, centred. */
static void draw_too_small(Canvas *cv)
{
    char msg[96];
    int n = snprintf(msg, sizeof msg, "heapscope needs %dx%d; this is %dx%d. Enlarge it, or q quits.",
                     MIN_COLS, MIN_ROWS, cv->cols, cv->rows);
    for (int y = 0, i = 0; i < n; y++, i += cv->cols) {
        char part[96];
        snprintf(part, sizeof part, "%.*s", cv->cols, msg + i);
        draw_text(cv, 0, cv->rows / 2 - 1 + y, cv->cols, ST_BOLD, part);
    }
}

/* Draw the whole screen into CV. */
static void tui_draw(Tui *t, Canvas *cv)
{
    if (cv->cols < MIN_COLS || cv->rows < MIN_ROWS) {
        draw_too_small(cv);
        return;
    }
    Rect r[NPANES];
    pane_rects(t, cv, r);
    t->nhits = 0;
    draw_top(t, cv);
    for (int i = 0; i < NPANES; i++)
        if (visible(t, i))
            panes[i]->draw(t, cv, r[i], i == t->focus);
    int caph = caption_rows(cv->rows);
    draw_caption(t, cv, (Rect){0, cv->rows - 1 - caph, cv->cols, caph});
    draw_keybar(t, cv);
    if (t->help)
        draw_help(cv);
}

/* ---- mouse ---- */

/* A click or wheel at (X, Y): focus the pane there, select its object. */
static void mouse(Tui *t, int cols, int rows)
{
    int x, y, button;
    draw_curses_mouse(&x, &y, &button);
    Canvas cv = {.cols = cols, .rows = rows};
    Rect r[NPANES];
    pane_rects(t, &cv, r);
    for (int p = 0; p < NPANES; p++)
        if (visible(t, p) && x >= r[p].x && x < r[p].x + r[p].w && y >= r[p].y && y < r[p].y + r[p].h) {
            t->focus = p;
            if (button == 4 || button == 5)
                t->scroll[p] += button == 4 ? -3 : 3;
        }
    for (size_t i = 0; button == 1 && i < t->nhits; i++) {
        const Hit *hit = &t->hits[i];
        if (hit->y == y && x >= hit->x && x < hit->x + hit->w && hit->id)
            t->selected = hit->id;
    }
}

/* ---- entry points ---- */

static void handle_key(Tui *t, int k, int cols, int rows);

/* The key named NAME (N bytes) in --keys ("Tab", "Enter"...), or -1. */
static int key_named(const char *name, size_t n)
{
    static const struct { const char *name; int key; } names[] = {
        {"Enter", TK_ENTER}, {"Tab", '\t'}, {"BTab", TK_BTAB}, {"Up", TK_UP}, {"Down", TK_DOWN},
        {"Left", TK_LEFT}, {"Right", TK_RIGHT}, {"PgUp", TK_PGUP}, {"PgDn", TK_PGDN},
        {"Home", TK_HOME}, {"End", TK_END}, {"Esc", TK_ESC}, {"Backspace", TK_BACKSPACE},
        {"lt", '<'}, {"space", ' '},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == n && strncmp(names[i].name, name, n) == 0)
            return names[i].key;
    return -1;
}

/* Press the keys of --keys (KEYS) on a COLS x ROWS screen; false on a bad name. */
static bool press_keys(Tui *t, const char *keys, int cols, int rows)
{
    for (const char *p = keys; *p && !t->quit;) {
        int k = (unsigned char)*p++;
        const char *end = k == '<' ? strchr(p, '>') : NULL;
        if (end) {
            k = key_named(p, (size_t)(end - p));
            if (k < 0) {
                fprintf(stderr, "heapscope: unknown key <%.*s> in --keys\n", (int)(end - p), p);
                return false;
            }
            p = end + 1;
        }
        Canvas cv;              /* draw first, as the terminal would have */
        canvas_init(&cv, cols, rows, t->opt.ascii);
        tui_draw(t, &cv);
        canvas_free(&cv);
        handle_key(t, k, cols, rows);
    }
    return true;
}

/* Draw the screen at the stop point as COLS x ROWS plain text to F. */
int tui_render(const TuiOptions *opt, int cols, int rows, FILE *f)
{
    Tui t;
    tui_init(&t, opt);
    if (opt->keys && !press_keys(&t, opt->keys, cols, rows)) {
        tui_fini(&t);
        return 2;
    }
    Canvas cv;
    canvas_init(&cv, cols, rows, opt->ascii);
    tui_draw(&t, &cv);
    canvas_write_text(&cv, f);
    canvas_free(&cv);
    tui_fini(&t);
    return 0;
}

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Draw T on a fresh COLS x ROWS canvas and discard it. */
static void draw_once(Tui *t, int cols, int rows)
{
    Canvas cv;
    canvas_init(&cv, cols, rows, t->opt.ascii);
    tui_draw(t, &cv);
    canvas_free(&cv);
}

/* Time the viewer at the stop point of OPT on a COLS x ROWS screen: a
 * redraw, REPS times "next line + redraw", and "back one step + redraw";
 * the results go to F as one line each. */
int tui_bench(const TuiOptions *opt, int cols, int rows, int reps, FILE *f)
{
    Tui t;
    tui_init(&t, opt);
    draw_once(&t, cols, rows);
    double t0 = now();
    for (int i = 0; i < reps; i++)
        draw_once(&t, cols, rows);
    double redraw = (now() - t0) / reps, worst = 0, total = 0;
    for (int i = 0; i < reps && t.s->status == SESSION_READY; i++) {
        double s0 = now();
        key_into(&t);
        draw_once(&t, cols, rows);
        double d = now() - s0;
        timeline_idle(t.tl);   /* the UI does this while it waits for a key */
        total += d;
        worst = d > worst ? d : worst;
    }
    long long at = session_step_count(t.s);
    double b0 = now();
    key_back(&t);
    draw_once(&t, cols, rows);
    double back = now() - b0;
    timeline_idle(t.tl);       /* the UI does this while it waits for a key */
    fprintf(f, "live objects     %zu\n", t.m.norder);
    fprintf(f, "redraw           %.3f ms\n", redraw * 1e3);
    fprintf(f, "step + redraw    %.3f ms mean, %.3f ms worst (%d steps)\n", total / reps * 1e3,
            worst * 1e3, reps);
    fprintf(f, "back at step %lld %.3f ms\n", at, back * 1e3);
    tui_fini(&t);
    return 0;
}

/* Act on key K (the screen is COLS x ROWS). */
static void handle_key(Tui *t, int k, int cols, int rows)
{
    if (k == TK_NONE || k == TK_RESIZE)
        return;
    if (t->help) {
        t->help = false;
    } else if (t->prompt) {
        prompt_key(t, k);
    } else if (k == TK_MOUSE) {
        mouse(t, cols, rows);
    } else if (panes[t->focus]->key && (t->message[0] = '\0', panes[t->focus]->key(t, k))) {
        ;                      /* the focused pane's keys first (its Esc too) */
    } else if (!dispatch(t, k) && k >= 0x20 && k < 0x7f) {
        snprintf(t->message, sizeof t->message, "'%c' is not a key here (? lists them)", k);
    }
}

/* One step of play mode, when its time has come. */
static void play_tick(Tui *t)
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
    moved(t);
}

/* Run the interactive UI on the terminal; the exit status. */
int tui_run(const TuiOptions *opt)
{
    setlocale(LC_ALL, "");
    TuiOptions o = *opt;
    o.ascii = o.ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
    char *history = console_history_path();
    o.history = history;
    Tui t;
    tui_init(&t, &o);
    if (!draw_curses_begin(o.color)) {
        fputs("heapscope: can't start the terminal UI\n", stderr);
        tui_fini(&t);
        free(history);
        return 2;
    }
    t.interactive = true;
    int errors = 0;
    while (!t.quit) {
        Canvas cv;
        int cols, rows;
        draw_curses_size(&cols, &rows);
        canvas_init(&cv, cols, rows, o.ascii);
        tui_draw(&t, &cv);
        draw_curses_show(&cv);
        canvas_free(&cv);
        timeline_idle(t.tl);
        int k = draw_curses_key(t.playing ? 1000 / t.speed : -1);
        errors = k < 0 ? errors + 1 : 0;
        if (errors > 1000)       /* the terminal went away */
            break;
        if (k == TK_NONE && t.playing)
            play_tick(&t);
        else
            handle_key(&t, k, cols, rows);
    }
    draw_curses_end();
    tui_fini(&t);
    free(history);
    return 0;
}
