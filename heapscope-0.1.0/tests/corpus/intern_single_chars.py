# Single latin-1 characters made at run time are cached singletons.
s = "xyz"
a = s[1]
b = chr(121)
print("s[1] is chr(121):", a is b)
print("s[1] is 'y':", a is "y")
c = s[0:1]
print("s[0:1] is 'x':", c is "x")
e = "caf\u00e9"
print("e[3] is chr(233):", e[3] is chr(233))
f = chr(8364)
g = chr(8364)
print("chr(8364) is chr(8364):", f is g)
h = str(7)
print("str(7) is '7':", h is "7")
n = s[1:3]
m = s[1:3]
print("two-char slices identical:", n is m)
