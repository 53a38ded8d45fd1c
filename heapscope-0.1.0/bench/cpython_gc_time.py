# CPython side of the collection benchmark: run the build half of
# gc_cycles.py, then time the one gc.collect() itself (CPython also collects
# leftover cycles at shutdown, so timing whole processes cannot isolate it).
import gc
import sys
import time

here = sys.argv[1]
with open(here + "/gc_cycles_build.py") as f:
    exec(compile(f.read(), "gc_cycles_build.py", "exec"), {})
t0 = time.perf_counter()
n = gc.collect()
t1 = time.perf_counter()
print("%.1f" % ((t1 - t0) * 1e9 / max(n, 1)))
