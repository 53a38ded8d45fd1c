/* What the benchmark programs share (bench_util.h). */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>

/* The whole file PATH as a NUL-terminated string (free it), or exit 2. */
char *bench_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n - 1, f)) > 0)
        if ((n += k) + 1 == cap)
            buf = realloc(buf, cap *= 2);
    fclose(f);
    if (!buf)
        exit(2);
    buf[n] = '\0';
    return buf;
}
