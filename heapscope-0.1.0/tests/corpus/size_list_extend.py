import sys
# extend() grows by at least the number of new items.
a = []
a.extend([1, 2, 3])
print("extend 3 into empty:", sys.getsizeof(a))
a.extend([4])
print("extend 1 more:", sys.getsizeof(a))
a.extend(range(10))
print("extend 10 more (len %d):" % len(a), sys.getsizeof(a))
b = []
b.extend(range(100))
print("extend 100 into empty:", sys.getsizeof(b))
c = [1]
c.extend((2, 3, 4, 5, 6, 7, 8, 9))
print("extend 8 into len 1:", sys.getsizeof(c))
d = []
d += [1, 2]
print("d += [1, 2]:", sys.getsizeof(d))
