/*
 * lexer.c — the tokenizer.
 *
 * Design.  The source is first copied into a normalized buffer: "\r\n" and
 * lone "\r" become "\n", a missing final newline is added (CPython does the
 * same) and a NUL sentinel follows, so every scan can look one or two bytes
 * ahead without bounds checks beyond `len`.  Tokens are then produced in one
 * pass into an array, like CPython's tok_get(): indentation is measured at
 * the start of each logical line (tabs to multiples of 8, with the
 * "alternate" tab size 1 used to detect TabError), brackets keep a stack so
 * that newlines inside them are ignored and mismatches are caught, and
 * blank/comment-only lines produce nothing.
 *
 * Tokenizing stops at the first error.  The error is recorded in
 * Lexer.err with positions already chosen for the profile's CPython version
 * (3.8's tokenizer reports many errors at the end of the line, 3.10+ at the
 * token start) and a TOK_ERRORTOKEN closes the array.  The parser reports it
 * when it reaches that token — or earlier, when the profile says later
 * tokenizer errors take priority (the 3.10+ "tokenize the rest of the file"
 * step).
 *
 * String literals are one token each, prefix and quotes included; their
 * value is decoded by the parser.  In PEP 701 mode (3.12+) an f-string may
 * contain strings with its own quote inside replacement fields, so scanning
 * to its end has to follow braces (lexer_scan_string).
 */
#include "lexer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABSIZE 8
#define MAX_INDENT_HARD 100
#define MAX_LEVEL_HARD 256
#define MAX_STRING_DEPTH 64

typedef struct {
    char ch;
    int lineno, col;
} Bracket;

typedef struct {
    Lexer *lex;
    const char *buf;
    size_t len, pos;
    int lineno;
    size_t line_start;
    int indstack[MAX_INDENT_HARD + 1], altindstack[MAX_INDENT_HARD + 1];
    int indent, pendin;
    bool atbol;
    Bracket brackets[MAX_LEVEL_HARD];
    int level;
    size_t cap;
    bool range_mode;
    size_t range_end;
} Scan;

static const struct { const char *s; LexKeyword kw; } keywords[] = {
    {"False", KW_FALSE}, {"None", KW_NONE}, {"True", KW_TRUE},
    {"and", KW_AND}, {"as", KW_AS}, {"assert", KW_ASSERT},
    {"async", KW_ASYNC}, {"await", KW_AWAIT}, {"break", KW_BREAK},
    {"class", KW_CLASS}, {"continue", KW_CONTINUE}, {"def", KW_DEF},
    {"del", KW_DEL}, {"elif", KW_ELIF}, {"else", KW_ELSE},
    {"except", KW_EXCEPT}, {"finally", KW_FINALLY}, {"for", KW_FOR},
    {"from", KW_FROM}, {"global", KW_GLOBAL}, {"if", KW_IF},
    {"import", KW_IMPORT}, {"in", KW_IN}, {"is", KW_IS},
    {"lambda", KW_LAMBDA}, {"nonlocal", KW_NONLOCAL}, {"not", KW_NOT},
    {"or", KW_OR}, {"pass", KW_PASS}, {"raise", KW_RAISE},
    {"return", KW_RETURN}, {"try", KW_TRY}, {"while", KW_WHILE},
    {"with", KW_WITH}, {"yield", KW_YIELD},
};

static const char *const token_names[TOK_N_TYPES] = {
    "ENDMARKER", "NAME", "NUMBER", "STRING", "NEWLINE", "INDENT", "DEDENT",
    "LPAR", "RPAR", "LSQB", "RSQB", "COLON", "COMMA", "SEMI", "PLUS",
    "MINUS", "STAR", "SLASH", "VBAR", "AMPER", "LESS", "GREATER", "EQUAL",
    "DOT", "PERCENT", "LBRACE", "RBRACE", "EQEQUAL", "NOTEQUAL",
    "LESSEQUAL", "GREATEREQUAL", "TILDE", "CIRCUMFLEX", "LEFTSHIFT",
    "RIGHTSHIFT", "DOUBLESTAR", "PLUSEQUAL", "MINEQUAL", "STAREQUAL",
    "SLASHEQUAL", "PERCENTEQUAL", "AMPEREQUAL", "VBAREQUAL",
    "CIRCUMFLEXEQUAL", "LEFTSHIFTEQUAL", "RIGHTSHIFTEQUAL",
    "DOUBLESTAREQUAL", "DOUBLESLASH", "DOUBLESLASHEQUAL", "AT", "ATEQUAL",
    "RARROW", "ELLIPSIS", "COLONEQUAL", "EXCLAMATION", "OP", "ERRORTOKEN",
};

