/* The viewer's main loop and screen.
 *
 * Design: the Tui owns a timeline (session/timeline.h: the session, its
 * history and checkpoints) and a model of the heap (model.c), brought up
 * to date after every change.  Panes (pane_*.c) read the heap through the
 * inspect API and the model and draw into a Canvas (draw.c), which the
 * curses backend shows or --render prints as text, so the screen a test
 * compares is the screen a user sees.  A key goes to the open prompt, the
 * focused pane's own keys (the console's line editor, the memory pane's
 * cursor), then the key table (actions.c).  This file lays the panes out,
 * draws the bars, maps mouse clicks, and runs the loop: draw, then, while
 * waiting for a key, let the timeline free and checkpoint (timeline_idle). */
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
    tui_run_to_stop(t);
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
bool tui_visible(const Tui *t, int p)
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
        if (tui_visible(t, i))
            panes[i]->draw(t, cv, r[i], i == t->focus);
    int caph = caption_rows(cv->rows);
    draw_caption(t, cv, (Rect){0, cv->rows - 1 - caph, cv->cols, caph});
    draw_keybar(t, cv);
    if (t->help)
        tui_draw_help(cv);
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
        if (tui_visible(t, p) && x >= r[p].x && x < r[p].x + r[p].w && y >= r[p].y && y < r[p].y + r[p].h) {
            t->focus = p;
            if (button == 4 || button == 5)
                t->scroll[p] += button == 4 ? -3 : 3;
        }
    for (size_t i = t->nhits; button == 1 && i-- > 0;) {   /* the last drawn is on top */
        const Hit *hit = &t->hits[i];
        if (hit->y != y || x < hit->x || x >= hit->x + hit->w)
            continue;
        if (hit->tag && panes[hit->pane]->click && panes[hit->pane]->click(t, hit, x))
            break;
        if (hit->id) {
            t->selected = hit->id;
            break;
        }
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
        tui_dispatch(&t, 's');
        draw_once(&t, cols, rows);
        double d = now() - s0;
        timeline_idle(t.tl);   /* the UI does this while it waits for a key */
        total += d;
        worst = d > worst ? d : worst;
    }
    long long at = session_step_count(t.s);
    double b0 = now();
    tui_dispatch(&t, 'b');
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
        tui_prompt_key(t, k);
    } else if (k == TK_MOUSE) {
        mouse(t, cols, rows);
    } else if (panes[t->focus]->key && (t->message[0] = '\0', panes[t->focus]->key(t, k))) {
        ;                      /* the focused pane's keys first (its Esc too) */
    } else if (!tui_dispatch(t, k) && k >= 0x20 && k < 0x7f) {
        snprintf(t->message, sizeof t->message, "'%c' is not a key here (? lists them)", k);
    }
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
            tui_play_tick(&t);
        else
            handle_key(&t, k, cols, rows);
    }
    draw_curses_end();
    tui_fini(&t);
    free(history);
    return 0;
}
