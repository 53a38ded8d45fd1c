import sys
import copy
# Copies are allocated exactly, unlike the grown original.
a = []
for i in range(10):
    a.append(i)
print("grown list of 10:", sys.getsizeof(a))
print("a[:]:", sys.getsizeof(a[:]))
print("list(a):", sys.getsizeof(list(a)))
print("copy.copy(a):", sys.getsizeof(copy.copy(a)))
print("copy.deepcopy(a):", sys.getsizeof(copy.deepcopy(a)))
d = {i: i for i in range(7)}
print("dict of 7:", sys.getsizeof(d), "copy:", sys.getsizeof(d.copy()), "deepcopy:", sys.getsizeof(copy.deepcopy(d)))
