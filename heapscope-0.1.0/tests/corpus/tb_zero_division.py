# Output before an uncaught exception is kept; exit status is 1.
print("before")
x = 10
y = 0
print(x / y)
print("never printed")
