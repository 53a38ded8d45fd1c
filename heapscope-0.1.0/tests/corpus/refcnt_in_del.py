import sys
# The refcount of self inside __del__.
class A:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "refcount:", sys.getrefcount(self))
a = A("a")
del a
b = A("b")
b = None
def f():
    c = A("c")
f()
print("end")
