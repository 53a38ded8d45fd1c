#!/bin/sh
# gen-expected.sh - regenerate the expected outputs of the differential corpus
# from the real CPython interpreters installed by pyenv.
#
# Usage: tests/corpus/gen-expected.sh [NAME...]
#
# For every script tests/corpus/NAME.py (default: all of them) and every
# version in 3.8 3.11 3.12 3.13 this runs
#     python -I -X utf8 tests/corpus/NAME.py        (cwd = source directory)
# and writes tests/corpus/expected/VER/NAME.out (hs_mkout in tests/lib.sh):
#     all of stdout; then, if stderr is not empty, a line "--- stderr" and
#     all of stderr (tracebacks, warnings, "Exception ignored in" reports)
#     with the source directory's path ("$src/") taken out and addresses
#     " at 0x...>" masked; then, if the exit status N is non-zero, a line
#     "--- exit N".
# Each script is run twice; if the two outputs differ the script is reported
# as nondeterministic and the run fails (fix or drop the script).
# When regenerating everything, .out files of deleted scripts are removed.
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
# CORPUS_SCRIPTS / CORPUS_EXPECTED point it at another folder of scripts
# (tests/scenarios/gen-expected.sh uses them for scenarios/).
corpus=${CORPUS_SCRIPTS:-tests/corpus}
expected=${CORPUS_EXPECTED:-$corpus/expected}

ME=gen-expected.sh
. "$here/../lib.sh"
pythons=$(hs_pythons "$VERSIONS") || exit 2

cd "$src" || die "cannot cd to $src"

all=no
if [ $# -eq 0 ]; then
    all=yes
    set -- $(cd "$corpus" && ls *.py 2>/dev/null | sed 's/\.py$//')
    [ $# -gt 0 ] || die "no scripts in $corpus"
fi

names=""
for name in "$@"; do
    name=${name##*/}
    name=${name%.py}
    [ -f "$corpus/$name.py" ] || die "no such script: $corpus/$name.py"
    names="$names $name"
done

tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

bad=0
count=0
for pair in $pythons; do
    v=${pair%%=*}
    py=${pair#*=}
    outdir=$expected/$v
    mkdir -p "$outdir" || die "cannot create $outdir"
    for name in $names; do
        script=$corpus/$name.py
        for run in 1 2; do
            "$py" -I -X utf8 "$script" >"$tmp/out" 2>"$tmp/err" </dev/null
            rc=$?
            hs_mkout "$tmp/out" "$tmp/err" "$rc" "$src" >"$tmp/res$run"
        done
        if ! cmp -s "$tmp/res1" "$tmp/res2"; then
            echo "NONDETERMINISTIC $name $v" >&2
            diff -u "$tmp/res1" "$tmp/res2" | sed 's/^/    /' >&2
            bad=1
            continue
        fi
        cp "$tmp/res1" "$outdir/$name.out"
        count=$((count + 1))
    done
    if [ "$all" = yes ]; then
        for f in "$outdir"/*.out; do
            [ -e "$f" ] || continue
            n=$(basename "$f" .out)
            if [ ! -f "$corpus/$n.py" ]; then
                echo "removing stale $f"
                rm -f "$f"
            fi
        done
    fi
    echo "CPython $v ($py): done"
done

echo "wrote $count expected outputs"
[ "$bad" -eq 0 ] || { echo "gen-expected.sh: there were errors (see above)" >&2; exit 1; }
exit 0
