import sys
# range objects have a fixed size regardless of length.
print("range(0):", sys.getsizeof(range(0)))
print("range(10):", sys.getsizeof(range(10)))
print("range(10**6):", sys.getsizeof(range(10 ** 6)))
print("range(1, 100, 7):", sys.getsizeof(range(1, 100, 7)))
print("range(2**100):", sys.getsizeof(range(2 ** 100)))
print("iter(range(10)):", sys.getsizeof(iter(range(10))))
print("list(range(10)):", sys.getsizeof(list(range(10))))
