import copy
# copy/deepcopy return immutable atoms unchanged.
t = (1, 2, 3)
print("copy.copy(t) is t:", copy.copy(t) is t)
print("copy.deepcopy(t) is t:", copy.deepcopy(t) is t)
n = (1, [2, 3])
print("copy.copy(n) is n:", copy.copy(n) is n)
d = copy.deepcopy(n)
print("deepcopy(tuple with list) is n:", d is n)
print("inner list copied:", d[1] is not n[1])
s = "".join(["a", "b"])
print("copy.deepcopy(s) is s:", copy.deepcopy(s) is s)
f = frozenset([1, 2])
print("copy.copy(frozenset) is f:", copy.copy(f) is f)
