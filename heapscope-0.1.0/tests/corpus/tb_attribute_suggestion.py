# Uncaught AttributeError with a near-miss attribute name.
class Config:
    def __init__(self):
        self.verbose = True
c = Config()
print("verbose:", c.verbose)
print(c.verbos)
