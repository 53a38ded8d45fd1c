# ValueError messages.
cases = [lambda: int("x"), lambda: int("1.5"), lambda: int(""), lambda: float("abc"),
         lambda: [1, 2].index(5), lambda: "abc".index("z"), lambda: [].remove(1),
         lambda: int("12", 1), lambda: chr(-1), lambda: "a,b".split(""), lambda: range(1, 2, 0)]
for c in cases:
    try:
        c()
    except ValueError as e:
        print(type(e).__name__, e)
