import sys
# Instances and subclasses reference their class.
class A:
    pass
base = sys.getrefcount(A)
a1 = A()
print("one instance adds:", sys.getrefcount(A) - base)
a2 = A()
print("two instances add:", sys.getrefcount(A) - base)
del a1, a2
print("after deleting them:", sys.getrefcount(A) - base)
l = [A(), A(), A()]
print("list of 3 instances adds:", sys.getrefcount(A) - base)
del l
t = type(A())
print("t = type(...) adds:", sys.getrefcount(A) - base)
