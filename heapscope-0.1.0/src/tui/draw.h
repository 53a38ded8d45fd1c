/* The drawing layer: every pane draws into a Canvas, a grid of character
 * cells with a style each; a backend then shows the grid, either on the
 * terminal through ncursesw or as plain text (--render).  Panes never call
 * ncurses, so the same screen renders byte for byte without a terminal. */
#ifndef HS_DRAW_H
#define HS_DRAW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* What a cell means; the curses backend maps it to colours/attributes. */
typedef enum Style {
    ST_NORMAL, ST_DIM, ST_BOLD, ST_BORDER, ST_FOCUS, ST_CURRENT, ST_CHANGED,
    ST_GARBAGE, ST_ERROR, ST_CAPTION, ST_BAR, ST_SELECTED,
    ST_CLASS0, ST_CLASS1, ST_CLASS2, ST_CLASS3, ST_CLASS4, ST_CLASS5, /* size-class colours */
    ST_NSTYLES
} Style;

/* Glyphs with an ASCII fallback. */
typedef enum Glyph {
    G_HLINE, G_VLINE, G_TL, G_TR, G_BL, G_BR, G_MARK, G_POINT, G_ELLIPSIS,
    G_SHADE0, G_SHADE1, G_SHADE2, G_SHADE3, G_SHADE4, G_GARBAGE, G_BREAK,
    G_LTEE, G_RTEE, G_NGLYPHS
} Glyph;

/* One character cell: a code point, or 0 for the right half of a wide one. */
typedef struct Cell {
    uint32_t ch;
    uint8_t style;
} Cell;

typedef struct Canvas {
    int cols, rows;
    bool ascii;          /* draw only ASCII (--ascii, or a non-UTF-8 terminal) */
    Cell *cells;
} Canvas;

typedef struct Rect {
    int x, y, w, h;
} Rect;

/* Make CV a blank COLS x ROWS grid. */
void canvas_init(Canvas *cv, int cols, int rows, bool ascii);
/* Release CV's cells. */
void canvas_free(Canvas *cv);
/* The code point for glyph G in CV's character set. */
uint32_t draw_glyph(const Canvas *cv, Glyph g);
/* Put code point CH at (X, Y) if inside the grid. */
void draw_cell(Canvas *cv, int x, int y, uint32_t ch, Style st);
/* Draw UTF-8 TEXT at (X, Y) in at most MAXW columns; the columns used. */
int draw_text(Canvas *cv, int x, int y, int maxw, Style st, const char *text);
/* draw_text with a printf format. */
int draw_printf(Canvas *cv, int x, int y, int maxw, Style st, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Fill R with spaces of style ST. */
void draw_clear(Canvas *cv, Rect r, Style st);
/* A box around R with TITLE in its top border, highlighted when FOCUS. */
void draw_box(Canvas *cv, Rect r, const char *title, bool focus);
/* Append glyph G (in CV's character set) to B as UTF-8. */
struct StrBuf;
void draw_put_glyph(const Canvas *cv, struct StrBuf *b, Glyph g);
/* Columns that UTF-8 TEXT takes (up to N bytes). */
int draw_width(const char *text, size_t n);
/* Write CV as plain UTF-8 text (trailing blanks trimmed) to F. */
void canvas_write_text(const Canvas *cv, FILE *f);

/* ---- the curses backend ---- */

/* Start curses; COLOR false gives attributes only.  False on failure. */
bool draw_curses_begin(bool color);
/* End curses and restore the terminal. */
void draw_curses_end(void);
/* The terminal's size. */
void draw_curses_size(int *cols, int *rows);
/* Show CV on the terminal. */
void draw_curses_show(const Canvas *cv);
/* Wait up to TIMEOUT_MS (-1: for ever) for a key: a character, one of
 * the TK_* codes below, TK_NONE on timeout, or -1 on error. */
int draw_curses_key(int timeout_ms);
/* Write TEXT over the screen's last line at once (progress during long runs). */
void draw_curses_note(const char *text);
/* The last TK_MOUSE event: the cell and the button (1 left, 4 wheel up, 5 wheel down). */
void draw_curses_mouse(int *x, int *y, int *button);

enum { TK_UP = 0x110000, TK_DOWN, TK_PGUP, TK_PGDN, TK_HOME, TK_END, TK_BTAB, TK_RESIZE,
       TK_ENTER, TK_LEFT, TK_RIGHT, TK_BACKSPACE, TK_DC, TK_ESC, TK_MOUSE, TK_NONE };

#endif
