import sys
# References to function objects themselves.
def f():
    return sys.getrefcount(f)
print("function bound to one global:", sys.getrefcount(f))
print("read from inside itself:", f())
g = f
table = {"f": f}
print("with alias and dict value:", sys.getrefcount(f))
def rec(n):
    if n == 0:
        return sys.getrefcount(rec)
    return rec(n - 1)
print("recursive function at depth 3:", rec(3))
