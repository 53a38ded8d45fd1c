/* printf-style formatting (fmt % args, CPython's PyUnicode_Format) and
 * str.format (Objects/stringlib/unicode_format.h).
 *
 * Both assemble their result like CPython's _PyUnicodeWriter: a result
 * that is exactly one whole str written last, with nothing before it,
 * is that very object ("%s" % s is s, "{}".format(s) is s); anything else
 * is a new string, with '' and Latin-1 single characters coming from the
 * caches (unicode_result). */
#include <stdlib.h>
#include <string.h>

#include "sim/abstract.h"
#include "sim/excobject.h"
#include "sim/floatobject.h"
#include "sim/format.h"
#include "sim/intobject.h"
#include "sim/strimpl.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "util/xalloc.h"

/* ---- the writer ---- */

typedef struct Writer {
    StrBuilder sb;
    Ref whole;       /* the single str written as the whole result, or 0 */
    bool dirty;      /* something went into the buffer */
} Writer;

/* Append the text of str S: when nothing was written yet and S is the
 * last piece, the result may be S itself (readonly writer). */
static void w_str(Heap *h, Writer *w, Ref s, bool last)
{
    if (str_len(h, s) == 0)
        return;
    if (!w->dirty && !w->whole && last && str_check_exact(h, s)) {
        w->whole = heap_newref(h, s);
        return;
    }
    if (w->whole) {
        sb_str(h, &w->sb, w->whole);
        heap_decref(h, w->whole);
        w->whole = NULLREF;
    }
    sb_str(h, &w->sb, s);
    w->dirty = true;
}

/* Append UTF-8 text (written into the buffer). */
static void w_text(Heap *h, Writer *w, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (w->whole) {
        sb_str(h, &w->sb, w->whole);
        heap_decref(h, w->whole);
        w->whole = NULLREF;
    }
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        i += (size_t)utf8_decode1(u + i, &cp);
        sb_putc(&w->sb, cp);
    }
    w->dirty = true;
}

/* Append code point CP. */
static void w_char(Heap *h, Writer *w, uint32_t cp)
{
    char buf[4];
    w_text(h, w, buf, (size_t)utf8_encode1(cp, buf));
}

/* Release a writer after an error. */
static void w_free(Heap *h, Writer *w)
{
    heap_decref(h, w->whole);
    sb_free(&w->sb);
}

/* The result of the writer (_PyUnicodeWriter_Finish). */
static Ref w_finish(Heap *h, Writer *w)
{
    if (w->whole && !w->dirty) {
        sb_free(&w->sb);
        return w->whole;
    }
    return sb_finish(h, &w->sb, STR_CACHED);
}

/* ascii(v): repr(v) with non-ASCII characters backslash-escaped. */
static Ref ascii_of(Heap *h, Ref v)
{
    Ref rep = obj_repr(h, v);
    if (!rep || str_data(h, rep)->ascii)
        return rep;
    StrBuf b = {0};
    size_t n = str_len(h, rep);
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char_at(h, rep, i);
        if (c < 0x80)
            strbuf_putc(&b, (char)c);
        else if (c <= 0xff)
            strbuf_printf(&b, "\\x%02x", (unsigned)c);
        else if (c <= 0xffff)
            strbuf_printf(&b, "\\u%04x", (unsigned)c);
        else
            strbuf_printf(&b, "\\U%08x", (unsigned)c);
    }
    heap_decref(h, rep);
    Ref r = str_from_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return r;
}

/* ---- fmt % args ---- */

enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct PctCtx {
    Heap *h;
    Ref fmt;
    size_t len, pos;
    int64_t fmtcnt;
    Ref args;          /* the current argument source (owned when args_owned) */
    bool args_owned;
    int64_t arglen, argidx;
    Ref dict;          /* args when it is a mapping, else 0 (borrowed) */
    Writer w;
} PctCtx;

typedef struct PctArg {
    uint32_t ch;
    int flags;
    int64_t width, prec;
    bool sign;
} PctArg;

/* The format character at POS (0 past the end, like CPython's NUL). */
static uint32_t fch(PctCtx *c, size_t pos)
{
    return pos < c->len ? str_char_at(c->h, c->fmt, pos) : 0;
}

