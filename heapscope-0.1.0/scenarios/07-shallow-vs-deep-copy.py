import copy
#: A nested list: an outer list holding references to two inner lists.
orig = [[1, 2], [3, 4]]
#: copy.copy makes a new outer list that shares the same inner lists.
shallow = copy.copy(orig)
print("new outer:", shallow is not orig, "| shared inner:", shallow[0] is orig[0])
#: Slicing and list() make shallow copies too.
sliced = orig[:]
built = list(orig)
print("shared inner:", sliced[1] is orig[1], built[1] is orig[1])
#: A change inside a shared inner list shows through every shallow copy.
orig[0].append(99)
print("orig:", orig, "| shallow:", shallow)
#: Replacing a slot of the outer list does not: each copy has its own slots.
orig[1] = ["new"]
print("orig:", orig, "| shallow:", shallow)
#: copy.deepcopy copies recursively: no inner list is shared.
deep = copy.deepcopy(orig)
deep[0].append(100)
print("orig:", orig, "| deep:", deep, "| shared:", deep[0] is orig[0])
#: Immutable atoms are not copied: the int inside is the same object.
nums = [[1000]]
print("int shared:", copy.deepcopy(nums)[0][0] is nums[0][0])
#: deepcopy remembers what it copied (the memo), so shared parts stay shared.
row = [0]
grid = [row, row]
grid2 = copy.deepcopy(grid)
print("still one row:", grid2[0] is grid2[1], "| a new row:", grid2[0] is not row)
#: The memo also lets deepcopy copy a list that contains itself.
loop = [1]
loop.append(loop)
loop2 = copy.deepcopy(loop)
print(loop2, "| contains itself:", loop2[1] is loop2, "| new:", loop2 is not loop)
#: A tuple of immutables needs no copy: both functions return it unchanged.
t = (1, "two", 3.0)
print("same tuple:", copy.copy(t) is t, copy.deepcopy(t) is t)
#: A tuple holding a list is deep-copied: a new tuple around a new list.
tl = (1, [2])
tl2 = copy.deepcopy(tl)
print("new tuple:", tl2 is not tl, "| new list:", tl2[1] is not tl[1])
