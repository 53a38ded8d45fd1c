/* Tests of the compiler (symbol tables, constants, code generation).
 *
 * Every expectation was checked against the real interpreters (CPython
 * 3.8.18, 3.11.7, 3.12.1, 3.13.0): co_consts, co_names, co_varnames,
 * co_cellvars and co_freevars are exactly what
 *     compile(src, 'x', 'exec').co_consts  (recursively)
 * prints, and the instruction sequences are CPython's `dis` output
 * translated to heapscope's opcodes (BINARY_ADD / BINARY_OP 0 -> BINARY_OP +,
 * CALL_FUNCTION / CALL -> CALL, SWAP 2 -> ROT_TWO, ...).  Each test releases
 * what it compiled and validates the heap, which catches leaked or
 * over-released constants. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "lang/compile.h"
#include "lang/disasm.h"
#include "lang/parser.h"
#include "lang/symtable.h"
#include "sim/funcobject.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"

/* ---- helpers ---- */

typedef struct Compiled {
    Heap *h;
    AstModule *m;
    Ref code;
    CompileError err;
} Compiled;

/* Parse and compile SRC for CPython version VER. */
static Compiled compile_mode(const char *ver, const char *src, CompileMode mode)
{
    Compiled k = {0};
    const Profile *p = profile_find(ver);
    ck_assert_ptr_nonnull(p);
    k.h = heap_new(p);
    SyntaxErr se = {0};
    k.m = parser_parse(src, strlen(src), syntax_profile_by_name(ver), &se);
    ck_assert_msg(k.m != NULL, "%s: parse error: %s", ver, se.msg ? se.msg : "?");
    k.err.source = src;
    k.err.source_len = strlen(src);
    k.code = compile_module(k.h, k.m, "x.py", mode, &k.err);
    return k;
}

/* Parse and compile SRC as a script; it must compile. */
static Compiled compile_ok(const char *ver, const char *src)
{
    Compiled k = compile_mode(ver, src, COMPILE_FILE);
    ck_assert_msg(k.code != 0, "%s: compile error: %s", ver,
                  k.err.syntax.msg ? k.err.syntax.msg : "?");
    return k;
}

/* Release everything and check the heap's invariants. */
static void done(Compiled *k)
{
    heap_decref(k->h, k->code);
    compile_error_clear(&k->err);
    ast_module_free(k->m);
    StrBuf why = {0};
    ck_assert_msg(heap_validate(k->h, &why), "%s: %s", k->h->prof->name, strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(k->h);
}

/* The first code object named NAME among CODE's constants (depth first). */
static Ref child(Heap *h, Ref code, const char *name)
{
    Ref consts = code_data(h, code)->consts;
    for (size_t i = 0; i < tuple_size(h, consts); i++) {
        Ref k = tuple_items(h, consts)[i];
        if (heap_kind(h, k) != K_CODE)
            continue;
        if (str_eq_cstr(h, code_data(h, k)->name, name))
            return k;
        Ref r = child(h, k, name);
        if (r)
            return r;
    }
    return 0;
}

/* The code object at PATH ("f/g/<lambda>"), or the module for "". */
static Ref code_at(Compiled *k, const char *path)
{
    Ref code = k->code;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *tok = strtok(buf, "/"); tok; tok = strtok(NULL, "/")) {
        code = child(k->h, code, tok);
        ck_assert_msg(code != 0, "no code object %s in %s", tok, path);
    }
    return code;
}

/* Assert the compact disassembly of the code at PATH. */
static void assert_ops(Compiled *k, const char *path, const char *expected)
{
    char *got = disasm_ops(k->h, code_at(k, path));
    ck_assert_msg(strcmp(got, expected) == 0, "%s %s:\n--- got\n%s--- expected\n%s",
                  k->h->prof->name, path, got, expected);
    free(got);
}

/* Assert repr() of a tuple field of the code at PATH. */
static void assert_tuple(Compiled *k, const char *path, const char *field, const char *expected)
{
    CodeData *d = code_data(k->h, code_at(k, path));
    Ref t = strcmp(field, "consts") == 0 ? d->consts
            : strcmp(field, "names") == 0 ? d->names
            : strcmp(field, "varnames") == 0 ? d->varnames
            : strcmp(field, "cellvars") == 0 ? d->cellvars : d->freevars;
    StrBuf b = {0};
    disasm_const_repr(k->h, t, &b);
    ck_assert_msg(strcmp(strbuf_cstr(&b), expected) == 0, "%s %s co_%s: got %s, expected %s",
                  k->h->prof->name, path, field, strbuf_cstr(&b), expected);
    strbuf_free(&b);
}

/* co_consts[i] of the code at PATH. */
static Ref const_at(Compiled *k, const char *path, size_t i)
{
    Ref consts = code_data(k->h, code_at(k, path))->consts;
    ck_assert_uint_lt(i, tuple_size(k->h, consts));
    return tuple_items(k->h, consts)[i];
}

/* The CodeBody of the code at PATH. */
static CodeBody *body_at(Compiled *k, const char *path)
{
    return code_data(k->h, code_at(k, path))->body;
}

static const char *const ALL[] = {"3.8", "3.11", "3.12", "3.13"};

/* ---- constants ---- */

/* x = 1000 at module level and `return 1000` share one object (merged
 * across the compilation unit); `x is f()` is True in a script. */
START_TEST(test_consts_merged_across_code_objects)
{
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], "x = 1000\ndef f():\n    return 1000\n"
                                        "t = (1000, 'abc')\ndef g():\n    return (1000, 'abc')\n");
        Ref a = const_at(&k, "", 0);
        ck_assert_ptr_eq((void *)(uintptr_t)a, (void *)(uintptr_t)const_at(&k, "f", 1));
        Ref t = const_at(&k, "g", 1);
        ck_assert_int_eq(heap_kind(k.h, t), K_TUPLE);
        ck_assert_uint_eq(tuple_items(k.h, t)[0], a);
        assert_tuple(&k, "g", "consts", "(None, (1000, 'abc'))");
        done(&k);
    }
}
END_TEST

/* 0, 0.0, False, -0.0 are distinct constants; equal ones are deduplicated. */
START_TEST(test_consts_distinct_keys)
{
    Compiled k = compile_ok("3.12", "a = 0\nb = 0.0\nc = False\nd = -0.0\ne = 0.0\nf = 0\n"
                                    "g = (0, False)\nh = (False, 0)\ni = 1j\nj = -0j\n");
    assert_tuple(&k, "", "consts", "(0, 0.0, False, -0.0, (0, False), (False, 0), 1j, (-0-0j), None)");
    done(&k);
}
END_TEST

/* Folding as ast_opt.c, with its size limits (measured: 2**64 folds,
 * 2**100 does not; 'a'*4096 folds, 'a'*4097 does not; ...). */
START_TEST(test_consts_folding_limits)
{
    static const struct { const char *src, *consts; } cases[] = {
        {"x = 257 is 256 + 1\n", "(257, None)"},
        {"x = 2**64\n", "(18446744073709551616, None)"},
        {"x = 2**100\n", "(2, 100, None)"},
        {"x = 1 << 127\n", "(170141183460469231731687303715884105728, None)"},
        {"x = 1 << 128\n", "(1, 128, None)"},
        {"x = (1,) * 257\n", "((1,), 257, None)"},
        {"x = 'ab' * 2049\n", "('ab', 2049, None)"},
        {"x = 'a' * -1\n", "('a', -1, None)"},
        {"x = '%s' % 'a'\n", "('%s', 'a', None)"},
        {"x = 1 / 0\n", "(1, 0, None)"},
        {"x = -5, ~5, not 1, +True\n", "((-5, -6, False, 1), None)"},
        {"x = 'abc'[1], (1, 2)[0]\n", "(('b', 1), None)"},
        {"x = (1, 2) + (3,)\n", "((1, 2, 3), None)"},
        {"x = 2**-1\n", "(0.5, None)"},
        {"x = [1, 2][0]\n", "(1, 2, 0, None)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (int v = 0; v < 4; v++) {
            Compiled k = compile_ok(ALL[v], cases[i].src);
            assert_tuple(&k, "", "consts", cases[i].consts);
            done(&k);
        }
    }
    Compiled k = compile_ok("3.12", "x = 'a' * 4096\n");
    ck_assert_uint_eq(str_len(k.h, const_at(&k, "", 0)), 4096);
    done(&k);
}
END_TEST

