import sys
# Tuple items hold references too.
x = []
t = (x, x, x)
print("x in a 3-tuple:", sys.getrefcount(x))
print("the tuple itself:", sys.getrefcount(t))
u = t
print("tuple with alias:", sys.getrefcount(t))
del t, u
print("x after tuple freed:", sys.getrefcount(x))
a, b = x, x
print("after a, b = x, x:", sys.getrefcount(x))
