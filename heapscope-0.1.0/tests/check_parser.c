/*
 * check_parser.c — lexer/parser tests.  Every expected error below was
 * measured with the real interpreters (3.8.18, 3.11.7, 3.12.1, 3.13.0):
 * compile(src, 'x.py', 'exec') -> (type, msg, lineno, offset, end_lineno,
 * end_offset); 3.8 has no end positions (0 here).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../src/lang/lexer.h"
#include "../src/lang/parser.h"

typedef struct {
    const char *version, *src, *type, *msg;
    int lineno, offset, end_lineno, end_offset;
} ErrCase;

static const ErrCase err_cases[] = {
    {"3.8", "a = (1,\n", "SyntaxError", "unexpected EOF while parsing", 1, 8, 0, 0},
    {"3.8", "a = [1, 2)\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10, 0, 0},
    {"3.8", "a = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 0, 0},
    {"3.8", "s = 'abc\n", "SyntaxError", "EOL while scanning string literal", 1, 9, 0, 0},
    {"3.8", "s = '''abc\nx = 1\n", "SyntaxError", "EOF while scanning triple-quoted string literal", 2, 17, 0, 0},
    {"3.8", "if x\n    pass\n", "SyntaxError", "invalid syntax", 1, 5, 0, 0},
    {"3.8", "if x:\npass\n", "IndentationError", "expected an indented block", 2, 1, 0, 0},
    {"3.8", "def f():\nreturn 1\n", "IndentationError", "expected an indented block", 2, 1, 0, 0},
    {"3.8", " x = 1\n", "IndentationError", "unexpected indent", 1, 1, 0, 0},
    {"3.8", "if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 0, 0},
    {"3.8", "x = 1 € 2\n", "SyntaxError", "invalid character in identifier", 1, 7, 0, 0},
    {"3.8", "1 = x\n", "SyntaxError", "cannot assign to literal", 1, 1, 0, 0},
    {"3.8", "f() = 1\n", "SyntaxError", "cannot assign to function call", 1, 1, 0, 0},
    {"3.8", "a + b = 1\n", "SyntaxError", "cannot assign to operator", 1, 1, 0, 0},
    {"3.8", "del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 0, 0},
    {"3.8", "return 1\n", "SyntaxError", "'return' outside function", 1, 1, 0, 0},
    {"3.8", "break\n", "SyntaxError", "'break' outside loop", 1, 1, 0, 0},
    {"3.8", "x = 1abc\n", "SyntaxError", "invalid syntax", 1, 6, 0, 0},
    {"3.8", "x = 0b12\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 8, 0, 0},
    {"3.8", "x = 012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 7, 0, 0},
    {"3.8", "f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 8, 0, 0},
    {"3.8", "def f(a=1, b): pass\n", "SyntaxError", "non-default argument follows default argument", 1, 7, 0, 0},
    {"3.8", "print 'hello'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print('hello')?", 1, 7, 0, 0},
    {"3.8", "a = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 0, 0},
    {"3.8", "f(a b)\n", "SyntaxError", "invalid syntax", 1, 5, 0, 0},
    {"3.11", "a = (1,\n", "SyntaxError", "'(' was never closed", 1, 5, 1, 0},
    {"3.11", "a = [1, 2)\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10, 1, 10},
    {"3.11", "a = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 1, 6},
    {"3.11", "s = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5},
    {"3.11", "s = '''abc\nx = 1\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 1, 5},
    {"3.11", "if x\n    pass\n", "SyntaxError", "expected ':'", 1, 5, 1, 5},
    {"3.11", "if x:\npass\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 2, 5},
    {"3.11", "def f():\nreturn 1\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 2, 7},
    {"3.11", " x = 1\n", "IndentationError", "unexpected indent", 1, 1, 1, -1},
    {"3.11", "if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 3, -1},
    {"3.11", "x = 1 € 2\n", "SyntaxError", "invalid character '€' (U+20AC)", 1, 7, 1, 7},
    {"3.11", "1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2},
    {"3.11", "f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4},
    {"3.11", "a + b = 1\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1, 1, 6},
    {"3.11", "del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 1, 8},
    {"3.11", "return 1\n", "SyntaxError", "'return' outside function", 1, 1, 1, 9},
    {"3.11", "break\n", "SyntaxError", "'break' outside loop", 1, 1, 1, 6},
    {"3.11", "x = 1abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 1, 5},
    {"3.11", "x = 0b12\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 8, 1, 8},
    {"3.11", "x = 012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 1, 6},
    {"3.11", "f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 1, 10},
    {"3.11", "def f(a=1, b): pass\n", "SyntaxError", "non-default argument follows default argument", 1, 12, 1, 13},
    {"3.11", "print 'hello'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 14},
    {"3.11", "a = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 1, 8},
    {"3.11", "f(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 1, 6},
    {"3.12", "a = (1,\n", "SyntaxError", "'(' was never closed", 1, 5, 1, 0},
    {"3.12", "a = [1, 2)\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10, 1, 10},
    {"3.12", "a = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 1, 6},
    {"3.12", "s = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5},
    {"3.12", "s = '''abc\nx = 1\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 1, 5},
    {"3.12", "if x\n    pass\n", "SyntaxError", "expected ':'", 1, 5, 1, 6},
    {"3.12", "if x:\npass\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 2, 5},
    {"3.12", "def f():\nreturn 1\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 2, 7},
    {"3.12", " x = 1\n", "IndentationError", "unexpected indent", 1, 1, 1, -1},
    {"3.12", "if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 3, -1},
    {"3.12", "x = 1 € 2\n", "SyntaxError", "invalid character '€' (U+20AC)", 1, 7, 1, 7},
    {"3.12", "1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2},
    {"3.12", "f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4},
    {"3.12", "a + b = 1\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1, 1, 6},
    {"3.12", "del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 1, 8},
    {"3.12", "return 1\n", "SyntaxError", "'return' outside function", 1, 1, 1, 9},
    {"3.12", "break\n", "SyntaxError", "'break' outside loop", 1, 1, 1, 6},
    {"3.12", "x = 1abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 1, 5},
    {"3.12", "x = 0b12\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 8, 1, 8},
    {"3.12", "x = 012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 1, 6},
    {"3.12", "f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 1, 10},
    {"3.12", "def f(a=1, b): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 12, 1, 13},
    {"3.12", "print 'hello'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 14},
    {"3.12", "a = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 1, 9},
    {"3.12", "f(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 1, 6},
    {"3.13", "a = (1,\n", "SyntaxError", "'(' was never closed", 1, 5, 1, 0},
    {"3.13", "a = [1, 2)\n", "SyntaxError", "closing parenthesis ')' does not match opening parenthesis '['", 1, 10, 1, 10},
    {"3.13", "a = 1)\n", "SyntaxError", "unmatched ')'", 1, 6, 1, 6},
    {"3.13", "s = 'abc\n", "SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5},
    {"3.13", "s = '''abc\nx = 1\n", "SyntaxError", "unterminated triple-quoted string literal (detected at line 2)", 1, 5, 1, 5},
    {"3.13", "if x\n    pass\n", "SyntaxError", "expected ':'", 1, 5, 1, 6},
    {"3.13", "if x:\npass\n", "IndentationError", "expected an indented block after 'if' statement on line 1", 2, 1, 2, 5},
    {"3.13", "def f():\nreturn 1\n", "IndentationError", "expected an indented block after function definition on line 1", 2, 1, 2, 7},
    {"3.13", " x = 1\n", "IndentationError", "unexpected indent", 1, 1, 1, -1},
    {"3.13", "if x:\n    a\n  b\n", "IndentationError", "unindent does not match any outer indentation level", 3, 4, 3, -1},
    {"3.13", "x = 1 € 2\n", "SyntaxError", "invalid character '€' (U+20AC)", 1, 7, 1, 7},
    {"3.13", "1 = x\n", "SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2},
    {"3.13", "f() = 1\n", "SyntaxError", "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1, 1, 1, 4},
    {"3.13", "a + b = 1\n", "SyntaxError", "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1, 1, 6},
    {"3.13", "del f()\n", "SyntaxError", "cannot delete function call", 1, 5, 1, 8},
    {"3.13", "return 1\n", "SyntaxError", "'return' outside function", 1, 1, 1, 9},
    {"3.13", "break\n", "SyntaxError", "'break' outside loop", 1, 1, 1, 6},
    {"3.13", "x = 1abc\n", "SyntaxError", "invalid decimal literal", 1, 5, 1, 5},
    {"3.13", "x = 0b12\n", "SyntaxError", "invalid digit '2' in binary literal", 1, 8, 1, 8},
    {"3.13", "x = 012\n", "SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 1, 6},
    {"3.13", "f(a=1, b)\n", "SyntaxError", "positional argument follows keyword argument", 1, 9, 1, 10},
    {"3.13", "def f(a=1, b): pass\n", "SyntaxError", "parameter without a default follows parameter with a default", 1, 12, 1, 13},
    {"3.13", "print 'hello'\n", "SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 14},
    {"3.13", "a = 1 +\n", "SyntaxError", "invalid syntax", 1, 8, 1, 9},
    {"3.13", "f(a b)\n", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 1, 6},
    {"3.8", "f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 1, 0, 0},
    {"3.8", "f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 1, 0, 0},
    {"3.8", "if 1:\n\tif 1:\n        x\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 10, 0, 0},
    {"3.8", "nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 0, 0},
    {"3.8", "def f():\n  nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 0, 0},
    {"3.8", "x = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 2, 1, 0, 0},
    {"3.8", "*a, *b = c\n", "SyntaxError", "two starred expressions in assignment", 1, 1, 0, 0},
    {"3.8", "x = '\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5, 0, 0},
    {"3.11", "f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 5, 1, 5},
    {"3.11", "f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 5, 1, 5},
    {"3.11", "if 1:\n\tif 1:\n        x\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0},
    {"3.11", "nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 1, 11},
    {"3.11", "def f():\n  nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 2, 13},
    {"3.11", "x = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 2, 1, 2, 9},
    {"3.11", "*a, *b = c\n", "SyntaxError", "multiple starred expressions in assignment", 1, 1, 1, 7},
    {"3.11", "x = '\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 10, 1, 10},
    {"3.12", "f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 4, 1, 4},
    {"3.12", "f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 3, 1, 3},
    {"3.12", "if 1:\n\tif 1:\n        x\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0},
    {"3.12", "nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 1, 11},
    {"3.12", "def f():\n  nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 2, 13},
    {"3.12", "x = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 2, 1, 2, 9},
    {"3.12", "*a, *b = c\n", "SyntaxError", "multiple starred expressions in assignment", 1, 1, 1, 7},
    {"3.12", "x = '\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5, 1, 10},
    {"3.13", "f'{'\n", "SyntaxError", "f-string: expecting '}'", 1, 4, 1, 4},
    {"3.13", "f'}'\n", "SyntaxError", "f-string: single '}' is not allowed", 1, 3, 1, 3},
    {"3.13", "if 1:\n\tif 1:\n        x\n", "TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0},
    {"3.13", "nonlocal x\n", "SyntaxError", "nonlocal declaration not allowed at module level", 1, 1, 1, 11},
    {"3.13", "def f():\n  nonlocal x\n", "SyntaxError", "no binding for nonlocal 'x' found", 2, 3, 2, 13},
    {"3.13", "x = 1\nglobal x\n", "SyntaxError", "name 'x' is assigned to before global declaration", 2, 1, 2, 9},
    {"3.13", "*a, *b = c\n", "SyntaxError", "multiple starred expressions in assignment", 1, 1, 1, 7},
    {"3.13", "x = '\\x4'\n", "SyntaxError", "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \\xXX escape", 1, 5, 1, 10},};

/* Parse with a version and return the dump (or NULL with *err set). */
static char *parse_dump(const char *src, const char *version, SyntaxErr *err)
{
    AstModule *m = parser_parse(src, strlen(src), syntax_profile_by_name(version), err);
    char *d;
    if (!m)
        return NULL;
    d = ast_dump(m, NULL);
    ast_module_free(m);
    return d;
}

