/* The drawing layer (see draw.h): a grid of cells, drawn into by the
 * panes, shown by one of two backends.  Text is decoded from UTF-8 here and
 * measured with a fixed width table (not the locale), so a rendered screen
 * is the same on every machine. */
#define NCURSES_WIDECHAR 1
#include "tui/draw.h"

#include <curses.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

static const uint32_t glyph_utf8[G_NGLYPHS] = {
    0x2500, 0x2502, 0x250c, 0x2510, 0x2514, 0x2518, 0x25b6, 0x2192, 0x2026,
    0x00b7, 0x2591, 0x2592, 0x2593, 0x2588, 0x2717, 0x25cf, 0x251c, 0x2524,
};
static const char glyph_ascii[G_NGLYPHS] = {
    '-', '|', '+', '+', '+', '+', '>', '>', '~', '.', ':', '+', '*', '#', 'x', '*', '+', '+',
};

/* Make CV a blank COLS x ROWS grid. */
void canvas_init(Canvas *cv, int cols, int rows, bool ascii)
{
    cv->cols = cols > 0 ? cols : 1;
    cv->rows = rows > 0 ? rows : 1;
    cv->ascii = ascii;
    cv->cells = xmalloc((size_t)cv->cols * cv->rows * sizeof *cv->cells);
    draw_clear(cv, (Rect){0, 0, cv->cols, cv->rows}, ST_NORMAL);
}

/* Release CV's cells. */
void canvas_free(Canvas *cv)
{
    free(cv->cells);
    cv->cells = NULL;
}

/* The code point for glyph G in CV's character set. */
uint32_t draw_glyph(const Canvas *cv, Glyph g)
{
    return cv->ascii ? (uint32_t)glyph_ascii[g] : glyph_utf8[g];
}

/* Put code point CH at (X, Y) if inside the grid. */
void draw_cell(Canvas *cv, int x, int y, uint32_t ch, Style st)
{
    if (x < 0 || y < 0 || x >= cv->cols || y >= cv->rows)
        return;
    cv->cells[(size_t)y * cv->cols + x] = (Cell){ch, (uint8_t)st};
}

/* Decode one UTF-8 sequence at S (N bytes left) into *CP; bytes used. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    int len = s[0] < 0x80 ? 1 : s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
    if (len == 0 || (size_t)len > n) {
        *cp = 0xfffd;
        return 1;
    }
    uint32_t c = len == 1 ? s[0] : s[0] & (0x7f >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            *cp = 0xfffd;
            return 1;
        }
        c = c << 6 | (s[i] & 0x3f);
    }
    *cp = c;
    return (size_t)len;
}

/* Columns code point C takes: 2 for East Asian wide, else 1. */
static int cp_width(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
           (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
           (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
           (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
}

/* C as it may be shown: controls and (in ASCII mode) non-ASCII become '?'. */
static uint32_t printable(const Canvas *cv, uint32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x300 && c < 0x370))
        return '?';
    if (c >= 0xd800 && c < 0xe000)
        return '?';
    return cv && cv->ascii && c >= 0x80 ? '?' : c;
}

/* Columns that UTF-8 TEXT takes (up to N bytes). */
int draw_width(const char *text, size_t n)
{
    int w = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < n && s[i];) {
        uint32_t c;
        i += utf8_next(s + i, n - i, &c);
        w += c == '\t' ? 4 : cp_width(printable(NULL, c));
    }
    return w;
}

/* Draw UTF-8 TEXT at (X, Y) in at most MAXW columns; the columns used.
 * Text that does not fit ends in an ellipsis. */
int draw_text(Canvas *cv, int x, int y, int maxw, Style st, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text);
    int used = 0;
    bool fits = draw_width(text, n) <= maxw;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += utf8_next(s + i, n - i, &c);
        if (c == '\t') {
            for (int k = 0; k < 4 && used < maxw; k++)
                draw_cell(cv, x + used++, y, ' ', st);
            continue;
        }
        c = printable(cv, c);
        int w = cp_width(c);
        if (!fits && used + w > maxw - 1) {
            if (used < maxw)
                draw_cell(cv, x + used++, y, draw_glyph(cv, G_ELLIPSIS), st);
            break;
        }
        draw_cell(cv, x + used, y, c, st);
        if (w == 2)
            draw_cell(cv, x + used + 1, y, 0, st);
        used += w;
    }
    return used;
}

/* draw_text with a printf format. */
int draw_printf(Canvas *cv, int x, int y, int maxw, Style st, const char *fmt, ...)
{
    StrBuf b = {0};
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    int used = draw_text(cv, x, y, maxw, st, strbuf_cstr(&b));
    strbuf_free(&b);
    return used;
}

/* Fill R with spaces of style ST. */
void draw_clear(Canvas *cv, Rect r, Style st)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            draw_cell(cv, x, y, ' ', st);
}

