# Objects still alive at exit are finalized during shutdown.
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("destroy at exit:", self.name)
a = T("a")
b = T("b")
c = [T("in list")]
print("end of script")
