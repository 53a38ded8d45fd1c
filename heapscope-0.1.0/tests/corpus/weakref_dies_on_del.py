import weakref
# A weak reference returns None once the object is gone.
class Node:
    def __init__(self, name):
        self.name = name
n = Node("n")
r = weakref.ref(n)
print("alive:", r() is n, r().name)
m = n
del n
print("after del n (m still refers):", r() is not None)
del m
print("after del m:", r())
