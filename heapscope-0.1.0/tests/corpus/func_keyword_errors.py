# Errors from calling functions with the wrong arguments.
def f(a, b=2):
    return a + b
calls = [
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, c=3),
    lambda: f(1, a=1),
]
for c in calls:
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)
