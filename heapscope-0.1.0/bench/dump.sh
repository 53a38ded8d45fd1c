#!/bin/sh
# Snapshot benchmark (issue 5): size and wall-clock time of --dump=json and
# --dump=text for a heap of about 100,000 objects.  A measurement, not a test.
#   bench/dump.sh [HEAPSCOPE]
here=$(cd "$(dirname "$0")" && pwd)
hs=${1:-$here/../heapscope}
[ -x "$hs" ] || { echo "bench: build heapscope first ($hs)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for mode in json text; do
    s=$(date +%s.%N)
    "$hs" --dump=$mode "$here/dump_100k.py" > "$tmp/out"
    e=$(date +%s.%N)
    printf 'dump=%-4s %8d objects  %10d bytes  %6.2fs\n' "$mode" \
        "$(jq '.objects | length' "$tmp/out" 2>/dev/null || grep -c '^  0x' "$tmp/out")" \
        "$(wc -c < "$tmp/out")" "$(echo "$e - $s" | bc)"
done
s=$(date +%s.%N)
"$hs" --batch "$here/dump_100k.py" > /dev/null
e=$(date +%s.%N)
printf 'batch run alone                              %6.2fs\n' "$(echo "$e - $s" | bc)"
