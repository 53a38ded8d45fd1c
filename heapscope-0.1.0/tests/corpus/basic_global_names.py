# Scope rules: locals, globals, builtins.
x = 1
def f():
    return x + 1
def g():
    x = 10
    return x
def h():
    len = 3
    return len
print(f(), g(), h(), x, len("abc"))
def count_calls():
    global calls
    calls = calls + 1
calls = 0
for i in range(4):
    count_calls()
print("calls:", calls)
