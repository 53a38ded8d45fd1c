# The classic [[0] * 3] * 3 pitfall.
board = [[0] * 3] * 3
board[0][0] = "X"
print("shared rows:", board)
print("rows identical:", board[0] is board[1] is board[2])
board2 = [[0] * 3 for _ in range(3)]
board2[0][0] = "X"
print("separate rows:", board2)
row = [0] * 3
row[0] = "X"
print("ints in [0] * 3 are independent slots:", row)
