import weakref
# WeakValueDictionary entries disappear with their values.
class Item:
    def __init__(self, name):
        self.name = name
cache = weakref.WeakValueDictionary()
a = Item("a")
b = Item("b")
cache["a"] = a
cache["b"] = b
print("len:", len(cache), "keys:", sorted(cache.keys()))
print("cache['a'].name:", cache["a"].name)
del a
print("after del a:", len(cache), "a" in cache)
print("get missing:", cache.get("a"))
b = Item("new b")
print("after rebinding b:", len(cache))
