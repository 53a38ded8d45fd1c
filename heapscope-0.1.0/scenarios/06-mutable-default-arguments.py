#: A default value is evaluated once, when `def` runs, and kept on the function.
def append_to(item, target=[]):
    target.append(item)
    return target
print("defaults after def:", append_to.__defaults__)
#: Every call that omits target gets that same stored list.
first = append_to(1)
second = append_to(2)
print(first, second, "| same list:", first is second)
#: Passing a list explicitly uses that list instead.
print(append_to(3, []))
#: The stored default has kept everything from the earlier calls.
print("defaults now:", append_to.__defaults__)
print("default is first:", append_to.__defaults__[0] is first)
#: The usual fix: default to None and make a new list inside each call.
def safe_append(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(safe_append(1), safe_append(2))
#: The shared default can be used on purpose: a dict that outlives the calls.
def tally(word, counts={}):
    counts[word] = counts.get(word, 0) + 1
    return counts[word]
print(tally("a"), tally("b"), tally("a"), "| counts:", tally.__defaults__[0])
#: "Evaluated once" also means a default does not follow later changes.
limit = 10
def small(n, top=limit):
    return n <= top
limit = 0
print("small(5):", small(5), "| default top:", small.__defaults__[0])
