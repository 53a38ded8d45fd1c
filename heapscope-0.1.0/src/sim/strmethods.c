/* The methods of str (CPython's unicode_methods), with the argument
 * conventions and messages of each version and the result objects CPython
 * returns: new objects from case mapping, padding and replace; the
 * operand itself when nothing changes; cached one-character substrings. */
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/strimpl.h"
#include "sim/tupleobject.h"
#include "sim/unicodectype.h"
#include "util/xalloc.h"

#define TP "str"

/* True/False as a new reference. */
static Ref boolean(Heap *h, bool v)
{
    return heap_newref(h, v ? h->true_ : h->false_);
}

/* Resolve the receiver of a method called unbound (str.upper(s)): shift
 * it out of ARGS; false with CPython's descriptor errors. */
static bool receiver(Heap *h, Ref *self, const Ref **args, size_t *nargs, const char *name)
{
    if (*self)
        return true;
    if (*nargs == 0) {
        if (h->prof->method_qualname_errors)
            heap_raise(h, EXC_TypeError, "unbound method str.%s() needs an argument", name);
        else
            heap_raise(h, EXC_TypeError, "descriptor '%s' of 'str' object needs an argument",
                       name);
        return false;
    }
    if (!str_check(h, (*args)[0])) {
        heap_raise(h, EXC_TypeError, "descriptor '%s' for 'str' objects doesn't apply to a '%s' object",
                   name, heap_type_name(h, (*args)[0]));
        return false;
    }
    *self = (*args)[0];
    (*args)++;
    (*nargs)--;
    return true;
}

/* Resolve SELF for an unbound call of method NAME, or fail. */
#define RECEIVER(name)                                   \
    do {                                                 \
        if (!receiver(h, &self, &args, &nargs, name))    \
            return NULLREF;                              \
    } while (0)

/* ---- case mapping ---- */

/* True when the code points before I (skipping case-ignorable ones)
 * start with a cased one, and none after it does: the final sigma rule. */
static bool final_sigma(Heap *h, Ref s, size_t i)
{
    size_t n = str_len(h, s);
    size_t j = i;
    bool before = false, after = false;
    while (j > 0) {
        uint32_t c = str_char_at(h, s, --j);
        if (!uni_is(c, UNI_CASE_IGNORABLE)) {
            before = uni_is(c, UNI_CASED);
            break;
        }
    }
    for (j = i + 1; j < n; j++) {
        uint32_t c = str_char_at(h, s, j);
        if (!uni_is(c, UNI_CASE_IGNORABLE)) {
            after = uni_is(c, UNI_CASED);
            break;
        }
    }
    return before && !after;
}

/* Append the WHICH mapping of code point I of S (lower handles sigma). */
static void put_case(Heap *h, StrBuilder *sb, Ref s, size_t i, UniCase which)
{
    uint32_t c = str_char_at(h, s, i), out[3];
    if (which == UNI_TO_LOWER && c == 0x3a3) {
        sb_putc(sb, final_sigma(h, s, i) ? 0x3c2 : 0x3c3);
        return;
    }
    int n = uni_case(c, which, out);
    for (int k = 0; k < n; k++)
        sb_putc(sb, out[k]);
}

enum { CASE_UPPER, CASE_LOWER, CASE_CAPITALIZE, CASE_TITLE, CASE_SWAP, CASE_FOLD };

/* The mapping of code point I for case operation OP, given the state of
 * title case (*PREV_CASED). */
static void case_step(Heap *h, StrBuilder *sb, Ref s, size_t i, int op, bool *prev_cased)
{
    uint32_t c = str_char_at(h, s, i);
    switch (op) {
    case CASE_UPPER: put_case(h, sb, s, i, UNI_TO_UPPER); break;
    case CASE_LOWER: put_case(h, sb, s, i, UNI_TO_LOWER); break;
    case CASE_FOLD: put_case(h, sb, s, i, UNI_TO_FOLD); break;
    case CASE_CAPITALIZE:
        put_case(h, sb, s, i, i == 0 ? UNI_TO_TITLE : UNI_TO_LOWER);
        break;
    case CASE_TITLE:
        put_case(h, sb, s, i, *prev_cased ? UNI_TO_LOWER : UNI_TO_TITLE);
        *prev_cased = uni_is(c, UNI_CASED);
        break;
    default:
        if (uni_is(c, UNI_UPPER))
            put_case(h, sb, s, i, UNI_TO_LOWER);
        else if (uni_is(c, UNI_LOWER))
            put_case(h, sb, s, i, UNI_TO_UPPER);
        else
            sb_putc(sb, c);
    }
}

/* A case operation over the whole string: always a new object. */
static Ref case_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                   const char *name, int op)
{
    RECEIVER(name);
    (void)args;
    if (!args_none(h, TP, name, nargs, kwnames))
        return NULLREF;
    StrBuilder sb = {0};
    bool prev = false;
    size_t n = str_len(h, self);
    for (size_t i = 0; i < n; i++)
        case_step(h, &sb, self, i, op, &prev);
    return sb_finish(h, &sb, STR_FRESH);
}

/* Define the method FN applying case operation OP. */
#define CASE_METHOD(fn, name, op)                                                    \
    static Ref fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)     \
    {                                                                                \
        return case_op(h, self, args, nargs, kwnames, name, op);                     \
    }
CASE_METHOD(str_upper, "upper", CASE_UPPER)
CASE_METHOD(str_lower, "lower", CASE_LOWER)
CASE_METHOD(str_capitalize, "capitalize", CASE_CAPITALIZE)
CASE_METHOD(str_title, "title", CASE_TITLE)
CASE_METHOD(str_swapcase, "swapcase", CASE_SWAP)
CASE_METHOD(str_casefold, "casefold", CASE_FOLD)

