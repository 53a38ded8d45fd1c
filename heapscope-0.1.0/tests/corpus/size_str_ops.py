import sys
# Sizes of strings produced by common operations.
s = "hello"
print("s.upper():", sys.getsizeof(s.upper()))
print("s + ' world':", sys.getsizeof(s + " world"))
print("str(12345):", sys.getsizeof(str(12345)))
print("repr('x'):", sys.getsizeof(repr("x")))
print("', '.join(['a', 'b', 'c']):", sys.getsizeof(", ".join(["a", "b", "c"])))
print("f-string:", sys.getsizeof(f"{s}!{len(s)}"))
print("s[1:3]:", sys.getsizeof(s[1:3]))
print("str(3.5):", sys.getsizeof(str(3.5)))
