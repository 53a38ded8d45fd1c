/* Tests of heap_clone / vm_clone / session_clone: checkpoints for stepping
 * back.  For several scripts and every profile, the script is run step by
 * step; at every step k the session is cloned, and
 *   - the clone's heap passes heap_validate and is in the original's
 *     state (a fingerprint of the object table, the allocator, the VM's
 *     frames and the output; the whole snapshot JSON at sampled steps);
 *   - the clone, run to the end, prints exactly what an uninterrupted run
 *     prints (stdout, stderr after shutdown) and ends in the same state
 *     (fingerprint; the whole snapshot at sampled steps);
 *   - the original is unchanged by the clone's run (nothing mutable is
 *     shared);
 *   - the original is then deleted first and the run goes on in a clone,
 *     so the run that reaches the end is a chain of clones, validated at
 *     every line, whose end snapshot is compared too.
 * Run under ASan/UBSan (CI), this also shows that deleting either copy
 * first leaves the other intact. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "lang/ceval.h"
#include "session/session.h"
#include "sim/gc.h"
#include "sim/heap.h"
#include "snapshot/snapshot.h"

typedef struct Script {
    const char *name;
    const char *source;
} Script;

static const Script scripts[] = {
    /* classes, instances with shared-key dicts, closures, __slots__, super() */
    {"classes",
     "import sys\n"
     "class Node:\n"
     "    count = 0\n"
     "    def __init__(self, name, parent=None):\n"
     "        self.name = name\n"
     "        self.parent = parent\n"
     "        self.children = []\n"
     "        Node.count += 1\n"
     "        if parent is not None:\n"
     "            parent.children.append(self)\n"
     "    def __repr__(self):\n"
     "        return \"Node(%r)\" % self.name\n"
     "    def walk(self, depth=0):\n"
     "        out = [\"  \" * depth + self.name]\n"
     "        for c in self.children:\n"
     "            out.extend(c.walk(depth + 1))\n"
     "        return out\n"
     "\n"
     "def make_counter(start):\n"
     "    n = start\n"
     "    def inc(step=1):\n"
     "        nonlocal n\n"
     "        n += step\n"
     "        return n\n"
     "    return inc\n"
     "\n"
     "root = Node(\"root\")\n"
     "a = Node(\"a\", root)\n"
     "b = Node(\"b\", root)\n"
     "c = Node(\"c\", a)\n"
     "print(\"\\n\".join(root.walk()))\n"
     "ctr = make_counter(10)\n"
     "for i in range(3):\n"
     "    print(ctr(i), ctr.__closure__[0].cell_contents)\n"
     "print(Node.count, sys.getrefcount(root), root.children)\n"
     "class P:\n"
     "    def __init__(self, x, y):\n"
     "        self.x = x\n"
     "        self.y = y\n"
     "pts = [P(i, -i) for i in range(10)]\n"
     "d0 = pts[0].__dict__\n"
     "pts[1].z = 3\n"
     "print(sys.getsizeof(d0), sys.getsizeof(pts[2].__dict__))\n"
     "del pts[3].x\n"
     "print([vars(p) for p in pts[:4]])\n"
     "class Base:\n"
     "    def hello(self):\n"
     "        return \"base\"\n"
     "class Child(Base):\n"
     "    __slots__ = (\"a\",)\n"
     "    def hello(self):\n"
     "        return \"child+\" + super().hello()\n"
     "ch = Child()\n"
     "ch.a = 5\n"
     "print(ch.hello(), ch.a, sys.getsizeof(ch))\n"},
    /* exceptions in flight: handlers, finally, nested raises, an uncaught traceback */
    {"exceptions",
     "class AppError(Exception):\n"
     "    def __init__(self, code):\n"
     "        super().__init__(\"code %d\" % code)\n"
     "        self.code = code\n"
     "\n"
     "def risky(n):\n"
     "    if n % 3 == 0:\n"
     "        raise AppError(n)\n"
     "    if n % 3 == 1:\n"
     "        return {}[\"missing\"]\n"
     "    return n * 2\n"
     "\n"
     "def handle(n):\n"
     "    try:\n"
     "        v = risky(n)\n"
     "    except AppError as e:\n"
     "        print(\"app\", e.code, e.args)\n"
     "        v = -1\n"
     "    except KeyError as e:\n"
     "        print(\"key\", repr(e))\n"
     "        try:\n"
     "            raise ValueError(\"inner\")\n"
     "        except ValueError as e2:\n"
     "            print(\"nested\", e2, type(e2.__context__).__name__)\n"
     "        v = -2\n"
     "    else:\n"
     "        print(\"ok\", v)\n"
     "    finally:\n"
     "        print(\"finally\", n)\n"
     "    return v\n"
     "\n"
     "total = 0\n"
     "for i in range(6):\n"
     "    total += handle(i)\n"
     "print(total)\n"
     "def deep(n):\n"
     "    if n == 0:\n"
     "        raise RuntimeError(\"bottom\")\n"
     "    return deep(n - 1)\n"
     "try:\n"
     "    deep(5)\n"
     "except RuntimeError as e:\n"
     "    print(\"caught\", e)\n"
     "try:\n"
     "    undefined_name\n"
     "except NameError as e:\n"
     "    print(e)\n"
     "deep(3)\n"},
    /* dict/list/set growth and deletion, frozenset, big ints, complex, bytes,
     * str, slices, ranges, views */
    {"containers",
     "import sys\n"
     "d = {}\n"
     "sizes = []\n"
     "for i in range(24):\n"
     "    d[\"k%d\" % i] = i * i\n"
     "    sizes.append(sys.getsizeof(d))\n"
     "print(sizes)\n"
     "l = []\n"
     "for i in range(18):\n"
     "    l.append(i)\n"
     "    if i % 7 == 0:\n"
     "        print(len(l), sys.getsizeof(l))\n"
     "s = set()\n"
     "for i in range(12):\n"
     "    s.add(i * 3)\n"
     "print(sys.getsizeof(s), len(s))\n"
     "for k in list(d):\n"
     "    if d[k] % 2:\n"
     "        del d[k]\n"
     "print(len(d), sys.getsizeof(d))\n"
     "fs = frozenset(s)\n"
     "t = tuple(l)\n"
     "print(hash(fs) == hash(frozenset(s)), t[-3:])\n"
     "big = 2 ** 100 + 7\n"
     "print(big * big, big // 3, -big)\n"
     "cx = complex(1, 2) * 3\n"
     "print(cx, 1.5 * 2, b\"ab\" * 3, \"h\\u00e9llo \\u4e16\\u754c\"[1:4])\n"
     "sl = l[2:20:3]\n"
     "r = range(0, 50, 7)\n"
     "print(sl, list(r), r[3], reversed(r), list(reversed(l))[:3])\n"
     "for key in d.keys():\n"
     "    pass\n"
     "ks = d.keys()\n"
     "vs = d.values()\n"
     "print(len(ks), sum(vs), id(l) == id(l))\n"},
    /* weakrefs with callbacks, proxies, WeakValueDictionary and its iterators, __del__ */
    {"weakdel",
     "import weakref, gc\n"
     "class Res:\n"
     "    def __init__(self, name):\n"
     "        self.name = name\n"
     "    def __del__(self):\n"
     "        print(\"del\", self.name)\n"
     "\n"
     "log = []\n"
     "x = Res(\"x\")\n"
     "r = weakref.ref(x, lambda w: log.append(\"x died\"))\n"
     "p = weakref.proxy(x)\n"
     "print(p.name, r() is x, weakref.getweakrefcount(x))\n"
     "del x\n"
     "print(log, r())\n"
     "wd = weakref.WeakValueDictionary()\n"
     "items = [Res(\"v%d\" % i) for i in range(4)]\n"
     "for it in items:\n"
     "    wd[it.name] = it\n"
     "print(sorted(wd.keys()))\n"
     "del it\n"
     "del items[1]\n"
     "print(sorted(wd.keys()))\n"
     "for k, v in wd.items():\n"
     "    print(k, v.name)\n"
     "items.clear()\n"
     "print(len(wd))\n"
     "y = Res(\"y\")\n"
     "z = Res(\"z\")\n"
     "zr = weakref.ref(z, lambda w: print(\"z callback\"))\n"},
    /* gc cycles with __del__, gc.collect(), automatic collections, tracking */
    {"gccycles",
     "import gc\n"
     "class Node:\n"
     "    def __init__(self, name):\n"
     "        self.name = name\n"
     "        self.other = None\n"
     "    def __del__(self):\n"
     "        print(\"del\", self.name)\n"
     "gc.disable()\n"
     "a = Node(\"a\"); b = Node(\"b\")\n"
     "a.other = b; b.other = a\n"
     "del a, b\n"
     "print(\"collected\", gc.collect())\n"
     "l = []\n"
     "l.append(l)\n"
     "d = {}\n"
     "d[\"self\"] = d\n"
     "del l, d\n"
     "print(gc.collect())\n"
     "gc.enable()\n"
     "gc.set_threshold(20, 2, 2)\n"
     "objs = []\n"
     "for i in range(50):\n"
     "    objs.append([i])\n"
     "    if i % 15 == 0:\n"
     "        print(gc.get_count())\n"
     "cyc = [[] for _ in range(10)]\n"
     "for i in range(10):\n"
     "    cyc[i].append(cyc[(i + 1) % 10])\n"
     "del cyc\n"
     "print(gc.collect(), gc.get_count())\n"
     "print(gc.is_tracked({}), gc.is_tracked({\"a\": []}))\n"
     "last = Node(\"last\")\n"
     "last.other = last\n"},
    /* comprehensions, for-loops paused mid-iteration, iterators, zip/map/filter, f-strings */
    {"loops",
     "data = [i * i for i in range(20)]\n"
     "evens = {x: x // 2 for x in data if x % 2 == 0}\n"
     "letters = {c for c in \"mississippi\"}\n"
     "pairs = [(a, b) for a in range(4) for b in range(a)]\n"
     "print(data[:5], len(evens), sorted(letters), pairs)\n"
     "total = 0\n"
     "for i, v in enumerate(data):\n"
     "    if v > 100:\n"
     "        break\n"
     "    total += v\n"
     "else:\n"
     "    total = -1\n"
     "print(total)\n"
     "for k, v in sorted(evens.items()):\n"
     "    total += k - v\n"
     "it = iter(data)\n"
     "first = next(it)\n"
     "second = next(it)\n"
     "for x in it:\n"
     "    if x > 50:\n"
     "        continue\n"
     "    total += x\n"
     "print(total, first, second)\n"
     "z = list(zip(data, \"abcdef\"))\n"
     "m = list(map(lambda q: q + 1, range(5)))\n"
     "f = list(filter(None, [0, 1, 2, 0, 3]))\n"
     "print(z, m, f, sum(x for x in range(10)))\n"
     "w = 0\n"
     "while w < 5:\n"
     "    w += 1\n"
     "    s = \"\".join(str(j) for j in range(w))\n"
     "print(s, w, f\"{w:>4}|{s!r}\")\n"
     "for ch in \"abc\":\n"
     "    for n in range(2):\n"
     "        print(ch * n, end=\";\")\n"
     "print()\n"},
    /* nested and recursive calls paused mid-frame, bound methods, key functions, keywords */
    {"calls",
     "def fib(n):\n"
     "    if n < 2:\n"
     "        return n\n"
     "    return fib(n - 1) + fib(n - 2)\n"
     "\n"
     "def outer(x):\n"
     "    def middle(y):\n"
     "        def inner(z):\n"
     "            return x + y + z\n"
     "        return inner(y * 2)\n"
     "    return middle(x + 1)\n"
     "\n"
     "class Stack:\n"
     "    def __init__(self):\n"
     "        self.items = []\n"
     "    def push(self, v):\n"
     "        self.items.append(v)\n"
     "        return self\n"
     "    def pop(self):\n"
     "        return self.items.pop()\n"
     "\n"
     "st = Stack()\n"
     "for i in range(5):\n"
     "    st.push(fib(i)).push(outer(i))\n"
     "print(st.items)\n"
     "print(st.pop(), st.pop(), len(st.items))\n"
     "print(list(map(fib, range(8))))\n"
     "print(sorted([3, 1, 2], key=lambda v: -fib(v)))\n"
     "def kw(a, b=2, *args, c=3, **kws):\n"
     "    return (a, b, args, c, kws)\n"
     "print(kw(1), kw(1, 5, 6, 7, c=8, d=9))\n"},
};

