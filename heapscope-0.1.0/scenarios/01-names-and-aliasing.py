#: sys.getrefcount counts the references to an object; we will use it below.
import sys
#: A name is a label for an object. This builds one list and binds a to it.
a = [1, 2]
#: `b = a` copies the reference, not the list: both names reach one object.
b = a
print("a is b:", a is b, "| same id:", id(a) == id(b))
#: Appending through b changes the one list that a also names.
b.append(3)
print("a =", a, "| b =", b)
#: Two names refer to the list, and getrefcount's own argument adds one: 3.
print("refcount of the list:", sys.getrefcount(a))
#: Rebinding b makes it name a new list; the list named a is untouched.
b = [1, 2, 3]
print("a == b:", a == b, "| a is b:", a is b)
#: A list stores references too: both slots of grid refer to the same row.
row = [0, 0]
grid = [row, row]
grid[0][0] = 5
print("grid =", grid, "| grid[0] is grid[1]:", grid[0] is grid[1])
#: row is referenced by its name and by two slots of grid, +1 for the argument.
print("refcount of row:", sys.getrefcount(row))
#: `[[0, 0]] * 2` repeats the reference, not the inner list: one shared row.
bad = [[0, 0]] * 2
bad[0][1] = 7
print("bad =", bad)
#: A comprehension evaluates `[0, 0]` once per item: two separate rows.
good = [[0, 0] for i in range(2)]
good[0][1] = 7
print("good =", good)
#: A call binds the parameter to the caller's object: no copy is made.
def add_item(items, x):
    items.append(x)
add_item(a, 4)
print("a after add_item:", a)
#: Rebinding a parameter only changes the function's own local name.
def replace(items):
    items = ["new"]
    return items
print(replace(a), "but a is still", a)
