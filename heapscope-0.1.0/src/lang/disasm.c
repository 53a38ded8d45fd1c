/* A `dis`-like text dump of compiled code.
 *
 * Full format (DIS_HEADER | DIS_LINES), one instruction a line:
 *
 *     code <module> (<module>), line 1, argcount 0, kwonly 0, flags 0x200000,
 *          nlocals 0, stacksize 2
 *       consts: (1000, None)
 *       names: ('x',)
 *     ...
 *       1 *     0 LOAD_CONST               0 (1000)
 *               1 STORE_NAME               0 (x)
 *       2 * >>  2 ...
 *
 * The line number appears where it changes, '*' marks a step boundary
 * (line_start), '>>' a jump target; offsets count instructions. */
#include "lang/disasm.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/bytesobject.h"
#include "sim/complexobject.h"
#include "sim/floatobject.h"
#include "sim/format.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"

/* Append a constant's repr, computed from its payload, to B. */
void disasm_const_repr(Heap *h, Ref k, StrBuf *b)
{
    switch (heap_kind(h, k)) {
    case K_NONE: strbuf_puts(b, "None"); return;
    case K_ELLIPSIS: strbuf_puts(b, "Ellipsis"); return;
    case K_BOOL: strbuf_puts(b, k == h->true_ ? "True" : "False"); return;
    case K_INT:
        if (!int_str_into(h, k, b)) {
            heap_clear_exc(h);
            strbuf_printf(b, "<int of %zu digits>", int_ndigits(h, k));
        }
        return;
    case K_FLOAT: format_float_repr(b, float_value(h, k)); return;
    case K_COMPLEX: {
        Complex z = complex_value(h, k);
        format_complex_repr(b, z.real, z.imag);
        return;
    }
    case K_STR: str_repr_into(h, k, b); return;
    case K_BYTES: bytes_repr_into(h, k, b); return;
    case K_TUPLE: {
        size_t n = tuple_size(h, k);
        strbuf_putc(b, '(');
        for (size_t i = 0; i < n; i++) {
            if (i)
                strbuf_puts(b, ", ");
            disasm_const_repr(h, tuple_items(h, k)[i], b);
        }
        strbuf_puts(b, n == 1 ? ",)" : ")");
        return;
    }
    case K_FROZENSET: {
        size_t pos = 0, i = 0;
        Ref key;
        strbuf_puts(b, set_size(h, k) ? "frozenset({" : "frozenset(");
        while (set_next(h, k, &pos, &key)) {
            if (i++)
                strbuf_puts(b, ", ");
            disasm_const_repr(h, key, b);
        }
        strbuf_puts(b, set_size(h, k) ? "})" : ")");
        return;
    }
    case K_CODE: {
        CodeData *d = code_data(h, k);
        strbuf_printf(b, "<code object %s, line %d>", str_utf8(h, d->name, NULL),
                      d->firstlineno);
        return;
    }
    default:
        strbuf_printf(b, "<%s object>", heap_type_name(h, k));
        return;
    }
}

/* Item I of a tuple of names, or "?" when out of range. */
static const char *tuple_name(Heap *h, Ref t, int i)
{
    if (!t || i < 0 || (size_t)i >= tuple_size(h, t))
        return "?";
    return str_utf8(h, tuple_items(h, t)[i], NULL);
}

/* The name of deref slot I: cellvars, then freevars. */
static const char *deref_name(Heap *h, const CodeData *d, int i)
{
    int ncells = (int)tuple_size(h, d->cellvars);
    return i < ncells ? tuple_name(h, d->cellvars, i) : tuple_name(h, d->freevars, i - ncells);
}