/* String constants of [A-Za-z0-9_] are interned, others not; names are. */
START_TEST(test_consts_interning)
{
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], "a = 'hello'\nb = 'hello world'\nc = 'x_1'\n");
        ck_assert(heap_obj(k.h, const_at(&k, "", 0))->flags & OF_INTERNED);
        ck_assert(!(heap_obj(k.h, const_at(&k, "", 1))->flags & OF_INTERNED));
        ck_assert(heap_obj(k.h, const_at(&k, "", 2))->flags & OF_INTERNED);
        Ref names = code_data(k.h, k.code)->names;
        for (size_t i = 0; i < tuple_size(k.h, names); i++)
            ck_assert(heap_obj(k.h, tuple_items(k.h, names)[i])->flags & OF_INTERNED);
        done(&k);
    }
}
END_TEST

/* The docstring is co_consts[0]; else None is (3.8-3.13); lambdas and
 * classes differ; 3.8 keeps qualnames in co_consts. */
START_TEST(test_consts_docstring_and_none)
{
    const char *src = "def f(a):\n    \"doc\"\n    if a: return\n    return 1\n"
                      "def g():\n    x = 5\nclass C:\n    \"cdoc\"\n    y = 1\n\"notdoc\"\n";
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], src);
        assert_tuple(&k, "f", "consts", "('doc', None, 1)");
        ck_assert(code_data(k.h, code_at(&k, "f"))->flags & CO_HAS_DOCSTRING);
        assert_tuple(&k, "g", "consts", "(None, 5)");
        assert_tuple(&k, "C", "names", v == 3 ? "('__name__', '__module__', '__qualname__', "
                                                "'__firstlineno__', '__doc__', 'y', "
                                                "'__static_attributes__')"
                                              : "('__name__', '__module__', '__qualname__', "
                                                "'__doc__', 'y')");
        assert_tuple(&k, "", "consts", v == 0 ? "(<code object f, line 1>, 'f', <code object g, "
                                                "line 5>, 'g', <code object C, line 7>, 'C', None)"
                                              : "(<code object f, line 1>, <code object g, line 5>, "
                                                "<code object C, line 7>, 'C', None)");
        done(&k);
    }
}
END_TEST

/* Constant default tuples are folded and appended (3.8/3.11 keep the
 * items, 3.12+ drop the unused ones); keyword-only defaults are a map. */
START_TEST(test_consts_defaults)
{
    const char *src = "def f(a=1, b=2, *, c=3):\n    pass\ndef g(a=[1], b=x): pass\n";
    Compiled k = compile_ok("3.8", src);
    assert_tuple(&k, "", "consts", "(1, 2, 3, ('c',), <code object f, line 1>, 'f', "
                                   "<code object g, line 3>, 'g', None, (1, 2))");
    assert_ops(&k, "", "LOAD_CONST (1, 2)\nLOAD_CONST 3\nLOAD_CONST ('c',)\nBUILD_CONST_KEY_MAP 1\n"
                       "LOAD_CONST <code object f, line 1>\nLOAD_CONST 'f'\n"
                       "MAKE_FUNCTION defaults, kwdefaults\nSTORE_NAME f\n"
                       "LOAD_CONST 1\nBUILD_LIST 1\nLOAD_NAME x\nBUILD_TUPLE 2\n"
                       "LOAD_CONST <code object g, line 3>\nLOAD_CONST 'g'\n"
                       "MAKE_FUNCTION defaults\nSTORE_NAME g\nLOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.12", src);
    assert_tuple(&k, "", "consts", "(1, 3, ('c',), <code object f, line 1>, "
                                   "<code object g, line 3>, None, (1, 2))");
    done(&k);
}
END_TEST

/* `x in [..]`, `for x in [..]` use tuples / frozensets (fold_iter). */
START_TEST(test_consts_fold_iter)
{
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], "for x in [a, b]: pass\nfor x in {1, 2}: pass\n"
                                        "y = x in [1, 2]\ny = x in [a, b]\n");
        assert_ops(&k, "", "LOAD_NAME a\nLOAD_NAME b\nBUILD_TUPLE 2\nGET_ITER\nFOR_ITER to 8\n"
                           "STORE_NAME x\nNOP\nJUMP to 4\n"
                           "LOAD_CONST frozenset({1, 2})\nGET_ITER\nFOR_ITER to 14\n"
                           "STORE_NAME x\nNOP\nJUMP to 10\n"
                           "LOAD_NAME x\nLOAD_CONST (1, 2)\nCONTAINS_OP in\nSTORE_NAME y\n"
                           "LOAD_NAME x\nLOAD_NAME a\nLOAD_NAME b\nBUILD_TUPLE 2\n"
                           "CONTAINS_OP in\nSTORE_NAME y\nLOAD_CONST None\nRETURN_VALUE\n");
        done(&k);
    }
}
END_TEST

/* ---- displays and calls ---- */

/* [1, 2, 3] is built by LIST_EXTEND from a constant tuple in 3.9+ (so
 * sys.getsizeof differs), BUILD_LIST 3 in 3.8; sets likewise. */
