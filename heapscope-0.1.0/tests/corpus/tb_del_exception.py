# Exceptions in __del__ and in weakref callbacks are printed as
# "Exception ignored in: ..." with their traceback; the program goes on.
import weakref

def close(name):
    raise OSError("cannot close " + name)

class Handle:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("closing", self.name)
        close(self.name)

h = Handle("a")
h = None
print("after first")

class Target:
    pass

def on_dead(ref):
    print("callback")
    return {}["gone"]

t = Target()
r = weakref.ref(t, on_dead)
del t
print("after callback")
items = [Handle("b"), Handle("c")]
items.clear()
print("end")
