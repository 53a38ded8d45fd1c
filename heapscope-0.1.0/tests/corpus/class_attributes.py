# Class attributes vs instance attributes.
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total
a = Counter()
b = Counter()
print("Counter.total:", Counter.total, "a.total:", a.total)
print("ids:", a.id, b.id)
a.total = 99
print("after a.total = 99:", a.total, b.total, Counter.total)
del a.total
print("after del a.total:", a.total)
print("instance dict:", a.__dict__)
