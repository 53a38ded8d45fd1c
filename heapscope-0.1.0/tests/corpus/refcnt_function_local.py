import sys
# References held by function locals.
def f():
    a = []
    print("local, one name:", sys.getrefcount(a))
    b = a
    print("local, two names:", sys.getrefcount(a))
    del b
    print("local, after del:", sys.getrefcount(a))
    return a
r = f()
print("returned and bound:", sys.getrefcount(r))