#define NSCRIPTS (sizeof scripts / sizeof scripts[0])

static const char *const versions[] = {"3.8", "3.11", "3.12", "3.13"};

#define NVERSIONS (sizeof versions / sizeof versions[0])

/* Steps whose whole snapshots are compared, besides the first and last
 * (a snapshot costs milliseconds; the fingerprint is checked at every step). */
#define SNAPSHOT_SAMPLES 4

/* What a run leaves: its state when the script ended (before shutdown),
 * then the program's output after interpreter shutdown. */
typedef struct End {
    char *snap;          /* snapshot JSON, or NULL when not sampled */
    uint64_t print;      /* fingerprint */
    char *out, *err;
    int status;
} End;

/* Mix V into fingerprint *F (an FNV-style step over the whole word). */
static void mix(uint64_t *f, uint64_t v)
{
    *f = (*f ^ v) * UINT64_C(0x100000001b3);
    *f ^= *f >> 29;
}

/* Mix the N bytes at P into *F. */
static void mix_bytes(uint64_t *f, const char *p, size_t n)
{
    mix(f, n);
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = 0;
        memcpy(&w, p + i, n - i < 8 ? n - i : 8);
        mix(f, w);
    }
}

/* A fingerprint of S's state: every slot's header, the allocator, the
 * collector's counts, the VM's frames and the output (payload contents are
 * covered by the output and the sampled snapshots). */
