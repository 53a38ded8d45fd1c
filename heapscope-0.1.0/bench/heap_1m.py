# About 10^6 live objects (tuples, str and int) for the memory benchmark:
# bench/run compares heapscope's peak RSS with CPython's on this script.
data = [(i, str(i)) for i in range(333334)]
print(len(data))
