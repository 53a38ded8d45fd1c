import sys
# Comprehensions grow by appending.
for n in [0, 1, 4, 5, 8, 9, 10, 17, 100]:
    print("comprehension of %d:" % n, sys.getsizeof([i for i in range(n)]))
print("filtered 10 of 20:", sys.getsizeof([i for i in range(20) if i % 2]))
