/* What the benchmark programs share. */
#ifndef HS_BENCH_UTIL_H
#define HS_BENCH_UTIL_H

/* The whole file PATH as a NUL-terminated string (free it), or exit 2. */
char *bench_slurp(const char *path);

#endif