/* ---- predicates ---- */

enum { IS_DIGIT, IS_DECIMAL, IS_NUMERIC, IS_ALPHA, IS_ALNUM, IS_SPACE, IS_PRINTABLE,
       IS_ASCII, IS_UPPER, IS_LOWER, IS_TITLE, IS_IDENTIFIER };

/* True when code point C passes the per-character test of predicate P. */
static bool char_test(uint32_t c, int p)
{
    switch (p) {
    case IS_DIGIT: return uni_is(c, UNI_DIGIT);
    case IS_DECIMAL: return uni_is(c, UNI_DECIMAL);
    case IS_NUMERIC: return uni_is(c, UNI_NUMERIC);
    case IS_ALPHA: return uni_is(c, UNI_ALPHA);
    case IS_ALNUM:
        return (uni_flags(c) & (UNI_ALPHA | UNI_DECIMAL | UNI_DIGIT | UNI_NUMERIC)) != 0;
    case IS_SPACE: return uni_is(c, UNI_SPACE);
    case IS_PRINTABLE: return uni_is(c, UNI_PRINTABLE);
    default: return c < 0x80;
    }
}

/* str.isupper / islower: no character of the other case (or titlecase),
 * at least one cased character. */
static bool cased_test(Heap *h, Ref s, bool upper)
{
    size_t n = str_len(h, s);
    bool cased = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char_at(h, s, i);
        if (uni_is(c, upper ? UNI_LOWER : UNI_UPPER) || uni_is(c, UNI_TITLE))
            return false;
        if (!cased && uni_is(c, upper ? UNI_UPPER : UNI_LOWER))
            cased = true;
    }
    return cased;
}

/* str.istitle: uppercase/titlecase only after uncased characters. */
static bool title_test(Heap *h, Ref s)
{
    size_t n = str_len(h, s);
    bool cased = false, prev = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char_at(h, s, i);
        if (uni_is(c, UNI_UPPER) || uni_is(c, UNI_TITLE)) {
            if (prev)
                return false;
            prev = cased = true;
        } else if (uni_is(c, UNI_LOWER)) {
            if (!prev)
                return false;
            prev = cased = true;
        } else {
            prev = false;
        }
    }
    return cased;
}

/* Evaluate predicate P on S. */
static bool predicate(Heap *h, Ref s, int p)
{
    size_t n = str_len(h, s);
    switch (p) {
    case IS_UPPER: return cased_test(h, s, true);
    case IS_LOWER: return cased_test(h, s, false);
    case IS_TITLE: return title_test(h, s);
    case IS_IDENTIFIER: return str_is_identifier(h, s);
    default: break;
    }
    if (n == 0)
        return p == IS_PRINTABLE || p == IS_ASCII;
    if (p == IS_ASCII)
        return str_data(h, s)->ascii;
    for (size_t i = 0; i < n; i++)
        if (!char_test(str_char_at(h, s, i), p))
            return false;
    return true;
}

/* A predicate method. */
static Ref pred_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                   const char *name, int p)
{
    RECEIVER(name);
    (void)args;
    if (!args_none(h, TP, name, nargs, kwnames))
        return NULLREF;
    return boolean(h, predicate(h, self, p));
}

/* Define the predicate method FN testing P. */
#define PRED_METHOD(fn, name, p)                                                     \
    static Ref fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)     \
    {                                                                                \
        return pred_op(h, self, args, nargs, kwnames, name, p);                      \
    }
PRED_METHOD(str_isdigit, "isdigit", IS_DIGIT)
PRED_METHOD(str_isdecimal, "isdecimal", IS_DECIMAL)
PRED_METHOD(str_isnumeric, "isnumeric", IS_NUMERIC)
PRED_METHOD(str_isalpha, "isalpha", IS_ALPHA)
PRED_METHOD(str_isalnum, "isalnum", IS_ALNUM)
PRED_METHOD(str_isspace, "isspace", IS_SPACE)
PRED_METHOD(str_isprintable, "isprintable", IS_PRINTABLE)
PRED_METHOD(str_isascii, "isascii", IS_ASCII)
PRED_METHOD(str_isupper, "isupper", IS_UPPER)
PRED_METHOD(str_islower, "islower", IS_LOWER)
PRED_METHOD(str_istitle, "istitle", IS_TITLE)
PRED_METHOD(str_isidentifier, "isidentifier", IS_IDENTIFIER)

/* ---- strip ---- */

/* True when C is in the strip set CHARS (0: whitespace). */
static bool in_strip_set(Heap *h, Ref chars, uint32_t c)
{
    if (!chars)
        return uni_is(c, UNI_SPACE);
    size_t n = str_len(h, chars);
    for (size_t i = 0; i < n; i++)
        if (str_char_at(h, chars, i) == c)
            return true;
    return false;
}

/* strip/lstrip/rstrip: LEFT and RIGHT say which ends. */
static Ref strip_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                    const char *name, bool left, bool right)
{
    RECEIVER(name);
    if (!args_pos(h, TP, name, nargs, kwnames, 0, 1))
        return NULLREF;
    Ref chars = nargs && args[0] != h->none ? args[0] : NULLREF;
    if (chars && !str_check(h, chars))
        return heap_raise(h, EXC_TypeError, "%s arg must be None or str", name);
    size_t i = 0, j = str_len(h, self);
    while (left && i < j && in_strip_set(h, chars, str_char_at(h, self, i)))
        i++;
    while (right && j > i && in_strip_set(h, chars, str_char_at(h, self, j - 1)))
        j--;
    return str_substring(h, self, i, j);
}

