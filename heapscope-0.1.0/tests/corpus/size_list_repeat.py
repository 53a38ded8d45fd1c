import sys
# [x] * n allocates exactly n slots.
for n in [0, 1, 2, 3, 5, 10, 100]:
    print("[0] * %d:" % n, sys.getsizeof([0] * n))
print("[1, 2] * 3:", sys.getsizeof([1, 2] * 3))
a = [None] * 4
a.append(1)
print("[None] * 4 then append:", sys.getsizeof(a))
