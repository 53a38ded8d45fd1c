# += mutates lists in place but rebinds for immutable types.
a = [1, 2]
before = id(a)
a += [3]
print("list += keeps identity:", id(a) == before)
a = a + [4]
print("list = list + [..] keeps identity:", id(a) == before)
t = (1, 2)
tb = t
t += (3,)
print("tuple += rebinds:", t is not tb, tb, t)
s = "ab"
sb = s
s += "c"
print("str += rebinds:", s is not sb, sb, s)
n = 1000
nb = n
n += 1
print("int += rebinds:", n is not nb, nb, n)
