# Attribute names are interned; equal keys find the same entry.
class A:
    pass
a = A()
a.color = 1
name = "".join(["co", "lor"])
print("getattr with runtime name:", getattr(a, name))
key = list(a.__dict__)[0]
print("dict key is literal 'color':", key is "color")
d = {}
d[name] = 2
k2 = list(d)[0]
print("dict key is the runtime string:", k2 is name)
print("d['color']:", d["color"])
