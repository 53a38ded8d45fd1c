# An exception in __del__ is only reported; the exit status stays 0.
class Noisy:
    def __del__(self):
        raise RuntimeError("ignored")
n = Noisy()
del n
print("finished normally")
