# __del__ failing at shutdown: the modules are gone, so the report has no
# source line; an exception whose str() fails is printed as such.
class Bad(Exception):
    def __str__(self):
        raise TypeError("no str")

class Noisy:
    def __del__(self):
        raise RuntimeError("at exit")

keep = Noisy()

def f():
    raise Bad("x")

try:
    f()
except Bad:
    raise SystemError("during")
