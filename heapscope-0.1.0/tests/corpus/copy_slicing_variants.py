# Slices always make new lists (shallow).
a = list(range(10))
b = a[2:5]
b[0] = 99
print("a unchanged:", a[:5], "b:", b)
c = a[::-1]
print("reversed slice:", c)
a[2:5] = [0]
print("slice assignment shrinks a:", a)
d = a[:]
d.sort(reverse=True)
print("sorted copy:", d[:3], "original start:", a[:3])
