# Dict methods; insertion order is preserved.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 99), d.setdefault("e", 5), d)
print(d.pop("b"), d.pop("zz", "default"), d)
d.update({"a": 10, "f": 6})
print(d)
d["c"] = 30
print("reassign keeps position:", d)
del d["a"]
d["a"] = 1
print("re-insert goes last:", d)
print("a" in d, 1 in d, len(d))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
