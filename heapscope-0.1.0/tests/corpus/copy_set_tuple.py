import copy
# Copies of sets and tuples.
s = {1, 2, 3}
s2 = s.copy()
s3 = set(s)
s.add(4)
print("s:", sorted(s), "s.copy():", sorted(s2), "set(s):", sorted(s3))
t = (1, 2, [3])
t2 = copy.copy(t)
t3 = copy.deepcopy(t)
print("copy.copy(tuple) is same:", t2 is t)
print("deepcopy(tuple with list) is new:", t3 is not t)
t[2].append(4)
print("t:", t, "t3:", t3)
