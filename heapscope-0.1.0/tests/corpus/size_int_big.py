import sys
# Big ints from arithmetic.
f = 1
for i in range(1, 31):
    f = f * i
print("30! =", f)
print("size of 30!:", sys.getsizeof(f))
big = 10 ** 100
print("size of 10**100:", sys.getsizeof(big))
print("size of 10**100 - 10**100:", sys.getsizeof(big - big))
print("size of 2**1000:", sys.getsizeof(2 ** 1000))
print("size of -(2**1000):", sys.getsizeof(-(2 ** 1000)))
x = 2 ** 64
print("size of 2**64 // 2**40:", sys.getsizeof(x // 2 ** 40))
