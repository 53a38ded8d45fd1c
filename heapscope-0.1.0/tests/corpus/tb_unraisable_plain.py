# The unraisable hook prints no "Did you mean" suggestion and no chained
# exceptions, and (3.13) no carets, unlike an uncaught exception.
import weakref

class C:
    def __del__(self):
        valeu = 1
        try:
            print(value)
        except NameError:
            return {}[valeu]

c = C()
del c

class Target:
    pass

def on_dead(ref):
    return [1, 2][3] + 1

t = Target()
r = weakref.ref(t, on_dead)
t = None
valeu = 2
print(value)