static uint64_t fingerprint(const Session *s)
{
    const Heap *h = s->heap;
    uint64_t f = UINT64_C(0xcbf29ce484222325);
    for (Ref r = 1; r < h->nslots; r++) {
        const Obj *o = &h->objs[r];
        mix(&f, o->kind);
        if (o->kind == K_FREE)
            continue;
        mix(&f, (uint64_t)o->refcnt);
        mix(&f, o->addr);
        mix(&f, ((uint64_t)o->type << 32) | o->aux);
        mix(&f, ((uint64_t)o->flags << 8) | o->gen);
        mix(&f, ((uint64_t)o->gc_next << 32) | o->gc_prev);
    }
    mix(&f, h->live);
    mix(&f, h->free_slot);
    mix(&f, h->mem_bytes);
    mix(&f, obmalloc_allocated_blocks(h->mem));
    mix(&f, h->exc);
    for (int g = 0; g < GC_NGENS; g++)
        mix(&f, (uint64_t)gc_generations((Heap *)h)[g].count);
    mix_bytes(&f, h->out.data, h->out.len);
    mix_bytes(&f, h->err.data, h->err.len);
    mix(&f, (uint64_t)s->vm->steps);
    mix(&f, (uint64_t)s->status);
    for (int i = 0; i < s->vm->nframes; i++) {
        const Frame *fr = s->vm->frames[i];
        mix(&f, ((uint64_t)fr->pc << 32) | (uint32_t)fr->sp);
        for (int k = 0; k < fr->sp; k++)
            mix(&f, fr->stack[k]);
    }
    return f;
}

