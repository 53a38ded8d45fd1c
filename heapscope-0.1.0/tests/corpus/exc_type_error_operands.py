# TypeError messages for bad operand types.
cases = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + (2,),
    lambda: "a" * "b",
    lambda: None + 1,
    lambda: -"x",
    lambda: 1 < "a",
    lambda: [1] - [1],
    lambda: {} + {},
    lambda: 2 ** "x",
]
for c in cases:
    try:
        c()
    except TypeError as e:
        print(type(e).__name__, e)
