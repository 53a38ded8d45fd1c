/* The viewer's benchmark: redraw, step + redraw and step back on a large
 * heap, measured in-process (no terminal).  A measurement, not a test.
 *   bench/ui_bench SCRIPT [VERSION [STEPS [COLSxROWS [REPS]]]] */
#include <stdio.h>
#include <stdlib.h>

#include "bench_util.h"
#include "sim/profile.h"
#include "tui/tui.h"

/* Run the benchmark described by the command line. */
int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: ui_bench SCRIPT [VERSION [STEPS [COLSxROWS [REPS]]]]\n", stderr);
        return 2;
    }
    int cols = 200, rows = 60;
    if (argc > 4)
        sscanf(argv[4], "%dx%d", &cols, &rows);
    TuiOptions o = {
        .prof = profile_find(argc > 2 ? argv[2] : "3.12"),
        .script = argv[1],
        .source = bench_slurp(argv[1]),
        .steps = argc > 3 ? atoll(argv[3]) : -1,
    };
    if (!o.prof) {
        fputs("ui_bench: unknown version\n", stderr);
        return 2;
    }
    printf("%s at %dx%d, %s\n", argv[1], cols, rows, o.prof->name);
    tui_bench(&o, cols, rows, argc > 5 ? atoi(argv[5]) : 20, stdout);
    free((char *)o.source);
    return 0;
}
