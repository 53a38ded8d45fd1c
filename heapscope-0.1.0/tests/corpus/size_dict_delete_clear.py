import sys
# Dicts do not shrink on delete; clear() frees the table.
d = {}
for i in range(20):
    d[i] = i
print("20 int keys:", sys.getsizeof(d))
for i in range(19):
    del d[i]
print("after deleting 19:", sys.getsizeof(d), len(d))
d.pop(19)
print("after pop of last:", sys.getsizeof(d), len(d))
for i in range(3):
    d[i] = i
print("3 new keys:", sys.getsizeof(d))
d.clear()
print("after clear():", sys.getsizeof(d))
d["x"] = 1
print("one str key after clear:", sys.getsizeof(d))