START_TEST(test_display_literal_extend)
{
    const char *src = "a = [1, 2, 3]\nb = {1, 2, 3}\nc = [1, 2]\n";
    Compiled k = compile_ok("3.8", src);
    assert_ops(&k, "", "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nBUILD_LIST 3\nSTORE_NAME a\n"
                       "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nBUILD_SET 3\nSTORE_NAME b\n"
                       "LOAD_CONST 1\nLOAD_CONST 2\nBUILD_LIST 2\nSTORE_NAME c\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.12", src);
    assert_ops(&k, "", "BUILD_LIST 0\nLOAD_CONST (1, 2, 3)\nLIST_EXTEND 1\nSTORE_NAME a\n"
                       "BUILD_SET 0\nLOAD_CONST frozenset({1, 2, 3})\nSET_UPDATE 1\nSTORE_NAME b\n"
                       "LOAD_CONST 1\nLOAD_CONST 2\nBUILD_LIST 2\nSTORE_NAME c\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    assert_tuple(&k, "", "consts", "((1, 2, 3), frozenset({1, 2, 3}), 1, 2, None)");
    done(&k);
}
END_TEST

/* Dicts: constant keys -> BUILD_CONST_KEY_MAP, one item or other keys ->
 * BUILD_MAP, ** -> DICT_UPDATE; starred lists -> LIST_EXTEND. */
START_TEST(test_display_dicts_and_stars)
{
    const char *src = "d = {'k': 1, 'j': v}\ne = {'a': b}\nf = {a: 1, 2: 3}\ng = {**d, 'z': 1}\n"
                      "l = [*d, 1]\n";
    Compiled k = compile_ok("3.12", src);
    assert_ops(&k, "", "LOAD_CONST 1\nLOAD_NAME v\nLOAD_CONST ('k', 'j')\nBUILD_CONST_KEY_MAP 2\n"
                       "STORE_NAME d\nLOAD_CONST 'a'\nLOAD_NAME b\nBUILD_MAP 1\nSTORE_NAME e\n"
                       "LOAD_NAME a\nLOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nBUILD_MAP 2\n"
                       "STORE_NAME f\nBUILD_MAP 0\nLOAD_NAME d\nDICT_UPDATE 1\nLOAD_CONST 'z'\n"
                       "LOAD_CONST 1\nBUILD_MAP 1\nDICT_UPDATE 1\nSTORE_NAME g\n"
                       "BUILD_LIST 0\nLOAD_NAME d\nLIST_EXTEND 1\nLOAD_CONST 1\nLIST_APPEND 1\n"
                       "STORE_NAME l\nLOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    /* 3.8's BUILD_LIST_UNPACK packs plain items in a tuple: (1,) joins co_consts */
    k = compile_ok("3.8", "l = [*d, 1]\n");
    assert_ops(&k, "", "BUILD_LIST 0\nLOAD_NAME d\nLIST_EXTEND 1\nLOAD_CONST (1,)\nLIST_EXTEND 1\n"
                       "STORE_NAME l\nLOAD_CONST None\nRETURN_VALUE\n");
    assert_tuple(&k, "", "consts", "(1, None, (1,))");
    done(&k);
}
END_TEST

/* Long displays are built incrementally from 3.10 (STACK_USE_GUIDELINE). */
START_TEST(test_display_stack_guideline)
{
    StrBuf src = {0};
    strbuf_puts(&src, "x = [");
    for (int i = 0; i < 31; i++)
        strbuf_printf(&src, "%sa%d", i ? ", " : "", i);
    strbuf_puts(&src, "]\n");
    Compiled k = compile_ok("3.8", strbuf_cstr(&src));
    char *ops = disasm_ops(k.h, k.code);
    ck_assert_ptr_nonnull(strstr(ops, "BUILD_LIST 31\n"));
    free(ops);
    done(&k);
    k = compile_ok("3.12", strbuf_cstr(&src));
    ops = disasm_ops(k.h, k.code);
    ck_assert(strncmp(ops, "BUILD_LIST 0\nLOAD_NAME a0\nLIST_APPEND 1\n", 39) == 0);
    free(ops);
    done(&k);
    strbuf_free(&src);
}
END_TEST

/* Calls: methods -> LOAD_METHOD/CALL_METHOD, keywords -> CALL_KW with a
 * constant name tuple, stars -> CALL_EX; f(**k) passes k itself in 3.8. */
START_TEST(test_calls)
{
    const char *src = "o.m(1, 2)\no.m(k=1)\nf(1, x=2, y=3)\nf(*a)\nf(*a, **k)\nf(**k)\n"
                      "f(1, *a)\n";
    Compiled k = compile_ok("3.12", src);
    assert_ops(&k, "", "LOAD_NAME o\nLOAD_METHOD m\nLOAD_CONST 1\nLOAD_CONST 2\nCALL_METHOD 2\n"
                       "POP_TOP\nLOAD_NAME o\nLOAD_ATTR m\nLOAD_CONST 1\nLOAD_CONST ('k',)\n"
                       "CALL_KW 1\nPOP_TOP\nLOAD_NAME f\nLOAD_CONST 1\nLOAD_CONST 2\n"
                       "LOAD_CONST 3\nLOAD_CONST ('x', 'y')\nCALL_KW 3\nPOP_TOP\n"
                       "LOAD_NAME f\nLOAD_NAME a\nCALL_EX 0\nPOP_TOP\n"
                       "LOAD_NAME f\nLOAD_NAME a\nBUILD_MAP 0\nLOAD_NAME k\nDICT_MERGE 1\n"
                       "CALL_EX 1\nPOP_TOP\nLOAD_NAME f\nLOAD_CONST ()\nBUILD_MAP 0\n"
                       "LOAD_NAME k\nDICT_MERGE 1\nCALL_EX 1\nPOP_TOP\n"
                       "LOAD_NAME f\nLOAD_CONST 1\nBUILD_LIST 1\nLOAD_NAME a\nLIST_EXTEND 1\n"
                       "LIST_TO_TUPLE\nCALL_EX 0\nPOP_TOP\nLOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.8", "f(**k)\nf(1, *a)\n");
    assert_ops(&k, "", "LOAD_NAME f\nBUILD_TUPLE 0\nLOAD_NAME k\nCALL_EX 1\nPOP_TOP\n"
                       "LOAD_NAME f\nBUILD_LIST 0\nLOAD_CONST (1,)\nLIST_EXTEND 1\nLOAD_NAME a\n"
                       "LIST_EXTEND 1\nLIST_TO_TUPLE\nCALL_EX 0\nPOP_TOP\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
}
END_TEST

/* A generator expression as the only argument is a list comprehension
 * named <genexpr> (never inlined); elsewhere it is unsupported. */
START_TEST(test_calls_genexp_argument)
{
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], "s = sum(i * i for i in r)\ng = (i for i in r)\n");
        assert_ops(&k, "<genexpr>", "BUILD_LIST 0\nLOAD_FAST .0\nFOR_ITER to 9\nSTORE_FAST i\n"
                                    "LOAD_FAST i\nLOAD_FAST i\nBINARY_OP *\nLIST_APPEND 2\n"
                                    "JUMP to 2\nRETURN_VALUE\n");
        assert_tuple(&k, "<genexpr>", "consts", "(None,)");
        char *ops = disasm_ops(k.h, k.code);
        ck_assert_ptr_nonnull(strstr(ops, "GET_ITER\nCALL 1\nCALL 1\nSTORE_NAME s\n"
                                          "UNSUPPORTED 'generator expressions (except as the "
                                          "only argument of a call)'\n"));
        free(ops);
        done(&k);
    }
}
END_TEST

/* ---- names and scopes ---- */

/* global / nonlocal / cells / frees; qualnames in co_consts (3.8) or in
 * the code object (3.11+). */
START_TEST(test_scopes_closures)
{
    const char *src = "x = 0\ndef f():\n    global x\n    x = 1\n    y = 2\n    def g():\n"
                      "        nonlocal y\n        y += 1\n        z = x\n        def h():\n"
                      "            return y, z\n        return h\n    return g\n";
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], src);
        assert_tuple(&k, "f", "cellvars", "('y',)");
        assert_tuple(&k, "f", "varnames", "('g',)");
        assert_tuple(&k, "f/g", "cellvars", "('z',)");
        assert_tuple(&k, "f/g", "freevars", "('y',)");
        assert_tuple(&k, "f/g/h", "freevars", "('y', 'z')");
        assert_ops(&k, "f/g", v == 0
            ? "LOAD_DEREF y\nLOAD_CONST 1\nINPLACE_OP +=\nSTORE_DEREF y\nLOAD_GLOBAL x\n"
              "STORE_DEREF z\nLOAD_CLOSURE y\nLOAD_CLOSURE z\nBUILD_TUPLE 2\n"
              "LOAD_CONST <code object h, line 10>\nLOAD_CONST 'f.<locals>.g.<locals>.h'\n"
              "MAKE_FUNCTION closure\nSTORE_FAST h\nLOAD_FAST h\nRETURN_VALUE\n"
            : "LOAD_DEREF y\nLOAD_CONST 1\nINPLACE_OP +=\nSTORE_DEREF y\nLOAD_GLOBAL x\n"
              "STORE_DEREF z\nLOAD_CLOSURE y\nLOAD_CLOSURE z\nBUILD_TUPLE 2\n"
              "LOAD_CONST <code object h, line 10>\nMAKE_FUNCTION_NOQN closure\n"
              "STORE_FAST h\nLOAD_FAST h\nRETURN_VALUE\n");
        ck_assert(str_eq_cstr(k.h, code_data(k.h, code_at(&k, "f/g/h"))->qualname,
                              "f.<locals>.g.<locals>.h"));
        done(&k);
    }
}
END_TEST

/* Class bodies: __module__/__qualname__, methods do not see class names,
 * __class__ cell and __classcell__, LOAD_CLASSDEREF-free classes, name
 * mangling, zero-argument super(). */
