# *args collects extra positional arguments into a tuple.
def total(*args):
    print("args:", args, type(args).__name__)
    return sum(args)
print(total())
print(total(1, 2, 3))
nums = [4, 5, 6]
print(total(*nums))
def head_tail(first, *rest):
    return first, rest
print(head_tail(1, 2, 3))
print(head_tail("only"))
