/* Tab completion for the console: the identifier before the cursor is
 * completed from Python's keywords, the innermost frame's names, the
 * module's globals and the builtins; after "expr." (a dotted chain of
 * names) from the attributes of the object the chain names, found by
 * looking into dicts and type tables only, so completing never runs
 * Python code or changes the heap. */
#include <stdlib.h>
#include <string.h>

#include "sim/dictobject.h"
#include "sim/funcobject.h"
#include "sim/strobject.h"
#include "sim/typeobject.h"
#include "tui/tui_int.h"
#include "util/xalloc.h"

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
    "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
};

/* The candidates being collected. */
typedef struct Words {
    const char *prefix;
    size_t plen;
    char **v;
    size_t n, cap;
    const char *want;          /* looking a name up instead: the name */
    Ref found;
} Words;

/* Add WORD when it starts with the prefix and is not there yet. */
static void add_word(Words *w, const char *word)
{
    if (strncmp(word, w->prefix, w->plen) != 0 || (w->plen == 0 && word[0] == '_'))
        return;
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->v[i], word) == 0)
            return;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 32;
        w->v = xrealloc(w->v, w->cap * sizeof *w->v);
    }
    w->v[w->n++] = xstrdup(word);
}

/* Add a name, or note its object when looking NAME up (an InspectNameFn). */
static void visit_name(Heap *h, const char *name, Ref v, void *arg)
{
    (void)h;
    Words *w = arg;
    if (w->want) {
        if (!w->found && strcmp(name, w->want) == 0)
            w->found = v;
    } else {
        add_word(w, name);
    }
}

/* Visit the names visible at the prompt: the innermost frame's, the
 * module's, the builtins'. */
static void scope_names(Tui *t, Words *w)
{
    Heap *h = t->s->heap;
    Vm *vm = t->s->vm;
    if (vm->nframes > 0 && !(w->want && w->found))
        inspect_frame_locals(h, vm->frames[vm->nframes - 1], visit_name, w);
    if (inspect_globals(t->s) && !(w->want && w->found))
        inspect_dict_names(h, inspect_globals(t->s), visit_name, w);
    if (vm->builtins && !(w->want && w->found))
        inspect_dict_names(h, vm->builtins, visit_name, w);
}

/* Add the str key R (a VisitFn over the class's shared keys). */
static void visit_key(Heap *h, Ref r, void *arg)
{
    if (heap_kind(h, r) == K_STR)
        visit_name(h, str_utf8(h, r, NULL), 0, arg);
}

/* The attribute names of type T: its MRO's dicts, or a builtin's methods. */
static void type_names(Heap *h, Ref t, Words *w)
{
    for (Ref c = t; c; c = type_data(h, c)->base) {
        TypeData *td = type_data(h, c);
        if (td->dict)
            inspect_dict_names(h, td->dict, visit_name, w);
        const TypeOps *ops = kind_ops[td->inst_kind];
        for (const MethodDef *m = ops && !td->heaptype ? ops->methods : NULL; m && m->name; m++)
            visit_name(h, m->name, 0, w);
    }
}

/* The attribute names of object R (its __dict__ or shared keys, then its type's). */
static void attr_names(Heap *h, Ref r, Words *w)
{
    Kind k = heap_kind(h, r);
    if (k == K_MODULE)
        inspect_dict_names(h, module_data(h, r)->dict, visit_name, w);
    if (k == K_INSTANCE) {
        InstData *d = inst_data(h, r);
        TypeData *td = type_data(h, heap_type(h, r));
        if (d->attrs.dict)
            inspect_dict_names(h, d->attrs.dict, visit_name, w);
        else if (td->cached_keys)
            dict_keys_traverse(h, td->cached_keys, heap_type(h, r), visit_key, w);
    }
    if (k == K_TYPE)
        type_names(h, r, w);
    type_names(h, heap_type(h, r), w);
}

/* Attribute NAME of R, found without running code: in a module's or an
 * instance's dict, or along a type's MRO; 0 when not found so. */
static Ref attr_of(Heap *h, Ref r, const char *name)
{
    Words w = {.prefix = "", .want = name};
    Kind k = heap_kind(h, r);
    if (k == K_MODULE)
        inspect_dict_names(h, module_data(h, r)->dict, visit_name, &w);
    else if (k == K_INSTANCE && inst_data(h, r)->attrs.dict)
        inspect_dict_names(h, inst_data(h, r)->attrs.dict, visit_name, &w);
    for (Ref c = k == K_TYPE ? r : 0; c && !w.found; c = type_data(h, c)->base)
        if (type_data(h, c)->dict)
            inspect_dict_names(h, type_data(h, c)->dict, visit_name, &w);
    return w.found;
}

/* The object a dotted chain of N bytes at EXPR names, or 0. */
static Ref resolve(Tui *t, const char *expr, size_t n)
{
    char *chain = xmalloc(n + 1);
    memcpy(chain, expr, n);
    chain[n] = '\0';
    char *save = NULL, *part = strtok_r(chain, ".", &save);
    Words w = {.prefix = "", .want = part};
    if (part)
        scope_names(t, &w);
    Ref r = w.found;
    while (r && (part = strtok_r(NULL, ".", &save)))
        r = attr_of(t->s->heap, r, part);
    free(chain);
    return r;
}

/* True for a byte that can be part of an identifier (or of a dotted
 * chain, when DOT). */
static bool ident_byte(unsigned char c, bool dot)
{
    return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9') || (dot && c == '.');
}

/* The words completing the identifier before byte CURSOR of LINE. */
size_t tui_complete(void *arg, const char *line, size_t cursor, char ***out)
{
    Tui *t = arg;
    size_t start = cursor;
    while (start > 0 && ident_byte((unsigned char)line[start - 1], false))
        start--;
    Words w = {.prefix = line + start, .plen = cursor - start};
    char *prefix = xmalloc(w.plen + 1);
    memcpy(prefix, line + start, w.plen);
    prefix[w.plen] = '\0';
    w.prefix = prefix;
    if (start > 0 && line[start - 1] == '.') {
        size_t e = start - 1;
        while (e > 0 && ident_byte((unsigned char)line[e - 1], true))
            e--;
        Ref r = resolve(t, line + e, start - 1 - e);
        if (r)
            attr_names(t->s->heap, r, &w);
    } else {
        for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
            add_word(&w, keywords[i]);
        scope_names(t, &w);
    }
    free(prefix);
    *out = w.v;
    return w.n;
}
