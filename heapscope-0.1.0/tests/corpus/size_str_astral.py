import sys
# Astral characters force 4 bytes per character.
e = "\U0001F600"
print("one emoji:", sys.getsizeof(e))
for n in [1, 2, 10]:
    s = e * n
    print("4-byte len", n, "size", sys.getsizeof(s))
m = "a" * 10 + e
print("10 ascii + emoji, len", len(m), "size", sys.getsizeof(m))
