import sys
# A dict with str keys grown one key at a time (printed when the size changes).
d = {}
print("empty dict:", sys.getsizeof(d))
last = sys.getsizeof(d)
for i in range(100):
    d["k%d" % i] = i
    s = sys.getsizeof(d)
    if s != last:
        print("after", len(d), "str keys:", s)
        last = s
