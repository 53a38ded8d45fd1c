# Nested functions and scopes.
x = "global"
def outer():
    x = "outer"
    def inner():
        return x
    return inner()
def shadow():
    x = "local"
    return x
print(outer())
print(shadow())
print(x)
def uses_global():
    return x
print(uses_global())
