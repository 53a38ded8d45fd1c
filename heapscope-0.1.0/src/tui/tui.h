/* The full-screen viewer: panes over a session, stepped with keys. */
#ifndef HS_TUI_H
#define HS_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "sim/profile.h"

typedef struct TuiOptions {
    const Profile *prof;
    const char *script;        /* the script's name as shown, or NULL */
    const char *source;        /* its text; NULL: an empty session */
    bool ascii, color;         /* --ascii; colours unless --no-color / NO_COLOR */
    long stop_line, stop_nth;  /* --stop-at=LINE[:N]; 0 = none */
    long long steps;           /* --steps=N; -1 = none */
    const char *keys;          /* --keys: pressed before --render draws, or NULL */
    const char *history;       /* the console's history file, or NULL */
} TuiOptions;

/* Run the interactive UI on the terminal; the exit status. */
int tui_run(const TuiOptions *opt);
/* Draw the screen at the stop point as COLS x ROWS plain text to F. */
int tui_render(const TuiOptions *opt, int cols, int rows, FILE *f);

/* Time redraws, steps and stepping back at the stop point (bench/ui_bench). */
int tui_bench(const TuiOptions *opt, int cols, int rows, int reps, FILE *f);

#endif
