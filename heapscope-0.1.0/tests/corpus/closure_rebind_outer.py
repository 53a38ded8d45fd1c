# A closure sees later rebindings of the enclosing variable.
def outer():
    x = 1
    def show():
        return x
    x = 2
    r1 = show()
    x = "three"
    return r1, show()
print(outer())
def no_nonlocal():
    y = 1
    def try_set():
        y = 100
        return y
    try_set()
    return y
print("without nonlocal the outer y stays:", no_nonlocal())