/* Each measured syntax error, message and position per version. */
START_TEST(test_error_table)
{
    const ErrCase *c = &err_cases[_i];
    SyntaxErr err;
    char *d = parse_dump(c->src, c->version, &err);
    ck_assert_msg(d == NULL, "%s accepted %s", c->version, c->src);
    ck_assert_str_eq(syntax_err_type_name(err.type), c->type);
    ck_assert_str_eq(err.msg, c->msg);
    ck_assert_int_eq(err.lineno, c->lineno);
    ck_assert_int_eq(err.offset, c->offset);
    ck_assert_int_eq(err.end_lineno, c->end_lineno);
    ck_assert_int_eq(err.end_offset, c->end_offset);
    syntax_err_clear(&err);
}
END_TEST

/* Assert that src dumps to expected under 3.12 (expected from ast.dump). */
static void assert_dump(const char *src, const char *expected)
{
    SyntaxErr err;
    char *d = parse_dump(src, "3.12", &err);
    ck_assert_msg(d != NULL, "%s: %s", src, d ? "" : err.msg);
    ck_assert_str_eq(d, expected);
    free(d);
}

/* Operator precedence and associativity, as ast.dump shows them. */
START_TEST(test_precedence)
{
    assert_dump("x = not -a ** -b\n",
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=UnaryOp(op=Not(), operand=UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=UnaryOp(op=USub(), operand=Name(id='b', ctx=Load()))))))], type_ignores=[])");
    assert_dump("a | b ^ c & d << e + f * g\n",
        "Module(body=[Expr(value=BinOp(left=Name(id='a', ctx=Load()), op=BitOr(), right=BinOp(left=Name(id='b', ctx=Load()), op=BitXor(), right=BinOp(left=Name(id='c', ctx=Load()), op=BitAnd(), right=BinOp(left=Name(id='d', ctx=Load()), op=LShift(), right=BinOp(left=Name(id='e', ctx=Load()), op=Add(), right=BinOp(left=Name(id='f', ctx=Load()), op=Mult(), right=Name(id='g', ctx=Load()))))))))], type_ignores=[])");
    assert_dump("a - b - c\n",
        "Module(body=[Expr(value=BinOp(left=BinOp(left=Name(id='a', ctx=Load()), op=Sub(), right=Name(id='b', ctx=Load())), op=Sub(), right=Name(id='c', ctx=Load())))], type_ignores=[])");
    assert_dump("1 < 2 not in x is not y\n",
        "Module(body=[Expr(value=Compare(left=Constant(value=1), ops=[Lt(), NotIn(), IsNot()], comparators=[Constant(value=2), Name(id='x', ctx=Load()), Name(id='y', ctx=Load())]))], type_ignores=[])");
    assert_dump("a or b and not c if d else lambda: e\n",
        "Module(body=[Expr(value=IfExp(test=Name(id='d', ctx=Load()), body=BoolOp(op=Or(), values=[Name(id='a', ctx=Load()), BoolOp(op=And(), values=[Name(id='b', ctx=Load()), UnaryOp(op=Not(), operand=Name(id='c', ctx=Load()))])]), orelse=Lambda(args=arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[]), body=Name(id='e', ctx=Load()))))], type_ignores=[])");
    assert_dump("n = 0xff + 1_000 + 1.5e-3 + 2j\n",
        "Module(body=[Assign(targets=[Name(id='n', ctx=Store())], value=BinOp(left=BinOp(left=BinOp(left=Constant(value=255), op=Add(), right=Constant(value=1000)), op=Add(), right=Constant(value=0.0015)), op=Add(), right=Constant(value=2j)))], type_ignores=[])");
}
END_TEST

