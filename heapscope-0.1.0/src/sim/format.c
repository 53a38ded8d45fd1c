/* Number to text conversion and the format-spec mini-language.
 *
 * Digits.  CPython converts doubles with David Gay's _Py_dg_dtoa in three
 * modes: 0 (shortest string that reads back to the same double), 2 (N
 * significant digits) and 3 (N digits after the point), always correctly
 * rounded, ties to even.  glibc's printf is exact and rounds ties to even
 * as well, so mode 2 is "%.*e", mode 3 "%.*f", and mode 0 tries 1..17
 * significant digits, taking the first correctly rounded string that
 * reads back exactly (or its one neighbour that does, for the rare
 * power-of-two boundaries).  Like Gay's, the digit strings carry no
 * trailing zeros and a decimal-point position `decpt`.
 *
 * Layout.  format_float_short() below is CPython's own layout of those
 * digits for 'e', 'f', 'g' and 'r' (repr switches to an exponent when
 * decpt <= -4 or decpt > 16, 'g' when decpt > precision), including the
 * '#' and ".0" rules.
 *
 * Format specs.  parse_spec() follows parse_internal_render_format_spec;
 * numbers are then laid out as
 *     <lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>
 * (calc_number_widths / fill_number), with zero padding done by the
 * grouping routine when fill is '0' and alignment '='.  Version
 * differences ('z', '0' with strings, the "Invalid format specifier"
 * text) come from the profile. */
#include "sim/format.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/complexobject.h"
#include "sim/floatobject.h"
#include "sim/intobject.h"
#include "sim/strobject.h"
#include "sim/unicodectype.h"
#include "util/xalloc.h"

/* Digits beyond these counts are always zeros for a double. */
#define MAX_SIG_DIGITS 800
#define MAX_FRAC_DIGITS 1100
/* Widths beyond this are refused with MemoryError. */
#define MAX_WIDTH 100000000

/* ------------------------------------------------------------------ */
/* digits                                                              */

/* Parse printf's "%e" output S into digits D (no point) and return the
 * decimal exponent. */
static int parse_e(const char *s, StrBuf *d)
{
    strbuf_reset(d);
    for (; *s && *s != 'e'; s++)
        if (*s != '.')
            strbuf_putc(d, *s);
    return *s ? atoi(s + 1) : 0;
}

/* Add DELTA (+1 or -1) to the last digit of the digit string D; false
 * when the number of digits would change. */
static bool bump_digits(StrBuf *d, int delta)
{
    for (size_t i = d->len; i-- > 0;) {
        int v = d->data[i] - '0' + delta;
        if (v >= 0 && v <= 9) {
            d->data[i] = (char)('0' + v);
            return !(i == 0 && v == 0);
        }
        d->data[i] = delta > 0 ? '0' : '9';
    }
    return false;
}

/* True when digits D with exponent E read back as X; fills BUF. */
static bool reads_back(const StrBuf *d, int e, double x, char *buf, size_t size)
{
    snprintf(buf, size, "%c.%se%d", d->data[0], d->data + 1, e);
    return strtod(buf, NULL) == x;
}

/* Mode 0: the shortest digits of X > 0 that read back; returns decpt. */
static int shortest_digits(double x, StrBuf *d)
{
    char buf[64];
    int e = 0;
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        e = parse_e(buf, d);
        double v = strtod(buf, NULL);
        if (v == x)
            break;
        StrBuf alt = {0};
        strbuf_append(&alt, d->data, d->len);
        bool ok = bump_digits(&alt, v < x ? 1 : -1) && reads_back(&alt, e, x, buf, sizeof buf);
        if (ok) {
            strbuf_reset(d);
            strbuf_append(d, alt.data, alt.len);
        }
        strbuf_free(&alt);
        if (ok)
            break;
    }
    return e + 1;
}

/* Gay's _Py_dg_dtoa(x, mode, ndigits) for finite X >= 0: digits without
 * trailing zeros in D; returns decpt. */