/* unicode_format_getnextarg: borrowed, or 0 with "not enough arguments". */
static Ref next_arg(PctCtx *c)
{
    int64_t i = c->argidx;
    if (i < c->arglen) {
        c->argidx++;
        return c->arglen < 0 ? c->args : tuple_items(c->h, c->args)[i];
    }
    return heap_raise(c->h, EXC_TypeError, "not enough arguments for format string");
}

/* True when O supports subscription like a mapping (PyMapping_Check). */
static bool is_mapping(Heap *h, Ref o)
{
    Ref t = heap_type(h, o);
    if (heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype)
        return type_lookup_cstr(h, t, "__getitem__") != 0;
    return heap_ops(h, o)->getitem != NULL;
}

/* Read the next character of the spec into A->ch; false at the end. */
static bool advance(PctCtx *c, PctArg *a)
{
    if (--c->fmtcnt < 0)
        return false;
    a->ch = fch(c, c->pos++);
    return true;
}

/* Parse "(key)": switch the argument source to dict[key]. */
static bool parse_key(PctCtx *c)
{
    Heap *h = c->h;
    if (!c->dict) {
        heap_raise(h, EXC_TypeError, "format requires a mapping");
        return false;
    }
    c->pos++;
    c->fmtcnt--;
    size_t keystart = c->pos;
    int pcount = 1;
    while (pcount > 0 && --c->fmtcnt >= 0) {
        uint32_t ch = fch(c, c->pos);
        if (ch == ')')
            pcount--;
        else if (ch == '(')
            pcount++;
        c->pos++;
    }
    if (c->fmtcnt < 0 || pcount > 0) {
        heap_raise(h, EXC_ValueError, "incomplete format key");
        return false;
    }
    Ref key = str_substring(h, c->fmt, keystart, c->pos - 1);
    if (!key)
        return false;
    Ref v = obj_getitem(h, c->dict, key);
    heap_decref(h, key);
    if (!v)
        return false;
    if (c->args_owned)
        heap_decref(h, c->args);
    c->args = v;
    c->args_owned = true;
    c->arglen = -1;
    c->argidx = -2;
    return true;
}

/* A '*' width or precision from the arguments. */
static bool star_arg(PctCtx *c, int64_t *out, bool prec)
{
    Ref v = next_arg(c);
    if (!v)
        return false;
    if (!int_check(c->h, v)) {
        heap_raise(c->h, EXC_TypeError, "* wants int");
        return false;
    }
    if (!int_as_i64(c->h, v, out) || (prec && (*out < INT32_MIN || *out > INT32_MAX))) {
        heap_raise(c->h, EXC_OverflowError, "Python int too large to convert to C %s",
                   prec ? "int" : "ssize_t");
        return false;
    }
    return true;
}

/* A run of decimal digits starting with A->ch into *OUT. */
static bool digits(PctCtx *c, PctArg *a, int64_t *out, const char *what)
{
    *out = a->ch - '0';
    while (advance(c, a)) {
        if (a->ch < '0' || a->ch > '9')
            break;
        if (*out > (INT32_MAX - (int64_t)(a->ch - '0')) / 10) {
            heap_raise(c->h, EXC_ValueError, "%s too big", what);
            return false;
        }
        *out = *out * 10 + (a->ch - '0');
    }
    return true;
}

/* unicode_format_arg_parse: key, flags, width, precision, type. */
static bool parse_arg(PctCtx *c, PctArg *a)
{
    if (fch(c, c->pos) == '(' && !parse_key(c))
        return false;
    while (advance(c, a)) {
        int f = a->ch == '-' ? F_LJUST : a->ch == '+' ? F_SIGN : a->ch == ' ' ? F_BLANK
                : a->ch == '#' ? F_ALT : a->ch == '0' ? F_ZERO : 0;
        if (!f)
            break;
        a->flags |= f;
    }
    if (a->ch == '*') {
        if (!star_arg(c, &a->width, false))
            return false;
        if (a->width < 0) {
            a->flags |= F_LJUST;
            a->width = -a->width;
        }
        advance(c, a);
    } else if (a->ch >= '0' && a->ch <= '9') {
        if (!digits(c, a, &a->width, "width"))
            return false;
    }
    if (a->ch == '.') {
        a->prec = 0;
        advance(c, a);
        if (a->ch == '*') {
            if (!star_arg(c, &a->prec, true))
                return false;
            if (a->prec < 0)
                a->prec = 0;
            advance(c, a);
        } else if (a->ch >= '0' && a->ch <= '9') {
            if (!digits(c, a, &a->prec, "precision"))
                return false;
        }
    }
    if (c->fmtcnt >= 0 && (a->ch == 'h' || a->ch == 'l' || a->ch == 'L'))
        advance(c, a);
    if (c->fmtcnt < 0) {
        heap_raise(c->h, EXC_ValueError, "incomplete format");
        return false;
    }
    return true;
}

