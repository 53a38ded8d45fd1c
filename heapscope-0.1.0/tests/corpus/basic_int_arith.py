# Integer arithmetic, including negative floor division and modulo.
a, b = 17, 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-17 // 5, -17 % 5, 17 // -5, 17 % -5)
print(divmod(17, 5), divmod(-17, 5))
print(abs(-7), pow(2, 10), pow(3, 4, 5))
print(7 / 7, type(7 / 7).__name__)
print(1 + True, True + True, -True)
print(0b1010, 0o17, 0xff, 1_000_000)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3)
