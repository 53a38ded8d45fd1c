# Indexing, slicing, concatenation and membership.
s = "abcdefgh"
print(s[0], s[-1], s[2:5], s[:3], s[5:], s[::2], s[::-1], s[-3:])
print(s + "!", s * 2, "cd" in s, "xy" not in s, len(s))
print("a" < "b", "apple" < "apricot", "Z" < "a", "abc" == "abc")
print(ord("A"), chr(97), ord("é"), chr(8364))
print(str(12), str(1.5), str(None), str([1, "a"]), repr("it's"), repr('say "hi"'))
print("%d items, %.2f each, %s total" % (3, 1.5, "4.50"))
print("{} and {}".format("x", "y"), "{1}{0}".format("a", "b"), "{name}!".format(name="hi"))