START_TEST(test_scopes_classes)
{
    const char *src = "class A:\n    x = 1\n    def m(self):\n        return x, __class__\n"
                      "    def __p(self):\n        self.__q = 1\n        return super().f()\n"
                      "def outer():\n    v = 1\n    class B:\n        v = 2\n"
                      "        def m(self):\n            return v\n        w = v\n    return B\n";
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], src);
        assert_tuple(&k, "A", "cellvars", "('__class__',)");
        assert_tuple(&k, "A/m", "freevars", "('__class__',)");
        assert_ops(&k, "A/m", "LOAD_GLOBAL x\nLOAD_DEREF __class__\nBUILD_TUPLE 2\nRETURN_VALUE\n");
        assert_ops(&k, "A/__p", "LOAD_CONST 1\nLOAD_FAST self\nSTORE_ATTR _A__q\n"
                                "LOAD_GLOBAL super\nLOAD_DEREF __class__\nLOAD_FAST self\nCALL 2\n"
                                "LOAD_METHOD f\nCALL_METHOD 0\nRETURN_VALUE\n");
        assert_tuple(&k, "outer/B", "freevars", "('v',)");
        assert_ops(&k, "outer/B/m", "LOAD_DEREF v\nRETURN_VALUE\n");
        char *ops = disasm_ops(k.h, code_at(&k, "A"));
        ck_assert(strncmp(ops, "LOAD_NAME __name__\nSTORE_NAME __module__\nLOAD_CONST 'A'\n"
                               "STORE_NAME __qualname__\n", 72) == 0);
        ck_assert_ptr_nonnull(strstr(ops, "LOAD_CLOSURE __class__\nDUP_TOP\n"
                                          "STORE_NAME __classcell__\nRETURN_VALUE\n"));
        free(ops);
        ops = disasm_ops(k.h, code_at(&k, "outer/B"));
        ck_assert_ptr_nonnull(strstr(ops, "LOAD_NAME v\nSTORE_NAME w\n"));
        free(ops);
        done(&k);
    }
}
END_TEST

/* 3.13 stores __firstlineno__ and the sorted `self.x = ...` attributes of
 * the methods as __static_attributes__ (augmented and deleted ones do not
 * count; any function nested in the class does). */
START_TEST(test_scopes_static_attributes)
{
    const char *src = "class C:\n    def __init__(self, a):\n        self.b = a\n        self.a = 1\n"
                      "        self.z += 1\n        del self.d\n        x, self.q = 1, 2\n"
                      "    def g(this):\n        this.w = 1\n        self.v = 2\n";
    Compiled k = compile_ok("3.13", src);
    assert_tuple(&k, "C", "consts", "('C', 1, <code object __init__, line 2>, "
                                    "<code object g, line 8>, ('a', 'b', 'q', 'v'), None)");
    assert_tuple(&k, "C", "names", "('__name__', '__module__', '__qualname__', '__firstlineno__', "
                                   "'__init__', 'g', '__static_attributes__')");
    done(&k);
    k = compile_ok("3.12", src);
    assert_tuple(&k, "C", "consts", "('C', <code object __init__, line 2>, "
                                    "<code object g, line 8>, None)");
    done(&k);
}
END_TEST

/* The symbol table API: scopes as CPython's symtable module reports them. */
START_TEST(test_symtable_scopes)
{
    const char *src = "g = 1\ndef f(a):\n    b = a\n    def h():\n        return b, g, len\n"
                      "    return [c for c in b]\n";
    for (int v = 0; v < 4; v++) {
        SyntaxErr se = {0};
        AstModule *m = parser_parse(src, strlen(src), syntax_profile_by_name(ALL[v]), &se);
        ck_assert_ptr_nonnull(m);
        SymOptions o = {.inline_comprehensions = profile_find(ALL[v])->inline_comprehensions,
                        .syntax = syntax_profile_by_name(ALL[v])};
        SymTable *st = symtable_build(m, &o, &se);
        ck_assert_ptr_nonnull(st);
        SymEntry *f = symtable_lookup(st, m->body[1]);
        ck_assert_str_eq(symscope_name(symentry_scope(f, "a")), "LOCAL");
        ck_assert_str_eq(symscope_name(symentry_scope(f, "b")), "CELL");
        SymEntry *h = symtable_lookup(st, m->body[1]->v.function_def.body[1]);
        ck_assert_str_eq(symscope_name(symentry_scope(h, "b")), "FREE");
        ck_assert_str_eq(symscope_name(symentry_scope(h, "g")), "GLOBAL_IMPLICIT");
        ck_assert_str_eq(symscope_name(symentry_scope(h, "len")), "GLOBAL_IMPLICIT");
        /* the comprehension's c is a local of f once inlined (3.12+) */
        ck_assert_str_eq(symscope_name(symentry_scope(f, "c")), v >= 2 ? "LOCAL" : "NONE");
        ck_assert_str_eq(symtable_mangle(st, "A", "__x"), "_A__x");
        ck_assert_str_eq(symtable_mangle(st, "_A", "__x__"), "__x__");
        ck_assert_str_eq(symtable_mangle(st, "__", "__x"), "__x");
        symtable_free(st);
        ast_module_free(m);
    }
}
END_TEST

/* ---- comprehensions ---- */

/* 3.8-3.11: a nested function called with iter(outermost); 3.12+: inlined
 * (PEP 709) with the iteration variable saved and restored. */
START_TEST(test_comprehension_function_or_inlined)
{
    const char *src = "def f(y):\n    return [x*y for x in y if x]\n";
    Compiled k = compile_ok("3.11", src);
    assert_tuple(&k, "f", "cellvars", "('y',)");
    assert_ops(&k, "f", "LOAD_CLOSURE y\nBUILD_TUPLE 1\nLOAD_CONST <code object <listcomp>, line 2>\n"
                        "MAKE_FUNCTION_NOQN closure\nLOAD_DEREF y\nGET_ITER\nCALL 1\nRETURN_VALUE\n");
    assert_ops(&k, "f/<listcomp>", "BUILD_LIST 0\nLOAD_FAST .0\nFOR_ITER to 11\nSTORE_FAST x\n"
                                   "LOAD_FAST x\nPOP_JUMP_IF_FALSE to 10\nLOAD_FAST x\nLOAD_DEREF y\n"
                                   "BINARY_OP *\nLIST_APPEND 2\nJUMP to 2\nRETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.12", src);
    assert_tuple(&k, "f", "varnames", "('y', 'x')");
    assert_tuple(&k, "f", "cellvars", "()");
    assert_ops(&k, "f", "LOAD_FAST y\nGET_ITER\nLOAD_FAST_AND_CLEAR x\nSWAP 2\nSETUP_FINALLY to 20\n"
                        "BUILD_LIST 0\nSWAP 2\nFOR_ITER to 16\nSTORE_FAST x\nLOAD_FAST x\n"
                        "POP_JUMP_IF_FALSE to 15\nLOAD_FAST x\nLOAD_FAST y\nBINARY_OP *\n"
                        "LIST_APPEND 2\nJUMP to 7\nPOP_BLOCK\nSWAP 2\nSTORE_FAST x\nRETURN_VALUE\n"
                        "SWAP 2\nPOP_TOP\nSWAP 2\nSTORE_FAST x\nRERAISE\n");
    done(&k);
}
END_TEST

/* 3.12 inlined comprehensions whose variable a lambda captures become
 * cells of the enclosing scope (the late-binding closures example). */
