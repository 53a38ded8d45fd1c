/* Read-only inspection of the simulated state (see inspect.h).
 *
 * Reprs come from a small formatter over the payloads of the builtin
 * kinds; anything whose repr could run Python code (instances, classes
 * with a metaclass...) gets the default `<T object at 0x...>` form, and
 * containers show their nested containers as "[...]", so a repr costs
 * time bounded by INSPECT_REPR_MAX, whatever the object's size. */
#include "snapshot/inspect.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/bytesobject.h"
#include "sim/complexobject.h"
#include "sim/dictobject.h"
#include "sim/format.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"

/* ---- reprs ---- */


static void repr_into(Heap *h, Ref r, StrBuf *b, int depth);

/* Append the default repr "<NAME object at 0xADDR>". */
static void repr_default(Heap *h, Ref r, StrBuf *b)
{
    strbuf_printf(b, "<%s object at 0x%" PRIx64 ">", heap_type_name(h, r), h->objs[r].addr);
}

/* Append S (N bytes) quoted the way str.__repr__ / bytes.__repr__ quote. */
static void quote_into(StrBuf *b, const unsigned char *s, size_t n, bool bytes)
{
    bool dq = memchr(s, '\'', n) && !memchr(s, '"', n);
    char q = dq ? '"' : '\'';
    if (bytes)
        strbuf_putc(b, 'b');
    strbuf_putc(b, q);
    for (size_t i = 0; i < n && b->len < 4 * INSPECT_REPR_MAX; i++) {
        unsigned char c = s[i];
        if (c == (unsigned char)q || c == '\\')
            strbuf_printf(b, "\\%c", c);
        else if (c == '\n')
            strbuf_puts(b, "\\n");
        else if (c == '\t')
            strbuf_puts(b, "\\t");
        else if (c == '\r')
            strbuf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80))
            strbuf_printf(b, "\\x%02x", c);
        else
            strbuf_putc(b, (char)c);
    }
    strbuf_putc(b, q);
}

/* Append the items of a sequence ITEMS[N] between OPEN and CLOSE. */
static void seq_into(Heap *h, const Ref *items, size_t n, const char *open, const char *close,
                     StrBuf *b, int depth)
{
    strbuf_puts(b, open);
    for (size_t i = 0; i < n && b->len < 2 * INSPECT_REPR_MAX; i++) {
        if (i)
            strbuf_puts(b, ", ");
        repr_into(h, items[i], b, depth + 1);
    }
    if (n == 1 && strcmp(open, "(") == 0)
        strbuf_putc(b, ',');
    strbuf_puts(b, close);
}

/* Append a dict's or set's entries, shallowly. */
static void table_into(Heap *h, Ref r, StrBuf *b, int depth)
{
    size_t pos = 0;
    Ref k, v;
    bool first = true;
    strbuf_putc(b, '{');
    if (heap_kind(h, r) == K_DICT) {
        while (dict_next(h, r, &pos, &k, &v) && b->len < 2 * INSPECT_REPR_MAX) {
            strbuf_puts(b, first ? "" : ", ");
            repr_into(h, k, b, depth + 1);
            strbuf_puts(b, ": ");
            repr_into(h, v, b, depth + 1);
            first = false;
        }
    } else {
        while (set_next(h, r, &pos, &k) && b->len < 2 * INSPECT_REPR_MAX) {
            strbuf_puts(b, first ? "" : ", ");
            repr_into(h, k, b, depth + 1);
            first = false;
        }
    }
    strbuf_putc(b, '}');
}

