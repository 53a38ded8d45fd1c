# Building callbacks in a loop.
handlers = {}
for name in ["a", "b", "c"]:
    handlers[name] = lambda: "handler for " + name
print([handlers[k]() for k in ["a", "b", "c"]])
handlers = {}
for name in ["a", "b", "c"]:
    handlers[name] = (lambda n: lambda: "handler for " + n)(name)
print([handlers[k]() for k in ["a", "b", "c"]])
