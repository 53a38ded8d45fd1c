# finally runs even when returning; a return in finally wins.
def f():
    try:
        return "try"
    finally:
        print("finally of f")
def g():
    try:
        raise ValueError("lost")
    finally:
        return "finally wins"
def h():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            print("finally in loop", i)
    return i
print(f())
print(g())
print(h())
