#: An int is immutable: `x += 1` makes a new int and rebinds x to it.
x = 1000
y = x
x += 1
print("x =", x, "| y =", y, "| x is y:", x is y)
#: A list is mutable: `+=` extends the same list object in place.
a = [1, 2]
b = a
before = id(a)
a += [3]
print("a =", a, "| b =", b, "| same object:", id(a) == before)
#: Strings are immutable: methods return new strings, the original stays.
s = "heap"
t = s.upper()
print(s, t, "| s is t:", s is t)
#: `s += "!"` creates a new string; u still names the old one.
u = s
s += "!"
print(s, u, "| s is u:", s is u)
#: Assigning into a string is an error: it cannot be changed in place.
try:
    s[0] = "H"
except TypeError as e:
    print("TypeError:", e)
#: A tuple is immutable, but it holds references: its list can still grow.
t = (1, [2, 3])
t[1].append(4)
print("t =", t)
#: `t[1] += [5]` extends the list first, then fails to store into the tuple.
try:
    t[1] += [5]
except TypeError as e:
    print("TypeError:", e)
print("t =", t)
#: Dict keys must be hashable: a tuple of immutables is, a list is not.
d = {(1, 2): "tuple key"}
try:
    d[[1, 2]] = "list key"
except TypeError as e:
    print("TypeError:", e)
