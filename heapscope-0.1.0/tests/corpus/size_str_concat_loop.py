import sys
# Building a string by += in a loop; sizes follow the length.
s = ""
for i in range(12):
    s += "ab"
    if i % 3 == 2:
        print("len", len(s), "size", sys.getsizeof(s))
t = "\u00e9"
for i in range(3):
    t += "x"
print("latin-1 after += ascii, len", len(t), "size", sys.getsizeof(t))
u = "x" * 5 + "\u20ac"
print("ascii + euro, len", len(u), "size", sys.getsizeof(u))
