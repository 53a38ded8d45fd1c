#!/bin/sh
# run-corpus.sh - run the differential corpus against heapscope.
#
# Usage: run-corpus.sh HEAPSCOPE_BINARY [NAME...]
#
# For each script tests/corpus/NAME.py (default: all) and each modelled
# version VER (3.8 3.11 3.12 3.13, or the list in $CORPUS_VERSIONS) this runs,
# from the source directory ($srcdir if set, else two levels above this file):
#     timeout 20 HEAPSCOPE_BINARY --batch --python=VER --check-heap tests/corpus/NAME.py
# builds the .out text (stdout; "--- stderr" and all of stderr, normalized;
# "--- exit N" for a non-zero status: hs_mkout in tests/lib.sh) and compares it with
# tests/corpus/expected/VER/NAME.out, which gen-expected.sh made with real CPython.
#
# tests/corpus/XFAIL lists known failures, one "NAME VER" or "NAME *" per line
# ('#' starts a comment). Results, one line per case:
#   PASS   output matches
#   FAIL   output differs (a diff is shown), or the case crashed or timed out
#   XFAIL  listed in XFAIL and differs (expected failure)
#   XPASS  listed in XFAIL but matches: an error, remove it from XFAIL
# A crash (exit status >= 128, or an AddressSanitizer/UBSan/LeakSanitizer
# report on stderr) or a timeout is always FAIL, even for an XFAIL case.
# Exit status: 0 if there was no FAIL and no XPASS, 1 otherwise, 2 on usage errors.

set -u

usage() {
    echo "usage: $0 HEAPSCOPE_BINARY [NAME...]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
case $1 in -h|--help) usage ;; esac

ME=run-corpus.sh
. "$(dirname "$0")/../lib.sh"
bin=$(hs_binary "$1") || exit 2
shift
src=$(hs_srcdir "$0") || exit 2
cd "$src" || exit 2
# CORPUS_SCRIPTS and CORPUS_EXPECTED let the same driver check other script
# folders (the scenarios): scripts there, expected outputs and XFAIL here.
corpus=${CORPUS_SCRIPTS:-tests/corpus}
expected=${CORPUS_EXPECTED:-$corpus/expected}
xfail=${CORPUS_XFAIL:-$(dirname "$expected")/XFAIL}
[ -d "$expected" ] ||
    { echo "run-corpus.sh: no $src/$expected (run gen-expected.sh)" >&2; exit 2; }

VERSIONS=${CORPUS_VERSIONS:-"3.8 3.11 3.12 3.13"}
TIMEOUT=${CORPUS_TIMEOUT:-20}

if [ $# -eq 0 ]; then
    set -- $(cd "$corpus" && ls *.py 2>/dev/null | sed 's/\.py$//')
    [ $# -gt 0 ] || { echo "run-corpus.sh: no scripts in $corpus" >&2; exit 2; }
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# XFAIL entries, normalized to "NAME VER" lines.
if [ -f "$xfail" ]; then
    sed 's/#.*//' "$xfail" | awk 'NF >= 2 { print $1 " " $2 }' >"$tmp/xfail"
else
    : >"$tmp/xfail"
fi
while read -r xname xver; do
    [ -f "$corpus/$xname.py" ] ||
        echo "run-corpus.sh: warning: XFAIL names an unknown script: $xname" >&2
done <"$tmp/xfail"

npass=0 nfail=0 nxfail=0 nxpass=0
for name in "$@"; do
    name=${name##*/}
    name=${name%.py}
    for ver in $VERSIONS; do
        script=$corpus/$name.py
        exp=$expected/$ver/$name.out
        if [ ! -f "$script" ]; then
            echo "FAIL $name $ver (no such script: $script)"
            nfail=$((nfail + 1))
            continue
        fi
        if [ ! -f "$exp" ]; then
            echo "FAIL $name $ver (no expected output $exp; run gen-expected.sh)"
            nfail=$((nfail + 1))
            continue
        fi
        timeout -k 5 "$TIMEOUT" "$bin" --batch --python="$ver" --check-heap "$script" \
            >"$tmp/out" 2>"$tmp/err" </dev/null
        rc=$?
        crash=""
        if [ "$rc" -eq 124 ]; then
            crash="timed out after ${TIMEOUT}s"
        elif [ "$rc" -ge 128 ]; then
            crash="crashed: exit status $rc"
        elif grep -qE 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$tmp/err"; then
            crash="sanitizer report on stderr"
        fi
        if [ -n "$crash" ]; then
            echo "FAIL $name $ver ($crash)"
            sed -n '1,40p' "$tmp/err" | sed 's/^/    /'
            nfail=$((nfail + 1))
            continue
        fi
        hs_mkout "$tmp/out" "$tmp/err" "$rc" "$src" >"$tmp/actual"
        hs_judge "$name" "$ver" "$exp" "$tmp/actual" "expected/$ver/$name.out" \
            "heapscope --python=$ver"
    done
done

hs_summary corpus
