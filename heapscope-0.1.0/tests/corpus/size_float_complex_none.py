import sys
# Fixed-size scalar objects.
print("float 0.0:", sys.getsizeof(0.0))
print("float 1e300:", sys.getsizeof(1e300))
print("float('inf'):", sys.getsizeof(float('inf')))
print("complex 1j:", sys.getsizeof(1j))
print("complex(1, 2):", sys.getsizeof(complex(1, 2)))
print("None:", sys.getsizeof(None))
print("Ellipsis:", sys.getsizeof(...))