/* Append the repr of a container; nested containers are shown as "[...]". */
static bool container_into(Heap *h, Ref r, StrBuf *b, int depth)
{
    Kind k = heap_kind(h, r);
    bool exact = heap_type(h, r) == h->type_of_kind[k];
    if (!exact)
        return false;
    switch (k) {
    case K_TUPLE:
        if (depth > 0 && tuple_size(h, r))
            strbuf_puts(b, "(...)");
        else
            seq_into(h, tuple_items(h, r), tuple_size(h, r), "(", ")", b, depth);
        return true;
    case K_LIST:
        if (depth > 0 && list_size(h, r))
            strbuf_puts(b, "[...]");
        else
            seq_into(h, list_items(h, r), list_size(h, r), "[", "]", b, depth);
        return true;
    case K_DICT:
        if (depth > 0 && dict_size(h, r))
            strbuf_puts(b, "{...}");
        else
            table_into(h, r, b, depth);
        return true;
    case K_SET:
    case K_FROZENSET:
        if (set_size(h, r) == 0) {
            strbuf_puts(b, k == K_SET ? "set()" : "frozenset()");
        } else if (depth > 0) {
            strbuf_puts(b, k == K_SET ? "{...}" : "frozenset({...})");
        } else {
            if (k == K_FROZENSET)
                strbuf_puts(b, "frozenset(");
            table_into(h, r, b, depth);
            if (k == K_FROZENSET)
                strbuf_putc(b, ')');
        }
        return true;
    default:
        return false;
    }
}

/* Append the repr of a number or singleton; false for other kinds. */
static bool scalar_into(Heap *h, Ref r, StrBuf *b)
{
    Obj *o = heap_obj(h, r);
    switch ((Kind)o->kind) {
    case K_NONE: strbuf_puts(b, "None"); return true;
    case K_NOTIMPL: strbuf_puts(b, "NotImplemented"); return true;
    case K_ELLIPSIS: strbuf_puts(b, "Ellipsis"); return true;
    case K_BOOL: strbuf_puts(b, o->v.i ? "True" : "False"); return true;
    case K_INT:
        if (!(o->flags & OF_BIGINT)) {
            strbuf_printf(b, "%" PRId64, o->v.i);
            return true;
        }
        if (int_ndigits(h, r) > 100) {     /* over ~900 digits: no text */
            strbuf_printf(b, "<int of %zu digits>", int_ndigits(h, r));
            return true;
        }
        return int_str_into(h, r, b);     /* below the str-digits limit: no error */
    case K_FLOAT:
        format_float_repr(b, o->v.f);
        return true;
    case K_COMPLEX: {
        Complex c = complex_value(h, r);
        strbuf_putc(b, '(');
        format_float_repr(b, c.real);
        strbuf_puts(b, c.imag < 0 || (c.imag == 0 && 1 / c.imag < 0) ? "" : "+");
        format_float_repr(b, c.imag);
        strbuf_puts(b, "j)");
        return true;
    }
    default:
        return false;
    }
}

/* Append a side-effect-free repr of R (DEPTH > 0 inside a container). */
static void repr_into(Heap *h, Ref r, StrBuf *b, int depth)
{
    Obj *o = heap_obj(h, r);
    bool exact = o->type == h->type_of_kind[o->kind];
    if (exact && scalar_into(h, r, b))
        return;
    if (exact && container_into(h, r, b, depth))
        return;
    switch ((Kind)o->kind) {
    case K_STR:
        if (exact) {
            size_t n;
            const char *s = str_utf8(h, r, &n);
            quote_into(b, (const unsigned char *)s, n, false);
            return;
        }
        break;
    case K_BYTES:
        if (exact) {
            BytesData *d = bytes_data_of(h, r);
            quote_into(b, d->data, d->n, true);
            return;
        }
        break;
    case K_FUNCTION:
        strbuf_printf(b, "<function %s at 0x%" PRIx64 ">",
                      str_utf8(h, func_data(h, r)->qualname, NULL), o->addr);
        return;
    case K_CODE:
        strbuf_printf(b, "<code object %s at 0x%" PRIx64 ">",
                      str_utf8(h, code_data(h, r)->name, NULL), o->addr);
        return;
    case K_BUILTIN:
        strbuf_printf(b, "<built-in function %s>", builtin_data(h, r)->def->name);
        return;
    case K_MODULE:
        strbuf_printf(b, "<module '%s'>", str_utf8(h, module_data(h, r)->name, NULL));
        return;
    case K_TYPE:
        if (heap_type(h, r) == h->type_type) {
            strbuf_printf(b, "<class '%s'>", type_cname(h, r));
            return;
        }
        break;
    case K_CELL:
        if (cell_get(h, r))
            strbuf_printf(b, "<cell at 0x%" PRIx64 ": %s object at 0x%" PRIx64 ">", o->addr,
                          heap_type_name(h, cell_get(h, r)), h->objs[cell_get(h, r)].addr);
        else
            strbuf_printf(b, "<cell at 0x%" PRIx64 ": empty>", o->addr);
        return;
    default:
        break;
    }
    repr_default(h, r, b);
}

