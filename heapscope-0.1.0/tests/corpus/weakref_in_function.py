import weakref
# A weakref to a local dies when the function returns.
class A:
    pass
def make():
    local = A()
    return weakref.ref(local)
r = make()
print("referent after return:", r())
def keep():
    obj = A()
    return obj, weakref.ref(obj)
obj, r2 = keep()
print("kept alive by the caller:", r2() is obj)
obj = None
print("after obj = None:", r2())
