# Each attribute access creates a new bound method object.
class A:
    def m(self):
        return 1
a = A()
m1 = a.m
m2 = a.m
print("a.m is a.m (kept):", m1 is m2)
print("a.m == a.m:", m1 == m2)
print("m1.__self__ is a:", m1.__self__ is a)
print("m1.__func__ is A.m:", m1.__func__ is A.m)
print("id(a.m) == id(a.m) (temporaries):", id(a.m) == id(a.m))
print("A.m is A.m:", A.m is A.m)
