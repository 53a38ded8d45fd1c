import sys
# References held while an object is passed as an argument.
def one(x):
    return sys.getrefcount(x)
def two(x):
    y = x
    return sys.getrefcount(x)
def nested(x):
    return one(x)
a = []
print("global only:", sys.getrefcount(a))
print("inside one(a):", one(a))
print("inside two(a) with local alias:", two(a))
print("inside nested(a) -> one(x):", nested(a))
print("inside one([]) (temporary arg):", one([]))
print("after calls:", sys.getrefcount(a))
