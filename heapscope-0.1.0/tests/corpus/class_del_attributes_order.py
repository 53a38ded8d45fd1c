# An object's attributes are released after its __del__ runs.
class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print("destroy", self.name)
n = Node("root", Node("child", Node("grandchild")))
print("del root")
del n
a = Node("a")
b = Node("b", a)
del a
print("a still alive through b")
del b
print("end")
