import sys
import weakref
# weakref.ref objects.
class A:
    pass
a = A()
r = weakref.ref(a)
print("weakref.ref:", sys.getsizeof(r))
def cb(ref):
    pass
r2 = weakref.ref(a, cb)
print("weakref.ref with callback:", sys.getsizeof(r2))
p = weakref.proxy(a)
print("proxy type:", type(p).__name__)