/* Append the resolved argument of IN to B. */
void disasm_arg(Heap *h, Ref code, const Instr *in, StrBuf *b)
{
    static const char *const binops[] = {"+", "-", "*", "@", "/", "//", "%", "**",
                                         "<<", ">>", "&", "^", "|"};
    static const char *const unops[] = {"-", "+", "~", "not"};
    static const char *const cmps[] = {"<", "<=", "==", "!=", ">", ">="};
    CodeData *d = code_data(h, code);
    const CodeBody *body = d->body;
    int arg = in->arg;
    switch (in->op) {
    case LOAD_CONST: case UNSUPPORTED:
        if (arg >= 0 && (size_t)arg < tuple_size(h, d->consts))
            disasm_const_repr(h, tuple_items(h, d->consts)[arg], b);
        return;
    case LOAD_NAME: case STORE_NAME: case DELETE_NAME: case LOAD_GLOBAL: case STORE_GLOBAL:
    case DELETE_GLOBAL: case LOAD_ATTR: case STORE_ATTR: case DELETE_ATTR: case LOAD_METHOD:
    case IMPORT_NAME: case IMPORT_FROM:
        strbuf_puts(b, tuple_name(h, d->names, arg));
        return;
    case LOAD_FAST: case STORE_FAST: case DELETE_FAST: case LOAD_FAST_AND_CLEAR:
        if (arg < body->nlocals)
            strbuf_puts(b, tuple_name(h, d->varnames, arg));
        else
            strbuf_printf(b, "%s [cell slot]", deref_name(h, d, arg - body->nlocals));
        return;
    case LOAD_DEREF: case STORE_DEREF: case DELETE_DEREF: case LOAD_CLOSURE:
    case LOAD_CLASSDEREF: case MAKE_CELL:
        strbuf_puts(b, deref_name(h, d, arg));
        return;
    case JUMP: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE: case JUMP_IF_FALSE_OR_POP:
    case JUMP_IF_TRUE_OR_POP: case FOR_ITER: case SETUP_FINALLY: case JUMP_IF_NOT_EXC_MATCH:
        strbuf_printf(b, "to %d", arg);
        return;
    case BINARY_OP:
        strbuf_puts(b, arg >= 0 && arg < OP_BINOP_MAX ? binops[arg] : "?");
        return;
    case INPLACE_OP:
        strbuf_printf(b, "%s=", arg >= 0 && arg < OP_BINOP_MAX ? binops[arg] : "?");
        return;
    case UNARY_OP:
        strbuf_puts(b, arg >= 0 && arg < 4 ? unops[arg] : "?");
        return;
    case COMPARE_OP:
        strbuf_puts(b, arg >= 0 && arg < 6 ? cmps[arg] : "?");
        return;
    case IS_OP: strbuf_puts(b, arg ? "is not" : "is"); return;
    case CONTAINS_OP: strbuf_puts(b, arg ? "not in" : "in"); return;
    case FORMAT_VALUE: {
        static const char *const conv[] = {"", "str", "repr", "ascii"};
        strbuf_puts(b, conv[arg & 3]);
        if (arg & 4)
            strbuf_puts(b, (arg & 3) ? ", with format" : "with format");
        return;
    }
    case MAKE_FUNCTION: case MAKE_FUNCTION_NOQN: {
        static const char *const bits[] = {"defaults", "kwdefaults", "annotations", "closure"};
        int first = 1;
        for (int i = 0; i < 4; i++)
            if (arg & (1 << i)) {
                strbuf_printf(b, "%s%s", first ? "" : ", ", bits[i]);
                first = 0;
            }
        return;
    }
    default:
        return;
    }
}

/* Does OP's argument mean something (a count, an index, a target)? */
static bool op_has_arg(int op)
{
    switch (op) {
    case NOP: case POP_TOP: case ROT_TWO: case ROT_THREE: case ROT_FOUR: case DUP_TOP:
    case DUP_TOP_TWO: case BINARY_SUBSCR: case STORE_SUBSCR: case DELETE_SUBSCR:
    case LIST_TO_TUPLE: case GET_ITER: case RETURN_VALUE: case POP_BLOCK: case PUSH_EXC_INFO:
    case POP_EXCEPT: case RERAISE: case LOAD_ASSERTION_ERROR: case PRINT_EXPR:
    case SETUP_ANNOTATIONS: case MAKE_CLASS:
        return false;
    default:
        return true;
    }
}

