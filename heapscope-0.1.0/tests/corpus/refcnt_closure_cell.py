import sys
# A variable captured by a closure lives in a cell.
def make():
    x = []
    print("captured local inside make:", sys.getrefcount(x))
    def get():
        return x
    print("after defining get:", sys.getrefcount(x))
    return get, x
g, obj = make()
print("outside, via obj and cell:", sys.getrefcount(obj))
g2 = g
print("second name for the closure:", sys.getrefcount(obj))
del g, g2
print("after closure freed:", sys.getrefcount(obj))
