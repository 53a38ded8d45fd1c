import sys
# Refcounts of shared singletons: huge numbers whose exact value depends on
# the interpreter; we only print whether they are "big" and whether they are
# the immortal value of 3.12+.
IMMORTAL = 4294967295
for name, obj in [("None", None), ("True", True), ("False", False), ("0", 0), ("()", ())]:
    rc = sys.getrefcount(obj)
    print(name, "big:", rc > 100, "immortal value:", rc == IMMORTAL)
rc_small = sys.getrefcount(200)
print("200 big:", rc_small > 1, "immortal value:", rc_small == IMMORTAL)
x = []
print("fresh list:", sys.getrefcount(x))
