# Strings are immutable: "modifying" makes new objects.
s = "hello"
t = s
s = s.upper()
print("s:", s, "t:", t)
u = t
u += " world"
print("t:", t, "u:", u)
try:
    t[0] = "J"
except TypeError as e:
    print("TypeError:", e)
print("t.replace('h', 'J'):", t.replace("h", "J"), "t:", t)
