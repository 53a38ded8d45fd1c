# gc.collect() counts and gc.get_referents() for instances whose attribute
# values live in (3.13: inline) values arrays, before and after __dict__ is
# materialized, and for str-keyed versus general dicts.
import gc
gc.collect()


class A:
    pass


def cycle(touch):
    a = A()
    b = A()
    a.x = b
    b.x = a
    if touch:
        a.__dict__
    del a, b
    return gc.collect()


print("cycle", cycle(False), "touched", cycle(True))


def both_touched():
    a = A()
    b = A()
    a.x = b
    b.x = a
    a.__dict__
    b.__dict__
    del a, b
    return gc.collect()


print("both touched", both_touched())


def general_key():
    a = A()
    b = A()
    a.x = b
    b.x = a
    a.__dict__[1] = 2
    del a, b
    return gc.collect()


print("general key", general_key())


def dict_holds_owner():
    a = A()
    d = a.__dict__
    d['self'] = a
    del a
    first = gc.collect()
    del d
    return first, gc.collect()


print("dict holds owner", dict_holds_owner())

d = {1: []}
d2 = {'a': [], 'b': 2}
print("referents", len(gc.get_referents(d)), len(gc.get_referents(d2)))
print(gc.get_referents({(1,): 'v'}))
x = A()
x.y = [1]
x.z = 'q'
print("instance", len(gc.get_referents(x)))
x.__dict__
print("materialized", len(gc.get_referents(x)), len(gc.get_referents(x.__dict__)))


class B:
    pass


b = B()
b.l = [5]
print([type(o).__name__ for o in gc.get_referents(b)])
vd = vars(b)
print([type(o).__name__ for o in gc.get_referents(b)],
      [type(o).__name__ for o in gc.get_referents(vd)])
print(len(gc.get_referrers(b.l)))
