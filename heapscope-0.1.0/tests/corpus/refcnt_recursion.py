import sys
# Each active frame holds the argument.
def down(x, n):
    if n == 0:
        return sys.getrefcount(x)
    return down(x, n - 1)
o = []
for depth in [0, 1, 2, 5]:
    print("depth", depth, ":", down(o, depth))
print("after:", sys.getrefcount(o))