/* True when V supports int()/float() conversion (PyNumber_Check). */
static bool is_number(Heap *h, Ref v)
{
    Kind k = heap_kind(h, v);
    if (k == K_INT || k == K_BOOL || k == K_FLOAT || k == K_COMPLEX)
        return true;
    Ref t = heap_type(h, v);
    return heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
           && (type_lookup_cstr(h, t, "__index__") || type_lookup_cstr(h, t, "__int__")
               || type_lookup_cstr(h, t, "__float__"));
}

/* Digits of int IV in BASE with CPython's _PyUnicode_FormatLong rules
 * (sign, "0x"/"0o" with F_ALT, zero-padded to PREC digits). */
static Ref format_long(Heap *h, Ref iv, int flags, int64_t prec, uint32_t type)
{
    StrBuf b = {0};
    if (type == 'd' || type == 'i' || type == 'u') {
        if (!int_str_into(h, iv, &b)) {
            strbuf_free(&b);
            return NULLREF;
        }
    } else {
        Ref s = int_to_base_str(h, iv, type == 'o' ? 8 : 16);
        if (!s)
            return NULLREF;
        strbuf_puts(&b, str_utf8(h, s, NULL));
        heap_decref(h, s);
    }
    const char *p = strbuf_cstr(&b);
    bool neg = *p == '-';
    if (neg)
        p++;
    if (type != 'd' && type != 'i' && type != 'u')
        p += 2;                                   /* drop "0x" / "0o" */
    StrBuf o = {0};
    if (neg)
        strbuf_putc(&o, '-');
    if (flags & F_ALT && type != 'd' && type != 'i' && type != 'u')
        strbuf_puts(&o, type == 'o' ? "0o" : type == 'X' ? "0X" : "0x");
    for (int64_t n = (int64_t)strlen(p); n < prec; n++)
        strbuf_putc(&o, '0');
    for (; *p; p++)
        strbuf_putc(&o, type == 'X' && *p >= 'a' && *p <= 'f' ? (char)(*p - 32) : *p);
    strbuf_free(&b);
    Ref r = type == 'd' || type == 'i' || type == 'u' ? str_new_utf8(h, o.data, o.len)
                                                      : str_from_utf8(h, o.data, o.len);
    strbuf_free(&o);
    return r;
}

/* The int for %d/%x of V (a new reference), or 0: *WRONG reports a value
 * of the wrong type (no exception set). */
static Ref as_int_arg(Heap *h, Ref v, uint32_t type, bool *wrong)
{
    *wrong = false;
    if (!is_number(h, v)) {
        *wrong = true;
        return NULLREF;
    }
    if (int_check(h, v))
        return heap_newref(h, v);
    Ref r;
    if (type == 'o' || type == 'x' || type == 'X') {
        int64_t i;
        if (heap_kind(h, v) == K_FLOAT || heap_kind(h, v) == K_COMPLEX) {
            *wrong = true;
            return NULLREF;
        }
        if (obj_as_index(h, v, &i) < 0)
            return NULLREF;
        return int_from_i64(h, i);
    }
    if (heap_kind(h, v) == K_FLOAT)
        return int_from_double(h, float_value(h, v));
    r = obj_call(h, h->type_of_kind[K_INT], &v, 1, NULLREF);
    if (!r && heap_exc_matches(h, EXC_TypeError)) {
        heap_clear_exc(h);
        *wrong = true;
    }
    return r;
}

