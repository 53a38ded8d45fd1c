/* Exception objects (BaseException and its subclasses). */
#ifndef HS_EXCOBJECT_H
#define HS_EXCOBJECT_H

#include "sim/heap.h"

/* One entry of an exception's traceback: a frame it passed through, at the
 * instruction that was running (CPython's traceback objects are not
 * simulated on the heap: the entries are host memory the exception owns). */
typedef struct ExcTbEntry {
    char *filename;  /* the frame's co_filename */
    char *funcname;  /* its co_name */
    int line;
    int col, end_line, end_col;  /* the instruction's span (co_positions):
                                    0-based byte columns; col -1: unknown */
} ExcTbEntry;

typedef struct ExcData {
    Ref args;        /* tuple */
    Ref dict;        /* attributes of user subclasses, or 0 */
    Ref traceback;   /* __traceback__ (a tuple of (name, line) pairs), or 0 */
    ExcTbEntry *tb;  /* the traceback's entries, innermost first (the order
                        PyTraceBack_Here adds them), host memory */
    int ntb, captb;
    Ref context;     /* __context__ or 0 */
    Ref cause;       /* __cause__ or 0 */
    int suppress_context;
    Ref name;        /* NameError/AttributeError .name (3.10+), or 0 */
    Ref obj;         /* AttributeError .obj (3.10+), or 0 */
    Ref suggestion;  /* NameError: the "Did you mean" name found when raised, or 0 */
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
/* For an uncaught SystemExit EXC, the exit status CPython's
 * handle_system_exit gives (its code when an int, 0 for None, else 1
 * after writing the code's str and a newline to ERR); -1 for another
 * exception. */
int exc_system_exit_status(Heap *h, Ref exc, StrBuf *err);
/* Give the pending AttributeError its .name and .obj (PyObject_GetAttr's
 * set_attribute_error_context), when the version has them. */
void exc_set_attribute_context(Heap *h, Ref obj, Ref name);
/* Give the pending NameError its .name and the suggestion chosen from the
 * N CANDIDATES (names visible where it was raised). */
void exc_set_name_context(Heap *h, Ref name, const char *const *candidates, size_t n);
/* Add an entry to E's traceback: the exception passed through a frame
 * (PyTraceBack_Here); the strings are copied. */
void exc_traceback_add(Heap *h, Ref e, const ExcTbEntry *entry);
/* Forget E's traceback entries. */
void exc_traceback_clear(Heap *h, Ref e);
/* Append the "Type: message" last line of a traceback for E to B. */
bool exc_format_last_line(Heap *h, Ref e, StrBuf *b);
/* Append the traceback's ". Did you mean: 'x'?" for E to B, if any (3.10+). */
void exc_format_suggestion(Heap *h, Ref e, StrBuf *b);

extern const TypeOps exception_ops;
extern const MethodDef exc_init_def;   /* BaseException.__init__ */

#endif