START_TEST(test_comprehension_inlined_cells)
{
    const char *src = "fs = [lambda: x for x in range(3)]\n";
    Compiled k = compile_ok("3.12", src);
    assert_tuple(&k, "", "varnames", "('x',)");
    assert_tuple(&k, "", "cellvars", "('x',)");
    assert_ops(&k, "", "LOAD_NAME range\nLOAD_CONST 3\nCALL 1\nGET_ITER\n"
                       "LOAD_FAST_AND_CLEAR x [cell slot]\nMAKE_CELL x\nSWAP 2\n"
                       "SETUP_FINALLY to 24\nBUILD_LIST 0\nSWAP 2\nFOR_ITER to 18\nSTORE_DEREF x\n"
                       "LOAD_CLOSURE x\nBUILD_TUPLE 1\nLOAD_CONST <code object <lambda>, line 1>\n"
                       "MAKE_FUNCTION_NOQN closure\nLIST_APPEND 2\nJUMP to 10\nPOP_BLOCK\nSWAP 2\n"
                       "STORE_FAST x [cell slot]\nSTORE_NAME fs\nLOAD_CONST None\nRETURN_VALUE\n"
                       "SWAP 2\nPOP_TOP\nSWAP 2\nSTORE_FAST x [cell slot]\nRERAISE\n");
    CodeBody *b = body_at(&k, "");
    ck_assert_int_eq(b->code[4].arg, b->nlocals + 0);   /* the cell slot */
    ck_assert(str_eq_cstr(k.h, code_data(k.h, code_at(&k, "<lambda>"))->qualname, "<lambda>"));
    done(&k);
    k = compile_ok("3.11", src);
    ck_assert(str_eq_cstr(k.h, code_data(k.h, code_at(&k, "<listcomp>/<lambda>"))->qualname,
                          "<listcomp>.<lambda>"));
    done(&k);
}
END_TEST

/* In a class body (3.12+) every name of the comprehension is saved, class
 * names are not visible (LOAD_GLOBAL); dict/set comprehensions. */
START_TEST(test_comprehension_class_and_kinds)
{
    Compiled k = compile_ok("3.12", "class K:\n    q = 1\n    w = [q + g for q2 in r]\n");
    assert_tuple(&k, "K", "varnames", "('.0', 'q2', 'q', 'g')");
    char *ops = disasm_ops(k.h, code_at(&k, "K"));
    ck_assert_ptr_nonnull(strstr(ops, "LOAD_FAST_AND_CLEAR .0\nLOAD_FAST_AND_CLEAR q2\n"
                                      "LOAD_FAST_AND_CLEAR q\nLOAD_FAST_AND_CLEAR g\nSWAP 5\n"));
    ck_assert_ptr_nonnull(strstr(ops, "LOAD_GLOBAL q\nLOAD_GLOBAL g\nBINARY_OP +\n"));
    free(ops);
    done(&k);
    for (int v = 0; v < 4; v++) {
        k = compile_ok(ALL[v], "def g(n):\n    return {k: v for k, v in n}, {s for s in n}\n");
        ops = disasm_ops(k.h, code_at(&k, "g"));
        ck_assert_ptr_nonnull(strstr(ops, v >= 2 ? "MAP_ADD 2\n" : "CALL 1\n"));
        free(ops);
        done(&k);
    }
}
END_TEST

/* ---- control flow ---- */

/* for/else, break, continue, return inside a loop pops the iterator; the
 * back edge of a for loop is a step on the for line. */
START_TEST(test_control_loops)
{
    const char *src = "def f(a):\n    for x in a:\n        if x:\n            return x\n"
                      "        elif x is None:\n            break\n        continue\n"
                      "    else:\n        return 1\n    while a:\n        a -= 1\n";
    Compiled k = compile_ok("3.12", src);
    assert_ops(&k, "f", "LOAD_FAST a\nGET_ITER\nFOR_ITER to 19\nSTORE_FAST x\nLOAD_FAST x\n"
                        "POP_JUMP_IF_FALSE to 11\nLOAD_FAST x\nROT_TWO\nPOP_TOP\nRETURN_VALUE\n"
                        "JUMP to 17\nLOAD_FAST x\nLOAD_CONST None\nIS_OP is\nPOP_JUMP_IF_FALSE to 17\n"
                        "POP_TOP\nJUMP to 21\nJUMP to 18\nJUMP to 2\nLOAD_CONST 1\n"
                        "RETURN_VALUE\nLOAD_FAST a\nPOP_JUMP_IF_FALSE to 28\nLOAD_FAST a\n"
                        "LOAD_CONST 1\nINPLACE_OP -=\nSTORE_FAST a\nJUMP to 21\nLOAD_CONST None\n"
                        "RETURN_VALUE\n");
    CodeBody *b = body_at(&k, "f");
    ck_assert_int_eq(b->code[18].op, JUMP);
    ck_assert_int_eq(b->code[18].line, 2);
    ck_assert_int_eq(b->code[18].line_start, 1);
    ck_assert_int_eq(b->code[21].line_start, 1);   /* the while test */
    done(&k);
    /* constant tests keep only the live branch; while True has no test */
    k = compile_ok("3.8", "if 0:\n    a = 1000\nelse:\n    b = 1\nwhile True:\n    break\n");
    assert_ops(&k, "", "LOAD_CONST 1\nSTORE_NAME b\nJUMP to 4\nJUMP to 2\nLOAD_CONST None\n"
                       "RETURN_VALUE\n");
    assert_tuple(&k, "", "consts", "(1, None)");
    done(&k);
}
END_TEST

/* try/except/else with `as e` (n = None; del n), a tuple of types, a bare
 * except; the protocol documented in compile.c. */
START_TEST(test_control_try_except)
{
    const char *src = "try:\n    f()\nexcept E as e:\n    g(e)\nexcept (A, B):\n    pass\n"
                      "except:\n    raise\nelse:\n    h()\n";
    Compiled k = compile_ok("3.8", src);
    /* 3.8 compiled the else body after the handlers */
    assert_ops(&k, "", "SETUP_FINALLY to 6\nLOAD_NAME f\nCALL 0\nPOP_TOP\nPOP_BLOCK\nJUMP to 45\n"
                       "SETUP_FINALLY to 42\nPUSH_EXC_INFO\nLOAD_NAME E\n"
                       "JUMP_IF_NOT_EXC_MATCH to 27\nSTORE_NAME e\nSETUP_FINALLY to 23\n"
                       "LOAD_NAME g\nLOAD_NAME e\nCALL 1\nPOP_TOP\nPOP_BLOCK\nPOP_BLOCK\n"
                       "POP_EXCEPT\nLOAD_CONST None\nSTORE_NAME e\nDELETE_NAME e\nJUMP to 48\n"
                       "LOAD_CONST None\nSTORE_NAME e\nDELETE_NAME e\nRERAISE\n"
                       "LOAD_NAME A\nLOAD_NAME B\nBUILD_TUPLE 2\nJUMP_IF_NOT_EXC_MATCH to 36\n"
                       "POP_TOP\nNOP\nPOP_BLOCK\nPOP_EXCEPT\nJUMP to 48\n"
                       "POP_TOP\nRAISE_VARARGS 0\nPOP_BLOCK\nPOP_EXCEPT\nJUMP to 48\n"
                       "RERAISE\nROT_TWO\nPOP_EXCEPT\nRERAISE\nLOAD_NAME h\nCALL 0\nPOP_TOP\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    for (int v = 1; v < 4; v++) {
        k = compile_ok(ALL[v], src);
        assert_ops(&k, "", "SETUP_FINALLY to 9\nLOAD_NAME f\nCALL 0\nPOP_TOP\nPOP_BLOCK\n"
                           "LOAD_NAME h\nCALL 0\nPOP_TOP\nJUMP to 48\n"
                           "SETUP_FINALLY to 45\nPUSH_EXC_INFO\nLOAD_NAME E\n"
                           "JUMP_IF_NOT_EXC_MATCH to 30\nSTORE_NAME e\nSETUP_FINALLY to 26\n"
                           "LOAD_NAME g\nLOAD_NAME e\nCALL 1\nPOP_TOP\nPOP_BLOCK\nPOP_BLOCK\n"
                           "POP_EXCEPT\nLOAD_CONST None\nSTORE_NAME e\nDELETE_NAME e\nJUMP to 48\n"
                           "LOAD_CONST None\nSTORE_NAME e\nDELETE_NAME e\nRERAISE\n"
                           "LOAD_NAME A\nLOAD_NAME B\nBUILD_TUPLE 2\nJUMP_IF_NOT_EXC_MATCH to 39\n"
                           "POP_TOP\nNOP\nPOP_BLOCK\nPOP_EXCEPT\nJUMP to 48\n"
                           "POP_TOP\nRAISE_VARARGS 0\nPOP_BLOCK\nPOP_EXCEPT\nJUMP to 48\n"
                           "RERAISE\nROT_TWO\nPOP_EXCEPT\nRERAISE\nLOAD_CONST None\nRETURN_VALUE\n");
        CodeBody *b = body_at(&k, "");
        ck_assert_int_eq(b->code[9].line, 3);         /* the handler entry is a step */
        ck_assert_int_eq(b->code[9].line_start, 1);
        ck_assert_int_eq(b->code[30].line_start, 1);  /* `except (A, B):` */
        ck_assert_int_eq(b->stacksize, 4);       /* co_stacksize of 3.11/3.12 */
        done(&k);
    }
}
END_TEST

