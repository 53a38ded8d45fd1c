/*
 * lexer.h — Python tokenizer (CPython's Parser/tokenizer.c, token names
 * from Grammar/Tokens).
 */
#ifndef HEAPSCOPE_LANG_LEXER_H
#define HEAPSCOPE_LANG_LEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "parser_errors.h"

typedef enum {
    TOK_ENDMARKER, TOK_NAME, TOK_NUMBER, TOK_STRING, TOK_NEWLINE,
    TOK_INDENT, TOK_DEDENT,
    TOK_LPAR, TOK_RPAR, TOK_LSQB, TOK_RSQB, TOK_COLON, TOK_COMMA, TOK_SEMI,
    TOK_PLUS, TOK_MINUS, TOK_STAR, TOK_SLASH, TOK_VBAR, TOK_AMPER,
    TOK_LESS, TOK_GREATER, TOK_EQUAL, TOK_DOT, TOK_PERCENT, TOK_LBRACE,
    TOK_RBRACE, TOK_EQEQUAL, TOK_NOTEQUAL, TOK_LESSEQUAL, TOK_GREATEREQUAL,
    TOK_TILDE, TOK_CIRCUMFLEX, TOK_LEFTSHIFT, TOK_RIGHTSHIFT, TOK_DOUBLESTAR,
    TOK_PLUSEQUAL, TOK_MINEQUAL, TOK_STAREQUAL, TOK_SLASHEQUAL,
    TOK_PERCENTEQUAL, TOK_AMPEREQUAL, TOK_VBAREQUAL, TOK_CIRCUMFLEXEQUAL,
    TOK_LEFTSHIFTEQUAL, TOK_RIGHTSHIFTEQUAL, TOK_DOUBLESTAREQUAL,
    TOK_DOUBLESLASH, TOK_DOUBLESLASHEQUAL, TOK_AT, TOK_ATEQUAL, TOK_RARROW,
    TOK_ELLIPSIS, TOK_COLONEQUAL, TOK_EXCLAMATION,
    TOK_OP,         /* any other single character CPython calls OP ('$', '?', '`') */
    TOK_ERRORTOKEN, /* stands where the lexer stopped with an error */
    TOK_N_TYPES
} LexTokType;

/* Keywords (hard ones only; match/case/type/_ stay names). */
typedef enum {
    KW_NONE_, /* not a keyword */
    KW_FALSE, KW_NONE, KW_TRUE, KW_AND, KW_AS, KW_ASSERT, KW_ASYNC, KW_AWAIT,
    KW_BREAK, KW_CLASS, KW_CONTINUE, KW_DEF, KW_DEL, KW_ELIF, KW_ELSE,
    KW_EXCEPT, KW_FINALLY, KW_FOR, KW_FROM, KW_GLOBAL, KW_IF, KW_IMPORT,
    KW_IN, KW_IS, KW_LAMBDA, KW_NONLOCAL, KW_NOT, KW_OR, KW_PASS, KW_RAISE,
    KW_RETURN, KW_TRY, KW_WHILE, KW_WITH, KW_YIELD
} LexKeyword;

/* One token.  Columns are 0-based byte offsets in the line; start/end are
 * byte offsets in Lexer.buf (the normalized source). */
typedef struct {
    LexTokType type;
    LexKeyword kw;
    int lineno, col_offset, end_lineno, end_col_offset;
    size_t start, end;
} LexToken;

/*
 * The tokens of a whole source (or of an f-string replacement field).
 * Tokenizing stops at the first error: the last token is then
 * TOK_ERRORTOKEN and `err` describes the error.
 */
typedef struct {
    const SyntaxProfile *profile;
    char *buf;            /* normalized source: \r\n -> \n, final \n, NUL */
    size_t len;
    bool owns_buf;
    size_t *line_starts;  /* byte offset of line i+1 */
    int n_lines;
    LexToken *toks;
    size_t n_toks;
    bool has_error;
    bool error_is_direct; /* CPython raises it straight from the tokenizer
                             (it then overrides earlier parser errors, 3.10+) */
    bool error_is_eof_in_bracket; /* EOF inside brackets (n1 = opener line) */
    SyntaxErr err;        /* offsets here are 1-based *byte* columns */
} Lexer;

/* Tokenize `len` bytes of UTF-8 source.  Returns false only when out of
 * memory; syntax problems are reported in lex->has_error/err. */
bool lexer_tokenize(Lexer *lex, const char *src, size_t len, const SyntaxProfile *profile);

/* Tokenize bytes [start, end) of `parent`'s buffer as if inside
 * parentheses (for f-string replacement fields).  Shares parent's buffer
 * and line table. */
bool lexer_tokenize_range(Lexer *lex, const Lexer *parent, size_t start, size_t end);

/* Release everything a Lexer holds. */
void lexer_free(Lexer *lex);

/* Name of a token type as in CPython's token module ("NAME", "LPAR", ...). */
const char *lexer_token_name(LexTokType type);

/* Text of 1-based line `lineno` (without newline) as pointer + length. */
const char *lexer_line(const Lexer *lex, int lineno, size_t *len);

/* Column in characters of byte column `col` on `lineno`. */
int lexer_char_col(const Lexer *lex, int lineno, int col);

/* Why lexer_scan_string() failed. */
typedef struct {
    bool fstring_brace; /* a nested string reused the f-string's quote:
                           CPython 3.12 says "f-string: expecting '}'" */
    size_t at;          /* start of the unterminated string (or the quote) */
} LexStringError;

/* Scan a string literal (any prefix) starting at byte `pos` of `buf`, with
 * f-string nesting per `pep701`.  Returns the offset just past its closing
 * quote, or 0 if it is unterminated (details in *err).  Used by the lexer
 * and the f-string parser. */
size_t lexer_scan_string(const char *buf, size_t len, size_t pos, bool pep701,
                         LexStringError *err);

/* True if `cp` may start / continue an identifier (XID_Start/XID_Continue). */
bool lexer_is_id_start(unsigned cp);
bool lexer_is_id_continue(unsigned cp);
/* True if `cp` is printable in the sense of str.isprintable(). */
bool lexer_is_printable(unsigned cp);

/* Decode one UTF-8 sequence at s (at most n bytes); returns its length
 * (1 on invalid input, with *cp = the byte). */
int lexer_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

#endif
