# Operator methods: __add__, __lt__, __len__, __getitem__.
class Vec:
    def __init__(self, *xs):
        self.xs = list(xs)
    def __add__(self, other):
        return Vec(*[a + b for a, b in zip(self.xs, other.xs)])
    def __lt__(self, other):
        return sum(self.xs) < sum(other.xs)
    def __len__(self):
        return len(self.xs)
    def __getitem__(self, i):
        return self.xs[i]
    def __repr__(self):
        return "Vec" + repr(tuple(self.xs))
v = Vec(1, 2) + Vec(10, 20)
print(v, len(v), v[1])
print(sorted([Vec(5, 5), Vec(1), Vec(2, 2)]))
print("truthiness via __len__:", bool(Vec()), bool(v))
