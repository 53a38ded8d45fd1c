import sys
#: A name bound at the top of a file is a global, kept in the module's dict.
x = "global x"
#: Each call gets a new frame with its own local names.
def show(n):
    x = "local x"
    square = n * n
    print("  in show:", x, square)
    return square
r = show(4)
#: The local x hid the global one only inside that frame.
print("back in the module:", x, r)
#: The frame is gone after the return, and its local names with it.
try:
    print(square)
except NameError as e:
    print("NameError:", e)
#: Recursion: each active call has its own frame, with its own n.
def countdown(n, depth=0):
    print("  " * depth + f"enter n={n}")
    if n > 0:
        countdown(n - 1, depth + 1)
    print("  " * depth + f"leave n={n}")
countdown(3)
#: Results travel back: each frame returns its value to the frame that called it.
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)
print("factorial(20) =", factorial(20))
#: The depth of the frame stack is limited: 1000 frames by default.
print("recursion limit:", sys.getrecursionlimit())
#: Without a base case the calls hit the limit and RecursionError is raised.
def forever(n):
    return forever(n + 1)
try:
    forever(1)
except RecursionError as e:
    print("RecursionError:", e)
