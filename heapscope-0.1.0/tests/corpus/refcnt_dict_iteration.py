import sys
# Views and iteration over dicts.
v = []
d = {1: v, 2: v}
print("value in 2 slots:", sys.getrefcount(v))
vals = list(d.values())
print("after list(d.values()):", sys.getrefcount(v))
items = list(d.items())
print("after list(d.items()):", sys.getrefcount(v))
for k, val in d.items():
    pass
print("after loop (val still bound):", sys.getrefcount(v))
keys = d.keys()
print("a keys view refs the dict:", sys.getrefcount(d))
