/* A `dis`-like text dump of compiled code, for tests and the UI.
 *
 * Rendering never touches the simulated heap's state: constants are
 * printed from their payloads (no repr() objects are created), so the UI
 * can show code at any step without changing ids or counts. */
#ifndef HS_DISASM_H
#define HS_DISASM_H

#include "lang/opcode.h"
#include "sim/heap.h"
#include "util/strbuf.h"

enum {
    DIS_HEADER = 1,      /* name, qualname, consts, names, locals, cells, sizes */
    DIS_RECURSIVE = 2,   /* then every code object in co_consts, depth first */
    DIS_LINES = 4,       /* line numbers, '*' on step boundaries, '>>' on jump targets */
};

/* Append the disassembly of code object CODE to B. */
void disasm_into(Heap *h, Ref code, int flags, StrBuf *b);
/* The disassembly of CODE as a malloc'd string. */
char *disasm_code(Heap *h, Ref code, int flags);
/* Compact form for tests: one instruction a line, "OPNAME argument",
 * with the argument resolved ("LOAD_CONST 1000", "STORE_NAME x",
 * "JUMP to 12", "BINARY_OP +"); malloc'd. */
char *disasm_ops(Heap *h, Ref code);
/* Append a constant's repr, computed from its payload, to B. */
void disasm_const_repr(Heap *h, Ref k, StrBuf *b);
/* Append the resolved argument of instruction IN of CODE to B: a name, a
 * constant's repr, "to N" for jumps, an operator; nothing when the
 * argument is a plain count or means nothing. */
void disasm_arg(Heap *h, Ref code, const Instr *in, StrBuf *b);

#endif
