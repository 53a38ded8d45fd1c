import sys
# An instance __dict__ as attributes are added one by one.
class A:
    pass
a = A()
d = a.__dict__
print("empty __dict__:", sys.getsizeof(d))
for i in range(12):
    setattr(a, "attr%d" % i, i)
    print("after", i + 1, "attrs:", sys.getsizeof(d))
