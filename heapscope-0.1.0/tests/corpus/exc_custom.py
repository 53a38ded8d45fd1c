# User-defined exceptions.
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__("missing: " + key)
        self.key = key
try:
    raise NotFound("config")
except AppError as e:
    print(type(e).__name__, e, e.key, e.args)
try:
    raise AppError
except AppError as e:
    print("no args:", repr(str(e)), e.args)
try:
    raise AppError("a", 1)
except AppError as e:
    print("two args:", e)
print(repr(AppError("x")), repr(NotFound("k")))
