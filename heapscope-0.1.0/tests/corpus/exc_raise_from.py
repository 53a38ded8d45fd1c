# Exception chaining with raise ... from.
try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("bad config") from e
except RuntimeError as e:
    print(e, "| cause:", type(e.__cause__).__name__, e.__cause__)
    print("suppress_context:", e.__suppress_context__)
try:
    try:
        [][0]
    except IndexError:
        raise KeyError("k") from None
except KeyError as e:
    print(repr(e), "cause:", e.__cause__, "suppress:", e.__suppress_context__)
