# Class attributes that are mutable are shared by all instances.
class Dog:
    tricks = []
    def __init__(self, name):
        self.name = name
    def add_trick(self, t):
        self.tricks.append(t)
a = Dog("Rex")
b = Dog("Fido")
a.add_trick("roll")
b.add_trick("sit")
print("a.tricks:", a.tricks)
print("shared:", a.tricks is b.tricks is Dog.tricks)
a.tricks = ["own"]
print("after a.tricks = [...]:", a.tricks, b.tricks)
print("'tricks' in a.__dict__:", "tricks" in a.__dict__, "in b.__dict__:", "tricks" in b.__dict__)
