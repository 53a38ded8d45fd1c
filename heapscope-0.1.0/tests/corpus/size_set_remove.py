import sys
# Sets do not shrink on remove; clear() does.
s = set(range(30))
print("30 items:", sys.getsizeof(s))
for i in range(29):
    s.discard(i)
print("after removing 29:", sys.getsizeof(s), s)
s.clear()
print("after clear():", sys.getsizeof(s))
t = {1, 2, 3}
t.pop()
print("after pop:", sys.getsizeof(t), len(t))