static int dtoa(double x, int mode, int ndigits, StrBuf *d)
{
    strbuf_reset(d);
    if (x == 0.0) {
        strbuf_putc(d, '0');
        return 1;
    }
    int decpt;
    if (mode == 0) {
        decpt = shortest_digits(x, d);
    } else if (mode == 2) {
        int n = ndigits < MAX_SIG_DIGITS ? ndigits : MAX_SIG_DIGITS;
        StrBuf t = {0};
        strbuf_printf(&t, "%.*e", n - 1, x);
        decpt = parse_e(t.data, d) + 1;
        strbuf_free(&t);
    } else {
        int n = ndigits < MAX_FRAC_DIGITS ? ndigits : MAX_FRAC_DIGITS;
        StrBuf t = {0};
        strbuf_printf(&t, "%.*f", n, x);
        const char *dot = strchr(t.data, '.');
        decpt = dot ? (int)(dot - t.data) : (int)t.len;
        for (const char *s = t.data; *s; s++)
            if (*s != '.')
                strbuf_putc(d, *s);
        strbuf_free(&t);
        size_t lead = 0;
        while (lead < d->len && d->data[lead] == '0')
            lead++;
        decpt -= (int)lead;
        memmove(d->data, d->data + lead, d->len - lead + 1);
        d->len -= lead;
    }
    while (d->len > 0 && d->data[d->len - 1] == '0')
        d->data[--d->len] = '\0';
    return decpt;
}

/* Append N copies of C. */
static void put_n(StrBuf *out, char c, long n)
{
    for (long i = 0; i < n; i++)
        strbuf_putc(out, c);
}

/* CPython's format_float_short: lay out the digits of D in CODE ('e',
 * 'f', 'g', 'r') with PRECISION and FLAGS; UPPER for E/F/G. */
static void float_short(StrBuf *out, double val, char code, int mode, int precision,
                        int flags, bool upper)
{
    bool add_sign = flags & DTSF_SIGN, add_dot_0 = flags & DTSF_ADD_DOT_0;
    bool alt = flags & DTSF_ALT;
    if (isnan(val) || isinf(val)) {
        if (isinf(val) && val < 0)
            strbuf_putc(out, '-');
        else if (add_sign)
            strbuf_putc(out, '+');
        strbuf_puts(out, isnan(val) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        return;
    }
    StrBuf d = {0};
    int sign = signbit(val) != 0;
    long decpt = dtoa(fabs(val), mode, precision, &d);
    long len = (long)d.len, use_exp = 0, exp = 0;
    if ((flags & DTSF_NO_NEG_0) && sign && (len == 0 || (len == 1 && d.data[0] == '0')))
        sign = 0;
    long vend = len;
    switch (code) {
    case 'e':
        use_exp = 1;
        vend = precision;
        break;
    case 'f':
        vend = decpt + precision;
        break;
    case 'g':
        if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision))
            use_exp = 1;
        if (alt)
            vend = precision;
        break;
    default: /* 'r' */
        if (decpt <= -4 || decpt > 16)
            use_exp = 1;
        break;
    }
    if (use_exp) {
        exp = decpt - 1;
        decpt = 1;
    }
    long vstart = decpt <= 0 ? decpt - 1 : 0;
    if (!use_exp && add_dot_0)
        vend = vend > decpt ? vend : decpt + 1;
    else
        vend = vend > decpt ? vend : decpt;
    size_t start = out->len;
    if (sign)
        strbuf_putc(out, '-');
    else if (add_sign)
        strbuf_putc(out, '+');
    if (decpt <= 0) {
        put_n(out, '0', decpt - vstart);
        strbuf_putc(out, '.');
        put_n(out, '0', -decpt);
    } else {
        put_n(out, '0', -vstart);
    }
    if (decpt > 0 && decpt <= len) {
        strbuf_append(out, d.data, (size_t)decpt);
        strbuf_putc(out, '.');
        strbuf_append(out, d.data + decpt, (size_t)(len - decpt));
    } else if (len > 0) {
        strbuf_append(out, d.data, (size_t)len);
    }
    if (len < decpt) {
        put_n(out, '0', decpt - len);
        strbuf_putc(out, '.');
        put_n(out, '0', vend - decpt);
    } else {
        put_n(out, '0', vend - len);
    }
    if (out->len > start && out->data[out->len - 1] == '.' && !alt)
        out->data[--out->len] = '\0';
    if (use_exp)
        strbuf_printf(out, "%c%+.02ld", upper ? 'E' : 'e', exp);
    strbuf_free(&d);
}

