import sys
# A set grown by add() (printed when the size changes).
s = set()
print("empty set:", sys.getsizeof(s))
last = sys.getsizeof(s)
for i in range(200):
    s.add(i)
    n = sys.getsizeof(s)
    if n != last:
        print("after", len(s), "adds:", n)
        last = n
