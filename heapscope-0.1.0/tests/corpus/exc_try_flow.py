# try / except / else / finally ordering.
def run(x):
    try:
        print(" try", x)
        r = 10 // x
    except ZeroDivisionError:
        print(" except")
        return "from except"
    else:
        print(" else", r)
        return "from else"
    finally:
        print(" finally")
print(run(2))
print(run(0))
