import sys
import weakref
# Weak references do not add to the refcount.
class A:
    pass
a = A()
print("alone:", sys.getrefcount(a))
r = weakref.ref(a)
print("with a weakref:", sys.getrefcount(a))
o = r()
print("after o = r():", sys.getrefcount(a))
del o
print("getrefcount(r()):", sys.getrefcount(r()))
print("weakref object itself:", sys.getrefcount(r))
