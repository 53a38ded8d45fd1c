# A try block that reaches the end of the file without except or finally.
def f():
    try:
        x = 1
