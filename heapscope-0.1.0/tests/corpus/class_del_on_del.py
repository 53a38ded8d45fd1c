# __del__ runs as soon as the last reference goes away.
class Tracked:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("destroy", self.name)
a = Tracked("a")
b = a
print("del a")
del a
print("del b")
del b
print("rebinding c")
c = Tracked("c1")
c = Tracked("c2")
print("end of script")
