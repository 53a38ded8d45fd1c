import sys
# Constants are owned by the code object; while a file runs, its parsed
# form keeps one more reference to each literal.
x = 123456
print("int literal bound to x:", sys.getrefcount(x))
y = 123456
print("same literal bound to y too:", sys.getrefcount(x))
s = "a literal that is not an identifier"
print("str literal:", sys.getrefcount(s))
t = (1, 2, 3)
print("tuple literal:", sys.getrefcount(t))
f = 2.75
print("float literal:", sys.getrefcount(f))
del x, y
n = int("123456")
print("int from int():", sys.getrefcount(n))
