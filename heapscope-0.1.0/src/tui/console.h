/* The Console pane's prompt: a line editor for typed Python (libedit's,
 * fed one key at a time by the viewer's curses loop and drawn by us), with
 * history kept across runs, tab completion through a hook, continuation
 * lines for blocks, and `:w FILE` to save the typed session as a scenario.
 * It knows nothing of the Tui or the Session: the caller supplies hooks
 * that say whether an input is complete and what completes a word. */
#ifndef HS_CONSOLE_H
#define HS_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/draw.h"

typedef struct Console Console;

/* What the status hook says about the input typed so far. */
typedef enum ConsoleInputStatus {
    CONSOLE_COMPLETE,      /* run it */
    CONSOLE_INCOMPLETE,    /* a block or bracket is open: ask for another line */
    CONSOLE_INVALID        /* a syntax error: submit it so that the error shows */
} ConsoleInputStatus;

typedef struct ConsoleHooks {
    /* Is TEXT (the lines so far joined with "\n", no final newline; a
     * block ended by an empty line ends in "\n") complete, as CPython's
     * codeop.compile_command decides?  NULL: every line is complete. */
    ConsoleInputStatus (*status)(void *arg, const char *text);
    /* The words that complete the identifier that ends at byte CURSOR of
     * LINE (a name, or an attribute after "expr."): each a whole word, in
     * a malloc'd array of malloc'd strings stored in *OUT that the console
     * frees; the count.  NULL: no completion. */
    size_t (*complete)(void *arg, const char *line, size_t cursor, char ***out);
    void *arg;
} ConsoleHooks;

/* What console_key did with a key. */
enum {
    CONSOLE_KEY_IGNORED,   /* not the console's: the caller may use it (Esc, PgUp, ...) */
    CONSOLE_KEY_HANDLED,   /* edited the line (redraw) */
    CONSOLE_KEY_SUBMIT,    /* an input is complete: console_take() has it */
    CONSOLE_KEY_COMMAND,   /* a ":..." line other than :w: console_take() has it */
    CONSOLE_KEY_MESSAGE,   /* :w ran: console_message() says how it went */
    CONSOLE_KEY_INTERRUPT, /* Ctrl-C dropped the input ("KeyboardInterrupt") */
    CONSOLE_KEY_EOF        /* Ctrl-D on an empty line */
};

/* Key code for Meta-K (Alt-K, or Esc then K), e.g. CONSOLE_META('b'). */
#define CONSOLE_META(k) ((k) | 0x40000000)

/* A console with HOOKS (copied), keeping its history in HISTORY_PATH
 * (NULL: none); NULL if libedit cannot be set up. */
Console *console_new(const ConsoleHooks *hooks, const char *history_path);
/* Release C (its history is already saved). */
void console_free(Console *c);
/* True when libedit edits the line; false for the minimal built-in
 * editor used when no pseudo-terminal is available. */
bool console_uses_libedit(const Console *c);

/* Feed one key to C: a code point, a control character, a TK_* code or
 * CONSOLE_META(k); one of the CONSOLE_KEY_* results. */
int console_key(Console *c, int key);
/* The submitted input (lines joined with "\n") or the ":..." command
 * line, to be freed by the caller; NULL when there is none. */
char *console_take(Console *c);
/* The line being edited (UTF-8, valid until the next call into C) and, in
 * *CURSOR when not NULL, the cursor's byte offset in it. */
const char *console_line(Console *c, size_t *cursor);
/* True while an incomplete input waits for more lines ("... " prompt). */
bool console_continuing(const Console *c);
/* The candidates of the last ambiguous completion (until the next key). */
const char *const *console_candidates(const Console *c, size_t *n);
/* The last :w message ("" when none); it lasts until the next key. */
const char *console_message(const Console *c);

/* Draw the prompt lines (">>> " / "... ", the pending lines, the line
 * being edited with its cursor) at the bottom of R; the rows used. */
int console_draw(Console *c, Canvas *cv, Rect r);

/* The typed session as a scenario: every input recorded so far, in order,
 * each followed by a newline and blocks by an empty line; caller frees. */
char *console_session_text(const Console *c);
/* Drop the last recorded input (say, the caller found that it failed). */
void console_forget_last(Console *c);
/* Write the session to PATH (refusing an existing file unless OVERWRITE);
 * 0, or -1 with console_message() saying why. */
int console_save(Console *c, const char *path, bool overwrite);

/* Where the history lives: $XDG_STATE_HOME/heapscope/history, else
 * ~/.local/state/heapscope/history, its directory created; caller frees;
 * NULL when there is no home. */
char *console_history_path(void);

#endif
