# Complex numbers.
z = 3 + 4j
print(z, z.real, z.imag, abs(z))
print(z * 1j, z.conjugate(), z + 1)
print(complex(1, -1), complex(0, 0), 1j * 1j)
print((1 + 2j) / (3 - 4j))
print(-1j, 2j ** 2)
