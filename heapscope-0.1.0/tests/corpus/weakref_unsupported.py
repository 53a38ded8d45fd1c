import weakref
# Some types cannot be weakly referenced.
class WithSlots:
    __slots__ = ("x",)
class WithWeakSlot:
    __slots__ = ("x", "__weakref__")
for obj in [[1], {}, 5, "s", (1,), WithSlots()]:
    try:
        weakref.ref(obj)
        print(type(obj).__name__, "ok")
    except TypeError as e:
        print(type(e).__name__, e)
print("slot __weakref__ works:", weakref.ref(WithWeakSlot())() is None)
def f():
    pass
print("functions can be weakly referenced:", weakref.ref(f)() is f)
