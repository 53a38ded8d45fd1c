/* What the panes share with the main loop (private to src/tui).
 *
 * The panes read the session's heap directly, through the read-only
 * inspect API and a small model (model.c) computed once per change: the
 * live objects in address order and a few flags per heap slot.  Nothing
 * is copied per object, and each pane formats only the rows it shows, so
 * a redraw costs time in proportion to the screen, not to the heap. */
#ifndef HS_TUI_INT_H
#define HS_TUI_INT_H

#include "session/session.h"
#include "snapshot/inspect.h"
#include "tui/draw.h"
#include "tui/tui.h"
#include "util/strbuf.h"

/* Model flags per heap slot. */
enum {
    TF_REACH = 1,    /* reachable from the VM's roots */
    TF_USER = 2,     /* the script's data: near a name in a frame */
    TF_CHANGED = 4,  /* new, or its refcount changed, in the last step */
};

enum { PANE_SOURCE, PANE_FRAMES, PANE_HEAP, PANE_GC, PANE_MEMORY, PANE_CONSOLE, PANE_OBJECT, NPANES };

/* Heap pane orders. */
typedef enum SortKey { SORT_ID, SORT_TYPE, SORT_SIZE, SORT_REFCOUNT, SORT_GEN, NSORTS } SortKey;

/* What the panes read about the heap, recomputed after each change. */
typedef struct Model {
    Heap *heap;                /* the heap the arrays describe */
    uint8_t *flags;            /* per slot: TF_* */
    int64_t *prev_rc;          /* per slot: refcount at the last update */
    uint64_t *prev_addr;       /* per slot: address at the last update (0: free) */
    uint32_t cap;              /* slots the arrays cover */
    Ref *order;                /* live objects by address */
    size_t norder;
    size_t ngarbage;           /* alive but unreachable */
    Ref *stack;                /* scratch for the marking walks */
    size_t nstack;
} Model;

/* The Memory pane's view (pane_memory.c): a pool cursor, a pool zoomed
 * into, the size-class table; all off by default (zeroed). */
typedef struct MemoryView {
    bool cursor;               /* the pool cursor is on (ARENA, POOL) */
    bool zoomed;               /* the blocks of pool (ARENA, POOL) are shown */
    bool table;                /* the size-class table is shown */
    bool follow;               /* scroll to the cursor at the next draw */
    unsigned arena, pool;
    int per;                   /* pools per row in the overview, as drawn last */
    int scroll[3];             /* each view's scroll while another is shown */
} MemoryView;

/* One screen row a pane made clickable or selectable. */
typedef struct Hit {
    int pane, x, y, w;
    uint64_t id;               /* the object the row shows, or 0 */
    int row;                   /* the row's index in its pane */
    long tag;                  /* the pane's own meaning (its click hook reads it), or 0 */
} Hit;

/* The viewer's state: the session, its model, and what the user chose. */
typedef struct Tui {
    TuiOptions opt;
    const char *name;          /* the script's name as shown */
    char *source;
    struct Timeline *tl;       /* the history: steps, typed inputs, checkpoints */
    Session *s;                /* the present (tl->s) */
    struct Console *console;   /* the prompt's line editor, or NULL */
    Model m;
    long long model_step;      /* the step the model describes */
    char **lines;              /* the source's lines */
    int nlines;
    unsigned char *breakpoint; /* per line (1-based): a breakpoint is set */
    int focus, zoom;           /* the focused pane; the zoomed one or -1 */
    int scroll[NPANES];
    int cursor_line;           /* the source pane's cursor (for breakpoints) */
    bool help, all_objects, quit, show_object;
    bool interactive;          /* on a terminal: long runs poll for keys */
    bool playing;              /* play mode: a line every 1/speed s */
    int speed;                 /* play speed, lines per second */
    int gc_phase;              /* the GC pass phase shown, or -1 */
    long long gc_seen;         /* collections run when the model was last updated */
    char prompt;               /* the open key-bar prompt (':', 'f', '/'), or 0 */
    char prompt_buf[128];
    SortKey sort;
    char filter[128];          /* heap pane: type or id substring, or "" */
    uint64_t selected;         /* the selected object's id, or 0 */
    MemoryView mem;            /* the Memory pane's cursor, zoom and table */
    uint64_t *rows_id[NPANES]; /* each pane's selectable rows, as drawn last */
    size_t nrows_id[NPANES];
    Hit *hits;                 /* clickable rows on screen, as drawn last */
    size_t nhits, caphits;
    char message[160];         /* a one-line note in the key bar */
} Tui;

