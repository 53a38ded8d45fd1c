import sys
# Rebinding a name drops the old object's count.
a = []
b = []
x = a
print("a:", sys.getrefcount(a), "b:", sys.getrefcount(b))
x = b
print("after x = b -> a:", sys.getrefcount(a), "b:", sys.getrefcount(b))
x = x
print("after x = x -> b:", sys.getrefcount(b))
a, b = b, a
print("after swap, new a (old b):", sys.getrefcount(a))
y = z = a
print("after y = z = a:", sys.getrefcount(a))
