import sys
# Capacity sequence over many appends (printed only when it changes).
a = []
caps = []
last = -1
for i in range(1000):
    a.append(None)
    s = sys.getsizeof(a)
    if s != last:
        caps.append((s - sys.getsizeof([])) // 8)
        last = s
print("capacities:", caps)
