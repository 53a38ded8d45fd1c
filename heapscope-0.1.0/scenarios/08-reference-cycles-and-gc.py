import gc
import sys
import weakref
#: First collect any garbage left from startup, so the counts below are ours.
gc.collect()
class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None
#: Two nodes that refer to each other form a reference cycle.
a = Node("a")
b = Node("b")
a.partner = b
b.partner = a
#: Each node is referenced by its name and by the other node: 2 each.
print("references:", sys.getrefcount(a) - 1, sys.getrefcount(b) - 1)
#: A weak reference lets us watch node a without keeping it alive.
watch = weakref.ref(a)
#: After del each count is still 1: refcounting alone can never free them.
del a, b
print("after del, node a alive:", watch() is not None)
#: gc.collect() frees groups reachable only from each other and returns how
#: many unreachable objects it found: 3.8 counts each node's __dict__ as well (4, not 2).
found = gc.collect()
print("collected:", found, "| node a alive:", watch() is not None)
#: The smallest cycle: a list that contains itself.
lst = []
lst.append(lst)
del lst
print("self-referencing list, collected:", gc.collect())
#: Only containers are tracked by the GC: ints and strings cannot form cycles.
print("tracked:", gc.is_tracked([]), gc.is_tracked(Node("x")), gc.is_tracked(1000), gc.is_tracked("text"))
#: gc.collect() works even while automatic collection is disabled (3.8: 6 with the dicts).
gc.disable()
for i in range(3):
    n = Node(i)
    n.partner = n
del n
print("three self-cycles, collected:", gc.collect())
gc.enable()
