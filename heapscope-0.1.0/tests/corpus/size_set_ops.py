import sys
# Results of set operations.
a = {1, 2, 3, 4, 5, 6}
b = {4, 5, 6, 7, 8, 9}
print("a | b:", sorted(a | b), sys.getsizeof(a | b))
print("a & b:", sorted(a & b), sys.getsizeof(a & b))
print("a - b:", sorted(a - b), sys.getsizeof(a - b))
print("a ^ b:", sorted(a ^ b), sys.getsizeof(a ^ b))
c = a.copy()
print("a.copy():", sys.getsizeof(c))
c.update(range(100))
print("after update(range(100)):", sys.getsizeof(c))
