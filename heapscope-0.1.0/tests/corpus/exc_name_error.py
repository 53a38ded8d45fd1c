# NameError messages (str(e) has no suggestion; the traceback may add one).
def use_undefined():
    return undefined_thing
for f in [lambda: prnt, lambda: lenn, use_undefined]:
    try:
        f()
    except NameError as e:
        print(type(e).__name__, e)
try:
    del never_defined
except NameError as e:
    print(type(e).__name__, e)
