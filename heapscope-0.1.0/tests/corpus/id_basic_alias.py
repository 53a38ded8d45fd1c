# Binding a second name to an object does not copy it.
a = [1, 2, 3]
b = a
print("b is a:", b is a)
print("id(a) == id(b):", id(a) == id(b))
c = [1, 2, 3]
print("c == a:", c == a)
print("c is a:", c is a)
print("id(c) == id(a):", id(c) == id(a))
b = list(a)
print("after b = list(a), b is a:", b is a)
