import sys
# bytes: header plus one byte per item (and a NUL).
for n in [0, 1, 2, 10, 100]:
    print("bytes len", n, "size", sys.getsizeof(b"x" * n))
print("'\u00e9'.encode():", sys.getsizeof("\u00e9".encode()))
print("bytes(5):", sys.getsizeof(bytes(5)))
