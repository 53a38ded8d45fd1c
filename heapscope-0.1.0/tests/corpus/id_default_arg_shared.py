# A default value is created once and shared by every call.
def f(x=[]):
    return x
a = f()
b = f()
print("f() is f():", a is b)
print("f.__defaults__[0] is a:", f.__defaults__[0] is a)
c = f([])
print("f([]) is f():", c is a)
def g(x=None):
    if x is None:
        x = []
    return x
print("g() is g():", g() is g())
