# The 'as' name is deleted at the end of the except block.
e = "before"
try:
    raise ValueError("v")
except ValueError as e:
    print("inside:", e)
try:
    print(e)
except NameError as err:
    print(type(err).__name__, err)
