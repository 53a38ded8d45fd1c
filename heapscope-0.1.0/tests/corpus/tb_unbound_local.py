# Uncaught UnboundLocalError.
total = 0
def add(x):
    total = total + x
    return total
add(1)
