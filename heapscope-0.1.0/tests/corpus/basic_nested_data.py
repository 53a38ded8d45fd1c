# Nested lists and dicts, reprs with quotes.
students = [
    {"name": "Ann", "grades": [90, 85]},
    {"name": "Bob", "grades": [70, 95, 80]},
]
for s in students:
    avg = sum(s["grades"]) / len(s["grades"])
    print(f"{s['name']}: {avg:.1f}")
print(students)
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print(["it's", 'say "hi"', "both ' and \""])
print({"k": (1, [2, {3: "x"}])})
