# An exception raised while handling another, inside functions: both
# tracebacks are printed, joined by "During handling of the above exception".
def parse(text):
    return int(text)

def load(items):
    try:
        return [parse(t) for t in items]
    except ValueError:
        fallback = {}
        return fallback["default"] + 1

print("loading")
load(["1", "two"])
