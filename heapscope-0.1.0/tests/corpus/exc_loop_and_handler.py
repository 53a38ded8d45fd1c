# Exceptions inside loops; continue/break from handlers.
values = ["1", "x", "3", "0", "5"]
total = 0
for v in values:
    try:
        n = int(v)
        total += 10 // n
    except ValueError:
        print("skip", repr(v))
        continue
    except ZeroDivisionError:
        print("stop at zero")
        break
    print("added", v)
else:
    print("no break")
print("total:", total)
