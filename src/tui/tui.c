/* The viewer's main loop.
 *
 * Design: the Tui owns one Session and, after every change, one snapshot
 * of it (snapshot_build: a read-only JSON view of frames, objects, gc and
 * allocator).  Panes (panes.c) draw only from that snapshot into a Canvas
 * (draw.c), which the curses backend shows or --render prints as text, so
 * the screen a test compares is the screen a user sees.  Keys are entries
 * of one table (key, help line, action), which the help overlay lists.
 * Actions change the simulation only through the session API: stepping
 * forward runs session_step; stepping back re-runs a fresh session to the
 * earlier step (the engine is deterministic), which costs time linear in
 * the step number. */
#include "tui/tui.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot/snapshot.h"
#include "tui/tui_int.h"
#include "util/xalloc.h"

/* ---- snapshot access (shared with the panes) ---- */

/* Integer member KEY of J (0 when absent). */
long long tui_int(const json_t *j, const char *key)
{
    return (long long)json_integer_value(json_object_get(j, key));
}

/* String member KEY of J ("" when absent). */
const char *tui_str(const json_t *j, const char *key)
{
    const char *s = json_string_value(json_object_get(j, key));
    return s ? s : "";
}

/* Write a short form of ID into BUF: in full when WIDTH allows. */
const char *tui_short_id(uint64_t id, int width, char *buf, size_t n)
{
    if (width >= 70)
        snprintf(buf, n, "0x%012llx", (unsigned long long)id);
    else
        snprintf(buf, n, "~%04llx", (unsigned long long)(id & 0xffff));
    return buf;
}