/* A box around R with TITLE in its top border, highlighted when FOCUS. */
void draw_box(Canvas *cv, Rect r, const char *title, bool focus)
{
    Style st = focus ? ST_FOCUS : ST_BORDER;
    if (r.w < 2 || r.h < 2)
        return;
    for (int x = r.x + 1; x < r.x + r.w - 1; x++) {
        draw_cell(cv, x, r.y, draw_glyph(cv, G_HLINE), st);
        draw_cell(cv, x, r.y + r.h - 1, draw_glyph(cv, G_HLINE), st);
    }
    for (int y = r.y + 1; y < r.y + r.h - 1; y++) {
        draw_cell(cv, r.x, y, draw_glyph(cv, G_VLINE), st);
        draw_cell(cv, r.x + r.w - 1, y, draw_glyph(cv, G_VLINE), st);
    }
    draw_cell(cv, r.x, r.y, draw_glyph(cv, G_TL), st);
    draw_cell(cv, r.x + r.w - 1, r.y, draw_glyph(cv, G_TR), st);
    draw_cell(cv, r.x, r.y + r.h - 1, draw_glyph(cv, G_BL), st);
    draw_cell(cv, r.x + r.w - 1, r.y + r.h - 1, draw_glyph(cv, G_BR), st);
    if (title && r.w > 6) {
        draw_cell(cv, r.x + 1, r.y, ' ', st);
        int n = draw_text(cv, r.x + 2, r.y, r.w - 5, focus ? ST_FOCUS : ST_BOLD, title);
        draw_cell(cv, r.x + 2 + n, r.y, ' ', st);
    }
}

/* Append code point C to B as UTF-8. */
static void put_utf8(StrBuf *b, uint32_t c)
{
    char s[4];
    size_t n;
    if (c < 0x80) {
        s[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        s[0] = (char)(0xc0 | c >> 6);
        s[1] = (char)(0x80 | (c & 0x3f));
        n = 2;
    } else if (c < 0x10000) {
        s[0] = (char)(0xe0 | c >> 12);
        s[1] = (char)(0x80 | (c >> 6 & 0x3f));
        s[2] = (char)(0x80 | (c & 0x3f));
        n = 3;
    } else {
        s[0] = (char)(0xf0 | c >> 18);
        s[1] = (char)(0x80 | (c >> 12 & 0x3f));
        s[2] = (char)(0x80 | (c >> 6 & 0x3f));
        s[3] = (char)(0x80 | (c & 0x3f));
        n = 4;
    }
    strbuf_append(b, s, n);
}

/* Write CV as plain UTF-8 text (trailing blanks trimmed) to F. */
void canvas_write_text(const Canvas *cv, FILE *f)
{
    StrBuf b = {0};
    for (int y = 0; y < cv->rows; y++) {
        strbuf_reset(&b);
        const Cell *row = cv->cells + (size_t)y * cv->cols;
        int end = cv->cols;
        while (end > 0 && row[end - 1].ch == ' ')
            end--;
        for (int x = 0; x < end; x++)
            if (row[x].ch)
                put_utf8(&b, row[x].ch);
        strbuf_putc(&b, '\n');
        fwrite(b.data, 1, b.len, f);
    }
    strbuf_free(&b);
}

/* ---- curses ---- */

static bool use_color;

/* Set up a colour pair for each style. */
static void init_styles(void)
{
    start_color();
    use_default_colors();
    init_pair(ST_DIM, COLOR_BLUE, -1);
    init_pair(ST_BORDER, COLOR_CYAN, -1);
    init_pair(ST_FOCUS, COLOR_YELLOW, -1);
    init_pair(ST_CURRENT, COLOR_BLACK, COLOR_YELLOW);
    init_pair(ST_CHANGED, COLOR_GREEN, -1);
    init_pair(ST_GARBAGE, COLOR_MAGENTA, -1);
    init_pair(ST_ERROR, COLOR_RED, -1);
    init_pair(ST_CAPTION, COLOR_GREEN, -1);
    init_pair(ST_BAR, COLOR_BLACK, COLOR_CYAN);
    init_pair(ST_SELECTED, COLOR_BLACK, COLOR_WHITE);
    static const short classes[6] = {COLOR_RED, COLOR_GREEN, COLOR_YELLOW, COLOR_BLUE,
                                     COLOR_MAGENTA, COLOR_CYAN};
    for (int i = 0; i < 6; i++)
        init_pair((short)(ST_CLASS0 + i), classes[i], -1);
}

/* Start curses; COLOR false gives attributes only.  False on failure. */
bool draw_curses_begin(bool color)
{
    if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
        if (!initscr())
            return false;
    } else {                     /* the script came on stdin: use the terminal */
        FILE *tty = fopen("/dev/tty", "r+");
        SCREEN *sc = tty ? newterm(NULL, tty, tty) : NULL;
        if (!sc)
            return false;
        set_term(sc);
    }
    raw();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    use_color = color && has_colors();
    if (use_color)
        init_styles();
    return true;
}