/* Operators, longest first so that the first match is the longest. */
static const struct { const char *s; LexTokType t; } operators[] = {
    {"**=", TOK_DOUBLESTAREQUAL}, {"//=", TOK_DOUBLESLASHEQUAL},
    {"<<=", TOK_LEFTSHIFTEQUAL}, {">>=", TOK_RIGHTSHIFTEQUAL},
    {"...", TOK_ELLIPSIS},
    {"!=", TOK_NOTEQUAL}, {"%=", TOK_PERCENTEQUAL}, {"&=", TOK_AMPEREQUAL},
    {"**", TOK_DOUBLESTAR}, {"*=", TOK_STAREQUAL}, {"+=", TOK_PLUSEQUAL},
    {"-=", TOK_MINEQUAL}, {"->", TOK_RARROW}, {"//", TOK_DOUBLESLASH},
    {"/=", TOK_SLASHEQUAL}, {":=", TOK_COLONEQUAL}, {"<<", TOK_LEFTSHIFT},
    {"<=", TOK_LESSEQUAL}, {"==", TOK_EQEQUAL}, {">=", TOK_GREATEREQUAL},
    {">>", TOK_RIGHTSHIFT}, {"@=", TOK_ATEQUAL}, {"^=", TOK_CIRCUMFLEXEQUAL},
    {"|=", TOK_VBAREQUAL}, {"<>", TOK_OP},
    {"!", TOK_EXCLAMATION}, {"%", TOK_PERCENT}, {"&", TOK_AMPER},
    {"(", TOK_LPAR}, {")", TOK_RPAR}, {"*", TOK_STAR}, {"+", TOK_PLUS},
    {",", TOK_COMMA}, {"-", TOK_MINUS}, {".", TOK_DOT}, {"/", TOK_SLASH},
    {":", TOK_COLON}, {";", TOK_SEMI}, {"<", TOK_LESS}, {"=", TOK_EQUAL},
    {">", TOK_GREATER}, {"@", TOK_AT}, {"[", TOK_LSQB}, {"]", TOK_RSQB},
    {"^", TOK_CIRCUMFLEX}, {"{", TOK_LBRACE}, {"|", TOK_VBAR},
    {"}", TOK_RBRACE}, {"~", TOK_TILDE},
};

/* Name of a token type as in CPython's token module. */
const char *lexer_token_name(LexTokType type)
{
    return type < TOK_N_TYPES ? token_names[type] : "?";
}

/* Decode one UTF-8 sequence; invalid input decodes as its first byte. */
int lexer_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0];
    int len, i;
    if (c < 0x80) { *cp = c; return 1; }
    if (c >= 0xf0 && c < 0xf5) { len = 4; c &= 0x07; }
    else if (c >= 0xe0 && c < 0xf0) { len = 3; c &= 0x0f; }
    else if (c >= 0xc2 && c < 0xe0) { len = 2; c &= 0x1f; }
    else { *cp = s[0]; return 1; }
    if ((size_t)len > n) { *cp = s[0]; return 1; }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) { *cp = s[0]; return 1; }
        c = (c << 6) | (s[i] & 0x3f);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff))) {
        *cp = s[0];
        return 1;
    }
    *cp = c;
    return len;
}

/* Byte length of the valid UTF-8 sequence at s, or 0 if invalid. */
static int utf8_valid_len(const unsigned char *s, size_t n)
{
    unsigned cp;
    int l = lexer_utf8_decode(s, n, &cp);
    if (l == 1 && s[0] >= 0x80)
        return 0;
    if (cp >= 0xd800 && cp <= 0xdfff)
        return 0;
    return l;
}

/* ---- buffer and lines ---------------------------------------------- */

/* Copy src into lex->buf with newlines normalized; false on OOM. */
static bool lexer_normalize(Lexer *lex, const char *src, size_t len)
{
    size_t i = 0, o = 0;
    if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    lex->buf = malloc(len + 3);
    if (!lex->buf)
        return false;
    for (; i < len; i++) {
        if (src[i] == '\r') {
            lex->buf[o++] = '\n';
            if (i + 1 < len && src[i + 1] == '\n')
                i++;
        } else {
            lex->buf[o++] = src[i];
        }
    }
    if (o == 0 || lex->buf[o - 1] != '\n')
        lex->buf[o++] = '\n';
    lex->buf[o] = '\0';
    lex->len = o;
    lex->owns_buf = true;
    return true;
}

/* Record the start offsets of every line. */
static bool lexer_index_lines(Lexer *lex)
{
    size_t i, n = 1;
    for (i = 0; i < lex->len; i++)
        if (lex->buf[i] == '\n')
            n++;
    lex->line_starts = malloc(n * sizeof *lex->line_starts);
    if (!lex->line_starts)
        return false;
    lex->n_lines = 0;
    lex->line_starts[lex->n_lines++] = 0;
    for (i = 0; i < lex->len; i++)
        if (lex->buf[i] == '\n' && i + 1 < lex->len)
            lex->line_starts[lex->n_lines++] = i + 1;
    return true;
}

/* Text of 1-based line `lineno` (without newline). */
const char *lexer_line(const Lexer *lex, int lineno, size_t *len)
{
    size_t s, e;
    if (lineno < 1 || lineno > lex->n_lines) {
        *len = 0;
        return "";
    }
    s = lex->line_starts[lineno - 1];
    e = s;
    while (e < lex->len && lex->buf[e] != '\n')
        e++;
    *len = e - s;
    return lex->buf + s;
}

/* Column in characters of byte column `col` on `lineno`. */
int lexer_char_col(const Lexer *lex, int lineno, int col)
{
    size_t len, i;
    const char *line = lexer_line(lex, lineno, &len);
    int chars = 0;
    if (col <= 0)
        return col;
    for (i = 0; i < (size_t)col; i++) {
        if (i >= len)
            chars++;
        else if (((unsigned char)line[i] & 0xc0) != 0x80)
            chars++;
    }
    return chars;
}

/* ---- errors -------------------------------------------------------- */

/* Record an error at 1-based byte offsets (end 0 = same as start). */
static void scan_error(Scan *s, SyntaxErrKind kind, int lineno, int offset,
                       int end_lineno, int end_offset)
{
    Lexer *lex = s->lex;
    if (lex->has_error)
        return;
    lex->has_error = true;
    lex->error_is_direct = true;
    lex->err.kind = kind;
    lex->err.lineno = lineno;
    lex->err.offset = offset;
    lex->err.end_lineno = end_lineno;
    lex->err.end_offset = end_offset;
}

/* Length in bytes of the current line (without newline). */
static int scan_line_len(const Scan *s, size_t line_start)
{
    size_t e = line_start;
    while (e < s->len && s->buf[e] != '\n')
        e++;
    return (int)(e - line_start);
}

