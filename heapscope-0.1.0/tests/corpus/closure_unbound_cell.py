# Reading a free variable before it is assigned.
def outer():
    def inner():
        return v
    try:
        inner()
    except NameError as e:
        print(type(e).__name__ + ":", e)
    v = 5
    return inner()
print(outer())