/* f-strings: conversions, debug '=', nested format specs, concatenation. */
START_TEST(test_fstrings)
{
    assert_dump("f'a{b!r:>10}c{d=}'\n",
        "Module(body=[Expr(value=JoinedStr(values=[Constant(value='a'), FormattedValue(value=Name(id='b', ctx=Load()), conversion=114, format_spec=JoinedStr(values=[Constant(value='>10')])), Constant(value='cd='), FormattedValue(value=Name(id='d', ctx=Load()), conversion=114)]))], type_ignores=[])");
    assert_dump("'x' f'{y:{w}d}' 'z'\n",
        "Module(body=[Expr(value=JoinedStr(values=[Constant(value='x'), FormattedValue(value=Name(id='y', ctx=Load()), conversion=-1, format_spec=JoinedStr(values=[FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1), Constant(value='d')])), Constant(value='z')]))], type_ignores=[])");
    assert_dump("f'{\"q\"}{{}}'\n",
        "Module(body=[Expr(value=JoinedStr(values=[FormattedValue(value=Constant(value='q'), conversion=-1), Constant(value='{}')]))], type_ignores=[])");
}
END_TEST

/* Tokens of tricky input: operators, continuation, numbers, strings. */
START_TEST(test_tokens)
{
    static const char src[] = "x **= a->b := ... // 1. .5j\\\n + rb'\\'' 0o17\n";
    static const LexTokType want[] = {
        TOK_NAME, TOK_DOUBLESTAREQUAL, TOK_NAME, TOK_RARROW, TOK_NAME, TOK_COLONEQUAL,
        TOK_ELLIPSIS, TOK_DOUBLESLASH, TOK_NUMBER, TOK_NUMBER, TOK_PLUS, TOK_STRING,
        TOK_NUMBER, TOK_NEWLINE, TOK_ENDMARKER,
    };
    Lexer lex;
    size_t i;
    ck_assert(lexer_tokenize(&lex, src, strlen(src), syntax_profile(PARSER_PY312)));
    ck_assert(!lex.has_error);
    ck_assert_uint_eq(lex.n_toks, sizeof want / sizeof want[0]);
    for (i = 0; i < lex.n_toks; i++)
        ck_assert_str_eq(lexer_token_name(lex.toks[i].type), lexer_token_name(want[i]));
    ck_assert_int_eq(lex.toks[11].lineno, 2);
    lexer_free(&lex);
}
END_TEST

