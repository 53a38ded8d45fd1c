/* The builtins module and the simulated modules scripts can import
 * (sys, copy, weakref). */
#ifndef HS_BUILTINS_H
#define HS_BUILTINS_H

#include "lang/ceval.h"

/* Create the builtins dict, sys.modules and __main__ for VM. */
void builtins_init(Vm *vm);
/* `import NAME`: the module object (new reference) or 0 with ImportError. */
Ref builtins_import(Vm *vm, Ref name);
/* ascii(v) as a str object. */
Ref builtin_ascii(Heap *h, Ref v);
/* Make the module NAME for `import NAME`, or raise ModuleNotFoundError. */
Ref modules_create(Vm *vm, Ref name);

/* ---- the gc module (gcmodule.c) ---- */
/* gc's functions. */
extern const MethodDef gc_defs[];
/* gc's data attributes (garbage, callbacks, DEBUG_*); registers M with the
 * collector. */
bool gcmodule_add_data(Heap *h, Ref m);

#endif
