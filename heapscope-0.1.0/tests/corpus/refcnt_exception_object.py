import sys
# The name bound by 'except ... as e' is removed after the block.
class MyError(Exception):
    pass
saved = None
try:
    raise MyError("boom")
except MyError as e:
    print("inside except:", sys.getrefcount(e))
    saved = e
    print("inside except with alias:", sys.getrefcount(e))
print("after except block:", sys.getrefcount(saved))
try:
    e
except NameError:
    print("'e' was deleted after the except block")
err = ValueError("x")
print("exception not raised:", sys.getrefcount(err))