/* Append X as PyOS_double_to_string(x, code, precision, flags) does. */
void format_double(StrBuf *out, double x, char code, int precision, int flags)
{
    bool upper = false;
    int mode = 0;
    switch (code) {
    case 'E': upper = true; /* fall through */
    case 'e': code = 'e'; mode = 2; precision++; break;
    case 'F': upper = true; /* fall through */
    case 'f': code = 'f'; mode = 3; break;
    case 'G': upper = true; /* fall through */
    case 'g': code = 'g'; mode = 2; if (precision == 0) precision = 1; break;
    default: code = 'r'; mode = 0; break;
    }
    float_short(out, x, code, mode, precision, flags, upper);
}

/* Append repr(x) of a float. */
void format_float_repr(StrBuf *out, double x)
{
    format_double(out, x, 'r', 0, DTSF_ADD_DOT_0);
}

/* Append repr(complex(re, im)). */
void format_complex_repr(StrBuf *out, double re, double im)
{
    if (re == 0.0 && copysign(1.0, re) == 1.0) {
        format_double(out, im, 'r', 0, 0);
        strbuf_putc(out, 'j');
        return;
    }
    strbuf_putc(out, '(');
    format_double(out, re, 'r', 0, 0);
    format_double(out, im, 'r', 0, DTSF_SIGN);
    strbuf_puts(out, "j)");
}

/* ------------------------------------------------------------------ */
/* spec parsing                                                        */

enum { LT_NONE, LT_COMMA, LT_UNDER, LT_UNDER4, LT_LOCALE };

typedef struct Spec {
    uint32_t fill, align, sign, type;
    bool alternate, no_neg_0;
    long width, precision;
    int thousands;
} Spec;

/* A format spec decoded to code points. */
typedef struct SpecText {
    const char *utf8;
    size_t nbytes;
    uint32_t *cp;
    size_t n;
} SpecText;

/* The decimal value of CP (Unicode Nd), or -1. */
static int decimal_of(uint32_t cp)
{
    if (cp >= '0' && cp <= '9')
        return (int)(cp - '0');
    if (cp < 0x80 || !uni_is(cp, UNI_DECIMAL))
        return -1;
    uint32_t lo = cp;
    while (lo > 0 && uni_is(lo - 1, UNI_DECIMAL) && cp - lo < 60)
        lo--;
    return (int)((cp - lo) % 10);
}

/* get_integer: read decimal digits at *POS; count of digits or -1. */
static long get_integer(Heap *h, const SpecText *t, size_t *pos, long *result)
{
    long acc = 0, count = 0;
    for (; *pos < t->n; ++*pos, count++) {
        int dv = decimal_of(t->cp[*pos]);
        if (dv < 0)
            break;
        if (acc > (LONG_MAX - dv) / 10) {
            heap_raise(h, EXC_ValueError, "Too many decimal digits in format string");
            return -1;
        }
        acc = acc * 10 + dv;
    }
    *result = acc;
    return count;
}

/* Raise an error naming a format type character C. */
static bool type_error(Heap *h, const char *fmt_ascii, const char *fmt_hex, uint32_t c,
                       const char *tname)
{
    if (c > 32 && c < 128)
        heap_raise(h, EXC_ValueError, fmt_ascii, (char)c, tname);
    else
        heap_raise(h, EXC_ValueError, fmt_hex, (unsigned)c, tname);
    return false;
}

/* "Unknown format code 'x' for object of type 't'". */
static bool unknown_type(Heap *h, uint32_t c, const char *tname)
{
    return type_error(h, "Unknown format code '%c' for object of type '%.200s'",
                      "Unknown format code '\\x%x' for object of type '%.200s'", c, tname);
}

/* "Cannot specify ',' with 'x'." (or '_'). */
static bool invalid_comma_type(Heap *h, int thousands, uint32_t c)
{
    const char *sep = thousands == LT_COMMA ? "," : "_";
    if (c > 32 && c < 128)
        heap_raise(h, EXC_ValueError, "Cannot specify '%s' with '%c'.", sep, (char)c);
    else
        heap_raise(h, EXC_ValueError, "Cannot specify '%s' with '\\x%x'.", sep, (unsigned)c);
    return false;
}

