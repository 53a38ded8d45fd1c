import sys
# How many references does an instance have while its method runs?
class A:
    def m(self):
        return sys.getrefcount(self)
    def m2(self):
        other = self
        return sys.getrefcount(self)
    def calls_m(self):
        return self.m()
a = A()
print("outside:", sys.getrefcount(a))
print("a.m():", a.m())
print("A.m(a):", A.m(a))
bm = a.m
print("bound method kept in bm:", sys.getrefcount(a))
print("bm():", bm())
del bm
print("a.m2() with local alias:", a.m2())
print("a.calls_m() -> self.m():", a.calls_m())
print("A().m() on a temporary:", A().m())
