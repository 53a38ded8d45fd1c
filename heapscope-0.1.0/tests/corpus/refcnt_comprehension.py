import sys
# Comprehensions create new references to items.
x = object()
l = [x for i in range(4)]
print("x in a 4-element comprehension:", sys.getrefcount(x))
d = {i: x for i in range(3)}
print("plus dict comprehension of 3:", sys.getrefcount(x))
m = [sys.getrefcount(x) for i in range(1)]
print("refcount read inside comprehension:", m[0])
del l, d
print("after both freed:", sys.getrefcount(x))
