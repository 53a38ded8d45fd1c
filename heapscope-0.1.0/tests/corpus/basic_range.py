# range objects.
print(range(5), range(1, 10, 2), list(range(10, 0, -3)))
r = range(0, 20, 5)
print(len(r), r[1], r[-1], 15 in r, 7 in r, r.index(10))
print(list(range(0)), list(range(5, 5)), list(range(-3, 3)))
print(r[1:3], range(3) == range(0, 3), sum(range(101)))
for i in range(3):
    print("i", i)
