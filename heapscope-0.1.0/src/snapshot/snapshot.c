/* Snapshots of a session as JSON and as text.
 *
 * snapshot_build() reads the simulation's state without changing it:
 * objects are listed in address order, their referents in traverse order,
 * the VM's roots in the order the VM reports them, and every JSON object's
 * keys in a fixed insertion order (Jansson keeps it), so equal states give
 * equal bytes.  Reprs and names come from inspect.c, which the viewer
 * shares.  The text view is rendered from the JSON tree, so both show the same facts. */
#include "snapshot/snapshot.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gc.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- reprs ---- */

/* A repr of R cut to SNAPSHOT_REPR_MAX bytes (at a character boundary). */
static json_t *repr_json(Heap *h, Ref r)
{
    StrBuf b = {0};
    inspect_repr(h, r, SNAPSHOT_REPR_MAX, &b);
    json_t *j = json_stringn(strbuf_cstr(&b), b.len);
    strbuf_free(&b);
    return j ? j : json_string("<not UTF-8>");
}

/* ---- helpers ---- */

/* A JSON string from N bytes of program text (invalid UTF-8 replaced). */
static json_t *text_json(const char *s, size_t n)
{
    json_t *j = json_stringn(s ? s : "", s ? n : 0);
    return j ? j : json_string("<output is not UTF-8>");
}

/* The id (address) of R as a JSON integer. */
static json_t *id_json(const Heap *h, Ref r)
{
    return json_integer((json_int_t)h->objs[r].addr);
}

/* Append R's id to the JSON array ARG (a VisitFn). */
static void visit_append(Heap *h, Ref r, void *arg)
{
    json_array_append_new(arg, id_json(h, r));
}

/* Order refs by address. */
static int cmp_addr(const void *a, const void *b, void *h)
{
    uint64_t x = ((Heap *)h)->objs[*(const Ref *)a].addr;
    uint64_t y = ((Heap *)h)->objs[*(const Ref *)b].addr;
    return x < y ? -1 : x > y;
}

static Heap *sort_heap;

/* qsort adaptor for cmp_addr. */
static int cmp_addr_q(const void *a, const void *b)
{
    return cmp_addr(a, b, sort_heap);
}

/* ---- status and output ---- */

/* The exception of an error status: {"type", "message"} from the last
 * line of the traceback the session printed. */
static json_t *exception_json(const Session *s)
{
    const StrBuf *e = &s->heap->err;
    size_t end = e->len;
    while (end > 0 && e->data[end - 1] == '\n')
        end--;
    size_t start = end;
    while (start > 0 && e->data[start - 1] != '\n')
        start--;
    const char *line = e->data ? e->data + start : "";
    size_t n = end - start;
    const char *colon = memchr(line, ':', n);
    size_t tlen = colon ? (size_t)(colon - line) : n;
    const char *msg = colon ? colon + 1 : line + n;
    if (colon && *msg == ' ')
        msg++;
    json_t *j = json_object();
    json_object_set_new(j, "type", text_json(line, tlen));
    json_object_set_new(j, "message", text_json(msg, (size_t)(line + n - msg)));
    return j;
}

/* The traceback of an uncaught exception, outermost first (the frames
 * themselves are gone once it has propagated out of the module). */
static json_t *traceback_json(const Vm *vm)
{
    json_t *a = json_array();
    int n;
    const ExcTbEntry *tb = vm_traceback(vm, &n);
    for (int i = n - 1; i >= 0; i--) {
        json_t *o = json_object();
        json_object_set_new(o, "function", text_json(tb[i].funcname, strlen(tb[i].funcname)));
        json_object_set_new(o, "line", json_integer(tb[i].line));
        json_array_append_new(a, o);
    }
    return a;
}

/* The line the snapshot is at: the next line to run, the line an
 * uncaught exception was raised on, or null at the end. */
static json_t *line_json(Session *s)
{
    if (s->status == SESSION_READY)
        return json_integer(session_line(s));
    int n;
    const ExcTbEntry *tb = vm_traceback(s->vm, &n);
    if (s->status == SESSION_ERROR && n)
        return json_integer(tb[0].line);
    return json_null();
}

