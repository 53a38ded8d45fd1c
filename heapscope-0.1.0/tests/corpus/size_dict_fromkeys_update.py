import sys
# update() and fromkeys().
d = {}
d.update({1: 1, 2: 2, 3: 3})
print("update with 3:", sys.getsizeof(d))
d.update({i: i for i in range(10)})
print("update to 10:", sys.getsizeof(d))
f = dict.fromkeys(range(10))
print("fromkeys(range(10)):", sys.getsizeof(f))
g = dict.fromkeys("abcde", 0)
print("fromkeys('abcde'):", sys.getsizeof(g))
h = dict(zip(range(8), range(8)))
print("dict(zip(8)):", sys.getsizeof(h))
