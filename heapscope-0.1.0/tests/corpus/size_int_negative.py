import sys
# Negative ints have the same size as their absolute value.
for e in [0, 29, 30, 59, 60, 100]:
    v = 2 ** e
    print("2**%d:" % e, sys.getsizeof(v), " -2**%d:" % e, sys.getsizeof(-v))
print("-(2**30 - 1):", sys.getsizeof(-(2**30 - 1)))
