# gc.callbacks: called with "start" and "stop" and an info dict.
import gc
gc.collect()
events = []


def first(phase, info):
    events.append(("first", phase, info["generation"], info["collected"], info["uncollectable"]))


def second(phase, info):
    events.append(("second", phase, list(info)))


gc.callbacks.append(first)
gc.callbacks.append(second)
l = []
l.append(l)
del l
print("collect():", gc.collect())
for e in events:
    print(e)
del events[:]
a = []
b = [a]
a.append(b)
del a, b
print("collect(1):", gc.collect(1))
for e in events:
    print(e)
gc.callbacks.remove(second)
del events[:]
print("collect(0) with nothing:", gc.collect(0))
print(events)
gc.callbacks.clear()
before = gc.get_stats()
d = {}
d["d"] = d
del d
gc.collect()
after = gc.get_stats()
print("stats keys:", sorted(after[2]))
print("gen2 collections +1:", after[2]["collections"] - before[2]["collections"])
print("gen2 collected +1:", after[2]["collected"] - before[2]["collected"])
print("debug flags:", gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(gc.DEBUG_SAVEALL)
print("get_debug:", gc.get_debug())
l = []
l.append(l)
del l
print("saveall collect:", gc.collect(), "| garbage:", len(gc.garbage), gc.garbage[0] is gc.garbage[0][0])
gc.set_debug(0)
del gc.garbage[:]
print("garbage cleared:", gc.collect())
