# f-strings with format specs.
pi = 3.14159265
n = 42
name = "Ann"
print(f"{pi:.2f} {pi:8.3f}| {pi:e} {pi:.0f}")
print(f"{n:5d}|{n:<5d}|{n:^5d}|{n:05d}|{n:+d}")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#b}")
print(f"{1234567:,} {1234567.891:,.2f} {0.256:.1%}")
print(f"{name!r} {name:>6} {name:*^9} {name:.2}")
print(f"{n * 2 + 1} {len(name)} {[1, 2][1]} {'quoted'}")
print(f"{n=} {pi=:.1f}")
width = 7
print(f"{n:{width}}|{pi:{width}.{2}f}|")
print(f"{{literal braces}} {n}")
