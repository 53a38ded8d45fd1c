# Functions receive references, not copies.
def add_item(lst):
    lst.append("new")
def rebind(lst):
    lst = ["other"]
    return lst
def increment(n):
    n += 1
    return n
data = ["old"]
add_item(data)
print("after add_item:", data)
r = rebind(data)
print("after rebind, data:", data, "returned:", r)
x = 10
y = increment(x)
print("after increment, x:", x, "y:", y)
