# A script that fails inside a function: the dump still comes out, with
# status "error", the exception and where it was raised.
def average(values):
    total = sum(values)
    return total / len(values)
scores = [3, 4, 5]
print("average:", average(scores))
empty = []
print("average:", average(empty))
