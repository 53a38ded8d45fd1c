import sys
# list(iterable) preallocates when the length is known.
for n in [0, 1, 3, 5, 9, 10, 100]:
    print("list(range(%d)):" % n, sys.getsizeof(list(range(n))))
t = (1, 2, 3, 4, 5, 6, 7)
print("list(tuple of 7):", sys.getsizeof(list(t)))
print("list('hello'):", sys.getsizeof(list("hello")))
print("list(iter of 7):", sys.getsizeof(list(iter(t))))
d = {1: 2, 3: 4, 5: 6}
print("list(dict of 3):", sys.getsizeof(list(d)))
