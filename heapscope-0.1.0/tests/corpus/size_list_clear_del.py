import sys
# Removing items: clear(), del slices, slice assignment.
a = list(range(20))
print("20 items:", sys.getsizeof(a))
del a[5:]
print("after del a[5:]:", sys.getsizeof(a))
a[1:3] = []
print("after a[1:3] = []:", sys.getsizeof(a))
a[:] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
print("after a[:] = 9 items:", sys.getsizeof(a))
a.clear()
print("after clear():", sys.getsizeof(a))
b = [1, 2, 3]
del b[:]
print("after del b[:]:", sys.getsizeof(b))
