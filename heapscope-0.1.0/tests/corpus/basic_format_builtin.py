# format() and str.format with specs.
print(format(3.14159, ".3f"), format(255, "08b"), format(1e6, ".2e"))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:.3}".format(2 / 3), "{:g}".format(0.0001), "{:g}".format(1e20))
print("{0:5.1f}|{0:>10.4f}|".format(12.34567))
print(format(-42, "5d"), format(42, " d"), format(1.0, ".0f"))
print(repr(format("abc", "")), format(True), format(None))
