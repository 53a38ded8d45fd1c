import weakref
# Callbacks run when the referent dies, and receive the weakref.
class A:
    pass
def on_death(ref):
    print("callback; ref() is", ref())
a = A()
r = weakref.ref(a, on_death)
print("before del")
del a
print("after del")
b = A()
r1 = weakref.ref(b, lambda ref: print("callback 1"))
r2 = weakref.ref(b, lambda ref: print("callback 2"))
b = None
print("end")
