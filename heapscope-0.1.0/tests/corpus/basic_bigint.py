# Arbitrary-precision integers.
print(2 ** 100)
print(-(2 ** 100))
print(2 ** 64 - 1)
x = 1
for i in range(1, 21):
    x *= i
print("20! =", x)
print(x // 7, x % 7)
print((10 ** 30 + 1) * (10 ** 30 - 1))
print(-(10 ** 25) // 3, -(10 ** 25) % 3)
print(hex(2 ** 70), bin(2 ** 33))
print(len(str(3 ** 1000)))
print((2 ** 200).bit_length(), 7 ** 77 % 1000)
