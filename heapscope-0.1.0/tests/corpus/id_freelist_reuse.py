# A freed list's memory is reused by the next list (free list).
a = [1, 2]
old = id(a)
del a
b = []
print("new list reuses freed id:", id(b) == old)
print("id([]) == id([]):", id([]) == id([]))
print("[] is []:", [] is [])
x = 1.5 * 3
fid = id(x)
del x
y = 2.5 * 7
print("new float reuses freed id:", id(y) == fid)
