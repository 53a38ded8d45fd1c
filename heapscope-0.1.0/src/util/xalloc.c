/* Allocation wrappers that abort cleanly when the host runs out of memory. */
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Report exhaustion of host memory and stop. */
static void out_of_memory(void)
{
    fputs("heapscope: out of host memory\n", stderr);
    abort();
}

/* malloc that never returns NULL. */
void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

/* calloc that never returns NULL. */
void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        out_of_memory();
    return p;
}

/* realloc that never returns NULL. */
void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        out_of_memory();
    return p;
}

/* strdup that never returns NULL. */
char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

/* strndup that never returns NULL. */
char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Grow *P (an array of ELEM-sized items with capacity *CAP) to hold NEED. */
void xgrow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    *p = xrealloc(*p, c * elem);
    *cap = c;
}
