import sys
# Sizes of small ints and bools.
for v in [0, 1, -1, 5, 255, 256, 1000]:
    print("getsizeof(%d):" % v, sys.getsizeof(v))
print("getsizeof(False):", sys.getsizeof(False))
print("getsizeof(True):", sys.getsizeof(True))
