import sys
# Each list slot holds a reference.
x = object()
print("x alone:", sys.getrefcount(x))
l = [x]
print("in one list slot:", sys.getrefcount(x))
l.append(x)
print("in two list slots:", sys.getrefcount(x))
l2 = [x] * 5
print("plus [x] * 5:", sys.getrefcount(x))
l2.clear()
print("after l2.clear():", sys.getrefcount(x))
l.pop()
print("after l.pop():", sys.getrefcount(x))
del l[0]
print("after del l[0]:", sys.getrefcount(x))
