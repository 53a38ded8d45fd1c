# UnboundLocalError: assignment later in the function makes the name local.
count = 0
def bump():
    count += 1
    return count
try:
    bump()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def later():
    print(value)
    value = 1
try:
    later()
except UnboundLocalError as e:
    print(type(e).__name__, e)
print("UnboundLocalError is a NameError:", issubclass(UnboundLocalError, NameError))
def deleted():
    v = 1
    del v
    return v
try:
    deleted()
except NameError as e:
    print(type(e).__name__, e)
