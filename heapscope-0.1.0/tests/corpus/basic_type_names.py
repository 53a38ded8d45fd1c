# type() of every basic value.
class A:
    def m(self):
        pass
def f():
    pass
values = [1, 1.0, 1j, True, None, "s", b"b", (), [], {}, set(), frozenset(),
          range(1), f, A, A(), A().m, len, iter([]), {}.keys(), zip()]
for v in values:
    print(type(v).__name__)
print(type(type).__name__, type(A).__name__)
