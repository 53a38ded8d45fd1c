# gc.collect() return values for cycles made inside functions.
import gc
gc.collect()


class Node:
    pass


def list_cycle():
    l = []
    l.append(l)


def dict_cycle():
    d = {}
    d["self"] = d


def list_dict_cycle():
    l = [1, 2]
    d = {"l": l}
    l.append(d)


def chain(n):
    first = prev = []
    for i in range(n):
        prev = [prev]
    first.append(prev)


def tuple_cycle():
    l = []
    t = (l, 1)
    l.append(t)


def set_cycle():
    class Holder:
        __slots__ = ("s",)
    h = Holder()
    h.s = {1, 2}
    return h


def instance_cycle():
    a = Node()
    b = Node()
    a.other = b
    b.other = a


def slotted_cycle():
    class S:
        __slots__ = ("other",)
    a = S()
    a.other = a
    return S


list_cycle()
print("list self-cycle:", gc.collect())
dict_cycle()
print("dict self-cycle:", gc.collect())
list_dict_cycle()
print("list <-> dict:", gc.collect())
chain(5)
print("ring of 6 lists:", gc.collect())
for i in range(3):
    list_cycle()
print("three list cycles:", gc.collect())
tuple_cycle()
print("list <-> tuple:", gc.collect())
print("nothing left:", gc.collect())
keep = []
keep.append(keep)
print("reachable cycle:", gc.collect())
del keep
print("after del:", gc.collect())
list_cycle()
print("collect(0):", gc.collect(0))
list_cycle()
print("collect(1):", gc.collect(1))
list_cycle()
print("collect(generation=2):", gc.collect(generation=2))
instance_cycle()
n = gc.collect()
print("instances:", n in (2, 4), n)
outer = []
for i in range(4):
    inner = [outer]
    outer.append(inner)
del outer, inner
print("list with 4 back-pointing lists:", gc.collect())
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError:", e)
try:
    gc.collect(-1)
except ValueError as e:
    print("ValueError:", e)
