# Equal constants in one compilation unit are shared.
x = 1000
y = 1000
print("x = 1000; y = 1000; x is y:", x is y)
def f():
    return 1000
print("constant in function is module constant:", f() is x)
s = "not an identifier!"
t = "not an identifier!"
print("equal str literals shared:", s is t)
u = 2.5
v = 2.5
print("equal float literals shared:", u is v)
p = (1, 2, "a")
q = (1, 2, "a")
print("equal tuple literals shared:", p is q)
