# Using a name after del.
data = [1, 2, 3]
print("len before del:", len(data))
del data
print(len(data))
