import sys
# Tuples are smaller than lists holding the same items.
for n in [0, 1, 3, 10]:
    items = list(range(n))
    print(n, "items: tuple", sys.getsizeof(tuple(items)), "list", sys.getsizeof(items))
t = ()
for i in range(4):
    t = t + (i,)
    print("tuple after +", i + 1, ":", sys.getsizeof(t))
