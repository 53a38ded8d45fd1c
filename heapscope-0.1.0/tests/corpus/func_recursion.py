# Recursive functions.
def fact(n):
    if n <= 1:
        return 1
    return n * fact(n - 1)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print("fact(5):", fact(5))
print("fact(25):", fact(25))
print("fib(0..10):", [fib(i) for i in range(11)])
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print("depth(500):", depth(500))
