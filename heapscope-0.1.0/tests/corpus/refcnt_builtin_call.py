import sys
# Calls to builtins and methods do not keep their arguments.
x = []
l = []
print("x alone:", sys.getrefcount(x))
n = len(x)
print("after len(x):", sys.getrefcount(x))
l.append(x)
print("after l.append(x):", sys.getrefcount(x))
i = l.index(x)
print("after l.index(x):", sys.getrefcount(x))
r = repr(x)
print("after repr(x):", sys.getrefcount(x))
found = x in l
print("after x in l:", sys.getrefcount(x))
l.remove(x)
print("after l.remove(x):", sys.getrefcount(x))
