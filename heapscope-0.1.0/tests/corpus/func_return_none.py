# Functions without return give None; multiple return values are a tuple.
def nothing():
    pass
def early(x):
    if x > 0:
        return
    print("not returned early")
def pair():
    return 1, 2
print(nothing())
print(early(1))
print(early(-1))
r = pair()
print(r, type(r).__name__)
a, b = pair()
print(a, b)
