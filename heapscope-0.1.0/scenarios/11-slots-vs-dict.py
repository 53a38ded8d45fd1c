import sys
import weakref
#: A normal class keeps each instance's attributes in a per-instance namespace.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
#: __slots__ turns each listed attribute into a fixed field inside the object.
class SlotPoint:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(1, 2)
s = SlotPoint(1, 2)
#: A slotted instance is 32 bytes + 8 per slot. A plain one: 48 (3.8, 3.12+), 56 (3.11);
#: from 3.11 that does not count the array that holds the attribute values.
print("SlotPoint:", sys.getsizeof(s), "| Point:", sys.getsizeof(p))
#: 3.8 made a real dict for p's attributes in __init__; 3.11+ build one only now,
#: because we ask for p.__dict__ (a larger dict than 3.8's).
print("p.__dict__:", p.__dict__, "|", sys.getsizeof(p.__dict__), "bytes")
#: A slotted instance has no __dict__ at all.
print("has __dict__:", hasattr(p, "__dict__"), hasattr(s, "__dict__"))
#: The slots are descriptors stored on the class, one per attribute.
print(type(SlotPoint.x).__name__, "| s.x =", s.x, "| s.y =", s.y)
#: The price: no new attributes (3.13 words the error differently) ...
try:
    s.z = 3
except AttributeError as e:
    print("AttributeError:", e)
#: A plain instance takes new attributes at any time.
p.z = 3
print("p can grow:", p.__dict__)
#: ... and no weak references, unless "__weakref__" is one of the slots.
try:
    weakref.ref(s)
except TypeError as e:
    print("TypeError:", e)
