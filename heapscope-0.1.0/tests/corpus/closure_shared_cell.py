# Two closures made by one call share a cell.
def make():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_
get, set_ = make()
print("initial:", get())
set_(42)
print("after set_(42):", get())
print("same cell:", get.__closure__[0] is set_.__closure__[0])
get2, set2 = make()
print("new call, new cell:", get2(), get2.__closure__[0] is get.__closure__[0])
