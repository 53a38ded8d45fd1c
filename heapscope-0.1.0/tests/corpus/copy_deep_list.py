import copy
# deepcopy copies nested containers recursively.
orig = [[1, 2], [3, [4, 5]]]
deep = copy.deepcopy(orig)
print("equal:", deep == orig)
print("outer new:", deep is not orig)
print("inner new:", deep[0] is not orig[0], deep[1][1] is not orig[1][1])
orig[1][1].append(6)
print("orig:", orig)
print("deep:", deep)