/* mainformatlong: 1 when written directly, 0 with *OUT set, -1 on error. */
static int format_int_arg(PctCtx *c, PctArg *a, Ref v, Ref *out)
{
    Heap *h = c->h;
    bool wrong;
    Ref iv = as_int_arg(h, v, a->ch, &wrong);
    if (!iv) {
        if (wrong) {
            if (a->ch == 'o' || a->ch == 'x' || a->ch == 'X')
                heap_raise(h, EXC_TypeError, "%%%c format: an integer is required, not %s",
                           (char)a->ch, heap_type_name(h, v));
            else
                heap_raise(h, EXC_TypeError, "%%%c format: a %s is required, not %s",
                           (char)a->ch, h->prof->real_number, heap_type_name(h, v));
        }
        return -1;
    }
    bool fast = heap_kind(h, v) == K_INT && a->width == -1 && a->prec == -1
                && !(a->flags & (F_SIGN | F_BLANK)) && a->ch != 'X';
    Ref s = format_long(h, iv, a->flags, fast ? -1 : a->prec, a->ch);
    heap_decref(h, iv);
    if (!s)
        return -1;
    if (fast) {
        StrData *d = str_data(h, s);
        w_text(h, &c->w, d->utf8, d->nbytes);
        heap_decref(h, s);
        return 1;
    }
    *out = s;
    return 0;
}

/* formatfloat: the text of V for %e/%f/%g; 1 written, 0 *OUT set, -1. */
static int format_float_arg(PctCtx *c, PctArg *a, Ref v, Ref *out)
{
    Heap *h = c->h;
    double x;
    int rc = float_coerce(h, v, &x);
    if (rc < 0)
        return -1;
    if (rc == 0) {
        Ref t = heap_type(h, v);
        Ref fn = heap_kind(h, t) == K_TYPE && type_data(h, t)->heaptype
                     ? type_lookup_cstr(h, t, "__float__") : NULLREF;
        Ref f = fn ? obj_call(h, h->type_of_kind[K_FLOAT], &v, 1, NULLREF) : NULLREF;
        if (!f) {
            if (!fn)
                heap_raise(h, EXC_TypeError, "must be real number, not %s", heap_type_name(h, v));
            return -1;
        }
        x = float_value(h, f);
        heap_decref(h, f);
    }
    StrBuf b = {0};
    format_double(&b, x, (char)a->ch, a->prec < 0 ? 6 : (int)a->prec,
                  a->flags & F_ALT ? DTSF_ALT : 0);
    bool fast = a->width == -1 && a->prec == -1 && !(a->flags & (F_SIGN | F_BLANK));
    if (fast) {
        w_text(h, &c->w, b.data ? b.data : "", b.len);
        strbuf_free(&b);
        return 1;
    }
    *out = str_new_utf8(h, b.data, b.len);
    strbuf_free(&b);
    return *out ? 0 : -1;
}

/* formatchar: the code point of %c's argument, or -1. */
static int64_t format_char(Heap *h, Ref v)
{
    if (str_check(h, v)) {
        if (str_len(h, v) == 1)
            return str_char_at(h, v, 0);
    } else if (int_check(h, v)) {
        int64_t x;
        if (!int_as_i64(h, v, &x)) {
            if (!h->prof->pct_c_overflow)
                goto wrong;
            x = -1;
        }
        if (x < 0 || x > 0x10ffff) {
            heap_raise(h, EXC_OverflowError, "%%c arg not in range(0x110000)");
            return -1;
        }
        return x;
    }
wrong:
    heap_raise(h, EXC_TypeError, "%%c requires int or char");
    return -1;
}

/* unicode_format_arg_format: 1 = written, 0 = *OUT to output, -1 = error. */
static int format_arg(PctCtx *c, PctArg *a, Ref *out)
{
    Heap *h = c->h;
    Ref v = next_arg(c);
    if (!v)
        return -1;
    switch (a->ch) {
    case 's': case 'r': case 'a':
        if (heap_kind(h, v) == K_INT && a->width == -1 && a->prec == -1) {
            StrBuf b = {0};
            bool ok = int_str_into(h, v, &b);
            if (ok)
                w_text(h, &c->w, b.data ? b.data : "", b.len);
            strbuf_free(&b);
            return ok ? 1 : -1;
        }
        if (a->ch == 's')
            *out = obj_str(h, v);
        else if (a->ch == 'r')
            *out = obj_repr(h, v);
        else
            *out = ascii_of(h, v);
        return *out ? 0 : -1;
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
        a->sign = true;
        return format_int_arg(c, a, v, out);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
        a->sign = true;
        return format_float_arg(c, a, v, out);
    case 'c': {
        int64_t ch = format_char(h, v);
        if (ch < 0)
            return -1;
        if (a->width == -1 && a->prec == -1) {
            w_char(h, &c->w, (uint32_t)ch);
            return 1;
        }
        *out = str_chr(h, ch);
        return *out ? 0 : -1;
    }
    default:
        heap_raise(h, EXC_ValueError, "unsupported format character '%c' (0x%x) at index %zu",
                   a->ch >= 31 && a->ch <= 126 ? (char)a->ch : '?', (unsigned)a->ch,
                   c->pos - 1);
        return -1;
    }
}

