# Inheritance, overriding and super().
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def describe(self):
        return "I am " + self.name + ": " + self.speak()
class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return self.name + " barks"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " softly"
for a in [Animal("cat"), Dog("rex", "lab"), Puppy("bit", "pug")]:
    print(a.describe())
print(Puppy.__mro__[1].__name__, len(Puppy.__mro__))
print([c.__name__ for c in Puppy.__mro__])