/* Error at the current line's end, as 3.8 and the indentation errors do. */
static void scan_error_eol(Scan *s, SyntaxErrKind kind, int end_offset)
{
    int off = scan_line_len(s, s->line_start) + 1;
    scan_error(s, kind, s->lineno, off, s->lineno, end_offset);
}

/* Error at byte column `col` (0-based) of the current line, one column wide. */
static void scan_error_col(Scan *s, SyntaxErrKind kind, int col)
{
    scan_error(s, kind, s->lineno, col + 1, s->lineno, col + 1);
}

/* ---- token output -------------------------------------------------- */

/* Append a token; false on OOM. */
static bool emit(Scan *s, LexTokType type, size_t start, int lineno,
                 size_t line_start, size_t end)
{
    Lexer *lex = s->lex;
    LexToken *t;
    if (lex->n_toks == s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 256;
        LexToken *n = realloc(lex->toks, ncap * sizeof *n);
        if (!n)
            return false;
        lex->toks = n;
        s->cap = ncap;
    }
    t = &lex->toks[lex->n_toks++];
    memset(t, 0, sizeof *t);
    t->type = type;
    t->start = start;
    t->end = end;
    t->lineno = lineno;
    t->col_offset = (int)(start - line_start);
    t->end_lineno = s->lineno;
    t->end_col_offset = (int)(end - s->line_start);
    return true;
}

/* Advance past a newline at s->pos, updating the line counters. */
static void scan_newline(Scan *s)
{
    s->pos++;
    s->lineno++;
    s->line_start = s->pos;
}

/* ---- numbers ------------------------------------------------------- */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_hex(int c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
static bool is_id_ascii(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c) || c >= 128; }

/* Error at the current scan position (CPython's syntaxerror() column). */
static void number_error(Scan *s, SyntaxErrKind kind)
{
    int col = (int)(s->pos - s->line_start);
    scan_error(s, kind, s->lineno, col, s->lineno, col);
}

/* Digits of a class with single underscores between them; false on error. */
static bool scan_digits(Scan *s, bool (*ok)(int), SyntaxErrKind kind)
{
    for (;;) {
        while (ok((unsigned char)s->buf[s->pos]))
            s->pos++;
        if (s->buf[s->pos] != '_')
            return true;
        s->pos++;
        if (!ok((unsigned char)s->buf[s->pos])) {
            number_error(s, kind);
            return false;
        }
    }
}

/* The 3.10+ check that a number is not followed by identifier characters. */
static bool verify_end_of_number(Scan *s, SyntaxErrKind kind)
{
    static const char *const ok_words[] = {"and", "else", "for", "if", "in", "is", "or", "not"};
    const char *p = s->buf + s->pos;
    size_t i;
    if (!s->lex->profile->new_parser || !is_id_ascii((unsigned char)*p) || (unsigned char)*p >= 128)
        return true;
    for (i = 0; i < sizeof ok_words / sizeof ok_words[0]; i++)
        if (strncmp(p, ok_words[i], strlen(ok_words[i])) == 0)
            return true;
    number_error(s, kind);
    return false;
}

static bool digit_ok(int c) { return is_digit(c); }
static bool hex_ok(int c) { return is_hex(c); }
static bool oct_ok(int c) { return c >= '0' && c <= '7'; }
static bool bin_ok(int c) { return c == '0' || c == '1'; }

/* A digit right after an octal/binary literal that is out of range. */
static bool check_bad_digit(Scan *s, int maxdigit, const char *what)
{
    int c = (unsigned char)s->buf[s->pos];
    if (is_digit(c) && c > maxdigit) {
        int col = (int)(s->pos - s->line_start);
        s->lex->err.s1[0] = (char)c;
        s->lex->err.s1[1] = '\0';
        snprintf(s->lex->err.s2, sizeof s->lex->err.s2, "%s", what);
        scan_error(s, SE_INVALID_DIGIT, s->lineno,
                   s->lex->profile->new_parser || maxdigit == '1' ? col + 1 : col,
                   s->lineno, s->lex->profile->new_parser || maxdigit == '1' ? col + 1 : col);
        return false;
    }
    return true;
}

/* 0x / 0o / 0b literals; s->pos is just past the prefix letter. */
static bool scan_prefixed_int(Scan *s, int letter)
{
    bool (*ok)(int) = letter == 'x' ? hex_ok : letter == 'o' ? oct_ok : bin_ok;
    SyntaxErrKind kind = letter == 'x' ? SE_INVALID_HEX : letter == 'o' ? SE_INVALID_OCTAL : SE_INVALID_BINARY;
    do {
        if (s->buf[s->pos] == '_')
            s->pos++;
        if (!ok((unsigned char)s->buf[s->pos])) {
            if (letter != 'x' && !check_bad_digit(s, letter == 'o' ? '7' : '1',
                                                  letter == 'o' ? "octal" : "binary"))
                return false;
            number_error(s, kind);
            return false;
        }
        while (ok((unsigned char)s->buf[s->pos]))
            s->pos++;
    } while (s->buf[s->pos] == '_');
    if (letter != 'x' && !check_bad_digit(s, letter == 'o' ? '7' : '1', letter == 'o' ? "octal" : "binary"))
        return false;
    return verify_end_of_number(s, kind);
}

