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
