import copy
# Copying instances of user classes.
class Box:
    def __init__(self, items):
        self.items = items
    def __repr__(self):
        return "Box(%r)" % (self.items,)
b = Box([1, 2])
s = copy.copy(b)
d = copy.deepcopy(b)
b.items.append(3)
print("original:", b)
print("shallow:", s, "shares items:", s.items is b.items)
print("deep:", d, "shares items:", d.items is b.items)
print("types:", type(s).__name__, type(d).__name__)
print("new objects:", s is not b, d is not b)
