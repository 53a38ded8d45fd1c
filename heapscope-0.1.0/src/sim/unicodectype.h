/* Unicode character properties and case mappings for the str methods
 * (CPython's Objects/unicodectype.c).  The tables in unicodectype_db.c are
 * generated from CPython 3.12's own str methods (Unicode 15.0) by
 * unicodectype_gen.py; the few code points whose properties changed between
 * Unicode 12.1 (3.8) and 15.1 (3.13) are not distinguished. */
#ifndef HS_UNICODECTYPE_H
#define HS_UNICODECTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Property bits of a code point (UniRun.flags). */
enum {
    UNI_ALPHA = 1 << 0, UNI_DECIMAL = 1 << 1, UNI_DIGIT = 1 << 2,
    UNI_NUMERIC = 1 << 3, UNI_SPACE = 1 << 4, UNI_LOWER = 1 << 5,
    UNI_UPPER = 1 << 6, UNI_TITLE = 1 << 7, UNI_CASED = 1 << 8,
    UNI_CASE_IGNORABLE = 1 << 9, UNI_PRINTABLE = 1 << 10,
    UNI_XID_START = 1 << 11, UNI_XID_CONTINUE = 1 << 12,
};

/* A run of code points LO..HI sharing the same property bits. */
typedef struct UniRun {
    uint32_t lo, hi;
    uint32_t flags;
} UniRun;

/* Code points LO..HI (every STRIDE-th) whose lower/upper/title mappings are
 * the single code points cp+dlower, cp+dupper, cp+dtitle. */
typedef struct UniCaseRun {
    uint32_t lo, hi;
    int32_t stride, dlower, dupper, dtitle;
} UniCaseRun;

/* A code point with a multi-character (or casefold-specific) mapping. */
typedef struct UniSpecialCase {
    uint32_t cp;
    uint8_t nlower, nupper, ntitle, nfold;
    uint32_t lower[3], upper[3], title[3], fold[3];
} UniSpecialCase;

extern const UniRun uni_runs[];
extern const size_t uni_nruns;
extern const UniCaseRun uni_case_runs[];
extern const size_t uni_ncase_runs;
extern const UniSpecialCase uni_special_cases[];
extern const size_t uni_nspecial_cases;

/* The property bits of code point CP. */
uint32_t uni_flags(uint32_t cp);
/* True when CP has every bit of MASK. */
static inline bool uni_is(uint32_t cp, uint32_t mask) { return (uni_flags(cp) & mask) == mask; }
/* True for the line boundaries str.splitlines() splits at. */
bool uni_is_linebreak(uint32_t cp);

/* Which full case mapping uni_case() applies. */
typedef enum UniCase { UNI_TO_LOWER, UNI_TO_UPPER, UNI_TO_TITLE, UNI_TO_FOLD } UniCase;

/* Write the full WHICH mapping of CP to OUT (up to 3 code points);
 * returns how many. */
int uni_case(uint32_t cp, UniCase which, uint32_t out[3]);

#endif
