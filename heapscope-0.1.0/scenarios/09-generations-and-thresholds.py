import gc
#: Tracked objects live in three generations: 0 (young), 1 and 2 (old).
#: Gen 0 is collected when its count passes threshold 0: 700, or 2000 in 3.13.
print("thresholds:", gc.get_threshold())
#: A full collection resets the counts of all three generations.
gc.collect()
print("counts after collect():", gc.get_count())
class Box:
    pass
#: Each new container (here an instance) adds 1 to the gen-0 count.
before = gc.get_count()[0]
b1, b2, b3 = Box(), Box(), Box()
made = gc.get_count()[0] - before
#: Freeing a container takes 1 off the count again.
del b1, b2, b3
freed = gc.get_count()[0] - before
print("3 new boxes:", made, "| after freeing the boxes:", freed)
#: get_objects(g) lists generation g, so we can see where an object lives.
def generation_of(obj):
    for g in range(3):
        for other in gc.get_objects(g):
            if other is obj:
                return g
keeper = Box()
print("a new Box is in generation", generation_of(keeper))
#: Surviving a collection of its generation moves it one generation older.
gc.collect(0)
print("after collect(0): generation", generation_of(keeper), "| counts:", gc.get_count())
gc.collect(1)
print("after collect(1): generation", generation_of(keeper), "| counts:", gc.get_count())
#: gc.callbacks lets us log each automatic collection as it starts.
log = []
def on_gc(phase, info):
    if phase == "start":
        log.append(info["generation"])
gc.callbacks.append(on_gc)
#: With threshold 10, making 150 lists collects gen 0 often, gen 1 now and then.
gc.set_threshold(10, 10, 10)
junk = [[] for i in range(150)]
print("gen-0 runs:", log.count(0), "| gen-1 runs:", log.count(1), "| gen-2 runs:", log.count(2))
