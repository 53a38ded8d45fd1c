import sys
# A builtin bound method (l.append) holds its list.
l = []
print("list alone:", sys.getrefcount(l))
app = l.append
print("with l.append stored:", sys.getrefcount(l))
app(1)
app(2)
print("items appended through it:", l)
d = {}
get = d.get
print("dict with d.get stored:", sys.getrefcount(d))
del app, get
print("after del:", sys.getrefcount(l), sys.getrefcount(d))