/* Exponent, fraction and imaginary suffix after the integer part. */
static bool scan_float_tail(Scan *s, bool seen_dot)
{
    if (!seen_dot && s->buf[s->pos] == '.') {
        s->pos++;
        if (is_digit((unsigned char)s->buf[s->pos]) &&
            !scan_digits(s, digit_ok, SE_INVALID_DECIMAL))
            return false;
    }
    if (s->buf[s->pos] == 'e' || s->buf[s->pos] == 'E') {
        size_t save = s->pos;
        s->pos++;
        if (s->buf[s->pos] == '+' || s->buf[s->pos] == '-') {
            s->pos++;
            if (!is_digit((unsigned char)s->buf[s->pos])) {
                number_error(s, SE_INVALID_DECIMAL);
                return false;
            }
        } else if (!is_digit((unsigned char)s->buf[s->pos])) {
            s->pos = save;
            return verify_end_of_number(s, SE_INVALID_DECIMAL);
        }
        if (!scan_digits(s, digit_ok, SE_INVALID_DECIMAL))
            return false;
    }
    if (s->buf[s->pos] == 'j' || s->buf[s->pos] == 'J') {
        s->pos++;
        return verify_end_of_number(s, SE_INVALID_IMAGINARY);
    }
    return verify_end_of_number(s, SE_INVALID_DECIMAL);
}

/* Decimal literal starting with '0' (only zeros allowed unless a float). */
static bool scan_zero(Scan *s, size_t start)
{
    bool nonzero = false;
    size_t zeros_end;
    for (;;) {
        while (s->buf[s->pos] == '0')
            s->pos++;
        if (s->buf[s->pos] != '_')
            break;
        s->pos++;
        if (!is_digit((unsigned char)s->buf[s->pos])) {
            number_error(s, SE_INVALID_DECIMAL);
            return false;
        }
    }
    zeros_end = s->pos;
    if (is_digit((unsigned char)s->buf[s->pos])) {
        nonzero = true;
        if (!scan_digits(s, digit_ok, SE_INVALID_DECIMAL))
            return false;
    }
    if (s->buf[s->pos] == '.' || s->buf[s->pos] == 'e' || s->buf[s->pos] == 'E' ||
        s->buf[s->pos] == 'j' || s->buf[s->pos] == 'J')
        return scan_float_tail(s, false);
    if (nonzero) {
        int col = (int)(start - s->line_start);
        if (s->lex->profile->new_parser)
            scan_error(s, SE_LEADING_ZEROS, s->lineno, col + 1, s->lineno,
                       col + 1 + (int)(zeros_end - start));
        else
            number_error(s, SE_LEADING_ZEROS);
        return false;
    }
    return verify_end_of_number(s, SE_INVALID_DECIMAL);
}

/* A NUMBER token starting at s->pos (a digit, or '.' followed by a digit). */
static bool scan_number(Scan *s)
{
    size_t start = s->pos;
    int c = (unsigned char)s->buf[s->pos];
    if (c == '.') {
        s->pos++;
        if (!scan_digits(s, digit_ok, SE_INVALID_DECIMAL))
            return false;
        return scan_float_tail(s, true);
    }
    if (c == '0') {
        int n = s->buf[s->pos + 1] | 0x20;
        if (n == 'x' || n == 'o' || n == 'b') {
            s->pos += 2;
            return scan_prefixed_int(s, n);
        }
        s->pos++;
        return scan_zero(s, start);
    }
    if (!scan_digits(s, digit_ok, SE_INVALID_DECIMAL))
        return false;
    return scan_float_tail(s, false);
}

/* ---- strings ------------------------------------------------------- */

/* If [p, q) is a valid string prefix, return true and its flags. */
static bool string_prefix(const char *p, size_t n, bool *is_f)
{
    bool r = false, b = false, u = false, f = false;
    size_t i;
    if (n == 0 || n > 2)
        return false;
    for (i = 0; i < n; i++) {
        int c = p[i] | 0x20;
        if (c == 'r' && !r) r = true;
        else if (c == 'b' && !b) b = true;
        else if (c == 'u' && !u) u = true;
        else if (c == 'f' && !f) f = true;
        else return false;
    }
    if (u && n > 1)
        return false;
    if (b && f)
        return false;
    *is_f = f;
    return true;
}

/* State shared by the recursive string scanners. */
typedef struct {
    const char *buf;
    size_t len;
    bool pep701;
    LexStringError *err;
    char fq[MAX_STRING_DEPTH + 2];     /* quotes of the enclosing f-strings */
    bool ftriple[MAX_STRING_DEPTH + 2];
    int depth;
} StrScan;

static size_t str_scan(StrScan *ss, size_t pos);
static size_t str_fexpr(StrScan *ss, size_t i, char q, bool triple);

/* True if buf[i] closes a string quoted with q (tripled or not). */
static bool str_closes(const StrScan *ss, size_t i, char q, bool triple)
{
    return ss->buf[i] == q && (!triple || (ss->buf[i + 1] == q && ss->buf[i + 2] == q));
}

/* Scan a format spec after ':' up to (not past) the field's closing '}'. */
static size_t str_fspec(StrScan *ss, size_t i, char q, bool triple)
{
    while (i < ss->len) {
        char c = ss->buf[i];
        if (c == '{') {
            i = str_fexpr(ss, i + 1, q, triple);
            if (!i)
                return 0;
            if (ss->buf[i] == '}')
                i++;
        } else if (c == '}' || str_closes(ss, i, q, triple) || (c == '\n' && !triple)) {
            return i;
        } else {
            i++;
        }
    }
    return i;
}

/* Scan a replacement field's expression (PEP 701) from just after '{';
 * returns the position of the closing '}' (or where scanning stopped). */
