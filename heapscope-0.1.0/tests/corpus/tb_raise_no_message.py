# Raising an exception class with no arguments.
def check(x):
    if x < 0:
        raise ValueError
print("about to raise")
check(-1)
