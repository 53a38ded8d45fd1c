# Converting huge ints to/from str is limited to 4300 digits.
big = 10 ** 4299
print("4300 digits:", len(str(big)))
try:
    str(10 ** 5000)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("1" * 5000)
except ValueError as e:
    print(type(e).__name__, e)
print("hex is unlimited:", len(hex(10 ** 5000)))
