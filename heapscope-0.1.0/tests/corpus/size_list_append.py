import sys
# Over-allocation of a list grown one append at a time.
a = []
print("empty list:", sys.getsizeof(a))
last = sys.getsizeof(a)
for i in range(40):
    a.append(i)
    s = sys.getsizeof(a)
    if s != last:
        print("after", len(a), "appends:", s)
        last = s
