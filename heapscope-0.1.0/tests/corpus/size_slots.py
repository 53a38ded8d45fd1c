import sys
# __slots__ instances have no __dict__.
class S0:
    __slots__ = ()
class S1:
    __slots__ = ("x",)
class S3:
    __slots__ = ("x", "y", "z")
class SW:
    __slots__ = ("x", "__weakref__")
class SD:
    __slots__ = ("x", "__dict__")
print("0 slots:", sys.getsizeof(S0()))
print("1 slot:", sys.getsizeof(S1()))
print("3 slots:", sys.getsizeof(S3()))
print("slot + __weakref__:", sys.getsizeof(SW()))
print("slot + __dict__:", sys.getsizeof(SD()))
s = S3()
s.x = 10 ** 100
print("3 slots with a big int set:", sys.getsizeof(s))
