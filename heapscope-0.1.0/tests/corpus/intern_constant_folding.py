# Constant expressions are folded at compile time.
print("257 is 256 + 1:", 257 is 256 + 1)
a = 2 ** 10
b = 1024
print("2 ** 10 is 1024:", a is b)
s = "hel" + "lo"
t = "hello"
print("'hel' + 'lo' is 'hello':", s is t)
u = "ab" * 3
v = "ababab"
print("'ab' * 3 is 'ababab':", u is v)
w = (1, 2) + (3,)
z = (1, 2, 3)
print("(1, 2) + (3,) is (1, 2, 3):", w is z)
