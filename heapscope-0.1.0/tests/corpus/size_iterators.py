import sys
# Iterator and view objects.
l = [1, 2, 3]
d = {1: 2}
print("iter(list):", sys.getsizeof(iter(l)))
print("iter(tuple):", sys.getsizeof(iter((1, 2))))
print("iter(str):", sys.getsizeof(iter("abc")))
print("d.keys():", sys.getsizeof(d.keys()))
print("d.items():", sys.getsizeof(d.items()))
print("iter(d):", sys.getsizeof(iter(d)))
print("enumerate(l):", sys.getsizeof(enumerate(l)))
print("zip(l, l):", sys.getsizeof(zip(l, l)))
print("reversed(l):", sys.getsizeof(reversed(l)))
print("map(str, l):", sys.getsizeof(map(str, l)))
