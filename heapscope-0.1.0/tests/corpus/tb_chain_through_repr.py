# An exception raised by __repr__ while print() runs inside a handler: its
# context is the handled exception; __del__ failing inside a handler.
class R:
    def __repr__(self):
        return 1 / 0

class D:
    def __del__(self):
        raise ValueError("del failed")

def f():
    d = D()
    try:
        raise KeyError("k")
    except KeyError:
        del d
        print("handled")

f()

def g():
    try:
        [][0]
    except IndexError:
        print(R())

g()
