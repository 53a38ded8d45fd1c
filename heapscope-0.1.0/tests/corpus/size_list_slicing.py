import sys
# Slices and copies are allocated exactly.
a = [1, 2, 3, 4, 5, 6, 7]
a.append(8)
print("a (8 items after append):", sys.getsizeof(a))
print("a[:]:", sys.getsizeof(a[:]))
print("a[2:5]:", sys.getsizeof(a[2:5]))
print("a.copy():", sys.getsizeof(a.copy()))
print("a + a:", sys.getsizeof(a + a))
print("a * 2:", sys.getsizeof(a * 2))
print("sorted(a):", sys.getsizeof(sorted(a)))
print("a[::2]:", sys.getsizeof(a[::2]))
