import sys
#: Names are references: two names can point at one list.
a = [1, 2]
b = a
#: Both names see the change, because there is only one list.
b.append(3)
print(a, b, a is b)
#: Each name holds one reference, and getrefcount's argument holds another.
print("refcount:", sys.getrefcount(a))
#: del removes the name a; the list lives on through b.
del a
print("after del a:", sys.getrefcount(b))
#: 56 bytes of list object + 8 per slot; append over-allocated (6 slots in 3.8, 8 later).
print("size of the list:", sys.getsizeof(b))
