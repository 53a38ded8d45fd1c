# A list can contain itself.
a = [1, 2]
a.append(a)
print("a:", a)
print("a[2] is a:", a[2] is a)
print("len(a):", len(a))
d = {}
d["self"] = d
print("d:", d)
