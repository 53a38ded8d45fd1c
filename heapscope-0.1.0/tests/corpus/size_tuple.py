import sys
# Tuples store exactly n pointers.
print("():", sys.getsizeof(()))
print("(1,):", sys.getsizeof((1,)))
print("(1, 2):", sys.getsizeof((1, 2)))
for n in [3, 5, 10, 100]:
    print("tuple(range(%d)):" % n, sys.getsizeof(tuple(range(n))))
t = (1, 2, 3)
print("t + t:", sys.getsizeof(t + t))
print("t * 4:", sys.getsizeof(t * 4))
print("tuple of big objects:", sys.getsizeof(([1] * 1000, "x" * 1000)))
