# A traceback through nested calls, each line marked by the version's carets:
# binary operators, subscripts, attribute calls and multi-line calls.
class Grid:
    def __init__(self, rows):
        self.rows = rows
    def cell(self, r, c):
        return self.rows[r][c]

def scale(grid, r, c, factor):
    return grid.cell(r, c) * factor + 1

def ratio(grid):
    total = scale(grid, 0, 0, 2)
    part = scale(grid, 2,
                 0, 3)
    return total / part

g = Grid([[1, 2], [2, 4]])
print(ratio(g) if False else "computing")
result = [
    ratio(g),
]
