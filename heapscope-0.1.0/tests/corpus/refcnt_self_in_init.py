import sys
# The refcount of self during construction and in special methods.
ctx = ""
class A:
    def __init__(self):
        print("in __init__ via A():", sys.getrefcount(self))
    def __repr__(self):
        print("in __repr__ via", ctx + ":", sys.getrefcount(self))
        return "A()"
    def __eq__(self, other):
        print("in __eq__ via", ctx + ":", sys.getrefcount(self))
        return True
    def __len__(self):
        print("in __len__ via", ctx + ":", sys.getrefcount(self))
        return 0
a = A()
ctx = "repr(a)"
r = repr(a)
ctx = "print(a)"
print(a)
ctx = "a == 1"
e = a == 1
ctx = "len(a)"
n = len(a)
ctx = "bool(a)"
b = bool(a)
print("after all:", sys.getrefcount(a))
