#!/bin/sh
# gen-expected.sh - regenerate the expected outputs of the classroom scenarios
# (scenarios/*.py) from the real CPython interpreters installed by pyenv.
#
# Usage: tests/scenarios/gen-expected.sh [NAME...]
#
# For every scenario scenarios/NAME.py (default: all of them) and every
# version in 3.8 3.11 3.12 3.13 this runs
#     python -I -X utf8 scenarios/NAME.py        (cwd = source directory)
# and writes tests/scenarios/expected/VER/NAME.out in the format of
# tests/corpus (see tests/corpus/README.md):
#     all of stdout; then, only if the exit status N is non-zero, a line
#     "--- exit N" followed by the last line of stderr.
# Each scenario is run twice; if the two outputs differ it is reported as
# nondeterministic, nothing is written for it, and the run fails.
# A scenario that exits 0 but writes to stderr (a SyntaxWarning, say) is
# reported as a warning: lessons should run cleanly.
# When regenerating everything, .out files of deleted scenarios are removed.
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
scenarios=scenarios
expected=tests/scenarios/expected

command -v pyenv >/dev/null 2>&1 ||
    die "pyenv is not installed or not in PATH (needed to find CPython $VERSIONS)"
root=$(pyenv root 2>/dev/null) || die "'pyenv root' failed"
[ -d "$root/versions" ] || die "no pyenv versions directory: $root/versions"

# Resolve one interpreter per version; fail clearly if one is missing.
pythons=""
for v in $VERSIONS; do
    re=$(printf '%s' "$v" | sed 's/\./\\./g')
    rel=$(ls "$root/versions" 2>/dev/null | grep "^$re\.[0-9][0-9]*\$" | sort -t. -k3,3n | tail -n 1)
    [ -n "$rel" ] ||
        die "CPython $v is not installed in pyenv ($root/versions/$v.*); try: pyenv install $v"
    py=$root/versions/$rel/bin/python
    [ -x "$py" ] || die "no executable interpreter at $py"
    got=$("$py" -I -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) ||
        die "$py does not run"
    [ "$got" = "$v" ] || die "$py reports version $got, expected $v"
    pythons="$pythons $v=$py"
done

cd "$src" || die "cannot cd to $src"

# Build the .out text: stdout, then "--- exit N" and stderr's last line.
mkout() { # stdout-file stderr-file status
    cat "$1"
    if [ "$3" -ne 0 ]; then
        # keep the marker on its own line even if stdout lacks a final newline
        if [ -n "$(tail -c 1 "$1")" ]; then echo; fi
        printf -- '--- exit %d\n' "$3"
        awk '{ last = $0 } END { if (NR > 0) print last }' "$2"
    fi
}

all=no
if [ $# -eq 0 ]; then
    all=yes
    set -- $(cd "$scenarios" && ls *.py 2>/dev/null | sed 's/\.py$//')
    [ $# -gt 0 ] || die "no scenarios in $scenarios"
fi

names=""
for name in "$@"; do
    name=${name##*/}
    name=${name%.py}
    [ -f "$scenarios/$name.py" ] || die "no such scenario: $scenarios/$name.py"
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
        script=$scenarios/$name.py
        for run in 1 2; do
            "$py" -I -X utf8 "$script" >"$tmp/out" 2>"$tmp/err" </dev/null
            rc=$?
            mkout "$tmp/out" "$tmp/err" "$rc" >"$tmp/res$run"
        done
        if ! cmp -s "$tmp/res1" "$tmp/res2"; then
            echo "NONDETERMINISTIC $name $v" >&2
            diff -u "$tmp/res1" "$tmp/res2" | sed 's/^/    /' >&2
            bad=1
            continue
        fi
        if [ "$rc" -eq 0 ] && [ -s "$tmp/err" ]; then
            echo "warning: $name $v exits 0 but writes to stderr:" >&2
            sed 's/^/    /' "$tmp/err" >&2
        fi
        cp "$tmp/res1" "$outdir/$name.out"
        count=$((count + 1))
    done
    if [ "$all" = yes ]; then
        for f in "$outdir"/*.out; do
            [ -e "$f" ] || continue
            n=$(basename "$f" .out)
            if [ ! -f "$scenarios/$n.py" ]; then
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
