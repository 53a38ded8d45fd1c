# Each call has its own local variables.
def count_down(n, seen):
    local = n * 10
    seen.append(local)
    if n > 0:
        count_down(n - 1, seen)
    seen.append(("back in", n, local))
    return seen
for item in count_down(2, []):
    print(item)
