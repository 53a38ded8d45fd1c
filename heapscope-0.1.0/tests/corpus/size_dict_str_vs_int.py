import sys
# Dicts whose keys are all str can use a more compact table.
print("{'a': 1}:", sys.getsizeof({'a': 1}))
print("{1: 1}:", sys.getsizeof({1: 1}))
print("{'a': 1, 2: 2}:", sys.getsizeof({'a': 1, 2: 2}))
d = {'a': 1, 'b': 2}
print("{'a', 'b'}:", sys.getsizeof(d))
d[3] = 3
print("after adding int key:", sys.getsizeof(d))
e = {(1, 2): 1}
print("{(1, 2): 1}:", sys.getsizeof(e))
f = {1.5: 1}
print("{1.5: 1}:", sys.getsizeof(f))
