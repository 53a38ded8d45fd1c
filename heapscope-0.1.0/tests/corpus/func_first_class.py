# Functions are objects: store them, pass them, return them.
def square(x):
    return x * x
def twice(f, x):
    return f(f(x))
ops = [square, abs, str]
print([op(-3) for op in ops])
print("twice(square, 3):", twice(square, 3))
alias = square
print("alias is square:", alias is square, alias.__name__)
print("type:", type(square).__name__)
print("sorted by key:", sorted([-5, 2, -1, 4], key=abs))
print("map:", list(map(square, [1, 2, 3])))
