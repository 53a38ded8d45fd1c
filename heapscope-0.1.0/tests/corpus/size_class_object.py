# Per-type layout constants (the basis of getsizeof for instances).
class A:
    pass
class S:
    __slots__ = ("a", "b")
print("A.__basicsize__:", A.__basicsize__)
print("S.__basicsize__:", S.__basicsize__)
print("object.__basicsize__:", object.__basicsize__)
print("int.__basicsize__, __itemsize__:", int.__basicsize__, int.__itemsize__)
print("tuple.__basicsize__, __itemsize__:", tuple.__basicsize__, tuple.__itemsize__)
print("list.__basicsize__:", list.__basicsize__)
print("dict.__basicsize__:", dict.__basicsize__)
print("float.__basicsize__:", float.__basicsize__)
