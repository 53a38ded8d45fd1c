/* Exception objects (BaseException and its subclasses). */
#ifndef HS_EXCOBJECT_H
#define HS_EXCOBJECT_H

#include "sim/heap.h"

typedef struct ExcData {
    Ref args;        /* tuple */
    Ref dict;        /* attributes of user subclasses, or 0 */
    Ref traceback;   /* __traceback__ (a tuple of (name, line) pairs), or 0 */
    Ref context;     /* __context__ or 0 */
    Ref cause;       /* __cause__ or 0 */
    int suppress_context;
} ExcData;

/* The ExcData of exception E. */
static inline ExcData *exc_data(const Heap *h, Ref e) { return (ExcData *)h->objs[e].v.p; }

/* Create the builtin exception classes in h->exc_types. */
void exc_init_types(Heap *h);
/* A new exception of class TYPE whose args are (MSG,) (or () when LEN is 0 and
 * MSG is empty). */
Ref exc_new_msg(Heap *h, Ref type, const char *msg, size_t len);
/* A new exception of class TYPE with ARGS (a tuple, borrowed). */
Ref exc_new_args(Heap *h, Ref type, Ref args);
/* True when class T derives from BaseException. */
bool exc_is_class(Heap *h, Ref t);
/* Append the "Type: message" last line of a traceback for E to B. */
bool exc_format_last_line(Heap *h, Ref e, StrBuf *b);

extern const TypeOps exception_ops;
extern const MethodDef exc_init_def;   /* BaseException.__init__ */

#endif
