import sys
# Containers inside containers.
inner = []
outer = [inner, [inner], (inner,), {"k": inner}]
print("inner:", sys.getrefcount(inner))
print("outer:", sys.getrefcount(outer))
print("outer[1]:", sys.getrefcount(outer[1]))
mid = outer[1]
print("outer[1] with a name:", sys.getrefcount(mid))
outer.clear()
print("inner after outer.clear():", sys.getrefcount(inner))
print("mid after outer.clear():", sys.getrefcount(mid))
