# The global statement.
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump()
bump()
print("counter:", counter)
def make_new():
    global created
    created = [1, 2]
make_new()
print("created:", created)
