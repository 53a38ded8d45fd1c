# Uncaught KeyError.
ages = {"ann": 31}
print(ages["ann"])
print(ages.get("bob"))
print(ages["bob"])
