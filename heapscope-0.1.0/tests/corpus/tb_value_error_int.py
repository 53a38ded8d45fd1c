# int() of a non-number.
text = "42a"
print(int(text[:2]))
n = int(text)
print(n)
