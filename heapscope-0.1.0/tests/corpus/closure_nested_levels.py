# Closures across three levels.
def a():
    x = "a-x"
    def b():
        y = "b-y"
        def c():
            return x + "/" + y
        return c
    return b()
f = a()
print(f())
print("cells in c:", len(f.__closure__))
