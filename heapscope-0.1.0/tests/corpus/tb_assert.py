# Failed assert with a message.
def average(xs):
    assert len(xs) > 0, "empty list"
    return sum(xs) / len(xs)
print(average([1, 2]))
print(average([]))
