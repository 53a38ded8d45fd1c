import sys
# The closed-over object is referenced only by its cell.
def outer():
    data = []
    def inner():
        return data
    return inner
f = outer()
obj = f()
print("via cell + obj:", sys.getrefcount(obj))
g = outer()
print("another closure has its own list:", g() is not obj)
del f
print("after closure deleted:", sys.getrefcount(obj))
