import sys
# Slice assignment and deletion.
x = object()
l = [1, 2, 3, 4]
l[1:3] = [x, x, x]
print("after l[1:3] = [x, x, x]:", sys.getrefcount(x))
print("len:", len(l))
del l[1:3]
print("after del l[1:3]:", sys.getrefcount(x))
l[:] = []
print("after l[:] = []:", sys.getrefcount(x))
