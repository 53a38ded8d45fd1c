import sys
# List displays of different lengths and contents.
x = 5
print("[]:", sys.getsizeof([]))
print("[1]:", sys.getsizeof([1]))
print("[1, 2]:", sys.getsizeof([1, 2]))
print("[1, 2, 3]:", sys.getsizeof([1, 2, 3]))
print("[1, 2, 3, 4, 5]:", sys.getsizeof([1, 2, 3, 4, 5]))
print("[x, x, x]:", sys.getsizeof([x, x, x]))
print("[x, 2, 3]:", sys.getsizeof([x, 2, 3]))
print("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]:", sys.getsizeof([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
print("[[], []]:", sys.getsizeof([[], []]))