/* Append "label: (a, b)" for a tuple of constants or names. */
static void header_tuple(Heap *h, const char *label, Ref t, StrBuf *b)
{
    strbuf_printf(b, "  %s: ", label);
    disasm_const_repr(h, t, b);
    strbuf_putc(b, '\n');
}

/* Does some jump of BODY target instruction I? */
static int is_target(const CodeBody *body, size_t i)
{
    for (size_t k = 0; k < body->n; k++) {
        switch (body->code[k].op) {
        case JUMP: case POP_JUMP_IF_FALSE: case POP_JUMP_IF_TRUE: case JUMP_IF_FALSE_OR_POP:
        case JUMP_IF_TRUE_OR_POP: case FOR_ITER: case SETUP_FINALLY: case JUMP_IF_NOT_EXC_MATCH:
            if ((size_t)body->code[k].arg == i)
                return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

/* Append the disassembly of code object CODE to B. */
void disasm_into(Heap *h, Ref code, int flags, StrBuf *b)
{
    CodeData *d = code_data(h, code);
    const CodeBody *body = d->body;
    if (flags & DIS_HEADER) {
        strbuf_printf(b, "code %s (%s), line %d, argcount %d, kwonly %d, flags 0x%x, "
                      "nlocals %d, stacksize %d\n",
                      str_utf8(h, d->name, NULL), str_utf8(h, d->qualname, NULL),
                      d->firstlineno, d->argcount, d->kwonlyargcount, d->flags,
                      body->nlocals, body->stacksize);
        header_tuple(h, "consts", d->consts, b);
        header_tuple(h, "names", d->names, b);
        header_tuple(h, "varnames", d->varnames, b);
        header_tuple(h, "cellvars", d->cellvars, b);
        header_tuple(h, "freevars", d->freevars, b);
    }
    int last = -1;
    for (size_t i = 0; i < body->n; i++) {
        const Instr *in = &body->code[i];
        if (flags & DIS_LINES) {
            if (in->line != last)
                strbuf_printf(b, "%4d ", in->line);
            else
                strbuf_puts(b, "     ");
            last = in->line;
            strbuf_puts(b, in->line_start ? "* " : "  ");
            strbuf_puts(b, is_target(body, i) ? ">> " : "   ");
        }
        strbuf_printf(b, "%4zu %-22s", i, opcode_name(in->op));
        StrBuf arg = {0};
        disasm_arg(h, code, in, &arg);
        if (op_has_arg(in->op))
            strbuf_printf(b, " %4d", in->arg);
        if (arg.len)
            strbuf_printf(b, " (%s)", strbuf_cstr(&arg));
        strbuf_free(&arg);
        strbuf_putc(b, '\n');
    }
    if (!(flags & DIS_RECURSIVE))
        return;
    for (size_t i = 0; i < tuple_size(h, d->consts); i++) {
        Ref k = tuple_items(h, d->consts)[i];
        if (heap_kind(h, k) == K_CODE) {
            strbuf_putc(b, '\n');
            disasm_into(h, k, flags, b);
        }
    }
}

/* The disassembly of CODE as a malloc'd string. */
char *disasm_code(Heap *h, Ref code, int flags)
{
    StrBuf b = {0};
    disasm_into(h, code, flags, &b);
    if (!b.len)
        strbuf_puts(&b, "");
    return strbuf_steal(&b);
}

/* Compact form for tests. */
char *disasm_ops(Heap *h, Ref code)
{
    StrBuf b = {0};
    const CodeBody *body = code_data(h, code)->body;
    for (size_t i = 0; i < body->n; i++) {
        const Instr *in = &body->code[i];
        strbuf_puts(&b, opcode_name(in->op));
        StrBuf arg = {0};
        disasm_arg(h, code, in, &arg);
        if (arg.len)
            strbuf_printf(&b, " %s", strbuf_cstr(&arg));
        else if (op_has_arg(in->op))
            strbuf_printf(&b, " %d", in->arg);
        strbuf_free(&arg);
        strbuf_putc(&b, '\n');
    }
    if (!b.len)
        strbuf_puts(&b, "");
    return strbuf_steal(&b);
}
