# Instances are distinct objects; they all share their class.
class Point:
    def __init__(self, x):
        self.x = x
p = Point(1)
q = Point(1)
print("p is q:", p is q)
print("p == q (default eq is identity):", p == q)
print("type(p) is Point:", type(p) is Point)
print("type(p) is type(q):", type(p) is type(q))
print("p.__class__ is Point:", p.__class__ is Point)
r = p
r.x = 99
print("p.x after r.x = 99:", p.x)