/* str.strip([chars]). */
static Ref str_strip(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return strip_op(h, self, args, nargs, kwnames, "strip", true, true);
}

/* str.lstrip([chars]). */
static Ref str_lstrip(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return strip_op(h, self, args, nargs, kwnames, "lstrip", true, false);
}

/* str.rstrip([chars]). */
static Ref str_rstrip(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return strip_op(h, self, args, nargs, kwnames, "rstrip", false, true);
}

/* ---- searching ---- */

/* Code point offset of SUB in S[start:end] (forward or REVERSE), or -1. */
static int64_t search(Heap *h, Ref s, Ref sub, int64_t start, int64_t end, bool reverse)
{
    int64_t m = (int64_t)str_len(h, sub);
    if (end - start < m)
        return -1;
    if (m == 0)
        return reverse ? end : start;
    const uint32_t *a = str_ucs(h, s), *b = str_ucs(h, sub);
    if (!reverse) {
        for (int64_t i = start; i + m <= end; i++)
            if (a[i] == b[0] && memcmp(a + i, b, (size_t)m * sizeof *a) == 0)
                return i;
    } else {
        for (int64_t i = end - m; i >= start; i--)
            if (a[i] == b[0] && memcmp(a + i, b, (size_t)m * sizeof *a) == 0)
                return i;
    }
    return -1;
}

/* Non-overlapping occurrences of SUB in S[start:end], at most MAX. */
static int64_t count_in(Heap *h, Ref s, Ref sub, int64_t start, int64_t end, int64_t max)
{
    int64_t m = (int64_t)str_len(h, sub);
    if (end - start < m)
        return 0;
    if (m == 0)
        return end - start + 1 < max ? end - start + 1 : max;
    int64_t n = 0, i = start;
    while (n < max) {
        int64_t k = search(h, s, sub, i, end, false);
        if (k < 0)
            break;
        n++;
        i = k + m;
    }
    return n;
}

/* Parse (sub[, start[, end]]) for find/index/count; false on error. */
static bool parse_find(Heap *h, const char *name, const Ref *args, size_t nargs,
                       Ref kwnames, Ref self, int64_t *start, int64_t *end)
{
    bool ok = h->prof->str_find_clinic ? args_pos(h, TP, name, nargs, kwnames, 1, 3)
                                       : args_tuple(h, TP, name, nargs, kwnames, 1, 3);
    if (!ok)
        return false;
    if (!str_check(h, args[0])) {
        if (h->prof->str_find_clinic)
            heap_raise(h, EXC_TypeError, "%s() argument 1 must be str, not %s", name,
                       arg_type_name(h, args[0]));
        else
            heap_raise(h, EXC_TypeError, "must be str, not %s", heap_type_name(h, args[0]));
        return false;
    }
    *start = 0;
    *end = INT64_MAX;
    if ((nargs > 1 && arg_slice_index(h, args[1], start) < 0)
        || (nargs > 2 && arg_slice_index(h, args[2], end) < 0))
        return false;
    adjust_indices(start, end, (int64_t)str_len(h, self));
    return true;
}

/* find/rfind/index/rindex. */
static Ref find_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                   const char *name, bool reverse, bool raise)
{
    RECEIVER(name);
    int64_t start, end;
    if (!parse_find(h, name, args, nargs, kwnames, self, &start, &end))
        return NULLREF;
    int64_t r = search(h, self, args[0], start, end, reverse);
    if (r < 0 && raise)
        return heap_raise(h, EXC_ValueError, "substring not found");
    return int_from_i64(h, r);
}

/* str.find(sub[, start[, end]]). */
static Ref str_find(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return find_op(h, self, args, nargs, kwnames, "find", false, false);
}

/* str.rfind(sub[, start[, end]]). */
static Ref str_rfind(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return find_op(h, self, args, nargs, kwnames, "rfind", true, false);
}

/* str.index(sub[, start[, end]]). */
static Ref str_index_m(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return find_op(h, self, args, nargs, kwnames, "index", false, true);
}

/* str.rindex(sub[, start[, end]]). */
static Ref str_rindex(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return find_op(h, self, args, nargs, kwnames, "rindex", true, true);
}

/* str.count(sub[, start[, end]]). */
static Ref str_count(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("count");
    int64_t start, end;
    if (!parse_find(h, "count", args, nargs, kwnames, self, &start, &end))
        return NULLREF;
    return int_from_i64(h, count_in(h, self, args[0], start, end, INT64_MAX));
}

/* tailmatch: does SUB match S[start:end] at its start (or end)? */
static bool tailmatch(Heap *h, Ref s, Ref sub, int64_t start, int64_t end, bool at_end)
{
    adjust_indices(&start, &end, (int64_t)str_len(h, s));
    int64_t m = (int64_t)str_len(h, sub);
    end -= m;
    if (end < start)
        return false;
    if (m == 0)
        return true;
    int64_t at = at_end ? end : start;
    const uint32_t *a = str_ucs(h, s), *b = str_ucs(h, sub);
    return memcmp(a + at, b, (size_t)m * sizeof *a) == 0;
}

