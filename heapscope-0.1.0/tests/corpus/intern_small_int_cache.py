# Ints from -5 to 256 are cached; others are new objects at run time.
def make(s):
    return int(s)
for v in ["-6", "-5", "0", "100", "255", "256", "257", "1000"]:
    a = make(v)
    b = make(v)
    print("int(%s) is int(%s):" % (v, v), a is b)
