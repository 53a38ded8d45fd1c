# About 100,000 live objects for the snapshot benchmark (bench/dump.sh):
# 50,000 one-item lists, each holding its own int above the small-int cache.
objs = [[i + 1000] for i in range(50000)]
print(len(objs))
