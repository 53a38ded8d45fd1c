# Identifier-like strings built at run time are not interned automatically.
a = "hello"
b = "hel"
c = b + "lo"
print("runtime 'hel' + 'lo' == 'hello':", c == a)
print("runtime 'hel' + 'lo' is 'hello':", c is a)
d = "".join(["he", "llo"])
print("join result is 'hello':", d is a)
e = "hello world"
f = "hello" + " " + "world"
print("folded 'hello world' is literal:", e is f)
g = "hello" + " "
h = g + "world"
print("runtime 'hello world' is literal:", h is e)
