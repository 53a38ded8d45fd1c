import sys
# Set members hold one reference.
class K:
    pass
k = K()
s = {k}
print("in a set:", sys.getrefcount(k))
s.add(k)
print("added again:", sys.getrefcount(k))
f = frozenset([k])
print("also in a frozenset:", sys.getrefcount(k))
s.discard(k)
print("after discard:", sys.getrefcount(k))
del f
print("after del frozenset:", sys.getrefcount(k))