/* unicode_format_arg_output: pad, sign and write the formatted STR. */
static void output_arg(PctCtx *c, PctArg *a, Ref s)
{
    Heap *h = c->h;
    int64_t len = (int64_t)str_len(h, s);
    if ((a->width == -1 || a->width <= len) && (a->prec == -1 || a->prec >= len)
        && !(a->flags & (F_SIGN | F_BLANK))) {
        w_str(h, &c->w, s, c->fmtcnt <= 0);
        return;
    }
    if ((a->ch == 's' || a->ch == 'r' || a->ch == 'a') && a->prec >= 0 && len > a->prec)
        len = a->prec;
    size_t pindex = 0;
    uint32_t signchar = 0;
    uint32_t fill = a->sign && (a->flags & F_ZERO) ? '0' : ' ';
    if (a->sign) {
        uint32_t ch = len ? str_char_at(h, s, 0) : 0;
        if (ch == '-' || ch == '+') {
            signchar = ch;
            len--;
            pindex++;
        } else if (a->flags & F_SIGN) {
            signchar = '+';
        } else if (a->flags & F_BLANK) {
            signchar = ' ';
        } else {
            a->sign = false;
        }
    }
    if (a->width < len)
        a->width = len;
    bool alt = (a->flags & F_ALT) && (a->ch == 'x' || a->ch == 'X' || a->ch == 'o');
    if (signchar) {
        if (fill != ' ')
            w_char(h, &c->w, signchar);
        if (a->width > len)
            a->width--;
    }
    if (alt) {
        if (fill != ' ') {
            w_char(h, &c->w, '0');
            w_char(h, &c->w, a->ch);
            pindex += 2;
        }
        a->width -= 2;
        if (a->width < 0)
            a->width = 0;
        len -= 2;
    }
    if (a->width > len && !(a->flags & F_LJUST)) {
        for (int64_t i = len; i < a->width; i++)
            w_char(h, &c->w, fill);
        a->width = len;
    }
    if (fill == ' ') {
        if (signchar)
            w_char(h, &c->w, signchar);
        if (alt) {
            w_char(h, &c->w, '0');
            w_char(h, &c->w, a->ch);
            pindex += 2;
        }
    }
    for (int64_t i = 0; i < len; i++)
        w_char(h, &c->w, str_char_at(h, s, pindex + (size_t)i));
    for (int64_t i = len; i < a->width; i++)
        w_char(h, &c->w, ' ');
}

/* unicode_format_arg: one "%..." conversion. */
static bool format_one(PctCtx *c)
{
    if (fch(c, c->pos) == '%') {
        c->pos++;
        w_char(c->h, &c->w, '%');
        return true;
    }
    PctArg a = {.width = -1, .prec = -1};
    if (!parse_arg(c, &a))
        return false;
    Ref s = NULLREF;
    int rc = format_arg(c, &a, &s);
    if (rc < 0)
        return false;
    if (rc == 0) {
        output_arg(c, &a, s);
        heap_decref(c->h, s);
    }
    return true;
}

