import sys
# Temporaries: only the argument reference remains.
print("getrefcount([]):", sys.getrefcount([]))
print("getrefcount(object()):", sys.getrefcount(object()))
print("getrefcount([1, 2] + [3]):", sys.getrefcount([1, 2] + [3]))
print("getrefcount({}):", sys.getrefcount({}))
x = 7
print("getrefcount(str(x * 1000)):", sys.getrefcount(str(x * 1000)))
print("getrefcount(x * 10 ** 20):", sys.getrefcount(x * 10 ** 20))
