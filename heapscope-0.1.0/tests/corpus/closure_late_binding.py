# Closures see the variable, not its value at definition time.
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print("late binding:", [f() for f in funcs])
funcs2 = []
for i in range(3):
    funcs2.append(lambda i=i: i)
print("default-arg capture:", [f() for f in funcs2])
def make(n):
    return lambda: n
funcs3 = [make(i) for i in range(3)]
print("factory capture:", [f() for f in funcs3])