static size_t str_fexpr(StrScan *ss, size_t i, char q, bool triple)
{
    int brackets = 0;
    while (i < ss->len) {
        char c = ss->buf[i];
        if (c == '\'' || c == '"' ||
            (is_id_ascii((unsigned char)c) && !is_digit((unsigned char)c))) {
            size_t w = i;
            bool f;
            while (w < ss->len && is_id_ascii((unsigned char)ss->buf[w]))
                w++;
            if (ss->buf[w] == '\'' || ss->buf[w] == '"') {
                if (w == i || string_prefix(ss->buf + i, w - i, &f)) {
                    i = str_scan(ss, i);
                    if (!i)
                        return 0;
                    continue;
                }
            }
            i = w > i ? w : i + 1;
        } else if (c == '(' || c == '[' || c == '{') {
            brackets++;
            i++;
        } else if (c == ')' || c == ']') {
            brackets--;
            i++;
        } else if (c == '}') {
            if (brackets <= 0)
                return i;
            brackets--;
            i++;
        } else if (c == ':' && brackets <= 0) {
            return str_fspec(ss, i + 1, q, triple);
        } else if (c == '\n' && !triple) {
            return i;
        } else {
            i++;
        }
    }
    return i;
}

/* Report an unterminated string starting at `start` quoted with q. */
static size_t str_unterminated(StrScan *ss, size_t start, size_t quote, char q, bool triple)
{
    int d;
    ss->err->at = start;
    ss->err->fstring_brace = false;
    for (d = 0; d < ss->depth; d++) {
        if (ss->fq[d] == q && ss->ftriple[d] == triple) {
            ss->err->fstring_brace = true;
            ss->err->at = quote;
        }
    }
    return 0;
}

/* Scan one string literal (prefix included) at pos; 0 if unterminated. */
static size_t str_scan(StrScan *ss, size_t pos)
{
    size_t i = pos, quote;
    bool is_f = false, triple;
    char q;
    while (i < ss->len && ss->buf[i] != '\'' && ss->buf[i] != '"')
        i++;
    if (i > pos)
        string_prefix(ss->buf + pos, i - pos, &is_f);
    quote = i;
    q = ss->buf[i];
    triple = ss->buf[i + 1] == q && ss->buf[i + 2] == q;
    i += triple ? 3 : 1;
    while (i < ss->len) {
        char c = ss->buf[i];
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == '\n' && !triple)
            break;
        if (str_closes(ss, i, q, triple))
            return i + (triple ? 3 : 1);
        if (is_f && ss->pep701 && c == '{') {
            if (ss->buf[i + 1] == '{') {
                i += 2;
                continue;
            }
            if (ss->depth >= MAX_STRING_DEPTH)
                return str_unterminated(ss, pos, quote, q, triple);
            ss->fq[ss->depth] = q;
            ss->ftriple[ss->depth] = triple;
            ss->depth++;
            i = str_fexpr(ss, i + 1, q, triple);
            ss->depth--;
            if (!i)
                return 0;
            if (ss->buf[i] == '}')
                i++;
            continue;
        }
        i++;
    }
    return str_unterminated(ss, pos, quote, q, triple);
}

/* Scan a string literal (any prefix) starting at `pos`; see lexer.h. */
size_t lexer_scan_string(const char *buf, size_t len, size_t pos, bool pep701,
                         LexStringError *err)
{
    StrScan ss;
    memset(&ss, 0, sizeof ss);
    ss.buf = buf;
    ss.len = len;
    ss.pep701 = pep701;
    ss.err = err;
    return str_scan(&ss, pos);
}

/* Number of characters in buf[a, b). */
static int count_chars(const char *buf, size_t a, size_t b)
{
    int n = 0;
    for (; a < b; a++)
        if (((unsigned char)buf[a] & 0xc0) != 0x80)
            n++;
    return n;
}

/* Line number of byte offset p (binary search in the line table). */
static int line_of(const Lexer *lex, size_t p)
{
    int lo = 0, hi = lex->n_lines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (lex->line_starts[mid] <= p)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}

/* Report an unterminated string (or f-string brace) described by e. */
static void string_unterminated(Scan *s, const LexStringError *e)
{
    Lexer *lex = s->lex;
    size_t at = e->at;
    int line = line_of(lex, at);
    size_t ls = lex->line_starts[line - 1];
    int col = (int)(at - ls);
    char q = s->buf[at];
    size_t k = at;
    bool triple;
    while (s->buf[k] != '\'' && s->buf[k] != '"')
        k++;
    q = s->buf[k];
    triple = s->buf[k + 1] == q && s->buf[k + 2] == q;
    if (e->fstring_brace) {
        scan_error(s, SE_FSTRING_EXPECTING_BRACE, line, col + 1, line, col + 1);
        return;
    }
    if (triple) {
        lex->err.n1 = lex->n_lines;
        if (lex->profile->new_parser) {
            scan_error(s, SE_UNTERMINATED_TRIPLE, line, col + 1, line, col + 1);
        } else {
            scan_error(s, SE_UNTERMINATED_TRIPLE, lex->n_lines, 0, 0, 0);
            lex->err.offset = -count_chars(s->buf, ls, s->len); /* characters */
        }
        return;
    }
    {
        size_t p = at;
        int dline = line;
        while (p < s->len && s->buf[p] != '\n') {
            if (s->buf[p] == '\\' && s->buf[p + 1] == '\n') {
                dline++;
                p++;
            }
            p++;
        }
        lex->err.n1 = dline;
        if (lex->profile->new_parser) {
            scan_error(s, SE_UNTERMINATED_STRING, line, col + 1, line, col + 1);
        } else {
            size_t dls = lex->line_starts[dline - 1];
            scan_error(s, SE_UNTERMINATED_STRING, dline, scan_line_len(s, dls) + 1, 0, 0);
        }
    }
}

