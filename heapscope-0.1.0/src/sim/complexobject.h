/* complex objects (CPython's PyComplexObject).
 *
 * The two doubles live in a small host struct behind Obj.v.p; the
 * simulated memory is one 32-byte block from obmalloc (complex has no free
 * list).  Arithmetic follows CPython's _Py_c_* functions, so results and
 * ZeroDivisionError texts match bit for bit. */
#ifndef HS_COMPLEXOBJECT_H
#define HS_COMPLEXOBJECT_H

#include <stdbool.h>

#include "sim/heap.h"

typedef struct Complex {
    double real, imag;
} Complex;

/* A new complex real+imag*j. */
Ref complex_from_doubles(Heap *h, double real, double imag);
/* True when R is a complex. */
static inline bool complex_check(const Heap *h, Ref r) { return h->objs[r].kind == K_COMPLEX; }
/* The value of complex R. */
static inline Complex complex_value(const Heap *h, Ref r) { return *(const Complex *)h->objs[r].v.p; }
/* abs(c) (hypot, OverflowError "absolute value too large"). */
Ref complex_abs(Heap *h, Ref c);
/* a ** b for numbers of which at least one is complex (or a negative
 * float to a fractional power); NotImplemented for other types. */
Ref complex_pow(Heap *h, Ref a, Ref b);

extern const TypeOps complex_ops;

#endif
