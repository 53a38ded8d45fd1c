import sys
# Function objects.
def f():
    pass
def g(a, b=1, *args, **kw):
    return a
lam = lambda x: x
print("def f():", sys.getsizeof(f))
print("def g(...):", sys.getsizeof(g))
print("lambda:", sys.getsizeof(lam))
def outer():
    y = 1
    def inner():
        return y
    return inner
print("closure:", sys.getsizeof(outer()))
print("builtin len:", sys.getsizeof(len))
