# The build half of gc_cycles.py: the same 100,000 rings, no collection.
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
print("built")
