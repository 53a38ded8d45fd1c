# List methods.
l = [3, 1, 4, 1, 5, 9, 2, 6]
l.sort()
print(l)
l.reverse()
print(l)
print(l.index(4), l.count(1), 9 in l)
l.insert(2, 100)
l.remove(1)
print(l, l.pop(), l.pop(0), l)
l.extend("ab")
print(l)
l[1:3] = [7, 7, 7]
print(l)
del l[::2]
print(l)
print([1, 2] * 2 + [3], [[]] * 2, list("hi"))
