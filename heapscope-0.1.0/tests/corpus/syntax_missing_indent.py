# The body of a for loop is not indented.
total = 0
for i in range(3):
print(i)
print(total)