/* startswith/endswith(prefix[, start[, end]]), prefix a str or a tuple. */
static Ref affix_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                    const char *name, bool at_end)
{
    RECEIVER(name);
    bool ok = h->prof->str_find_clinic ? args_pos(h, TP, name, nargs, kwnames, 1, 3)
                                       : args_tuple(h, TP, name, nargs, kwnames, 1, 3);
    if (!ok)
        return NULLREF;
    int64_t start = 0, end = INT64_MAX;
    if ((nargs > 1 && arg_slice_index(h, args[1], &start) < 0)
        || (nargs > 2 && arg_slice_index(h, args[2], &end) < 0))
        return NULLREF;
    Ref x = args[0];
    if (heap_kind(h, x) == K_TUPLE) {
        for (size_t i = 0; i < tuple_size(h, x); i++) {
            Ref sub = tuple_items(h, x)[i];
            if (!str_check(h, sub))
                return heap_raise(h, EXC_TypeError, "tuple for %s must only contain str, not %s",
                                  name, heap_type_name(h, sub));
            if (tailmatch(h, self, sub, start, end, at_end))
                return boolean(h, true);
        }
        return boolean(h, false);
    }
    if (!str_check(h, x))
        return heap_raise(h, EXC_TypeError, "%s first arg must be str or a tuple of str, not %s",
                          name, heap_type_name(h, x));
    return boolean(h, tailmatch(h, self, x, start, end, at_end));
}

/* str.startswith(prefix[, start[, end]]). */
static Ref str_startswith(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return affix_op(h, self, args, nargs, kwnames, "startswith", false);
}

/* str.endswith(suffix[, start[, end]]). */
static Ref str_endswith(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return affix_op(h, self, args, nargs, kwnames, "endswith", true);
}

/* ---- split ---- */

#define MAX_PREALLOC 12

/* The list a split starts with (PREALLOC_SIZE of MAXCOUNT). */
Ref split_list(Heap *h, int64_t maxcount)
{
    return list_new(h, maxcount >= MAX_PREALLOC ? MAX_PREALLOC : (size_t)maxcount + 1);
}

/* SPLIT_ADD: store SUB (stolen) as item *COUNT, appending past the
 * preallocated slots; false on error. */
bool split_add(Heap *h, Ref list, size_t *count, Ref sub)
{
    if (!sub)
        return false;
    if (*count < MAX_PREALLOC && *count < list_size(h, list)) {
        list_set_item(h, list, *count, sub);
    } else {
        int rc = list_append(h, list, sub);
        heap_decref(h, sub);
        if (rc < 0)
            return false;
    }
    (*count)++;
    return true;
}

/* FIX_PREALLOC_SIZE: the list holds COUNT items (allocation unchanged). */
void split_fix(Heap *h, Ref list, size_t count)
{
    list_data(h, list)->n = count;
}

/* Split S at runs of whitespace, at most MAXCOUNT times, from the left or
 * (REVERSE) the right. */
static Ref split_whitespace(Heap *h, Ref s, int64_t maxcount, bool reverse)
{
    Ref list = split_list(h, maxcount);
    if (!list)
        return NULLREF;
    int64_t n = (int64_t)str_len(h, s);
    size_t count = 0;
    bool ok = true;
    if (!reverse) {
        int64_t i = 0, j;
        while (ok && maxcount-- > 0) {
            while (i < n && uni_is(str_char_at(h, s, (size_t)i), UNI_SPACE))
                i++;
            if (i == n)
                break;
            j = i++;
            while (i < n && !uni_is(str_char_at(h, s, (size_t)i), UNI_SPACE))
                i++;
            ok = split_add(h, list, &count, str_substring(h, s, (size_t)j, (size_t)i));
            if (j == 0 && i == n)
                break;
        }
        if (ok && i < n) {
            while (i < n && uni_is(str_char_at(h, s, (size_t)i), UNI_SPACE))
                i++;
            if (i != n)
                ok = split_add(h, list, &count, str_substring(h, s, (size_t)i, (size_t)n));
        }
    } else {
        int64_t i = n - 1, j;
        while (ok && maxcount-- > 0) {
            while (i >= 0 && uni_is(str_char_at(h, s, (size_t)i), UNI_SPACE))
                i--;
            if (i < 0)
                break;
            j = i--;
            while (i >= 0 && !uni_is(str_char_at(h, s, (size_t)i), UNI_SPACE))
                i--;
            ok = split_add(h, list, &count, str_substring(h, s, (size_t)(i + 1), (size_t)(j + 1)));
            if (j == n - 1 && i < 0)
                break;
        }
        if (ok && i >= 0) {
            while (i >= 0 && uni_is(str_char_at(h, s, (size_t)i), UNI_SPACE))
                i--;
            if (i >= 0)
                ok = split_add(h, list, &count, str_substring(h, s, 0, (size_t)(i + 1)));
        }
    }
    split_fix(h, list, count);
    if (!ok) {
        heap_decref(h, list);
        return NULLREF;
    }
    if (reverse)
        list_reverse(h, list);
    return list;
}

/* Split S at SEP (non-empty), at most MAXCOUNT times. */
static Ref split_sep(Heap *h, Ref s, Ref sep, int64_t maxcount, bool reverse)
{
    Ref list = split_list(h, maxcount);
    if (!list)
        return NULLREF;
    int64_t n = (int64_t)str_len(h, s), m = (int64_t)str_len(h, sep);
    size_t count = 0;
    bool ok = true;
    if (!reverse) {
        int64_t i = 0;
        while (ok && maxcount-- > 0) {
            int64_t pos = search(h, s, sep, i, n, false);
            if (pos < 0)
                break;
            ok = split_add(h, list, &count, str_substring(h, s, (size_t)i, (size_t)pos));
            i = pos + m;
        }
        if (ok)
            ok = split_add(h, list, &count, str_substring(h, s, (size_t)i, (size_t)n));
    } else {
        int64_t j = n;
        while (ok && maxcount-- > 0) {
            int64_t pos = search(h, s, sep, 0, j, true);
            if (pos < 0)
                break;
            ok = split_add(h, list, &count, str_substring(h, s, (size_t)(pos + m), (size_t)j));
            j = pos;
        }
        if (ok)
            ok = split_add(h, list, &count, str_substring(h, s, 0, (size_t)j));
    }
    split_fix(h, list, count);
    if (!ok) {
        heap_decref(h, list);
        return NULLREF;
    }
    if (reverse)
        list_reverse(h, list);
    return list;
}

