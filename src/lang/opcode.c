/* Opcode names and the release of compiled bodies. */
#include "lang/opcode.h"

#include <stdlib.h>

/* The opcode's name, for disassembly and the UI. */
const char *opcode_name(int op)
{
    static const char *const names[] = {
#define X(name) #name,
        OPCODES(X)
#undef X
    };
    if (op < 0 || op >= OPCODE_MAX)
        return "<unknown>";
    return names[op];
}

/* Free a CodeBody (the CodeData.body_free callback). */
void codebody_free(void *body)
{
    CodeBody *b = body;
    if (!b)
        return;
    free(b->code);
    free(b->cell2arg);
    free(b);
}
