/* Opcode names and the release and copy of compiled bodies. */
#include "lang/opcode.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

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
    free(b->pos);
    free(b->cell2arg);
    free(b);
}

/* A deep copy of a CodeBody (the CodeData.body_copy callback, heap_clone). */
void *codebody_copy(const void *body)
{
    const CodeBody *b = body;
    CodeBody *c = xmalloc(sizeof *c);
    *c = *b;
    c->code = xmalloc((b->n ? b->n : 1) * sizeof *c->code);
    memcpy(c->code, b->code, b->n * sizeof *c->code);
    c->pos = NULL;
    if (b->pos) {
        c->pos = xmalloc((b->n ? b->n : 1) * sizeof *c->pos);
        memcpy(c->pos, b->pos, b->n * sizeof *c->pos);
    }
    c->cell2arg = NULL;
    if (b->cell2arg) {
        c->cell2arg = xmalloc((b->ncells ? (size_t)b->ncells : 1) * sizeof *c->cell2arg);
        memcpy(c->cell2arg, b->cell2arg, (size_t)b->ncells * sizeof *c->cell2arg);
    }
    return c;
}
