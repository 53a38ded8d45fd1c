# RecursionError when the recursion limit is exceeded.
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, e)
print("RecursionError is a RuntimeError:", issubclass(RecursionError, RuntimeError))
depth = 0
def measure():
    global depth
    depth += 1
    measure()
try:
    measure()
except RecursionError:
    print("depth reached is close to the limit:", 900 < depth <= 1000)
