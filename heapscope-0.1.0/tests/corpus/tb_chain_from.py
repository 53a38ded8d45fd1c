# raise ... from err: the cause is printed first, then "The above exception
# was the direct cause of the following exception".
class ConfigError(Exception):
    pass

def read_port(settings):
    try:
        return settings["port"]
    except KeyError as err:
        raise ConfigError("no port configured") from err

def start(settings):
    port = read_port(settings)
    return port * 2

print("starting")
start({"host": "localhost"})
