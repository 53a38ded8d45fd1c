# assert raises AssertionError.
def check(x):
    assert x > 0, "x must be positive, got %d" % x
    return x
print(check(3))
try:
    check(-1)
except AssertionError as e:
    print(type(e).__name__, e)
try:
    assert 1 == 2
except AssertionError as e:
    print(type(e).__name__, repr(str(e)), e.args)
