import sys
#: inc uses count, a local of the call to make_counter that creates it.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
#: make_counter's frame is gone after it returns, but count lives on in a cell.
c = make_counter()
print(c(), c(), c())
#: The function keeps its cells in __closure__; a cell holds the current value.
cell = c.__closure__[0]
print(type(cell).__name__, "holds", cell.cell_contents, "|", sys.getsizeof(cell), "bytes")
#: Each call of make_counter makes a new cell, so the counters are independent.
d = make_counter()
print(d(), c(), "| same cell:", d.__closure__[0] is cell)
#: Two functions made by the same call share one cell.
def make_pair():
    box = []
    def put(x):
        box.append(x)
    def get():
        return box
    return put, get
put, get = make_pair()
put(1)
put(2)
print(get(), "| shared cell:", put.__closure__[0] is get.__closure__[0])
#: The cell keeps the list alive: it counts, as do the name items and the argument.
items = get()
print("refcount of the list:", sys.getrefcount(items))
#: A closure sees the variable, not its value at creation: all three see i = 2.
fs = [lambda: i for i in range(3)]
print([f() for f in fs], "| one shared cell:", fs[0].__closure__[0] is fs[2].__closure__[0])
#: A default argument copies the current value instead: no cell at all.
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs], "| closure:", fs[0].__closure__)
