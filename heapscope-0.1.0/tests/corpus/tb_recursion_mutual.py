# Mutual recursion: the repeated pair of lines is not collapsed (only runs of
# the same line are), until the limit is hit; a smaller recursion limit.
import sys

def ping(n):
    return pong(n + 1)

def pong(n):
    return ping(n + 1)

def countdown(n):
    if n == 0:
        return [][0]
    return countdown(n - 1)

sys.setrecursionlimit(60)
try:
    ping(0)
except RecursionError as e:
    print("caught:", e)
countdown(20)
