# A counter kept in a closure cell with nonlocal.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1())
print(c2())
print("cells:", len(c1.__closure__), "value:", c1.__closure__[0].cell_contents)
