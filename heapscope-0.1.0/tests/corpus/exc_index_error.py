# IndexError messages.
cases = [lambda: [1, 2][5], lambda: (1,)[3], lambda: "ab"[9], lambda: [].pop(),
         lambda: [1].pop(4), lambda: range(3)[7], lambda: b"x"[2]]
for c in cases:
    try:
        c()
    except IndexError as e:
        print(type(e).__name__, e)
l = [1, 2, 3]
try:
    l[10] = 0
except IndexError as e:
    print(type(e).__name__, e)
