# Closures over mutable objects do not need nonlocal.
def make_logger():
    log = []
    def add(msg):
        log.append(msg)
        return len(log)
    def get():
        return list(log)
    return add, get
add, get = make_logger()
add("one")
add("two")
print(get())
snapshot = get()
add("three")
print(snapshot, get())
