# An over-indented line: IndentationError, nothing runs.
x = 1
if x > 0:
    print("positive")
      print("indented too far")