/* True when C is an alignment token. */
static bool is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Parse the fill, align, sign, z, # and 0 options (the part before the width). */
static void parse_flags(Heap *h, const SpecText *t, size_t *pos, Spec *s, char default_align)
{
    bool fill_given = false, align_given = false;
    if (t->n - *pos >= 2 && is_align(t->cp[*pos + 1])) {
        s->fill = t->cp[*pos];
        s->align = t->cp[*pos + 1];
        fill_given = align_given = true;
        *pos += 2;
    } else if (t->n - *pos >= 1 && is_align(t->cp[*pos])) {
        s->align = t->cp[(*pos)++];
        align_given = true;
    }
    if (*pos < t->n && (t->cp[*pos] == ' ' || t->cp[*pos] == '+' || t->cp[*pos] == '-'))
        s->sign = t->cp[(*pos)++];
    if (h->prof->fmt_z_option && *pos < t->n && t->cp[*pos] == 'z') {
        s->no_neg_0 = true;
        ++*pos;
    }
    if (*pos < t->n && t->cp[*pos] == '#') {
        s->alternate = true;
        ++*pos;
    }
    if (!fill_given && *pos < t->n && t->cp[*pos] == '0') {
        s->fill = '0';
        if (!align_given && (!h->prof->fmt_zero_keeps_align || default_align == '>'))
            s->align = '=';
        ++*pos;
    }
}

/* Parse the grouping option at *POS. */
static bool parse_grouping(Heap *h, const SpecText *t, size_t *pos, Spec *s)
{
    if (*pos < t->n && t->cp[*pos] == ',') {
        s->thousands = LT_COMMA;
        ++*pos;
    }
    if (*pos < t->n && t->cp[*pos] == '_') {
        if (s->thousands != LT_NONE) {
            heap_raise(h, EXC_ValueError, "Cannot specify both ',' and '_'.");
            return false;
        }
        s->thousands = LT_UNDER;
        ++*pos;
    }
    if (*pos < t->n && t->cp[*pos] == ',') {
        heap_raise(h, EXC_ValueError, "Cannot specify both ',' and '_'.");
        return false;
    }
    return true;
}

/* Check the grouping option against the type (PEP 378 / PEP 515). */
static bool check_grouping(Heap *h, Spec *s)
{
    if (!s->thousands)
        return true;
    switch (s->type) {
    case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        return true;
    case 'b': case 'o': case 'x': case 'X':
        if (s->thousands == LT_UNDER) {
            s->thousands = LT_UNDER4;
            return true;
        }
        /* fall through */
    default:
        return invalid_comma_type(h, s->thousands, s->type);
    }
}

/* parse_internal_render_format_spec for VALUE's type. */
static bool parse_spec(Heap *h, Ref value, const SpecText *t, Spec *s, char default_type,
                       char default_align)
{
    *s = (Spec){.fill = ' ', .align = (uint32_t)default_align, .width = -1, .precision = -1,
                .type = (uint32_t)default_type};
    size_t pos = 0;
    parse_flags(h, t, &pos, s, default_align);
    long consumed = get_integer(h, t, &pos, &s->width);
    if (consumed < 0)
        return false;
    if (consumed == 0)
        s->width = -1;
    if (!parse_grouping(h, t, &pos, s))
        return false;
    if (pos < t->n && t->cp[pos] == '.') {
        pos++;
        consumed = get_integer(h, t, &pos, &s->precision);
        if (consumed < 0)
            return false;
        if (consumed == 0) {
            heap_raise(h, EXC_ValueError, "Format specifier missing precision");
            return false;
        }
    }
    if (t->n - pos > 1) {
        if (h->prof->fmt_invalid_spec_detail)
            heap_raise(h, EXC_ValueError, "Invalid format specifier '%.*s' for object of type '%.200s'",
                       (int)t->nbytes, t->utf8, heap_type_name(h, value));
        else
            heap_raise(h, EXC_ValueError, "Invalid format specifier");
        return false;
    }
    if (t->n - pos == 1)
        s->type = t->cp[pos];
    return check_grouping(h, s);
}

