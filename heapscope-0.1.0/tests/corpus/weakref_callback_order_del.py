import weakref
# Order of __del__ and weakref callbacks.
class T:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
t = T("t")
r = weakref.ref(t, lambda ref: print("callback, dead:", ref() is None))
del t
print("end")
