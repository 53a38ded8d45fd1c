# List, dict and set comprehensions.
squares = [x * x for x in range(8)]
print(squares)
print([x for x in squares if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print({x: x * x for x in range(5)})
print(sorted({x % 4 for x in range(20)}))
print([[c for c in range(r)] for r in range(4)])
words = ["apple", "Banana", "cherry"]
print({w: len(w) for w in words})
print([w.upper() if len(w) > 5 else w for w in words])
x = "outer"
print([x for x in range(3)], x)