/* Append a side-effect-free repr of R to B, cut to MAX bytes. */
void inspect_repr(Heap *h, Ref r, size_t max, StrBuf *b)
{
    size_t start = b->len;
    repr_into(h, r, b, 0);
    if (b->len - start > max) {
        size_t n = start + max;
        while (n > start && ((unsigned char)b->data[n] & 0xc0) == 0x80)
            n--;
        b->len = n;
        b->data[n] = '\0';
        strbuf_puts(b, "...");
    }
}

/* ---- objects ---- */

/* R's refcount as sys.getrefcount() would report it. */
int64_t inspect_refcount(const Heap *h, Ref r)
{
    const Obj *o = &h->objs[r];
    return (o->flags & OF_IMMORTAL) ? h->prof->immortal_refcnt : o->refcnt;
}

/* True for immortal and static objects. */
bool inspect_is_immortal(const Heap *h, Ref r)
{
    return h->objs[r].flags & (OF_IMMORTAL | OF_STATIC);
}

/* sys.getsizeof(R). */
size_t inspect_sizeof(Heap *h, Ref r)
{
    const TypeOps *ops = heap_ops(h, r);
    return ops->sizeof_ ? ops->sizeof_(h, r) : 0;
}

/* ---- frames and names ---- */

/* The name of frame F's function ("<module>" for module code). */
const char *inspect_frame_name(const Heap *h, const Frame *f)
{
    return str_utf8(h, code_data(h, f->code)->name, NULL);
}

/* Call FN for each str key of dict D with its value. */
void inspect_dict_names(Heap *h, Ref d, InspectNameFn fn, void *arg)
{
    size_t pos = 0;
    Ref k, v;
    while (dict_next(h, d, &pos, &k, &v))
        if (heap_kind(h, k) == K_STR)
            fn(h, str_utf8(h, k, NULL), v, arg);
}

/* Call FN for the fast locals named by tuple NAMES from slot BASE; cells
 * (DEREF) show their contents, unbound names are left out. */
static void fast_names(Heap *h, const Frame *f, Ref names, int base, bool cells,
                       InspectNameFn fn, void *arg)
{
    for (size_t i = 0; i < tuple_size(h, names); i++) {
        Ref v = f->fast[base + (int)i];
        if (v && cells && heap_kind(h, v) == K_CELL)
            v = cell_get(h, v);
        if (v)
            fn(h, str_utf8(h, tuple_items(h, names)[i], NULL), v, arg);
    }
}

/* Call FN for each bound local of frame F. */
void inspect_frame_locals(Heap *h, const Frame *f, InspectNameFn fn, void *arg)
{
    if (f->locals) {
        inspect_dict_names(h, f->locals, fn, arg);
        return;
    }
    CodeData *cd = code_data(h, f->code);
    fast_names(h, f, cd->varnames, 0, false, fn, arg);
    fast_names(h, f, cd->cellvars, f->body->nlocals, true, fn, arg);
    fast_names(h, f, cd->freevars, f->body->nlocals + f->body->ncells, true, fn, arg);
}

/* The __main__ module's dict, or 0. */
Ref inspect_globals(const Session *s)
{
    Ref main = s->vm->main_module;
    return main ? module_data(s->heap, main)->dict : 0;
}

/* Visit every reference held from outside the objects. */
void inspect_roots(Heap *h, VisitFn fn, void *arg)
{
    if (h->exc)
        fn(h, h->exc, arg);
    if (h->hooks.roots)
        h->hooks.roots(h->hooks.vm, fn, arg);
}

/* "running", "finished" or "error". */
const char *inspect_status_name(const Session *s)
{
    return s->status == SESSION_FINISHED ? "finished"
         : s->status == SESSION_ERROR ? "error" : "running";
}