/* split/rsplit(sep=None, maxsplit=-1). */
static Ref split_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                    const char *name, bool reverse)
{
    static const char *const kwlist[] = {"sep", "maxsplit", NULL};
    RECEIVER(name);
    Ref a[2];
    if (!args_kw(h, name, args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    Ref sep = a[0] && a[0] != h->none ? a[0] : NULLREF;
    int64_t maxcount = -1;
    if (a[1] && arg_ssize(h, a[1], &maxcount) < 0)
        return NULLREF;
    if (sep && !str_check(h, sep))
        return heap_raise(h, EXC_TypeError, "must be str or None, not %s",
                          heap_type_name(h, sep));
    int64_t len1 = (int64_t)str_len(h, self);
    if (!sep) {
        if (maxcount < 0)
            maxcount = h->prof->split_prealloc_from_len ? (len1 - 1) / 2 + 1 : INT64_MAX;
        return split_whitespace(h, self, maxcount, reverse);
    }
    int64_t len2 = (int64_t)str_len(h, sep);
    if (maxcount < 0)
        maxcount = !h->prof->split_prealloc_from_len ? INT64_MAX
                   : len2 == 0 ? 0 : len1 / len2 == INT64_MAX ? INT64_MAX : len1 / len2 + 1;
    if (len1 < len2 || str_data(h, self)->kind < str_data(h, sep)->kind) {
        Ref list = list_new(h, 1);
        if (list)
            list_set_item(h, list, 0, heap_newref(h, self));
        return list;
    }
    if (len2 == 0)
        return heap_raise(h, EXC_ValueError, "empty separator");
    return split_sep(h, self, sep, maxcount, reverse);
}

/* str.split(sep=None, maxsplit=-1). */
static Ref str_split(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return split_op(h, self, args, nargs, kwnames, "split", false);
}

/* str.rsplit(sep=None, maxsplit=-1). */
static Ref str_rsplit(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return split_op(h, self, args, nargs, kwnames, "rsplit", true);
}

/* str.splitlines(keepends=False). */
static Ref str_splitlines(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"keepends", NULL};
    RECEIVER("splitlines");
    Ref a[1];
    if (!args_kw(h, "splitlines", args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    int64_t keep = 0;
    if (a[0]) {
        if (h->prof->splitlines_bool_arg) {
            int t = obj_truth(h, a[0]);
            if (t < 0)
                return NULLREF;
            keep = t;
        } else if (arg_cint(h, a[0], &keep) < 0) {
            return NULLREF;
        }
    }
    Ref list = list_new(h, 0);
    if (!list)
        return NULLREF;
    size_t n = str_len(h, self), i = 0, j = 0;
    while (i < n) {
        while (i < n && !uni_is_linebreak(str_char_at(h, self, i)))
            i++;
        size_t eol = i;
        if (i < n) {
            if (str_char_at(h, self, i) == '\r' && i + 1 < n && str_char_at(h, self, i + 1) == '\n')
                i += 2;
            else
                i++;
            if (keep)
                eol = i;
        }
        Ref sub = str_substring(h, self, j, eol);
        int rc = sub ? list_append(h, list, sub) : -1;
        heap_decref(h, sub);
        if (rc < 0) {
            heap_decref(h, list);
            return NULLREF;
        }
        j = i;
    }
    return list;
}

/* str.partition / rpartition. */
static Ref partition_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                        const char *name, bool reverse)
{
    RECEIVER(name);
    if (!args_one(h, TP, name, nargs, kwnames))
        return NULLREF;
    Ref sep = args[0];
    if (!str_check(h, sep))
        return heap_raise(h, EXC_TypeError, "must be str, not %s", heap_type_name(h, sep));
    size_t n = str_len(h, self), m = str_len(h, sep);
    if (m == 0)
        return heap_raise(h, EXC_ValueError, "empty separator");
    int64_t pos = search(h, self, sep, 0, (int64_t)n, reverse);
    Ref t = tuple_new(h, 3);
    if (!t)
        return NULLREF;
    if (pos < 0) {
        Ref e = str_from_utf8(h, "", 0);
        tuple_set_item(h, t, reverse ? 2 : 0, heap_newref(h, self));
        tuple_set_item(h, t, 1, heap_newref(h, e));
        tuple_set_item(h, t, reverse ? 0 : 2, e);
        return t;
    }
    Ref left = str_substring(h, self, 0, (size_t)pos);
    tuple_set_item(h, t, 0, left);
    tuple_set_item(h, t, 1, heap_newref(h, sep));
    Ref right = left ? str_substring(h, self, (size_t)pos + m, n) : NULLREF;
    tuple_set_item(h, t, 2, right);
    if (!left || !right) {
        heap_decref(h, t);
        return NULLREF;
    }
    return t;
}

/* str.partition(sep). */
static Ref str_partition(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return partition_op(h, self, args, nargs, kwnames, "partition", false);
}

/* str.rpartition(sep). */
static Ref str_rpartition(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return partition_op(h, self, args, nargs, kwnames, "rpartition", true);
}

/* ---- join, replace, padding ---- */

/* str.join(iterable). */
static Ref str_join_m(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("join");
    if (!args_one(h, TP, "join", nargs, kwnames))
        return NULLREF;
    return str_join(h, self, args[0]);
}

/* The replace of S: OLD by NEW at most MAXCOUNT times. */
static Ref replace(Heap *h, Ref s, Ref old, Ref new_, int64_t maxcount)
{
    int64_t n = (int64_t)str_len(h, s), m = (int64_t)str_len(h, old);
    if (maxcount < 0)
        maxcount = INT64_MAX;
    if (maxcount == 0 || n < m || old == new_)
        return str_unchanged(h, s);
    int64_t hits = count_in(h, s, old, 0, n, maxcount);
    if (hits == 0)
        return str_unchanged(h, s);
    StrBuilder sb = {0};
    int64_t i = 0;
    for (int64_t k = 0; k < hits; k++) {
        if (m == 0) {
            sb_str(h, &sb, new_);
            if (i < n)
                sb_substr(h, &sb, s, (size_t)i, (size_t)i + 1);
            i++;
            continue;
        }
        int64_t pos = search(h, s, old, i, n, false);
        sb_substr(h, &sb, s, (size_t)i, (size_t)pos);
        sb_str(h, &sb, new_);
        i = pos + m;
    }
    if (i < n)
        sb_substr(h, &sb, s, (size_t)i, (size_t)n);
    return sb_finish(h, &sb, STR_FRESH);
}

/* str.replace(old, new, count=-1). */
static Ref str_replace(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"", "", "count", NULL};
    RECEIVER("replace");
    Ref a[3];
    if (h->prof->str_find_clinic) {
        if (!args_kw(h, "replace", args, nargs, kwnames, kwlist, 2, 2, a))
            return NULLREF;
    } else {
        if (!args_pos(h, TP, "replace", nargs, kwnames, 2, 3))
            return NULLREF;
        a[0] = args[0];
        a[1] = args[1];
        a[2] = nargs > 2 ? args[2] : NULLREF;
    }
    for (int i = 0; i < 2; i++)
        if (!str_check(h, a[i]))
            return heap_raise(h, EXC_TypeError, "replace() argument %d must be str, not %s",
                              i + 1, arg_type_name(h, a[i]));
    int64_t count = -1;
    if (a[2] && arg_ssize(h, a[2], &count) < 0)
        return NULLREF;
    return replace(h, self, a[0], a[1], count);
}

/* Pad S with LEFT and RIGHT copies of FILL: a new object. */
static Ref pad(Heap *h, Ref s, size_t left, size_t right, uint32_t fill)
{
    StrBuilder sb = {0};
    for (size_t i = 0; i < left; i++)
        sb_putc(&sb, fill);
    sb_str(h, &sb, s);
    for (size_t i = 0; i < right; i++)
        sb_putc(&sb, fill);
    return sb_finish(h, &sb, STR_FRESH);
}

enum { JUST_LEFT, JUST_RIGHT, JUST_CENTER };

/* center/ljust/rjust(width, fillchar=' '). */
static Ref just_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                   const char *name, int how)
{
    RECEIVER(name);
    if (!args_pos(h, TP, name, nargs, kwnames, 1, 2))
        return NULLREF;
    int64_t width;
    if (arg_ssize(h, args[0], &width) < 0)
        return NULLREF;
    uint32_t fill = ' ';
    if (nargs > 1) {
        if (!str_check(h, args[1]))
            return heap_raise(h, EXC_TypeError,
                              "The fill character must be a unicode character, not %s",
                              heap_type_name(h, args[1]));
        if (str_len(h, args[1]) != 1)
            return heap_raise(h, EXC_TypeError,
                              "The fill character must be exactly one character long");
        fill = str_char_at(h, args[1], 0);
    }
    int64_t len = (int64_t)str_len(h, self);
    if (len >= width)
        return str_unchanged(h, self);
    int64_t marg = width - len, left;
    if (how == JUST_LEFT)
        left = 0;
    else if (how == JUST_RIGHT)
        left = marg;
    else
        left = marg / 2 + (marg & width & 1);
    return pad(h, self, (size_t)left, (size_t)(marg - left), fill);
}

