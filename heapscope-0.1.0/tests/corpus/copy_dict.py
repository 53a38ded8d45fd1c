import copy
# Copying dicts.
d = {"nums": [1, 2], "name": "x"}
s = d.copy()
c = copy.copy(d)
dd = dict(d)
deep = copy.deepcopy(d)
d["nums"].append(3)
d["name"] = "changed"
print("d:", d)
print("d.copy():", s)
print("copy.copy:", c)
print("dict(d):", dd)
print("deepcopy:", deep)
print("shallow shares list:", s["nums"] is d["nums"], "deep does not:", deep["nums"] is d["nums"])
