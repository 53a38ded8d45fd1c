/*
 * parser_errors.h — syntax errors as data, and the per-version tables that
 * turn them into CPython's exact messages.
 *
 * The lexer and parser never build message text.  They record *what* went
 * wrong (a SyntaxErrKind plus parameters) and *where*; syntax_messages.c
 * holds one table per CPython version that maps each kind to the message
 * and exception class that version prints.  Behavioural differences between
 * versions (limits, token widths, which grammar extensions exist) live in
 * the same per-version SyntaxProfile, so the parser asks the profile
 * instead of testing version numbers.
 */
#ifndef HEAPSCOPE_LANG_PARSER_ERRORS_H
#define HEAPSCOPE_LANG_PARSER_ERRORS_H

#include <stdbool.h>
#include <stddef.h>

/* The CPython versions whose syntax and messages we reproduce. */
typedef enum {
    PARSER_PY38, PARSER_PY311, PARSER_PY312, PARSER_PY313, PARSER_N_VERSIONS
} ParserVersion;

/* Exception class raised for a syntax problem. */
typedef enum {
    SYNTAX_ERROR,       /* SyntaxError */
    INDENTATION_ERROR,  /* IndentationError */
    TAB_ERROR,          /* TabError */
    MEMORY_ERROR,       /* MemoryError (parser stack overflow) */
    RECURSION_ERROR     /* RecursionError (AST too deep for the compiler) */
} SyntaxErrType;

/*
 * What went wrong.  The parameters each kind uses are listed as
 * s1/s2 (strings) and n1/n2 (numbers) of SyntaxErr.
 */