/* S's snapshot as compact JSON with sorted keys (malloc'd). */
static char *snap_json(Session *s)
{
    json_t *j = snapshot_build(s);
    char *text = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
    json_decref(j);
    ck_assert_ptr_nonnull(text);
    return text;
}

/* A session for SCRIPT under VERSION that keeps its end state. */
static Session *load(const Script *script, const char *version, bool check_heap)
{
    Session *s = session_new(profile_find(version), check_heap);
    s->keep_end_state = true;
    session_load(s, "t.py", script->source);
    return s;
}

/* Step S to its end and record the End (with the snapshot when SNAP). */
static End run_to_end(Session *s, bool snap)
{
    while (session_step(s))
        ;
    End e;
    e.snap = snap ? snap_json(s) : NULL;
    e.print = fingerprint(s);
    session_finalize(s);
    e.out = strdup(strbuf_cstr(&s->heap->out));
    e.err = strdup(strbuf_cstr(&s->heap->err));
    e.status = session_exit_status(s);
    return e;
}

/* Free an End's strings. */
static void end_free(End *e)
{
    free(e->snap);
    free(e->out);
    free(e->err);
}

/* Check that GOT equals WANT; WHERE names the run. */
static void end_check(const End *got, const End *want, const char *where)
{
    ck_assert_msg(!strcmp(got->out, want->out), "%s: stdout\n%s\nexpected\n%s", where,
                  got->out, want->out);
    ck_assert_msg(!strcmp(got->err, want->err), "%s: stderr\n%s\nexpected\n%s", where,
                  got->err, want->err);
    ck_assert_msg(got->status == want->status, "%s: exit status", where);
    ck_assert_msg(got->print == want->print, "%s: end states differ", where);
    if (got->snap)
        ck_assert_msg(!strcmp(got->snap, want->snap), "%s: end snapshots differ", where);
}

