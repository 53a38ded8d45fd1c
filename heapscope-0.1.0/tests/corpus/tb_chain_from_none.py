# raise ... from None hides the exception being handled; setting
# __suppress_context__ back to False shows it again.
def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise ValueError("unknown key: " + key) from None

try:
    lookup({}, "a")
except ValueError as e:
    print("suppressed:", e.__suppress_context__, type(e.__context__).__name__)
    print("cause:", e.__cause__)

def lookup_loud(table, key):
    try:
        return table[key]
    except KeyError:
        err = ValueError("still unknown: " + key)
        err.__suppress_context__ = False
        raise err

lookup_loud({}, "b")
