# TypeError messages for calling and indexing the wrong things.
x = 5
cases = [
    lambda: x(),
    lambda: x[0],
    lambda: len(x),
    lambda: "abc"[1.5],
    lambda: [1, 2]["a"],
    lambda: int([1]),
    lambda: iter(x),
    lambda: sum(["a", "b"]),
    lambda: {[1]: 2},
    lambda: hash([]),
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print(type(e).__name__, e)
