import sys
# Reading a global from a function does not keep extra references.
g = []
def reader():
    return sys.getrefcount(g)
def local_copy():
    h = g
    return sys.getrefcount(g)
def global_decl():
    global g
    g = [1]
    return sys.getrefcount(g)
print("module level:", sys.getrefcount(g))
print("inside reader:", reader())
print("inside local_copy:", local_copy())
old = g
print("old before rebinding:", sys.getrefcount(old))
print("new inside global_decl:", global_decl())
print("old after rebinding:", sys.getrefcount(old))
