# bytes values.
b = b"hello"
print(b, b[0], b[1:3], len(b), b + b"!", b * 2)
print(bytes([65, 66, 67]), bytes(3), list(b"ab"))
print("héllo".encode(), "héllo".encode("utf-8").decode())
print(b"abc" == b"abc", b"a" in b"cat", b.upper(), b.hex())
print(repr(b'\x00\xff\n'), b"x".join([b"a", b"b"]))
