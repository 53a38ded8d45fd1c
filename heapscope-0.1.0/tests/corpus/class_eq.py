# __eq__ customizes == but not identity.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents
a = Money(100)
b = Money(100)
c = Money(5)
print("a == b:", a == b, "a is b:", a is b)
print("a == c:", a == c)
print("a != b:", a != b)
print("a == 100:", a == 100)
print("a in [b]:", a in [b])
try:
    {a}
except TypeError as e:
    print("TypeError:", e)
print("__hash__ is None:", Money.__hash__ is None)
