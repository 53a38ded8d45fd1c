import sys
#: getsizeof(list) = 56 bytes for the list object + 8 per slot of its separate array.
items = []
print("empty list:", sys.getsizeof(items), "bytes, no array yet")
#: append over-allocates, so most appends find a free slot. Watch the jumps:
#: 3.8 grows to 4, 8, 16, 25 slots; 3.9+ round to multiples of 4: 4, 8, 16, 24.
last = sys.getsizeof(items)
for i in range(20):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print(f"len {len(items):2}: {size} bytes = 56 + 8 * {(size - 56) // 8} slots")
        last = size
#: pop shrinks the array only when it falls below half full.
while items:
    items.pop()
    size = sys.getsizeof(items)
    if size != last:
        print(f"len {len(items):2}: {size} bytes after pop")
        last = size
#: [0] * 3 gets exactly 3 slots; list(range(3)) too in 3.8, rounded up to 4 in 3.11+.
print("[0] * 3:", sys.getsizeof([0] * 3), "| list(range(3)):", sys.getsizeof(list(range(3))))
#: A literal of 3 constants: exact in 3.8 (80); 3.9+ extend an empty list (88).
print("[1, 2, 3]:", sys.getsizeof([1, 2, 3]))
#: A comprehension appends one item at a time, so it over-allocates too.
print("[i for i in range(3)]:", sys.getsizeof([i for i in range(3)]))
#: A tuple never grows, so it needs no spare slots (and no separate array).
print("(1, 2, 3):", sys.getsizeof((1, 2, 3)))
#: getsizeof counts only the slots, never the objects they refer to.
big = ["x" * 1000]
print("list holding a 1000-char string:", sys.getsizeof(big))
