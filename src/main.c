/* heapscope: options and mode dispatch only. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/session.h"
#include "sim/profile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_SCRIPT_BYTES (16u << 20)

typedef struct Options {
    const Profile *prof;
    int batch;
    int check_heap;
    const char *script;
} Options;

/* Print the usage text to F. */
static void usage(FILE *f)
{
    fputs("Usage: heapscope [OPTION]... [SCRIPT]\n"
          "       heapscope --batch [OPTION]... SCRIPT\n"
          "Watch CPython manage memory: run a Python script on a simulated CPython heap.\n"
          "\n"
          "  -b, --batch              run SCRIPT to the end with no UI, like `python3 SCRIPT`\n"
          "  -p, --python=VERSION     CPython version to model: 3.8, 3.11, 3.12 (default), 3.13\n"
          "      --check-heap         validate the simulated heap after every line (tests)\n"
          "  -h, --help               show this help and exit\n"
          "  -V, --version            show the version and exit\n"
          "\n"
          "SCRIPT may be `-` for standard input.\n"
          "Exit status: 0 ok, 1 uncaught exception in the script, 2 usage or I/O error.\n", f);
}

/* Report a usage error and exit 2. */
static void usage_error(const char *fmt, const char *arg)
{
    fputs("heapscope: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'heapscope --help' for more information.\n", stderr);
    exit(2);
}

/* Parse the command line into OPT. */
static void parse_options(int argc, char **argv, Options *opt)
{
    static const struct option longopts[] = {
        {"batch", no_argument, NULL, 'b'},
        {"python", required_argument, NULL, 'p'},
        {"check-heap", no_argument, NULL, 'C'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opt->prof = profile_default();
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":bp:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': opt->batch = 1; break;
        case 'C': opt->check_heap = 1; break;
        case 'p':
            opt->prof = profile_find(optarg);
            if (!opt->prof)
                usage_error("unknown Python version '%s' (choose 3.8, 3.11, 3.12 or 3.13)", optarg);
            break;
        case 'h': usage(stdout); exit(0);
        case 'V': printf("heapscope %s\n", PACKAGE_VERSION); exit(0);
        case ':': usage_error("option '%s' needs an argument", argv[optind - 1]); break;
        default: usage_error("unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (optind < argc)
        opt->script = argv[optind++];
    if (optind < argc)
        usage_error("unexpected argument '%s'", argv[optind]);
}

/* Read the whole script (or stdin for "-") into a new string; NULL on error. */
static char *read_script(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "heapscope: can't open file '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    StrBuf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        strbuf_append(&b, chunk, n);
        if (b.len > MAX_SCRIPT_BYTES) {
            fprintf(stderr, "heapscope: '%s' is too large (over 16 MiB)\n", path);
            strbuf_free(&b);
            if (f != stdin)
                fclose(f);
            return NULL;
        }
    }
    bool failed = ferror(f);
    if (f != stdin)
        fclose(f);
    if (failed) {
        fprintf(stderr, "heapscope: can't read '%s': %s\n", path, strerror(errno));
        strbuf_free(&b);
        return NULL;
    }
    if (memchr(strbuf_cstr(&b), '\0', b.len)) {
        fprintf(stderr, "heapscope: '%s' contains a NUL byte; is it a Python script?\n", path);
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_steal(&b);
}

/* Write the program's buffered output streams to the real ones. */
static void flush_output(Session *s)
{
    if (s->heap->out.len) {
        fwrite(s->heap->out.data, 1, s->heap->out.len, stdout);
        strbuf_reset(&s->heap->out);
        if (s->heap->err.len)
            fflush(stdout);      /* keep stdout before a following stderr */
    }
    if (s->heap->err.len) {
        fwrite(s->heap->err.data, 1, s->heap->err.len, stderr);
        strbuf_reset(&s->heap->err);
    }
}

/* --batch: run SCRIPT to the end like `python3 SCRIPT`. */
static int run_batch(const Options *opt)
{
    char *source = read_script(opt->script);
    if (!source)
        return 2;
    Session *s = session_new(opt->prof, opt->check_heap);
    const char *name = strcmp(opt->script, "-") == 0 ? "<stdin>" : opt->script;
    if (session_load(s, name, source)) {
        while (session_step(s))
            flush_output(s);
    }
    flush_output(s);
    int status = session_exit_status(s);
    if (session_heap_error(s)) {
        fprintf(stderr, "heapscope: internal error: %s\n", session_heap_error(s));
        status = 3;
    }
    session_delete(s);
    free(source);
    return status;
}

int main(int argc, char **argv)
{
    Options opt = {0};
    parse_options(argc, argv, &opt);
    if (!opt.batch) {
        fputs("heapscope: the interactive UI is not built yet; use --batch SCRIPT\n", stderr);
        return 2;
    }
    if (!opt.script)
        usage_error("%s", "--batch needs a SCRIPT (or - for standard input)");
    return run_batch(&opt);
}
