# Full slices copy lists, but return the same immutable object.
l = [1, 2, 3]
t = (1, 2, 3)
s = "hello world"
print("l[:] is l:", l[:] is l)
print("l[:] == l:", l[:] == l)
print("t[:] is t:", t[:] is t)
print("s[:] is s:", s[:] is s)
print("t[0:3] is t:", t[0:3] is t)
print("t[1:] is t:", t[1:] is t)
print("tuple(t) is t:", tuple(t) is t)
print("str(s) is s:", str(s) is s)
print("list(l) is l:", list(l) is l)
