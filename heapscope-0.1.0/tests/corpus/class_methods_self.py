# Methods are functions that receive the instance as self.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        self.balance += amount
        return self
    def __repr__(self):
        return "Account(%s, %d)" % (self.owner, self.balance)
acc = Account("ann")
acc.deposit(10).deposit(5)
print(acc)
Account.deposit(acc, 100)
print(acc)
f = acc.deposit
f(1)
print(acc, f.__name__)
