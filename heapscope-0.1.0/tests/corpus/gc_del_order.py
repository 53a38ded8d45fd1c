# The order in which the collector runs __del__ methods, and resurrection.
import gc
gc.collect()


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name)


def ring(n):
    nodes = [D("r" + str(i)) for i in range(n)]
    for i in range(n):
        nodes[i].next = nodes[(i + 1) % n]


print("ring of 3:")
ring(3)
print("collected:", gc.collect() > 0)


def pair_in_list():
    a = D("a")
    b = D("b")
    a.peer = b
    b.peer = a
    holder = [b, a]
    holder.append(holder)


print("pair held by a self-referencing list:")
pair_in_list()
print("collected:", gc.collect() > 0)

saved = []


class Phoenix:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  resurrecting", self.name)
        saved.append(self)


def phoenix_cycle():
    p = Phoenix("p")
    q = Phoenix("q")
    p.q = q
    q.p = p


print("resurrection:")
phoenix_cycle()
print("collected:", gc.collect())
print("saved:", sorted(x.name for x in saved))
saved.clear()
print("second time, no __del__:")
n = gc.collect()
print("collected again:", n > 0)


class Mixed(D):
    pass


def chain_with_finalizers():
    head = D("head")
    mid = Mixed("mid")
    tail = D("tail")
    head.next = mid
    mid.next = tail
    tail.next = head


print("chain:")
chain_with_finalizers()
print("collected:", gc.collect() > 0)
print("end")
