# str() and repr() of exceptions with various args.
excs = [ValueError(), ValueError("msg"), ValueError("a", 2), KeyError("k"),
        KeyError(), IndexError(5), Exception(None), TypeError("bad", "type")]
for exc in excs:
    print(repr(exc), "|", str(exc), "|", exc.args)
print(type(excs[0]).__name__, isinstance(excs[3], LookupError))
