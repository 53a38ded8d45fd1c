# A def without its colon.
print("not printed: the file does not compile")
def f(x)
    return x
print(f(1))
