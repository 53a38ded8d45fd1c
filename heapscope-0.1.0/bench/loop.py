# A loop-heavy script: arithmetic, branches, list appends, dict stores.
total = 0
items = []
for i in range(1000000):
    total += i * 2
    if i % 3 == 0:
        items.append(i)
d = {}
for k in range(200000):
    d[k] = str(k)
print(total, len(items), len(d))
