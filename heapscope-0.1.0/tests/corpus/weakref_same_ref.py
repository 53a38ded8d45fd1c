import weakref
# Without a callback, weakref.ref(x) returns the same ref object.
class A:
    pass
a = A()
r1 = weakref.ref(a)
r2 = weakref.ref(a)
print("same ref object:", r1 is r2)
r3 = weakref.ref(a, lambda r: None)
print("with callback it is new:", r3 is not r1)
print("refs compare equal:", r1 == r3)
