# 1,000,000 objects in 100,000 reference cycles (rings of 10 lists), then
# one full collection.  The runner times this script and gc_cycles_build.py
# (the same without the collection) to get the collection's own time.
import gc
gc.disable()
gc.collect()
for i in range(100000):
    first = [None]
    node = first
    for j in range(9):
        node = [node]
    first[0] = node
first = node = None
print("collected", gc.collect())