/* 10,000 nested parentheses give CPython's error, not a crash. */
START_TEST(test_deep_nesting)
{
    size_t n = 10000, i;
    char *src = malloc(n * 2 + 8);
    SyntaxErr err;
    char *d;
    strcpy(src, "x = ");
    for (i = 0; i < n; i++)
        src[4 + i] = '(';
    src[4 + n] = '\n';
    src[5 + n] = '\0';
    d = parse_dump(src, "3.12", &err);
    ck_assert_ptr_null(d);
    ck_assert_str_eq(err.msg, "too many nested parentheses");
    ck_assert_int_eq(err.offset, 205);
    syntax_err_clear(&err);
    d = parse_dump(src, "3.8", &err);
    ck_assert_ptr_null(d);
    ck_assert_str_eq(syntax_err_type_name(err.type), "MemoryError");
    syntax_err_clear(&err);
    for (i = 0; i < n; i++)
        src[4 + i] = '-';
    src[4 + n] = '1';
    src[5 + n] = '\n';
    src[6 + n] = '\0';
    d = parse_dump(src, "3.12", &err);
    ck_assert_ptr_null(d);
    syntax_err_clear(&err);
    free(src);
}
END_TEST

/* The parser test suite. */
Suite *suite_parser(void)
{
    Suite *s = suite_create("parser");
    TCase *core = tcase_create("Core"), *limits = tcase_create("Limits");
    tcase_add_test(core, test_precedence);
    tcase_add_test(core, test_fstrings);
    tcase_add_test(core, test_tokens);
    tcase_add_loop_test(core, test_error_table, 0, (int)(sizeof err_cases / sizeof err_cases[0]));
    tcase_add_test(limits, test_deep_nesting);
    suite_add_tcase(s, core);
    suite_add_tcase(s, limits);
    return s;
}