/* fmt % args (PyUnicode_Format). */
Ref str_mod(Heap *h, Ref fmt, Ref args)
{
    PctCtx c = {.h = h, .fmt = fmt, .len = str_len(h, fmt), .args = args};
    c.fmtcnt = (int64_t)c.len;
    if (heap_kind(h, args) == K_TUPLE) {
        c.arglen = (int64_t)tuple_size(h, args);
        c.argidx = 0;
    } else {
        c.arglen = -1;
        c.argidx = -2;
    }
    if (heap_kind(h, args) != K_TUPLE && !str_check(h, args) && is_mapping(h, args))
        c.dict = args;
    bool ok = true;
    while (ok && --c.fmtcnt >= 0) {
        if (fch(&c, c.pos) != '%') {
            size_t start = c.pos++;
            while (c.fmtcnt >= 0 && fch(&c, c.pos) != '%') {
                c.pos++;
                c.fmtcnt--;
            }
            if (c.fmtcnt < 0)
                c.pos--;
            if (start == 0 && c.pos >= c.len) {
                w_str(h, &c.w, fmt, c.fmtcnt < 0);
            } else {
                for (size_t i = start; i < c.pos && i < c.len; i++)
                    w_char(h, &c.w, str_char_at(h, fmt, i));
            }
        } else {
            c.pos++;
            ok = format_one(&c);
        }
    }
    if (ok && c.argidx < c.arglen && !c.dict) {
        heap_raise(h, EXC_TypeError, "not all arguments converted during string formatting");
        ok = false;
    }
    if (c.args_owned)
        heap_decref(h, c.args);
    if (!ok) {
        w_free(h, &c.w);
        return NULLREF;
    }
    return w_finish(h, &c.w);
}

/* ---- str.format ---- */

typedef struct FmtCtx {
    Heap *h;
    const Ref *args;
    size_t nargs;
    Ref kwnames;
    int auto_state;   /* 0 unknown, 1 automatic, 2 manual */
    int64_t next_auto;
} FmtCtx;

/* The keyword argument NAME (a str), borrowed, or 0 with KeyError. */
static Ref kw_lookup(FmtCtx *f, Ref name)
{
    Heap *h = f->h;
    size_t nkw = f->kwnames ? tuple_size(h, f->kwnames) : 0;
    for (size_t i = 0; i < nkw; i++)
        if (str_equal(h, tuple_items(h, f->kwnames)[i], name))
            return f->args[f->nargs + i];
    Ref t = tuple_pack(h, 1, name);
    if (t) {
        Ref e = exc_new_args(h, h->exc_types[EXC_KeyError], t);
        heap_decref(h, t);
        if (e) {
            heap_raise_obj(h, e);
            heap_decref(h, e);
        }
    }
    return NULLREF;
}

/* True when code points S[a:b] are all decimal digits (and non-empty);
 * their value in *OUT (-1 when it overflows). */
