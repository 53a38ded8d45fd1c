import weakref
# A proxy forwards attribute access until the referent dies.
class A:
    def __init__(self):
        self.value = 7
    def hello(self):
        return "hello"
a = A()
p = weakref.proxy(a)
print(p.value, p.hello())
p.value = 8
print("a.value:", a.value)
del a
try:
    p.value
except ReferenceError as e:
    print(type(e).__name__, e)
