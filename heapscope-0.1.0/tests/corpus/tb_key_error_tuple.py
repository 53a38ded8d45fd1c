# KeyError with a tuple key; the last traceback line shows its repr.
grid = {(0, 0): "start"}
print(grid[(0, 0)])
pos = (1, 2)
print(grid[pos])
