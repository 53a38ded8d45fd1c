def make_board(n):
    return [[0] * n] * n
board = make_board(3)
board[0][0] = 1
print(board)
