import sys
# The second instance of a class shares key tables learned from the first.
class A:
    def __init__(self):
        self.a = 1
        self.b = 2
a1 = A()
a2 = A()
print("instance:", sys.getsizeof(a1), sys.getsizeof(a2))
print("first __dict__:", sys.getsizeof(a1.__dict__))
print("second __dict__:", sys.getsizeof(a2.__dict__))
a2.c = 3
print("second __dict__ after new attr:", sys.getsizeof(a2.__dict__))
a3 = A()
print("third instance __dict__:", sys.getsizeof(a3.__dict__))
print("plain dict with same keys:", sys.getsizeof({"a": 1, "b": 2}))
