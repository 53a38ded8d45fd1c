# Mutation through one name is visible through every alias.
a = [1, 2, 3]
b = a
b.append(4)
print("a after b.append(4):", a)
b[0] = 100
print("a after b[0] = 100:", a)
b = b + [5]
print("a after b = b + [5]:", a)
print("b:", b)
c = a
c += [6]
print("a after c += [6]:", a)
