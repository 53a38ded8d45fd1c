# Chained assignment binds every name to one object.
a = b = []
a.append(1)
print("a:", a, "b:", b, "a is b:", a is b)
x = y = 0
x += 1
print("x:", x, "y:", y)
p, q = [1], [2]
p, q = q, p
print("after swap p:", p, "q:", q)
l = [1, 2, 3]
i = 0
i, l[i] = 1, 9
print("l after i, l[i] = 1, 9:", l)
