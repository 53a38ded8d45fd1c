#!/bin/sh
# run-repl.sh - run the interactive-prompt tests against heapscope.
#
# Usage: run-repl.sh HEAPSCOPE_BINARY [NAME...]
#
# For each input file tests/repl/NAME.txt (default: all) and each modelled
# version VER (3.8 3.11 3.12 3.13, or the list in $REPL_VERSIONS) this runs,
# from the source directory ($srcdir if set, else two levels above this file),
#     timeout 60 HEAPSCOPE_BINARY --repl --python=VER --check-heap < tests/repl/NAME.txt
# with stderr joined to stdout (prompts, output and errors in the order a
# user sees them), appends "--- exit N" if the exit status N is non-zero,
# and compares the result with tests/repl/expected/NAME.VER.out, which
# gen-expected.sh made by piping the same file into the real `python -i`.
#
# tests/repl/XFAIL (optional) lists known failures, "NAME VER" or "NAME *"
# per line, '#' comments.  Results, one line per case: PASS, FAIL (with a
# diff), XFAIL (listed and differs), XPASS (listed but matches: an error).
# A crash (exit status >= 128 or a sanitizer report), a timeout or a heap
# validation failure ("heapscope: internal error") is always FAIL.
# Exit status: 0 if there was no FAIL and no XPASS, 1 otherwise, 2 on usage errors.

set -u

usage() {
    echo "usage: $0 HEAPSCOPE_BINARY [NAME...]" >&2
    exit 2
}

[ $# -ge 1 ] || usage
case $1 in -h|--help) usage ;; esac

ME=run-repl.sh
. "$(dirname "$0")/../lib.sh"
bin=$(hs_binary "$1") || exit 2
shift
src=$(hs_srcdir "$0") || exit 2
cd "$src" || exit 2
inputs=tests/repl
expected=$inputs/expected
xfail=$inputs/XFAIL
[ -d "$expected" ] ||
    { echo "run-repl.sh: no $src/$expected (run gen-expected.sh)" >&2; exit 2; }

VERSIONS=${REPL_VERSIONS:-"3.8 3.11 3.12 3.13"}
TIMEOUT=${REPL_TIMEOUT:-60}

if [ $# -eq 0 ]; then
    set -- $(cd "$inputs" && ls *.txt 2>/dev/null | sed 's/\.txt$//')
    [ $# -gt 0 ] || { echo "run-repl.sh: no input files in $inputs" >&2; exit 2; }
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

if [ -f "$xfail" ]; then
    sed 's/#.*//' "$xfail" | awk 'NF >= 2 { print $1 " " $2 }' >"$tmp/xfail"
else
    : >"$tmp/xfail"
fi

npass=0 nfail=0 nxfail=0 nxpass=0
for name in "$@"; do
    name=${name##*/}
    name=${name%.txt}
    for ver in $VERSIONS; do
        in=$inputs/$name.txt
        exp=$expected/$name.$ver.out
        if [ ! -f "$in" ] || [ ! -f "$exp" ]; then
            echo "FAIL $name $ver (missing $in or $exp; run gen-expected.sh)"
            nfail=$((nfail + 1))
            continue
        fi
        timeout -k 5 "$TIMEOUT" "$bin" --repl --python="$ver" --check-heap \
            <"$in" >"$tmp/actual" 2>&1
        rc=$?
        crash=""
        if [ "$rc" -eq 124 ]; then
            crash="timed out after ${TIMEOUT}s"
        elif [ "$rc" -ge 128 ]; then
            crash="crashed: exit status $rc"
        elif grep -qE 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$tmp/actual"; then
            crash="sanitizer report"
        elif grep -q '^heapscope: internal error' "$tmp/actual"; then
            crash="heap validation failed"
        fi
        if [ -n "$crash" ]; then
            echo "FAIL $name $ver ($crash)"
            grep -E 'AddressSanitizer|runtime error:|LeakSanitizer|internal error' "$tmp/actual" |
                sed -n '1,20p' | sed 's/^/    /'
            nfail=$((nfail + 1))
            continue
        fi
        if [ "$rc" -ne 0 ]; then printf -- '--- exit %d\n' "$rc" >>"$tmp/actual"; fi
        hs_judge "$name" "$ver" "$exp" "$tmp/actual" "expected/$name.$ver.out" \
            "heapscope --repl --python=$ver"
    done
done

hs_summary repl
