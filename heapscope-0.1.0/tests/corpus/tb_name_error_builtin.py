# Misspelled builtin.
print("start")
x = 3
prnt("hello", x)
print("not reached")