/* str.center(width[, fillchar]). */
static Ref str_center(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return just_op(h, self, args, nargs, kwnames, "center", JUST_CENTER);
}

/* str.ljust(width[, fillchar]). */
static Ref str_ljust(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return just_op(h, self, args, nargs, kwnames, "ljust", JUST_LEFT);
}

/* str.rjust(width[, fillchar]). */
static Ref str_rjust(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return just_op(h, self, args, nargs, kwnames, "rjust", JUST_RIGHT);
}

/* str.zfill(width): zeros on the left, after a leading sign. */
static Ref str_zfill(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("zfill");
    if (!args_one(h, TP, "zfill", nargs, kwnames))
        return NULLREF;
    int64_t width;
    if (arg_ssize(h, args[0], &width) < 0)
        return NULLREF;
    int64_t len = (int64_t)str_len(h, self);
    if (len >= width)
        return str_unchanged(h, self);
    size_t fill = (size_t)(width - len);
    StrBuilder sb = {0};
    uint32_t c0 = len ? str_char_at(h, self, 0) : 0;
    bool sign = c0 == '+' || c0 == '-';
    if (sign)
        sb_putc(&sb, c0);
    for (size_t i = 0; i < fill; i++)
        sb_putc(&sb, '0');
    sb_substr(h, &sb, self, sign ? 1 : 0, (size_t)len);
    return sb_finish(h, &sb, STR_FRESH);
}

