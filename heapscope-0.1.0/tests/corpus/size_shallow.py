import sys
# getsizeof is shallow: contents are not counted.
small = [1, 2, 3]
big = ["x" * 10000, list(range(10000)), 10 ** 1000]
print("list of 3 small:", sys.getsizeof(small))
print("list of 3 big:", sys.getsizeof(big))
print("same?", sys.getsizeof(small) == sys.getsizeof(big))
t1 = (1,)
t2 = ([0] * 1000,)
print("tuple sizes equal:", sys.getsizeof(t1) == sys.getsizeof(t2))
d1 = {1: 1}
d2 = {1: "y" * 5000}
print("dict sizes equal:", sys.getsizeof(d1) == sys.getsizeof(d2))
