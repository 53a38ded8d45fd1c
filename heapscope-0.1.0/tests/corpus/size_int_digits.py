import sys
# int size grows by 4 bytes per 30-bit digit.
bounds = [2**30 - 1, 2**30, 2**60 - 1, 2**60, 2**90 - 1, 2**90, 2**120]
for b in bounds:
    print("bits", b.bit_length(), "size", sys.getsizeof(b))