/* str.expandtabs(tabsize=8). */
static Ref str_expandtabs(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"tabsize", NULL};
    RECEIVER("expandtabs");
    Ref a[1];
    if (!args_kw(h, "expandtabs", args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    int64_t tab = 8;
    if (a[0] && arg_cint(h, a[0], &tab) < 0)
        return NULLREF;
    size_t n = str_len(h, self);
    bool found = false;
    for (size_t i = 0; i < n && !found; i++)
        found = str_char_at(h, self, i) == '\t';
    if (!found)
        return str_unchanged(h, self);
    StrBuilder sb = {0};
    int64_t col = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char_at(h, self, i);
        if (c == '\t') {
            if (tab > 0) {
                int64_t k = tab - col % tab;
                col += k;
                while (k--)
                    sb_putc(&sb, ' ');
            }
        } else {
            sb_putc(&sb, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return sb_finish(h, &sb, STR_FRESH);
}

/* removeprefix/removesuffix(affix). */
static Ref remove_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                     const char *name, bool suffix)
{
    RECEIVER(name);
    if (!h->prof->str_removeprefix)
        return heap_raise(h, EXC_AttributeError, "'str' object has no attribute '%s'", name);
    if (!args_one(h, TP, name, nargs, kwnames))
        return NULLREF;
    if (!str_check(h, args[0]))
        return heap_raise(h, EXC_TypeError, "%s() argument must be str, not %s", name,
                          arg_type_name(h, args[0]));
    size_t n = str_len(h, self), m = str_len(h, args[0]);
    if (m && tailmatch(h, self, args[0], 0, INT64_MAX, suffix))
        return suffix ? str_substring(h, self, 0, n - m) : str_substring(h, self, m, n);
    return str_unchanged(h, self);
}

/* str.removeprefix(prefix) (3.9+). */
static Ref str_removeprefix(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return remove_op(h, self, args, nargs, kwnames, "removeprefix", false);
}

/* str.removesuffix(suffix) (3.9+). */
static Ref str_removesuffix(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    return remove_op(h, self, args, nargs, kwnames, "removesuffix", true);
}

/* str.encode(encoding='utf-8', errors='strict'). */
static Ref str_encode(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    static const char *const kwlist[] = {"encoding", "errors", NULL};
    RECEIVER("encode");
    Ref a[2];
    if (!args_kw(h, "encode", args, nargs, kwnames, kwlist, 0, 0, a))
        return NULLREF;
    for (int i = 0; i < 2; i++)
        if (a[i] && !str_check(h, a[i]))
            return heap_raise(h, EXC_TypeError, "encode() argument '%s' must be str, not %s",
                              kwlist[i], arg_type_name(h, a[i]));
    return codec_encode(h, self, a[0] ? str_utf8(h, a[0], NULL) : "utf-8",
                        a[1] ? str_utf8(h, a[1], NULL) : "strict");
}

/* ---- dunder methods that scripts call directly ---- */

/* A slot wrapper's arity check: "expected 1 argument, got 0". */
static bool wrapper_args(Heap *h, size_t nargs, Ref kwnames, size_t want)
{
    if (kwnames && tuple_size(h, kwnames)) {
        heap_raise(h, EXC_TypeError, "wrapper takes no keyword arguments");
        return false;
    }
    if (nargs == want)
        return true;
    heap_raise(h, EXC_TypeError, "expected %zu argument%s, got %zu", want, want == 1 ? "" : "s",
               nargs);
    return false;
}

/* s.__len__(). */
static Ref str_dunder_len(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__len__");
    (void)args;
    return wrapper_args(h, nargs, kwnames, 0) ? int_from_i64(h, (int64_t)str_len(h, self))
                                               : NULLREF;
}

/* s.__getitem__(key). */
static Ref str_dunder_getitem(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__getitem__");
    return wrapper_args(h, nargs, kwnames, 1) ? obj_getitem(h, self, args[0]) : NULLREF;
}

/* s.__contains__(x). */
static Ref str_dunder_contains(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__contains__");
    if (!wrapper_args(h, nargs, kwnames, 1))
        return NULLREF;
    int r = obj_contains(h, self, args[0]);
    return r < 0 ? NULLREF : boolean(h, r);
}

/* s.__add__(x): the concatenation error is raised directly. */
static Ref str_dunder_add(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__add__");
    if (!wrapper_args(h, nargs, kwnames, 1))
        return NULLREF;
    if (!str_check(h, args[0]))
        return heap_raise(h, EXC_TypeError, "can only concatenate str (not \"%s\") to str",
                          heap_type_name(h, args[0]));
    return str_concat(h, self, args[0]);
}

/* s.__mul__(n) / s.__rmul__(n). */
static Ref str_dunder_mul(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__mul__");
    if (!wrapper_args(h, nargs, kwnames, 1))
        return NULLREF;
    int64_t n;
    if (arg_ssize(h, args[0], &n) < 0)
        return NULLREF;
    return str_repeat(h, self, n);
}

/* s.__mod__(args). */
static Ref str_dunder_mod(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__mod__");
    return wrapper_args(h, nargs, kwnames, 1) ? str_mod(h, self, args[0]) : NULLREF;
}

/* s.__format__(spec). */
static Ref str_dunder_format(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__format__");
    if (!args_one(h, TP, "__format__", nargs, kwnames))
        return NULLREF;
    if (!str_check(h, args[0]))
        return heap_raise(h, EXC_TypeError, "__format__() argument must be str, not %s",
                          arg_type_name(h, args[0]));
    return obj_format(h, self, args[0]);
}

/* s.__sizeof__(): sys.getsizeof without a GC header (str has none). */
static Ref str_dunder_sizeof(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__sizeof__");
    (void)args;
    if (!args_none(h, TP, "__sizeof__", nargs, kwnames))
        return NULLREF;
    return int_from_i64(h, (int64_t)kind_ops[K_STR]->sizeof_(h, self));
}

/* s.__eq__(x) etc.: NotImplemented for non-str. */
static Ref compare_op(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames,
                      const char *name, int op)
{
    RECEIVER(name);
    if (!wrapper_args(h, nargs, kwnames, 1))
        return NULLREF;
    return kind_ops[K_STR]->richcompare(h, self, args[0], op);
}

/* Define the comparison method FN for operator OP. */
#define CMP_METHOD(fn, name, op)                                                     \
    static Ref fn(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)     \
    {                                                                                \
        return compare_op(h, self, args, nargs, kwnames, name, op);                  \
    }
CMP_METHOD(str_dunder_eq, "__eq__", CMP_EQ)
CMP_METHOD(str_dunder_ne, "__ne__", CMP_NE)
CMP_METHOD(str_dunder_lt, "__lt__", CMP_LT)
CMP_METHOD(str_dunder_le, "__le__", CMP_LE)
CMP_METHOD(str_dunder_gt, "__gt__", CMP_GT)
CMP_METHOD(str_dunder_ge, "__ge__", CMP_GE)

/* s.__hash__(). */
static Ref str_dunder_hash(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__hash__");
    (void)args;
    return wrapper_args(h, nargs, kwnames, 0) ? int_from_i64(h, str_hash(h, self)) : NULLREF;
}

/* s.__iter__(), s.__repr__(), s.__str__(). */
static Ref str_dunder_iter(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__iter__");
    (void)args;
    return wrapper_args(h, nargs, kwnames, 0) ? str_iter(h, self) : NULLREF;
}

/* s.__repr__(). */
static Ref str_dunder_repr(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__repr__");
    (void)args;
    return wrapper_args(h, nargs, kwnames, 0) ? str_repr(h, self) : NULLREF;
}

/* s.__str__(). */
static Ref str_dunder_str(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("__str__");
    (void)args;
    return wrapper_args(h, nargs, kwnames, 0) ? str_unchanged(h, self) : NULLREF;
}

/* str.format(*args, **kwargs). */
static Ref str_format_m(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    RECEIVER("format");
    return str_format_method(h, self, args, nargs, kwnames);
}

const MethodDef str_methods[] = {
    {"encode", str_encode, NULL},
    {"replace", str_replace, NULL},
    {"split", str_split, NULL},
    {"rsplit", str_rsplit, NULL},
    {"join", str_join_m, NULL},
    {"capitalize", str_capitalize, NULL},
    {"casefold", str_casefold, NULL},
    {"title", str_title, NULL},
    {"center", str_center, NULL},
    {"count", str_count, NULL},
    {"expandtabs", str_expandtabs, NULL},
    {"find", str_find, NULL},
    {"partition", str_partition, NULL},
    {"index", str_index_m, NULL},
    {"ljust", str_ljust, NULL},
    {"lower", str_lower, NULL},
    {"lstrip", str_lstrip, NULL},
    {"rfind", str_rfind, NULL},
    {"rindex", str_rindex, NULL},
    {"rjust", str_rjust, NULL},
    {"rstrip", str_rstrip, NULL},
    {"rpartition", str_rpartition, NULL},
    {"splitlines", str_splitlines, NULL},
    {"strip", str_strip, NULL},
    {"swapcase", str_swapcase, NULL},
    {"upper", str_upper, NULL},
    {"startswith", str_startswith, NULL},
    {"endswith", str_endswith, NULL},
    {"removeprefix", str_removeprefix, NULL},
    {"removesuffix", str_removesuffix, NULL},
    {"isascii", str_isascii, NULL},
    {"islower", str_islower, NULL},
    {"isupper", str_isupper, NULL},
    {"istitle", str_istitle, NULL},
    {"isspace", str_isspace, NULL},
    {"isdecimal", str_isdecimal, NULL},
    {"isdigit", str_isdigit, NULL},
    {"isnumeric", str_isnumeric, NULL},
    {"isalpha", str_isalpha, NULL},
    {"isalnum", str_isalnum, NULL},
    {"isidentifier", str_isidentifier, NULL},
    {"isprintable", str_isprintable, NULL},
    {"zfill", str_zfill, NULL},
    {"format", str_format_m, NULL},
    {"__format__", str_dunder_format, NULL},
    {"__sizeof__", str_dunder_sizeof, NULL},
    {"__len__", str_dunder_len, NULL},
    {"__getitem__", str_dunder_getitem, NULL},
    {"__contains__", str_dunder_contains, NULL},
    {"__add__", str_dunder_add, NULL},
    {"__mul__", str_dunder_mul, NULL},
    {"__rmul__", str_dunder_mul, NULL},
    {"__mod__", str_dunder_mod, NULL},
    {"__eq__", str_dunder_eq, NULL},
    {"__ne__", str_dunder_ne, NULL},
    {"__lt__", str_dunder_lt, NULL},
    {"__le__", str_dunder_le, NULL},
    {"__gt__", str_dunder_gt, NULL},
    {"__ge__", str_dunder_ge, NULL},
    {"__hash__", str_dunder_hash, NULL},
    {"__iter__", str_dunder_iter, NULL},
    {"__repr__", str_dunder_repr, NULL},
    {"__str__", str_dunder_str, NULL},
    {NULL, NULL, NULL},
};
