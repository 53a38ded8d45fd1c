import sys
# insert() grows the list like append().
a = []
for i in range(12):
    a.insert(0, i)
    print("after insert", i + 1, sys.getsizeof(a))
print(a)
