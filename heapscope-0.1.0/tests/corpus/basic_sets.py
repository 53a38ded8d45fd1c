# Sets of small ints (printed sorted or small, so order is stable).
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(3 in a, 9 in a, len(a), a <= {1, 2, 3, 4, 5}, {1} < a)
a.add(10)
a.discard(1)
print(sorted(a))
print(set(), {1, 1, 1}, set([2, 2, 3]))
print(sorted(set("hello")))
f = frozenset([1, 2])
print(f, f | {3}, type(f | {3}).__name__)
