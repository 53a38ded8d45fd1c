# Uncaught TypeError from adding str and int.
age = 30
print("age: " + str(age))
print("age: " + age)
print("not reached")
