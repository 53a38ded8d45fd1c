# 3.12+ warn (SyntaxWarning, at compile time) about the first invalid escape
# sequence of each literal, str, bytes or f-string; the value keeps the
# backslash.  3.8/3.11 only make a DeprecationWarning, not shown.
p = "\d+"
q = "ok\n"
r = b"\q"
s = "a\qb\z"
o = "\400"
t = f"\w{p}"
print(len(p), len(r), len(s), o == chr(256), t)
