# Three exceptions chained: a cause whose own context is printed too, and a
# handler in a finally block.
def step1():
    return 1 / 0

def step2():
    try:
        step1()
    except ZeroDivisionError as e:
        raise LookupError("step2 failed") from e

def step3():
    try:
        step2()
    finally:
        names = []
        names[3]

print("go")
step3()
