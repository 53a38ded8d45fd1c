/* Read-only questions about a session's state, shared by the views (the
 * JSON/text snapshots and the viewer): side-effect-free reprs, refcounts
 * as sys.getrefcount reports them, frames and their names, the VM's roots.
 * Nothing here changes the heap or runs Python code. */
#ifndef HS_INSPECT_H
#define HS_INSPECT_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/ceval.h"
#include "session/session.h"
#include "sim/heap.h"
#include "util/strbuf.h"

/* Longest repr kept, in bytes, before "..." is appended. */
#define INSPECT_REPR_MAX 80

/* Called once per name with the object it is bound to. */
typedef void (*InspectNameFn)(Heap *h, const char *name, Ref value, void *arg);

/* Append a side-effect-free repr of R to B, cut to MAX bytes (at a
 * character boundary, "..." appended). */
void inspect_repr(Heap *h, Ref r, size_t max, StrBuf *b);
/* R's refcount as sys.getrefcount() would report it (immortals' value). */
int64_t inspect_refcount(const Heap *h, Ref r);
/* True for immortal (3.12+) and static objects, whose count is not the script's. */
bool inspect_is_immortal(const Heap *h, Ref r);
/* sys.getsizeof(R). */
size_t inspect_sizeof(Heap *h, Ref r);
/* The name of frame F's function ("<module>" for module code). */
const char *inspect_frame_name(const Heap *h, const Frame *f);
/* Call FN for each bound local of frame F (cells show their contents). */
void inspect_frame_locals(Heap *h, const Frame *f, InspectNameFn fn, void *arg);
/* Call FN for each str key of dict D with its value. */
void inspect_dict_names(Heap *h, Ref d, InspectNameFn fn, void *arg);
/* The __main__ module's dict, or 0. */
Ref inspect_globals(const Session *s);
/* Visit every reference held from outside the objects: the pending
 * exception, then the VM's frames, stacks and module table. */
void inspect_roots(Heap *h, VisitFn fn, void *arg);
/* "running", "finished" or "error". */
const char *inspect_status_name(const Session *s);

#endif
