# Re-raising and nested handlers.
def inner():
    raise KeyError("k")
def middle():
    try:
        inner()
    except KeyError:
        print("middle saw KeyError, re-raising")
        raise
try:
    middle()
except KeyError as e:
    print("outer caught", repr(e))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("converted")
except ValueError as e:
    print("caught", e, "context:", type(e.__context__).__name__)
