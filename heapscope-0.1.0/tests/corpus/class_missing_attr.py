# AttributeError messages for instances and classes.
class A:
    def __init__(self):
        self.value = 1
a = A()
for name in ["value", "vaule", "missing"]:
    try:
        print(name, "->", getattr(a, name))
    except AttributeError as e:
        print("AttributeError:", e)
try:
    A.nothing
except AttributeError as e:
    print("AttributeError:", e)
print("getattr default:", getattr(a, "missing", "default"))
