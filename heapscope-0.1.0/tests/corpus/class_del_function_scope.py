# Locals die when the function returns.
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("destroy", self.name)
def work():
    x = T("x")
    y = T("y")
    print("leaving work")
work()
print("after work()")
def keep():
    z = T("z")
    return z
k = keep()
print("after keep()")
k = None
print("after k = None")
