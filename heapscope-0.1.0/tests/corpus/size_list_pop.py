import sys
# pop() shrinks the allocation when the list gets under half full.
a = list(range(30))
a.append(30)
print("31 items:", sys.getsizeof(a))
while a:
    before = sys.getsizeof(a)
    a.pop()
    after = sys.getsizeof(a)
    if after != before:
        print("after pop to len", len(a), ":", after)
print("empty:", sys.getsizeof(a))
