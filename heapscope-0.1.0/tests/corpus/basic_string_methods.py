# String methods used in courses.
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
t = s.strip()
print(t.upper(), t.lower(), t.swapcase(), t.title())
print("python is fun".capitalize(), "python is fun".title())
print(t.split(", "), "a b  c".split(), "a,b,,c".split(","))
print("-".join(["x", "y", "z"]), "".join(reversed("abc")))
print(t.replace("l", "L"), t.replace("l", "L", 1))
print(t.find("o"), t.rfind("o"), t.find("z"), t.index("W"), t.count("l"))
print(t.startswith("Hell"), t.endswith("!"), "42".isdigit(), "ab".isalpha(), "  ".isspace())
print("abc".center(9, "*"), "abc".ljust(5) + "|", "abc".rjust(5), "7".zfill(3))
print("a\tb\nc".splitlines(), "one two".partition(" "))