static bool all_digits(Heap *h, Ref s, size_t a, size_t b, int64_t *out)
{
    if (a >= b)
        return false;
    int64_t v = 0;
    for (size_t i = a; i < b; i++) {
        uint32_t c = str_char_at(h, s, i);
        if (c < '0' || c > '9')
            return false;
        v = v > (INT64_MAX - 9) / 10 ? -1 : v < 0 ? -1 : v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

/* The first part of a field name: an argument (borrowed) by position,
 * automatic number or keyword. */
static Ref field_first(FmtCtx *f, Ref s, size_t a, size_t b)
{
    Heap *h = f->h;
    int64_t index = 0;
    bool numeric = all_digits(h, s, a, b, &index);
    if (numeric && index < 0)
        return heap_raise(h, EXC_ValueError, "Too many decimal digits in format string");
    if (a == b || numeric) {
        if (a == b) {
            if (f->auto_state == 2)
                return heap_raise(h, EXC_ValueError, "cannot switch from manual field "
                                  "specification to automatic field numbering");
            f->auto_state = 1;
            index = f->next_auto++;
        } else {
            if (f->auto_state == 1)
                return heap_raise(h, EXC_ValueError, "cannot switch from automatic field "
                                  "numbering to manual field specification");
            f->auto_state = 2;
        }
        if (index < 0 || (size_t)index >= f->nargs)
            return heap_raise(h, EXC_IndexError,
                              "Replacement index %lld out of range for positional args tuple",
                              (long long)index);
        return f->args[index];
    }
    Ref name = str_substring(h, s, a, b);
    if (!name)
        return NULLREF;
    Ref v = kw_lookup(f, name);
    heap_decref(h, name);
    return v;
}

/* Resolve the field name S[a:b] ("0", "name.attr", "x[0][key]"): a new
 * reference. */
static Ref field_value(FmtCtx *f, Ref s, size_t a, size_t b)
{
    Heap *h = f->h;
    size_t i = a;
    while (i < b && str_char_at(h, s, i) != '.' && str_char_at(h, s, i) != '[')
        i++;
    Ref obj = field_first(f, s, a, i);
    if (!obj)
        return NULLREF;
    heap_incref(h, obj);
    while (i < b && obj) {
        uint32_t c = str_char_at(h, s, i++);
        size_t start = i;
        Ref next = NULLREF;
        if (c == '.') {
            while (i < b && str_char_at(h, s, i) != '.' && str_char_at(h, s, i) != '[')
                i++;
            if (i == start) {
                heap_decref(h, obj);
                return heap_raise(h, EXC_ValueError, "Empty attribute in format string");
            }
            Ref name = str_substring(h, s, start, i);
            next = name ? obj_getattr(h, obj, name) : NULLREF;
            heap_decref(h, name);
        } else if (c == '[') {
            while (i < b && str_char_at(h, s, i) != ']')
                i++;
            if (i >= b) {
                heap_decref(h, obj);
                return heap_raise(h, EXC_ValueError, "Missing ']' in format string");
            }
            int64_t idx;
            Ref key = all_digits(h, s, start, i, &idx) && idx >= 0 ? int_from_i64(h, idx)
                                                                   : str_substring(h, s, start, i);
            i++;
            next = key ? obj_getitem(h, obj, key) : NULLREF;
            heap_decref(h, key);
            if (next && i < b && str_char_at(h, s, i) != '.' && str_char_at(h, s, i) != '[') {
                heap_decref(h, next);
                next = heap_raise(h, EXC_ValueError, "Only '.' or '[' may follow ']' in "
                                  "format field specifier");
            }
        } else {
            next = heap_raise(h, EXC_ValueError, "Only '.' or '[' may follow ']' in "
                              "format field specifier");
        }
        heap_decref(h, obj);
        obj = next;
    }
    return obj;
}

static bool build_string(FmtCtx *f, Ref s, size_t a, size_t b, int depth, Writer *w);

/* Apply conversion CONV ('r', 's', 'a' or 0) to V (stolen). */
static Ref convert(Heap *h, Ref v, uint32_t conv)
{
    Ref r;
    switch (conv) {
    case 0:
        return v;
    case 'r':
        r = obj_repr(h, v);
        break;
    case 's':
        r = obj_str(h, v);
        break;
    case 'a':
        r = ascii_of(h, v);
        break;
    default:
        r = conv > 32 && conv < 127
                ? heap_raise(h, EXC_ValueError, "Unknown conversion specifier %c", (char)conv)
                : heap_raise(h, EXC_ValueError, "Unknown conversion specifier \\x%x",
                             (unsigned)conv);
    }
    heap_decref(h, v);
    return r;
}

/* A parsed replacement field (parse_field). */
typedef struct Field {
    size_t name_a, name_b;   /* field name */
    size_t spec_a, spec_b;   /* format spec (empty when spec_a == spec_b) */
    uint32_t conv;           /* conversion character, or 0 */
    bool expand;             /* the spec holds nested fields */
} Field;

/* parse_field: parse the field starting at *POS (after its '{') up to and
 * including its closing '}' in S[..b]. */
static bool parse_field(Heap *h, Ref s, size_t *pos, size_t b, Field *fd)
{
    size_t i = *pos;
    uint32_t c = 0;
    fd->name_a = i;
    fd->conv = 0;
    fd->expand = false;
    fd->spec_a = fd->spec_b = 0;
    while (i < b) {
        c = str_char_at(h, s, i++);
        if (c == '{') {
            heap_raise(h, EXC_ValueError, "unexpected '{' in field name");
            return false;
        }
        if (c == '[') {
            while (i < b && str_char_at(h, s, i) != ']')
                i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    fd->name_b = i - 1;
    if (c != '!' && c != ':') {
        if (c != '}') {
            heap_raise(h, EXC_ValueError, "expected '}' before end of string");
            return false;
        }
        *pos = i;
        return true;
    }
    if (c == '!') {
        if (i >= b) {
            heap_raise(h, EXC_ValueError, "end of string while looking for conversion specifier");
            return false;
        }
        fd->conv = str_char_at(h, s, i++);
        if (i < b) {
            c = str_char_at(h, s, i++);
            if (c == '}') {
                *pos = i;
                return true;
            }
            if (c != ':') {
                heap_raise(h, EXC_ValueError, "expected ':' after conversion specifier");
                return false;
            }
        }
    }
    fd->spec_a = i;
    int count = 1;
    while (i < b) {
        c = str_char_at(h, s, i++);
        if (c == '{') {
            fd->expand = true;
            count++;
        } else if (c == '}' && --count == 0) {
            fd->spec_b = i - 1;
            *pos = i;
            return true;
        }
    }
    heap_raise(h, EXC_ValueError, "unmatched '{' in format spec");
    return false;
}

/* output_markup: look the field's value up, convert and format it. */
static bool output_field(FmtCtx *f, Ref s, const Field *fd, int depth, Writer *w, bool last)
{
    Heap *h = f->h;
    Ref v = field_value(f, s, fd->name_a, fd->name_b);
    if (!v)
        return false;
    v = convert(h, v, fd->conv);
    if (!v)
        return false;
    Ref spec;
    if (fd->expand) {
        Writer sw = {0};
        if (!build_string(f, s, fd->spec_a, fd->spec_b, depth - 1, &sw)) {
            w_free(h, &sw);
            heap_decref(h, v);
            return false;
        }
        spec = w_finish(h, &sw);
    } else {
        spec = str_substring(h, s, fd->spec_a, fd->spec_b);
    }
    Ref r = spec ? obj_format(h, v, spec) : NULLREF;
    Kind k = heap_kind(h, v);
    bool exact = h->objs[v].type == h->type_of_kind[k];
    bool direct = r && exact && (k == K_INT || (str_len(h, spec) && (k == K_STR || k == K_FLOAT
                                                                    || k == K_COMPLEX)));
    heap_decref(h, spec);
    heap_decref(h, v);
    if (!r)
        return false;
    if (direct) {
        StrData *d = str_data(h, r);
        w_text(h, w, d->utf8, d->nbytes);
    } else {
        w_str(h, w, r, last);
    }
    heap_decref(h, r);
    return true;
}

/* do_markup over S[a:b] into W (MarkupIterator_next's literal rules). */
static bool build_string(FmtCtx *f, Ref s, size_t a, size_t b, int depth, Writer *w)
{
    Heap *h = f->h;
    if (depth <= 0) {
        heap_raise(h, EXC_ValueError, "Max string recursion exceeded");
        return false;
    }
    size_t i = a;
    while (i < b) {
        size_t start = i;
        uint32_t c = 0;
        bool markup = false;
        while (i < b) {
            c = str_char_at(h, s, i++);
            if (c == '{' || c == '}') {
                markup = true;
                break;
            }
        }
        bool at_end = i >= b;
        size_t len = i - start;
        if (markup && c == '}' && (at_end || str_char_at(h, s, i) != c)) {
            heap_raise(h, EXC_ValueError, "Single '}' encountered in format string");
            return false;
        }
        if (markup && at_end && c == '{') {
            heap_raise(h, EXC_ValueError, "Single '{' encountered in format string");
            return false;
        }
        if (markup && !at_end) {
            if (str_char_at(h, s, i) == c) {
                i++;
                markup = false;
            } else {
                len--;
            }
        }
        Field fd;
        if (markup && !parse_field(h, s, &i, b, &fd))
            return false;
        if (len) {
            if (start == 0 && len == str_len(h, s))
                w_str(h, w, s, !markup && i >= b);
            else
                for (size_t k = start; k < start + len; k++)
                    w_char(h, w, str_char_at(h, s, k));
        }
        if (markup && !output_field(f, s, &fd, depth, w, i >= b))
            return false;
    }
    return true;
}

/* fmt.format(*args, **kwargs). */
Ref str_format_method(Heap *h, Ref self, const Ref *args, size_t nargs, Ref kwnames)
{
    FmtCtx f = {.h = h, .args = args, .nargs = nargs, .kwnames = kwnames};
    Writer w = {0};
    if (!build_string(&f, self, 0, str_len(h, self), 2, &w)) {
        w_free(h, &w);
        return NULLREF;
    }
    return w_finish(h, &w);
}

/* fmt.format(...) for callers outside the method table. */
Ref str_format_call(Heap *h, Ref fmt, const Ref *args, size_t nargs, Ref kwnames)
{
    return str_format_method(h, fmt, args, nargs, kwnames);
}
