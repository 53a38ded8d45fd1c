# When a name is rebound, the new object exists before the old dies.
class T:
    count = 0
    def __init__(self, name):
        self.name = name
        print("init", name)
    def __del__(self):
        print("del", self.name)
x = T("first")
x = T("second")
x = T("third")
print("loop:")
for i in range(3):
    y = T("loop%d" % i)
print("end")
