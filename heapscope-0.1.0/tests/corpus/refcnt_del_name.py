import sys
# del removes a name (one reference), not the object.
a = [1, 2]
b = a
l = [a]
print("three refs + arg:", sys.getrefcount(a))
del a
print("after del a, via b:", sys.getrefcount(b))
del l[0]
print("after del l[0]:", sys.getrefcount(b))
try:
    print(a)
except NameError as e:
    print("NameError:", e)
