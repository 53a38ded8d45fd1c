# An opening parenthesis that is never closed.
print("this line is fine, but the file does not compile")
x = (1 + 2
print(x)
y = 3
