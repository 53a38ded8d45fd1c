#!/usr/bin/env python3
"""Regenerate the Differential table of tests/check_strings.c.

Runs every case below under CPython 3.8, 3.11, 3.12 and 3.13 (found with
pyenv; PYTHONHASHSEED=0) and prints the C rows that go between the braces
of diff_cases[].  Usage: python3 tests/check_strings_gen.py > rows.c
"""
import glob
import os
import subprocess
import sys

def ser(v):
    if v is None: return "N"
    if v is True: return "T"
    if v is False: return "F"
    if isinstance(v, int):
        return ("i%d" % v) if -2**63 <= v < 2**63 else ("I%d" % v)
    if isinstance(v, float): return "f" + repr(v)
    if isinstance(v, str): return "s" + v.encode("utf-8", "surrogatepass").hex()
    if isinstance(v, bytes): return "b" + v.hex()
    if isinstance(v, tuple): return " ".join(["t%d" % len(v)] + [ser(x) for x in v])
    if isinstance(v, list): return " ".join(["l%d" % len(v)] + [ser(x) for x in v])
    if isinstance(v, dict): return " ".join(["d%d" % len(v)] + [ser(k) + " " + ser(x) for k, x in v.items()])
    if isinstance(v, slice): return "S " + " ".join(ser(x) for x in (v.start, v.stop, v.step))
    raise TypeError(v)

def fresh(v):
    """A runtime copy of V (like the C driver's deserializer builds)."""
    if isinstance(v, str): return v.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass") if len(v) != 1 else v.encode("utf-8","surrogatepass").decode("utf-8","surrogatepass")
    if isinstance(v, bytes): return bytes.fromhex(v.hex())
    if isinstance(v, tuple): return tuple(fresh(x) for x in v)
    if isinstance(v, list): return [fresh(x) for x in v]
    if isinstance(v, dict): return {fresh(k): fresh(x) for k, x in v.items()}
    if isinstance(v, int) and not isinstance(v, bool): return int(str(v))
    return v

def out(r, self):
    if isinstance(r, BaseException):
        return "E %s %s" % (type(r).__name__, str(r).encode("utf-8", "surrogatepass").hex())
    s = "R " + repr(r).encode("utf-8", "surrogatepass").hex()
    if type(r) in (str, bytes):
        single = 0
        if type(r) is str:
            if len(r) == 0: single = int(r is str())
            elif len(r) == 1 and ord(r) < 256: single = int(r is chr(ord(r)))
        else:
            if len(r) == 0: single = int(r is bytes())
            elif len(r) == 1: single = int(r is bytes([r[0]]))
        s += " %d %d %d" % (sys.getsizeof(r), int(r is self), single)
    if type(r) is list:
        s += " %d" % sys.getsizeof(r)
    return s

