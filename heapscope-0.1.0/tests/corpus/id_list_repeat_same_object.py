# [x] * n repeats references to one object.
row = [0, 0]
grid = [row] * 3
print("grid[0] is grid[1]:", grid[0] is grid[1])
grid[0][0] = 5
print("grid:", grid)
grid2 = [[0, 0] for i in range(3)]
print("grid2[0] is grid2[1]:", grid2[0] is grid2[1])
grid2[0][0] = 5
print("grid2:", grid2)
