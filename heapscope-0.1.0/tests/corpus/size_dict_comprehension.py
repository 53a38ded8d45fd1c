import sys
# Dict comprehensions insert one key at a time.
for n in [0, 1, 5, 6, 10, 11, 21, 22, 50]:
    print("comprehension of %d int keys:" % n, sys.getsizeof({i: i for i in range(n)}))
print("comprehension of 5 str keys:", sys.getsizeof({str(i): i for i in range(5)}))
