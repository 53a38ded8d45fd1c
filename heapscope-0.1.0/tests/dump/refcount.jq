# Every mortal object whose refcount differs from the references the dump
# itself lists (referents of all objects plus the roots), one line each.
# Immortal and static objects (counts owned by the interpreter) are exempt.
([.objects[].referents[]] + .roots
 | group_by(.) | map({key: (.[0] | tostring), value: length}) | from_entries) as $cnt
| .objects[] | select(.immortal | not)
| select(.refcount != ($cnt[.id | tostring] // 0))
| "\(.id) \(.type) \(.repr) refcount \(.refcount) listed \($cnt[.id | tostring] // 0)"
