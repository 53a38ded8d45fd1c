# Raising an exception that is already in the handled one's context chain
# cuts the cycle; each exception of a chain is printed once.
def f():
    try:
        raise KeyError("a")
    except KeyError as a:
        try:
            raise ValueError("b")
        except ValueError as b:
            a.__context__ = b
            raise a

try:
    f()
except KeyError as e:
    print(type(e.__context__).__name__, e.__context__.__context__)

e1 = ValueError("one")
e2 = TypeError("two")
e2.__cause__ = e1
print(e2.__suppress_context__, e2.__cause__)
e2.__suppress_context__ = False
print(e2.__suppress_context__)
try:
    e2.__cause__ = 5
except TypeError as e:
    print(e)
f()
