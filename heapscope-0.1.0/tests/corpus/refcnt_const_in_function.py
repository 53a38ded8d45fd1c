import sys
# A literal inside a function is shared with an equal module literal.
def f():
    v = 987654
    return sys.getrefcount(v)
print("inside f:", f())
w = 987654
print("module name bound to same constant:", sys.getrefcount(w))
def g():
    return 55555.5
r = g()
print("float returned from g:", sys.getrefcount(r))
