# gc.get_count() and sys.getrefcount(self) read inside calls of builtin
# methods made through LOAD_METHOD: CPython pushes the type's method
# descriptor and self, so no bound method object is allocated.
import gc
import sys


class Probe:
    def __eq__(self, other):
        print("  count delta", gc.get_count()[0] - base[0])
        print("  refcount of l", sys.getrefcount(l))
        return False

    def __hash__(self):
        print("  hash: count delta", gc.get_count()[0] - base[0])
        return 1


gc.collect()
l = [1]
p = Probe()
print("l.count(p)")
base = gc.get_count()
l.count(p)
base = gc.get_count()
print("l.index(1)", l.index(1), gc.get_count()[0] - base[0])
d = {}
print("d.get(p)")
base = gc.get_count()
d.get(p)
s = set()
print("s.add(p)")
base = gc.get_count()
s.add(p)
m = [3, 1]
print("m.sort()")
base = gc.get_count()
m.sort()
print("  count delta", gc.get_count()[0] - base[0], m)
base = gc.get_count()
for i in range(5):
    l.append(i)
print("after appends", gc.get_count()[0] - base[0], l)
x = [].append
print(type(x).__name__)
try:
    l.append()
except TypeError as e:
    print(e)
d.setdefault('a', []).append(5)
print(d, 'abc'.upper(), (1, 2).index(2))
print(sys.getrefcount(l))
