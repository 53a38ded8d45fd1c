# The __dict__ / __weakref__ getset descriptors type_new puts into a class
# dict: what vars(C) shows, their repr and type, instance access, and the
# gc.collect() count of a class in a cycle (class, dict, mro, descriptors).
import gc
import sys
import weakref
gc.collect()


def class_cycle():
    class A:
        pass
    A.me = A
    del A
    return gc.collect()


print("class cycle", class_cycle())


def slotted_class_cycle():
    class F:
        __slots__ = ()
    F.me = F
    del F
    return gc.collect()


print("slotted class cycle", slotted_class_cycle())


class B:
    def m(self):
        pass
    x = 1


class S:
    __slots__ = ('a', '__weakref__')


class S2:
    __slots__ = ('a', '__dict__')


class Ex(Exception):
    pass


class D(B):
    pass


for c in (B, S, S2, Ex, D):
    print(c.__name__, sorted(c.__dict__))
print([k for k in B.__dict__ if k.startswith('__') and k != '__module__'])
print(B.__dict__['__dict__'])
print(B.__dict__['__weakref__'])
print(type(vars(B)['__dict__']).__name__, gc.is_tracked(vars(B)['__dict__']))
print(B.__dict__['__dict__'].__name__, B.__dict__['__dict__'].__objclass__)
print(B.__dict__['__dict__'].__qualname__)
print(B.__weakref__)
b = B()
print(b.__weakref__)
r = weakref.ref(b)
print(b.__weakref__ is r)
b.q = 1
print(b.__dict__, vars(b))
b.__dict__ = {'z': 3}
print(b.z, vars(b))
try:
    b.__weakref__ = 1
except AttributeError as e:
    print(e)
d = D()
try:
    d.__weakref__ = 1
except AttributeError as e:
    print(e)
ex = Ex()
print(ex.__weakref__)
rx = weakref.ref(ex)
print(ex.__weakref__ is rx)
s = S()
print(s.__weakref__)
try:
    B.__dict__['__dict__'].zz
except AttributeError as e:
    print(e)
print(sys.getrefcount(B.__dict__['__dict__']))
