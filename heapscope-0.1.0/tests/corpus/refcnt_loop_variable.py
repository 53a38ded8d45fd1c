import sys
# The loop variable and the list's iterator hold references.
items = [[], [], []]
for it in items:
    print("item during loop:", sys.getrefcount(it))
print("last item after loop:", sys.getrefcount(items[2]))
print("list during loop is held by its iterator:")
for i in range(2):
    print("  list refcount in range loop:", sys.getrefcount(items))
for it in items:
    print("  list refcount while iterating it:", sys.getrefcount(items))
    break
del it
print("last item after del it:", sys.getrefcount(items[2]))
