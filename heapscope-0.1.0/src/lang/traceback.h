/* Tracebacks as each CPython version prints them (traceback.c): uncaught
 * exceptions with their chained causes and contexts, and the unraisable
 * hook's reports.  vm_format_traceback, vm_traceback and the source-line
 * setters are declared in ceval.h with the rest of the VM's API. */
#ifndef HS_TRACEBACK_H
#define HS_TRACEBACK_H

#include "lang/ceval.h"

/* The heap's unraisable hook (VM is the Vm): "Exception ignored in:
 * <repr of CONTEXT>", then the pending exception's traceback and last line
 * on the program's stderr; the exception is taken. */
void traceback_unraisable(void *vm, Ref context);

#endif
