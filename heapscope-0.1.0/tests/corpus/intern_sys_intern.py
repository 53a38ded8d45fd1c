import sys
# sys.intern returns the canonical copy of a string.
a = "".join(["spam", "_", "eggs"])
b = "".join(["spam", "_", "eggs"])
print("two runtime strings identical:", a is b)
ia = sys.intern(a)
ib = sys.intern(b)
print("sys.intern(a) is sys.intern(b):", ia is ib)
print("sys.intern(a) is a:", ia is a)
lit = "spam_eggs"
print("literal is interned copy:", lit is ia)
c = "".join(["with", " ", "space"])
ic = sys.intern(c)
print("intern of non-identifier returns it:", ic is c)
print("second intern returns first:", sys.intern("".join(["with ", "space"])) is c)
