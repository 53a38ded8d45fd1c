# An uncaught NameError; newer versions add "Did you mean".
values = [1, 2, 3]
print("sum:", sum(values))
print(valuse)
print("not reached")
