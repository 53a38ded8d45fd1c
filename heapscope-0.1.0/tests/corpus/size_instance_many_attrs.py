import sys
# getsizeof of an instance while attributes are added (no __dict__ access).
class A:
    pass
a = A()
print("no attrs:", sys.getsizeof(a))
for i in range(1, 31):
    setattr(a, "a%d" % i, i)
    if i in (1, 5, 6, 10, 20, 30):
        print(i, "attrs:", sys.getsizeof(a))
print("__dict__ after 30 attrs:", sys.getsizeof(a.__dict__))
