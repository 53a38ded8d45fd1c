# An uncaught SystemExit with a str code prints it to stderr; status 1.
print("before")
raise SystemExit("the end")