typedef enum {
    /* generic */
    SE_INVALID_SYNTAX,          /* invalid syntax */
    SE_UNEXPECTED_EOF,          /* unexpected EOF while parsing */
    SE_EXPECTED_COLON,          /* expected ':' */
    SE_FORGOT_COMMA,            /* ... Perhaps you forgot a comma? */
    SE_MAYBE_EQ,                /* ... Maybe you meant '==' or ':=' instead of '='? */
    SE_EXPECTED_ELSE,           /* expected 'else' after 'if' expression */
    SE_DICT_COLON,              /* ':' expected after dictionary key */
    SE_EXPECTED_EXCEPT_FINALLY, /* expected 'except' or 'finally' block */
    SE_IMPORT_EXPECTED_NAMES,   /* Expected one or more names after 'import' */
    SE_TRAILING_COMMA_IMPORT,   /* trailing comma not allowed without ... */
    SE_MISSING_PARENS,          /* s1 = print, s2 = argument text (3.8) */
    SE_MISSING_PARENS_EXEC,     /* exec without parentheses */
    SE_INVALID_STAR_EXPR,       /* Invalid star expression (3.13: f(*)) */
    /* tokenizer */
    SE_UNCLOSED_BRACKET,        /* s1 = "(", n1 = line of the opener */
    SE_MISMATCHED_BRACKET,      /* s1 = closer, s2 = opener */
    SE_MISMATCHED_BRACKET_LINE, /* s1 = closer, s2 = opener, n1 = its line */
    SE_UNMATCHED_BRACKET,       /* s1 = closer */
    SE_TOO_MANY_PARENS,         /* too many nested parentheses */
    SE_UNTERMINATED_STRING,     /* n1 = line where detected */
    SE_UNTERMINATED_TRIPLE,     /* n1 = line where detected */
    SE_INVALID_CHARACTER,       /* s1 = the character (UTF-8), n1 = code point */
    SE_INVALID_NONPRINTABLE,    /* n1 = code point */
    SE_INVALID_DECIMAL,         /* invalid decimal literal */
    SE_INVALID_HEX,
    SE_INVALID_OCTAL,
    SE_INVALID_BINARY,
    SE_INVALID_DIGIT,           /* s1 = digit, s2 = "octal" | "binary" */
    SE_INVALID_IMAGINARY,
    SE_LEADING_ZEROS,
    SE_CONTINUATION_CHAR,       /* unexpected character after line continuation */
    SE_EOF_IN_CONTINUATION,     /* backslash at end of file */
    SE_NULL_BYTES,              /* source code cannot contain null bytes */
    SE_INVALID_UTF8,            /* n1 = byte, n2 = position in line */
    /* indentation */
    SE_EXPECTED_INDENT,         /* s1 = "'if' statement" | "function definition"..., n1 = line */
    SE_UNEXPECTED_INDENT,
    SE_UNEXPECTED_UNINDENT,
    SE_DEDENT_MISMATCH,         /* unindent does not match any outer ... */
    SE_TAB_INCONSISTENT,
    SE_TOO_DEEP_INDENT,         /* too many levels of indentation */
    /* targets */
    SE_ASSIGN_TO,               /* s1 = what ("literal", "function call") */
    SE_ASSIGN_TO_MAYBE_EQ,      /* cannot assign to %s here. Maybe you meant '=='...  */
    SE_ASSIGN_TO_KEYWORD,       /* s1 = None/True/False/__debug__ */
    SE_DELETE,                  /* s1 = what */
    SE_AUG_ASSIGN_TO,           /* s1 = what */
    SE_STARRED_HERE,            /* can't use starred expression here */
    SE_STARRED_ALONE,           /* starred assignment target must be in a list or tuple */
    SE_MULTIPLE_STARRED,
    SE_ANNOTATE_TUPLE,          /* s1 = "tuple" | "list" */
    SE_YIELD_ASSIGN,            /* assignment to yield expression not possible */
    SE_KWARG_EXPR_ASSIGN,       /* expression cannot contain assignment ... */
    /* calls and parameters */
    SE_POS_AFTER_KW,
    SE_POS_AFTER_KWUNPACK,
    SE_ITER_AFTER_KWUNPACK,
    SE_GENEXP_PARENS,
    SE_KEYWORD_REPEATED,        /* s1 = name */
    SE_NONDEFAULT_AFTER_DEFAULT,
    SE_BARE_STAR,               /* named arguments must follow bare * */
    SE_STAR_ONCE,               /* * argument may appear only once */
    SE_AFTER_KWARG,             /* arguments cannot follow var-keyword argument */
    SE_DUPLICATE_ARGUMENT,      /* s1 = name */
    /* strings */
    SE_BYTES_NONASCII,
    SE_MIX_BYTES,
    SE_UNICODE_ESCAPE,          /* n1 = start, n2 = end position, s1 = detail */
    SE_FSTRING_EXPECTING_BRACE,
    SE_FSTRING_SINGLE_BRACE,
    SE_FSTRING_EMPTY,           /* empty expression before '}' (s1 = "}" | "!" | ":" | "=") */
    SE_FSTRING_CONVERSION,      /* s1 = the bad character */
    SE_FSTRING_MISSING_CONVERSION,
    SE_FSTRING_TOO_DEEP,
    SE_FSTRING_BACKSLASH,       /* backslash in expression (3.8/3.11) */
    SE_FSTRING_LAMBDA,
    /* blocks and scopes (checked after parsing, like CPython's compiler) */
    SE_RETURN_OUTSIDE,
    SE_BREAK_OUTSIDE,
    SE_CONTINUE_OUTSIDE,
    SE_YIELD_OUTSIDE,
    SE_AWAIT_OUTSIDE,
    SE_DEFAULT_EXCEPT_LAST,
    SE_IMPORT_STAR_NOT_MODULE,
    SE_NONLOCAL_AT_MODULE,
    SE_NONLOCAL_NO_BINDING,     /* s1 = name */
    SE_NONLOCAL_AND_GLOBAL,     /* s1 = name */
    SE_PARAM_AND_GLOBAL,        /* s1 = name */
    SE_PARAM_AND_NONLOCAL,      /* s1 = name */
    SE_ASSIGNED_BEFORE_GLOBAL,  /* s1 = name */
    SE_ASSIGNED_BEFORE_NONLOCAL,/* s1 = name */
    SE_USED_BEFORE_GLOBAL,      /* s1 = name */
    SE_USED_BEFORE_NONLOCAL,    /* s1 = name */
    SE_TOO_MANY_BLOCKS,         /* too many statically nested blocks */
    /* limits */
    SE_PARSER_STACK,            /* MemoryError: parser stack overflow */
    SE_RECURSION,               /* RecursionError during compilation */
    SE_UNSUPPORTED,             /* s1 = feature heapscope's parser lacks */
    SE_N_KINDS
} SyntaxErrKind;

