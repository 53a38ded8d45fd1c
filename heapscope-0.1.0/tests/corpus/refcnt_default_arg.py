import sys
# Default values are held by the function's __defaults__ tuple.
d = []
def f(x=d):
    return sys.getrefcount(x)
print("global + default:", sys.getrefcount(d))
print("inside f() using the default:", f())
def g(x=d, y=d):
    return 0
print("plus two more defaults:", sys.getrefcount(d))
del f, g
print("after functions deleted:", sys.getrefcount(d))
