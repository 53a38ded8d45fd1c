/* Lookups in the generated Unicode tables (see unicodectype.h). */
#include "sim/unicodectype.h"

/* The property bits of code point CP (binary search over the runs). */
uint32_t uni_flags(uint32_t cp)
{
    size_t lo = 0, hi = uni_nruns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < uni_runs[mid].lo)
            hi = mid;
        else if (cp > uni_runs[mid].hi)
            lo = mid + 1;
        else
            return uni_runs[mid].flags;
    }
    return 0;
}

/* True for the line boundaries str.splitlines() splits at. */
bool uni_is_linebreak(uint32_t cp)
{
    switch (cp) {
    case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x1c: case 0x1d:
    case 0x1e: case 0x85: case 0x2028: case 0x2029:
        return true;
    default:
        return false;
    }
}

/* The special-casing entry of CP, or NULL. */
static const UniSpecialCase *special(uint32_t cp)
{
    size_t lo = 0, hi = uni_nspecial_cases;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < uni_special_cases[mid].cp)
            hi = mid;
        else if (cp > uni_special_cases[mid].cp)
            lo = mid + 1;
        else
            return &uni_special_cases[mid];
    }
    return NULL;
}

/* The simple-mapping run covering CP, or NULL. */
static const UniCaseRun *caserun(uint32_t cp)
{
    size_t lo = 0, hi = uni_ncase_runs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < uni_case_runs[mid].lo)
            hi = mid;
        else if (cp > uni_case_runs[mid].hi)
            lo = mid + 1;
        else {
            const UniCaseRun *r = &uni_case_runs[mid];
            return (cp - r->lo) % (uint32_t)r->stride == 0 ? r : NULL;
        }
    }
    return NULL;
}

/* Copy N code points from SRC to OUT; returns N. */
static int copy3(const uint32_t *src, int n, uint32_t out[3])
{
    for (int i = 0; i < n; i++)
        out[i] = src[i];
    return n;
}

/* Write the full WHICH mapping of CP to OUT; returns how many code points. */
int uni_case(uint32_t cp, UniCase which, uint32_t out[3])
{
    if (cp < 0x80) {
        bool up = cp >= 'a' && cp <= 'z', low = cp >= 'A' && cp <= 'Z';
        out[0] = cp;
        if ((which == UNI_TO_UPPER || which == UNI_TO_TITLE) && up)
            out[0] = cp - 32;
        else if ((which == UNI_TO_LOWER || which == UNI_TO_FOLD) && low)
            out[0] = cp + 32;
        return 1;
    }
    const UniSpecialCase *s = special(cp);
    if (s) {
        switch (which) {
        case UNI_TO_LOWER: return copy3(s->lower, s->nlower, out);
        case UNI_TO_UPPER: return copy3(s->upper, s->nupper, out);
        case UNI_TO_TITLE: return copy3(s->title, s->ntitle, out);
        default: return copy3(s->fold, s->nfold, out);
        }
    }
    const UniCaseRun *r = caserun(cp);
    int32_t d = 0;
    if (r)
        d = which == UNI_TO_UPPER ? r->dupper : which == UNI_TO_TITLE ? r->dtitle : r->dlower;
    out[0] = (uint32_t)((int32_t)cp + d);
    return 1;
}
