# Thresholds and automatic collections, observed through gc.callbacks.
import gc
gc.collect()
print("default:", gc.get_threshold() in ((700, 10, 10), (2000, 10, 10)))
gc.set_threshold(100, 5, 5)
print("set:", gc.get_threshold())
gc.set_threshold(50)
print("only threshold0:", gc.get_threshold())
print("enabled:", gc.isenabled())
log = []


def on_gc(phase, info):
    if phase == "start":
        log.append(info["generation"])


gc.callbacks.append(on_gc)
gc.set_threshold(10, 10, 10)
junk = [[] for i in range(100)]
gc.set_threshold(1000, 10, 10)
print("automatic collections happened:", len(log) > 5, "| gen 1 among them:", 1 in log)
print("gen 2 never:", 2 not in log)
del log[:]
gc.disable()
gc.set_threshold(10, 10, 10)
junk2 = [[] for i in range(100)]
gc.set_threshold(1000, 10, 10)
print("disabled: isenabled", gc.isenabled(), "| collections:", len(log))
gc.enable()
gc.set_threshold(0)
junk3 = [[] for i in range(100)]
print("threshold 0 disables automatic collection:", len(log))
gc.set_threshold(1000, 10, 10)
gc.callbacks.remove(on_gc)
print("counts after collect():", gc.collect() >= 0, gc.get_count())
