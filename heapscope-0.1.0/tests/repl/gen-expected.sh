#!/bin/sh
# gen-expected.sh - regenerate the expected outputs of the interactive-prompt
# tests from the real CPython interpreters installed by pyenv.
#
# Usage: tests/repl/gen-expected.sh [NAME...]
#
# For every input file tests/repl/NAME.txt (default: all of them) and every
# version VER in 3.8 3.11 3.12 3.13 this runs, from the source directory,
#     python -I -X utf8 -u -q -i < tests/repl/NAME.txt
# with stderr joined to stdout, and writes tests/repl/expected/NAME.VER.out:
#     everything the prompt printed, in order, exactly as a user who pipes
#     the file into the REPL sees it: the prompts (">>> ", "... ", which
#     CPython writes to stderr when stdin is not a terminal), the echo of
#     each expression, program output, tracebacks and SyntaxErrors; then,
#     only if the exit status N is non-zero, a line "--- exit N".
# -u makes stdout unbuffered, so the interleaving of stdout and stderr is
# the order of the writes; -I ignores PYTHON* variables, the user site and
# the current directory (its imports would leave garbage for gc.collect()).
# With piped input even 3.13 runs the basic REPL (PyREPL needs a terminal).
# Each file is run twice; if the two outputs differ the run fails.
# When regenerating everything, .out files of deleted inputs are removed.
#
# Interpreters are found as $(pyenv root)/versions/VER.<patch>/bin/python
# (the highest patch release present). The tests themselves never need pyenv.

set -u

VERSIONS="3.8 3.11 3.12 3.13"

die() {
    echo "gen-expected.sh: $*" >&2
    exit 2
}

here=$(cd "$(dirname "$0")" && pwd) || die "cannot find my own directory"
src=$(cd "$here/../.." && pwd) || die "cannot find the source directory"
inputs=tests/repl
expected=$inputs/expected

ME=gen-expected.sh
. "$here/../lib.sh"
pythons=$(hs_pythons "$VERSIONS") || exit 2

cd "$src" || die "cannot cd to $src"

all=no
if [ $# -eq 0 ]; then
    all=yes
    set -- $(cd "$inputs" && ls *.txt 2>/dev/null | sed 's/\.txt$//')
    [ $# -gt 0 ] || die "no input files in $inputs"
fi

names=""
for name in "$@"; do
    name=${name##*/}
    name=${name%.txt}
    [ -f "$inputs/$name.txt" ] || die "no such input: $inputs/$name.txt"
    names="$names $name"
done

mkdir -p "$expected" || die "cannot create $expected"
tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

bad=0
count=0
for pair in $pythons; do
    v=${pair%%=*}
    py=${pair#*=}
    for name in $names; do
        for run in 1 2; do
            "$py" -I -X utf8 -u -q -i <"$inputs/$name.txt" >"$tmp/res$run" 2>&1
            rc=$?
            if [ "$rc" -ne 0 ]; then printf -- '--- exit %d\n' "$rc" >>"$tmp/res$run"; fi
        done
        if ! cmp -s "$tmp/res1" "$tmp/res2"; then
            echo "NONDETERMINISTIC $name $v" >&2
            diff -u "$tmp/res1" "$tmp/res2" | sed 's/^/    /' >&2
            bad=1
            continue
        fi
        cp "$tmp/res1" "$expected/$name.$v.out"
        count=$((count + 1))
    done
    echo "CPython $v ($py): done"
done

if [ "$all" = yes ]; then
    for f in "$expected"/*.out; do
        [ -e "$f" ] || continue
        n=$(basename "$f" .out)
        n=${n%.*.*}
        if [ ! -f "$inputs/$n.txt" ]; then
            echo "removing stale $f"
            rm -f "$f"
        fi
    done
fi

echo "wrote $count expected outputs"
[ "$bad" -eq 0 ] || { echo "gen-expected.sh: there were errors (see above)" >&2; exit 1; }
exit 0
