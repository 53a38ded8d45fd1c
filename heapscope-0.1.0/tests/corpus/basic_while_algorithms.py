# Small classic algorithms.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def binary_search(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
print(gcd(48, 18), gcd(17, 5), gcd(2 ** 40, 6 ** 20))
xs = list(range(0, 100, 3))
print(binary_search(xs, 27), binary_search(xs, 28))
n, steps = 27, 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("collatz steps for 27:", steps)
