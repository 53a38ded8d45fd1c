import sys
# Cells created for closures (observable through __closure__).
def outer():
    x = [1, 2]
    def inner():
        return x
    return inner
f = outer()
c = f.__closure__[0]
print("number of cells:", len(f.__closure__))
print("cell size:", sys.getsizeof(c))
print("cell contents:", c.cell_contents)
print("__closure__ tuple size:", sys.getsizeof(f.__closure__))
