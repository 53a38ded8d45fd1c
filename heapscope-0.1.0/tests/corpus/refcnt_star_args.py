import sys
# *args and **kwargs collect references in a new tuple/dict.
def f(*args):
    return sys.getrefcount(args[0])
def g(**kw):
    return sys.getrefcount(kw["a"])
def h(a, b):
    return sys.getrefcount(a)
x = []
print("x alone:", sys.getrefcount(x))
print("inside f(x):", f(x))
print("inside f(x, x):", f(x, x))
print("inside g(a=x):", g(a=x))
print("inside h(x, x):", h(x, x))
print("inside h(b=x, a=x):", h(b=x, a=x))
t = (x, x)
print("inside f(*t):", f(*t))
