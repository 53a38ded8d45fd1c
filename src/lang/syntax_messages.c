/*
 * syntax_messages.c — CPython's syntax error messages, one table per
 * version, indexed by SyntaxErrKind, plus each version's SyntaxProfile.
 *
 * Every message was taken from the real interpreters (3.8.18, 3.11.7,
 * 3.12.1, 3.13.0) by compiling small broken programs; tests/check_parser.c
 * pins them.  Where an older parser has no special message it reports
 * plain "invalid syntax", and the table says so.
 */
#include "parser_errors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPython 3.8. */
static const SyntaxMessage messages_py38[SE_N_KINDS] = {
    [SE_INVALID_SYNTAX] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNEXPECTED_EOF] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_EXPECTED_COLON] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_FORGOT_COMMA] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_MAYBE_EQ] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_EXPECTED_ELSE] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_DICT_COLON] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_EXPECTED_EXCEPT_FINALLY] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_IMPORT_EXPECTED_NAMES] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_TRAILING_COMMA_IMPORT] = {SYNTAX_ERROR, "trailing comma not allowed without surrounding parentheses"},
    [SE_MISSING_PARENS] = {SYNTAX_ERROR, "Missing parentheses in call to '%1'. Did you mean %1(%2)?"},
    [SE_MISSING_PARENS_EXEC] = {SYNTAX_ERROR, "Missing parentheses in call to 'exec'"},
    [SE_INVALID_STAR_EXPR] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNCLOSED_BRACKET] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_MISMATCHED_BRACKET] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2'"},
    [SE_MISMATCHED_BRACKET_LINE] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2' on line %3"},
    [SE_UNMATCHED_BRACKET] = {SYNTAX_ERROR, "unmatched '%1'"},
    [SE_TOO_MANY_PARENS] = {MEMORY_ERROR, ""},
    [SE_UNTERMINATED_STRING] = {SYNTAX_ERROR, "EOL while scanning string literal"},
    [SE_UNTERMINATED_TRIPLE] = {SYNTAX_ERROR, "EOF while scanning triple-quoted string literal"},
    [SE_INVALID_CHARACTER] = {SYNTAX_ERROR, "invalid character in identifier"},
    [SE_INVALID_NONPRINTABLE] = {SYNTAX_ERROR, "invalid character in identifier"},
    [SE_INVALID_DECIMAL] = {SYNTAX_ERROR, "invalid decimal literal"},
    [SE_INVALID_HEX] = {SYNTAX_ERROR, "invalid hexadecimal literal"},
    [SE_INVALID_OCTAL] = {SYNTAX_ERROR, "invalid octal literal"},
    [SE_INVALID_BINARY] = {SYNTAX_ERROR, "invalid binary literal"},
    [SE_INVALID_DIGIT] = {SYNTAX_ERROR, "invalid digit '%1' in %2 literal"},
    [SE_INVALID_IMAGINARY] = {SYNTAX_ERROR, "invalid imaginary literal"},
    [SE_LEADING_ZEROS] = {SYNTAX_ERROR, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
    [SE_CONTINUATION_CHAR] = {SYNTAX_ERROR, "unexpected character after line continuation character"},
    [SE_EOF_IN_CONTINUATION] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_NULL_BYTES] = {SYNTAX_ERROR, "source code string cannot contain null bytes"},
    [SE_INVALID_UTF8] = {SYNTAX_ERROR, "(unicode error) 'utf-8' codec can't decode byte 0x%6 in position %4: invalid start byte"},
    [SE_EXPECTED_INDENT] = {INDENTATION_ERROR, "expected an indented block"},
    [SE_UNEXPECTED_INDENT] = {INDENTATION_ERROR, "unexpected indent"},
    [SE_UNEXPECTED_UNINDENT] = {INDENTATION_ERROR, "unexpected unindent"},
    [SE_DEDENT_MISMATCH] = {INDENTATION_ERROR, "unindent does not match any outer indentation level"},
    [SE_TAB_INCONSISTENT] = {TAB_ERROR, "inconsistent use of tabs and spaces in indentation"},
    [SE_TOO_DEEP_INDENT] = {INDENTATION_ERROR, "too many levels of indentation"},
    [SE_ASSIGN_TO] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_ASSIGN_TO_MAYBE_EQ] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_ASSIGN_TO_KEYWORD] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_DELETE] = {SYNTAX_ERROR, "cannot delete %1"},
    [SE_AUG_ASSIGN_TO] = {SYNTAX_ERROR, "'%1' is an illegal expression for augmented assignment"},
    [SE_STARRED_HERE] = {SYNTAX_ERROR, "can't use starred expression here"},
    [SE_STARRED_ALONE] = {SYNTAX_ERROR, "starred assignment target must be in a list or tuple"},
    [SE_MULTIPLE_STARRED] = {SYNTAX_ERROR, "two starred expressions in assignment"},
    [SE_ANNOTATE_TUPLE] = {SYNTAX_ERROR, "only single target (not %1) can be annotated"},
    [SE_YIELD_ASSIGN] = {SYNTAX_ERROR, "assignment to yield expression not possible"},
    [SE_KWARG_EXPR_ASSIGN] = {SYNTAX_ERROR, "expression cannot contain assignment, perhaps you meant \"==\"?"},
    [SE_POS_AFTER_KW] = {SYNTAX_ERROR, "positional argument follows keyword argument"},
    [SE_POS_AFTER_KWUNPACK] = {SYNTAX_ERROR, "positional argument follows keyword argument unpacking"},
    [SE_ITER_AFTER_KWUNPACK] = {SYNTAX_ERROR, "iterable argument unpacking follows keyword argument unpacking"},
    [SE_GENEXP_PARENS] = {SYNTAX_ERROR, "Generator expression must be parenthesized"},
    [SE_KEYWORD_REPEATED] = {SYNTAX_ERROR, "keyword argument repeated"},
    [SE_NONDEFAULT_AFTER_DEFAULT] = {SYNTAX_ERROR, "non-default argument follows default argument"},
    [SE_BARE_STAR] = {SYNTAX_ERROR, "named arguments must follow bare *"},
    [SE_STAR_ONCE] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_AFTER_KWARG] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_DUPLICATE_ARGUMENT] = {SYNTAX_ERROR, "duplicate argument '%1' in function definition"},
    [SE_BYTES_NONASCII] = {SYNTAX_ERROR, "bytes can only contain ASCII literal characters."},
    [SE_MIX_BYTES] = {SYNTAX_ERROR, "cannot mix bytes and nonbytes literals"},
    [SE_UNICODE_ESCAPE] = {SYNTAX_ERROR, "(unicode error) 'unicodeescape' codec can't decode bytes in position %3-%4: %1"},
    [SE_FSTRING_EXPECTING_BRACE] = {SYNTAX_ERROR, "f-string: expecting '}'"},
    [SE_FSTRING_SINGLE_BRACE] = {SYNTAX_ERROR, "f-string: single '}' is not allowed"},
    [SE_FSTRING_EMPTY] = {SYNTAX_ERROR, "f-string: empty expression not allowed"},
    [SE_FSTRING_CONVERSION] = {SYNTAX_ERROR, "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    [SE_FSTRING_MISSING_CONVERSION] = {SYNTAX_ERROR, "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    [SE_FSTRING_TOO_DEEP] = {SYNTAX_ERROR, "f-string: expressions nested too deeply"},
    [SE_FSTRING_BACKSLASH] = {SYNTAX_ERROR, "f-string expression part cannot include a backslash"},
    [SE_FSTRING_LAMBDA] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_RETURN_OUTSIDE] = {SYNTAX_ERROR, "'return' outside function"},
    [SE_BREAK_OUTSIDE] = {SYNTAX_ERROR, "'break' outside loop"},
    [SE_CONTINUE_OUTSIDE] = {SYNTAX_ERROR, "'continue' not properly in loop"},
    [SE_YIELD_OUTSIDE] = {SYNTAX_ERROR, "'yield' outside function"},
    [SE_AWAIT_OUTSIDE] = {SYNTAX_ERROR, "'await' outside function"},
    [SE_DEFAULT_EXCEPT_LAST] = {SYNTAX_ERROR, "default 'except:' must be last"},
    [SE_IMPORT_STAR_NOT_MODULE] = {SYNTAX_ERROR, "import * only allowed at module level"},
    [SE_NONLOCAL_AT_MODULE] = {SYNTAX_ERROR, "nonlocal declaration not allowed at module level"},
    [SE_NONLOCAL_NO_BINDING] = {SYNTAX_ERROR, "no binding for nonlocal '%1' found"},
    [SE_NONLOCAL_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is nonlocal and global"},
    [SE_PARAM_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is parameter and global"},
    [SE_PARAM_AND_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is parameter and nonlocal"},
    [SE_ASSIGNED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is assigned to before global declaration"},
    [SE_ASSIGNED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is assigned to before nonlocal declaration"},
    [SE_USED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is used prior to global declaration"},
    [SE_USED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is used prior to nonlocal declaration"},
    [SE_TOO_MANY_BLOCKS] = {SYNTAX_ERROR, "too many statically nested blocks"},
    [SE_PARSER_STACK] = {MEMORY_ERROR, ""},
    [SE_RECURSION] = {RECURSION_ERROR, "maximum recursion depth exceeded during compilation"},
    [SE_UNSUPPORTED] = {SYNTAX_ERROR, "%1 is not supported by heapscope"},
};

/* CPython 3.11. */
static const SyntaxMessage messages_py311[SE_N_KINDS] = {
    [SE_INVALID_SYNTAX] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNEXPECTED_EOF] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_EXPECTED_COLON] = {SYNTAX_ERROR, "expected ':'"},
    [SE_FORGOT_COMMA] = {SYNTAX_ERROR, "invalid syntax. Perhaps you forgot a comma?"},
    [SE_MAYBE_EQ] = {SYNTAX_ERROR, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    [SE_EXPECTED_ELSE] = {SYNTAX_ERROR, "expected 'else' after 'if' expression"},
    [SE_DICT_COLON] = {SYNTAX_ERROR, "':' expected after dictionary key"},
    [SE_EXPECTED_EXCEPT_FINALLY] = {SYNTAX_ERROR, "expected 'except' or 'finally' block"},
    [SE_IMPORT_EXPECTED_NAMES] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_TRAILING_COMMA_IMPORT] = {SYNTAX_ERROR, "trailing comma not allowed without surrounding parentheses"},
    [SE_MISSING_PARENS] = {SYNTAX_ERROR, "Missing parentheses in call to '%1'. Did you mean %1(...)?"},
    [SE_MISSING_PARENS_EXEC] = {SYNTAX_ERROR, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"},
    [SE_INVALID_STAR_EXPR] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNCLOSED_BRACKET] = {SYNTAX_ERROR, "'%1' was never closed"},
    [SE_MISMATCHED_BRACKET] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2'"},
    [SE_MISMATCHED_BRACKET_LINE] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2' on line %3"},
    [SE_UNMATCHED_BRACKET] = {SYNTAX_ERROR, "unmatched '%1'"},
    [SE_TOO_MANY_PARENS] = {SYNTAX_ERROR, "too many nested parentheses"},
    [SE_UNTERMINATED_STRING] = {SYNTAX_ERROR, "unterminated string literal (detected at line %3)"},
    [SE_UNTERMINATED_TRIPLE] = {SYNTAX_ERROR, "unterminated triple-quoted string literal (detected at line %3)"},
    [SE_INVALID_CHARACTER] = {SYNTAX_ERROR, "invalid character '%1' (U+%5)"},
    [SE_INVALID_NONPRINTABLE] = {SYNTAX_ERROR, "invalid non-printable character U+%5"},
    [SE_INVALID_DECIMAL] = {SYNTAX_ERROR, "invalid decimal literal"},
    [SE_INVALID_HEX] = {SYNTAX_ERROR, "invalid hexadecimal literal"},
    [SE_INVALID_OCTAL] = {SYNTAX_ERROR, "invalid octal literal"},
    [SE_INVALID_BINARY] = {SYNTAX_ERROR, "invalid binary literal"},
    [SE_INVALID_DIGIT] = {SYNTAX_ERROR, "invalid digit '%1' in %2 literal"},
    [SE_INVALID_IMAGINARY] = {SYNTAX_ERROR, "invalid imaginary literal"},
    [SE_LEADING_ZEROS] = {SYNTAX_ERROR, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
    [SE_CONTINUATION_CHAR] = {SYNTAX_ERROR, "unexpected character after line continuation character"},
    [SE_EOF_IN_CONTINUATION] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_NULL_BYTES] = {SYNTAX_ERROR, "source code string cannot contain null bytes"},
    [SE_INVALID_UTF8] = {SYNTAX_ERROR, "(unicode error) 'utf-8' codec can't decode byte 0x%6 in position %4: invalid start byte"},
    [SE_EXPECTED_INDENT] = {INDENTATION_ERROR, "expected an indented block after %1 on line %3"},
    [SE_UNEXPECTED_INDENT] = {INDENTATION_ERROR, "unexpected indent"},
    [SE_UNEXPECTED_UNINDENT] = {INDENTATION_ERROR, "unexpected unindent"},
    [SE_DEDENT_MISMATCH] = {INDENTATION_ERROR, "unindent does not match any outer indentation level"},
    [SE_TAB_INCONSISTENT] = {TAB_ERROR, "inconsistent use of tabs and spaces in indentation"},
    [SE_TOO_DEEP_INDENT] = {INDENTATION_ERROR, "too many levels of indentation"},
    [SE_ASSIGN_TO] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_ASSIGN_TO_MAYBE_EQ] = {SYNTAX_ERROR, "cannot assign to %1 here. Maybe you meant '==' instead of '='?"},
    [SE_ASSIGN_TO_KEYWORD] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_DELETE] = {SYNTAX_ERROR, "cannot delete %1"},
    [SE_AUG_ASSIGN_TO] = {SYNTAX_ERROR, "'%1' is an illegal expression for augmented assignment"},
    [SE_STARRED_HERE] = {SYNTAX_ERROR, "can't use starred expression here"},
    [SE_STARRED_ALONE] = {SYNTAX_ERROR, "starred assignment target must be in a list or tuple"},
    [SE_MULTIPLE_STARRED] = {SYNTAX_ERROR, "multiple starred expressions in assignment"},
    [SE_ANNOTATE_TUPLE] = {SYNTAX_ERROR, "only single target (not %1) can be annotated"},
    [SE_YIELD_ASSIGN] = {SYNTAX_ERROR, "assignment to yield expression not possible"},
    [SE_KWARG_EXPR_ASSIGN] = {SYNTAX_ERROR, "expression cannot contain assignment, perhaps you meant \"==\"?"},
    [SE_POS_AFTER_KW] = {SYNTAX_ERROR, "positional argument follows keyword argument"},
    [SE_POS_AFTER_KWUNPACK] = {SYNTAX_ERROR, "positional argument follows keyword argument unpacking"},
    [SE_ITER_AFTER_KWUNPACK] = {SYNTAX_ERROR, "iterable argument unpacking follows keyword argument unpacking"},
    [SE_GENEXP_PARENS] = {SYNTAX_ERROR, "Generator expression must be parenthesized"},
    [SE_KEYWORD_REPEATED] = {SYNTAX_ERROR, "keyword argument repeated: %1"},
    [SE_NONDEFAULT_AFTER_DEFAULT] = {SYNTAX_ERROR, "non-default argument follows default argument"},
    [SE_BARE_STAR] = {SYNTAX_ERROR, "named arguments must follow bare *"},
    [SE_STAR_ONCE] = {SYNTAX_ERROR, "* argument may appear only once"},
    [SE_AFTER_KWARG] = {SYNTAX_ERROR, "arguments cannot follow var-keyword argument"},
    [SE_DUPLICATE_ARGUMENT] = {SYNTAX_ERROR, "duplicate argument '%1' in function definition"},
    [SE_BYTES_NONASCII] = {SYNTAX_ERROR, "bytes can only contain ASCII literal characters"},
    [SE_MIX_BYTES] = {SYNTAX_ERROR, "cannot mix bytes and nonbytes literals"},
    [SE_UNICODE_ESCAPE] = {SYNTAX_ERROR, "(unicode error) 'unicodeescape' codec can't decode bytes in position %3-%4: %1"},
    [SE_FSTRING_EXPECTING_BRACE] = {SYNTAX_ERROR, "f-string: expecting '}'"},
    [SE_FSTRING_SINGLE_BRACE] = {SYNTAX_ERROR, "f-string: single '}' is not allowed"},
    [SE_FSTRING_EMPTY] = {SYNTAX_ERROR, "f-string: empty expression not allowed"},
    [SE_FSTRING_CONVERSION] = {SYNTAX_ERROR, "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    [SE_FSTRING_MISSING_CONVERSION] = {SYNTAX_ERROR, "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
    [SE_FSTRING_TOO_DEEP] = {SYNTAX_ERROR, "f-string: expressions nested too deeply"},
    [SE_FSTRING_BACKSLASH] = {SYNTAX_ERROR, "f-string expression part cannot include a backslash"},
    [SE_FSTRING_LAMBDA] = {SYNTAX_ERROR, "f-string: invalid syntax"},
    [SE_RETURN_OUTSIDE] = {SYNTAX_ERROR, "'return' outside function"},
    [SE_BREAK_OUTSIDE] = {SYNTAX_ERROR, "'break' outside loop"},
    [SE_CONTINUE_OUTSIDE] = {SYNTAX_ERROR, "'continue' not properly in loop"},
    [SE_YIELD_OUTSIDE] = {SYNTAX_ERROR, "'yield' outside function"},
    [SE_AWAIT_OUTSIDE] = {SYNTAX_ERROR, "'await' outside function"},
    [SE_DEFAULT_EXCEPT_LAST] = {SYNTAX_ERROR, "default 'except:' must be last"},
    [SE_IMPORT_STAR_NOT_MODULE] = {SYNTAX_ERROR, "import * only allowed at module level"},
    [SE_NONLOCAL_AT_MODULE] = {SYNTAX_ERROR, "nonlocal declaration not allowed at module level"},
    [SE_NONLOCAL_NO_BINDING] = {SYNTAX_ERROR, "no binding for nonlocal '%1' found"},
    [SE_NONLOCAL_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is nonlocal and global"},
    [SE_PARAM_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is parameter and global"},
    [SE_PARAM_AND_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is parameter and nonlocal"},
    [SE_ASSIGNED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is assigned to before global declaration"},
    [SE_ASSIGNED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is assigned to before nonlocal declaration"},
    [SE_USED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is used prior to global declaration"},
    [SE_USED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is used prior to nonlocal declaration"},
    [SE_TOO_MANY_BLOCKS] = {SYNTAX_ERROR, "too many statically nested blocks"},
    [SE_PARSER_STACK] = {MEMORY_ERROR, ""},
    [SE_RECURSION] = {RECURSION_ERROR, "maximum recursion depth exceeded during compilation"},
    [SE_UNSUPPORTED] = {SYNTAX_ERROR, "%1 is not supported by heapscope"},
};

/* CPython 3.12. */
static const SyntaxMessage messages_py312[SE_N_KINDS] = {
    [SE_INVALID_SYNTAX] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNEXPECTED_EOF] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_EXPECTED_COLON] = {SYNTAX_ERROR, "expected ':'"},
    [SE_FORGOT_COMMA] = {SYNTAX_ERROR, "invalid syntax. Perhaps you forgot a comma?"},
    [SE_MAYBE_EQ] = {SYNTAX_ERROR, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    [SE_EXPECTED_ELSE] = {SYNTAX_ERROR, "expected 'else' after 'if' expression"},
    [SE_DICT_COLON] = {SYNTAX_ERROR, "':' expected after dictionary key"},
    [SE_EXPECTED_EXCEPT_FINALLY] = {SYNTAX_ERROR, "expected 'except' or 'finally' block"},
    [SE_IMPORT_EXPECTED_NAMES] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_TRAILING_COMMA_IMPORT] = {SYNTAX_ERROR, "trailing comma not allowed without surrounding parentheses"},
    [SE_MISSING_PARENS] = {SYNTAX_ERROR, "Missing parentheses in call to '%1'. Did you mean %1(...)?"},
    [SE_MISSING_PARENS_EXEC] = {SYNTAX_ERROR, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"},
    [SE_INVALID_STAR_EXPR] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNCLOSED_BRACKET] = {SYNTAX_ERROR, "'%1' was never closed"},
    [SE_MISMATCHED_BRACKET] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2'"},
    [SE_MISMATCHED_BRACKET_LINE] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2' on line %3"},
    [SE_UNMATCHED_BRACKET] = {SYNTAX_ERROR, "unmatched '%1'"},
    [SE_TOO_MANY_PARENS] = {SYNTAX_ERROR, "too many nested parentheses"},
    [SE_UNTERMINATED_STRING] = {SYNTAX_ERROR, "unterminated string literal (detected at line %3)"},
    [SE_UNTERMINATED_TRIPLE] = {SYNTAX_ERROR, "unterminated triple-quoted string literal (detected at line %3)"},
    [SE_INVALID_CHARACTER] = {SYNTAX_ERROR, "invalid character '%1' (U+%5)"},
    [SE_INVALID_NONPRINTABLE] = {SYNTAX_ERROR, "invalid non-printable character U+%5"},
    [SE_INVALID_DECIMAL] = {SYNTAX_ERROR, "invalid decimal literal"},
    [SE_INVALID_HEX] = {SYNTAX_ERROR, "invalid hexadecimal literal"},
    [SE_INVALID_OCTAL] = {SYNTAX_ERROR, "invalid octal literal"},
    [SE_INVALID_BINARY] = {SYNTAX_ERROR, "invalid binary literal"},
    [SE_INVALID_DIGIT] = {SYNTAX_ERROR, "invalid digit '%1' in %2 literal"},
    [SE_INVALID_IMAGINARY] = {SYNTAX_ERROR, "invalid imaginary literal"},
    [SE_LEADING_ZEROS] = {SYNTAX_ERROR, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
    [SE_CONTINUATION_CHAR] = {SYNTAX_ERROR, "unexpected character after line continuation character"},
    [SE_EOF_IN_CONTINUATION] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_NULL_BYTES] = {SYNTAX_ERROR, "source code cannot contain null bytes"},
    [SE_INVALID_UTF8] = {SYNTAX_ERROR, "(unicode error) 'utf-8' codec can't decode byte 0x%6 in position %4: invalid start byte"},
    [SE_EXPECTED_INDENT] = {INDENTATION_ERROR, "expected an indented block after %1 on line %3"},
    [SE_UNEXPECTED_INDENT] = {INDENTATION_ERROR, "unexpected indent"},
    [SE_UNEXPECTED_UNINDENT] = {INDENTATION_ERROR, "unexpected unindent"},
    [SE_DEDENT_MISMATCH] = {INDENTATION_ERROR, "unindent does not match any outer indentation level"},
    [SE_TAB_INCONSISTENT] = {TAB_ERROR, "inconsistent use of tabs and spaces in indentation"},
    [SE_TOO_DEEP_INDENT] = {INDENTATION_ERROR, "too many levels of indentation"},
    [SE_ASSIGN_TO] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_ASSIGN_TO_MAYBE_EQ] = {SYNTAX_ERROR, "cannot assign to %1 here. Maybe you meant '==' instead of '='?"},
    [SE_ASSIGN_TO_KEYWORD] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_DELETE] = {SYNTAX_ERROR, "cannot delete %1"},
    [SE_AUG_ASSIGN_TO] = {SYNTAX_ERROR, "'%1' is an illegal expression for augmented assignment"},
    [SE_STARRED_HERE] = {SYNTAX_ERROR, "can't use starred expression here"},
    [SE_STARRED_ALONE] = {SYNTAX_ERROR, "starred assignment target must be in a list or tuple"},
    [SE_MULTIPLE_STARRED] = {SYNTAX_ERROR, "multiple starred expressions in assignment"},
    [SE_ANNOTATE_TUPLE] = {SYNTAX_ERROR, "only single target (not %1) can be annotated"},
    [SE_YIELD_ASSIGN] = {SYNTAX_ERROR, "assignment to yield expression not possible"},
    [SE_KWARG_EXPR_ASSIGN] = {SYNTAX_ERROR, "expression cannot contain assignment, perhaps you meant \"==\"?"},
    [SE_POS_AFTER_KW] = {SYNTAX_ERROR, "positional argument follows keyword argument"},
    [SE_POS_AFTER_KWUNPACK] = {SYNTAX_ERROR, "positional argument follows keyword argument unpacking"},
    [SE_ITER_AFTER_KWUNPACK] = {SYNTAX_ERROR, "iterable argument unpacking follows keyword argument unpacking"},
    [SE_GENEXP_PARENS] = {SYNTAX_ERROR, "Generator expression must be parenthesized"},
    [SE_KEYWORD_REPEATED] = {SYNTAX_ERROR, "keyword argument repeated: %1"},
    [SE_NONDEFAULT_AFTER_DEFAULT] = {SYNTAX_ERROR, "parameter without a default follows parameter with a default"},
    [SE_BARE_STAR] = {SYNTAX_ERROR, "named arguments must follow bare *"},
    [SE_STAR_ONCE] = {SYNTAX_ERROR, "* argument may appear only once"},
    [SE_AFTER_KWARG] = {SYNTAX_ERROR, "arguments cannot follow var-keyword argument"},
    [SE_DUPLICATE_ARGUMENT] = {SYNTAX_ERROR, "duplicate argument '%1' in function definition"},
    [SE_BYTES_NONASCII] = {SYNTAX_ERROR, "bytes can only contain ASCII literal characters"},
    [SE_MIX_BYTES] = {SYNTAX_ERROR, "cannot mix bytes and nonbytes literals"},
    [SE_UNICODE_ESCAPE] = {SYNTAX_ERROR, "(unicode error) 'unicodeescape' codec can't decode bytes in position %3-%4: %1"},
    [SE_FSTRING_EXPECTING_BRACE] = {SYNTAX_ERROR, "f-string: expecting '}'"},
    [SE_FSTRING_SINGLE_BRACE] = {SYNTAX_ERROR, "f-string: single '}' is not allowed"},
    [SE_FSTRING_EMPTY] = {SYNTAX_ERROR, "f-string: valid expression required before '%1'"},
    [SE_FSTRING_CONVERSION] = {SYNTAX_ERROR, "f-string: invalid conversion character '%1': expected 's', 'r', or 'a'"},
    [SE_FSTRING_MISSING_CONVERSION] = {SYNTAX_ERROR, "f-string: missing conversion character"},
    [SE_FSTRING_TOO_DEEP] = {SYNTAX_ERROR, "f-string: expressions nested too deeply"},
    [SE_FSTRING_BACKSLASH] = {SYNTAX_ERROR, "f-string expression part cannot include a backslash"},
    [SE_FSTRING_LAMBDA] = {SYNTAX_ERROR, "f-string: lambda expressions are not allowed without parentheses"},
    [SE_RETURN_OUTSIDE] = {SYNTAX_ERROR, "'return' outside function"},
    [SE_BREAK_OUTSIDE] = {SYNTAX_ERROR, "'break' outside loop"},
    [SE_CONTINUE_OUTSIDE] = {SYNTAX_ERROR, "'continue' not properly in loop"},
    [SE_YIELD_OUTSIDE] = {SYNTAX_ERROR, "'yield' outside function"},
    [SE_AWAIT_OUTSIDE] = {SYNTAX_ERROR, "'await' outside function"},
    [SE_DEFAULT_EXCEPT_LAST] = {SYNTAX_ERROR, "default 'except:' must be last"},
    [SE_IMPORT_STAR_NOT_MODULE] = {SYNTAX_ERROR, "import * only allowed at module level"},
    [SE_NONLOCAL_AT_MODULE] = {SYNTAX_ERROR, "nonlocal declaration not allowed at module level"},
    [SE_NONLOCAL_NO_BINDING] = {SYNTAX_ERROR, "no binding for nonlocal '%1' found"},
    [SE_NONLOCAL_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is nonlocal and global"},
    [SE_PARAM_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is parameter and global"},
    [SE_PARAM_AND_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is parameter and nonlocal"},
    [SE_ASSIGNED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is assigned to before global declaration"},
    [SE_ASSIGNED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is assigned to before nonlocal declaration"},
    [SE_USED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is used prior to global declaration"},
    [SE_USED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is used prior to nonlocal declaration"},
    [SE_TOO_MANY_BLOCKS] = {SYNTAX_ERROR, "too many statically nested blocks"},
    [SE_PARSER_STACK] = {MEMORY_ERROR, "Parser stack overflowed - Python source too complex to parse"},
    [SE_RECURSION] = {RECURSION_ERROR, "maximum recursion depth exceeded during compilation"},
    [SE_UNSUPPORTED] = {SYNTAX_ERROR, "%1 is not supported by heapscope"},
};

/* CPython 3.13. */
static const SyntaxMessage messages_py313[SE_N_KINDS] = {
    [SE_INVALID_SYNTAX] = {SYNTAX_ERROR, "invalid syntax"},
    [SE_UNEXPECTED_EOF] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_EXPECTED_COLON] = {SYNTAX_ERROR, "expected ':'"},
    [SE_FORGOT_COMMA] = {SYNTAX_ERROR, "invalid syntax. Perhaps you forgot a comma?"},
    [SE_MAYBE_EQ] = {SYNTAX_ERROR, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"},
    [SE_EXPECTED_ELSE] = {SYNTAX_ERROR, "expected 'else' after 'if' expression"},
    [SE_DICT_COLON] = {SYNTAX_ERROR, "':' expected after dictionary key"},
    [SE_EXPECTED_EXCEPT_FINALLY] = {SYNTAX_ERROR, "expected 'except' or 'finally' block"},
    [SE_IMPORT_EXPECTED_NAMES] = {SYNTAX_ERROR, "Expected one or more names after 'import'"},
    [SE_TRAILING_COMMA_IMPORT] = {SYNTAX_ERROR, "trailing comma not allowed without surrounding parentheses"},
    [SE_MISSING_PARENS] = {SYNTAX_ERROR, "Missing parentheses in call to '%1'. Did you mean %1(...)?"},
    [SE_MISSING_PARENS_EXEC] = {SYNTAX_ERROR, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"},
    [SE_INVALID_STAR_EXPR] = {SYNTAX_ERROR, "Invalid star expression"},
    [SE_UNCLOSED_BRACKET] = {SYNTAX_ERROR, "'%1' was never closed"},
    [SE_MISMATCHED_BRACKET] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2'"},
    [SE_MISMATCHED_BRACKET_LINE] = {SYNTAX_ERROR, "closing parenthesis '%1' does not match opening parenthesis '%2' on line %3"},
    [SE_UNMATCHED_BRACKET] = {SYNTAX_ERROR, "unmatched '%1'"},
    [SE_TOO_MANY_PARENS] = {SYNTAX_ERROR, "too many nested parentheses"},
    [SE_UNTERMINATED_STRING] = {SYNTAX_ERROR, "unterminated string literal (detected at line %3)"},
    [SE_UNTERMINATED_TRIPLE] = {SYNTAX_ERROR, "unterminated triple-quoted string literal (detected at line %3)"},
    [SE_INVALID_CHARACTER] = {SYNTAX_ERROR, "invalid character '%1' (U+%5)"},
    [SE_INVALID_NONPRINTABLE] = {SYNTAX_ERROR, "invalid non-printable character U+%5"},
    [SE_INVALID_DECIMAL] = {SYNTAX_ERROR, "invalid decimal literal"},
    [SE_INVALID_HEX] = {SYNTAX_ERROR, "invalid hexadecimal literal"},
    [SE_INVALID_OCTAL] = {SYNTAX_ERROR, "invalid octal literal"},
    [SE_INVALID_BINARY] = {SYNTAX_ERROR, "invalid binary literal"},
    [SE_INVALID_DIGIT] = {SYNTAX_ERROR, "invalid digit '%1' in %2 literal"},
    [SE_INVALID_IMAGINARY] = {SYNTAX_ERROR, "invalid imaginary literal"},
    [SE_LEADING_ZEROS] = {SYNTAX_ERROR, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
    [SE_CONTINUATION_CHAR] = {SYNTAX_ERROR, "unexpected character after line continuation character"},
    [SE_EOF_IN_CONTINUATION] = {SYNTAX_ERROR, "unexpected EOF while parsing"},
    [SE_NULL_BYTES] = {SYNTAX_ERROR, "source code cannot contain null bytes"},
    [SE_INVALID_UTF8] = {SYNTAX_ERROR, "(unicode error) 'utf-8' codec can't decode byte 0x%6 in position %4: invalid start byte"},
    [SE_EXPECTED_INDENT] = {INDENTATION_ERROR, "expected an indented block after %1 on line %3"},
    [SE_UNEXPECTED_INDENT] = {INDENTATION_ERROR, "unexpected indent"},
    [SE_UNEXPECTED_UNINDENT] = {INDENTATION_ERROR, "unexpected unindent"},
    [SE_DEDENT_MISMATCH] = {INDENTATION_ERROR, "unindent does not match any outer indentation level"},
    [SE_TAB_INCONSISTENT] = {TAB_ERROR, "inconsistent use of tabs and spaces in indentation"},
    [SE_TOO_DEEP_INDENT] = {INDENTATION_ERROR, "too many levels of indentation"},
    [SE_ASSIGN_TO] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_ASSIGN_TO_MAYBE_EQ] = {SYNTAX_ERROR, "cannot assign to %1 here. Maybe you meant '==' instead of '='?"},
    [SE_ASSIGN_TO_KEYWORD] = {SYNTAX_ERROR, "cannot assign to %1"},
    [SE_DELETE] = {SYNTAX_ERROR, "cannot delete %1"},
    [SE_AUG_ASSIGN_TO] = {SYNTAX_ERROR, "'%1' is an illegal expression for augmented assignment"},
    [SE_STARRED_HERE] = {SYNTAX_ERROR, "can't use starred expression here"},
    [SE_STARRED_ALONE] = {SYNTAX_ERROR, "starred assignment target must be in a list or tuple"},
    [SE_MULTIPLE_STARRED] = {SYNTAX_ERROR, "multiple starred expressions in assignment"},
    [SE_ANNOTATE_TUPLE] = {SYNTAX_ERROR, "only single target (not %1) can be annotated"},
    [SE_YIELD_ASSIGN] = {SYNTAX_ERROR, "assignment to yield expression not possible"},
    [SE_KWARG_EXPR_ASSIGN] = {SYNTAX_ERROR, "expression cannot contain assignment, perhaps you meant \"==\"?"},
    [SE_POS_AFTER_KW] = {SYNTAX_ERROR, "positional argument follows keyword argument"},
    [SE_POS_AFTER_KWUNPACK] = {SYNTAX_ERROR, "positional argument follows keyword argument unpacking"},
    [SE_ITER_AFTER_KWUNPACK] = {SYNTAX_ERROR, "iterable argument unpacking follows keyword argument unpacking"},
    [SE_GENEXP_PARENS] = {SYNTAX_ERROR, "Generator expression must be parenthesized"},
    [SE_KEYWORD_REPEATED] = {SYNTAX_ERROR, "keyword argument repeated: %1"},
    [SE_NONDEFAULT_AFTER_DEFAULT] = {SYNTAX_ERROR, "parameter without a default follows parameter with a default"},
    [SE_BARE_STAR] = {SYNTAX_ERROR, "named arguments must follow bare *"},
    [SE_STAR_ONCE] = {SYNTAX_ERROR, "* argument may appear only once"},
    [SE_AFTER_KWARG] = {SYNTAX_ERROR, "arguments cannot follow var-keyword argument"},
    [SE_DUPLICATE_ARGUMENT] = {SYNTAX_ERROR, "duplicate argument '%1' in function definition"},
    [SE_BYTES_NONASCII] = {SYNTAX_ERROR, "bytes can only contain ASCII literal characters"},
    [SE_MIX_BYTES] = {SYNTAX_ERROR, "cannot mix bytes and nonbytes literals"},
    [SE_UNICODE_ESCAPE] = {SYNTAX_ERROR, "(unicode error) 'unicodeescape' codec can't decode bytes in position %3-%4: %1"},
    [SE_FSTRING_EXPECTING_BRACE] = {SYNTAX_ERROR, "f-string: expecting '}'"},
    [SE_FSTRING_SINGLE_BRACE] = {SYNTAX_ERROR, "f-string: single '}' is not allowed"},
    [SE_FSTRING_EMPTY] = {SYNTAX_ERROR, "f-string: valid expression required before '%1'"},
    [SE_FSTRING_CONVERSION] = {SYNTAX_ERROR, "f-string: invalid conversion character '%1': expected 's', 'r', or 'a'"},
    [SE_FSTRING_MISSING_CONVERSION] = {SYNTAX_ERROR, "f-string: missing conversion character"},
    [SE_FSTRING_TOO_DEEP] = {SYNTAX_ERROR, "f-string: expressions nested too deeply"},
    [SE_FSTRING_BACKSLASH] = {SYNTAX_ERROR, "f-string expression part cannot include a backslash"},
    [SE_FSTRING_LAMBDA] = {SYNTAX_ERROR, "f-string: lambda expressions are not allowed without parentheses"},
    [SE_RETURN_OUTSIDE] = {SYNTAX_ERROR, "'return' outside function"},
    [SE_BREAK_OUTSIDE] = {SYNTAX_ERROR, "'break' outside loop"},
    [SE_CONTINUE_OUTSIDE] = {SYNTAX_ERROR, "'continue' not properly in loop"},
    [SE_YIELD_OUTSIDE] = {SYNTAX_ERROR, "'yield' outside function"},
    [SE_AWAIT_OUTSIDE] = {SYNTAX_ERROR, "'await' outside function"},
    [SE_DEFAULT_EXCEPT_LAST] = {SYNTAX_ERROR, "default 'except:' must be last"},
    [SE_IMPORT_STAR_NOT_MODULE] = {SYNTAX_ERROR, "import * only allowed at module level"},
    [SE_NONLOCAL_AT_MODULE] = {SYNTAX_ERROR, "nonlocal declaration not allowed at module level"},
    [SE_NONLOCAL_NO_BINDING] = {SYNTAX_ERROR, "no binding for nonlocal '%1' found"},
    [SE_NONLOCAL_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is nonlocal and global"},
    [SE_PARAM_AND_GLOBAL] = {SYNTAX_ERROR, "name '%1' is parameter and global"},
    [SE_PARAM_AND_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is parameter and nonlocal"},
    [SE_ASSIGNED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is assigned to before global declaration"},
    [SE_ASSIGNED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is assigned to before nonlocal declaration"},
    [SE_USED_BEFORE_GLOBAL] = {SYNTAX_ERROR, "name '%1' is used prior to global declaration"},
    [SE_USED_BEFORE_NONLOCAL] = {SYNTAX_ERROR, "name '%1' is used prior to nonlocal declaration"},
    [SE_TOO_MANY_BLOCKS] = {SYNTAX_ERROR, "too many statically nested blocks"},
    [SE_PARSER_STACK] = {MEMORY_ERROR, "Parser stack overflowed - Python source too complex to parse"},
    [SE_RECURSION] = {RECURSION_ERROR, "maximum recursion depth exceeded during compilation"},
    [SE_UNSUPPORTED] = {SYNTAX_ERROR, "%1 is not supported by heapscope"},
};
static const SyntaxProfile profiles[PARSER_N_VERSIONS] = {
    [PARSER_PY38] = {
        .version = PARSER_PY38, .name = "3.8", .messages = messages_py38,
        .escape_warnings = false,
        .new_parser = false, .end_offsets = false, .newline_width = 0,
        .tokenizer_errors_win = false, .pep701_fstrings = false,
        .relaxed_decorators = false, .parenthesized_with = false,
        .star_in_index = false, .except_star = false,
        .max_paren_level = 99, .max_indent_level = 100,
        .max_parser_depth = 1679, .max_ast_depth = 2987, .max_blocks = 20,
        .indent_error_one_caret = true,
    },
    [PARSER_PY311] = {
        .version = PARSER_PY311, .name = "3.11", .messages = messages_py311,
        .escape_warnings = false,
        .new_parser = true, .end_offsets = true, .newline_width = 0,
        .tokenizer_errors_win = true, .pep701_fstrings = false,
        .relaxed_decorators = true, .parenthesized_with = true,
        .star_in_index = true, .except_star = true,
        .max_paren_level = 200, .max_indent_level = 100,
        .max_parser_depth = 2983, .max_ast_depth = 2990, .max_blocks = 20,
        .indent_error_one_caret = true,
    },
    [PARSER_PY312] = {
        .version = PARSER_PY312, .name = "3.12", .messages = messages_py312,
        .escape_warnings = true,
        .new_parser = true, .end_offsets = true, .newline_width = 1,
        .tokenizer_errors_win = true, .pep701_fstrings = true,
        .relaxed_decorators = true, .parenthesized_with = true,
        .star_in_index = true, .except_star = true,
        .max_paren_level = 200, .max_indent_level = 100,
        .max_parser_depth = 2983, .max_ast_depth = 2995, .max_blocks = 20,
        .indent_error_one_caret = true,
    },
    [PARSER_PY313] = {
        .version = PARSER_PY313, .name = "3.13", .messages = messages_py313,
        .escape_warnings = true,
        .new_parser = true, .end_offsets = true, .newline_width = 1,
        .tokenizer_errors_win = true, .pep701_fstrings = true,
        .relaxed_decorators = true, .parenthesized_with = true,
        .star_in_index = true, .except_star = true,
        .max_paren_level = 200, .max_indent_level = 100,
        .max_parser_depth = 5966, .max_ast_depth = 9997, .max_blocks = 0,
        .indent_error_one_caret = false,
    },
};

/* The profile of a version. */
const SyntaxProfile *syntax_profile(ParserVersion v)
{
    if ((unsigned)v >= PARSER_N_VERSIONS)
        return NULL;
    return &profiles[v];
}

/* Look a profile up by "3.8", "38", "3.12.1" and the like. */
const SyntaxProfile *syntax_profile_by_name(const char *name)
{
    int major = 0, minor = 0;
    if (!name)
        return NULL;
    if (sscanf(name, "%d.%d", &major, &minor) != 2) {
        if (strcmp(name, "38") == 0) { major = 3; minor = 8; }
        else if (strcmp(name, "311") == 0) { major = 3; minor = 11; }
        else if (strcmp(name, "312") == 0) { major = 3; minor = 12; }
        else if (strcmp(name, "313") == 0) { major = 3; minor = 13; }
    }
    if (major != 3)
        return NULL;
    switch (minor) {
    case 8: return &profiles[PARSER_PY38];
    case 11: return &profiles[PARSER_PY311];
    case 12: return &profiles[PARSER_PY312];
    case 13: return &profiles[PARSER_PY313];
    default: return NULL;
    }
}

/* Growable string for formatting. */
typedef struct {
    char *s;
    size_t len, cap;
} StrBuf;

/* Append n bytes; on OOM the buffer is dropped (s = NULL). */
static void sb_add(StrBuf *b, const char *p, size_t n)
{
    if (!b->s && b->cap == (size_t)-1)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = (b->len + n + 1) * 2;
        char *ns = realloc(b->s, ncap);
        if (!ns) {
            free(b->s);
            b->s = NULL;
            b->cap = (size_t)-1;
            return;
        }
        b->s = ns;
        b->cap = ncap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* Append a C string. */
static void sb_puts(StrBuf *b, const char *p)
{
    sb_add(b, p, strlen(p));
}

/* Format the message of `err` for `profile`. */
char *syntax_format_message(const SyntaxProfile *profile, const SyntaxErr *err)
{
    StrBuf b = {0};
    const char *f = profile->messages[err->kind].fmt;
    char num[32];
    sb_add(&b, "", 0);
    for (; *f; f++) {
        if (*f != '%' || !f[1]) {
            sb_add(&b, f, 1);
            continue;
        }
        f++;
        switch (*f) {
        case '1': sb_puts(&b, err->s1); break;
        case '2': sb_puts(&b, err->s2); break;
        case '3': snprintf(num, sizeof num, "%ld", err->n1); sb_puts(&b, num); break;
        case '4': snprintf(num, sizeof num, "%ld", err->n2); sb_puts(&b, num); break;
        case '5': snprintf(num, sizeof num, "%04lX", err->n1); sb_puts(&b, num); break;
        case '6': snprintf(num, sizeof num, "%02lx", err->n1); sb_puts(&b, num); break;
        default: sb_add(&b, f, 1); break;
        }
    }
    return b.s;
}

/* Release the strings owned by an error. */
void syntax_err_clear(SyntaxErr *err)
{
    free(err->text);
    free(err->msg);
    err->text = NULL;
    err->msg = NULL;
}

/* "SyntaxError", "IndentationError", ... */
const char *syntax_err_type_name(SyntaxErrType type)
{
    switch (type) {
    case SYNTAX_ERROR: return "SyntaxError";
    case INDENTATION_ERROR: return "IndentationError";
    case TAB_ERROR: return "TabError";
    case MEMORY_ERROR: return "MemoryError";
    case RECURSION_ERROR: return "RecursionError";
    }
    return "SyntaxError";
}

/* Number of UTF-8 characters in the first n bytes of s. */
static int utf8_chars(const char *s, size_t n)
{
    int c = 0;
    size_t i;
    for (i = 0; i < n && s[i]; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            c++;
    return c;
}

/* Append the source line and caret line the way CPython prints them. */
static void format_source_line(StrBuf *b, const SyntaxProfile *profile, const SyntaxErr *err)
{
    const char *t = err->text;
    int lead = 0, len = utf8_chars(t, strlen(t)), i, start, width = 1;
    while (t[lead] == ' ' || t[lead] == '\t' || t[lead] == '\f')
        lead++;
    while (len > lead && (t[strlen(t) - 1] == ' ') && 0)
        len--;
    sb_puts(b, "    ");
    sb_puts(b, t + lead);
    sb_puts(b, "\n");
    if (err->offset < 1)
        return;
    start = err->offset - 1 - lead;
    if (start < 0 && profile->end_offsets)
        return;   /* 3.10+ print no caret left of the text (unexpected indent) */
    if (start < 0)
        start = 0;
    if (start > len - lead && profile->end_offsets)
        start = len - lead;      /* 3.8's print_error_text does not clamp */
    /* 3.8's print_error_text moves a caret that points at the line's
     * newline back onto the last character */
    if (!profile->end_offsets && start == len - lead && start > 0 && err->offset == len + 1)
        start--;
    if (profile->end_offsets && err->end_lineno == err->lineno && err->end_offset > err->offset
        && !(profile->indent_error_one_caret && err->type != SYNTAX_ERROR))
        width = err->end_offset - err->offset;
    if (start + width > len - lead + 1)
        width = len - lead + 1 - start > 0 ? len - lead + 1 - start : 1;
    sb_puts(b, "    ");
    for (i = 0; i < start; i++)
        sb_puts(b, " ");
    for (i = 0; i < width; i++)
        sb_puts(b, "^");
    sb_puts(b, "\n");
}

/* CPython's traceback lines for a syntax error. */
char *syntax_err_format(const SyntaxProfile *profile, const SyntaxErr *err,
                        const char *filename)
{
    StrBuf b = {0};
    char line[64];
    sb_add(&b, "", 0);
    if (err->type != MEMORY_ERROR && err->type != RECURSION_ERROR) {
        sb_puts(&b, "  File \"");
        sb_puts(&b, filename ? filename : "<string>");
        snprintf(line, sizeof line, "\", line %d\n", err->lineno);
        sb_puts(&b, line);
        if (err->text)
            format_source_line(&b, profile, err);
    }
    sb_puts(&b, syntax_err_type_name(err->type));
    if (err->msg && err->msg[0]) {
        sb_puts(&b, ": ");
        sb_puts(&b, err->msg);
    }
    sb_puts(&b, "\n");
    return b.s;
}
