import sys
# The default recursion limit, and changing it.
print("limit:", sys.getrecursionlimit())
def down(n):
    if n == 0:
        return "bottom"
    return down(n - 1)
print(down(900))
sys.setrecursionlimit(3000)
print("new limit:", sys.getrecursionlimit())
print(down(2500))
sys.setrecursionlimit(1000)
print("restored:", sys.getrecursionlimit())
