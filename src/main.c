/* heapscope: options and mode dispatch only. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/session.h"
#include "sim/gc.h"
#include "snapshot/snapshot.h"
#include "tui/tui.h"
#include "sim/profile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_SCRIPT_BYTES (16u << 20)

typedef struct Options {
    const Profile *prof;
    int batch;
    int check_heap;
    const char *script;
    int dump;              /* 0, DUMP_JSON or DUMP_TEXT */
    long stop_line, stop_nth; /* --stop-at=LINE[:N]; 0 = none */
    long long steps;       /* --steps=N; -1 = none */
    const char *trace;     /* --trace=FILE */
    int render_cols, render_rows; /* --render=COLSxROWS; 0 = none */
    bool ascii, no_color;  /* --ascii, --no-color */
    const char *keys;      /* --keys=KEYS (with --render) */
    bool repl;             /* --repl: standard input is typed at the prompt */
} Options;

enum { DUMP_JSON = 1, DUMP_TEXT = 2 };

/* Print the usage text to F. */
static void usage(FILE *f)
{
    fputs("Usage: heapscope [OPTION]... [SCRIPT]\n"
          "       heapscope --batch [OPTION]... SCRIPT\n"
          "Watch CPython manage memory: run a Python script on a simulated CPython heap.\n"
          "\n"
          "  -b, --batch              run SCRIPT to the end with no UI, like `python3 SCRIPT`\n"
          "  -p, --python=VERSION     CPython version to model: 3.8, 3.11, 3.12 (default), 3.13\n"
          "  -d, --dump=json|text     after the run (or at the stop point) write a snapshot of\n"
          "                           the simulated state to stdout (implies --batch; program\n"
          "                           output is then inside the snapshot)\n"
          "      --stop-at=LINE[:N]   stop before line LINE runs for the Nth time (default 1)\n"
          "      --steps=N            stop after N steps (lines run)\n"
          "      --trace=FILE         write one JSON snapshot per step to FILE (JSON Lines)\n"
          "      --render=COLSxROWS   draw the UI at the stop point as plain text to stdout\n"
          "      --keys=KEYS          with --render: press KEYS first (e.g. 'n<Tab>o'; names\n"
          "                           in <>: Enter Tab BTab Up Down Left Right PgUp PgDn\n"
          "                           Home End Esc Backspace space lt)\n"
          "      --ascii              draw with ASCII characters only\n"
          "      --no-color           draw without colours (also when NO_COLOR is set)\n"
          "      --repl               read Python from standard input as the interactive\n"
          "                           prompt does (after running SCRIPT, if given)\n"
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
    fputs(" (see heapscope --help)\n", stderr);
    exit(2);
}

/* Parse a positive decimal number (0 allowed when ZERO_OK) from S up to
 * END (NULL: the whole string); -1 when it is not one. */
static long long parse_count(const char *s, const char **end, bool zero_ok)
{
    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    char *e;
    long long v = strtoll(s, &e, 10);
    if (errno || v > 1000000000000LL || (v == 0 && !zero_ok))
        return -1;
    if (end)
        *end = e;
    else if (*e)
        return -1;
    return v;
}

/* Parse --stop-at=LINE[:N] into OPT. */
static void parse_stop_at(const char *arg, Options *opt)
{
    const char *e;
    long long line = parse_count(arg, &e, false), nth = 1;
    if (line > 0 && *e == ':')
        nth = parse_count(e + 1, NULL, false);
    else if (line > 0 && *e)
        line = -1;
    if (line <= 0 || nth <= 0 || line > 100000000 || nth > 1000000000)
        usage_error("invalid --stop-at '%s' (expected LINE or LINE:N, positive numbers)", arg);
    opt->stop_line = (long)line;
    opt->stop_nth = (long)nth;
}

/* Parse --render=COLSxROWS into OPT. */
static void parse_render(const char *arg, Options *opt)
{
    const char *e;
    long long cols = parse_count(arg, &e, false), rows = -1;
    if (cols > 0 && (*e == 'x' || *e == 'X'))
        rows = parse_count(e + 1, NULL, false);
    if (cols < 20 || rows < 10 || cols > 1000 || rows > 1000)
        usage_error("invalid --render '%s' (expected COLSxROWS, e.g. 80x24)", arg);
    opt->render_cols = (int)cols;
    opt->render_rows = (int)rows;
}

/* Parse the command line into OPT. */
static void parse_options(int argc, char **argv, Options *opt)
{
    static const struct option longopts[] = {
        {"batch", no_argument, NULL, 'b'},
        {"python", required_argument, NULL, 'p'},
        {"check-heap", no_argument, NULL, 'C'},
        {"dump", required_argument, NULL, 'd'},
        {"stop-at", required_argument, NULL, 'S'},
        {"steps", required_argument, NULL, 'N'},
        {"trace", required_argument, NULL, 'T'},
        {"render", required_argument, NULL, 'R'},
        {"keys", required_argument, NULL, 'K'},
        {"ascii", no_argument, NULL, 'A'},
        {"no-color", no_argument, NULL, 'O'},
        {"repl", no_argument, NULL, 'I'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opt->prof = profile_default();
    opt->steps = -1;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":bp:d:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': opt->batch = 1; break;
        case 'C': opt->check_heap = 1; break;
        case 'd':
            if (strcmp(optarg, "json") == 0)
                opt->dump = DUMP_JSON;
            else if (strcmp(optarg, "text") == 0)
                opt->dump = DUMP_TEXT;
            else
                usage_error("invalid --dump format '%s' (choose json or text)", optarg);
            opt->batch = 1;
            break;
        case 'S': parse_stop_at(optarg, opt); break;
        case 'R': parse_render(optarg, opt); break;
        case 'K': opt->keys = optarg; break;
        case 'A': opt->ascii = true; break;
        case 'O': opt->no_color = true; break;
        case 'I': opt->repl = true; break;
        case 'N':
            opt->steps = parse_count(optarg, NULL, true);
            if (opt->steps < 0)
                usage_error("invalid --steps '%s' (expected a number of steps)", optarg);
            break;
        case 'T':
            if (!*optarg)
                usage_error("%s", "--trace needs a FILE name");
            opt->trace = optarg;
            break;
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

/* Write the program's new output (from *OUT_DONE / *ERR_DONE on) to the
 * real streams; KEEP leaves it in the heap's buffers (a trace shows it). */
static void flush_output(Session *s, bool keep, size_t *out_done, size_t *err_done)
{
    StrBuf *out = &s->heap->out, *err = &s->heap->err;
    if (out->len > *out_done) {
        fwrite(out->data + *out_done, 1, out->len - *out_done, stdout);
        if (err->len > *err_done)
            fflush(stdout);      /* keep stdout before a following stderr */
    }
    if (err->len > *err_done)
        fwrite(err->data + *err_done, 1, err->len - *err_done, stderr);
    if (keep) {
        *out_done = out->len;
        *err_done = err->len;
    } else {
        strbuf_reset(out);
        strbuf_reset(err);
        *out_done = *err_done = 0;
    }
}

/* Write one trace line after each step (a Session on_step callback). */
static void trace_step(Session *s, void *arg)
{
    snapshot_write_jsonl(s, arg);
}

/* True once the run should stop for --stop-at / --steps. */
static bool at_stop(const Options *opt, Session *s, long *seen)
{
    if (opt->steps >= 0 && session_step_count(s) >= opt->steps)
        return true;
    if (opt->stop_line && s->status == SESSION_READY && session_line(s) == opt->stop_line)
        return ++*seen >= opt->stop_nth;
    return false;
}

/* --batch (and --dump): run SCRIPT to the end or the stop point. */
static int run_batch(const Options *opt)
{
    FILE *trace = NULL;
    if (opt->trace && !(trace = fopen(opt->trace, "w"))) {
        fprintf(stderr, "heapscope: can't write '%s': %s\n", opt->trace, strerror(errno));
        return 2;
    }
    char *source = read_script(opt->script);
    if (!source) {
        if (trace)
            fclose(trace);
        return 2;
    }
    Session *s = session_new(opt->prof, opt->check_heap);
    s->keep_end_state = opt->dump != 0;
    if (trace) {
        s->on_step = trace_step;
        s->on_step_arg = trace;
    }
    bool quiet = opt->dump != 0, keep = quiet || trace;
    size_t out_done = 0, err_done = 0;
    long seen = 0;
    const char *name = strcmp(opt->script, "-") == 0 ? "<stdin>" : opt->script;
    if (!opt->dump && !trace)
        gc_set_tracing(s->heap, false);     /* no view will show a trace */
    /* with no stop point and no trace, nothing needs a return per line */
    bool per_line = trace || opt->stop_line || opt->steps >= 0;
    if (session_load(s, name, source)) {
        /* what loading wrote (SyntaxWarnings) goes out after the first line */
        bool step = per_line || s->heap->out.len || s->heap->err.len;
        while (!at_stop(opt, s, &seen) && (step ? session_step(s) : session_step_output(s))) {
            if (!quiet)
                flush_output(s, keep, &out_done, &err_done);
            step = per_line;
        }
    }
    if (!quiet)
        flush_output(s, keep, &out_done, &err_done);
    if (opt->stop_line && seen < opt->stop_nth && s->status != SESSION_READY)
        fprintf(stderr, "heapscope: line %ld did not run %ld time%s; stopped at the end\n",
                opt->stop_line, opt->stop_nth, opt->stop_nth == 1 ? "" : "s");
    if (opt->dump == DUMP_JSON)
        snapshot_write_json(s, stdout);
    else if (opt->dump == DUMP_TEXT)
        snapshot_write_text(s, stdout);
    int status = s->status == SESSION_READY ? 0 : session_exit_status(s);
    if (session_heap_error(s)) {
        fprintf(stderr, "heapscope: internal error: %s\n", session_heap_error(s));
        status = 3;
    }
    session_delete(s);
    free(source);
    if (trace && fclose(trace) != 0) {
        fprintf(stderr, "heapscope: can't write '%s': %s\n", opt->trace, strerror(errno));
        status = 2;
    }
    return status;
}

/* Write the transcript's output entries from *DONE on to the real
 * streams (typed inputs are not echoed, as with piped input). */
static void write_transcript(Session *s, size_t *done)
{
    size_t n = session_transcript_count(s);
    for (; *done < n; ++*done) {
        const TranscriptEntry *e = session_transcript_entry(s, *done);
        if (e->kind == TRANSCRIPT_INPUT)
            continue;
        FILE *f = e->kind == TRANSCRIPT_STDOUT ? stdout : stderr;
        fwrite(e->text, 1, e->len, f);
        fflush(f);
    }
    session_clear_output(s);
}

/* Run SCRIPT to its end, keeping its state, as `python -i SCRIPT` does. */
static int repl_run_script(const Options *opt, Session *s, size_t *done)
{
    char *source = read_script(opt->script);
    if (!source)
        return 2;
    if (session_load(s, opt->script, source))
        while (session_step(s))
            write_transcript(s, done);
    write_transcript(s, done);
    free(source);
    return 0;
}

/* Read one line of standard input into B (without its newline); false at
 * the end of the input. */
static bool read_line(StrBuf *b)
{
    int c;
    strbuf_reset(b);
    strbuf_puts(b, "");
    while ((c = getchar()) != EOF && c != '\n')
        strbuf_putc(b, (char)c);
    return c != EOF || b->len > 0;
}

/* --repl: the interactive prompt fed by standard input, like `python -i`
 * with piped input: prompts on stderr, program output on stdout, errors
 * on stderr; the lines read so far run once session_input_status says
 * that they are complete (or invalid). */
static int run_repl(const Options *opt)
{
    if (opt->script && strcmp(opt->script, "-") == 0)
        usage_error("%s", "--repl reads its input from standard input; the SCRIPT cannot be -");
    Session *s = session_new(opt->prof, opt->check_heap);
    s->keep_end_state = true;
    s->record_transcript = true;
    size_t done = 0;
    int status = opt->script ? repl_run_script(opt, s, &done) : 0;
    StrBuf line = {0}, input = {0};
    bool more = false;
    while (status == 0) {
        fputs(more ? "... " : ">>> ", stderr);
        fflush(stderr);
        if (!read_line(&line))
            break;
        if (more)
            strbuf_putc(&input, '\n');
        strbuf_append(&input, strbuf_cstr(&line), line.len);
        more = session_input_status(s, strbuf_cstr(&input)) == SESSION_INPUT_INCOMPLETE;
        if (more)
            continue;
        session_input(s, strbuf_cstr(&input));
        strbuf_reset(&input);
        write_transcript(s, &done);
        if (s->vm->input_exit)       /* SystemExit ends the prompt */
            break;
    }
    if (status == 0 && !s->vm->input_exit)
        fputs("\n", stderr);
    s->finalize_pending = true;      /* the prompt's end is the program's */
    session_finalize(s);
    write_transcript(s, &done);
    if (s->vm->input_exit)
        status = s->vm->input_exit_status;
    if (session_heap_error(s)) {
        fprintf(stderr, "heapscope: internal error: %s\n", session_heap_error(s));
        status = 3;
    }
    strbuf_free(&line);
    strbuf_free(&input);
    session_delete(s);
    return status;
}

/* The UI: on the terminal, or (--render) as text at the stop point. */
static int run_ui(const Options *opt)
{
    char *source = NULL;
    if (opt->script && !(source = read_script(opt->script)))
        return 2;
    const char *nc = getenv("NO_COLOR");
    TuiOptions to = {
        .prof = opt->prof,
        .script = opt->script && strcmp(opt->script, "-") == 0 ? "<stdin>" : opt->script,
        .source = source,
        .ascii = opt->ascii,
        .color = !opt->no_color && !(nc && *nc),
        .stop_line = opt->stop_line,
        .stop_nth = opt->stop_nth,
        .steps = opt->steps,
        .keys = opt->keys,
    };
    int status = opt->render_cols ? tui_render(&to, opt->render_cols, opt->render_rows, stdout)
                                  : tui_run(&to);
    free(source);
    return status;
}

int main(int argc, char **argv)
{
    Options opt = {0};
    parse_options(argc, argv, &opt);
    if (opt.render_cols && (opt.batch || opt.trace))
        usage_error("%s", "--render cannot be combined with --batch, --dump or --trace");
    if (opt.keys && !opt.render_cols)
        usage_error("%s", "--keys needs --render");
    if (opt.repl) {
        if (opt.batch || opt.trace || opt.render_cols || opt.stop_line || opt.steps >= 0)
            usage_error("%s", "--repl cannot be combined with --batch, --dump, --trace, "
                              "--render, --stop-at or --steps");
        return run_repl(&opt);
    }
    if (opt.render_cols || (!opt.batch && !opt.trace))
        return run_ui(&opt);
    if (!opt.script)
        usage_error("%s", opt.dump ? "--dump needs a SCRIPT (or - for standard input)"
                                   : "--batch needs a SCRIPT (or - for standard input)");
    return run_batch(&opt);
}
