# Shell functions the differential drivers share (tests/corpus, tests/repl).
# Source it with `. "$(dirname "$0")/../lib.sh"`; ME names the caller in messages.

# Print the absolute path of heapscope binary $1 (a path or a command in
# PATH); exit 2 with a message when there is none.
hs_binary() {
    case $1 in
        */*)
            [ -x "$1" ] || { echo "$ME: not an executable: $1" >&2; exit 2; }
            echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
            ;;
        *)
            command -v "$1" >/dev/null 2>&1 || { echo "$ME: not found in PATH: $1" >&2; exit 2; }
            echo "$1"
            ;;
    esac
}

# Print the source directory: $srcdir if set, else two levels above $1.
hs_srcdir() {
    if [ -n "${srcdir:-}" ]; then
        (cd "$srcdir" && pwd) || { echo "$ME: bad srcdir: $srcdir" >&2; exit 2; }
    else
        (cd "$(dirname "$1")/../.." && pwd) || exit 2
    fi
}

# Print "VER=PYTHON ..." for each version in $1, found through pyenv;
# exit 2 with a message when one is missing or is not that version.
hs_pythons() {
    command -v pyenv >/dev/null 2>&1 ||
        { echo "$ME: pyenv is not installed or not in PATH (needed to find CPython $1)" >&2; exit 2; }
    root=$(pyenv root 2>/dev/null) || { echo "$ME: 'pyenv root' failed" >&2; exit 2; }
    [ -d "$root/versions" ] || { echo "$ME: no pyenv versions directory: $root/versions" >&2; exit 2; }
    for v in $1; do
        re=$(printf '%s' "$v" | sed 's/\./\\./g')
        rel=$(ls "$root/versions" 2>/dev/null | grep "^$re\.[0-9][0-9]*\$" | sort -t. -k3,3n | tail -n 1)
        [ -n "$rel" ] ||
            { echo "$ME: CPython $v is not installed in pyenv; try: pyenv install $v" >&2; exit 2; }
        py=$root/versions/$rel/bin/python
        got=$("$py" -I -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) ||
            { echo "$ME: $py does not run" >&2; exit 2; }
        [ "$got" = "$v" ] || { echo "$ME: $py reports version $got, expected $v" >&2; exit 2; }
        printf '%s=%s ' "$v" "$py"
    done
}

# Print the .out text of one differential run: all of stdout; then, when
# stderr is not empty, a line "--- stderr" and all of stderr with every
# "SRC/" (the source directory, the runs' cwd) written "<src>/", so 3.9+
# tracebacks' absolute script paths do not depend on the checkout but still
# differ from 3.8's relative ones, and every address
# " at 0x1f2e...>" shown as " at 0x...>" (the unraisable hook names the
# __del__ method or weakref callback that failed by its default repr, which
# differs from run to run); then, when STATUS is not 0, a line
# "--- exit STATUS".  Markers always start a line.
hs_mkout() { # stdout-file stderr-file status src
    cat "$1"
    hs_nl=$(tail -c 1 "$1")
    if [ -s "$2" ]; then
        if [ -n "$hs_nl" ]; then echo; fi
        echo '--- stderr'
        HS_PREFIX="$4/" awk '
            BEGIN { pre = ENVIRON["HS_PREFIX"]; n = length(pre) }
            {
                out = ""; s = $0
                while ((i = index(s, pre)) > 0) {
                    out = out substr(s, 1, i - 1) "<src>/"; s = substr(s, i + n)
                }
                s = out s
                gsub(/ at 0x[0-9a-f]+>/, " at 0x...>", s)
                print s
            }' "$2"
        hs_nl=""
    fi
    if [ "$3" -ne 0 ]; then
        if [ -n "$hs_nl" ]; then echo; fi
        printf -- '--- exit %d\n' "$3"
    fi
}

# True when case NAME VER is listed in the XFAIL list $tmp/xfail.
hs_is_xfail() { # name ver
    grep -qxF "$1 $2" "$tmp/xfail" || grep -qxF "$1 *" "$tmp/xfail"
}

# Judge one case: compare EXPECTED with ACTUAL, print PASS/FAIL/XFAIL/XPASS
# (a diff for FAIL, labelled EXP-LABEL and ACT-LABEL) and count it in
# npass, nfail, nxfail, nxpass.
hs_judge() { # name ver expected actual exp-label act-label
    if cmp -s "$3" "$4"; then
        if hs_is_xfail "$1" "$2"; then
            echo "XPASS $1 $2"
            nxpass=$((nxpass + 1))
        else
            echo "PASS $1 $2"
            npass=$((npass + 1))
        fi
    elif hs_is_xfail "$1" "$2"; then
        echo "XFAIL $1 $2"
        nxfail=$((nxfail + 1))
    else
        echo "FAIL $1 $2"
        diff -u --label "$5" --label "$6" "$3" "$4"
        nfail=$((nfail + 1))
    fi
}

# Print the counts of the cases judged as KIND; fail (1) on a FAIL or an XPASS.
hs_summary() { # kind
    echo "$1: $((npass + nfail + nxfail + nxpass)) cases: $npass passed, $nfail failed, $nxfail xfail, $nxpass xpass"
    [ "$nfail" -eq 0 ] && [ "$nxpass" -eq 0 ]
}