/* A STRING token; s->pos is at the first prefix letter or quote. */
static bool scan_string(Scan *s, size_t start, int lineno, size_t line_start)
{
    LexStringError e;
    size_t end = lexer_scan_string(s->buf, s->len, start, s->lex->profile->pep701_fstrings, &e);
    if (!end) {
        string_unterminated(s, &e);
        return false;
    }
    while (s->pos < end) {
        if (s->buf[s->pos] == '\n')
            scan_newline(s);
        else
            s->pos++;
    }
    return emit(s, TOK_STRING, start, lineno, line_start, end);
}

/* ---- identifiers --------------------------------------------------- */

/* Report the first invalid character of a would-be identifier at `p`. */
static void invalid_character(Scan *s, size_t p, unsigned cp)
{
    Lexer *lex = s->lex;
    int col = (int)(p - s->line_start);
    int l;
    if (!lexer_is_printable(cp) && lex->profile->new_parser) {
        lex->err.n1 = cp;
        scan_error_col(s, SE_INVALID_NONPRINTABLE, col);
        return;
    }
    l = utf8_valid_len((const unsigned char *)s->buf + p, s->len - p);
    if (l <= 0)
        l = 1;
    memcpy(lex->err.s1, s->buf + p, (size_t)l);
    lex->err.s1[l] = '\0';
    lex->err.n1 = cp;
    scan_error_col(s, SE_INVALID_CHARACTER, col);
}

/* A NAME (or keyword, or string prefix) token starting at s->pos. */
static bool scan_name(Scan *s, size_t start, int lineno, size_t line_start)
{
    size_t i;
    LexToken *t;
    bool first = true, is_f;
    for (;;) {
        unsigned char c = (unsigned char)s->buf[s->pos];
        unsigned cp;
        int l;
        if (c < 128) {
            if (!is_id_ascii(c))
                break;
            s->pos++;
            first = false;
            continue;
        }
        l = lexer_utf8_decode((const unsigned char *)s->buf + s->pos, s->len - s->pos, &cp);
        if (first ? !lexer_is_id_start(cp) : !lexer_is_id_continue(cp)) {
            invalid_character(s, s->pos, cp);
            return false;
        }
        s->pos += (size_t)l;
        first = false;
    }
    if ((s->buf[s->pos] == '\'' || s->buf[s->pos] == '"') &&
        string_prefix(s->buf + start, s->pos - start, &is_f))
        return scan_string(s, start, lineno, line_start);
    if (!emit(s, TOK_NAME, start, lineno, line_start, s->pos))
        return false;
    t = &s->lex->toks[s->lex->n_toks - 1];
    for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (strlen(keywords[i].s) == s->pos - start &&
            memcmp(keywords[i].s, s->buf + start, s->pos - start) == 0)
            t->kw = keywords[i].kw;
    return true;
}

/* ---- brackets ------------------------------------------------------ */

/* Push an opening bracket; false (with error) if nested too deeply. */
static bool bracket_open(Scan *s, char ch, int col)
{
    int max = s->lex->profile->max_paren_level;
    if (max > MAX_LEVEL_HARD - 1)
        max = MAX_LEVEL_HARD - 1;
    if (s->level >= max) {
        scan_error_col(s, SE_TOO_MANY_PARENS, col);
        return false;
    }
    s->brackets[s->level].ch = ch;
    s->brackets[s->level].lineno = s->lineno;
    s->brackets[s->level].col = col;
    s->level++;
    return true;
}

/* Pop a closing bracket, checking that it matches. */
static bool bracket_close(Scan *s, char ch, int col)
{
    char open = ch == ')' ? '(' : ch == ']' ? '[' : '{';
    Lexer *lex = s->lex;
    if (s->level == 0) {
        lex->err.s1[0] = ch;
        lex->err.s1[1] = '\0';
        scan_error_col(s, SE_UNMATCHED_BRACKET, col);
        return false;
    }
    s->level--;
    if (s->brackets[s->level].ch != open) {
        Bracket *b = &s->brackets[s->level];
        lex->err.s1[0] = ch;
        lex->err.s1[1] = '\0';
        lex->err.s2[0] = b->ch;
        lex->err.s2[1] = '\0';
        lex->err.n1 = b->lineno;
        scan_error_col(s, b->lineno != s->lineno ? SE_MISMATCHED_BRACKET_LINE
                                                 : SE_MISMATCHED_BRACKET, col);
        return false;
    }
    return true;
}

/* ---- indentation --------------------------------------------------- */

/* Measure indentation at the start of a line; false on error. */
static bool scan_indentation(Scan *s, bool *blank)
{
    int col = 0, altcol = 0;
    const SyntaxProfile *pr = s->lex->profile;
    for (;;) {
        char c = s->buf[s->pos];
        if (c == ' ') { col++; altcol++; }
        else if (c == '\t') { col = (col / TABSIZE + 1) * TABSIZE; altcol++; }
        else if (c == '\014') { col = altcol = 0; }
        else break;
        s->pos++;
    }
    *blank = s->buf[s->pos] == '#' || s->buf[s->pos] == '\n' || s->pos >= s->len;
    if (*blank && s->pos >= s->len) {
        *blank = false;
        col = altcol = 0;
    }
    if (*blank || s->level > 0 || s->range_mode)
        return true;
    if (col == s->indstack[s->indent]) {
        if (altcol != s->altindstack[s->indent])
            goto tab_error;
    } else if (col > s->indstack[s->indent]) {
        int max = pr->max_indent_level < MAX_INDENT_HARD ? pr->max_indent_level : MAX_INDENT_HARD;
        if (s->indent + 1 >= max) {
            if (pr->new_parser)
                scan_error(s, SE_TOO_DEEP_INDENT, s->lineno, 1, s->lineno, 0);
            else
                scan_error_eol(s, SE_TOO_DEEP_INDENT, 0);
            s->lex->error_is_direct = false;
            return false;
        }
        if (altcol <= s->altindstack[s->indent])
            goto tab_error;
        s->pendin++;
        s->indent++;
        s->indstack[s->indent] = col;
        s->altindstack[s->indent] = altcol;
    } else {
        while (s->indent > 0 && col < s->indstack[s->indent]) {
            s->pendin--;
            s->indent--;
        }
        if (col != s->indstack[s->indent]) {
            scan_error_eol(s, SE_DEDENT_MISMATCH, pr->new_parser ? -1 : 0);
            s->lex->error_is_direct = false;
            return false;
        }
        if (altcol != s->altindstack[s->indent])
            goto tab_error;
    }
    return true;
tab_error:
    if (pr->new_parser)
        scan_error(s, SE_TAB_INCONSISTENT, s->lineno, 1, s->lineno, 0);
    else
        scan_error_eol(s, SE_TAB_INCONSISTENT, 0);
    s->lex->error_is_direct = false;
    return false;
}