/* ---- frames and roots ---- */

/* Set NAME to VALUE's id in the JSON object ARG (an InspectNameFn). */
static void name_set(Heap *h, const char *name, Ref value, void *arg)
{
    json_object_set_new(arg, name, id_json(h, value));
}

/* A dict's str keys mapped to their values' ids. */
static json_t *names_json(Heap *h, Ref d)
{
    json_t *j = json_object();
    inspect_dict_names(h, d, name_set, j);
    return j;
}

/* One frame: function, line, locals. */
static json_t *frame_json(Heap *h, const Frame *f)
{
    json_t *j = json_object();
    json_object_set_new(j, "function", json_string(inspect_frame_name(h, f)));
    json_object_set_new(j, "line", json_integer(f->line));
    json_t *loc = json_object();
    inspect_frame_locals(h, f, name_set, loc);
    json_object_set_new(j, "locals", loc);
    return j;
}

/* The frames, outermost first. */
static json_t *frames_json(Session *s)
{
    json_t *a = json_array();
    for (int i = 0; i < s->vm->nframes; i++)
        json_array_append_new(a, frame_json(s->heap, s->vm->frames[i]));
    return a;
}

/* Every reference held from outside the objects, in the VM's order. */
static json_t *roots_json(Heap *h)
{
    json_t *a = json_array();
    inspect_roots(h, visit_append, a);
    return a;
}

/* ---- objects ---- */

/* Where block B lives: {arena, pool, size_class, block} or "large". */
static json_t *where_json(const HeapBlock *b)
{
    if (!b->located)
        return json_null();
    if (b->where.large)
        return json_string("large");
    json_t *j = json_object();
    json_object_set_new(j, "arena", json_integer(b->where.arena));
    json_object_set_new(j, "pool", json_integer(b->where.pool));
    json_object_set_new(j, "size_class", json_integer(b->where.size_class));
    json_object_set_new(j, "block", json_integer(b->where.block));
    return j;
}

/* The object's gc state. */
static json_t *objgc_json(const Heap *h, Ref r)
{
    json_t *j = json_object();
    uint8_t gen = h->objs[r].gen;
    json_object_set_new(j, "tracked", json_boolean(gen != GEN_UNTRACKED));
    json_object_set_new(j, "generation",
                        gen == GEN_UNTRACKED ? json_null() : json_integer(gen));
    return j;
}

/* Add "memory" (the main block) and "blocks" (the other parts) to J. */
static void objmem_json(Heap *h, Ref r, json_t *j)
{
    HeapBlock blk[16];
    size_t n = heap_object_blocks(h, r, blk, 16);
    if (n > 16)
        n = 16;
    json_object_set_new(j, "memory", n ? where_json(&blk[0]) : json_null());
    json_t *parts = json_array();
    for (size_t i = 1; i < n; i++) {
        json_t *p = json_object();
        json_object_set_new(p, "part", json_string(blk[i].part));
        json_object_set_new(p, "memory", where_json(&blk[i]));
        json_array_append_new(parts, p);
    }
    json_object_set_new(j, "blocks", parts);
}

/* One object's entry. */
static json_t *object_json(Heap *h, Ref r)
{
    const TypeOps *ops = heap_ops(h, r);
    json_t *j = json_object();
    json_object_set_new(j, "id", id_json(h, r));
    json_object_set_new(j, "type", json_string(heap_type_name(h, r)));
    json_object_set_new(j, "size", json_integer((json_int_t)inspect_sizeof(h, r)));
    json_object_set_new(j, "refcount", json_integer(inspect_refcount(h, r)));
    json_object_set_new(j, "immortal", json_boolean(inspect_is_immortal(h, r)));
    json_object_set_new(j, "repr", repr_json(h, r));
    json_t *refs = json_array();
    if (ops->traverse)
        ops->traverse(h, r, visit_append, refs);
    json_object_set_new(j, "referents", refs);
    json_object_set_new(j, "gc", objgc_json(h, r));
    objmem_json(h, r, j);
    return j;
}