/* A pane "class": how it draws itself into its rectangle and, when it
 * has keys of its own, how it takes a key while focused (true: taken). */
typedef struct PaneClass {
    const char *name;
    void (*draw)(Tui *t, Canvas *cv, Rect r, bool focus);
    bool (*key)(Tui *t, int k);
    /* a click at column X on a hit the pane tagged (true: taken) */
    bool (*click)(Tui *t, const Hit *hit, int x);
} PaneClass;

extern const PaneClass source_pane, frames_pane, heap_pane, gc_pane, memory_pane,
    console_pane, object_pane;

/* ---- the model (model.c) ---- */

/* Bring T's model up to date with the heap; STEPPED marks what changed. */
void model_update(Tui *t, bool stepped);
/* Release the model's arrays. */
void model_free(Model *m);
/* The live object with id ID, or 0. */
Ref model_find(const Model *m, uint64_t id);
/* True when R is alive but unreachable (garbage waiting for the GC). */
bool model_is_garbage(const Model *m, Ref r);
/* Fill *OUT with the heap pane's rows in T's order and filter; the count. */
size_t model_heap_rows(Tui *t, Ref **out);

/* ---- the GC pane (pane_gc.c) ---- */

/* The total number of collections run so far. */
long long gc_pane_collections(Heap *h);
/* x: step through the last collection's phases (then leave). */
void gc_pane_next_phase(Tui *t);
/* X: the previous phase of the last collection. */
void gc_pane_prev_phase(Tui *t);

/* ---- rows: a pane's content, shown a window at a time (rows.c) ---- */

typedef struct Rows {
    char **text;
    Style *st;
    uint64_t *id;              /* the object a row shows, or 0 */
    int n, cap;
} Rows;

/* Add a formatted row of style ST showing object ID (0: none). */
void rows_add_id(Rows *r, Style st, uint64_t id, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Add a formatted row of style ST. */
void rows_add(Rows *r, Style st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Show ROWS for pane PANE in R from SCROLL rows after the default top
 * (the first row, or the last page when FROM_BOTTOM); clamps *SCROLL,
 * records the rows' objects for selection and clicks, frees ROWS. */
void rows_show(Tui *t, int pane, Canvas *cv, Rect r, Rows *rows, int *scroll, bool from_bottom);
/* Remember a clickable span of pane PANE at (X, Y), W wide, showing
 * object ID (or 0) with the pane's own TAG (or 0). */
void tui_add_hit(Tui *t, int pane, int x, int y, int w, uint64_t id, long tag);
/* Scroll so that row SEL stays in view in a window of H rows. */
void rows_follow(int *scroll, int sel, int h);
/* The inside of a box drawn around R. */
Rect tui_inner(Rect r);

/* ---- what the keys do (actions.c) ---- */

/* Run the action bound to key K; false when none is. */
bool tui_dispatch(Tui *t, int k);
/* Feed key K to the open key-bar prompt. */
void tui_prompt_key(Tui *t, int k);
/* Run to the --stop-at / --steps point of the options. */
void tui_run_to_stop(Tui *t);
/* After the session changed: follow it and bring the model up to date. */
void tui_moved(Tui *t);
/* One step of play mode, when its time has come. */
void tui_play_tick(Tui *t);
/* The help overlay: every key in the table. */
void tui_draw_help(Canvas *cv);

/* ---- shared helpers (tui.c) ---- */

/* True when pane P is on screen. */
bool tui_visible(const Tui *t, int p);

/* Run TEXT typed at the prompt as the REPL would, at the current point. */
void tui_run_input(Tui *t, const char *text);
/* Run command CMD typed at the `:` prompt (or the console's). */
void tui_command(Tui *t, const char *cmd);
/* The words completing the identifier before byte CURSOR of LINE (complete.c). */
size_t tui_complete(void *arg, const char *line, size_t cursor, char ***out);

/* Append "TYPE rc=N VALUE" for object R to B. */
void tui_describe(Tui *t, Ref r, int width, StrBuf *b);
/* True for names like __name__ that every module has. */
bool tui_is_dunder(const char *name);
/* True when NAME bound to R is worth showing by default. */
bool tui_user_name(const Tui *t, const char *name, Ref r);
/* Write a short form of ID ("~c0a0" in narrow panes) into BUF. */
const char *tui_short_id(uint64_t id, int width, char *buf, size_t n);
/* The script's base name. */
const char *tui_base_name(const Tui *t);

#endif
