import sys
# Dict keys and values each hold a reference.
class K:
    pass
k = K()
v = []
d = {k: v}
print("key in dict:", sys.getrefcount(k))
print("value in dict:", sys.getrefcount(v))
d[k] = v
print("same assignment again, key:", sys.getrefcount(k), "value:", sys.getrefcount(v))
e = {1: v, 2: v}
print("value in 3 slots:", sys.getrefcount(v))
del d[k]
print("after del d[k], key:", sys.getrefcount(k), "value:", sys.getrefcount(v))
e.clear()
print("after e.clear():", sys.getrefcount(v))
