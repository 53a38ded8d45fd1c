# A tuple is immutable, but a list inside it is not.
t = (1, [2, 3])
t[1].append(4)
print("t after t[1].append(4):", t)
try:
    t[1] += [5]
except TypeError as e:
    print("TypeError:", e)
print("t after failed +=:", t)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
