# Assigning to a literal is a syntax error; nothing runs.
x = 1
print("not printed")
1 = x
print(x)
