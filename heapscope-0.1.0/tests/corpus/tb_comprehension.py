# Errors inside comprehensions: 3.8-3.11 show a <listcomp>/<dictcomp> frame,
# 3.12+ inline list, dict and set comprehensions into the enclosing frame.
def inverse(values):
    return [1 / v for v in values]

try:
    inverse([1, 0])
except ZeroDivisionError as e:
    print("caught:", e)

def by_name(rows):
    return {r["name"]: r for r in rows}

def names(rows):
    return sorted({n.upper() for n in by_name(rows)})

print(names([{"name": "a"}]))
names([{"name": "b"}, {"nom": "c"}])