/* try/finally: the body inline on the normal path and before `return`
 * (the value kept on top), a handler copy that re-raises; 3.8 compiled the
 * finally body first, so its names come first. */
START_TEST(test_control_try_finally)
{
    const char *src = "def f(x):\n    try:\n        return g(x)\n    finally:\n        h()\n";
    Compiled k = compile_ok("3.12", src);
    assert_ops(&k, "f", "SETUP_FINALLY to 14\nLOAD_GLOBAL g\nLOAD_FAST x\nCALL 1\nPOP_BLOCK\n"
                        "LOAD_GLOBAL h\nCALL 0\nPOP_TOP\nRETURN_VALUE\nPOP_BLOCK\n"
                        "LOAD_GLOBAL h\nCALL 0\nPOP_TOP\nJUMP to 23\n"
                        "SETUP_FINALLY to 20\nPUSH_EXC_INFO\nLOAD_GLOBAL h\nCALL 0\nPOP_TOP\n"
                        "RERAISE\nROT_TWO\nPOP_EXCEPT\nRERAISE\nLOAD_CONST None\nRETURN_VALUE\n");
    assert_tuple(&k, "f", "names", "('g', 'h')");
    done(&k);
    k = compile_ok("3.8", src);
    assert_tuple(&k, "f", "names", "('h', 'g')");
    done(&k);
}
END_TEST

/* assert, raise from, chained comparison, boolean operators, ternary,
 * augmented assignment on attributes and subscripts, swap assignment. */
