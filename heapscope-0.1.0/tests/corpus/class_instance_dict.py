# An instance's attributes live in its __dict__.
class A:
    cls_attr = "shared"
    def __init__(self):
        self.x = 1
a = A()
a.y = [2]
print(a.__dict__)
a.__dict__["z"] = 3
print("a.z:", a.z)
del a.x
print(a.__dict__)
print("cls_attr in instance dict:", "cls_attr" in a.__dict__)
print("vars(a) is a.__dict__:", vars(a) is a.__dict__)
