import copy
# Shallow copies create a new outer list that shares its items.
orig = [[1, 2], [3, 4]]
copies = {"slice": orig[:], "list()": list(orig), "copy.copy": copy.copy(orig), "method": orig.copy()}
for name, c in copies.items():
    print(name, "new outer:", c is not orig, "shared inner:", c[0] is orig[0])
orig[0].append(99)
orig.append([5])
for name, c in copies.items():
    print(name, "->", c)