/* Check that the clone C of D validates and is in D's state. */
static void check_copy(Session *d, Session *c, bool snap, const char *where)
{
    StrBuf why = {0};
    ck_assert_msg(heap_validate(c->heap, &why), "%s: clone invalid: %s", where,
                  strbuf_cstr(&why));
    strbuf_free(&why);
    ck_assert_msg(fingerprint(c) == fingerprint(d), "%s: the clone's state differs", where);
    if (snap) {
        char *a = snap_json(d), *b = snap_json(c);
        ck_assert_msg(!strcmp(a, b), "%s: the clone's snapshot differs", where);
        free(a);
        free(b);
    }
}

/* The checks at one step: clone D, check the clone, run it to the end. */
static void check_clone_at(Session *d, const End *want, bool snap, const char *where)
{
    uint64_t before = fingerprint(d);
    Session *c = session_clone(d);
    check_copy(d, c, snap, where);
    c->check_heap = c->vm->check_heap = false;   /* the chain validates every line */
    End got = run_to_end(c, snap);
    session_delete(c);
    end_check(&got, want, where);
    end_free(&got);
    ck_assert_msg(fingerprint(d) == before, "%s: running the clone changed the original",
                  where);
}

/* Every step of one script under one version (loop index: script-major). */
START_TEST(test_clone_every_step)
{
    const Script *script = &scripts[_i / NVERSIONS];
    const char *version = versions[_i % NVERSIONS];
    Session *ref = load(script, version, true);
    long long nsteps = 0;
    while (session_step(ref))
        nsteps++;
    session_delete(ref);
    ref = load(script, version, true);
    End want = run_to_end(ref, true);
    ck_assert_msg(session_heap_error(ref) == NULL, "%s %s: %s", script->name, version,
                  session_heap_error(ref));
    session_delete(ref);

    long long stride = nsteps / SNAPSHOT_SAMPLES + 1;
    Session *d = load(script, version, true);
    char where[96];
    for (long long k = 0;; k++) {
        snprintf(where, sizeof where, "%s %s step %lld", script->name, version, k);
        check_clone_at(d, &want, k % stride == 0 || d->status != SESSION_READY, where);
        Session *next = session_clone(d);
        session_delete(d);               /* the original goes first */
        d = next;
        if (!session_step(d))
            break;
    }
    End got = run_to_end(d, true);
    ck_assert_msg(session_heap_error(d) == NULL, "%s %s: %s", script->name, version,
                  session_heap_error(d));
    snprintf(where, sizeof where, "%s %s chain of clones", script->name, version);
    end_check(&got, &want, where);
    end_free(&got);
    end_free(&want);
    session_delete(d);
}
END_TEST

