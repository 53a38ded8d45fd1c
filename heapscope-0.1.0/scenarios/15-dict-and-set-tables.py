import sys
#: An empty dict has no hash table yet: just the dict object.
d = {}
print("empty dict:", sys.getsizeof(d))
#: Keys go into a table that grows when it is 2/3 full: 8 slots hold 5 keys,
#: 16 hold 10, 32 hold 21. 3.11+ use 16-byte entries when all keys are str.
last = sys.getsizeof(d)
for i in range(25):
    d[f"key{i}"] = i
    size = sys.getsizeof(d)
    if size != last:
        print(f"len {len(d):2}: {size} bytes")
        last = size
#: Deleting keys never shrinks the table: the slots stay reserved.
for i in range(20):
    del d[f"key{i}"]
print(len(d), "keys left:", sys.getsizeof(d), "bytes")
#: clear() throws the table away.
d.clear()
print("after clear():", sys.getsizeof(d), "bytes")
#: One str key against one int key: the same in 3.8, smaller for str in 3.11+.
print("{'a': 1}:", sys.getsizeof({"a": 1}), "| {1: 1}:", sys.getsizeof({1: 1}))
#: A set is a hash table too, with 8 slots inside the set object itself.
s = set()
last = sys.getsizeof(s)
print("empty set:", last)
for i in range(40):
    s.add(i)
    size = sys.getsizeof(s)
    if size != last:
        print(f"len {len(s):2}: {size} bytes")
        last = size
