# __slots__ restricts attributes and removes __dict__.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print("p.x:", p.x)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
print("has __dict__:", hasattr(p, "__dict__"))
try:
    print(p.y)
except AttributeError as e:
    print("AttributeError:", e)
p.y = 2
print("p.y after assignment:", p.y)
del p.x
print("has x after del:", hasattr(p, "x"))