import operator
CMP = {"lt": operator.lt, "le": operator.le, "eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge}
BIN = {"add": operator.add, "mul": operator.mul, "mod": operator.mod}

def run(case):
    op = case[0]
    try:
        if op == "call":
            _, m, recv, args, kw = case
            recv = fresh(recv); args = [fresh(a) for a in args]; kw = {k: fresh(v) for k, v in kw.items()}
            return out(getattr(recv, m)(*args, **kw), recv)
        if op == "new":
            _, t, args, kw = case
            args = [fresh(a) for a in args]; kw = {k: fresh(v) for k, v in kw.items()}
            return out({"str": str, "bytes": bytes}[t](*args, **kw), args[0] if args else None)
        if op == "binop":
            _, o, a, b = case; a = fresh(a); b = fresh(b)
            return out(BIN[o](a, b), a)
        if op == "cmp":
            _, o, a, b = case; a = fresh(a); b = fresh(b)
            return out(CMP[o](a, b), a)
        if op == "getitem":
            _, a, k = case; a = fresh(a)
            return out(a[k], a)
        if op == "contains":
            _, a, b = case; a = fresh(a); b = fresh(b)
            return out(a in b, None)
        if op == "repr": a = fresh(case[1]); return out(repr(a), a)
        if op == "str": a = fresh(case[1]); return out(str(a), a)
        if op == "hash": a = fresh(case[1]); return out(hash(a), None)
        if op == "len": a = fresh(case[1]); return out(len(a), None)
        if op == "iter": a = fresh(case[1]); return out(list(iter(a)), None)
        if op == "chr": return out(chr(case[1]), None)
        if op == "chrobj": return out(chr(fresh(case[1])), None)
        if op == "ord": return out(ord(fresh(case[1])), None)
        if op == "size": return out(sys.getsizeof(fresh(case[1])), None)
    except Exception as e:
        return out(e, None)
    raise ValueError(op)

def serialize(case):
    op = case[0]
    if op == "call":
        _, m, recv, args, kw = case
        parts = ["call", m, ser(recv), str(len(args))] + [ser(a) for a in args] + [str(len(kw))]
        for k, v in kw.items(): parts += [ser(k), ser(v)]
        return " ".join(parts)
    if op == "new":
        _, t, args, kw = case
        parts = ["new", t, str(len(args))] + [ser(a) for a in args] + [str(len(kw))]
        for k, v in kw.items(): parts += [ser(k), ser(v)]
        return " ".join(parts)
    if op in ("binop", "cmp"): return " ".join([op, case[1], ser(case[2]), ser(case[3])])
    if op in ("getitem", "contains"): return " ".join([op, ser(case[1]), ser(case[2])])
    return " ".join([op, ser(case[1])])


# ---- the cases ----
# Curated cases embedded in tests/check_strings.c (expectations from CPython).
E = "\u20ac"
CASES = []
def call(m, recv, *args, **kw): CASES.append(("call", m, recv, list(args), kw))
def new(t, *args, **kw): CASES.append(("new", t, list(args), kw))
# sizes and reprs
for s in ["", "a", "hello", "caf\u00e9", "\u00e9", "\u00e9\u00e9", E, E * 3, "\U0001F600", "a" * 10 + "\U0001F600", "abc" + "\u0394" * 3, "it's", 'say "hi"', "a'b\"c", "\x00\x7f\x80\xa0\xad\u200b\U0001F600\ud800\U000e0001", "tab\there\n"]:
    CASES.append(("repr", s)); CASES.append(("size", s)); CASES.append(("hash", s))
for b in [b"", b"x", b"abc", b"\x00\xff'\"\n\t\\", b"it's"]:
    CASES.append(("repr", b)); CASES.append(("size", b)); CASES.append(("hash", b))
# identity of results
for k in [1, -1, 5, slice(None), slice(0, 1), slice(1, 3), slice(None, None, -1), slice(3, None), slice(None, None, 2), "x", 1.5, True]:
    CASES.append(("getitem", "xay", k)); CASES.append(("getitem", "h\u00e9" + E, k)); CASES.append(("getitem", b"xay", k))
for n in [0, 1, 2, -1, 1 << 62, 1 << 70, 1.5, "x"]:
    CASES.append(("binop", "mul", "ab", n)); CASES.append(("binop", "mul", n, "ab"))
for o in ["", "cd", 1, b"x", None]:
    CASES.append(("binop", "add", "ab", o)); CASES.append(("binop", "add", o, "ab"))
    CASES.append(("binop", "add", b"ab", o))
for c in ["lt", "eq", "ge"]:
    CASES.append(("cmp", c, "abc", "abd")); CASES.append(("cmp", c, "\u00e9", "z")); CASES.append(("cmp", c, "a", 1)); CASES.append(("cmp", c, b"a", "a"))
for o in ["a", "", "ab", 1, b"a"]:
    CASES.append(("contains", o, "xab"))
for o in [97, 300, b"a", "a"]:
    CASES.append(("contains", o, b"xab"))
CASES.append(("iter", "h\u00e9" + E)); CASES.append(("iter", b"ab"))
for c in [65, 233, 0x20ac, -1, 0x110000]: CASES.append(("chr", c))
for s in ["a", "ab", "", b"a", 1]: CASES.append(("ord", s))
# methods
call("upper", "hello"); call("upper", "a"); call("upper", "\u00df"); call("lower", "\u03a3\u0391\u03a3 \u03a3\u0391"); call("title", "they're bill's"); call("capitalize", "hELLO"); call("swapcase", "Hello \u00c9"); call("casefold", "Stra\u00dfe")
call("strip", "  ab  "); call("strip", "ab"); call("strip", " a "); call("lstrip", "xxaxx", "x"); call("rstrip", "abc", 1)
for s in ["a b  c", " ", "", "a,b,,c", "abc"]:
    call("split", s); call("split", s, ","); call("rsplit", s, None, 1); call("split", s, "", 1)
call("splitlines", "a\nb\r\nc\rd"); call("splitlines", "a\nb", True)
call("join", ", ", ["a", "b", "c"]); call("join", "", ["a"]); call("join", "-", []); call("join", "", ["a", 2]); call("join", "", 5); call("join", "-", "xyz")
call("replace", "aaa", "a", "b", 2); call("replace", "abc", "", "-"); call("replace", "abc", "x", "y"); call("replace", "b", "b", "a"); call("replace", "abc", 1, "a")
for m in ["find", "rfind", "index", "rindex", "count", "startswith", "endswith", "partition", "rpartition"]:
    call(m, "abcabc", "bc"); call(m, "abcabc", "x"); call(m, "abc", 1)
call("find", "abc", "c", -1); call("count", "abc", ""); call("startswith", "abc", ("x", "a")); call("endswith", "abc", ("x", 1)); call("find", "abc")
for m in ["isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower", "istitle", "isidentifier", "isdecimal", "isnumeric", "isprintable", "isascii"]:
    call(m, "Ab1"); call(m, "\u00b2"); call(m, "")
call("upper", "a", 1); call("split", "a", foo=1); call("split", "a", " ", 1, 2); call("split", "a b", " ", sep=" ")
call("zfill", "-12", 6); call("zfill", "ab", 1); call("center", "ab", 5); call("center", "abc", 8, "*"); call("center", "abc", 5, "ab"); call("ljust", "ab", 4, 1); call("rjust", "ab", 4)
call("expandtabs", "a\tbc\td", 4); call("removeprefix", "abc", "a"); call("removesuffix", "abc", "c")
call("encode", "caf\u00e9"); call("encode", "caf\u00e9", "ascii"); call("encode", "caf\u00e9", "latin-1"); call("encode", E, "latin-1"); call("encode", "a", "bogus"); call("encode", "\ud800"); call("encode", "a", 1)
call("decode", b"caf\xc3\xa9"); call("decode", b"\xff"); call("decode", b"\xe2\x82"); call("decode", b"\xffab", "utf-8", "replace"); call("decode", b"\xe9", "latin-1"); call("decode", b"\xe9", "ascii")
call("hex", b"\x01\xab"); call("hex", b"abc", ":"); call("join", b"-", [b"a", b"b"]); call("split", b"a b"); call("find", b"abc", 99); call("count", b"abc", b"")
# formatting
for f, a in [("%s", "x"), ("%s", "é"), ("%d", 42), ("%5.2f", 3.14159), ("%-5d|", 7), ("%05d", -42), ("%x", 255), ("%#X", 255), ("%o", 8), ("%e", 12345.678), ("%g", 1e-05), ("%c", 65), ("%r", "é"), ("%a", "é"), ("%%", ()), ("%s %s", (1,)), ("%s", (1, 2)), ("%d", "x"), ("%x", 1.5), ("%f", "x"), ("%z", 1), ("%", 1), ("%(a)s", {"a": 1}), ("%(a)s", (1,)), ("hello", [1]), ("hello", 5), ("%c", 0x110000), ("%*d", (5, 3)), ("%.*f", (2, 3.14159)), ("x%sy", "m"), ("%s", b"x")]:
    CASES.append(("binop", "mod", f, a))
for f in ["{}", "{0}{1}", "{name}", "{0[0]}", "{!r}", "{:>5}|{:<5}", "{:05.1f}", "{{}} {}", "{", "}", "{0}{}", "{}{0}", "{0!}", "{:{}}", "{0.real}", "{!x}", "{1}"]:
    call("format", f, "ab", 3.14159)
call("format", "{name}", name="N"); call("format", "{name}", 1)
# constructors
new("str"); new("str", 12); new("str", b"abc"); new("str", b"abc", "utf-8"); new("str", "abc", "utf-8"); new("str", 1, "utf-8"); new("str", b"a", 5); new("str", foo=5); new("str", 1, 2, 3, 4); new("str", b"\xff", "utf-8")
new("bytes"); new("bytes", 3); new("bytes", -1); new("bytes", [1, 255]); new("bytes", [256]); new("bytes", "x"); new("bytes", "x", "utf-8"); new("bytes", b"x", "utf-8"); new("bytes", 1.5); new("bytes", [7]); new("bytes", 1); new("bytes", "a", encoding=1)


# ---- the C rows ----
def readable(line):
    p = line.split(" ")
    if p[0] == "R":
        text = bytes.fromhex(p[1]).decode("utf-8", "surrogatepass")
        return " ".join(["R", text] + p[2:])
    return "E %s: %s" % (p[1], bytes.fromhex(p[2]).decode("utf-8", "surrogatepass"))

def cstr(s):
    out = []
    for b in s.encode("utf-8", "surrogatepass"):
        c = chr(b)
        if c == '"': out.append('\\"')
        elif c == '\\': out.append('\\\\')
        elif 32 <= b < 127: out.append(c)
        else: out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'

def describe(c):
    op = c[0]
    if op == "call":
        _, m, recv, args, kw = c
        a = [repr(x) for x in args] + ["%s=%r" % kv for kv in kw.items()]
        return "%r.%s(%s)" % (recv, m, ", ".join(a))
    if op == "new":
        _, t, args, kw = c
        a = [repr(x) for x in args] + ["%s=%r" % kv for kv in kw.items()]
        return "%s(%s)" % (t, ", ".join(a))
    if op == "binop":
        return "%r %s %r" % (c[2], {"add": "+", "mul": "*", "mod": "%"}[c[1]], c[3])
    if op == "cmp":
        return "%r %s %r" % (c[2], {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}[c[1]], c[3])
    if op == "getitem": return "%r[%r]" % (c[1], c[2])
    if op == "contains": return "%r in %r" % (c[1], c[2])
    if op == "size": return "sys.getsizeof(%r)" % (c[1],)
    if op == "iter": return "list(iter(%r))" % (c[1],)
    return "%s(%r)" % (op, c[1])


def emit(ops, exp):
    vers = ["3.8", "3.11", "3.12", "3.13"]
    rows = []
    for i, c in enumerate(CASES):
        outs = {v: readable(exp[v][i]) for v in vers}
        desc = describe(c).replace("*/", "* /").encode("ascii", "backslashreplace").decode()
        groups = {}
        for v in vers:
            groups.setdefault(outs[v], []).append(v)
        rows.append("    /* %s */" % desc)
        for o, vs in groups.items():
            tag = "*" if len(vs) == 4 else ",".join(vs)
            rows.append("    {%s, %s,\n     %s}," % (cstr(tag), cstr(ops[i]), cstr(o)))
    return "\n".join(rows)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--expect":
        for c in CASES:
            print(run(c))
        return
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
    exp = {}
    for v in ["3.8", "3.11", "3.12", "3.13"]:
        py = sorted(glob.glob("%s/versions/%s.*/bin/python" % (root, v)))[-1]
        env = dict(os.environ, PYTHONHASHSEED="0")
        r = subprocess.run([py, "-W", "ignore", __file__, "--expect"], env=env,
                           capture_output=True, text=True, check=True)
        exp[v] = r.stdout.split("\n")
    print(emit([serialize(c) for c in CASES], exp))


if __name__ == "__main__":
    main()
