# and/or return operands; truthiness of values.
print(0 or "default", "x" or "y", None and 1, 1 and 2, [] or {} or "last")
for v in [0, 1, -1, 0.0, "", "0", [], [0], {}, None, (), (None,)]:
    print(repr(v), bool(v))
print(not None, not [1], True == 1, False == 0, True is not False)
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, "1" == 1)
x = 5
print(0 < x <= 5, x if x > 3 else -x)
