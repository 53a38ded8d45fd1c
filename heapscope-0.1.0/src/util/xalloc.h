/* Allocation wrappers that abort on exhaustion of the *host's* memory.
 * Simulated memory never comes from here directly; a script asking for an
 * enormous simulated object gets a MemoryError from the simulation first. */
#ifndef HS_XALLOC_H
#define HS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *P (an array of ELEM-sized items with capacity *CAP) to hold NEED. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem);
#define XGROW(p, cap, need) xgrow((void **)&(p), &(cap), (need), sizeof *(p))

#endif
