# Wrong-argument errors for methods name the class in newer versions.
class A:
    def m(self, x):
        return x
a = A()
try:
    a.m()
except TypeError as e:
    print("TypeError:", e)
try:
    a.m(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    A()
    A(1)
except TypeError as e:
    print("TypeError:", e)
