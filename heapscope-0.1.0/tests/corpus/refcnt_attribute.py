import sys
# Instance and class attributes hold references.
class A:
    pass
x = []
a = A()
a.p = x
print("x as one attribute:", sys.getrefcount(x))
a.q = x
print("x as two attributes:", sys.getrefcount(x))
A.shared = x
print("also a class attribute:", sys.getrefcount(x))
del a.p
print("after del a.p:", sys.getrefcount(x))
a = None
print("after instance dropped:", sys.getrefcount(x))
del A.shared
print("after del A.shared:", sys.getrefcount(x))
