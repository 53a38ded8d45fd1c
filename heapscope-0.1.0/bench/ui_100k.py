# A heap of 100,000 live objects the script names, then a loop the
# viewer steps through (bench/ui_bench: redraw and step-back times).
data = [[i] for i in range(50000)]
n = 0
for i in range(200000):
    n = n + 1
