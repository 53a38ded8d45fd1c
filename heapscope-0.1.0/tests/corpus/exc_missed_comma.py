# Compile-time SyntaxWarnings for calls and subscripts that cannot work:
# "perhaps you missed a comma?"; the TypeErrors they predict.
x = [1]
cases = [
    lambda: [(1, 2) (3, 4)],
    lambda: 1[0],
    lambda: None[0],
    lambda: {1, 2}[0],
    lambda: (lambda: 1)[0],
    lambda: (1, 2)["a"],
    lambda: "abc"[None],
    lambda: [y for y in x][1.0],
    lambda: f"a{x}"["k"],
    lambda: -1(2),
    lambda: {}(2),
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print(e)
print("abc"[True], (1, 2)[1:2], (1, 2)[x[0]])
