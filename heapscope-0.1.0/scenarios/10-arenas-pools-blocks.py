import sys
#: obmalloc serves requests up to 512 bytes; bigger ones go to the system malloc.
#: A request is rounded up to a size class, a multiple of 16: 28 bytes -> 32.
n = 1000
for obj in [n * 3, n / 7, (n, n), "ab" * 10, "ab" * n]:
    size = sys.getsizeof(obj)
    if size > 512:
        print(f"{type(obj).__name__:5} {size:4} bytes: larger than 512, system malloc")
    else:
        print(f"{type(obj).__name__:5} {size:4} bytes: a {(size + 15) // 16 * 16}-byte block")
#: A pool holds blocks of one size class: 4 KiB pools in 256 KiB arenas in 3.8,
#: 16 KiB pools in 1 MiB arenas from 3.11. Freed blocks go back to their pool.
a = n * 1001
spot = id(a)
del a
#: The next request of the same size class takes the block just freed.
b = n * 1002
print("new int in the freed block:", id(b) == spot)
#: A pool's free blocks form a stack: the block freed last is reused first.
x = n * 4
y = n * 5
z = n * 6
old = [id(x), id(y), id(z)]
del z, y, x
p = n * 7
q = n * 8
r = n * 9
print("p took x's block:", id(p) == old[0], "| q took y's:", id(q) == old[1], "| r took z's:", id(r) == old[2])
#: Sizes only have to fall in the same class: 12 characters reuse a 10-character string's block.
k = 5
s = "ab" * k
spot = id(s)
del s
t = "xyz" * (k - 1)
print(sys.getsizeof(t), "bytes, in the freed block:", id(t) == spot)
#: A string of 30 characters needs a bigger class, so it cannot go there.
del t
u = "q" * (k * 6)
print(sys.getsizeof(u), "bytes, in the freed block:", id(u) == spot)
