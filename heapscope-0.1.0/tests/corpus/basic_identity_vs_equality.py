# == compares values, is compares identity.
a = [1, 2]
b = [1, 2]
print(a == b, a is b, a != b, a is not b)
print(1 == 1.0, 1 == True, "" == [], [] == [], () == ())
print([1, [2]] == [1, [2]], {1: 2} == {1: 2}, {1, 2} == {2, 1})
print((1, 2) == [1, 2], [1, 2] < [1, 3], (1, 2) < (1, 2, 0))
x = None
print(x is None, x == None)
