import sys
# Strings created at run time behave like any other object.
s = "-".join(["a", "b", "c", "d"])
print("joined string:", sys.getrefcount(s))
t = s
print("with alias:", sys.getrefcount(s))
l = [s, s]
print("plus two list slots:", sys.getrefcount(s))
u = s + "!"
print("new concatenation result:", sys.getrefcount(u))
d = {s: 1}
print("as dict key:", sys.getrefcount(s))
