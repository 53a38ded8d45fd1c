# lambda expressions.
add = lambda a, b: a + b
print(add(2, 3))
print((lambda: "no args")())
print((lambda x, y=10: x * y)(3))
pairs = [(1, "b"), (3, "a"), (2, "c")]
print(sorted(pairs, key=lambda p: p[1]))
print(add.__name__)
print(list(filter(lambda n: n % 2 == 0, range(10))))
