import sys
# Instances of plain classes and their __dict__.
class Empty:
    pass
class P:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z
e = Empty()
p = P(1, 2, 3)
print("empty instance:", sys.getsizeof(e))
print("instance with 3 attrs:", sys.getsizeof(p))
print("its __dict__:", sys.getsizeof(p.__dict__))
print("instance after __dict__ access:", sys.getsizeof(p))
print("object():", sys.getsizeof(object()))
