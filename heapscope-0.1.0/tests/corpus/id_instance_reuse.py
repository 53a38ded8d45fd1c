# Does a new instance of a plain class land where a freed one was?
class A:
    pass
a = A()
old = id(a)
del a
b = A()
print("new instance at freed address:", id(b) == old)
c = A()
cid = id(c)
del c
d = A()
print("again with later instances:", id(d) == cid)
print("id(A()) == id(A()):", id(A()) == id(A()))
