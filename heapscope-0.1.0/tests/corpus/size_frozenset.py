import sys
# frozenset sizes match set sizes.
print("frozenset():", sys.getsizeof(frozenset()))
for n in [1, 4, 5, 10, 20, 100]:
    print("frozenset(range(%d)):" % n, sys.getsizeof(frozenset(range(n))), "set:", sys.getsizeof(set(range(n))))
a = frozenset(range(10))
b = frozenset(range(5, 15))
print("a | b:", sys.getsizeof(a | b), len(a | b))
print("a & b:", sys.getsizeof(a & b), sorted(a & b))
