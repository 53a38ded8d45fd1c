# An if statement whose block never starts: the file ends after the colon.
print("never runs")
if True:
