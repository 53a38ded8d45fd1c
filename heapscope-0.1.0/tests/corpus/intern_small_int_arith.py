# Arithmetic results in the small-int range are the cached objects.
a = 200
b = 56
c = a + b
d = 256
print("200 + 56 is 256:", c is d)
e = a + b + 1
f = 257
print("200 + 56 + 1 is 257 (runtime):", e is f)
x = 10
y = x * x * x
z = x * x * x
print("1000 computed twice, same object:", y is z)
print("equal:", y == z)
n = -3
m = n - 2
print("-5 cached:", m is -5 + 0)
k = n - 3
print("-6 not cached:", k is (n - 3))
