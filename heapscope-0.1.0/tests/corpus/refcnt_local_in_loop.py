import sys
# Locals rebound in a loop inside a function.
def work():
    keep = []
    for i in range(3):
        item = [i]
        keep.append(item)
        print("iteration", i, "item refcount:", sys.getrefcount(item))
    print("first item after loop:", sys.getrefcount(keep[0]))
    print("last item (also bound to item):", sys.getrefcount(keep[2]))
    return keep
k = work()
print("after return:", [sys.getrefcount(x) for x in k])
