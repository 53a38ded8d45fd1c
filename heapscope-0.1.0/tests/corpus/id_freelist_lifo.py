# Type free lists are stacks: the last object freed is the first reused.
# For each free list, free three objects and make three new ones; print,
# for each new object, which freed object's id it took (-1: none).
def taken(old, new):
    return [old.index(i) if i in old else -1 for i in new]

old = [0, 0, 0]
a = []
b = []
c = []
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del a
del b
del c
x = []
y = []
z = []
print("list", taken(old, [id(x), id(y), id(z)]))

old = [0, 0, 0]
a = {}
b = {}
c = {}
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del a
del b
del c
x = {}
y = {}
z = {}
print("dict", taken(old, [id(x), id(y), id(z)]))

base = 0.5
old = [0, 0, 0]
a = base + 1.0
b = base + 2.0
c = base + 3.0
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del a
del b
del c
x = base + 4.0
y = base + 5.0
z = base + 6.0
print("float", taken(old, [id(x), id(y), id(z)]))

v = 7
old = [0, 0, 0]
a = (v,)
b = (v,)
c = (v,)
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del a
del b
del c
x = (v,)
y = (v,)
z = (v,)
print("tuple 1", taken(old, [id(x), id(y), id(z)]))

old = [0, 0, 0]
a = (v, v)
b = (v, v)
c = (v, v)
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del a
del b
del c
w = (v, v, v)
x = (v, v)
y = (v, v)
z = (v, v)
print("tuple 2", taken(old, [id(x), id(y), id(z)]), "3-tuple took one:", id(w) in old)

old = [0, 0, 0]
a = (v, v, v)
b = (v, v, v)
c = (v, v, v)
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del c
del a
del b
x = (v, v, v)
y = (v, v, v)
z = (v, v, v)
print("tuple 3 (freed c, a, b)", taken(old, [id(x), id(y), id(z)]))

old = [0, 0, 0]
a = (v, v, v, v, v)
b = (v, v, v, v, v)
c = (v, v, v, v, v)
old[0] = id(a)
old[1] = id(b)
old[2] = id(c)
del a
del b
del c
x = (v, v, v, v, v)
y = (v, v, v, v, v)
print("tuple 5", taken(old, [id(x), id(y)]))
z = (v, v, v, v, v)
print("tuple 5 third", taken(old, [id(z)]))
