# __init__, __repr__ and __str__.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "(%s, %s)" % (self.x, self.y)
p = Point(1, 2)
print(p)
print(repr(p))
print(str(p))
print([p, Point(3, "a")])
print(f"{p} {p!r}")
print("%s / %r" % (p, p))