/* ------------------------------------------------------------------ */
/* layout                                                              */

/* Append code point CP as UTF-8, N times. */
static void put_cp(StrBuf *out, uint32_t cp, long n)
{
    char u[4];
    int k = utf8_encode1(cp, u);
    for (long i = 0; i < n; i++)
        strbuf_append(out, u, (size_t)k);
}

/* _PyUnicode_InsertThousandsGrouping: append DIGITS (N chars) grouped by
 * GROUP (0 = no grouping) with SEP, padded with '0' to MIN_WIDTH chars;
 * returns the number of characters written. */
static long group_digits(StrBuf *out, const char *digits, long n, long min_width, int group,
                         char sep)
{
    StrBuf rev = {0};
    long remaining = n, pos = n;
    bool use_sep = false, broken = false;
    while (group > 0) {
        long l = remaining > min_width ? remaining : min_width;
        l = l > 1 ? l : 1;
        l = l < group ? l : group;
        long zeros = l - remaining > 0 ? l - remaining : 0;
        long chars = remaining < l ? remaining : l;
        chars = chars > 0 ? chars : 0;
        if (use_sep)
            strbuf_putc(&rev, sep);
        for (long i = 0; i < chars; i++)
            strbuf_putc(&rev, digits[--pos]);
        put_n(&rev, '0', zeros);
        use_sep = true;
        remaining -= chars;
        min_width -= l;
        if (remaining <= 0 && min_width <= 0) {
            broken = true;
            break;
        }
        min_width -= 1;
    }
    if (!broken) {
        long l = remaining > min_width ? remaining : min_width;
        l = l > 1 ? l : 1;
        long zeros = l - remaining > 0 ? l - remaining : 0;
        long chars = remaining > 0 ? remaining : 0;
        if (use_sep)
            strbuf_putc(&rev, sep);
        for (long i = 0; i < chars; i++)
            strbuf_putc(&rev, digits[--pos]);
        put_n(&rev, '0', zeros);
    }
    for (size_t i = rev.len; i-- > 0;)
        strbuf_putc(out, rev.data[i]);
    long written = (long)rev.len;
    strbuf_free(&rev);
    return written;
}

/* The parts of a formatted number (see the file comment). */
typedef struct Number {
    char sign_char;        /* '-' when the number is negative, else 0 */
    const char *prefix;    /* "0x" etc. */
    long n_prefix;
    const char *digits;    /* integer digits */
    long n_digits;
    bool has_decimal;
    const char *rem;       /* after the decimal point (exponent, '%', 'c' char) */
    long n_rem_bytes, n_rem_chars;
} Number;

