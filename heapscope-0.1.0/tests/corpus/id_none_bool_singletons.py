# None, True and False are singletons.
def f():
    pass
x = None
print("f() is None:", f() is None)
print("x is None:", x is None)
print("bool(1) is True:", bool(1) is True)
print("(1 == 1) is True:", (1 == 1) is True)
print("not 0 is True:", (not 0) is True)
print("bool([]) is False:", bool([]) is False)
print("type(None).__name__:", type(None).__name__)
print("id(None) == id(f()):", id(None) == id(f()))
