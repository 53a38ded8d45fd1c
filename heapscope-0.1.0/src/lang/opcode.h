/* heapscope's bytecode: the contract between the compiler (compile.c) and
 * the VM (ceval.c).
 *
 * A stack machine close to CPython 3.9-3.11's, chosen so that every
 * temporary the real interpreter holds on its value stack is held here too:
 * sys.getrefcount(x) sees its own argument, a method call pushes the
 * function and self (LOAD_METHOD), and names live where CPython keeps them
 * (module and class bodies in a dict, function locals in fast slots, closed
 * over variables in cells).  Stack effects are written [before] -> [after],
 * top of stack last.  ARG is the instruction's operand. */
#ifndef HS_OPCODE_H
#define HS_OPCODE_H

#include <stddef.h>
#include <stdint.h>

#define OPCODES(X)                                                            \
    X(NOP)              /* -                                               */ \
    X(POP_TOP)          /* [a] -> []                                       */ \
    X(ROT_TWO)          /* [a b] -> [b a]                                  */ \
    X(ROT_THREE)        /* [a b c] -> [c a b]                              */ \
    X(ROT_FOUR)         /* [a b c d] -> [d a b c]                          */ \
    X(DUP_TOP)          /* [a] -> [a a]                                    */ \
    X(DUP_TOP_TWO)      /* [a b] -> [a b a b]                              */ \
    X(LOAD_CONST)       /* [] -> [co_consts[ARG]]                          */ \
    X(LOAD_NAME)        /* [] -> [v]: locals dict, globals, builtins; names[ARG] */ \
    X(STORE_NAME)       /* [v] -> []: locals dict                          */ \
    X(DELETE_NAME)      /*                                                 */ \
    X(LOAD_GLOBAL)      /* [] -> [v]: globals, then builtins              */ \
    X(STORE_GLOBAL)     /* [v] -> []                                       */ \
    X(DELETE_GLOBAL)    /*                                                 */ \
    X(LOAD_FAST)        /* [] -> [local ARG] (UnboundLocalError if unset)  */ \
    X(STORE_FAST)       /* [v] -> []                                       */ \
    X(DELETE_FAST)      /*                                                 */ \
    X(LOAD_DEREF)       /* [] -> [cell ARG's content]; ARG indexes cellvars then freevars */ \
    X(STORE_DEREF)      /* [v] -> []                                       */ \
    X(DELETE_DEREF)     /*                                                 */ \
    X(LOAD_CLOSURE)     /* [] -> [cell ARG itself]                         */ \
    X(LOAD_CLASSDEREF)  /* class body reading a free var: locals dict, then cell ARG */ \
    X(LOAD_ATTR)        /* [o] -> [o.names[ARG]]                           */ \
    X(STORE_ATTR)       /* [v o] -> []   (o.names[ARG] = v)                */ \
    X(DELETE_ATTR)      /* [o] -> []                                       */ \
    X(LOAD_METHOD)      /* [o] -> [func o] when names[ARG] is a plain method found on the type, \
                           else [NULL bound]  (NULL is a 0 Ref on the stack) */ \
    X(CALL_METHOD)      /* [f|NULL o|bound args*ARG] -> [result]            */ \
    X(CALL)             /* [callable args*ARG] -> [result]                 */ \
    X(CALL_KW)          /* [callable args*ARG kwnames] -> [result]; kwnames is a const \
                           tuple of str naming the last len(kwnames) args   */ \
    X(CALL_EX)          /* [callable argstuple] or, ARG&1, [callable argstuple kwdict] -> [result] */ \
    X(BINARY_OP)        /* [a b] -> [a OP b]; ARG is a BinOp (sim/object.h) */ \
    X(INPLACE_OP)       /* [a b] -> [a OP= b]                              */ \
    X(UNARY_OP)         /* [a] -> [OP a]; ARG is a UnaryOp (OP_NOT gives a bool) */ \
    X(COMPARE_OP)       /* [a b] -> [a CMP b]; ARG is CMP_*                */ \
    X(IS_OP)            /* [a b] -> [a is b] (ARG 1: is not)               */ \
    X(CONTAINS_OP)      /* [a b] -> [a in b] (ARG 1: not in)               */ \
    X(BINARY_SUBSCR)    /* [o k] -> [o[k]]                                 */ \
    X(STORE_SUBSCR)     /* [v o k] -> []                                   */ \
    X(DELETE_SUBSCR)    /* [o k] -> []                                     */ \
    X(BUILD_SLICE)      /* [a b] or [a b c] (ARG 2 or 3) -> [slice]        */ \
    X(BUILD_TUPLE)      /* [x*ARG] -> [tuple]                              */ \
    X(BUILD_LIST)       /* [x*ARG] -> [list] (exactly ARG allocated)       */ \
    X(BUILD_SET)        /* [x*ARG] -> [set]                                */ \
    X(BUILD_MAP)        /* [k v *ARG] -> [dict] (presized for ARG)          */ \
    X(BUILD_CONST_KEY_MAP) /* [v*ARG keystuple] -> [dict]                  */ \
    X(BUILD_STRING)     /* [s*ARG] -> [joined str]                         */ \
    X(LIST_APPEND)      /* [list ... v] -> [list ...]: list is ARG below v  */ \
    X(SET_ADD)          /* like LIST_APPEND                                */ \
    X(MAP_ADD)          /* [map ... k v] -> [map ...]: map is ARG below k   */ \
    X(LIST_EXTEND)      /* [list ... it] -> [list ...]: list is ARG below it */ \
    X(SET_UPDATE)       /* like LIST_EXTEND                                */ \
    X(DICT_UPDATE)      /* like LIST_EXTEND, for {**a}                     */ \
    X(DICT_MERGE)       /* like DICT_UPDATE, for f(**a) (duplicate keys are errors) */ \
    X(LIST_TO_TUPLE)    /* [list] -> [tuple]                               */ \
    X(FORMAT_VALUE)     /* [v] or, ARG&4, [v spec] -> [str]; ARG&3: 0 none, 1 str, 2 repr, 3 ascii */ \
    X(UNPACK_SEQUENCE)  /* [seq] -> [x_last ... x_first] (ARG items)        */ \
    X(UNPACK_EX)        /* [seq] -> [..]: ARG & 0xff before the star, ARG >> 8 after */ \
    X(JUMP)             /* pc = ARG                                        */ \
    X(POP_JUMP_IF_FALSE)/* [c] -> []; if not c: pc = ARG                    */ \
    X(POP_JUMP_IF_TRUE) /*                                                  */ \
    X(JUMP_IF_FALSE_OR_POP) /* [c] -> [c] and jump if false, else []       */ \
    X(JUMP_IF_TRUE_OR_POP)  /*                                              */ \
    X(GET_ITER)         /* [o] -> [iter(o)]                                */ \
    X(FOR_ITER)         /* [it] -> [it next] or, exhausted, [] and pc = ARG */ \
    X(RETURN_VALUE)     /* [v] -> return v                                 */ \
    X(MAKE_FUNCTION)    /* [defaults?(ARG&1) kwdefaults?(ARG&2) closure?(ARG&8) code qualname] -> [func] */ \
    X(MAKE_CLASS)       /* [bodyfunc name bases] -> [class]: runs bodyfunc with a fresh \
                           namespace dict as its locals (its code has CO_CLASSBODY), then \
                           type(name, bases, ns); a __classcell__ cell in ns is filled */ \
    X(SETUP_FINALLY)    /* push a handler block: on exception, unwind the stack to this \
                           depth, push the exception and jump to ARG        */ \
    X(POP_BLOCK)        /* pop the handler block                           */ \
    X(PUSH_EXC_INFO)    /* [exc] -> [prev_handled exc]: exc becomes the handled exception \
                           (sys.exc_info, implicit __context__)             */ \
    X(POP_EXCEPT)       /* [prev_handled] -> []: restore the handled exception */ \
    X(JUMP_IF_NOT_EXC_MATCH) /* [exc type] -> [exc]; jump to ARG if exc does not match type */ \
    X(RERAISE)          /* [exc] -> raise exc again, keeping its traceback  */ \
    X(RAISE_VARARGS)    /* ARG 0: re-raise handled; 1: [exc]; 2: [exc cause] */ \
    X(LOAD_ASSERTION_ERROR) /* [] -> [AssertionError]                      */ \
    X(IMPORT_NAME)      /* [] -> [module names[ARG]]                        */ \
    X(IMPORT_FROM)      /* [module] -> [module module.names[ARG]]           */ \
    X(PRINT_EXPR)       /* [v] -> []: interactive echo (repr to stdout unless None; sets _) */ \
    X(SETUP_ANNOTATIONS)/*                                                  */ \
    X(UNSUPPORTED)      /* raise "heapscope: <consts[ARG]> is not supported" at this line */ \
    /* ---- added by the compiler (compile.c) ---- */                          \
    X(MAKE_FUNCTION_NOQN) /* like MAKE_FUNCTION without the qualname operand: \
                           [defaults?(ARG&1) kwdefaults?(ARG&2) closure?(ARG&8) code] -> [func]; \
                           __qualname__ is code.co_qualname (3.11+ keep it out of co_consts) */ \
    X(LOAD_FAST_AND_CLEAR) /* [] -> [fast[ARG] or NULL]; fast[ARG] becomes NULL (no \
                           UnboundLocalError).  ARG indexes the whole frame array \
                           (locals, then cells, then frees): ARG >= nlocals moves the \
                           cell object itself, as CPython's unified slots do (3.12 \
                           inlined comprehensions save the enclosing binding)      */ \
    X(SWAP)             /* swap TOS with the ARG-th item from the top (ARG >= 2; SWAP 2 \
                           is ROT_TWO): [x a ... b] -> [b a ... x]                */ \
    X(MAKE_CELL)        /* [] -> []: deref slot ARG (cellvars, then freevars) gets a new \
                           empty cell (after LOAD_FAST_AND_CLEAR emptied it)       */

