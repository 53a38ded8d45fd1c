import gc
import sys
import weakref
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  __del__", self.name)
def gone(ref):
    print("  callback: ref() ->", ref())
#: A weak reference does not count: the refcount is still name + argument = 2.
r = Res("r")
w = weakref.ref(r, gone)
print("w() is r:", w() is r, "| refcount:", sys.getrefcount(r))
#: When the last strong reference goes, __del__ runs, then the callback; w is dead.
del r
print("w() is None:", w() is None)
#: A list drops its items from last to first, so __del__ runs 3, 2, 1.
items = [Res("1"), Res("2"), Res("3")]
del items
#: An object's __del__ runs before its attributes are released.
outer = Res("outer")
outer.inner = Res("inner")
del outer
#: In a cycle, gc.collect() clears the weakrefs and calls their callbacks first,
#: then runs each __del__. It frees 4 objects in 3.8 (the __dict__s too), 2 later.
gc.collect()
c1 = Res("c1")
c2 = Res("c2")
c1.other = c2
c2.other = c1
wc = weakref.ref(c1, gone)
del c1, c2
print("collected:", gc.collect())
#: A WeakValueDictionary entry vanishes when its value dies: a cache that owns nothing.
cache = weakref.WeakValueDictionary()
cache["k"] = k = Res("k")
print("cached:", len(cache))
del k
print("cached after del k:", len(cache))
