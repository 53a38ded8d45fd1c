import sys
# BMP strings use 2 bytes per character.
print("'\u20ac':", sys.getsizeof("\u20ac"))
for n in [1, 2, 10, 100]:
    s = "\u20ac" * n
    print("2-byte len", n, "size", sys.getsizeof(s))
m = "abc" + "\u0394" * 3
print("mixed ascii+greek len", len(m), "size", sys.getsizeof(m))
