# isinstance and issubclass.
class A:
    pass
class B(A):
    pass
class C:
    pass
b = B()
print("isinstance(b, B):", isinstance(b, B))
print("isinstance(b, A):", isinstance(b, A))
print("isinstance(b, C):", isinstance(b, C))
print("isinstance(b, (C, A)):", isinstance(b, (C, A)))
print("isinstance(b, object):", isinstance(b, object))
print("issubclass(B, A):", issubclass(B, A), "issubclass(A, B):", issubclass(A, B))
print("isinstance(True, int):", isinstance(True, int))
print("isinstance(3, float):", isinstance(3, float))
print("type(b) == A:", type(b) == A)
