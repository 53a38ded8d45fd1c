# Uncaught exception raised while handling another: last line is the new one.
d = {}
try:
    d["missing"]
except KeyError:
    raise RuntimeError("lookup failed")
