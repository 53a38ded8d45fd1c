# An exception inside __del__ is reported but does not stop the program.
class Bad:
    def __del__(self):
        print("in __del__")
        raise ValueError("from __del__")
b = Bad()
del b
print("still running")
