import sys
import copy
# Shallow copies add references to the same items.
x = []
l = [x, x]
print("x in list of 2:", sys.getrefcount(x))
c1 = l[:]
print("after l[:]:", sys.getrefcount(x))
c2 = list(l)
print("after list(l):", sys.getrefcount(x))
c3 = copy.copy(l)
print("after copy.copy(l):", sys.getrefcount(x))
c4 = copy.deepcopy(l)
print("after copy.deepcopy(l):", sys.getrefcount(x))
print("deep copy shares one new inner list:", c4[0] is c4[1], sys.getrefcount(c4[0]))
