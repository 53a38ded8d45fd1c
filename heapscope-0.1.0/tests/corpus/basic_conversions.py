# Type conversions and builtins hex, ord, chr.
print(int("42"), int("-7"), int("  12  "), int("ff", 16), int("0b101", 0), int(True))
print(float("3.5"), float("-1e3"), float(2), float("  .5"))
print(str(42), str(-0.0), str(1e100), repr(1e-7))
print(list((1, 2)), tuple([3, 4]), list("ab"), list(range(3)))
print(dict([("a", 1), ("b", 2)]), dict(x=1), set([1, 1, 2]))
print(hex(255), hex(-1), oct(8), bin(5), ord("a"), chr(65))
print(bool("False"), bool(0.0), int(-2.7), round(7.5), round(8.5))
print(abs(-3.5), abs(-4), len("héllo"), type(3).__name__, type(3.0).__name__, type("").__name__)
