# Order of __del__ when a container is freed.
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("destroy", self.name)
l = [T("l0"), T("l1"), T("l2")]
print("del list")
del l
t = (T("t0"), T("t1"))
print("del tuple")
del t
d = {"a": T("d0"), "b": T("d1")}
print("del dict")
del d
l2 = [T("p0"), T("p1"), T("p2")]
print("clear list")
l2.clear()
print("end")
