import sys
# Latin-1 (1 byte per char, non-ASCII) strings have a bigger header.
print("'\u00e9':", sys.getsizeof("\u00e9"))
print("'caf\u00e9':", sys.getsizeof("caf\u00e9"))
for n in [1, 2, 10, 100]:
    s = "\u00e9" * n
    print("latin-1 len", n, "size", sys.getsizeof(s))
s = "na\u00efve"
print("runtime 'na\u00efve' copy:", sys.getsizeof(s + ""), sys.getsizeof(s[0:5]))
