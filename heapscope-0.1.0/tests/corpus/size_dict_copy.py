import sys
# copy() and dict() of an existing dict.
d = {}
for i in range(6):
    d[i] = i
print("6 int keys grown:", sys.getsizeof(d))
print("d.copy():", sys.getsizeof(d.copy()))
print("dict(d):", sys.getsizeof(dict(d)))
for i in range(5):
    del d[i]
print("after deleting 5:", sys.getsizeof(d))
print("copy of sparse dict:", sys.getsizeof(d.copy()))
e = {"a": 1, "b": 2}
print("str-key copy:", sys.getsizeof(e.copy()))
