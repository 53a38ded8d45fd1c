# SystemExit: its code attribute, and an uncaught one ends the script with
# that status and no traceback (a str code is printed to stderr).
for args in [(), (3,), ("bye",), (1, 2)]:
    try:
        raise SystemExit(*args)
    except SystemExit as e:
        print(args, "->", e.code, e.args)
print("leaving")
raise SystemExit(4)
