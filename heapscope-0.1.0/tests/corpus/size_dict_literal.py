import sys
# Dict displays with 0..12 items.
print("{}:", sys.getsizeof({}))
print("1 item:", sys.getsizeof({"a": 1}))
print("5 items:", sys.getsizeof({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}))
print("6 items:", sys.getsizeof({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}))
print("11 items:", sys.getsizeof({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11}))
print("dict(a=1, b=2):", sys.getsizeof(dict(a=1, b=2)))
print("dict([(1, 2)]):", sys.getsizeof(dict([(1, 2)])))
