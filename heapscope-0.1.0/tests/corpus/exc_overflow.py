# OverflowError from float operations.
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    10 ** 400 / 1
except OverflowError as e:
    print(type(e).__name__, e)
print("int power is fine:", len(str(2 ** 10000)))
print("float('inf') * 2:", float("inf") * 2)
