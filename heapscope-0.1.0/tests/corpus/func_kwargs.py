# **kwargs collects extra keyword arguments into a dict.
def show(**kw):
    for k in kw:
        print(" ", k, "=", kw[k])
    return len(kw)
print("count:", show(a=1, b=2))
opts = {"x": 10, "y": 20}
print("count:", show(**opts))
def mixed(a, *args, b=2, **kw):
    return (a, args, b, kw)
print(mixed(1))
print(mixed(1, 2, 3, b=4, c=5))
