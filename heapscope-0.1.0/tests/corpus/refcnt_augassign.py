import sys
# In-place operators keep the same object for lists.
a = []
b = a
print("before +=:", sys.getrefcount(a))
a += [1]
print("after a += [1]:", sys.getrefcount(a), a is b)
a = a + [2]
print("after a = a + [2], old list via b:", sys.getrefcount(b))
print("new list:", sys.getrefcount(a))
x = [0]
items = [x]
items *= 3
print("x after items *= 3:", sys.getrefcount(x))
