# except clauses match subclasses; the first match wins.
def classify(f):
    try:
        f()
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except ArithmeticError as e:
        return "arith " + type(e).__name__
    except Exception as e:
        return "other " + type(e).__name__
    return "ok"
print(classify(lambda: {}[1]))
print(classify(lambda: [][1]))
print(classify(lambda: 1 / 0))
print(classify(lambda: int("x")))
print(classify(lambda: None))
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError))
print([c.__name__ for c in KeyError.__mro__])
