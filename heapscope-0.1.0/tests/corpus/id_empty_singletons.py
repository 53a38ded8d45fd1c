# Empty immutable containers are shared singletons.
t1 = ()
t2 = tuple()
t3 = tuple([])
print("() is tuple():", t1 is t2)
print("() is tuple([]):", t1 is t3)
s1 = ''
s2 = str()
s3 = 'abc'[3:]
print("'' is str():", s1 is s2)
print("'' is 'abc'[3:]:", s1 is s3)
b1 = b''
b2 = bytes()
print("b'' is bytes():", b1 is b2)
l1 = []
l2 = []
print("[] is []:", l1 is l2)
d1 = {}
d2 = {}
print("{} is {}:", d1 is d2)
