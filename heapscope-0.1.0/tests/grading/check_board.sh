#!/bin/sh
# Grade the make_board exercise from a heapscope snapshot: the rows of
# `board` must be distinct list objects (no aliasing), and only board[0][0]
# may have changed.  Prints PASS or FAIL with the reason; exit 0 / 1.
#   check_board.sh HEAPSCOPE STUDENT.py
hs=$1 script=$2
snap=$(mktemp) || exit 2
trap 'rm -f "$snap"' EXIT
"$hs" --dump=json --python=3.12 "$script" >"$snap" 2>/dev/null
[ "$(jq -r .status "$snap")" = finished ] || { echo "FAIL: the script did not finish"; exit 1; }
# The ids of board's rows: board is a global; its referents are its rows,
# in tp_traverse order (a list visits its items last to first): reverse them.
rows=$(jq -c '.globals.board as $b | .objects[] | select(.id == $b) | .referents | reverse' "$snap")
distinct=$(echo "$rows" | jq 'unique | length')
total=$(echo "$rows" | jq 'length')
[ "$total" = 3 ] || { echo "FAIL: board should have 3 rows, has $total"; exit 1; }
[ "$distinct" = 3 ] || { echo "FAIL: the rows are one list shared $total times ($distinct distinct)"; exit 1; }
# Each row must be a list whose repr shows the expected values.
reprs=$(jq -r --argjson rows "$rows" \
    '(.objects | map({key: (.id | tostring), value: .repr}) | from_entries) as $repr
     | [$rows[] | $repr[tostring]] | join(" ")' "$snap")
[ "$reprs" = "[1, 0, 0] [0, 0, 0] [0, 0, 0]" ] || { echo "FAIL: rows are $reprs"; exit 1; }
echo PASS
