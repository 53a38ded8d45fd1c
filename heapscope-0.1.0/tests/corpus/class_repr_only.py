# Without __str__, str() falls back to __repr__.
class Only:
    def __repr__(self):
        return "<Only>"
class StrOnly:
    def __str__(self):
        return "str-only"
o = Only()
print(o, str(o), repr(o))
s = StrOnly()
print(s, str(s))
print("repr has default form:", repr(s).startswith("<__main__.StrOnly object at 0x"))
print("type name:", type(s).__name__)