/* calc_number_widths + fill_number: append NUM laid out by spec S. */
static void fill_number(StrBuf *out, const Number *num, const Spec *s, bool upper)
{
    char sign = 0;
    if (s->sign == '+')
        sign = num->sign_char == '-' ? '-' : '+';
    else if (s->sign == ' ')
        sign = num->sign_char == '-' ? '-' : ' ';
    else if (num->sign_char == '-')
        sign = '-';
    long non_digit = (sign != 0) + num->n_prefix + num->has_decimal + num->n_rem_chars;
    long min_width = s->fill == '0' && s->align == '=' ? s->width - non_digit : 0;
    int group = s->thousands == LT_COMMA || s->thousands == LT_UNDER ? 3
                : s->thousands == LT_UNDER4 ? 4 : 0;
    char sep = s->thousands == LT_COMMA ? ',' : '_';
    StrBuf grouped = {0};
    long n_grouped = num->n_digits == 0 ? 0
                     : group_digits(&grouped, num->digits, num->n_digits, min_width, group, sep);
    long padding = s->width - (non_digit + n_grouped);
    long lpad = 0, spad = 0, rpad = 0;
    if (padding > 0) {
        if (s->align == '<')
            rpad = padding;
        else if (s->align == '^')
            lpad = padding / 2, rpad = padding - padding / 2;
        else if (s->align == '=')
            spad = padding;
        else
            lpad = padding;
    }
    put_cp(out, s->fill, lpad);
    if (sign)
        strbuf_putc(out, sign);
    for (long i = 0; i < num->n_prefix; i++) {
        char c = num->prefix[i];
        strbuf_putc(out, upper && c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    put_cp(out, s->fill, spad);
    for (long i = 0; i < n_grouped; i++) {
        char c = grouped.data[i];
        strbuf_putc(out, upper && c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
    if (num->has_decimal)
        strbuf_putc(out, '.');
    strbuf_append(out, num->rem, (size_t)num->n_rem_bytes);
    put_cp(out, s->fill, rpad);
    strbuf_free(&grouped);
}

/* Split formatted float text T (sign, digits, '.', remainder) into NUM. */
static void split_float_text(const char *t, Number *num)
{
    *num = (Number){0};
    if (*t == '-') {
        num->sign_char = '-';
        t++;
    }
    num->digits = t;
    while (*t >= '0' && *t <= '9')
        t++;
    num->n_digits = t - num->digits;
    num->has_decimal = *t == '.';
    if (num->has_decimal)
        t++;
    num->rem = t;
    num->n_rem_bytes = num->n_rem_chars = (long)strlen(t);
}

/* ------------------------------------------------------------------ */
/* per-type formatting                                                 */

/* format_float_internal: append VAL formatted by S. */
static bool format_float(Heap *h, double val, const Spec *s, StrBuf *out)
{
    if (s->precision > INT_MAX) {
        heap_raise(h, EXC_ValueError, "precision too big");
        return false;
    }
    int precision = (int)s->precision, default_precision = 6, flags = 0;
    uint32_t type = s->type;
    bool pct = false;
    if (s->alternate)
        flags |= DTSF_ALT;
    if (s->no_neg_0)
        flags |= DTSF_NO_NEG_0;
    if (type == 0) {
        flags |= DTSF_ADD_DOT_0;
        type = 'r';
        default_precision = 0;
    }
    if (type == 'n')
        type = 'g';
    if (type == '%') {
        type = 'f';
        val *= 100;
        pct = true;
    }
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    StrBuf text = {0};
    format_double(&text, val, (char)type, precision, flags);
    if (pct)
        strbuf_putc(&text, '%');
    Number num;
    split_float_text(text.data, &num);
    Spec sp = *s;
    if (s->type == 'n')
        sp.thousands = LT_NONE;
    fill_number(out, &num, &sp, false);
    strbuf_free(&text);
    return true;
}

/* The text of |V| in BASE (lowercase) into D; false on the str-digits limit. */
static bool int_digits(Heap *h, Ref v, int base, StrBuf *d, char *sign)
{
    *sign = int_sign(h, v) < 0 ? '-' : 0;
    if (base == 10) {
        StrBuf t = {0};
        if (!int_str_into(h, v, &t)) {
            strbuf_free(&t);
            return false;
        }
        strbuf_puts(d, t.data + (*sign ? 1 : 0));
        strbuf_free(&t);
        return true;
    }
    mpz_t z;
    mpz_init(z);
    int_to_mpz(h, v, z);
    mpz_abs(z, z);
    char *s = xmalloc(mpz_sizeinbase(z, base) + 2);
    mpz_get_str(s, base, z);
    strbuf_puts(d, s);
    free(s);
    mpz_clear(z);
    return true;
}

/* The 'c' presentation of int V into OUT. */
static bool format_char(Heap *h, Ref v, const Spec *s, StrBuf *out)
{
    if (s->sign) {
        heap_raise(h, EXC_ValueError, "Sign not allowed with integer format specifier 'c'");
        return false;
    }
    if (s->alternate) {
        heap_raise(h, EXC_ValueError,
                   "Alternate form (#) not allowed with integer format specifier 'c'");
        return false;
    }
    int64_t x;
    if (!int_as_i64(h, v, &x)) {
        heap_raise(h, EXC_OverflowError, "Python int too large to convert to C long");
        return false;
    }
    if (x < 0 || x > 0x10ffff) {
        heap_raise(h, EXC_OverflowError, "%%c arg not in range(0x110000)");
        return false;
    }
    char u[4];
    int k = utf8_encode1((uint32_t)x, u);
    Number num = {.rem = u, .n_rem_bytes = k, .n_rem_chars = 1};
    fill_number(out, &num, s, false);
    return true;
}

/* format_long_internal and the float presentations of ints. */
static bool format_int(Heap *h, Ref v, const Spec *s, StrBuf *out)
{
    uint32_t t = s->type;
    if (t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%') {
        double d = int_as_double(h, v, NULL);
        return !h->exc && format_float(h, d, s, out);
    }
    if (t != 'b' && t != 'c' && t != 'd' && t != 'o' && t != 'x' && t != 'X' && t != 'n')
        return unknown_type(h, t, heap_type_name(h, v));
    if (s->precision != -1) {
        heap_raise(h, EXC_ValueError, "Precision not allowed in integer format specifier");
        return false;
    }
    if (s->no_neg_0) {
        heap_raise(h, EXC_ValueError,
                   "Negative zero coercion (z) not allowed in integer format specifier");
        return false;
    }
    if (t == 'c')
        return format_char(h, v, s, out);
    int base = t == 'b' ? 2 : t == 'o' ? 8 : (t == 'x' || t == 'X') ? 16 : 10;
    StrBuf d = {0};
    char sign;
    if (!int_digits(h, v, base, &d, &sign)) {
        strbuf_free(&d);
        return false;
    }
    const char *prefix = base == 2 ? "0b" : base == 8 ? "0o" : "0x";
    Number num = {.sign_char = sign, .prefix = prefix,
                  .n_prefix = s->alternate && base != 10 ? 2 : 0,
                  .digits = d.data, .n_digits = (long)d.len, .rem = ""};
    Spec sp = *s;
    if (t == 'n')
        sp.thousands = LT_NONE;
    fill_number(out, &num, &sp, t == 'X');
    strbuf_free(&d);
    return true;
}

/* Count the code points of N bytes of UTF-8. */
static size_t utf8_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The byte offset of code point K in UTF-8 text S of N bytes. */
static size_t utf8_offset(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    for (; i < n && k > 0; k--) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* format_string_internal; *SAME when the result is VALUE itself. */
static bool format_str(Heap *h, Ref v, const Spec *s, StrBuf *out, bool *same)
{
    if (s->type != 's')
        return unknown_type(h, s->type, heap_type_name(h, v));
    const char *err = s->sign == ' ' && h->prof->fmt_space_not_allowed
                      ? "Space not allowed in string format specifier"
                      : s->sign ? "Sign not allowed in string format specifier"
                      : s->no_neg_0 ? "Negative zero coercion (z) not allowed in string format specifier"
                      : s->alternate ? "Alternate form (#) not allowed in string format specifier"
                      : s->align == '=' ? "'=' alignment not allowed in string format specifier"
                      : NULL;
    if (err) {
        heap_raise(h, EXC_ValueError, "%s", err);
        return false;
    }
    size_t nbytes;
    const char *u = str_utf8(h, v, &nbytes);
    long len = (long)str_len(h, v);
    if ((s->width == -1 || s->width <= len) && (s->precision == -1 || s->precision >= len)) {
        *same = true;
        return true;
    }
    if (s->precision >= 0 && len >= s->precision)
        len = s->precision;
    long total = s->width > len ? s->width : len;
    long lpad = s->align == '>' ? total - len : s->align == '^' ? (total - len) / 2 : 0;
    put_cp(out, s->fill, lpad);
    strbuf_append(out, u, utf8_offset(u, nbytes, (size_t)len));
    put_cp(out, s->fill, total - len - lpad);
    return true;
}

/* Format one part of a complex number into OUT (no padding). */
static void complex_part(StrBuf *out, double x, char type, int precision, int flags,
                         const Spec *s, uint32_t sign)
{
    StrBuf text = {0};
    format_double(&text, x, type, precision, flags);
    Number num;
    split_float_text(text.data, &num);
    Spec sp = *s;
    sp.fill = 0;
    sp.align = '<';
    sp.width = -1;
    sp.sign = sign;
    if (s->type == 'n')
        sp.thousands = LT_NONE;
    fill_number(out, &num, &sp, false);
    strbuf_free(&text);
}

/* format_complex_internal. */
static bool format_complex(Heap *h, Ref v, const Spec *s, StrBuf *out)
{
    uint32_t type = s->type;
    if (type && type != 'e' && type != 'E' && type != 'f' && type != 'F' && type != 'g'
        && type != 'G' && type != 'n')
        return unknown_type(h, type, heap_type_name(h, v));
    if (s->precision > INT_MAX) {
        heap_raise(h, EXC_ValueError, "precision too big");
        return false;
    }
    if (s->fill == '0') {
        heap_raise(h, EXC_ValueError, "Zero padding is not allowed in complex format specifier");
        return false;
    }
    if (s->align == '=') {
        heap_raise(h, EXC_ValueError,
                   "'=' alignment flag is not allowed in complex format specifier");
        return false;
    }
    Complex c = complex_value(h, v);
    int precision = (int)s->precision, default_precision = 6;
    int flags = (s->alternate ? DTSF_ALT : 0) | (s->no_neg_0 ? DTSF_NO_NEG_0 : 0);
    bool skip_re = false, parens = false;
    if (type == 0) {
        type = 'r';
        default_precision = 0;
        if (c.real == 0.0 && copysign(1.0, c.real) == 1.0)
            skip_re = true;
        else
            parens = true;
    }
    if (type == 'n')
        type = 'g';
    if (precision < 0)
        precision = default_precision;
    else if (type == 'r')
        type = 'g';
    StrBuf body = {0};
    if (parens)
        strbuf_putc(&body, '(');
    if (!skip_re)
        complex_part(&body, c.real, (char)type, precision, flags, s, s->sign);
    complex_part(&body, c.imag, (char)type, precision, flags, s, skip_re ? s->sign : '+');
    strbuf_putc(&body, 'j');
    if (parens)
        strbuf_putc(&body, ')');
    long len = (long)utf8_chars(body.data, body.len);
    long total = s->width > len ? s->width : len;
    long lpad = s->align == '>' ? total - len : s->align == '^' ? (total - len) / 2 : 0;
    put_cp(out, s->fill, lpad);
    strbuf_append(out, body.data, body.len);
    put_cp(out, s->fill, total - len - lpad);
    strbuf_free(&body);
    return true;
}

/* Decode N bytes of UTF-8 SPEC into T. */
static void decode_spec(const char *spec, size_t n, SpecText *t)
{
    t->utf8 = spec;
    t->nbytes = n;
    t->cp = xmalloc((n + 1) * sizeof *t->cp);
    t->n = 0;
    for (size_t i = 0; i < n;)
        i += (size_t)utf8_decode1((const unsigned char *)spec + i, &t->cp[t->n++]);
}

/* format(value, spec) for a non-empty SPEC (see format.h). */
Ref format_spec(Heap *h, Ref value, const char *spec, size_t n)
{
    Kind k = heap_kind(h, value);
    bool num = k == K_INT || k == K_BOOL || k == K_FLOAT || k == K_COMPLEX;
    if (!num && k != K_STR)
        return heap_raise(h, EXC_TypeError, "unsupported format string passed to %.200s.__format__",
                          heap_type_name(h, value));
    SpecText t;
    decode_spec(spec, n, &t);
    Spec s;
    StrBuf out = {0};
    char default_type = k == K_STR ? 's' : (k == K_FLOAT || k == K_COMPLEX) ? 0 : 'd';
    bool same = false;
    bool ok = parse_spec(h, value, &t, &s, default_type, k == K_STR ? '<' : '>');
    if (ok && (s.width > MAX_WIDTH || (s.precision > MAX_WIDTH && s.precision <= INT_MAX))) {
        heap_raise(h, EXC_MemoryError, "%s", "");
        ok = false;
    }
    if (ok) {
        if (k == K_STR)
            ok = format_str(h, value, &s, &out, &same);
        else if (k == K_FLOAT)
            ok = s.type == 0 || (s.type < 128 && strchr("eEfFgGn%", (int)s.type))
                     ? format_float(h, float_value(h, value), &s, &out)
                     : unknown_type(h, s.type, heap_type_name(h, value));
        else if (k == K_COMPLEX)
            ok = format_complex(h, value, &s, &out);
        else
            ok = format_int(h, value, &s, &out);
    }
    free(t.cp);
    Ref r = NULLREF;
    if (ok)
        r = same ? heap_newref(h, value) : str_from_utf8(h, out.data ? out.data : "", out.len);
    strbuf_free(&out);
    return r;
}
