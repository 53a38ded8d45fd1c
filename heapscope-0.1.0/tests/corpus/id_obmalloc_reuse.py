# Freed memory is reused by the next object of the same size.
n = 20
s = "x" * n
sid = id(s)
del s
t = "y" * n
print("str reuses freed str's block:", id(t) == sid)
b = bytes(n)
bid = id(b)
del b
c = bytes(n + 1)
print("bytes reuses freed block:", id(c) == bid)
class S:
    __slots__ = ("x",)
a = S()
aid = id(a)
del a
print("slotted instance reuses block:", id(S()) == aid)
tp = (1, 2, [3])
tid = id(tp)
del tp
u = (4, 5, [6])
print("tuple of same length reuses id:", id(u) == tid)
d = {"k": 1}
did = id(d)
del d
e = {"j": 2}
print("dict reuses freed dict's id:", id(e) == did)
