/* An object's memory as CPython lays it out (see layout.h).
 *
 * Each kind has a table of its C struct's fields (FieldDef: C name, size,
 * and the function that reads the field's real value from the simulation)
 * emitted in declaration order; offsets follow C's natural alignment from
 * the end of the PyObject header, so a table is the struct declaration
 * itself.  Where the struct differs between versions, the profile names
 * the fields in order (Profile.layout_*) and the kind's table only says
 * how to read each name, so no version test appears here.
 *
 * Offsets in the main block are relative to the object's address (what
 * id() returns): the GC header and the pre-header are at negative offsets.
 * Offsets in a separately allocated block (a list's item array, a dict's
 * keys object) are relative to the block's start.  Values the simulation
 * does not keep are shown as "(not simulated)", never invented; pointers
 * to objects carry the target's id so the pane can make them selectable.
 *
 * Only the selected object is laid out, once per draw, and every array is
 * cut at LAYOUT_MAX_ITEMS rows, so the cost is bounded by the screen. */
#include "tui/layout.h"

#include <gmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/bytesobject.h"
#include "sim/complexobject.h"
#include "sim/dictobject.h"
#include "sim/format.h"
#include "sim/funcobject.h"
#include "sim/gc.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/rangeobject.h"
#include "sim/setobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"
#include "snapshot/inspect.h"
#include "util/xalloc.h"

/* Bytes of a short repr in a pointer's description. */
#define SHORT_REPR 24

/* One lay-out in progress: the object, where the next field goes, and
 * the table being drawn when a field needs it. */
typedef struct Lay {
    Heap *h;
    Ref r;
    Layout *out;
    int64_t off;                  /* the next field's offset in the current block */
    const DictKeysView *keys;     /* the keys object being drawn */
} Lay;

/* Reads one field's value into F. */
typedef void (*FieldFn)(Lay *L, LayoutRow *f);

/* One field of a C struct: its name, its bytes and how to read it. */
typedef struct FieldDef {
    const char *name;
    uint8_t size;
    FieldFn get;
} FieldDef;

/* ---- rows ---- */

/* Format FMT/AP into BUF of N bytes, cut at a UTF-8 character boundary. */
static void vformat(char *buf, size_t n, const char *fmt, va_list ap)
{
    int len = vsnprintf(buf, n, fmt, ap);
    if (len < 0) {
        buf[0] = '\0';
        return;
    }
    if ((size_t)len >= n) {
        size_t k = n - 1;
        while (k > 0 && ((unsigned char)buf[k] & 0xc0) == 0x80)
            k--;
        buf[k] = '\0';
    }
}

/* A new row of KIND at the end of the layout. */
static LayoutRow *push(Lay *L, LayoutRowKind kind)
{
    Layout *o = L->out;
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 64;
        o->rows = xrealloc(o->rows, o->cap * sizeof *o->rows);
    }
    LayoutRow *row = &o->rows[o->n++];
    memset(row, 0, sizeof *row);
    row->kind = kind;
    return row;
}