/* Emit pending INDENT/DEDENT tokens for the current line. */
static bool emit_indents(Scan *s)
{
    while (s->pendin != 0) {
        LexTokType t = s->pendin > 0 ? TOK_INDENT : TOK_DEDENT;
        size_t at = s->pos;
        if (!emit(s, t, t == TOK_INDENT ? s->line_start : at, s->lineno, s->line_start, at))
            return false;
        s->pendin += s->pendin > 0 ? -1 : 1;
    }
    return true;
}

/* ---- main loop ----------------------------------------------------- */

/* Report EOF inside brackets (the innermost open one). */
static void eof_in_brackets(Scan *s)
{
    Bracket *b = &s->brackets[s->level - 1];
    Lexer *lex = s->lex;
    lex->err.s1[0] = b->ch;
    lex->err.s1[1] = '\0';
    lex->err.n1 = b->lineno;
    if (lex->profile->new_parser) {
        scan_error(s, SE_UNCLOSED_BRACKET, b->lineno, b->col + 1, b->lineno, 0);
    } else {
        size_t ls = lex->line_starts[lex->n_lines - 1];
        int l = scan_line_len(s, ls);
        scan_error(s, SE_UNCLOSED_BRACKET, lex->n_lines, l + 1, 0, 0);
    }
    lex->error_is_direct = false;
    lex->error_is_eof_in_bracket = true;
}

/* Operator or bracket token at s->pos; false on error. */
static bool scan_operator(Scan *s, size_t start, int lineno, size_t line_start)
{
    size_t i;
    int col = (int)(start - line_start);
    char c = s->buf[s->pos];
    for (i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i].s);
        if (strncmp(s->buf + s->pos, operators[i].s, n) != 0)
            continue;
        if (operators[i].t == TOK_OP)
            continue; /* "<>" is only Barry's */
        if (c == '(' || c == '[' || c == '{') {
            if (!bracket_open(s, c, col))
                return false;
        } else if (c == ')' || c == ']' || c == '}') {
            if (!bracket_close(s, c, col))
                return false;
        }
        s->pos += n;
        return emit(s, operators[i].t, start, lineno, line_start, s->pos);
    }
    return false;
}

/* Handle a character that starts no token. */
static bool scan_bad_char(Scan *s, size_t start, int lineno, size_t line_start)
{
    unsigned cp;
    int l = lexer_utf8_decode((const unsigned char *)s->buf + s->pos, s->len - s->pos, &cp);
    if (cp >= 128 || (s->lex->profile->new_parser && !lexer_is_printable(cp))) {
        if (cp >= 128 && !s->lex->profile->new_parser) {
            invalid_character(s, s->pos, cp);
            return false;
        }
        invalid_character(s, s->pos, cp);
        return false;
    }
    s->pos += (size_t)l;
    return emit(s, TOK_OP, start, lineno, line_start, s->pos);
}

/* A backslash continuation at s->pos; false on error. */
static bool scan_continuation(Scan *s)
{
    if (s->buf[s->pos + 1] != '\n') {
        int col = (int)(s->pos - s->line_start) + 1;
        if (s->lex->profile->new_parser)
            scan_error(s, SE_CONTINUATION_CHAR, s->lineno, col + 1, s->lineno, 0);
        else
            scan_error_eol(s, SE_CONTINUATION_CHAR, 0);
        s->lex->error_is_direct = false;
        return false;
    }
    if (s->pos + 2 >= s->len && !s->range_mode) {
        scan_error_eol(s, SE_EOF_IN_CONTINUATION, -1);
        s->lex->error_is_direct = false;
        return false;
    }
    s->pos++;
    scan_newline(s);
    return true;
}

