/* The Source pane: the script with line numbers, the line about to run
 * marked, lines already run dimmed, narration in its own style, and the
 * breakpoints; when focused, a cursor line picks where `B` toggles one. */
#include <string.h>

#include "session/timeline.h"
#include "tui/tui_int.h"

/* True when LINE is a narration comment (`#:`). */
static bool is_narration(const char *line)
{
    line += strspn(line, " \t");
    return line[0] == '#' && line[1] == ':';
}

/* The style of source line LN with CUR the line about to run. */
static Style line_style(const Tui *t, int ln, int cur, bool focus)
{
    if (ln == cur)
        return ST_CURRENT;
    if (focus && ln == t->cursor_line)
        return ST_SELECTED;
    if (is_narration(t->lines[ln - 1]))
        return ST_CAPTION;
    return t->tl->ran[ln] ? ST_DIM : ST_NORMAL;
}

/* The script with line numbers: the next line marked, run lines dimmed. */
static void source_draw(Tui *t, Canvas *cv, Rect r, bool focus)
{
    char title[256];
    snprintf(title, sizeof title, t->nlines ? "Source  %s" : "Source  %s: the inputs typed so far",
             tui_base_name(t));
    draw_box(cv, r, title, focus);
    Rect in = tui_inner(r);
    int cur = t->s->status == SESSION_READY ? session_line(t->s) : 0;
    int numw = snprintf(NULL, 0, "%d", t->nlines > 0 ? t->nlines : 1);
    StrBuf mark = {0}, bp = {0};
    draw_put_glyph(cv, &mark, G_MARK);
    draw_put_glyph(cv, &bp, G_BREAK);
    Rows rows = {0};
    for (int ln = 1; ln <= t->nlines; ln++)
        rows_add(&rows, line_style(t, ln, cur, focus), "%s%*d%s %s",
                 ln == cur ? strbuf_cstr(&mark) : " ", numw, ln,
                 t->breakpoint[ln] ? strbuf_cstr(&bp) : " ", t->lines[ln - 1]);
    for (int i = 0; t->nlines == 0 && i < t->tl->applied; i++) {   /* a typed session */
        const char *p = t->tl->inputs[i].text;
        bool failed = t->tl->inputs[i].failed;
        for (bool first = true; *p; first = false) {
            size_t n = strcspn(p, "\n");
            rows_add(&rows, failed ? ST_DIM : ST_NORMAL, "%s %.*s%s", first ? ">>>" : "...", (int)n,
                     p, failed && first ? "   # failed" : "");
            p += n + (p[n] == '\n');
        }
    }
    if (t->nlines == 0 && t->tl->applied == 0)
        rows_add(&rows, ST_DIM, "(empty session: type Python in the Console)");
    strbuf_free(&mark);
    strbuf_free(&bp);
    int follow = focus && t->cursor_line ? t->cursor_line : cur;
    int want = follow > 0 ? follow - 1 - in.h / 2 : 0;
    int scroll = want + t->scroll[PANE_SOURCE];
    rows_show(t, PANE_SOURCE, cv, in, &rows, &scroll, false);
    t->scroll[PANE_SOURCE] = scroll - want;
}

const PaneClass source_pane = {.name = "Source", .draw = source_draw};
