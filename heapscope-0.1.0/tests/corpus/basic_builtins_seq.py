# sorted, min, max, sum, enumerate, zip, reversed, any, all.
nums = [5, 3, 8, 1, 9, 2]
print(sorted(nums), sorted(nums, reverse=True), nums)
print(min(nums), max(nums), sum(nums), sum(nums, 100), len(nums))
print(min("hello"), max(["b", "abc", "c"]), max([-3, 2, -5], key=abs))
print(list(enumerate("abc")), list(enumerate("ab", start=1)))
print(list(zip([1, 2, 3], "abc")), list(zip([1, 2], [3])))
print(list(reversed(nums)), any([0, 0, 1]), all([1, 1, 0]), all([]))
words = ["pear", "fig", "banana", "kiwi"]
print(sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
print(min([], default="none"), sum([0.1] * 10), round(sum([0.1] * 10), 10))
