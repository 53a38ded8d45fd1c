import sys
# A bound method object keeps its instance alive.
class A:
    def m(self):
        pass
a = A()
print("instance alone:", sys.getrefcount(a))
m = a.m
print("with bound method stored:", sys.getrefcount(a))
print("bound method itself:", sys.getrefcount(m))
ms = [a.m, a.m, a.m]
print("with 3 more bound methods:", sys.getrefcount(a))
del ms
print("after list of methods freed:", sys.getrefcount(a))
del m
print("after del m:", sys.getrefcount(a))