START_TEST(test_control_expressions)
{
    const char *src = "assert x > 0, 'msg'\nraise E from None\n";
    Compiled k = compile_ok("3.8", src);
    assert_ops(&k, "", "LOAD_NAME x\nLOAD_CONST 0\nCOMPARE_OP >\nPOP_JUMP_IF_TRUE to 8\n"
                       "LOAD_GLOBAL AssertionError\nLOAD_CONST 'msg'\nCALL 1\nRAISE_VARARGS 1\n"
                       "LOAD_NAME E\nLOAD_CONST None\nRAISE_VARARGS 2\nLOAD_CONST None\n"
                       "RETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.12", "y = a < b < c\nz = not a and b or c\nw = a if b else c\n"
                           "a.b += 1\na[i] -= 1\na, b = b, a\na, b, c = c, b, a\n");
    assert_ops(&k, "", "LOAD_NAME a\nLOAD_NAME b\nDUP_TOP\nROT_THREE\nCOMPARE_OP <\n"
                       "JUMP_IF_FALSE_OR_POP to 9\nLOAD_NAME c\nCOMPARE_OP <\nJUMP to 11\n"
                       "ROT_TWO\nPOP_TOP\nSTORE_NAME y\n"
                       "LOAD_NAME a\nUNARY_OP not\nJUMP_IF_FALSE_OR_POP to 16\nLOAD_NAME b\n"
                       "JUMP_IF_TRUE_OR_POP to 18\nLOAD_NAME c\nSTORE_NAME z\n"
                       "LOAD_NAME b\nPOP_JUMP_IF_FALSE to 23\nLOAD_NAME a\nJUMP to 24\n"
                       "LOAD_NAME c\nSTORE_NAME w\n"
                       "LOAD_NAME a\nDUP_TOP\nLOAD_ATTR b\nLOAD_CONST 1\nINPLACE_OP +=\nROT_TWO\n"
                       "STORE_ATTR b\nLOAD_NAME a\nLOAD_NAME i\nDUP_TOP_TWO\nBINARY_SUBSCR\n"
                       "LOAD_CONST 1\nINPLACE_OP -=\nROT_THREE\nSTORE_SUBSCR\n"
                       "LOAD_NAME b\nLOAD_NAME a\nROT_TWO\nSTORE_NAME a\nSTORE_NAME b\n"
                       "LOAD_NAME c\nLOAD_NAME b\nLOAD_NAME a\nROT_THREE\nROT_TWO\nSTORE_NAME a\n"
                       "STORE_NAME b\nSTORE_NAME c\nLOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.12", "x, *y, z = s\na = b = c\ndel a[1:2], a.b, x\nf = f'{x!r:>10} {y=}'\n");
    assert_ops(&k, "", "LOAD_NAME s\nUNPACK_EX 257\nSTORE_NAME x\nSTORE_NAME y\nSTORE_NAME z\n"
                       "LOAD_NAME c\nDUP_TOP\nSTORE_NAME a\nSTORE_NAME b\n"
                       "LOAD_NAME a\nLOAD_CONST 1\nLOAD_CONST 2\nBUILD_SLICE 2\nDELETE_SUBSCR\n"
                       "LOAD_NAME a\nDELETE_ATTR b\nDELETE_NAME x\n"
                       "LOAD_NAME x\nLOAD_CONST '>10'\nFORMAT_VALUE repr, with format\n"
                       "LOAD_CONST ' y='\nLOAD_NAME y\nFORMAT_VALUE repr\nBUILD_STRING 3\n"
                       "STORE_NAME f\nLOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
}
END_TEST

/* Imports keep CPython's co_consts (level, fromlist) without loading them. */
START_TEST(test_imports)
{
    for (int v = 0; v < 4; v++) {
        Compiled k = compile_ok(ALL[v], "import sys\nimport weakref as wr\n"
                                        "from copy import deepcopy as dc, copy\n");
        assert_tuple(&k, "", "consts", "(0, None, ('deepcopy', 'copy'))");
        assert_tuple(&k, "", "names", "('sys', 'weakref', 'wr', 'copy', 'deepcopy', 'dc')");
        assert_ops(&k, "", "IMPORT_NAME sys\nSTORE_NAME sys\nIMPORT_NAME weakref\nSTORE_NAME wr\n"
                           "IMPORT_NAME copy\nIMPORT_FROM deepcopy\nSTORE_NAME dc\n"
                           "IMPORT_FROM copy\nSTORE_NAME copy\nPOP_TOP\nLOAD_CONST None\n"
                           "RETURN_VALUE\n");
        done(&k);
    }
}
END_TEST

/* 3.11+ compile simple printf-style formatting of a tuple display as an
 * f-string (ast_opt's optimize_format): no tuple is built. */
START_TEST(test_percent_format)
{
    const char *src = "a = 'P(%r, %5s|%-3s|%%)' % (x, y, z)\nb = '%d' % (x,)\nc = '%s' % x\n";
    Compiled k = compile_ok("3.8", src);
    assert_ops(&k, "", "LOAD_CONST 'P(%r, %5s|%-3s|%%)'\nLOAD_NAME x\nLOAD_NAME y\nLOAD_NAME z\n"
                       "BUILD_TUPLE 3\nBINARY_OP %\nSTORE_NAME a\nLOAD_CONST '%d'\nLOAD_NAME x\n"
                       "BUILD_TUPLE 1\nBINARY_OP %\nSTORE_NAME b\nLOAD_CONST '%s'\nLOAD_NAME x\n"
                       "BINARY_OP %\nSTORE_NAME c\nLOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    for (int v = 1; v < 4; v++) {
        k = compile_ok(ALL[v], src);
        assert_ops(&k, "", "LOAD_CONST 'P('\nLOAD_NAME x\nFORMAT_VALUE repr\nLOAD_CONST ', '\n"
                           "LOAD_NAME y\nLOAD_CONST '>5'\nFORMAT_VALUE str, with format\n"
                           "LOAD_CONST '|'\nLOAD_NAME z\nLOAD_CONST '3'\n"
                           "FORMAT_VALUE str, with format\nLOAD_CONST '|%)'\nBUILD_STRING 7\n"
                           "STORE_NAME a\nLOAD_CONST '%d'\nLOAD_NAME x\nBUILD_TUPLE 1\n"
                           "BINARY_OP %\nSTORE_NAME b\nLOAD_CONST '%s'\nLOAD_NAME x\n"
                           "BINARY_OP %\nSTORE_NAME c\nLOAD_CONST None\nRETURN_VALUE\n");
        done(&k);
    }
}
END_TEST

/* Constant tests: 3.8 never loads them; 3.11 keeps them in co_consts;
 * 3.12+ drops unused constants (but co_consts[0] stays) and dead
 * branches of a constant conditional. */
START_TEST(test_constant_tests)
{
    static const struct { const char *src, *c38, *c311, *c312; } cases[] = {
        {"while True:\n    break\n", "(None,)", "(True, None)", "(True, None)"},
        {"i = 0\nwhile True:\n    i += 1\n    if i > 3:\n        break\n",
         "(0, 1, 3, None)", "(0, True, 1, 3, None)", "(0, 1, 3, None)"},
        {"if True:\n    x = 1\n", "(1, None)", "(True, 1, None)", "(True, 1, None)"},
        {"y = 5\nx = 3 if 0 else 4\n", "(5, 0, 3, 4, None)", "(5, 0, 3, 4, None)", "(5, 4, None)"},
        {"a = 'x' or 'y'\n", "('x', 'y', None)", "('x', 'y', None)", "('x', None)"},
        {"f(**k)\nclass A: pass\n", "(<code object A, line 2>, 'A', None)",
         "(<code object A, line 2>, 'A', None, ())", "(<code object A, line 2>, 'A', None, ())"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *exp[] = {cases[i].c38, cases[i].c311, cases[i].c312, cases[i].c312};
        for (int v = 0; v < 4; v++) {
            Compiled k = compile_ok(ALL[v], cases[i].src);
            assert_tuple(&k, "", "consts", exp[v]);
            done(&k);
        }
    }
}
END_TEST

/* An empty f-string part: BUILD_STRING 0 until 3.12, LOAD_CONST '' in 3.13. */
START_TEST(test_fstring_empty)
{
    Compiled k = compile_ok("3.12", "x = f'{n:}'\n");
    assert_ops(&k, "", "LOAD_NAME n\nBUILD_STRING 0\nFORMAT_VALUE with format\nSTORE_NAME x\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
    k = compile_ok("3.13", "x = f'{n:}'\n");
    assert_ops(&k, "", "LOAD_NAME n\nLOAD_CONST ''\nFORMAT_VALUE with format\nSTORE_NAME x\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    done(&k);
}
END_TEST

/* The parse arena keeps one reference per literal occurrence (each its own
 * object until merged) and per folded value while the module runs:
 * `x = 123456` then sys.getrefcount(x) is 4 in a file (co_consts, the
 * arena, x, the argument), 5 when the literal appears twice. */
START_TEST(test_parse_arena)
{
    for (int v = 0; v < 4; v++) {
        Heap *h = heap_new(profile_find(ALL[v]));
        const char *src = "x = 123456\ny = 123456\nz = -2.5\n";
        SyntaxErr se = {0};
        AstModule *m = parser_parse(src, strlen(src), syntax_profile_by_name(ALL[v]), &se);
        ck_assert_ptr_nonnull(m);
        CompileArena arena = {0};
        CompileError err = {0};
        Ref code = compile_module_keep(h, m, "x.py", COMPILE_FILE, &err, &arena);
        ck_assert_uint_ne(code, 0);
        ast_module_free(m);
        Ref k = tuple_items(h, code_data(h, code)->consts)[0];
        ck_assert_int_eq(heap_obj(h, k)->refcnt, 2);          /* co_consts + arena */
        /* source order: x, 123456, y, 123456, z, 2.5; then the folded -2.5 */
        ck_assert_uint_eq(arena.n, 7);
        ck_assert_uint_eq(arena.refs[1], k);                  /* the first occurrence wins */
        ck_assert_uint_ne(arena.refs[3], k);                  /* the second is its own object */
        ck_assert_int_eq(heap_kind(h, arena.refs[3]), K_INT);
        ck_assert_uint_eq(arena.refs[6], tuple_items(h, code_data(h, code)->consts)[1]);
        compile_arena_release(h, &arena);
        ck_assert_int_eq(heap_obj(h, k)->refcnt, 1);
        heap_decref(h, code);
        StrBuf why = {0};
        ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
        strbuf_free(&why);
        heap_delete(h);
    }
}
END_TEST

/* ---- modes, steps, unsupported, warnings, errors ---- */

/* One REPL input: expression statements print (PRINT_EXPR), constants
 * included, inside compound statements too. */
START_TEST(test_interactive)
{
    Compiled k = compile_mode("3.12", "1 + 2\nif x:\n    x\n", COMPILE_INTERACTIVE);
    ck_assert(k.code != 0);
    assert_ops(&k, "", "LOAD_CONST 3\nPRINT_EXPR\nLOAD_NAME x\nPOP_JUMP_IF_FALSE to 6\n"
                       "LOAD_NAME x\nPRINT_EXPR\nLOAD_CONST None\nRETURN_VALUE\n");
    ck_assert(code_data(k.h, k.code)->flags & CO_INTERACTIVE);
    done(&k);
    k = compile_ok("3.12", "\"doc\"\n1 + 2\n\"not a docstring\"\n");
    assert_ops(&k, "", "LOAD_CONST 'doc'\nSTORE_NAME __doc__\nNOP\nNOP\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    assert_tuple(&k, "", "consts", "('doc', None)");
    done(&k);
}
END_TEST

/* Steps: a multi-line statement is one step, `a; b` is one step. */
START_TEST(test_line_starts)
{
    Compiled k = compile_ok("3.12", "x = [a,\n     b]\ny = 1; z = 2\ndef f():\n    pass\n");
    CodeBody *b = body_at(&k, "");
    static const int lines[] = {1, 2, 1, 1, 3, 3, 3, 3, 4, 4, 4, 4, 4};
    static const int starts[] = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0};
    ck_assert_uint_eq(b->n, 13);
    for (size_t i = 0; i < b->n; i++) {
        ck_assert_int_eq(b->code[i].line, lines[i]);
        ck_assert_int_eq(b->code[i].line_start, starts[i]);
    }
    ck_assert_int_eq(body_at(&k, "f")->code[0].line_start, 1);
    done(&k);
}
END_TEST

/* Unsupported features compile to UNSUPPORTED at their line. */
START_TEST(test_unsupported)
{
    Compiled k = compile_ok("3.12", "x = 1\nwith a as b:\n    pass\ndef gen():\n    yield 1\n"
                                    "from os import *\nclass M(metaclass=T): pass\n");
    assert_ops(&k, "", "LOAD_CONST 1\nSTORE_NAME x\nUNSUPPORTED \"the 'with' statement\"\n"
                       "LOAD_CONST <code object gen, line 4>\nMAKE_FUNCTION_NOQN 0\n"
                       "STORE_NAME gen\nUNSUPPORTED \"'from ... import *'\"\n"
                       "UNSUPPORTED 'class keyword arguments (metaclass=...)'\n"
                       "LOAD_CONST None\nRETURN_VALUE\n");
    CodeBody *b = body_at(&k, "");
    ck_assert_int_eq(b->code[2].line, 2);
    ck_assert_int_eq(b->code[6].line, 6);
    assert_ops(&k, "gen", "UNSUPPORTED \"generator functions ('yield')\"\nLOAD_CONST None\n"
                          "RETURN_VALUE\n");
    done(&k);
}
END_TEST

/* Compile-time SyntaxWarnings go to stderr with CPython's per-version text. */
START_TEST(test_warnings)
{
    const char *src = "x = 1\nprint(257 is 256 + 1)\nprint(x is not ())\nassert (x, 1)\n";
    Compiled k = compile_ok("3.8", src);
    ck_assert_str_eq(strbuf_cstr(&k.h->err),
        "x.py:2: SyntaxWarning: \"is\" with a literal. Did you mean \"==\"?\n"
        "  print(257 is 256 + 1)\n"
        "x.py:3: SyntaxWarning: \"is not\" with a literal. Did you mean \"!=\"?\n"
        "  print(x is not ())\n"
        "x.py:4: SyntaxWarning: assertion is always true, perhaps remove parentheses?\n"
        "  assert (x, 1)\n");
    done(&k);
    k = compile_ok("3.12", src);
    ck_assert_str_eq(strbuf_cstr(&k.h->err),
        "x.py:2: SyntaxWarning: \"is\" with 'int' literal. Did you mean \"==\"?\n"
        "  print(257 is 256 + 1)\n"
        "x.py:3: SyntaxWarning: \"is not\" with 'tuple' literal. Did you mean \"!=\"?\n"
        "  print(x is not ())\n"
        "x.py:4: SyntaxWarning: assertion is always true, perhaps remove parentheses?\n"
        "  assert (x, 1)\n");
    done(&k);
}
END_TEST

/* A statement node for hand-built ASTs (the parser rejects these). */
static AstStmt *mkstmt(AstArena *a, AstStmtKind kind, int line, int col, int end_col)
{
    AstStmt *s = ast_arena_alloc(a, sizeof *s);
    s->kind = kind;
    s->lineno = s->end_lineno = line;
    s->col_offset = col;
    s->end_col_offset = end_col;
    return s;
}

/* Compile a hand-built module and return its error (the parser already
 * reports these; the compiler checks again, with the same messages). */
static void assert_error(const char *ver, AstModule *m, const char *msg, int line, int offset,
                         int end_line, int end_offset)
{
    Heap *h = heap_new(profile_find(ver));
    CompileError err = {0};
    Ref code = compile_module(h, m, "x.py", COMPILE_FILE, &err);
    ck_assert_uint_eq(code, 0);
    ck_assert_str_eq(err.syntax.msg, msg);
    ck_assert_int_eq(err.syntax.lineno, line);
    ck_assert_int_eq(err.syntax.offset, offset);
    ck_assert_int_eq(err.syntax.end_lineno, end_line);
    ck_assert_int_eq(err.syntax.end_offset, end_offset);
    compile_error_clear(&err);
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
}

/* SyntaxErrors from the symbol table and the compiler, positioned as each
 * version reports them (3.8 has no end positions). */
START_TEST(test_errors)
{
    AstArena *a = ast_arena_new();
    AstModule m = {0};
    m.arena = a;
    AstStmt *body[2];
    m.body = body;
    /* x = 1 \n return 5 */
    body[0] = mkstmt(a, AST_PASS, 1, 0, 4);
    body[1] = mkstmt(a, AST_RETURN, 2, 0, 8);
    m.n_body = 2;
    assert_error("3.8", &m, "'return' outside function", 2, 1, 0, 0);
    assert_error("3.12", &m, "'return' outside function", 2, 1, 2, 9);
    /* break */
    body[1] = mkstmt(a, AST_BREAK, 2, 0, 5);
    assert_error("3.11", &m, "'break' outside loop", 2, 1, 2, 6);
    body[1] = mkstmt(a, AST_CONTINUE, 2, 0, 8);
    assert_error("3.13", &m, "'continue' not properly in loop", 2, 1, 2, 9);
    /* nonlocal x at module level */
    const char *names[] = {"x"};
    body[1] = mkstmt(a, AST_NONLOCAL, 2, 0, 10);
    body[1]->v.nonlocal.names = names;
    body[1]->v.nonlocal.n_names = 1;
    assert_error("3.8", &m, "nonlocal declaration not allowed at module level", 2, 1, 0, 0);
    assert_error("3.12", &m, "nonlocal declaration not allowed at module level", 2, 1, 2, 11);
    ast_arena_free(a);
}
END_TEST

/* Stack sizes equal CPython's co_stacksize where the code is the same. */
START_TEST(test_stacksize)
{
    static const struct { const char *src; int depth; } cases[] = {
        {"x = 1\n", 1},
        {"x = f(a, b, c)\n", 4},
        {"x = a + b * c\n", 3},
        {"x = [a, b, c]\n", 3},
        {"x = {'a': 1, 'b': 2}\n", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Compiled k = compile_ok("3.8", cases[i].src);
        ck_assert_int_eq(body_at(&k, "")->stacksize, cases[i].depth);
        done(&k);
    }
}
END_TEST

Suite *suite_compile(void)
{
    Suite *s = suite_create("compile");
    TCase *t = tcase_create("consts");
    tcase_add_test(t, test_consts_merged_across_code_objects);
    tcase_add_test(t, test_consts_distinct_keys);
    tcase_add_test(t, test_consts_folding_limits);
    tcase_add_test(t, test_consts_interning);
    tcase_add_test(t, test_consts_docstring_and_none);
    tcase_add_test(t, test_consts_defaults);
    tcase_add_test(t, test_consts_fold_iter);
    tcase_add_test(t, test_parse_arena);
    suite_add_tcase(s, t);
    t = tcase_create("displays");
    tcase_add_test(t, test_display_literal_extend);
    tcase_add_test(t, test_display_dicts_and_stars);
    tcase_add_test(t, test_display_stack_guideline);
    tcase_add_test(t, test_calls);
    tcase_add_test(t, test_calls_genexp_argument);
    suite_add_tcase(s, t);
    t = tcase_create("scopes");
    tcase_add_test(t, test_scopes_closures);
    tcase_add_test(t, test_scopes_classes);
    tcase_add_test(t, test_scopes_static_attributes);
    tcase_add_test(t, test_symtable_scopes);
    tcase_add_test(t, test_comprehension_function_or_inlined);
    tcase_add_test(t, test_comprehension_inlined_cells);
    tcase_add_test(t, test_comprehension_class_and_kinds);
    suite_add_tcase(s, t);
    t = tcase_create("control");
    tcase_add_test(t, test_control_loops);
    tcase_add_test(t, test_control_try_except);
    tcase_add_test(t, test_control_try_finally);
    tcase_add_test(t, test_control_expressions);
    tcase_add_test(t, test_imports);
    tcase_add_test(t, test_percent_format);
    tcase_add_test(t, test_constant_tests);
    tcase_add_test(t, test_fstring_empty);
    suite_add_tcase(s, t);
    t = tcase_create("modes");
    tcase_add_test(t, test_interactive);
    tcase_add_test(t, test_line_starts);
    tcase_add_test(t, test_unsupported);
    tcase_add_test(t, test_warnings);
    tcase_add_test(t, test_errors);
    tcase_add_test(t, test_stacksize);
    suite_add_tcase(s, t);
    return s;
}