/* Every live object, by address. */
static json_t *objects_json(Heap *h)
{
    Ref *live = xmalloc((h->nslots + 1) * sizeof *live);
    size_t n = 0;
    for (Ref r = 1; r < h->nslots; r++)
        if (h->objs[r].kind != K_FREE)
            live[n++] = r;
    sort_heap = h;
    qsort(live, n, sizeof *live, cmp_addr_q);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, object_json(h, live[i]));
    free(live);
    return a;
}

/* ---- gc ---- */

/* The trace of the last collection, or null. */
static json_t *trace_json(Heap *h)
{
    const GcTrace *t = gc_last_trace(h);
    if (!t || !t->valid)
        return json_null();
    json_t *j = json_object();
    json_object_set_new(j, "generation", json_integer(t->generation));
    json_object_set_new(j, "collected", json_integer((json_int_t)t->collected));
    json_object_set_new(j, "uncollectable", json_integer((json_int_t)t->uncollectable));
    json_t *phases = json_array();
    for (int p = 0; p < GC_NPHASES; p++) {
        json_t *ph = json_object();
        json_object_set_new(ph, "phase", json_string(gc_phase_name((GcPhase)p)));
        json_t *objs = json_array();
        for (size_t i = 0; i < t->n[p]; i++) {
            const GcTraceEntry *e = &t->entries[p][i];
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer((json_int_t)e->addr));
            json_object_set_new(o, "kind", json_string(kind_ops[e->kind] ? kind_ops[e->kind]->name : "?"));
            json_object_set_new(o, "gc_refs", json_integer(e->gc_refs));
            json_object_set_new(o, "unreachable", json_boolean(e->unreachable));
            json_array_append_new(objs, o);
        }
        json_object_set_new(ph, "objects", objs);
        json_array_append_new(phases, ph);
    }
    json_object_set_new(j, "phases", phases);
    return j;
}

/* The collector's state. */
static json_t *gc_json(Heap *h)
{
    GcGeneration *g = gc_generations(h);
    json_t *j = json_object();
    json_object_set_new(j, "enabled", json_boolean(gc_is_enabled(h)));
    json_t *th = json_array(), *cnt = json_array(), *gens = json_array();
    for (int i = 0; i < GC_NGENS; i++) {
        json_array_append_new(th, json_integer(g[i].threshold));
        json_array_append_new(cnt, json_integer(g[i].count));
        const GcStats *st = gc_stats(h, i);
        json_t *o = json_object();
        json_object_set_new(o, "generation", json_integer(i));
        json_object_set_new(o, "objects", json_integer((json_int_t)g[i].n));
        json_object_set_new(o, "collections", json_integer((json_int_t)st->collections));
        json_object_set_new(o, "collected", json_integer((json_int_t)st->collected));
        json_object_set_new(o, "uncollectable", json_integer((json_int_t)st->uncollectable));
        json_array_append_new(gens, o);
    }
    json_object_set_new(j, "thresholds", th);
    json_object_set_new(j, "counts", cnt);
    json_object_set_new(j, "generations", gens);
    json_object_set_new(j, "permanent", json_integer((json_int_t)gc_freeze_count(h)));
    json_object_set_new(j, "debug", json_integer(gc_get_debug(h)));
    json_object_set_new(j, "last_collection", trace_json(h));
    return j;
}

/* ---- allocator ---- */

static const char *const arena_states[] = {"unused", "usable", "full"};
static const char *const pool_states[] = {"uncarved", "empty", "used", "full"};

