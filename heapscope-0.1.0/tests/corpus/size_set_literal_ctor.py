import sys
# Set displays and set(iterable).
print("{1}:", sys.getsizeof({1}))
print("{1, 2, 3, 4, 5}:", sys.getsizeof({1, 2, 3, 4, 5}))
for n in [4, 5, 8, 18, 19, 50, 77]:
    print("set(range(%d)):" % n, sys.getsizeof(set(range(n))))
print("set comprehension of 10:", sys.getsizeof({i for i in range(10)}))
print("set of 10 strings:", sys.getsizeof(set([str(i) for i in range(10)])))
