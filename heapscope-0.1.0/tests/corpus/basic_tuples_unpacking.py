# Tuples and unpacking.
t = (1, "two", 3.0)
a, b, c = t
print(a, b, c)
first, *rest = [1, 2, 3, 4]
*init, last = "abcd"
print(first, rest, init, last)
(x, y), z = (1, 2), 3
print(x, y, z)
single = (5,)
print(single, (5), type(single).__name__, type((5)).__name__)
print(t + (4,), t * 2, t.index("two"), t.count(1), len(t))
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
print(tuple([1, 2]), tuple("ab"), ())
