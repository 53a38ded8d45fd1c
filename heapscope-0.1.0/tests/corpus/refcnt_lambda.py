import sys
# lambdas capturing variables and default values.
x = []
f = lambda: x
print("lambda reading a global:", sys.getrefcount(x))
g = lambda y=x: y
print("lambda with default:", sys.getrefcount(x))
def mk(v):
    return lambda: v
h = mk(x)
print("lambda closing over v:", sys.getrefcount(x))
del g, h
print("after del g, h:", sys.getrefcount(x))
