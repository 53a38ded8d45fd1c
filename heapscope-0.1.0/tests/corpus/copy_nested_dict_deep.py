import copy
# deepcopy of a nested structure with dicts inside lists.
config = {"users": [{"name": "ann", "tags": ["a"]}], "count": 1}
shallow = copy.copy(config)
deep = copy.deepcopy(config)
config["users"][0]["tags"].append("b")
config["count"] = 2
print("shallow:", shallow)
print("deep:", deep)
print("config:", config)
