import sys
# ASCII strings: fixed header plus one byte per character (and a NUL).
for n in [0, 1, 2, 5, 10, 100, 1000]:
    s = "a" * n
    print("ascii len", n, "size", sys.getsizeof(s))
print("'hello':", sys.getsizeof("hello"))