/* Arena A's pools (the carved ones). */
static json_t *pools_json(const Obmalloc *m, const ObmallocArenaInfo *ai)
{
    json_t *a = json_array();
    for (unsigned p = 0; p < ai->ncarved; p++) {
        ObmallocPoolInfo pi;
        if (obmalloc_pool_info(m, ai->index, p, &pi) < 0)
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "pool", json_integer(p));
        json_object_set_new(o, "address", json_integer((json_int_t)pi.address));
        json_object_set_new(o, "state", json_string(pool_states[pi.state]));
        json_object_set_new(o, "size_class", pi.szidx < 0 ? json_null() : json_integer(pi.szidx));
        json_object_set_new(o, "block_size", json_integer(pi.block_size));
        json_object_set_new(o, "used_blocks", json_integer(pi.count));
        json_object_set_new(o, "total_blocks", json_integer(pi.nblocks));
        json_array_append_new(a, o);
    }
    return a;
}

/* The obmalloc model: arenas, pools, large blocks. */
static json_t *allocator_json(Heap *h)
{
    const Obmalloc *m = h->mem;
    const ObmallocConfig cfg = h->prof->obmalloc;
    ObmallocStats st;
    obmalloc_stats(m, &st);
    json_t *j = json_object();
    json_object_set_new(j, "arena_size", json_integer((json_int_t)cfg.arena_size));
    json_object_set_new(j, "pool_size", json_integer((json_int_t)cfg.pool_size));
    json_object_set_new(j, "allocated_blocks", json_integer((json_int_t)obmalloc_allocated_blocks(m)));
    json_t *arenas = json_array();
    for (unsigned i = 0; i < obmalloc_arena_count(m); i++) {
        ObmallocArenaInfo ai;
        if (obmalloc_arena_info(m, i, &ai) < 0 || ai.state == OBMALLOC_ARENA_UNUSED)
            continue;
        json_t *o = json_object();
        json_object_set_new(o, "arena", json_integer(i));
        json_object_set_new(o, "address", json_integer((json_int_t)ai.address));
        json_object_set_new(o, "state", json_string(arena_states[ai.state]));
        json_object_set_new(o, "free_pools", json_integer(ai.nfreepools));
        json_object_set_new(o, "total_pools", json_integer(ai.ntotalpools));
        json_object_set_new(o, "pools", pools_json(m, &ai));
        json_array_append_new(arenas, o);
    }
    json_object_set_new(j, "arenas", arenas);
    json_t *large = json_object();
    json_object_set_new(large, "blocks", json_integer((json_int_t)st.large_count));
    json_object_set_new(large, "bytes", json_integer((json_int_t)st.large_bytes));
    json_object_set_new(j, "large", large);
    return j;
}

/* ---- the snapshot ---- */

/* Build the snapshot of session S (a new reference). */
json_t *snapshot_build(Session *s)
{
    Heap *h = s->heap;
    json_t *j = json_object();
    json_object_set_new(j, "format", json_integer(SNAPSHOT_FORMAT));
    json_object_set_new(j, "python", json_string(s->prof->name));
    json_object_set_new(j, "script", text_json(s->filename, s->filename ? strlen(s->filename) : 0));
    json_object_set_new(j, "step", json_integer(s->vm->steps));
    json_object_set_new(j, "line", line_json(s));
    json_object_set_new(j, "status", json_string(inspect_status_name(s)));
    json_object_set_new(j, "exception", s->status == SESSION_ERROR ? exception_json(s) : json_null());
    json_object_set_new(j, "traceback", traceback_json(s->vm));
    json_object_set_new(j, "stdout", text_json(h->out.data, h->out.len));
    json_object_set_new(j, "stderr", text_json(h->err.data, h->err.len));
    json_object_set_new(j, "frames", frames_json(s));
    Ref globals = inspect_globals(s);
    json_object_set_new(j, "globals", globals ? names_json(h, globals) : json_object());
    json_object_set_new(j, "roots", roots_json(h));
    json_object_set_new(j, "objects", objects_json(h));
    json_object_set_new(j, "gc", gc_json(h));
    json_object_set_new(j, "allocator", allocator_json(h));
    return j;
}

