import sys
# A fresh object bound to one global name (getrefcount adds 1 for its argument).
a = []
print("one name:", sys.getrefcount(a))
b = a
print("two names:", sys.getrefcount(a))
c = b
print("three names:", sys.getrefcount(a))
del b
print("after del b:", sys.getrefcount(a))
c = None
print("after c = None:", sys.getrefcount(a))
