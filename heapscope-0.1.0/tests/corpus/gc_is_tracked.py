# Which objects the collector tracks, before and after collections.
import gc
gc.collect()


class C:
    pass


x = 1
t = (x, 2)
tl = ([], x)
tt = (t, "s")
print("int, str, float, None:", gc.is_tracked(x), gc.is_tracked("s"), gc.is_tracked(1.5), gc.is_tracked(None))
print("empty tuple:", gc.is_tracked(()))
print("runtime tuples:", gc.is_tracked(t), gc.is_tracked(tl), gc.is_tracked(tt))
print("list, set, instance, function, class:", gc.is_tracked([]), gc.is_tracked(set()),
      gc.is_tracked(C()), gc.is_tracked(print), gc.is_tracked(C))
gc.collect(0)
print("after collect(0):", gc.is_tracked(t), gc.is_tracked(tl), gc.is_tracked(tt))
d = {}
print("empty dict:", gc.is_tracked(d))
d["a"] = 1
d["b"] = "text"
print("dict of atoms:", gc.is_tracked(d))
d["c"] = []
print("dict holding a list:", gc.is_tracked(d))
del d["c"]
print("after deleting the list:", gc.is_tracked(d))
gc.collect(0)
print("after collect(0):", gc.is_tracked(d))
gc.collect(1)
print("after collect(1):", gc.is_tracked(d))
gc.collect()
print("after collect():", gc.is_tracked(d))
d2 = {"t": (x,)}
print("dict holding a tuple:", gc.is_tracked(d2))
gc.collect()
print("after collect():", gc.is_tracked(d2), gc.is_tracked(d2["t"]))
inner = (x, x)
outer = (inner, [])
gc.collect()
print("tuple holding a list stays:", gc.is_tracked(outer), gc.is_tracked(inner))
r = gc.get_referents([x, "s", t])
print("get_referents of a list (tp_traverse goes backwards):", len(r), r[0] is t, r[2] is x)
print("get_referents of a mixed-key dict:", len(gc.get_referents({1: 2, "a": 3})))
print("get_referents of str-keyed dict:", gc.get_referents({"k": 5}))
print("get_referents of an int:", gc.get_referents(5))
holder = [t]
print("holder refers to t:", any(r is holder for r in gc.get_referrers(t)))
gc.freeze()
print("freeze count positive:", gc.get_freeze_count() > 0, "| count:", gc.get_count()[0])
gc.unfreeze()
print("after unfreeze:", gc.get_freeze_count())
