# Unpacking errors.
def unpack2(seq):
    a, b = seq
    return a, b
for seq in [[1, 2, 3], [1], [], "abcd"]:
    try:
        unpack2(seq)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    a, b = 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    x, *y, z = [1]
except ValueError as e:
    print(type(e).__name__, e)
