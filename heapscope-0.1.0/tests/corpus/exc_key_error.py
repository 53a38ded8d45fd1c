# KeyError: str(e) is the repr of the key.
d = {"a": 1}
for k in ["b", 2, (1, 2), ""]:
    try:
        d[k]
    except KeyError as e:
        print(type(e).__name__, e, e.args)
try:
    d.pop("zz")
except KeyError as e:
    print("pop:", e)
try:
    {1, 2}.remove(3)
except KeyError as e:
    print("set.remove:", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem:", e)