/* End curses and restore the terminal. */
void draw_curses_end(void)
{
    endwin();
}

/* The terminal's size. */
void draw_curses_size(int *cols, int *rows)
{
    getmaxyx(stdscr, *rows, *cols);
}

/* The curses attributes for style ST. */
static attr_t style_attr(Style st, short *pair)
{
    static const attr_t mono[ST_NSTYLES] = {
        [ST_DIM] = A_DIM, [ST_BOLD] = A_BOLD, [ST_FOCUS] = A_BOLD,
        [ST_CURRENT] = A_REVERSE, [ST_CHANGED] = A_BOLD, [ST_GARBAGE] = A_UNDERLINE,
        [ST_ERROR] = A_BOLD, [ST_BAR] = A_REVERSE, [ST_SELECTED] = A_UNDERLINE,
    };
    *pair = use_color && st != ST_NORMAL && st != ST_BOLD ? (short)st : 0;
    if (!use_color)
        return mono[st];
    return st == ST_BOLD || st == ST_FOCUS || st == ST_CURRENT ? A_BOLD : A_NORMAL;
}

/* Show CV on the terminal. */
void draw_curses_show(const Canvas *cv)
{
    for (int y = 0; y < cv->rows; y++)
        for (int x = 0; x < cv->cols; x++) {
            const Cell *c = &cv->cells[(size_t)y * cv->cols + x];
            if (!c->ch)
                continue;
            short pair;
            attr_t a = style_attr((Style)c->style, &pair);
            wchar_t wc[2] = {(wchar_t)c->ch, 0};
            cchar_t cc;
            setcchar(&cc, wc, a, pair, NULL);
            mvadd_wch(y, x, &cc);
        }
    refresh();
}

static int mouse_x, mouse_y, mouse_button;

/* Translate a curses mouse event into TK_MOUSE (or TK_NONE). */
static int mouse_key(void)
{
    MEVENT ev;
    if (getmouse(&ev) != OK)
        return TK_NONE;
    mouse_x = ev.x;
    mouse_y = ev.y;
    mouse_button = (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)) ? 1
                 : (ev.bstate & BUTTON4_PRESSED) ? 4
#ifdef BUTTON5_PRESSED
                 : (ev.bstate & BUTTON5_PRESSED) ? 5
#endif
                 : 0;
    return mouse_button ? TK_MOUSE : TK_NONE;
}

/* The TK_* code for curses function key K, or TK_NONE. */
static int function_key(wint_t k)
{
    switch (k) {
    case KEY_UP: return TK_UP;
    case KEY_DOWN: return TK_DOWN;
    case KEY_LEFT: return TK_LEFT;
    case KEY_RIGHT: return TK_RIGHT;
    case KEY_PPAGE: return TK_PGUP;
    case KEY_NPAGE: return TK_PGDN;
    case KEY_HOME: return TK_HOME;
    case KEY_END: return TK_END;
    case KEY_BTAB: return TK_BTAB;
    case KEY_RESIZE: return TK_RESIZE;
    case KEY_ENTER: return TK_ENTER;
    case KEY_BACKSPACE: return TK_BACKSPACE;
    case KEY_DC: return TK_DC;
    case KEY_MOUSE: return mouse_key();
    default: return TK_NONE;
    }
}

/* Wait up to TIMEOUT_MS for a key: a character, a TK_* code, TK_NONE. */
int draw_curses_key(int timeout_ms)
{
    wint_t k;
    timeout(timeout_ms);
    int r = get_wch(&k);
    if (r == ERR)
        return timeout_ms >= 0 ? TK_NONE : -1;
    if (r == KEY_CODE_YES)
        return function_key(k);
    if (k == '\r' || k == '\n')
        return TK_ENTER;
    if (k == 27)
        return TK_ESC;
    if (k == 127 || k == 8)
        return TK_BACKSPACE;
    return (int)k;
}

/* Write TEXT over the screen's last line at once (progress during long runs). */
void draw_curses_note(const char *text)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    move(rows - 1, 0);
    clrtoeol();
    attron(A_BOLD);
    mvaddnstr(rows - 1, 1, text, cols > 2 ? cols - 2 : 0);
    attroff(A_BOLD);
    refresh();
}

/* The last TK_MOUSE event: the cell and the button. */
void draw_curses_mouse(int *x, int *y, int *button)
{
    *x = mouse_x;
    *y = mouse_y;
    *button = mouse_button;
}

/* Append glyph G (in CV's character set) to B as UTF-8. */
void draw_put_glyph(const Canvas *cv, StrBuf *b, Glyph g)
{
    put_utf8(b, draw_glyph(cv, g));
}
