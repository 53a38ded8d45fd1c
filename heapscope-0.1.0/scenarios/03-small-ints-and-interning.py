import sys
#: `==` asks "equal values?"; `is` asks "the very same object?".
a = [1, 2]
b = [1, 2]
print("a == b:", a == b, "| a is b:", a is b)
#: CPython creates the ints -5..256 once at startup: every 7 is the same object.
n = 7
m = int("7")
print("n == m:", n == m, "| n is m:", n is m)
#: A bigger int made at run time is a new object each time.
p = int("1000")
q = int("1000")
print("p == q:", p == q, "| p is q:", p is q)
#: Arithmetic too: 250 + n is computed now; 3 + n (10) comes from the cache.
r = 250 + n
s = 250 + n
print("250 + n twice:", r is s, "| 3 + n twice:", 3 + n is 3 + n)
#: A file is compiled as one unit: equal constants become one shared object.
x = 1000
y = 1000
print("x is y:", x is y)
#: Constant expressions are folded while compiling: 999 + 1 is the constant 1000.
z = 999 + 1
print("z is x:", z is x)
#: String constants that look like identifiers are interned: one per spelling.
w1 = "memory_model"
part = "memory"
w2 = part + "_model"
print("w1 == w2:", w1 == w2, "| w1 is w2:", w1 is w2)
#: sys.intern looks the string up in the interned table and returns that copy.
w3 = sys.intern(w2)
print("sys.intern(w2) is w1:", w3 is w1)
#: One-character strings made at run time come from a cache of chr(0)..chr(255).
word = "heap"
c = word[0]
print("word[0] is chr(104):", c is chr(104))
#: Is the constant "h" in the code that cached object too? Not in 3.11.
h = "h"
print("word[0] is the constant 'h':", c is h)
