/* "Did you mean" suggestions: CPython's weighted Levenshtein distance,
 * where changing case costs 1 and any other edit costs 2, and a candidate
 * is only offered when at most a third of the characters change. */
#include "sim/suggest.h"

#include <stdint.h>
#include <string.h>

#define MAX_CANDIDATE_ITEMS 750
#define MAX_STRING_SIZE 40
#define MOVE_COST 2
#define CASE_COST 1

/* Cost of turning character A into B. */
static size_t substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return MOVE_COST;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = (char)(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z')
        b = (char)(b + ('a' - 'A'));
    return a == b ? CASE_COST : MOVE_COST;
}

/* Edit distance of A and B, or MAX_COST + 1 once it is certainly larger. */
static size_t levenshtein(const char *a, size_t na, const char *b, size_t nb, size_t max_cost)
{
    while (na && nb && a[0] == b[0]) {
        a++, b++;
        na--, nb--;
    }
    while (na && nb && a[na - 1] == b[nb - 1])
        na--, nb--;
    if (na == 0 || nb == 0)
        return (na + nb) * MOVE_COST;
    if (na > MAX_STRING_SIZE || nb > MAX_STRING_SIZE)
        return max_cost + 1;
    if (nb < na) {
        const char *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    if ((nb - na) * MOVE_COST > max_cost)
        return max_cost + 1;
    size_t row[MAX_STRING_SIZE];
    for (size_t i = 0; i < na; i++)
        row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < nb; bi++) {
        size_t distance = result = bi * MOVE_COST, minimum = SIZE_MAX;
        for (size_t i = 0; i < na; i++) {
            size_t substitute = distance + substitution_cost(b[bi], a[i]);
            distance = row[i];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[i] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return max_cost + 1;
    }
    return result;
}

/* The closest of the N CANDIDATES to WRONG, or NULL (a pointer into CANDIDATES). */
const char *suggest_closest(SuggestStyle style, const char *wrong,
                            const char *const *candidates, size_t n)
{
    size_t nw = strlen(wrong);
    if (style == SUGGEST_NONE || n >= MAX_CANDIDATE_ITEMS + (style == SUGGEST_PY)
        || (style == SUGGEST_PY && nw > MAX_STRING_SIZE))
        return NULL;
    size_t best = style == SUGGEST_PY ? nw : SIZE_MAX;
    const char *suggestion = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *c = candidates[i];
        if (strcmp(c, wrong) == 0)
            continue;
        size_t nc = strlen(c);
        size_t max_distance = (nc + nw + 3) * MOVE_COST / 6;
        if (best - 1 < max_distance)
            max_distance = best - 1;
        size_t d = levenshtein(wrong, nw, c, nc, max_distance);
        if (d > max_distance)
            continue;
        if (!suggestion || d < best) {
            suggestion = c;
            best = d;
        }
    }
    return suggestion;
}
