# Raising a saved exception again: its old traceback entries stay and the new
# raise is added in front of them; a bare raise inside a nested handler.
def fail():
    raise KeyError("k")

saved = None
try:
    fail()
except KeyError as e:
    saved = e

def again(err):
    try:
        raise err
    except KeyError:
        try:
            int("x")
        except ValueError:
            pass
        raise

print("re-raising")
again(saved)
