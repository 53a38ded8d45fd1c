/*
 * parser.h — Python source to AST (see ast.h), with CPython-faithful
 * syntax errors for a chosen CPython version (see parser_errors.h).
 */
#ifndef HEAPSCOPE_LANG_PARSER_H
#define HEAPSCOPE_LANG_PARSER_H

#include <stddef.h>

#include "ast.h"
#include "parser_errors.h"

/*
 * Parse `len` bytes of UTF-8 source as a module.
 *
 * On success returns a module (free it with ast_module_free()) and leaves
 * *err untouched.  On failure returns NULL and fills *err (kind, type,
 * parameters, lineno/offset/end_lineno/end_offset as `profile`'s CPython
 * reports them, text and the formatted msg); release it with
 * syntax_err_clear().  Out of memory is reported as a MemoryError.
 *
 * Besides the grammar, the checks CPython makes right after parsing are
 * done too ('return' outside function, 'break' outside loop, nonlocal and
 * global declarations, too deeply nested blocks or expressions), so a
 * module returned here compiles under that CPython version.
 */
AstModule *parser_parse(const char *src, size_t len, const SyntaxProfile *profile,
                        SyntaxErr *err);

#endif
