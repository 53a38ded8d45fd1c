# Arguments are evaluated left to right, before the call.
def show(tag, value):
    print("eval", tag)
    return value
def f(a, b, c):
    print("in f")
    return a + b + c
print(f(show("a", 1), show("b", 2), c=show("c", 3)))
print(show("left", 1) + show("right", 2))
d = {show("k1", "x"): show("v1", 1)}
