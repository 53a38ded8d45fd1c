# __del__ can see other objects that are still alive.
class T:
    def __init__(self, name, log):
        self.name = name
        self.log = log
    def __del__(self):
        self.log.append(self.name)
log = []
a = T("a", log)
b = T("b", log)
c = T("c", log)
del b
del a
c = None
print("destruction order:", log)
