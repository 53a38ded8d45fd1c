# Dict values can be aliases of the same object.
shared = []
d = {"a": shared, "b": shared}
d["a"].append(1)
print("d:", d)
print("same object:", d["a"] is d["b"])
d2 = dict.fromkeys(["x", "y"], [])
d2["x"].append(42)
print("fromkeys with a list value:", d2)
d3 = {k: [] for k in ["x", "y"]}
d3["x"].append(42)
print("comprehension gives separate lists:", d3)
