import sys
# Builtins that return new containers.
a = object()
b = object()
l = [a, b]
s = sorted(l, key=id)
print("a after sorted():", sys.getrefcount(a))
r = list(reversed(l))
print("a after list(reversed()):", sys.getrefcount(a))
t = tuple(l)
print("a after tuple():", sys.getrefcount(a))
z = list(zip(l, l))
print("a after list(zip(l, l)):", sys.getrefcount(a))
e = list(enumerate(l))
print("a after list(enumerate(l)):", sys.getrefcount(a))