/* A caption line above a separate block. */
static void caption(Lay *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void caption(Lay *L, const char *fmt, ...)
{
    LayoutRow *row = push(L, LAYOUT_CAPTION);
    va_list ap;
    va_start(ap, fmt);
    vformat(row->text, sizeof row->text, fmt, ap);
    va_end(ap);
}

/* The top edge of a struct starting at OFF, titled from FMT. */
static void section(Lay *L, int64_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void section(Lay *L, int64_t off, const char *fmt, ...)
{
    LayoutRow *row = push(L, LAYOUT_SECTION);
    row->has_off = true;
    row->off = off;
    va_list ap;
    va_start(ap, fmt);
    vformat(row->text, sizeof row->text, fmt, ap);
    va_end(ap);
    L->off = off;
}

/* A field of SIZE bytes at OFF named from FMT; the next one follows it. */
static LayoutRow *field_at(Lay *L, int64_t off, uint32_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static LayoutRow *field_at(Lay *L, int64_t off, uint32_t size, const char *fmt, ...)
{
    LayoutRow *row = push(L, LAYOUT_FIELD);
    row->has_off = true;
    row->off = off;
    row->size = size;
    va_list ap;
    va_start(ap, fmt);
    vformat(row->name, sizeof row->name, fmt, ap);
    va_end(ap);
    L->off = off + size;
    return row;
}

/* A summary row with no offset (code objects, heap type extras). */
static LayoutRow *summary(Lay *L, const char *name)
{
    LayoutRow *row = push(L, LAYOUT_FIELD);
    snprintf(row->name, sizeof row->name, "%s", name);
    return row;
}

/* A field for array slots I..J (ELEM bytes each) at OFF: "PREFIX[I]" or
 * "PREFIX[I..J]". */
static LayoutRow *run_field(Lay *L, int64_t off, uint32_t elem, const char *prefix, size_t i,
                            size_t j)
{
    uint32_t size = elem * (uint32_t)(j - i + 1);
    if (i == j)
        return field_at(L, off, size, "%s[%zu]", prefix, i);
    return field_at(L, off, size, "%s[%zu..%zu]", prefix, i, j);
}

/* Set F's value text from FMT. */
static void value(LayoutRow *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void value(LayoutRow *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(f->text, sizeof f->text, fmt, ap);
    va_end(ap);
}

/* F holds something the simulation does not keep. */
static void no_value(LayoutRow *f)
{
    value(f, "(not simulated)");
    f->dim = true;
}

/* The bottom edge of the current block, at OFF. */
static void end_block(Lay *L, int64_t off)
{
    LayoutRow *row = push(L, LAYOUT_END);
    row->has_off = true;
    row->off = off;
}

/* ---- values ---- */

/* "~c6c0": the short form of address ADDR. */
static const char *short_addr(uint64_t addr, char *buf, size_t n)
{
    snprintf(buf, n, "~%04llx", (unsigned long long)(addr & 0xffff));
    return buf;
}

/* F points at object O (0: NULL): "~4bf0 int 1", selectable. */
static void point_to(Lay *L, LayoutRow *f, Ref o)
{
    if (!o) {
        value(f, "NULL");
        return;
    }
    Heap *h = L->h;
    char sid[24];
    StrBuf b = {0};
    short_addr(h->objs[o].addr, sid, sizeof sid);
    if (heap_kind(h, o) == K_TYPE) {
        strbuf_printf(&b, "class %s", type_cname(h, o));
    } else {
        strbuf_printf(&b, "%s ", heap_type_name(h, o));
        size_t at = b.len;
        inspect_repr(h, o, SHORT_REPR, &b);
        if (b.data[at] == '<')          /* "<function f at 0x...>" says no more */
            b.data[--at] = '\0', b.len = at;
    }
    value(f, "%s %s", sid, strbuf_cstr(&b));
    strbuf_free(&b);
    f->pointer = true;
    f->target = h->objs[o].addr;
}

/* F points at a block or an address inside one: "~4050 WHAT". */
static void point_addr(LayoutRow *f, uint64_t addr, const char *what)
{
    char sid[24];
    if (!addr) {
        value(f, "NULL");
        return;
    }
    value(f, "%s%s%s", short_addr(addr, sid, sizeof sid), *what ? " " : "", what);
    f->pointer = true;
}

/* F holds a C function pointer named NAME. */
static void c_function(LayoutRow *f, const char *name)
{
    value(f, "%s (C code)", name);
}

/* Describe where block ADDR of REQUEST bytes lives into BUF. */
static void block_where(Lay *L, uint64_t addr, size_t request, char *buf, size_t n)
{
    ObmallocWhere w;
    if (!obmalloc_locate(L->h->mem, addr, &w))
        snprintf(buf, n, "%zu bytes, not in obmalloc", request);
    else if (w.large)
        snprintf(buf, n, "%zu bytes, system malloc", request);
    else if (request && request != w.block_size)
        snprintf(buf, n, "%zu bytes in a %zu-byte block, arena %u pool %u", request,
                 w.block_size, w.arena, w.pool);
    else
        snprintf(buf, n, "%zu-byte block, arena %u pool %u", w.block_size, w.arena, w.pool);
}

/* A caption for the separate block NAME at ADDR of REQUEST bytes. */
static void block_caption(Lay *L, const char *name, uint64_t addr, size_t request)
{
    char sid[24], where[96];
    block_where(L, addr, request, where, sizeof where);
    caption(L, "%s at %s (%s)", name, short_addr(addr, sid, sizeof sid), where);
}

/* ---- struct tables ---- */

/* Align OFF up to the natural alignment of a SIZE-byte field. */
static int64_t align_for(int64_t off, uint32_t size)
{
    int64_t a = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
    int64_t rem = ((off % a) + a) % a;
    return rem ? off + a - rem : off;
}

/* Emit field D of SIZE bytes at the next aligned offset. */
static void emit_one(Lay *L, const FieldDef *d, uint32_t size)
{
    LayoutRow *f = field_at(L, align_for(L->off, size), size, "%s", d->name);
    if (d->get)
        d->get(L, f);
    else
        no_value(f);
}

/* Emit the fields SPEC names ("name[:bytes] ..."), read through DEFS, or
 * every field of DEFS in order when SPEC is NULL. */
static void emit(Lay *L, const FieldDef *defs, const char *spec)
{
    if (!spec) {
        for (const FieldDef *d = defs; d->name; d++)
            emit_one(L, d, d->size);
        return;
    }
    for (const char *p = spec; *p;) {
        size_t len = strcspn(p, " :");
        uint32_t size = 8;
        char name[40];
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        p += len;
        if (*p == ':')
            size = (uint32_t)strtoul(p + 1, (char **)&p, 10);
        p += strspn(p, " ");
        const FieldDef *d = defs;
        while (d->name && strcmp(d->name, name) != 0)
            d++;
        FieldDef anon = {name, (uint8_t)size, NULL};
        emit_one(L, d->name ? d : &anon, size);
    }
}

/* End the struct being emitted at its aligned size; the end offset. */
static int64_t struct_end(Lay *L)
{
    return align_for(L->off, 8);
}

/* ---- PyObject header, GC header, pre-header ---- */

/* ob_refcnt as sys.getrefcount reports it (the field itself). */
static void get_refcnt(Lay *L, LayoutRow *f)
{
    long long rc = (long long)inspect_refcount(L->h, L->r);
    if (L->h->objs[L->r].flags & OF_IMMORTAL)
        value(f, "%lld (immortal)", rc);
    else
        value(f, "%lld", rc);
}

/* ob_type: the type object. */
static void get_type(Lay *L, LayoutRow *f)
{
    point_to(L, f, heap_type(L->h, L->r));
}

static const FieldDef head_defs[] = {
    {"ob_refcnt", 8, get_refcnt}, {"ob_type", 8, get_type}, {NULL, 0, NULL},
};

/* A GC link of tracked R to OTHER: the generation's list head when the
 * list wraps there, else the neighbour's header. */
static void gc_link(Lay *L, LayoutRow *f, Ref other, bool next)
{
    Heap *h = L->h;
    const Obj *o = &h->objs[L->r];
    char sid[24];
    if (o->gen == GEN_UNTRACKED) {
        value(f, "0 (untracked)");
        return;
    }
    Ref head = o->gen < GC_NGENS ? gc_generations(h)[o->gen].head : 0;
    if (head && (next ? other == head : L->r == head)) {
        value(f, "gen %d list head", o->gen);
        f->pointer = true;
        return;
    }
    char oid[24];
    uint64_t at = h->objs[other].addr;
    value(f, "%s (%s %s)", short_addr(at - h->prof->gc_head_size, sid, sizeof sid),
          short_addr(at, oid, sizeof oid), heap_type_name(h, other));
    f->pointer = true;
}

/* _gc_next: the next object on the generation list. */
static void get_gc_next(Lay *L, LayoutRow *f)
{
    gc_link(L, f, L->h->objs[L->r].gc_next, true);
}

/* _gc_prev: the previous object (flag bits not shown). */
static void get_gc_prev(Lay *L, LayoutRow *f)
{
    gc_link(L, f, L->h->objs[L->r].gc_prev, false);
}

static const FieldDef gc_defs[] = {
    {"_gc_next", 8, get_gc_next}, {"_gc_prev", 8, get_gc_prev}, {NULL, 0, NULL},
};

/* The instance storage of R when it is an instance of a class, or NULL. */
static InstDict *inst_attrs(Lay *L)
{
    return heap_kind(L->h, L->r) == K_INSTANCE ? &inst_data(L->h, L->r)->attrs : NULL;
}

/* The address the instance's values pointer holds: past the prefix of a
 * 3.11/3.12 block, the block itself elsewhere. */
static uint64_t values_pointer(Lay *L, uint64_t block, size_t capacity)
{
    if (L->h->prof->layout_values == VALUES_PREFIX)
        return block + ((capacity + 2 + 7) & ~(size_t)7);
    return block;
}

/* Pre-header "values" (3.11): the instance's values array, or NULL. */
static void get_pre_values(Lay *L, LayoutRow *f)
{
    InstDict *a = inst_attrs(L);
    DictValuesView v;
    if (a && dict_values_view(a->values, &v) && v.addr)
        point_addr(f, values_pointer(L, v.addr, v.capacity), "values");
    else
        value(f, "NULL");
}

/* Pre-header "dict": the materialized __dict__, or NULL. */
static void get_pre_dict(Lay *L, LayoutRow *f)
{
    InstDict *a = inst_attrs(L);
    point_to(L, f, a ? a->dict : 0);
}

/* Pre-header "dict_or_values" (3.12): the dict, or the values pointer
 * minus one (the tag). */
static void get_pre_dict_or_values(Lay *L, LayoutRow *f)
{
    InstDict *a = inst_attrs(L);
    DictValuesView v;
    if (a && a->dict)
        point_to(L, f, a->dict);
    else if (a && dict_values_view(a->values, &v) && v.addr)
        point_addr(f, values_pointer(L, v.addr, v.capacity) - 1, "(values - 1: tagged)");
    else
        value(f, "NULL");
}

/* A weakref list head: the first weakref to R, or NULL. */
static void get_weaklist(Lay *L, LayoutRow *f)
{
    Ref w = (L->h->objs[L->r].flags & OF_WEAKREFS) ? weakref_head(L->h, L->r) : 0;
    point_to(L, f, w);
}

static const FieldDef preheader_defs[] = {
    {"values", 8, get_pre_values}, {"dict", 8, get_pre_dict},
    {"dict_or_values", 8, get_pre_dict_or_values}, {"weakreflist", 8, get_weaklist},
    {NULL, 0, NULL},
};

/* The GC header and pre-header in front of R's address, then the top
 * edge of its struct titled TITLE. */
static void lay_prefix(Lay *L, const char *title)
{
    Heap *h = L->h;
    int64_t prefix = (int64_t)heap_object_prefix(h, L->r);
    int64_t gch = (int64_t)h->prof->gc_head_size;
    if (heap_kind(h, L->r) == K_TYPE && heap_object_is_static(h, L->r))
        prefix = 0;                    /* a static PyTypeObject has no GC header */
    char sid[24];
    if (prefix > gch) {
        section(L, -prefix, "pre-header (managed dict, weakrefs)");
        emit(L, preheader_defs, h->prof->layout_preheader);
    }
    if (prefix >= gch) {
        uint8_t gen = h->objs[L->r].gen;
        if (gen == GEN_UNTRACKED)
            section(L, -gch, "PyGC_Head (untracked)");
        else if (gen < GC_NGENS)
            section(L, -gch, "PyGC_Head (tracked, gen %d)", gen);
        else
            section(L, -gch, "PyGC_Head (tracked, collector list)");
        emit(L, gc_defs, NULL);
    }
    section(L, 0, "%s %s", title, short_addr(h->objs[L->r].addr, sid, sizeof sid));
    emit(L, head_defs, NULL);
}

/* A row summing up the struct's fields from the current offset to END. */
static void rest_of_struct(Lay *L, int64_t end)
{
    if (end <= L->off)
        return;
    LayoutRow *f = field_at(L, L->off, (uint32_t)(end - L->off), "...");
    value(f, "%lld more bytes (fields not drawn)", (long long)(end - f->off));
    f->dim = true;
}

/* The end of R's struct from sys.getsizeof (for kinds whose size has no
 * separate parts). */
static int64_t sizeof_end(Lay *L)
{
    int64_t end = (int64_t)inspect_sizeof(L->h, L->r) - (int64_t)heap_object_prefix(L->h, L->r);
    return end < 16 ? 16 : end;
}

/* ---- arrays of object pointers ---- */

/* Rows for the N pointers ITEMS at BASE (8 bytes each), named by NAME
 * ("%s[%zu]" with PREFIX); runs of NULL become one row; at most
 * LAYOUT_MAX_ITEMS rows, then "... N more". KEYS names split values. */
static void pointer_rows(Lay *L, int64_t base, const Ref *items, size_t n, const char *prefix,
                         const DictKeys *keys)
{
    size_t shown = 0;
    for (size_t i = 0; i < n;) {
        if (shown == LAYOUT_MAX_ITEMS) {
            LayoutRow *f = field_at(L, base + 8 * (int64_t)i, (uint32_t)(8 * (n - i)), "...");
            value(f, "%zu more", n - i);
            f->dim = true;
            return;
        }
        size_t j = i;
        while (j < n && !items[j])
            j++;
        if (j > i + 1) {
            LayoutRow *f = run_field(L, base + 8 * (int64_t)i, 8, prefix, i, j - 1);
            value(f, "NULL");
            f->dim = true;
            i = j, shown++;
            continue;
        }
        char name[32] = "";
        Ref key = 0;
        if (keys)
            dict_keys_entry(keys, i, &key, NULL, NULL);
        if (key && heap_kind(L->h, key) == K_STR)
            snprintf(name, sizeof name, " %s", str_utf8(L->h, key, NULL));
        LayoutRow *f = field_at(L, base + 8 * (int64_t)i, 8, "%s[%zu]%s", prefix, i, name);
        point_to(L, f, items[i]);
        i++, shown++;
    }
}

/* ---- int, float, complex ---- */

/* The absolute value of int R's 30-bit digits into DIGITS (at most MAX);
 * the count; *SIGN gets -1, 0 or 1. */
static size_t int_digits(Lay *L, uint32_t *digits, size_t max, int *sign)
{
    mpz_t z;
    mpz_init(z);
    int_to_mpz(L->h, L->r, z);
    *sign = mpz_sgn(z);
    mpz_abs(z, z);
    size_t n = 0;
    while (mpz_sgn(z) != 0) {
        if (n < max)
            digits[n] = (uint32_t)mpz_fdiv_ui(z, 1UL << 30);
        mpz_fdiv_q_2exp(z, z, 30);
        n++;
    }
    mpz_clear(z);
    return n;
}

/* PyLongObject: ob_size (or 3.12's lv_tag) and the digits. */
static void lay_int(Lay *L)
{
    const Profile *p = L->h->prof;
    uint32_t digits[LAYOUT_MAX_ITEMS];
    int sign;
    size_t n = int_digits(L, digits, LAYOUT_MAX_ITEMS, &sign);
    lay_prefix(L, "PyLongObject");
    LayoutRow *f = field_at(L, 16, 8, "%s", p->layout_long);
    if (!strcmp(p->layout_long, "lv_tag"))
        value(f, "%llu (%zu digit%s << 3 | %s)",
              (unsigned long long)(n << 3 | (sign < 0 ? 2 : sign == 0)), n, n == 1 ? "" : "s",
              sign < 0 ? "negative" : sign == 0 ? "zero" : "positive");
    else
        value(f, "%lld (%zu digit%s, %s)", (long long)n * sign, n, n == 1 ? "" : "s",
              sign < 0 ? "negative" : sign == 0 ? "zero" : "positive");
    size_t drawn = n < (size_t)p->int_min_digits ? (size_t)p->int_min_digits : n;
    for (size_t i = 0; i < drawn && i < LAYOUT_MAX_ITEMS; i++) {
        f = field_at(L, 24 + 4 * (int64_t)i, 4, "ob_digit[%zu]", i);
        uint32_t d = i < n ? digits[i] : 0;
        if (i == 0)
            value(f, "%u", d);
        else
            value(f, "%u  (x 2**%zu)", d, 30 * i);
    }
    if (drawn > LAYOUT_MAX_ITEMS) {
        f = field_at(L, L->off, (uint32_t)(4 * (drawn - LAYOUT_MAX_ITEMS)), "...");
        value(f, "%zu more digits", drawn - LAYOUT_MAX_ITEMS);
    }
    end_block(L, L->off);
}

/* PyFloatObject: ob_fval. */
static void lay_float(Lay *L)
{
    lay_prefix(L, "PyFloatObject");
    LayoutRow *f = field_at(L, 16, 8, "ob_fval");
    StrBuf b = {0};
    inspect_repr(L->h, L->r, SHORT_REPR, &b);
    value(f, "%s", strbuf_cstr(&b));
    strbuf_free(&b);
    end_block(L, 24);
}

/* PyComplexObject: cval.real, cval.imag. */
static void lay_complex(Lay *L)
{
    Complex c = complex_value(L->h, L->r);
    lay_prefix(L, "PyComplexObject");
    StrBuf b = {0};
    format_float_repr(&b, c.real);
    value(field_at(L, 16, 8, "cval.real"), "%s", strbuf_cstr(&b));
    strbuf_reset(&b);
    format_float_repr(&b, c.imag);
    value(field_at(L, 24, 8, "cval.imag"), "%s", strbuf_cstr(&b));
    strbuf_free(&b);
    end_block(L, 32);
}

/* ---- str and bytes ---- */

/* length: code points. */
static void get_str_length(Lay *L, LayoutRow *f)
{
    value(f, "%zu", str_data(L->h, L->r)->length);
}

/* hash: the cached hash, -1 until computed. */
static void get_str_hash(Lay *L, LayoutRow *f)
{
    const StrData *d = str_data(L->h, L->r);
    value(f, "%lld", d->hashed ? (long long)d->hash : -1LL);
}

/* The value of bit field NAME of R's state. */
static unsigned state_bits(Lay *L, const char *name)
{
    const StrData *d = str_data(L->h, L->r);
    uint8_t fl = L->h->objs[L->r].flags;
    bool stat = heap_object_is_static(L->h, L->r);
    /* SSTATE_INTERNED_IMMORTAL_STATIC (3) came with statically_allocated */
    bool static_state = strstr(L->h->prof->layout_str_state, "statically_allocated") != NULL;
    if (!strcmp(name, "interned"))
        return !(fl & OF_INTERNED) ? 0 : stat && static_state ? 3 : (fl & OF_IMMORTAL) ? 2 : 1;
    if (!strcmp(name, "kind"))
        return d->kind;
    if (!strcmp(name, "ascii"))
        return d->ascii;
    if (!strcmp(name, "statically_allocated"))
        return stat;
    return 1;                          /* compact, ready */
}

/* state: its low byte, then the bit fields the profile lists (one-bit
 * flags by name when set). */
static void get_str_state(Lay *L, LayoutRow *f)
{
    StrBuf b = {0};
    unsigned raw = 0, shift = 0;
    for (const char *p = L->h->prof->layout_str_state; *p;) {
        size_t len = strcspn(p, ":");
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        p += len + (p[len] == ':');
        unsigned bits = (unsigned)strtoul(p, (char **)&p, 10);
        p += strspn(p, " ");
        unsigned v = state_bits(L, name);
        raw |= v << shift;
        shift += bits;
        if (bits > 1)
            strbuf_printf(&b, " %s=%u", name, v);
        else if (v)
            strbuf_printf(&b, " %s", name);
    }
    value(f, "0x%02x:%s", raw & 0xff, strbuf_cstr(&b));
    strbuf_free(&b);
}

/* wstr, wstr_length (3.8/3.11): never filled for compact strings here. */
static void get_zero_null(Lay *L, LayoutRow *f)
{
    (void)L;
    value(f, "%s", strcmp(f->name, "wstr") ? "0" : "NULL");
}

/* utf8_length: bytes of the separate UTF-8 copy, 0 when there is none. */
static void get_utf8_length(Lay *L, LayoutRow *f)
{
    const StrData *d = str_data(L->h, L->r);
    value(f, "%zu", d->utf8_cached ? d->nbytes : 0);
}

/* utf8: the separate UTF-8 copy, NULL when there is none. */
static void get_utf8(Lay *L, LayoutRow *f)
{
    const StrData *d = str_data(L->h, L->r);
    if (d->utf8_cached)
        value(f, "a %zu-byte UTF-8 copy (no block drawn)", d->nbytes + 1);
    else
        value(f, "NULL");
}

static const FieldDef str_defs[] = {
    {"length", 8, get_str_length}, {"hash", 8, get_str_hash}, {"state", 4, get_str_state},
    {"wstr", 8, get_zero_null}, {"utf8_length", 8, get_utf8_length}, {"utf8", 8, get_utf8},
    {"wstr_length", 8, get_zero_null}, {NULL, 0, NULL},
};

/* PyASCIIObject / PyCompactUnicodeObject and the characters after it. */
static void lay_str(Lay *L)
{
    const Profile *p = L->h->prof;
    const StrData *d = str_data(L->h, L->r);
    lay_prefix(L, d->ascii ? "PyASCIIObject" : "PyCompactUnicodeObject");
    emit(L, str_defs, p->layout_str_ascii);
    if (!d->ascii)
        emit(L, str_defs, p->layout_str_compact);
    int64_t data = (int64_t)(d->ascii ? p->str_ascii_header : p->str_compact_header);
    size_t bytes = (d->length + 1) * d->kind;
    LayoutRow *f = field_at(L, data, (uint32_t)bytes, "data[%zu]", d->length + 1);
    StrBuf b = {0};
    inspect_repr(L->h, L->r, 40, &b);
    value(f, "%s + NUL (%u byte%s a character)", strbuf_cstr(&b), d->kind, d->kind == 1 ? "" : "s");
    strbuf_free(&b);
    end_block(L, data + (int64_t)bytes);
}

/* PyBytesObject: ob_size, ob_shash, ob_sval. */
static void lay_bytes(Lay *L)
{
    const BytesData *d = bytes_data_of(L->h, L->r);
    lay_prefix(L, "PyBytesObject");
    value(field_at(L, 16, 8, "ob_size"), "%zu", d->n);
    value(field_at(L, 24, 8, "ob_shash"), "%lld", d->hashed ? (long long)d->hash : -1LL);
    LayoutRow *f = field_at(L, 32, (uint32_t)(d->n + 1), "ob_sval[%zu]", d->n + 1);
    StrBuf b = {0};
    inspect_repr(L->h, L->r, 40, &b);
    value(f, "%s + NUL", strbuf_cstr(&b));
    strbuf_free(&b);
    end_block(L, 33 + (int64_t)d->n);
}

/* ---- tuple and list ---- */

/* PyTupleObject: ob_size and the items inline. */
static void lay_tuple(Lay *L)
{
    size_t n = tuple_size(L->h, L->r);
    lay_prefix(L, "PyTupleObject");
    value(field_at(L, 16, 8, "ob_size"), "%zu", n);
    pointer_rows(L, 24, tuple_items(L->h, L->r), n, "ob_item", NULL);
    end_block(L, 24 + 8 * (int64_t)n);
}

/* PyListObject, then its item array. */
static void lay_list(Lay *L)
{
    const ListData *d = list_data(L->h, L->r);
    lay_prefix(L, "PyListObject");
    value(field_at(L, 16, 8, "ob_size"), "%zu", d->n);
    point_addr(field_at(L, 24, 8, "ob_item"), d->ob_item, "");
    value(field_at(L, 32, 8, "allocated"), "%lld", (long long)d->allocated);
    end_block(L, 40);
    size_t alloc = list_allocated(L->h, L->r);
    if (!d->ob_item || !alloc)
        return;
    block_caption(L, "ob_item", d->ob_item, 8 * alloc);
    section(L, 0, "PyObject *[%zu]", alloc);
    pointer_rows(L, 0, d->items, d->n, "", NULL);
    if (alloc > d->n) {
        LayoutRow *f = run_field(L, 8 * (int64_t)d->n, 8, "", d->n, alloc - 1);
        value(f, "unused");
        f->dim = true;
    }
    end_block(L, 8 * (int64_t)alloc);
}

/* ---- dict: the object, its keys object, its values ---- */

/* dk_refcnt. */
static void get_dk_refcnt(Lay *L, LayoutRow *f) { value(f, "%lld", (long long)L->keys->refcnt); }
/* dk_size (3.8). */
static void get_dk_size(Lay *L, LayoutRow *f) { value(f, "%llu", 1ULL << L->keys->log2_size); }
/* dk_log2_size. */
static void get_dk_log2(Lay *L, LayoutRow *f)
{
    value(f, "%u (%llu slots)", L->keys->log2_size, 1ULL << L->keys->log2_size);
}

/* dk_log2_index_bytes: log2 of the index table's bytes. */
static void get_dk_log2_index(Lay *L, LayoutRow *f)
{
    unsigned lg = L->keys->log2_size;
    for (size_t b = L->keys->index_bytes; b > 1; b >>= 1)
        lg++;
    value(f, "%u", lg);
}

/* dk_kind. */
static void get_dk_kind(Lay *L, LayoutRow *f)
{
    static const char *const names[] = {"GENERAL", "UNICODE", "SPLIT"};
    int k = L->keys->kind;
    value(f, "%d (DICT_KEYS_%s)", k, k >= 0 && k < 3 ? names[k] : "?");
}

/* dk_lookup (3.8): known for split tables only. */
static void get_dk_lookup(Lay *L, LayoutRow *f)
{
    if (L->keys->kind == 2)
        c_function(f, "lookdict_split");
    else
        no_value(f);
}

/* dk_usable. */
static void get_dk_usable(Lay *L, LayoutRow *f) { value(f, "%lld", (long long)L->keys->usable); }
/* dk_nentries. */
static void get_dk_nentries(Lay *L, LayoutRow *f)
{
    value(f, "%lld", (long long)L->keys->nentries);
}

static const FieldDef keys_defs[] = {
    {"dk_refcnt", 8, get_dk_refcnt}, {"dk_size", 8, get_dk_size},
    {"dk_lookup", 8, get_dk_lookup}, {"dk_log2_size", 1, get_dk_log2},
    {"dk_log2_index_bytes", 1, get_dk_log2_index}, {"dk_kind", 1, get_dk_kind},
    {"dk_version", 4, NULL}, {"dk_usable", 8, get_dk_usable},
    {"dk_nentries", 8, get_dk_nentries}, {NULL, 0, NULL},
};

/* dk_indices as rows of eight slots from BASE. */
static void index_rows(Lay *L, const DictKeys *keys, int64_t base)
{
    const DictKeysView *kv = L->keys;
    size_t size = (size_t)1 << kv->log2_size, per = 8;
    for (size_t i = 0; i < size; i += per) {
        if (i / per == LAYOUT_MAX_ITEMS / per) {
            LayoutRow *f = field_at(L, base + (int64_t)(i * kv->index_bytes),
                                    (uint32_t)((size - i) * kv->index_bytes),
                                    "dk_indices[%zu..]", i);
            value(f, "%zu more slots", size - i);
            f->dim = true;
            return;
        }
        LayoutRow *f = field_at(L, base + (int64_t)(i * kv->index_bytes),
                                (uint32_t)(per * kv->index_bytes), "dk_indices[%zu]", i);
        StrBuf b = {0};
        for (size_t j = i; j < i + per && j < size; j++)
            strbuf_printf(&b, "%s%lld", j > i ? " " : "", (long long)dict_keys_index(keys, j));
        value(f, "%s", strbuf_cstr(&b));
        strbuf_free(&b);
    }
}

/* The rows of entry I at OFF: (me_hash,) me_key, me_value. */
static void entry_rows(Lay *L, const DictKeys *keys, size_t i, int64_t off)
{
    Ref key, val;
    int64_t hash;
    dict_keys_entry(keys, i, &key, &val, &hash);
    if (!key) {
        LayoutRow *f = field_at(L, off, (uint32_t)L->keys->entry_bytes, "[%zu]", i);
        value(f, "deleted (me_key NULL)");
        f->dim = true;
        return;
    }
    if (L->keys->entry_bytes == 24)
        value(field_at(L, off, 8, "[%zu].me_hash", i), "%lld", (long long)hash);
    point_to(L, field_at(L, L->off, 8, "[%zu].me_key", i), key);
    point_to(L, field_at(L, L->off, 8, "[%zu].me_value", i), val);
}

/* The entries of KEYS from offset ENT: the used ones (cut at
 * LAYOUT_MAX_ITEMS), then the unused rest of the USABLE. */
static void entries_rows(Lay *L, const DictKeys *keys, int64_t ent, size_t usable)
{
    const DictKeysView *kv = L->keys;
    size_t n = (size_t)kv->nentries, shown = n < LAYOUT_MAX_ITEMS ? n : LAYOUT_MAX_ITEMS;
    for (size_t i = 0; i < shown; i++)
        entry_rows(L, keys, i, ent + (int64_t)(i * kv->entry_bytes));
    if (shown < n) {
        LayoutRow *f = field_at(L, ent + (int64_t)(shown * kv->entry_bytes),
                                (uint32_t)((n - shown) * kv->entry_bytes), "...");
        value(f, "%zu more entries", n - shown);
    }
    if (usable > n) {
        LayoutRow *f = run_field(L, ent + (int64_t)(n * kv->entry_bytes),
                                 (uint32_t)kv->entry_bytes, "", n, usable - 1);
        value(f, "unused");
        f->dim = true;
    }
}

/* The keys object KEYS as a block: header, indices, entries. */
static void lay_keys(Lay *L, const DictKeys *keys, const char *name)
{
    DictKeysView kv;
    dict_keys_view(L->h, keys, &kv);
    if (!kv.addr)
        return;
    const DictKeysView *saved = L->keys;
    L->keys = &kv;
    block_caption(L, name, kv.addr, kv.nbytes);
    section(L, 0, "PyDictKeysObject%s", kv.owner ? " (shared by the instances)" : "");
    emit(L, keys_defs, L->h->prof->layout_dictkeys);
    size_t size = (size_t)1 << kv.log2_size, usable = (size << 1) / 3;
    int64_t idx = struct_end(L), ent = idx + (int64_t)(size * kv.index_bytes);
    section(L, idx, "dk_indices: %zu x %zu byte%s", size, kv.index_bytes,
            kv.index_bytes == 1 ? "" : "s");
    index_rows(L, keys, idx);
    section(L, ent, "entries: %zu x %zu bytes", usable, kv.entry_bytes);
    entries_rows(L, keys, ent, usable);
    end_block(L, (int64_t)kv.nbytes);
    L->keys = saved;
}

/* The request size of a values array of CAPACITY slots. */
static size_t values_bytes(const Profile *p, size_t capacity)
{
    switch ((ValuesLayout)p->layout_values) {
    case VALUES_PREFIX: return ((capacity + 2 + 7) & ~(size_t)7) + 8 * capacity;
    case VALUES_HEADER: return (capacity + 1) * 8 + ((capacity + 7) & ~(size_t)7);
    default: return 8 * capacity;
    }
}

/* The insertion order of V as text ("0 2 1"). */
static void order_text(const DictValuesView *v, LayoutRow *f)
{
    StrBuf b = {0};
    for (size_t i = 0; i < v->size; i++)
        strbuf_printf(&b, "%s%u", i ? " " : "", v->order[i]);
    value(f, "%s", v->size ? strbuf_cstr(&b) : "(empty)");
    strbuf_free(&b);
}

/* A values array V laid out from BASE as the version does (EMBEDDED in
 * an instance, VALID while the instance's attributes live there); KEYS
 * name the slots. */
static void lay_values(Lay *L, int64_t base, const DictValuesView *v, const DictKeys *keys,
                       bool embedded, bool valid)
{
    size_t cap = v->capacity;
    switch ((ValuesLayout)L->h->prof->layout_values) {
    case VALUES_PREFIX: {
        int64_t prefix = (int64_t)((cap + 2 + 7) & ~(size_t)7);
        section(L, base, "insertion-order prefix");
        order_text(v, field_at(L, base, (uint32_t)(prefix - 2), "order (downwards)"));
        value(field_at(L, base + prefix - 2, 1, "size"), "%zu", v->size);
        value(field_at(L, base + prefix - 1, 1, "prefix size"), "%lld", (long long)prefix);
        char sid[24];
        section(L, base + prefix, "PyDictValues at %s: values[%zu]",
                short_addr(v->addr + (uint64_t)prefix, sid, sizeof sid), cap);
        pointer_rows(L, base + prefix, v->values, cap, "values", keys);
        break;
    }
    case VALUES_HEADER:
        section(L, base, "PyDictValues%s", embedded ? " (inline values)" : "");
        value(field_at(L, base, 1, "capacity"), "%zu", cap);
        value(field_at(L, base + 1, 1, "size"), "%zu", v->size);
        value(field_at(L, base + 2, 1, "embedded"), "%d", embedded);
        if (embedded)
            value(field_at(L, base + 3, 1, "valid"), "%d", valid);
        else
            no_value(field_at(L, base + 3, 1, "valid"));
        pointer_rows(L, base + 8, v->values, cap, "values", keys);
        order_text(v, field_at(L, base + 8 + 8 * (int64_t)cap,
                               (uint32_t)((cap + 7) & ~(size_t)7), "order"));
        break;
    default:
        section(L, base, "PyObject *[%zu] (values)", cap);
        pointer_rows(L, base, v->values, cap, "values", keys);
        break;
    }
}

/* The instance whose inline values dict D uses (3.13), or 0. */
static Ref values_owner(Heap *h, Ref d)
{
    for (Ref i = 1; i < h->nslots; i++)
        if (h->objs[i].kind == K_INSTANCE && inst_data(h, i)
            && inst_data(h, i)->attrs.dict == d)
            return i;
    return 0;
}

/* ma_keys. */
static void get_ma_keys(Lay *L, LayoutRow *f)
{
    DictKeysView kv;
    dict_keys_view(L->h, dict_data(L->h, L->r)->keys, &kv);
    if (kv.addr)
        point_addr(f, kv.addr, kv.owner ? "(shared keys)" : "");
    else
        value(f, "Py_EMPTY_KEYS (static)");
}

/* ma_values: NULL for a combined table. */
static void get_ma_values(Lay *L, LayoutRow *f)
{
    Heap *h = L->h;
    DictValuesView v;
    char sid[24];
    if (!dict_values_view(dict_data(h, L->r)->values, &v)) {
        value(f, "NULL (combined table)");
        return;
    }
    if (v.addr) {
        point_addr(f, values_pointer(L, v.addr, v.capacity), "");
        return;
    }
    Ref inst = values_owner(h, L->r);
    if (!inst) {
        value(f, "inline values of an instance");
        return;
    }
    char iid[24];
    uint64_t at = h->objs[inst].addr + type_data(h, heap_type(h, inst))->basicsize;
    value(f, "%s (inline in %s)", short_addr(at, sid, sizeof sid),
          short_addr(h->objs[inst].addr, iid, sizeof iid));
    f->pointer = true;
    f->target = h->objs[inst].addr;
}

/* ma_used. */
static void get_ma_used(Lay *L, LayoutRow *f)
{
    value(f, "%zu", dict_data(L->h, L->r)->used);
}

static const FieldDef dict_defs[] = {
    {"ma_used", 8, get_ma_used}, {"ma_version_tag", 8, NULL}, {"ma_keys", 8, get_ma_keys},
    {"ma_values", 8, get_ma_values}, {NULL, 0, NULL},
};

/* PyDictObject, then its keys object and its own values array. */
static void lay_dict(Lay *L)
{
    const DictData *d = dict_data(L->h, L->r);
    lay_prefix(L, "PyDictObject");
    emit(L, dict_defs, NULL);
    end_block(L, 48);
    lay_keys(L, d->keys, "ma_keys");
    DictValuesView v;
    if (dict_values_view(d->values, &v) && v.addr) {
        block_caption(L, "ma_values", v.addr, values_bytes(L->h->prof, v.capacity));
        lay_values(L, 0, &v, d->keys, false, true);
        end_block(L, (int64_t)values_bytes(L->h->prof, v.capacity));
    }
}

/* ---- set and frozenset ---- */

/* One table slot I of the set at OFF (16 bytes: key, hash). */
static void set_slot_row(Lay *L, size_t i, int64_t off, const char *prefix)
{
    Ref key = 0;
    int64_t hash = 0;
    int st = set_view_entry(L->h, L->r, i, &key, &hash);
    LayoutRow *f = field_at(L, off, 16, "%s[%zu]", prefix, i);
    if (st == 0) {
        value(f, "unused");
        f->dim = true;
    } else if (st < 0) {
        value(f, "<dummy> (deleted, hash -1)");
        f->dim = true;
    } else {
        point_to(L, f, key);
        size_t len = strlen(f->text);
        snprintf(f->text + len, sizeof f->text - len, "  hash %lld", (long long)hash);
    }
}

/* Rows for slots 0..N-1 from BASE, runs of unused slots merged, cut at
 * LAYOUT_MAX_ITEMS rows. */
static void set_slot_rows(Lay *L, int64_t base, size_t n, const char *prefix)
{
    size_t shown = 0;
    for (size_t i = 0; i < n;) {
        Ref key;
        int64_t hash;
        size_t j = i;
        while (j < n && set_view_entry(L->h, L->r, j, &key, &hash) == 0)
            j++;
        if (shown == LAYOUT_MAX_ITEMS) {
            LayoutRow *f = field_at(L, base + 16 * (int64_t)i, (uint32_t)(16 * (n - i)), "...");
            value(f, "%zu more slots", n - i);
            f->dim = true;
            return;
        }
        if (j > i + 1) {
            LayoutRow *f = run_field(L, base + 16 * (int64_t)i, 16, prefix, i, j - 1);
            value(f, "unused");
            f->dim = true;
            i = j;
        } else {
            set_slot_row(L, i, base + 16 * (int64_t)i, prefix);
            i++;
        }
        shown++;
    }
}

/* PySetObject with its small table inline, then a separate table. */
static void lay_set(Lay *L)
{
    SetView sv;
    set_view(L->h, L->r, &sv);
    char sid[24];
    lay_prefix(L, "PySetObject");
    value(field_at(L, 16, 8, "fill"), "%zu", sv.fill);
    value(field_at(L, 24, 8, "used"), "%zu", sv.used);
    value(field_at(L, 32, 8, "mask"), "%zu", sv.mask);
    LayoutRow *f = field_at(L, 40, 8, "table");
    if (sv.table_addr)
        point_addr(f, sv.table_addr, "");
    else
        value(f, "%s (smalltable)", short_addr(L->h->objs[L->r].addr + 64, sid, sizeof sid));
    value(field_at(L, 48, 8, "hash"), "%lld", (long long)sv.hash);
    value(field_at(L, 56, 8, "finger"), "%zu", sv.finger);
    if (sv.table_addr) {
        f = field_at(L, 64, 128, "smalltable[8]");
        value(f, "not in use (the table is separate)");
        f->dim = true;
    } else {
        set_slot_rows(L, 64, 8, "smalltable");
    }
    get_weaklist(L, field_at(L, 192, 8, "weakreflist"));
    end_block(L, 200);
    if (!sv.table_addr)
        return;
    block_caption(L, "table", sv.table_addr, 16 * (sv.mask + 1));
    section(L, 0, "setentry[%zu]: key, hash", sv.mask + 1);
    set_slot_rows(L, 0, sv.mask + 1, "");
    end_block(L, 16 * (int64_t)(sv.mask + 1));
}

/* ---- functions, cells, methods, ranges, weakrefs ---- */

/* Point F at the function field whose name is F's. */
static void get_func_field(Lay *L, LayoutRow *f)
{
    const FuncData *d = func_data(L->h, L->r);
    static const struct { const char *name; size_t off; } map[] = {
        {"func_code", offsetof(FuncData, code)}, {"func_globals", offsetof(FuncData, globals)},
        {"func_builtins", offsetof(FuncData, builtins)}, {"func_name", offsetof(FuncData, name)},
        {"func_qualname", offsetof(FuncData, qualname)},
        {"func_module", offsetof(FuncData, module)},
        {"func_doc", offsetof(FuncData, doc)}, {"func_defaults", offsetof(FuncData, defaults)},
        {"func_kwdefaults", offsetof(FuncData, kwdefaults)},
        {"func_closure", offsetof(FuncData, closure)}, {"func_dict", offsetof(FuncData, dict)},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i].name, f->name)) {
            point_to(L, f, *(const Ref *)((const char *)d + map[i].off));
            return;
        }
    no_value(f);
}

/* A NULL pointer field the simulation never sets (func_typeparams). */
static void get_null(Lay *L, LayoutRow *f)
{
    (void)L;
    value(f, "NULL");
}

/* vectorcall of a Python function. */
static void get_func_vectorcall(Lay *L, LayoutRow *f)
{
    (void)L;
    c_function(f, "_PyFunction_Vectorcall");
}

static const FieldDef func_defs[] = {
    {"func_code", 8, get_func_field}, {"func_globals", 8, get_func_field},
    {"func_builtins", 8, get_func_field}, {"func_name", 8, get_func_field},
    {"func_qualname", 8, get_func_field}, {"func_defaults", 8, get_func_field},
    {"func_kwdefaults", 8, get_func_field}, {"func_closure", 8, get_func_field},
    {"func_doc", 8, get_func_field}, {"func_dict", 8, get_func_field},
    {"func_weakreflist", 8, get_weaklist}, {"func_module", 8, get_func_field},
    {"func_annotations", 8, NULL}, {"func_typeparams", 8, get_null},
    {"vectorcall", 8, get_func_vectorcall}, {"func_version", 4, NULL}, {NULL, 0, NULL},
};

/* PyFunctionObject, in the version's field order. */
static void lay_function(Lay *L)
{
    lay_prefix(L, "PyFunctionObject");
    emit(L, func_defs, L->h->prof->layout_function);
    end_block(L, struct_end(L));
}

/* PyCellObject: ob_ref. */
static void lay_cell(Lay *L)
{
    lay_prefix(L, "PyCellObject");
    point_to(L, field_at(L, 16, 8, "ob_ref"), cell_get(L->h, L->r));
    end_block(L, 24);
}

/* PyMethodObject: im_func, im_self, im_weakreflist, vectorcall. */
static void lay_method(Lay *L)
{
    const MethodData *d = method_data(L->h, L->r);
    lay_prefix(L, "PyMethodObject");
    point_to(L, field_at(L, 16, 8, "im_func"), d->func);
    point_to(L, field_at(L, 24, 8, "im_self"), d->self);
    get_weaklist(L, field_at(L, 32, 8, "im_weakreflist"));
    c_function(field_at(L, 40, 8, "vectorcall"), "method_vectorcall");
    end_block(L, 48);
}

/* rangeobject: start, stop, step, length. */
static void lay_range(Lay *L)
{
    const RangeData *d = range_data(L->h, L->r);
    lay_prefix(L, "rangeobject");
    point_to(L, field_at(L, 16, 8, "start"), d->start);
    point_to(L, field_at(L, 24, 8, "stop"), d->stop);
    point_to(L, field_at(L, 32, 8, "step"), d->step);
    point_to(L, field_at(L, 40, 8, "length"), d->length);
    end_block(L, 48);
}

/* wr_object: the referent, Py_None once it died. */
static void get_wr_object(Lay *L, LayoutRow *f)
{
    Ref o = weakref_get(L->h, L->r);
    if (o)
        point_to(L, f, o);
    else
        value(f, "Py_None (the referent died)");
}

/* wr_callback. */
static void get_wr_callback(Lay *L, LayoutRow *f)
{
    point_to(L, f, weakref_callback(L->h, L->r));
}

/* wr_prev: the weakref before this one in the referent's list. */
static void get_wr_prev(Lay *L, LayoutRow *f)
{
    Ref o = weakref_get(L->h, L->r), prev = 0;
    for (Ref w = o ? weakref_head(L->h, o) : 0; w && w != L->r; w = weakref_next(L->h, w))
        prev = w;
    point_to(L, f, prev);
}

/* wr_next: the weakref after this one. */
static void get_wr_next(Lay *L, LayoutRow *f)
{
    point_to(L, f, weakref_next(L->h, L->r));
}

/* hash: the referent's hash once hash(w) ran, else -1. */
static void get_wr_hash(Lay *L, LayoutRow *f)
{
    value(f, "%lld", (long long)weakref_cached_hash(L->h, L->r));
}

/* vectorcall of a weakref (3.11+). */
static void get_wr_vectorcall(Lay *L, LayoutRow *f)
{
    if (heap_kind(L->h, L->r) == K_WEAKREF)
        c_function(f, "weakref_vectorcall");
    else
        no_value(f);
}

static const FieldDef weakref_defs[] = {
    {"wr_object", 8, get_wr_object}, {"wr_callback", 8, get_wr_callback}, {"hash", 8, get_wr_hash},
    {"wr_prev", 8, get_wr_prev}, {"wr_next", 8, get_wr_next},
    {"vectorcall", 8, get_wr_vectorcall}, {NULL, 0, NULL},
};

/* PyWeakReference (refs and proxies), in the version's field order. */
static void lay_weakref(Lay *L)
{
    lay_prefix(L, "PyWeakReference");
    emit(L, weakref_defs, L->h->prof->layout_weakref);
    int64_t end = struct_end(L);
    rest_of_struct(L, sizeof_end(L));
    end_block(L, L->off > end ? L->off : end);
}

/* ---- instances of classes ---- */

/* The slots, __dict__ and __weakref__ pointers class T adds, at its
 * base's basicsize (walking down from the root class first). */
static void class_fields(Lay *L, Ref t, int depth)
{
    Heap *h = L->h;
    TypeData *c = type_data(h, t);
    if (!c->heaptype)
        return;
    TypeData *b = type_data(h, c->base);
    if (depth < 64)
        class_fields(L, c->base, depth + 1);
    int64_t off = b->heaptype ? b->basicsize : 16;
    const InstData *id = inst_data(h, L->r);
    for (uint32_t i = 0; i < c->nslots; i++) {
        Ref name = tuple_items(h, c->slot_names)[i];
        uint32_t k = c->slot_offset + i;
        LayoutRow *f = field_at(L, off + 8 * (int64_t)i, 8, "%s", str_utf8(h, name, NULL));
        if (k < id->nslots && id->slots[k])
            point_to(L, f, id->slots[k]);
        else
            value(f, "NULL (unset)");
    }
    off += 8 * (int64_t)c->nslots;
    if (c->has_dict && !b->has_dict && !c->managed_dict)
        get_pre_dict(L, field_at(L, off, 8, "__dict__")), off += 8;
    if (c->has_weakref && !b->has_weakref && !c->managed_weakref)
        get_weaklist(L, field_at(L, off, 8, "__weakref__"));
}

/* 3.13's inline values after the instance's struct at BASE. */
static void inline_values(Lay *L, int64_t base)
{
    Heap *h = L->h;
    TypeData *td = type_data(h, heap_type(h, L->r));
    const InstDict *a = &inst_data(h, L->r)->attrs;
    DictValuesView v;
    bool valid = dict_values_view(a->values, &v);
    if (!valid && a->dict && dict_values_view(dict_data(h, a->dict)->values, &v) && !v.addr)
        valid = true;
    if (valid) {
        lay_values(L, base, &v, td->cached_keys, true, true);
        end_block(L, base + (int64_t)values_bytes(h->prof, v.capacity));
        return;
    }
    LayoutRow *f = field_at(L, base, 8, "inline values");
    value(f, "not valid (the attributes moved to __dict__)");
    f->dim = true;
    end_block(L, base + 8);
}

/* An instance of a class: header, slots, dict/weakref pointers by
 * version, 3.13's inline values, then a separate values array. */
static void lay_instance(Lay *L)
{
    Heap *h = L->h;
    Ref t = heap_type(h, L->r);
    TypeData *td = type_data(h, t);
    char title[96];
    snprintf(title, sizeof title, "%s object", type_cname(h, t));
    lay_prefix(L, title);
    class_fields(L, t, 0);
    int64_t end = td->heaptype ? td->basicsize : 16;
    bool embedded = td->has_values && h->prof->layout_values == VALUES_HEADER;
    if (!embedded) {
        end_block(L, end);
    } else {
        inline_values(L, end);
    }
    DictValuesView v;
    if (dict_values_view(inst_data(h, L->r)->attrs.values, &v) && v.addr) {
        block_caption(L, "values", v.addr, values_bytes(h->prof, v.capacity));
        lay_values(L, 0, &v, td->cached_keys, false, true);
        end_block(L, (int64_t)values_bytes(h->prof, v.capacity));
    }
}

/* ---- classes, code, modules, builtins, iterators ---- */

/* A gap row: slots between OFF and END not drawn. */
static void gap(Lay *L, int64_t end, const char *what)
{
    if (end <= L->off)
        return;
    LayoutRow *f = field_at(L, L->off, (uint32_t)(end - L->off), "...");
    value(f, "%s", what);
    f->dim = true;
}

/* F points at O, or holds "(not simulated)" when the simulation has no O. */
static void point_or_unknown(Lay *L, LayoutRow *f, Ref o)
{
    if (o)
        point_to(L, f, o);
    else
        no_value(f);
}

/* The PyTypeObject fields a class is about, at their offsets (a summary). */
static void type_fields(Lay *L, const TypeData *td)
{
    value(field_at(L, 16, 8, "ob_size"), "%u", td->heaptype ? td->nslots : 0);
    value(field_at(L, 24, 8, "tp_name"), "\"%s\"", type_cname(L->h, L->r));
    LayoutRow *f = field_at(L, 32, 8, "tp_basicsize");
    if (td->heaptype)
        value(f, "%u", td->basicsize);
    else
        no_value(f);
    f = field_at(L, 40, 8, "tp_itemsize");
    if (td->heaptype)
        value(f, "0");
    else
        no_value(f);
    gap(L, 168, "tp_dealloc ... tp_as_buffer (not drawn)");
    no_value(field_at(L, 168, 8, "tp_flags"));
    gap(L, 256, "tp_doc ... tp_getset (not drawn)");
    point_to(L, field_at(L, 256, 8, "tp_base"), td->base);
    point_or_unknown(L, field_at(L, 264, 8, "tp_dict"), td->dict);
    gap(L, 336, "tp_descr_get ... tp_is_gc (not drawn)");
    point_or_unknown(L, field_at(L, 336, 8, "tp_bases"), td->bases);
    point_or_unknown(L, field_at(L, 344, 8, "tp_mro"), td->mro);
}

/* A type object: a summary of PyTypeObject, then a class's
 * PyHeapTypeObject extras and its shared instance keys. */
static void lay_type(Lay *L)
{
    Heap *h = L->h;
    const TypeData *td = type_data(h, L->r);
    lay_prefix(L, td->heaptype ? "PyHeapTypeObject" : "PyTypeObject");
    type_fields(L, td);
    if (!td->heaptype) {
        LayoutRow *rest = summary(L, "...");
        value(rest, "the rest of PyTypeObject (not drawn)");
        rest->dim = true;
        end_block(L, 352);
        return;
    }
    int64_t end = (int64_t)h->prof->heaptype_basicsize;
    gap(L, end, "the rest of PyTypeObject, the slot tables, ht_*");
    point_to(L, summary(L, "ht_name"), td->name);
    point_to(L, summary(L, "ht_qualname"), td->qualname);
    point_to(L, summary(L, "ht_slots"), td->slot_names);
    DictKeysView kv;
    dict_keys_view(h, td->cached_keys, &kv);
    point_addr(summary(L, "ht_cached_keys"), td->cached_keys ? kv.addr : 0, "");
    end_block(L, end);
    if (td->cached_keys && kv.owner == L->r)
        lay_keys(L, td->cached_keys, "ht_cached_keys");
}

/* A code object: a summary of what it holds (offsets not drawn). */
static void lay_code(Lay *L)
{
    const CodeData *d = code_data(L->h, L->r);
    lay_prefix(L, "PyCodeObject");
    value(summary(L, "co_argcount"), "%d", d->argcount);
    value(summary(L, "co_firstlineno"), "%d", d->firstlineno);
    point_to(L, summary(L, "co_consts"), d->consts);
    point_to(L, summary(L, "co_names"), d->names);
    point_to(L, summary(L, "co_name"), d->name);
    if (d->qualname)
        point_to(L, summary(L, "co_qualname"), d->qualname);
    point_to(L, summary(L, "co_filename"), d->filename);
    LayoutRow *f = summary(L, "...");
    value(f, "%lld bytes in all (offsets not drawn)", (long long)sizeof_end(L));
    f->dim = true;
    end_block(L, sizeof_end(L));
}

/* PyModuleObject: md_dict, then the rest. */
static void lay_module(Lay *L)
{
    lay_prefix(L, "PyModuleObject");
    point_to(L, field_at(L, 16, 8, "md_dict"), module_data(L->h, L->r)->dict);
    rest_of_struct(L, sizeof_end(L));
    end_block(L, L->off);
}

/* PyCFunctionObject: m_ml, m_self, m_module, m_weakreflist, vectorcall. */
static void lay_builtin(Lay *L)
{
    const BuiltinData *d = builtin_data(L->h, L->r);
    lay_prefix(L, "PyCFunctionObject");
    value(field_at(L, 16, 8, "m_ml"), "PyMethodDef of %s()", d->def ? d->def->name : "?");
    LayoutRow *f = field_at(L, 24, 8, "m_self");
    if (d->self)
        point_to(L, f, d->self);
    else
        no_value(f);
    point_to(L, field_at(L, 32, 8, "m_module"), d->module);
    get_weaklist(L, field_at(L, 40, 8, "m_weakreflist"));
    no_value(field_at(L, 48, 8, "vectorcall"));
    rest_of_struct(L, sizeof_end(L));
    end_block(L, L->off);
}

/* A sequence iterator: it_index, it_seq. */
static void lay_seqiter(Lay *L)
{
    lay_prefix(L, "iterator object");
    value(field_at(L, 16, 8, "it_index"), "%lld", (long long)iter_index(L->h, L->r));
    point_to(L, field_at(L, 24, 8, "it_seq"), iter_seq(L->h, L->r));
    rest_of_struct(L, sizeof_end(L));
    end_block(L, L->off);
}

/* Any other object: the header and the honest remainder. */
static void lay_generic(Lay *L)
{
    lay_prefix(L, "PyObject");
    rest_of_struct(L, sizeof_end(L));
    end_block(L, L->off);
}

/* Lay object R out into OUT: its main block, then its separate parts. */
void layout_object(Heap *h, Ref r, Layout *out)
{
    Lay L = {h, r, out, 0, NULL};
    switch (heap_kind(h, r)) {
    case K_INT: case K_BOOL: lay_int(&L); break;
    case K_FLOAT: lay_float(&L); break;
    case K_COMPLEX: lay_complex(&L); break;
    case K_STR: lay_str(&L); break;
    case K_BYTES: lay_bytes(&L); break;
    case K_TUPLE: lay_tuple(&L); break;
    case K_LIST: lay_list(&L); break;
    case K_DICT: lay_dict(&L); break;
    case K_SET: case K_FROZENSET: lay_set(&L); break;
    case K_RANGE: lay_range(&L); break;
    case K_FUNCTION: lay_function(&L); break;
    case K_CELL: lay_cell(&L); break;
    case K_METHOD: lay_method(&L); break;
    case K_WEAKREF: case K_WEAKPROXY: case K_WEAKCALLABLEPROXY: lay_weakref(&L); break;
    case K_INSTANCE: lay_instance(&L); break;
    case K_TYPE: lay_type(&L); break;
    case K_CODE: lay_code(&L); break;
    case K_MODULE: lay_module(&L); break;
    case K_BUILTIN: lay_builtin(&L); break;
    case K_LISTITER: case K_LISTREVITER: case K_TUPLEITER: case K_SEQITER:
        lay_seqiter(&L);
        break;
    default: lay_generic(&L); break;
    }
}

/* Release OUT's rows. */
void layout_free(Layout *out)
{
    free(out->rows);
    memset(out, 0, sizeof *out);
}