/* Write S's snapshot as indented JSON plus a newline to F. */
void snapshot_write_json(Session *s, FILE *f)
{
    json_t *j = snapshot_build(s);
    json_dumpf(j, f, JSON_INDENT(1) | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(j);
}

/* Write S's snapshot as one line of JSON to F. */
void snapshot_write_jsonl(Session *s, FILE *f)
{
    json_t *j = snapshot_build(s);
    json_dumpf(j, f, JSON_COMPACT | JSON_ENSURE_ASCII);
    fputc('\n', f);
    json_decref(j);
}

/* ---- text view ---- */

/* JSON integer J as a C integer (0 for null). */
static long long ji(const json_t *j)
{
    return json_is_integer(j) ? (long long)json_integer_value(j) : 0;
}

/* Write a name -> id map as "  name -> 0x..." lines. */
static void text_names(FILE *f, const char *indent, json_t *names)
{
    const char *k;
    json_t *v;
    json_object_foreach(names, k, v)
        fprintf(f, "%s%-16s -> 0x%llx\n", indent, k, ji(v));
}

/* Add the ids of a name -> id map to the set NAMED (keys are ids as text). */
static void named_ids(json_t *named, json_t *names)
{
    const char *k;
    json_t *v;
    char key[32];
    json_object_foreach(names, k, v) {
        snprintf(key, sizeof key, "%lld", ji(v));
        json_object_set_new(named, key, json_true());
    }
}

/* Write one row of the object table. */
static void text_object(FILE *f, json_t *o)
{
    json_t *g = json_object_get(json_object_get(o, "gc"), "generation");
    json_t *m = json_object_get(o, "memory");
    char gen[24], mem[64];
    if (json_is_integer(g))
        snprintf(gen, sizeof gen, "g%lld", ji(g));
    else
        snprintf(gen, sizeof gen, "-");
    if (json_is_object(m))
        snprintf(mem, sizeof mem, "a%lld/p%lld/c%lld", ji(json_object_get(m, "arena")),
                 ji(json_object_get(m, "pool")), ji(json_object_get(m, "size_class")));
    else
        snprintf(mem, sizeof mem, "%s", json_is_string(m) ? json_string_value(m) : "static");
    fprintf(f, "  0x%-14llx %-26s %6lld %10lld %-4s %-14s %s\n",
            ji(json_object_get(o, "id")), json_string_value(json_object_get(o, "type")),
            ji(json_object_get(o, "size")), ji(json_object_get(o, "refcount")), gen, mem,
            json_string_value(json_object_get(o, "repr")));
}

/* Write the object table: every object with memory of its own, and the
 * static ones (types, singletons, cached small ints) only when a frame
 * or a global names them. */
static void text_objects(FILE *f, json_t *j)
{
    json_t *objs = json_object_get(j, "objects"), *named = json_object(), *fr, *o;
    size_t i, hidden = 0;
    json_array_foreach(json_object_get(j, "frames"), i, fr)
        named_ids(named, json_object_get(fr, "locals"));
    named_ids(named, json_object_get(j, "globals"));
    fprintf(f, "Objects (%zu live)\n", json_array_size(objs));
    fprintf(f, "  %-16s %-26s %6s %10s %-4s %-14s %s\n", "id", "type", "size", "refcount", "gen",
            "memory", "repr");
    json_array_foreach(objs, i, o) {
        char key[32];
        snprintf(key, sizeof key, "%lld", ji(json_object_get(o, "id")));
        if (json_is_null(json_object_get(o, "memory")) && !json_object_get(named, key)) {
            hidden++;
            continue;
        }
        text_object(f, o);
    }
    fprintf(f, "  (%zu static objects of the interpreter not shown)\n", hidden);
    json_decref(named);
}

/* Write the GC section. */
static void text_gc(FILE *f, json_t *gc)
{
    size_t i;
    json_t *g;
    fprintf(f, "GC (%s)\n", json_is_true(json_object_get(gc, "enabled")) ? "enabled" : "disabled");
    json_array_foreach(json_object_get(gc, "generations"), i, g) {
        fprintf(f, "  gen%zu  count %lld/%lld  objects %lld  collections %lld  collected %lld"
                "  uncollectable %lld\n", i,
                ji(json_array_get(json_object_get(gc, "counts"), i)),
                ji(json_array_get(json_object_get(gc, "thresholds"), i)),
                ji(json_object_get(g, "objects")), ji(json_object_get(g, "collections")),
                ji(json_object_get(g, "collected")), ji(json_object_get(g, "uncollectable")));
    }
    json_t *t = json_object_get(gc, "last_collection");
    if (json_is_object(t))
        fprintf(f, "  last collection: generation %lld, collected %lld, uncollectable %lld\n",
                ji(json_object_get(t, "generation")), ji(json_object_get(t, "collected")),
                ji(json_object_get(t, "uncollectable")));
}

/* Write the allocator summary. */
static void text_allocator(FILE *f, json_t *al)
{
    size_t i, k;
    json_t *a, *p;
    fprintf(f, "Allocator (arena %lld B, pool %lld B, %lld blocks allocated)\n",
            ji(json_object_get(al, "arena_size")), ji(json_object_get(al, "pool_size")),
            ji(json_object_get(al, "allocated_blocks")));
    json_array_foreach(json_object_get(al, "arenas"), i, a) {
        fprintf(f, "  arena %lld at 0x%llx %s, %lld/%lld pools free\n",
                ji(json_object_get(a, "arena")), ji(json_object_get(a, "address")),
                json_string_value(json_object_get(a, "state")), ji(json_object_get(a, "free_pools")),
                ji(json_object_get(a, "total_pools")));
        json_array_foreach(json_object_get(a, "pools"), k, p) {
            if (json_is_null(json_object_get(p, "size_class")))
                continue;
            fprintf(f, "    pool %-3lld class %-2lld (%3lld B) %-5s %lld/%lld blocks\n",
                    ji(json_object_get(p, "pool")), ji(json_object_get(p, "size_class")),
                    ji(json_object_get(p, "block_size")),
                    json_string_value(json_object_get(p, "state")),
                    ji(json_object_get(p, "used_blocks")), ji(json_object_get(p, "total_blocks")));
        }
    }
    json_t *l = json_object_get(al, "large");
    fprintf(f, "  large: %lld blocks, %lld bytes\n", ji(json_object_get(l, "blocks")),
            ji(json_object_get(l, "bytes")));
}

/* Write S's snapshot laid out for a person to F. */
void snapshot_write_text(Session *s, FILE *f)
{
    json_t *j = snapshot_build(s);
    fprintf(f, "heapscope snapshot (format %lld) python %s script %s\n",
            ji(json_object_get(j, "format")), json_string_value(json_object_get(j, "python")),
            json_string_value(json_object_get(j, "script")));
    fprintf(f, "step %lld, %s", ji(json_object_get(j, "step")),
            json_string_value(json_object_get(j, "status")));
    if (json_is_integer(json_object_get(j, "line")))
        fprintf(f, ", %s line %lld", strcmp(json_string_value(json_object_get(j, "status")), "running")
                ? "at" : "before", ji(json_object_get(j, "line")));
    json_t *e = json_object_get(j, "exception");
    if (json_is_object(e))
        fprintf(f, ": %s: %s", json_string_value(json_object_get(e, "type")),
                json_string_value(json_object_get(e, "message")));
    fputs("\n\nOutput\n", f);
    const char *out = json_string_value(json_object_get(j, "stdout"));
    for (const char *p = out; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(f, "  | %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
    fputs("\nFrames (innermost last)\n", f);
    size_t i;
    json_t *fr;
    json_array_foreach(json_object_get(j, "frames"), i, fr) {
        fprintf(f, "  %s, line %lld\n", json_string_value(json_object_get(fr, "function")),
                ji(json_object_get(fr, "line")));
        text_names(f, "    ", json_object_get(fr, "locals"));
    }
    fputs("\nGlobals\n", f);
    text_names(f, "  ", json_object_get(j, "globals"));
    fputc('\n', f);
    text_objects(f, j);
    fputc('\n', f);
    text_gc(f, json_object_get(j, "gc"));
    fputc('\n', f);
    text_allocator(f, json_object_get(j, "allocator"));
    json_decref(j);
}
