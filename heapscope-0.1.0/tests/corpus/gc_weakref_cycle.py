# Weak references to objects in garbage cycles: cleared before __del__ runs,
# callbacks called only for weakrefs that survive.
import gc
import weakref
gc.collect()


class N:
    pass


def cb(ref):
    print("  callback; referent is", ref())


a = N()
b = N()
a.other = b
b.other = a
wa = weakref.ref(a, cb)
wb = weakref.ref(b)
del a, b
print("alive before:", wa() is not None, wb() is not None)
n = gc.collect()
print("collected:", n in (2, 4))
print("dead after:", wa() is None, wb() is None)


class F:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name, "| weakref alive:", self.w() is not None)


def make():
    f = F("f")
    g = F("g")
    f.g = g
    g.f = f
    f.w = weakref.ref(g)
    g.w = weakref.ref(f)
    return weakref.ref(f, cb)


w = make()
print("finalizers see cleared weakrefs:")
gc.collect()
print("w dead:", w() is None)

c = N()
c.me = c
c.w = weakref.ref(c, cb)
del c
print("weakref inside the garbage: no callback")
gc.collect()
print("end")