/* How try/except compiles (the VM's exception protocol, as compile.c emits
 * it; d is the stack depth at the try statement):
 *
 *     SETUP_FINALLY H
 *     <body>
 *     POP_BLOCK
 *     <else body>
 *     JUMP END
 *   H:                            [exc]  (the VM unwound to depth d, pushed exc)
 *     SETUP_FINALLY CLEANUP       records d+1: its handler keeps `prev`
 *     PUSH_EXC_INFO               [prev exc]
 *     <load E>; JUMP_IF_NOT_EXC_MATCH NEXT      [prev exc]
 *     STORE n  (or POP_TOP)       [prev]
 *     SETUP_FINALLY NCLEAN        (only with `as n`)
 *     <handler body>
 *     POP_BLOCK (NCLEAN); POP_BLOCK (CLEANUP); POP_EXCEPT     []
 *     n = None; del n
 *     JUMP END
 *   NCLEAN:                       [prev exc2]
 *     n = None; del n; RERAISE    (caught by CLEANUP)
 *   NEXT: ... more clauses ...; after the last: RERAISE    (caught by CLEANUP)
 *   CLEANUP:                      [prev exc]
 *     ROT_TWO; POP_EXCEPT; RERAISE                (prev is handled again)
 *   END:
 * try/finally: the finally body is duplicated: inline on the normal path and
 * before return/break/continue that leave the try (POP_BLOCK first; a return
 * value stays on top), and once as the exception path:
 *   H: [exc] SETUP_FINALLY CLEANUP; PUSH_EXC_INFO; <finally body>; RERAISE
 *   CLEANUP: [prev exc] ROT_TWO; POP_EXCEPT; RERAISE
 * A block records the depth when SETUP_FINALLY runs; the handler starts with
 * the stack cut back to that depth plus the exception. */