/* Interactive inputs typed while the script is paused; the second one
 * raises, so sys.last_value and the frames of its traceback are kept. */
static const char *const inputs[] = {
    "def f(n):\n    return 1 // n\n",
    "f(0)",
    "f(-3)",
    "st.items[:2]",
};

#define NINPUTS (sizeof inputs / sizeof inputs[0])

/* Type inputs FROM..TO-1 at S's prompt. */
static void type_inputs(Session *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        session_input(s, inputs[i]);
}

/* A session that ran inputs at the prompt (sys.last_* frames, the inputs'
 * texts, the transcript) clones: the clone goes on like the original. */
START_TEST(test_clone_with_inputs)
{
    const Script *script = &scripts[NSCRIPTS - 1];
    const char *version = versions[_i];
    Session *ref = load(script, version, true);
    session_steps(ref, 20);
    type_inputs(ref, 0, NINPUTS);
    End want = run_to_end(ref, true);
    ck_assert_msg(strstr(want.err, "ZeroDivisionError") && strstr(want.out, "-1\n[0, "),
                  "%s: the inputs did not run:\n%s%s", version, want.out, want.err);

    Session *s = load(script, version, true);
    session_steps(s, 20);
    type_inputs(s, 0, 2);
    ck_assert_int_gt(s->vm->nlast_frames, 0);
    Session *c = session_clone(s);
    session_delete(s);
    type_inputs(c, 2, NINPUTS);
    End got = run_to_end(c, true);
    ck_assert_msg(session_heap_error(c) == NULL, "%s: %s", version, session_heap_error(c));
    end_check(&got, &want, version);
    size_t n = session_transcript_count(ref);
    ck_assert_uint_eq(session_transcript_count(c), n);
    for (size_t i = 0; i < n; i++) {
        const TranscriptEntry *a = session_transcript_entry(ref, i);
        const TranscriptEntry *b = session_transcript_entry(c, i);
        ck_assert(a->kind == b->kind && a->input == b->input && a->len == b->len
                  && !memcmp(a->text, b->text, a->len));
    }
    end_free(&got);
    end_free(&want);
    session_delete(ref);
    session_delete(c);
}
END_TEST

/* A bare heap clones, and both copies delete in either order. */
START_TEST(test_bare_heap)
{
    for (size_t v = 0; v < NVERSIONS; v++) {
        Heap *h = heap_new(profile_find(versions[v]));
        Heap *c = heap_clone(h);
        ck_assert_uint_eq(c->live, h->live);
        ck_assert_uint_eq(c->mem_bytes, h->mem_bytes);
        StrBuf why = {0};
        ck_assert_msg(heap_validate(c, &why), "%s: %s", versions[v], strbuf_cstr(&why));
        strbuf_free(&why);
        if (v % 2) {
            heap_delete(h);
            heap_delete(c);
        } else {
            heap_delete(c);
            heap_delete(h);
        }
    }
}
END_TEST

/* A clone of a session that failed to compile keeps the SyntaxError text. */
START_TEST(test_syntax_error)
{
    Session *s = session_new(profile_find("3.12"), true);
    ck_assert(!session_load(s, "t.py", "x = (\n"));
    Session *c = session_clone(s);
    session_delete(s);
    ck_assert_int_eq(c->status, SESSION_ERROR);
    ck_assert(strstr(strbuf_cstr(&c->heap->err), "SyntaxError") != NULL);
    ck_assert(!session_step(c));
    session_delete(c);
}
END_TEST

/* The clone suite. */
Suite *suite_clone(void)
{
    Suite *s = suite_create("clone");
    TCase *tc = tcase_create("Core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_bare_heap);
    tcase_add_test(tc, test_syntax_error);
    tcase_add_loop_test(tc, test_clone_with_inputs, 0, (int)NVERSIONS);
    tcase_add_loop_test(tc, test_clone_every_step, 0, (int)(NSCRIPTS * NVERSIONS));
    suite_add_tcase(s, tc);
    return s;
}
