# Uncaught IndexError inside a function.
def last_plus_one(items):
    return items[len(items)]
print("calling")
print(last_plus_one([1, 2, 3]))
