# AttributeError messages for builtin types.
cases = [lambda: (5).foo, lambda: "s".appendd, lambda: [].push, lambda: None.x,
         lambda: {}.has_key]
for c in cases:
    try:
        c()
    except AttributeError as e:
        print(type(e).__name__, e)
import sys
try:
    sys.nothing_here
except AttributeError as e:
    print(type(e).__name__, e)
try:
    (1).real = 5
except AttributeError as e:
    print(type(e).__name__, e)
