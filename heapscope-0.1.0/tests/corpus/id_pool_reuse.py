# Without a type free list, a freed block goes back on its obmalloc pool's
# free-block list, which is a stack too: the next request of the same size
# class takes the block freed last.  A request of another size class never
# takes it.  To be sure the three freed blocks share one pool, fill a big
# list until its last three objects sit on the same 4 KiB page (a pool is
# 4 or 16 KiB and starts on a page boundary).
def page(o):
    return id(o) >> 12

def taken(old, new):
    return [old.index(i) if i in old else -1 for i in new]

def fill(make, store):
    k = 0
    while k < 300 or page(store[k - 3]) != page(store[k - 1]):
        store[k] = make()
        k += 1
    return k

class P:
    __slots__ = ("x",)

class Q:
    __slots__ = ("x", "y", "z")

keep = [None] * 1000
k = fill(P, keep)
old = [id(keep[k - 3]), id(keep[k - 2]), id(keep[k - 1])]
a = keep[k - 3]
b = keep[k - 2]
c = keep[k - 1]
keep[k - 3] = None
keep[k - 2] = None
keep[k - 1] = None
del a
del b
del c
other = Q()
x = P()
y = P()
z = P()
print("slotted", taken(old, [id(x), id(y), id(z)]), "other class:", id(other) in old)
del keep, x, y, z, other

unit = b"ab"
def b30():
    return unit * 15
keep = [None] * 1000
k = fill(b30, keep)
old = [id(keep[k - 3]), id(keep[k - 2]), id(keep[k - 1])]
a = keep[k - 3]
b = keep[k - 2]
c = keep[k - 1]
keep[k - 3] = None
keep[k - 2] = None
keep[k - 1] = None
# freed b, a, c: the stack is c, a, b (top first)
del b
del a
del c
other = unit * 40          # 113 bytes: another size class
x = unit * 15              # takes c
y = b"cd" * 15             # folded into a constant: allocates nothing
z = unit + unit * 14       # the temporary takes a, the result b
w = unit * 15              # the temporary was freed: a again
print("bytes", taken(old, [id(x), id(y), id(z), id(w)]), "other class:", id(other) in old)
del keep, x, y, z, w, other

text = "ab"
def s20():
    return text * 10
keep = [None] * 1000
k = fill(s20, keep)
old = [id(keep[k - 3]), id(keep[k - 2]), id(keep[k - 1])]
a = keep[k - 3]
b = keep[k - 2]
c = keep[k - 1]
keep[k - 3] = None
keep[k - 2] = None
keep[k - 1] = None
del a
del b
del c
other = text * 40
x = text * 10
y = "cd" * 10
print("str", taken(old, [id(x), id(y)]), "other class:", id(other) in old)
z = text * 10
print("str after print", taken(old, [id(z)]))
