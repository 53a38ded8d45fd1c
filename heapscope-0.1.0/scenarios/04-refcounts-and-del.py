import sys
#: Every object counts the references to it: its reference count.
a = [1, 2, 3]
#: getrefcount says 2: one for the name a, one for the call's own argument.
print("just a:", sys.getrefcount(a))
#: Each new name, list slot or dict value adds one reference.
b = a
box = [a]
table = {"key": a}
print("a, b, box, table:", sys.getrefcount(a))
#: del removes a name, not the object: the list lives on through the others.
del a
print("after del a:", sys.getrefcount(b))
#: Deleting the containers drops their references too.
del box, table
print("after del box, table:", sys.getrefcount(b))
#: In a call the parameter adds one. 3.8 also counts the caller's stack: 4, not 3.
def count_inside(x):
    return sys.getrefcount(x)
print("inside a call:", count_inside(b))
#: When the count reaches zero the object is freed at once; __del__ shows when.
class Tracked:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freeing", self.name)
t = Tracked("first")
u = t
#: del t leaves u: the count is 1, so nothing is freed yet.
del t
print("after del t")
#: del u drops the last reference: __del__ runs before the next line.
del u
print("after del u")
#: Rebinding a name drops its reference to the old object.
v = Tracked("second")
v = Tracked("third")
#: A temporary that no name keeps is freed as soon as its statement ends.
Tracked("temporary")
del v
