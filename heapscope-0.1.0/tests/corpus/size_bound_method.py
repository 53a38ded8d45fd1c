import sys
# Bound methods and builtin methods.
class A:
    def m(self):
        pass
a = A()
print("bound method:", sys.getsizeof(a.m))
print("A.m (plain function):", sys.getsizeof(A.m))
l = []
print("builtin method l.append:", sys.getsizeof(l.append))
