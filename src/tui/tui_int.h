/* What the panes share with the main loop (private to src/tui). */
#ifndef HS_TUI_INT_H
#define HS_TUI_INT_H

#include <jansson.h>

#include "session/session.h"
#include "tui/draw.h"
#include "tui/tui.h"

/* Tui.flags per object. */
enum { TF_REACH = 1, TF_USER = 2, TF_CHANGED = 4 };

enum { PANE_SOURCE, PANE_FRAMES, PANE_HEAP, PANE_GC, PANE_MEMORY, PANE_CONSOLE, PANE_OBJECT, NPANES };

/* The viewer's state: the session, the snapshot the panes read, and what
 * the user has chosen (focus, scroll, overlays). */
typedef struct Tui {
    TuiOptions opt;
    const char *name;          /* the script's name as shown */
    char *source;
    Session *s;
    json_t *snap;              /* snapshot_build() of the current state */
    json_t *end_frames;        /* tui_frames() after the script ended */
    json_t **objs;             /* snap's objects, by address */
    size_t nobjs;
    unsigned char *flags;      /* per object: TF_* */
    uint64_t *prev_id;         /* the previous step's objects (ids, sorted) */
    long long *prev_rc;        /* ... and their refcounts */
    size_t nprev;
    long long snap_step;       /* the step the snapshot shows */
    char **lines;              /* the source's lines */
    int nlines;
    unsigned char *ran;        /* per line (1-based): already run */
    int caption;               /* first line of the narration shown, or 0 */
    int focus;
    int scroll[NPANES];
    bool help, all_objects, quit;
    bool show_object;          /* the Object pane replaces GC and Memory */
    uint64_t selected;         /* the selected object's id, or 0 */
    uint64_t *shown;           /* the heap pane's rows, as drawn last */
    size_t nshown;
    char message[160];         /* a one-line note in the key bar */
} Tui;

/* A pane "class": how it draws itself into its rectangle. */
typedef struct PaneClass {
    const char *name;
    void (*draw)(Tui *t, Canvas *cv, Rect r, bool focus);
} PaneClass;

extern const PaneClass *const tui_panes[NPANES];

/* Object JSON with id ID, or NULL; its index in *AT when AT is not NULL. */
json_t *tui_object(const Tui *t, uint64_t id, size_t *at);
/* Integer member KEY of J (0 when absent). */
long long tui_int(const json_t *j, const char *key);
/* String member KEY of J ("" when absent). */
const char *tui_str(const json_t *j, const char *key);
/* The frames to show (the globals once the script has ended). */
json_t *tui_frames(Tui *t);
/* True for names like __name__ that every module has. */
bool tui_is_dunder(const char *name);
/* True when a name bound to object O is worth showing by default. */
bool tui_user_name(const Tui *t, const char *name, const json_t *o);
/* Write a short form of ID ("…c0a0" in narrow panes) into BUF. */
const char *tui_short_id(uint64_t id, int width, char *buf, size_t n);

#endif
