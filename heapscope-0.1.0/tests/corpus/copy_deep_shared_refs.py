import copy
# deepcopy preserves sharing and cycles through its memo.
inner = [0]
orig = [inner, inner]
deep = copy.deepcopy(orig)
print("shared inner stays shared:", deep[0] is deep[1])
print("but is a new list:", deep[0] is not inner)
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print("cycle copied:", cc[1] is cc, cc is not cyc)
print("repr:", cc)