/* One entry of a version's message table. */
typedef struct {
    SyntaxErrType type;
    /* Message template: %1 %2 are s1 s2, %3 %4 are n1 n2 in decimal,
     * %5 is n1 as 4+ hex digits, %% is a percent sign. */
    const char *fmt;
} SyntaxMessage;

/*
 * Everything that differs between CPython versions as far as the lexer and
 * parser are concerned.
 */
typedef struct {
    ParserVersion version;
    const char *name;               /* "3.12" */
    const SyntaxMessage *messages;  /* SE_N_KINDS entries */
    bool new_parser;                /* PEG parser (3.9+): 3.8 positions otherwise */
    bool escape_warnings;           /* 3.12+: SyntaxWarning for an invalid escape */
    bool end_offsets;               /* SyntaxError has end_lineno/end_offset */
    int newline_width;              /* width of a NEWLINE token for positions */
    bool tokenizer_errors_win;      /* later tokenizer errors replace parser ones */
    bool pep701_fstrings;           /* f-strings tokenized (nested quotes, 3.12) */
    bool relaxed_decorators;        /* PEP 614 (3.9) */
    bool parenthesized_with;        /* with (a as b, c): (3.9) */
    bool star_in_index;             /* a[*b] (3.11) */
    bool except_star;               /* except* (3.11) */
    int max_paren_level;            /* bracket nesting before an error */
    int max_indent_level;           /* indentation levels (100) */
    int max_parser_depth;           /* our recursion cap -> SE_PARSER_STACK */
    int max_ast_depth;              /* expression depth -> SE_RECURSION */
    int max_blocks;                 /* statically nested blocks, 0 = no limit */
    bool indent_error_one_caret;    /* IndentationError/TabError print one caret
                                       whatever their end_offset (the C printer's) */
} SyntaxProfile;

/* The profile of a version. */
const SyntaxProfile *syntax_profile(ParserVersion v);
/* "3.8", "3.11", "3.12", "3.13" (also "38", "3.12.1") -> profile; NULL if unknown. */
const SyntaxProfile *syntax_profile_by_name(const char *name);

#define SYNTAX_PARAM_MAX 96

/* A syntax error with its location, as the parser reports it. */
typedef struct {
    SyntaxErrKind kind;
    SyntaxErrType type;           /* filled from the version's table */
    char s1[SYNTAX_PARAM_MAX];    /* kind parameters (see SyntaxErrKind) */
    char s2[SYNTAX_PARAM_MAX];
    long n1, n2;
    /* SyntaxError attributes, exactly as the chosen version sets them:
     * offset/end_offset are 1-based *character* columns; end_lineno and
     * end_offset are 0 when the version has none (3.8) and may be 0 or -1
     * where CPython itself reports that. */
    int lineno, offset, end_lineno, end_offset;
    char *text;                   /* the source line without its newline (malloc'd) */
    char *msg;                    /* formatted message (malloc'd) */
} SyntaxErr;

/* Format the message of `err` for `profile` into a new malloc'd string. */
char *syntax_format_message(const SyntaxProfile *profile, const SyntaxErr *err);
/* Release the strings owned by an error (the struct itself is the caller's). */
void syntax_err_clear(SyntaxErr *err);
/* "SyntaxError", "IndentationError", ... */
const char *syntax_err_type_name(SyntaxErrType type);
/* CPython's traceback lines for the error (File line, source, caret(s),
 * "SyntaxError: msg"), as `python FILE` prints them; malloc'd. */
char *syntax_err_format(const SyntaxProfile *profile, const SyntaxErr *err,
                        const char *filename);

#endif
