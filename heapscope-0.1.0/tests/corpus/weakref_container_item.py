import weakref
# An object held in a list stays alive until removed.
class A:
    def __init__(self, n):
        self.n = n
items = [A(i) for i in range(3)]
refs = [weakref.ref(x) for x in items]
print("alive:", [r() is not None for r in refs])
items.pop(1)
print("after pop(1):", [r() is not None for r in refs])
x = items[0]
items.clear()
print("after clear (x keeps first):", [r() is not None for r in refs])
del x
print("after del x:", [r() is not None for r in refs])
