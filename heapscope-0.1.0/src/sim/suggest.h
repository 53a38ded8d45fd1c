/* "Did you mean" suggestions for NameError and AttributeError, with
 * CPython's Levenshtein costs (Python/suggestions.c, Lib/traceback.py). */
#ifndef HS_SUGGEST_H
#define HS_SUGGEST_H

#include <stddef.h>

/* How a version picks a suggestion. */
typedef enum SuggestStyle {
    SUGGEST_NONE,     /* 3.8: no suggestions */
    SUGGEST_C,        /* 3.10-3.11: suggestions.c, best distance starts unbounded */
    SUGGEST_PY,       /* 3.12+: traceback.py, best distance starts at len(name) */
} SuggestStyle;

/* The closest of the N CANDIDATES to WRONG, or NULL (a pointer into CANDIDATES). */
const char *suggest_closest(SuggestStyle style, const char *wrong,
                            const char *const *candidates, size_t n);

#endif
