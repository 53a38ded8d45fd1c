import sys
# Tuple unpacking and starred assignment.
x = []
y = []
pair = (x, y)
print("x in pair:", sys.getrefcount(x))
a, b = pair
print("after a, b = pair:", sys.getrefcount(x))
first, *rest = [x, y, y]
print("y after first, *rest = [x, y, y]:", sys.getrefcount(y))
print("rest is a new list:", type(rest).__name__, len(rest))
del pair, a, b, first, rest
print("x, y at end:", sys.getrefcount(x), sys.getrefcount(y))