typedef enum Opcode {
#define X(name) name,
    OPCODES(X)
#undef X
    OPCODE_MAX
} Opcode;

/* Code flags beyond CPython's CO_* (sim/funcobject.h). */
enum { CO_CLASSBODY = 0x100000, CO_MODULE = 0x200000, CO_INTERACTIVE = 0x400000,
       CO_HAS_DOCSTRING = 0x10000 };

typedef struct Instr {
    uint8_t op;
    uint8_t line_start;  /* first instruction of a new line: a step boundary */
    uint16_t spare;
    int32_t arg;
    int32_t line;        /* source line of this instruction */
} Instr;

/* The source span of an instruction beyond its line (CPython's
 * co_positions): 0-based UTF-8 byte columns; col -1 when unknown. */
typedef struct InstrPos {
    int32_t col, end_line, end_col;
} InstrPos;

/* The compiled body a code object carries (CodeData.body). */
typedef struct CodeBody {
    Instr *code;
    InstrPos *pos;       /* per instruction, or NULL */
    size_t n;
    int nlocals;         /* fast slots: len(co_varnames) */
    int ncells;          /* len(co_cellvars) */
    int nfrees;          /* len(co_freevars) */
    int stacksize;       /* maximum value-stack depth */
    int *cell2arg;       /* per cellvar: index of the argument it starts from, or -1 */
} CodeBody;

/* The opcode's name, for disassembly and the UI. */
const char *opcode_name(int op);
/* Free a CodeBody (the CodeData.body_free callback). */
void codebody_free(void *body);
/* A deep copy of a CodeBody (the CodeData.body_copy callback, heap_clone). */
void *codebody_copy(const void *body);

#endif