/* Object JSON with id ID, or NULL; its index in *AT when AT is not NULL. */
json_t *tui_object(const Tui *t, uint64_t id, size_t *at)
{
    size_t lo = 0, hi = t->nobjs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint64_t m = (uint64_t)tui_int(t->objs[mid], "id");
        if (m == id) {
            if (at)
                *at = mid;
            return t->objs[mid];
        }
        if (m < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Mark object ID and everything it reaches with TF_REACH. */
static void mark_reach(Tui *t, uint64_t id, size_t *stack)
{
    size_t at, sp = 0;
    if (!tui_object(t, id, &at) || (t->flags[at] & TF_REACH))
        return;
    t->flags[at] |= TF_REACH;
    stack[sp++] = at;
    while (sp) {
        json_t *refs = json_object_get(t->objs[stack[--sp]], "referents");
        size_t i;
        json_t *v;
        json_array_foreach(refs, i, v) {
            if (tui_object(t, (uint64_t)json_integer_value(v), &at) && !(t->flags[at] & TF_REACH)) {
                t->flags[at] |= TF_REACH;
                stack[sp++] = at;
            }
        }
    }
}

/* True for names like __name__ that every module has. */
bool tui_is_dunder(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && name[0] == '_' && name[1] == '_' && name[n - 1] == '_' && name[n - 2] == '_';
}

/* True when a name bound to object O is worth showing by default (not a
 * dunder, not an imported module). */
bool tui_user_name(const Tui *t, const char *name, const json_t *o)
{
    return t->all_objects || (!tui_is_dunder(name) && strcmp(tui_str(o, "type"), "module") != 0);
}

/* Mark object AT and what it holds, DEPTH levels down, as the script's
 * data; modules, classes, functions and code are shown but not entered. */
static void mark_user(Tui *t, size_t at, int depth)
{
    static const char *const opaque[] = {"module", "type", "function", "code", "method",
                                         "builtin_function_or_method"};
    t->flags[at] |= TF_USER;
    if (depth == 0)
        return;
    const char *type = tui_str(t->objs[at], "type");
    for (size_t k = 0; k < sizeof opaque / sizeof opaque[0]; k++)
        if (strcmp(type, opaque[k]) == 0)
            return;
    size_t i, to;
    json_t *v;
    json_array_foreach(json_object_get(t->objs[at], "referents"), i, v)
        if (tui_object(t, (uint64_t)json_integer_value(v), &to))
            mark_user(t, to, depth - 1);
}

/* Flag each object: reachable from the roots, the script's data. */
static void analyse(Tui *t)
{
    free(t->flags);
    t->flags = xcalloc(t->nobjs + 1, 1);
    size_t *stack = xmalloc((t->nobjs + 1) * sizeof *stack);
    size_t i, j, at;
    json_t *v, *f;
    json_array_foreach(json_object_get(t->snap, "roots"), i, v)
        mark_reach(t, (uint64_t)json_integer_value(v), stack);
    free(stack);
    json_array_foreach(tui_frames(t), j, f) {
        const char *name;
        json_object_foreach(json_object_get(f, "locals"), name, v) {
            json_t *o = tui_object(t, (uint64_t)json_integer_value(v), &at);
            if (o && !tui_is_dunder(name) && strcmp(tui_str(o, "type"), "module") != 0)
                mark_user(t, at, 3);
        }
    }
}

/* The frames to show: the snapshot's, or after the end one pseudo-frame
 * with the module's globals (the end state is kept). */
json_t *tui_frames(Tui *t)
{
    json_t *frames = json_object_get(t->snap, "frames");
    if (json_array_size(frames) || !t->end_frames)
        return frames;
    return t->end_frames;
}

/* Flag objects that are new or whose refcount changed since the last
 * snapshot, then remember this one's refcounts. */
static void mark_changed(Tui *t, bool stepped)
{
    for (size_t i = 0, j = 0; stepped && t->prev_id && i < t->nobjs; i++) {
        uint64_t id = (uint64_t)tui_int(t->objs[i], "id");
        while (j < t->nprev && t->prev_id[j] < id)
            j++;
        if (j == t->nprev || t->prev_id[j] != id || t->prev_rc[j] != tui_int(t->objs[i], "refcount"))
            t->flags[i] |= TF_CHANGED;
    }
    free(t->prev_id);
    free(t->prev_rc);
    t->prev_id = xmalloc((t->nobjs + 1) * sizeof *t->prev_id);
    t->prev_rc = xmalloc((t->nobjs + 1) * sizeof *t->prev_rc);
    for (size_t i = 0; i < t->nobjs; i++) {
        t->prev_id[i] = (uint64_t)tui_int(t->objs[i], "id");
        t->prev_rc[i] = tui_int(t->objs[i], "refcount");
    }
    t->nprev = t->nobjs;
}

/* Take a new snapshot of the session for the panes. */
static void refresh(Tui *t)
{
    if (t->snap)
        json_decref(t->snap);
    t->snap = snapshot_build(t->s);
    if (t->end_frames)
        json_decref(t->end_frames);
    t->end_frames = NULL;
    json_t *globals = json_object_get(t->snap, "globals");
    if (json_object_size(globals)) {
        json_t *f = json_object();
        json_object_set_new(f, "function", json_string("<module>"));
        json_object_set(f, "locals", globals);
        t->end_frames = json_array();
        json_array_append_new(t->end_frames, f);
    }
    json_t *objs = json_object_get(t->snap, "objects");
    t->nobjs = json_array_size(objs);
    free(t->objs);
    t->objs = xmalloc((t->nobjs + 1) * sizeof *t->objs);
    for (size_t i = 0; i < t->nobjs; i++)
        t->objs[i] = json_array_get(objs, i);
    analyse(t);
    mark_changed(t, t->snap_step != session_step_count(t->s));
    t->snap_step = session_step_count(t->s);
}

/* ---- the timeline ---- */

/* Start a fresh session at step 0. */
static void start(Tui *t)
{
    if (t->s)
        session_delete(t->s);
    t->s = session_new(t->opt.prof, false);
    t->s->keep_end_state = true;
    session_load(t->s, t->name, t->source);
    memset(t->ran, 0, (size_t)t->nlines + 2);
    t->caption = 0;
}

/* The first line of the `#:` block right above LINE, or 0. */
static int narration_above(const Tui *t, int line)
{
    int k = line - 1;
    while (k >= 1) {
        const char *s = t->lines[k - 1] + strspn(t->lines[k - 1], " \t");
        if (s[0] != '#' || s[1] != ':')
            break;
        k--;
    }
    return k + 1 < line ? k + 1 : 0;
}

/* Run one line, noting it as run and picking up the narration reached. */
static bool step(Tui *t)
{
    int line = session_line(t->s);
    if (line > 0 && line <= t->nlines)
        t->ran[line] = 1;
    if (!session_step(t->s))
        return false;
    line = session_line(t->s);
    if (t->s->status == SESSION_READY && line > 0 && line <= t->nlines && narration_above(t, line))
        t->caption = narration_above(t, line);
    return true;
}

/* Go to step N: forward by stepping, back by re-running from the start. */
static void go_to(Tui *t, long long n)
{
    if (n < session_step_count(t->s))
        start(t);
    while (session_step_count(t->s) < n && t->s->status == SESSION_READY && step(t))
        ;
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
    t->ran = xcalloc((size_t)t->nlines + 2, 1);
}

/* Set up T for OPT, at the stop point the options name. */
static void tui_init(Tui *t, const TuiOptions *opt)
{
    memset(t, 0, sizeof *t);
    t->opt = *opt;
    t->name = opt->script ? opt->script : "<console>";
    t->source = xstrdup(opt->source ? opt->source : "");
    split_lines(t);
    start(t);
    run_to_stop(t);
    refresh(t);
}

/* Release everything T holds. */
static void tui_fini(Tui *t)
{
    session_delete(t->s);
    json_decref(t->snap);
    if (t->end_frames)
        json_decref(t->end_frames);
    for (int i = 0; i < t->nlines; i++)
        free(t->lines[i]);
    free(t->lines);
    free(t->ran);
    free(t->objs);
    free(t->flags);
    free(t->shown);
    free(t->prev_id);
    free(t->prev_rc);
    free(t->source);
}

/* ---- keys ---- */

static bool visible(const Tui *t, int p);

/* After a step: follow the current line and the newest output. */
static void moved(Tui *t)
{
    t->scroll[PANE_SOURCE] = t->scroll[PANE_CONSOLE] = 0;
    refresh(t);
}

/* n / Enter: run the next line. */
static void key_next(Tui *t)
{
    if (t->s->status != SESSION_READY)
        snprintf(t->message, sizeof t->message, "the script has ended (b: back, g: start)");
    else
        step(t);
    moved(t);
}

/* b: back one step (re-runs the script to the step before). */
static void key_back(Tui *t)
{
    long long n = session_step_count(t->s);
    if (n > 0) {
        go_to(t, n - 1);
        snprintf(t->message, sizeof t->message, "back to step %lld (re-ran %lld lines)", n - 1, n - 1);
    }
    moved(t);
}

/* c / G: continue to the end. */
static void key_end(Tui *t)
{
    while (t->s->status == SESSION_READY && step(t))
        ;
    moved(t);
}

/* g: back to the start. */
static void key_start(Tui *t)
{
    go_to(t, 0);
    moved(t);
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

/* Move the heap pane's selection by D rows. */
static void select_by(Tui *t, int d)
{
    if (!t->nshown)
        return;
    long at = 0;
    for (size_t i = 0; i < t->nshown; i++)
        if (t->shown[i] == t->selected)
            at = (long)i + d;
    at = at < 0 ? 0 : at >= (long)t->nshown ? (long)t->nshown - 1 : at;
    t->selected = t->shown[at];
    t->scroll[PANE_OBJECT] = 0;
}

/* Up: scroll the focused pane up (the heap pane: select the row above). */
static void key_up(Tui *t)
{
    if (t->focus == PANE_HEAP)
        select_by(t, -1);
    else
        t->scroll[t->focus]--;
}

/* Down: scroll the focused pane down (the heap pane: select the row below). */
static void key_down(Tui *t)
{
    if (t->focus == PANE_HEAP)
        select_by(t, 1);
    else
        t->scroll[t->focus]++;
}

/* o: show the selected object's layout instead of the GC and Memory panes. */
static void key_object(Tui *t)
{
    t->show_object = !t->show_object;
    if (t->show_object && !t->selected && t->nshown)
        t->selected = t->shown[0];
    if (!visible(t, t->focus))
        t->focus = PANE_OBJECT;
    if (t->show_object)
        t->focus = PANE_HEAP;
}
/* PgUp: scroll the focused pane up a page. */
static void key_pgup(Tui *t)
{
    if (t->focus == PANE_HEAP)
        select_by(t, -10);
    else
        t->scroll[t->focus] -= 10;
}

/* PgDn: scroll the focused pane down a page. */
static void key_pgdn(Tui *t)
{
    if (t->focus == PANE_HEAP)
        select_by(t, 10);
    else
        t->scroll[t->focus] += 10;
}
/* a: show every object, or only the script's. */
static void key_all(Tui *t) { t->all_objects = !t->all_objects; }
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
    {{'n', TK_ENTER, ' '}, "n, Enter", "run the next line", key_next},
    {{'b', 0, 0}, "b", "back one step (re-runs the script)", key_back},
    {{'c', 0, 0}, "c", "continue to the end", key_end},
    {{'g', TK_HOME, 0}, "g", "go to the start", key_start},
    {{'G', TK_END, 0}, "G", "go to the end", key_end},
    {{'\t', 0, 0}, "Tab", "focus the next pane", key_tab},
    {{TK_BTAB, 0, 0}, "Shift-Tab", "focus the previous pane", key_btab},
    {{TK_UP, 'k', 0}, "Up, k", "scroll up (heap: select the row above)", key_up},
    {{TK_DOWN, 'j', 0}, "Down, j", "scroll down (heap: select the row below)", key_down},
    {{TK_PGUP, 0, 0}, "PgUp", "scroll up a page", key_pgup},
    {{TK_PGDN, 0, 0}, "PgDn", "scroll down a page", key_pgdn},
    {{'a', 0, 0}, "a", "heap: all objects / the script's only", key_all},
    {{'o', 0, 0}, "o", "object pane: the selected object's memory", key_object},
    {{'?', 'h', 0}, "?", "this help", key_help},
    {{'q', 'Q', 0}, "q", "quit", key_quit},
};

/* Run the action bound to key K; false when none is. */
static bool dispatch(Tui *t, int k)
{
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        for (int j = 0; j < 3; j++)
            if (keys[i].key[j] && keys[i].key[j] == k) {
                t->message[0] = '\0';
                keys[i].fn(t);
                return true;
            }
    return false;
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
    if (p == PANE_OBJECT)
        return t->show_object;
    return !(t->show_object && (p == PANE_GC || p == PANE_MEMORY));
}

/* The top bar: program, script, version, step, line, state. */
static void draw_top(Tui *t, Canvas *cv)
{
    draw_clear(cv, (Rect){0, 0, cv->cols, 1}, ST_BAR);
    const char *st = tui_str(t->snap, "status");
    char where[48] = "";
    if (t->s->status == SESSION_READY)
        snprintf(where, sizeof where, "  line %d", session_line(t->s));
    const char *base = strrchr(t->name, '/') ? strrchr(t->name, '/') + 1 : t->name;
    draw_printf(cv, 0, 0, cv->cols, ST_BAR, " heapscope  %s  %s  step %lld%s  %s", base,
                t->opt.prof->name, session_step_count(t->s), where, st);
}

/* The narration of the step reached, word-wrapped into R. */
static void draw_caption(Tui *t, Canvas *cv, Rect r)
{
    StrBuf b = {0};
    for (int ln = t->caption; ln > 0 && ln <= t->nlines; ln++) {
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

/* The help overlay: every key in the table. */
static void draw_help(Canvas *cv)
{
    int n = (int)(sizeof keys / sizeof keys[0]);
    Rect r = {cv->cols / 2 - 26, cv->rows / 2 - n / 2 - 2, 52, n + 4};
    if (r.x < 0)
        r.x = 0;
    if (r.y < 0)
        r.y = 0;
    draw_clear(cv, r, ST_NORMAL);
    draw_box(cv, r, "Keys", true);
    for (int i = 0; i < n; i++)
        draw_printf(cv, r.x + 2, r.y + 1 + i, r.w - 4, ST_NORMAL, "%-11s %s", keys[i].name, keys[i].help);
    draw_text(cv, r.x + 2, r.y + n + 2, r.w - 4, ST_DIM, "any key closes this help");
}

/* Draw the whole screen into CV. */
static void tui_draw(Tui *t, Canvas *cv)
{
    int caph = cv->rows >= 40 ? 2 : 1;
    Rect r[NPANES];
    layout(cv->cols, cv->rows, caph, r);
    draw_top(t, cv);
    for (int i = 0; i < NPANES; i++)
        if (visible(t, i))
            tui_panes[i]->draw(t, cv, r[i], i == t->focus);
    draw_caption(t, cv, (Rect){0, cv->rows - 1 - caph, cv->cols, caph});
    const char *hint = t->message[0] ? t->message
        : "n next  b back  c continue  g/G start/end  Tab pane  o object  ? help  q quit";
    draw_text(cv, 1, cv->rows - 1, cv->cols - 1, t->message[0] ? ST_BOLD : ST_DIM, hint);
    if (t->help)
        draw_help(cv);
}

/* Draw the screen at the stop point as COLS x ROWS plain text to F. */
int tui_render(const TuiOptions *opt, int cols, int rows, FILE *f)
{
    Tui t;
    tui_init(&t, opt);
    Canvas cv;
    canvas_init(&cv, cols, rows, opt->ascii);
    tui_draw(&t, &cv);
    canvas_write_text(&cv, f);
    canvas_free(&cv);
    tui_fini(&t);
    return 0;
}

/* Run the interactive UI on the terminal; the exit status. */
int tui_run(const TuiOptions *opt)
{
    setlocale(LC_ALL, "");
    TuiOptions o = *opt;
    o.ascii = o.ascii || strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
    Tui t;
    tui_init(&t, &o);
    if (!draw_curses_begin(o.color)) {
        fputs("heapscope: can't start the terminal UI\n", stderr);
        tui_fini(&t);
        return 2;
    }
    int errors = 0;
    while (!t.quit) {
        Canvas cv;
        int cols, rows;
        draw_curses_size(&cols, &rows);
        canvas_init(&cv, cols, rows, o.ascii);
        tui_draw(&t, &cv);
        draw_curses_show(&cv);
        canvas_free(&cv);
        int k = draw_curses_key();
        errors = k < 0 ? errors + 1 : 0;
        if (errors > 1000)       /* the terminal went away */
            break;
        if (t.help && k != TK_RESIZE)
            t.help = false;
        else if (k != TK_RESIZE)
            dispatch(&t, k);
    }
    draw_curses_end();
    tui_fini(&t);
    return 0;
}
