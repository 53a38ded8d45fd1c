# Python 2 print statement.
x = 5
print("not printed")
print "x is", x
y = x
