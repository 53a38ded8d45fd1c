import sys
# A dict with int keys grown one key at a time (printed when the size changes).
d = {}
last = sys.getsizeof(d)
for i in range(100):
    d[i] = i
    s = sys.getsizeof(d)
    if s != last:
        print("after", len(d), "int keys:", s)
        last = s