/* Produce the next token(s); returns 1 to continue, 0 at end, -1 on error/OOM. */
static int scan_next(Scan *s)
{
    size_t start, line_start, limit = s->range_mode ? s->range_end : s->len;
    int lineno;
    unsigned char c;
    if (s->atbol) {
        bool blank = false;
        s->atbol = false;
        if (!scan_indentation(s, &blank))
            return -1;
        if (!blank && !emit_indents(s))
            return -1;
    }
again:
    while (s->buf[s->pos] == ' ' || s->buf[s->pos] == '\t' || s->buf[s->pos] == '\014')
        s->pos++;
    if (s->buf[s->pos] == '#')
        while (s->pos < limit && s->buf[s->pos] != '\n')
            s->pos++;
    start = s->pos;
    lineno = s->lineno;
    line_start = s->line_start;
    if (s->pos >= limit) {
        if (s->range_mode)
            return 0;
        if (s->level > 0) {
            eof_in_brackets(s);
            return -1;
        }
        while (s->indent > 0) {
            s->indent--;
            if (!emit(s, TOK_DEDENT, start, lineno, line_start, start))
                return -1;
        }
        return 0;
    }
    c = (unsigned char)s->buf[s->pos];
    if (c == '\n') {
        bool skip = s->level > 0 || s->range_mode || s->lex->n_toks == 0 ||
                    s->lex->toks[s->lex->n_toks - 1].type == TOK_NEWLINE ||
                    s->lex->toks[s->lex->n_toks - 1].type == TOK_DEDENT ||
                    s->lex->toks[s->lex->n_toks - 1].type == TOK_INDENT;
        if (!skip) {
            if (!emit(s, TOK_NEWLINE, start, lineno, line_start, start))
                return -1;
            s->lex->toks[s->lex->n_toks - 1].end_col_offset += s->lex->profile->newline_width;
        }
        scan_newline(s);
        if (!(s->level > 0 || s->range_mode))
            s->atbol = true;
        return 1;
    }
    if (c == '\\') {
        if (!scan_continuation(s))
            return -1;
        goto again;
    }
    if (is_digit(c) || (c == '.' && is_digit((unsigned char)s->buf[s->pos + 1]))) {
        if (!scan_number(s))
            return -1;
        return emit(s, TOK_NUMBER, start, lineno, line_start, s->pos) ? 1 : -1;
    }
    if (c == '\'' || c == '"')
        return scan_string(s, start, lineno, line_start) ? 1 : -1;
    if ((c >= 128 || is_id_ascii(c)) && !is_digit(c)) {
        unsigned cp;
        lexer_utf8_decode((const unsigned char *)s->buf + s->pos, s->len - s->pos, &cp);
        if (c < 128 || lexer_is_id_start(cp))
            return scan_name(s, start, lineno, line_start) ? 1 : -1;
        return scan_bad_char(s, start, lineno, line_start) ? 1 : -1;
    }
    if (scan_operator(s, start, lineno, line_start))
        return 1;
    if (s->lex->has_error)
        return -1;
    return scan_bad_char(s, start, lineno, line_start) ? 1 : -1;
}

/* Check the whole buffer is UTF-8 without NUL bytes; false with error. */
static bool scan_check_encoding(Scan *s)
{
    size_t i = 0;
    int line = 1;
    size_t ls = 0;
    while (i < s->len) {
        unsigned char c = (unsigned char)s->buf[i];
        if (c == 0) {
            s->lineno = line;
            s->line_start = ls;
            scan_error(s, SE_NULL_BYTES, 0, 0, 0, 0);
            return false;
        }
        if (c < 0x80) {
            if (c == '\n') {
                line++;
                ls = i + 1;
            }
            i++;
            continue;
        }
        int l = utf8_valid_len((const unsigned char *)s->buf + i, s->len - i);
        if (l == 0) {
            s->lex->err.n1 = c;
            s->lex->err.n2 = (long)(i - ls);
            s->lineno = line;
            s->line_start = ls;
            scan_error(s, SE_INVALID_UTF8, line, 0, 0, 0);
            return false;
        }
        i += (size_t)l;
    }
    return true;
}

/* Finish with an ERRORTOKEN at the error position, or OOM. */
static bool scan_finish_error(Scan *s)
{
    size_t at = s->pos < s->len ? s->pos : s->len;
    return emit(s, TOK_ERRORTOKEN, at, s->lineno, s->line_start, at);
}

/* Run the scanner to the end. */
static bool scan_run(Scan *s)
{
    for (;;) {
        int r = scan_next(s);
        if (r == 0)
            return emit(s, TOK_ENDMARKER, s->pos, s->lineno, s->line_start, s->pos);
        if (r < 0)
            return s->lex->has_error ? scan_finish_error(s) : false;
    }
}

/* Tokenize a whole source; see lexer.h. */
bool lexer_tokenize(Lexer *lex, const char *src, size_t len, const SyntaxProfile *profile)
{
    Scan *s;
    bool ok;
    memset(lex, 0, sizeof *lex);
    lex->profile = profile;
    if (!lexer_normalize(lex, src, len) || !lexer_index_lines(lex))
        return false;
    s = calloc(1, sizeof *s);
    if (!s)
        return false;
    s->lex = lex;
    s->buf = lex->buf;
    s->len = lex->len;
    s->lineno = 1;
    s->atbol = true;
    if (!scan_check_encoding(s)) {
        s->pos = 0;
        ok = scan_finish_error(s);
    } else {
        s->lineno = 1;
        s->line_start = 0;
        ok = scan_run(s);
    }
    free(s);
    return ok;
}

/* Tokenize a sub-range of a parent's buffer as if inside brackets. */
bool lexer_tokenize_range(Lexer *lex, const Lexer *parent, size_t start, size_t end)
{
    Scan *s;
    bool ok;
    int line = 1;
    memset(lex, 0, sizeof *lex);
    lex->profile = parent->profile;
    lex->buf = parent->buf;
    lex->len = parent->len;
    lex->line_starts = parent->line_starts;
    lex->n_lines = parent->n_lines;
    s = calloc(1, sizeof *s);
    if (!s)
        return false;
    s->lex = lex;
    s->buf = lex->buf;
    s->len = end;
    s->pos = start;
    s->range_mode = true;
    s->range_end = end;
    while (line < parent->n_lines && parent->line_starts[line] <= start)
        line++;
    s->lineno = line;
    s->line_start = parent->line_starts[line - 1];
    ok = scan_run(s);
    free(s);
    return ok;
}

/* Release everything a Lexer holds. */
void lexer_free(Lexer *lex)
{
    if (lex->owns_buf) {
        free(lex->buf);
        free(lex->line_starts);
    }
    free(lex->toks);
    syntax_err_clear(&lex->err);
    memset(lex, 0, sizeof *lex);
}
