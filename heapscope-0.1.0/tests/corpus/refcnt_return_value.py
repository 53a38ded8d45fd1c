import sys
# Returning an object transfers the function's reference.
def make():
    x = [1]
    return x
def passthrough(y):
    return y
r = make()
print("returned list:", sys.getrefcount(r))
s = passthrough(r)
print("after passthrough:", sys.getrefcount(r))
print("getrefcount(make()):", sys.getrefcount(make()))
print("getrefcount(passthrough(r)):", sys.getrefcount(passthrough(r)))
