/* Tests of str and bytes (strobject.c, strmethods.c, strformat.c,
 * strargs.c, bytesobject.c) on the bare simulated heap.
 *
 * The "Differential" case replays a table of operations whose expected
 * outcomes were printed by the real interpreters (CPython 3.8.18, 3.11.7,
 * 3.12.1, 3.13.0, with PYTHONHASHSEED=0): the repr of the result or the
 * exception, and for str/bytes results sys.getsizeof, whether the result
 * is the operand itself, and whether it is the cached singleton ('' or a
 * one-character Latin-1 str, b'' or a one-byte bytes).  Operations and
 * operands are serialized: s<hex UTF-8>, b<hex>, i<int>, I<big int>,
 * f<float>, N, T, F, t<n> items (tuple), l<n> items (list), d<n> pairs,
 * S start stop step (slice).  The comment above each row is the Python
 * expression.  The other cases pin caches, interning and refcounts. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "sim/abstract.h"
#include "sim/bytesobject.h"
#include "sim/dictobject.h"
#include "sim/floatobject.h"
#include "sim/gc.h"
#include "sim/heap.h"
#include "sim/intobject.h"
#include "sim/listobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/tupleobject.h"
#include "sim/unicodectype.h"

static const char *const versions[] = {"3.8", "3.11", "3.12", "3.13"};

/* One operation and what CPython answered, for the versions in VERS
 * ("*" for all, else a comma-separated list). */
typedef struct DiffCase {
    const char *vers;
    const char *op;
    const char *expect;
} DiffCase;

static const DiffCase diff_cases[] = {
    /* repr('') */
    {"3.8,3.11", "repr s",
     "R \"''\" 51 0 0"},
    {"3.12,3.13", "repr s",
     "R \"''\" 43 0 0"},
    /* sys.getsizeof('') */
    {"3.8,3.11", "size s",
     "R 49"},
    {"3.12,3.13", "size s",
     "R 41"},
    /* hash('') */
    {"*", "hash s",
     "R 0"},
    /* repr('a') */
    {"3.8,3.11", "repr s61",
     "R \"'a'\" 52 0 0"},
    {"3.12,3.13", "repr s61",
     "R \"'a'\" 44 0 0"},
    /* sys.getsizeof('a') */
    {"3.8,3.11", "size s61",
     "R 50"},
    {"3.12,3.13", "size s61",
     "R 42"},
    /* hash('a') */
    {"3.8", "hash s61",
     "R -7583489610679606711"},
    {"3.11,3.12,3.13", "hash s61",
     "R 4644417185603328019"},
    /* repr('hello') */
    {"3.8,3.11", "repr s68656c6c6f",
     "R \"'hello'\" 56 0 0"},
    {"3.12,3.13", "repr s68656c6c6f",
     "R \"'hello'\" 48 0 0"},
    /* sys.getsizeof('hello') */
    {"3.8,3.11", "size s68656c6c6f",
     "R 54"},
    {"3.12,3.13", "size s68656c6c6f",
     "R 46"},
    /* hash('hello') */
    {"3.8", "hash s68656c6c6f",
     "R -8304253580878589255"},
    {"3.11,3.12,3.13", "hash s68656c6c6f",
     "R -2096571579003691106"},
    /* repr('caf\xe9') */
    {"3.8,3.11", "repr s636166c3a9",
     "R \"'caf\303\251'\" 79 0 0"},
    {"3.12,3.13", "repr s636166c3a9",
     "R \"'caf\303\251'\" 63 0 0"},
    /* sys.getsizeof('caf\xe9') */
    {"3.8,3.11", "size s636166c3a9",
     "R 77"},
    {"3.12,3.13", "size s636166c3a9",
     "R 61"},
    /* hash('caf\xe9') */
    {"3.8", "hash s636166c3a9",
     "R -1432176324953013652"},
    {"3.11,3.12,3.13", "hash s636166c3a9",
     "R 137524001917817222"},
    /* repr('\xe9') */
    {"3.8,3.11", "repr sc3a9",
     "R \"'\303\251'\" 76 0 0"},
    {"3.12,3.13", "repr sc3a9",
     "R \"'\303\251'\" 60 0 0"},
    /* sys.getsizeof('\xe9') */
    {"3.8,3.11", "size sc3a9",
     "R 74"},
    {"3.12,3.13", "size sc3a9",
     "R 61"},
    /* hash('\xe9') */
    {"3.8", "hash sc3a9",
     "R 4954367630624915103"},
    {"3.11,3.12,3.13", "hash sc3a9",
     "R 6047309291227476195"},
    /* repr('\xe9\xe9') */
    {"3.8,3.11", "repr sc3a9c3a9",
     "R \"'\303\251\303\251'\" 77 0 0"},
    {"3.12,3.13", "repr sc3a9c3a9",
     "R \"'\303\251\303\251'\" 61 0 0"},
    /* sys.getsizeof('\xe9\xe9') */
    {"3.8,3.11", "size sc3a9c3a9",
     "R 75"},
    {"3.12,3.13", "size sc3a9c3a9",
     "R 59"},
    /* hash('\xe9\xe9') */
    {"3.8", "hash sc3a9c3a9",
     "R 3627382787693126617"},
    {"3.11,3.12,3.13", "hash sc3a9c3a9",
     "R 6306817850252691728"},
    /* repr('\u20ac') */
    {"3.8,3.11", "repr se282ac",
     "R \"'\342\202\254'\" 80 0 0"},
    {"3.12,3.13", "repr se282ac",
     "R \"'\342\202\254'\" 64 0 0"},
    /* sys.getsizeof('\u20ac') */
    {"3.8,3.11", "size se282ac",
     "R 76"},
    {"3.12,3.13", "size se282ac",
     "R 60"},
    /* hash('\u20ac') */
    {"3.8", "hash se282ac",
     "R -7838577127164893040"},
    {"3.11,3.12,3.13", "hash se282ac",
     "R -5529981157763016009"},
    /* repr('\u20ac\u20ac\u20ac') */
    {"3.8,3.11", "repr se282ace282ace282ac",
     "R \"'\342\202\254\342\202\254\342\202\254'\" 84 0 0"},
    {"3.12,3.13", "repr se282ace282ace282ac",
     "R \"'\342\202\254\342\202\254\342\202\254'\" 68 0 0"},
    /* sys.getsizeof('\u20ac\u20ac\u20ac') */
    {"3.8,3.11", "size se282ace282ace282ac",
     "R 80"},
    {"3.12,3.13", "size se282ace282ace282ac",
     "R 64"},
    /* hash('\u20ac\u20ac\u20ac') */
    {"3.8", "hash se282ace282ace282ac",
     "R -3506093565501581981"},
    {"3.11,3.12,3.13", "hash se282ace282ace282ac",
     "R -850563272605570423"},
    /* repr('\U0001f600') */
    {"3.8,3.11", "repr sf09f9880",
     "R \"'\360\237\230\200'\" 88 0 0"},
    {"3.12,3.13", "repr sf09f9880",
     "R \"'\360\237\230\200'\" 72 0 0"},
    /* sys.getsizeof('\U0001f600') */
    {"3.8,3.11", "size sf09f9880",
     "R 80"},
    {"3.12,3.13", "size sf09f9880",
     "R 64"},
    /* hash('\U0001f600') */
    {"3.8", "hash sf09f9880",
     "R 2694534307785527896"},
    {"3.11,3.12,3.13", "hash sf09f9880",
     "R -3536540696076613844"},
    /* repr('aaaaaaaaaa\U0001f600') */
    {"3.8,3.11", "repr s61616161616161616161f09f9880",
     "R \"'aaaaaaaaaa\360\237\230\200'\" 128 0 0"},
    {"3.12,3.13", "repr s61616161616161616161f09f9880",
     "R \"'aaaaaaaaaa\360\237\230\200'\" 112 0 0"},
    /* sys.getsizeof('aaaaaaaaaa\U0001f600') */
    {"3.8,3.11", "size s61616161616161616161f09f9880",
     "R 120"},
    {"3.12,3.13", "size s61616161616161616161f09f9880",
     "R 104"},
    /* hash('aaaaaaaaaa\U0001f600') */
    {"3.8", "hash s61616161616161616161f09f9880",
     "R -1765867647609601198"},
    {"3.11,3.12,3.13", "hash s61616161616161616161f09f9880",
     "R 8923249668896364376"},
    /* repr('abc\u0394\u0394\u0394') */
    {"3.8,3.11", "repr s616263ce94ce94ce94",
     "R \"'abc\316\224\316\224\316\224'\" 90 0 0"},
    {"3.12,3.13", "repr s616263ce94ce94ce94",
     "R \"'abc\316\224\316\224\316\224'\" 74 0 0"},
    /* sys.getsizeof('abc\u0394\u0394\u0394') */
    {"3.8,3.11", "size s616263ce94ce94ce94",
     "R 86"},
    {"3.12,3.13", "size s616263ce94ce94ce94",
     "R 70"},
    /* hash('abc\u0394\u0394\u0394') */
    {"3.8", "hash s616263ce94ce94ce94",
     "R 493113849226198067"},
    {"3.11,3.12,3.13", "hash s616263ce94ce94ce94",
     "R -2887587229621175720"},
    /* repr("it's") */
    {"3.8,3.11", "repr s69742773",
     "R '\"it\\'s\"' 55 0 0"},
    {"3.12,3.13", "repr s69742773",
     "R '\"it\\'s\"' 47 0 0"},
    /* sys.getsizeof("it's") */
    {"3.8,3.11", "size s69742773",
     "R 53"},
    {"3.12,3.13", "size s69742773",
     "R 45"},
    /* hash("it's") */
    {"3.8", "hash s69742773",
     "R 7724033704888626665"},
    {"3.11,3.12,3.13", "hash s69742773",
     "R -8730089285106596815"},
    /* repr('say "hi"') */
    {"3.8,3.11", "repr s7361792022686922",
     "R '\\'say \"hi\"\\'' 59 0 0"},
    {"3.12,3.13", "repr s7361792022686922",
     "R '\\'say \"hi\"\\'' 51 0 0"},
    /* sys.getsizeof('say "hi"') */
    {"3.8,3.11", "size s7361792022686922",
     "R 57"},
    {"3.12,3.13", "size s7361792022686922",
     "R 49"},
    /* hash('say "hi"') */
    {"3.8", "hash s7361792022686922",
     "R 6390619051493425035"},
    {"3.11,3.12,3.13", "hash s7361792022686922",
     "R -2473473007779045240"},
    /* repr('a\'b"c') */
    {"3.8,3.11", "repr s6127622263",
     "R '\\'a\\\\\\'b\"c\\'' 57 0 0"},
    {"3.12,3.13", "repr s6127622263",
     "R '\\'a\\\\\\'b\"c\\'' 49 0 0"},
    /* sys.getsizeof('a\'b"c') */
    {"3.8,3.11", "size s6127622263",
     "R 54"},
    {"3.12,3.13", "size s6127622263",
     "R 46"},
    /* hash('a\'b"c') */
    {"3.8", "hash s6127622263",
     "R -2284996197828121396"},
    {"3.11,3.12,3.13", "hash s6127622263",
     "R 1110296155372391475"},
    /* repr('\x00\x7f\x80\xa0\xad\u200b\U0001f600\ud800\U000e0001') */
    {"3.8,3.11", "repr s007fc280c2a0c2ade2808bf09f9880eda080f3a08081",
     "R \"'\\\\x00\\\\x7f\\\\x80\\\\xa0\\\\xad\\\\u200b\360\237\230\200\\\\ud800\\\\U000e0001'\" 256 0 0"},
    {"3.12,3.13", "repr s007fc280c2a0c2ade2808bf09f9880eda080f3a08081",
     "R \"'\\\\x00\\\\x7f\\\\x80\\\\xa0\\\\xad\\\\u200b\360\237\230\200\\\\ud800\\\\U000e0001'\" 240 0 0"},
    /* sys.getsizeof('\x00\x7f\x80\xa0\xad\u200b\U0001f600\ud800\U000e0001') */
    {"3.8,3.11", "size s007fc280c2a0c2ade2808bf09f9880eda080f3a08081",
     "R 112"},
    {"3.12,3.13", "size s007fc280c2a0c2ade2808bf09f9880eda080f3a08081",
     "R 96"},
    /* hash('\x00\x7f\x80\xa0\xad\u200b\U0001f600\ud800\U000e0001') */
    {"3.8", "hash s007fc280c2a0c2ade2808bf09f9880eda080f3a08081",
     "R -3751625496729416788"},
    {"3.11,3.12,3.13", "hash s007fc280c2a0c2ade2808bf09f9880eda080f3a08081",
     "R -1790990683494024490"},
    /* repr('tab\there\n') */
    {"3.8,3.11", "repr s74616209686572650a",
     "R \"'tab\\\\there\\\\n'\" 62 0 0"},
    {"3.12,3.13", "repr s74616209686572650a",
     "R \"'tab\\\\there\\\\n'\" 54 0 0"},
    /* sys.getsizeof('tab\there\n') */
    {"3.8,3.11", "size s74616209686572650a",
     "R 58"},
    {"3.12,3.13", "size s74616209686572650a",
     "R 50"},
    /* hash('tab\there\n') */
    {"3.8", "hash s74616209686572650a",
     "R 3933894728425411409"},
    {"3.11,3.12,3.13", "hash s74616209686572650a",
     "R -8308926854039254379"},
    /* repr(b'') */
    {"3.8,3.11", "repr b",
     "R \"b''\" 52 0 0"},
    {"3.12,3.13", "repr b",
     "R \"b''\" 44 0 0"},
    /* sys.getsizeof(b'') */
    {"*", "size b",
     "R 33"},
    /* hash(b'') */
    {"*", "hash b",
     "R 0"},
    /* repr(b'x') */
    {"3.8,3.11", "repr b78",
     "R \"b'x'\" 53 0 0"},
    {"3.12,3.13", "repr b78",
     "R \"b'x'\" 45 0 0"},
    /* sys.getsizeof(b'x') */
    {"*", "size b78",
     "R 34"},
    /* hash(b'x') */
    {"3.8", "hash b78",
     "R 6982149393400456965"},
    {"3.11,3.12,3.13", "hash b78",
     "R -3368204716105132637"},
    /* repr(b'abc') */
    {"3.8,3.11", "repr b616263",
     "R \"b'abc'\" 55 0 0"},
    {"3.12,3.13", "repr b616263",
     "R \"b'abc'\" 47 0 0"},
    /* sys.getsizeof(b'abc') */
    {"*", "size b616263",
     "R 36"},
    /* hash(b'abc') */
    {"3.8", "hash b616263",
     "R 4596069200710135518"},
    {"3.11,3.12,3.13", "hash b616263",
     "R -4594863902769663758"},
    /* repr(b'\x00\xff\'"\n\t\\') */
    {"3.8,3.11", "repr b00ff27220a095c",
     "R 'b\\'\\\\x00\\\\xff\\\\\\'\"\\\\n\\\\t\\\\\\\\\\'' 69 0 0"},
    {"3.12,3.13", "repr b00ff27220a095c",
     "R 'b\\'\\\\x00\\\\xff\\\\\\'\"\\\\n\\\\t\\\\\\\\\\'' 61 0 0"},
    /* sys.getsizeof(b'\x00\xff\'"\n\t\\') */
    {"*", "size b00ff27220a095c",
     "R 40"},
    /* hash(b'\x00\xff\'"\n\t\\') */
    {"3.8", "hash b00ff27220a095c",
     "R 1382171720207266095"},
    {"3.11,3.12,3.13", "hash b00ff27220a095c",
     "R 6735058136382058554"},
    /* repr(b"it's") */
    {"3.8,3.11", "repr b69742773",
     "R 'b\"it\\'s\"' 56 0 0"},
    {"3.12,3.13", "repr b69742773",
     "R 'b\"it\\'s\"' 48 0 0"},
    /* sys.getsizeof(b"it's") */
    {"*", "size b69742773",
     "R 37"},
    /* hash(b"it's") */
    {"3.8", "hash b69742773",
     "R 7724033704888626665"},
    {"3.11,3.12,3.13", "hash b69742773",
     "R -8730089285106596815"},
    /* 'xay'[1] */
    {"3.8,3.11", "getitem s786179 i1",
     "R 'a' 50 0 1"},
    {"3.12,3.13", "getitem s786179 i1",
     "R 'a' 42 0 1"},
    /* 'h\xe9\u20ac'[1] */
    {"3.8,3.11", "getitem s68c3a9e282ac i1",
     "R '\303\251' 74 0 1"},
    {"3.12,3.13", "getitem s68c3a9e282ac i1",
     "R '\303\251' 61 0 1"},
    /* b'xay'[1] */
    {"*", "getitem b786179 i1",
     "R 97"},
    /* 'xay'[-1] */
    {"3.8,3.11", "getitem s786179 i-1",
     "R 'y' 50 0 1"},
    {"3.12,3.13", "getitem s786179 i-1",
     "R 'y' 42 0 1"},
    /* 'h\xe9\u20ac'[-1] */
    {"3.8,3.11", "getitem s68c3a9e282ac i-1",
     "R '\342\202\254' 76 0 0"},
    {"3.12,3.13", "getitem s68c3a9e282ac i-1",
     "R '\342\202\254' 60 0 0"},
    /* b'xay'[-1] */
    {"*", "getitem b786179 i-1",
     "R 121"},
    /* 'xay'[5] */
    {"*", "getitem s786179 i5",
     "E IndexError: string index out of range"},
    /* 'h\xe9\u20ac'[5] */
    {"*", "getitem s68c3a9e282ac i5",
     "E IndexError: string index out of range"},
    /* b'xay'[5] */
    {"*", "getitem b786179 i5",
     "E IndexError: index out of range"},
    /* 'xay'[slice(None, None, None)] */
    {"3.8,3.11", "getitem s786179 S N N N",
     "R 'xay' 52 1 0"},
    {"3.12,3.13", "getitem s786179 S N N N",
     "R 'xay' 44 1 0"},
    /* 'h\xe9\u20ac'[slice(None, None, None)] */
    {"3.8,3.11", "getitem s68c3a9e282ac S N N N",
     "R 'h\303\251\342\202\254' 80 1 0"},
    {"3.12,3.13", "getitem s68c3a9e282ac S N N N",
     "R 'h\303\251\342\202\254' 64 1 0"},
    /* b'xay'[slice(None, None, None)] */
    {"*", "getitem b786179 S N N N",
     "R b'xay' 36 1 0"},
    /* 'xay'[slice(0, 1, None)] */
    {"3.8,3.11", "getitem s786179 S i0 i1 N",
     "R 'x' 50 0 1"},
    {"3.12,3.13", "getitem s786179 S i0 i1 N",
     "R 'x' 42 0 1"},
    /* 'h\xe9\u20ac'[slice(0, 1, None)] */
    {"3.8,3.11", "getitem s68c3a9e282ac S i0 i1 N",
     "R 'h' 50 0 1"},
    {"3.12,3.13", "getitem s68c3a9e282ac S i0 i1 N",
     "R 'h' 42 0 1"},
    /* b'xay'[slice(0, 1, None)] */
    {"*", "getitem b786179 S i0 i1 N",
     "R b'x' 34 0 1"},
    /* 'xay'[slice(1, 3, None)] */
    {"3.8,3.11", "getitem s786179 S i1 i3 N",
     "R 'ay' 51 0 0"},
    {"3.12,3.13", "getitem s786179 S i1 i3 N",
     "R 'ay' 43 0 0"},
    /* 'h\xe9\u20ac'[slice(1, 3, None)] */
    {"3.8,3.11", "getitem s68c3a9e282ac S i1 i3 N",
     "R '\303\251\342\202\254' 78 0 0"},
    {"3.12,3.13", "getitem s68c3a9e282ac S i1 i3 N",
     "R '\303\251\342\202\254' 62 0 0"},
    /* b'xay'[slice(1, 3, None)] */
    {"*", "getitem b786179 S i1 i3 N",
     "R b'ay' 35 0 0"},
    /* 'xay'[slice(None, None, -1)] */
    {"3.8,3.11", "getitem s786179 S N N i-1",
     "R 'yax' 52 0 0"},
    {"3.12,3.13", "getitem s786179 S N N i-1",
     "R 'yax' 44 0 0"},
    /* 'h\xe9\u20ac'[slice(None, None, -1)] */
    {"3.8,3.11", "getitem s68c3a9e282ac S N N i-1",
     "R '\342\202\254\303\251h' 80 0 0"},
    {"3.12,3.13", "getitem s68c3a9e282ac S N N i-1",
     "R '\342\202\254\303\251h' 64 0 0"},
    /* b'xay'[slice(None, None, -1)] */
    {"*", "getitem b786179 S N N i-1",
     "R b'yax' 36 0 0"},
    /* 'xay'[slice(3, None, None)] */
    {"3.8,3.11", "getitem s786179 S i3 N N",
     "R '' 49 0 1"},
    {"3.12,3.13", "getitem s786179 S i3 N N",
     "R '' 41 0 1"},
    /* 'h\xe9\u20ac'[slice(3, None, None)] */
    {"3.8,3.11", "getitem s68c3a9e282ac S i3 N N",
     "R '' 49 0 1"},
    {"3.12,3.13", "getitem s68c3a9e282ac S i3 N N",
     "R '' 41 0 1"},
    /* b'xay'[slice(3, None, None)] */
    {"*", "getitem b786179 S i3 N N",
     "R b'' 33 0 1"},
    /* 'xay'[slice(None, None, 2)] */
    {"3.8,3.11", "getitem s786179 S N N i2",
     "R 'xy' 51 0 0"},
    {"3.12,3.13", "getitem s786179 S N N i2",
     "R 'xy' 43 0 0"},
    /* 'h\xe9\u20ac'[slice(None, None, 2)] */
    {"3.8,3.11", "getitem s68c3a9e282ac S N N i2",
     "R 'h\342\202\254' 78 0 0"},
    {"3.12,3.13", "getitem s68c3a9e282ac S N N i2",
     "R 'h\342\202\254' 62 0 0"},
    /* b'xay'[slice(None, None, 2)] */
    {"*", "getitem b786179 S N N i2",
     "R b'xy' 35 0 0"},
    /* 'xay'['x'] */
    {"3.8", "getitem s786179 s78",
     "E TypeError: string indices must be integers"},
    {"3.11,3.12,3.13", "getitem s786179 s78",
     "E TypeError: string indices must be integers, not 'str'"},
    /* 'h\xe9\u20ac'['x'] */
    {"3.8", "getitem s68c3a9e282ac s78",
     "E TypeError: string indices must be integers"},
    {"3.11,3.12,3.13", "getitem s68c3a9e282ac s78",
     "E TypeError: string indices must be integers, not 'str'"},
    /* b'xay'['x'] */
    {"*", "getitem b786179 s78",
     "E TypeError: byte indices must be integers or slices, not str"},
    /* 'xay'[1.5] */
    {"3.8", "getitem s786179 f1.5",
     "E TypeError: string indices must be integers"},
    {"3.11,3.12,3.13", "getitem s786179 f1.5",
     "E TypeError: string indices must be integers, not 'float'"},
    /* 'h\xe9\u20ac'[1.5] */
    {"3.8", "getitem s68c3a9e282ac f1.5",
     "E TypeError: string indices must be integers"},
    {"3.11,3.12,3.13", "getitem s68c3a9e282ac f1.5",
     "E TypeError: string indices must be integers, not 'float'"},
    /* b'xay'[1.5] */
    {"*", "getitem b786179 f1.5",
     "E TypeError: byte indices must be integers or slices, not float"},
    /* 'xay'[True] */
    {"3.8,3.11", "getitem s786179 T",
     "R 'a' 50 0 1"},
    {"3.12,3.13", "getitem s786179 T",
     "R 'a' 42 0 1"},
    /* 'h\xe9\u20ac'[True] */
    {"3.8,3.11", "getitem s68c3a9e282ac T",
     "R '\303\251' 74 0 1"},
    {"3.12,3.13", "getitem s68c3a9e282ac T",
     "R '\303\251' 61 0 1"},
    /* b'xay'[True] */
    {"*", "getitem b786179 T",
     "R 97"},
    /* 'ab' * 0 */
    {"3.8,3.11", "binop mul s6162 i0",
     "R '' 49 0 1"},
    {"3.12,3.13", "binop mul s6162 i0",
     "R '' 41 0 1"},
    /* 0 * 'ab' */
    {"3.8,3.11", "binop mul i0 s6162",
     "R '' 49 0 1"},
    {"3.12,3.13", "binop mul i0 s6162",
     "R '' 41 0 1"},
    /* 'ab' * 1 */
    {"3.8,3.11", "binop mul s6162 i1",
     "R 'ab' 51 1 0"},
    {"3.12,3.13", "binop mul s6162 i1",
     "R 'ab' 43 1 0"},
    /* 1 * 'ab' */
    {"3.8,3.11", "binop mul i1 s6162",
     "R 'ab' 51 0 0"},
    {"3.12,3.13", "binop mul i1 s6162",
     "R 'ab' 43 0 0"},
    /* 'ab' * 2 */
    {"3.8,3.11", "binop mul s6162 i2",
     "R 'abab' 53 0 0"},
    {"3.12,3.13", "binop mul s6162 i2",
     "R 'abab' 45 0 0"},
    /* 2 * 'ab' */
    {"3.8,3.11", "binop mul i2 s6162",
     "R 'abab' 53 0 0"},
    {"3.12,3.13", "binop mul i2 s6162",
     "R 'abab' 45 0 0"},
    /* 'ab' * -1 */
    {"3.8,3.11", "binop mul s6162 i-1",
     "R '' 49 0 1"},
    {"3.12,3.13", "binop mul s6162 i-1",
     "R '' 41 0 1"},
    /* -1 * 'ab' */
    {"3.8,3.11", "binop mul i-1 s6162",
     "R '' 49 0 1"},
    {"3.12,3.13", "binop mul i-1 s6162",
     "R '' 41 0 1"},
    /* 'ab' * 4611686018427387904 */
    {"*", "binop mul s6162 i4611686018427387904",
     "E OverflowError: repeated string is too long"},
    /* 4611686018427387904 * 'ab' */
    {"*", "binop mul i4611686018427387904 s6162",
     "E OverflowError: repeated string is too long"},
    /* 'ab' * 1180591620717411303424 */
    {"*", "binop mul s6162 I1180591620717411303424",
     "E OverflowError: cannot fit 'int' into an index-sized integer"},
    /* 1180591620717411303424 * 'ab' */
    {"*", "binop mul I1180591620717411303424 s6162",
     "E OverflowError: cannot fit 'int' into an index-sized integer"},
    /* 'ab' * 1.5 */
    {"*", "binop mul s6162 f1.5",
     "E TypeError: can't multiply sequence by non-int of type 'float'"},
    /* 1.5 * 'ab' */
    {"*", "binop mul f1.5 s6162",
     "E TypeError: can't multiply sequence by non-int of type 'float'"},
    /* 'ab' * 'x' */
    {"*", "binop mul s6162 s78",
     "E TypeError: can't multiply sequence by non-int of type 'str'"},
    /* 'x' * 'ab' */
    {"*", "binop mul s78 s6162",
     "E TypeError: can't multiply sequence by non-int of type 'str'"},
    /* 'ab' + '' */
    {"3.8,3.11", "binop add s6162 s",
     "R 'ab' 51 1 0"},
    {"3.12,3.13", "binop add s6162 s",
     "R 'ab' 43 1 0"},
    /* '' + 'ab' */
    {"3.8,3.11", "binop add s s6162",
     "R 'ab' 51 0 0"},
    {"3.12,3.13", "binop add s s6162",
     "R 'ab' 43 0 0"},
    /* b'ab' + '' */
    {"*", "binop add b6162 s",
     "E TypeError: can't concat str to bytes"},
    /* 'ab' + 'cd' */
    {"3.8,3.11", "binop add s6162 s6364",
     "R 'abcd' 53 0 0"},
    {"3.12,3.13", "binop add s6162 s6364",
     "R 'abcd' 45 0 0"},
    /* 'cd' + 'ab' */
    {"3.8,3.11", "binop add s6364 s6162",
     "R 'cdab' 53 0 0"},
    {"3.12,3.13", "binop add s6364 s6162",
     "R 'cdab' 45 0 0"},
    /* b'ab' + 'cd' */
    {"*", "binop add b6162 s6364",
     "E TypeError: can't concat str to bytes"},
    /* 'ab' + 1 */
    {"*", "binop add s6162 i1",
     "E TypeError: can only concatenate str (not \"int\") to str"},
    /* 1 + 'ab' */
    {"*", "binop add i1 s6162",
     "E TypeError: unsupported operand type(s) for +: 'int' and 'str'"},
    /* b'ab' + 1 */
    {"*", "binop add b6162 i1",
     "E TypeError: can't concat int to bytes"},
    /* 'ab' + b'x' */
    {"*", "binop add s6162 b78",
     "E TypeError: can only concatenate str (not \"bytes\") to str"},
    /* b'x' + 'ab' */
    {"*", "binop add b78 s6162",
     "E TypeError: can't concat str to bytes"},
    /* b'ab' + b'x' */
    {"*", "binop add b6162 b78",
     "R b'abx' 36 0 0"},
    /* 'ab' + None */
    {"*", "binop add s6162 N",
     "E TypeError: can only concatenate str (not \"NoneType\") to str"},
    /* None + 'ab' */
    {"*", "binop add N s6162",
     "E TypeError: unsupported operand type(s) for +: 'NoneType' and 'str'"},
    /* b'ab' + None */
    {"*", "binop add b6162 N",
     "E TypeError: can't concat NoneType to bytes"},
    /* 'abc' < 'abd' */
    {"*", "cmp lt s616263 s616264",
     "R True"},
    /* '\xe9' < 'z' */
    {"*", "cmp lt sc3a9 s7a",
     "R False"},
    /* 'a' < 1 */
    {"*", "cmp lt s61 i1",
     "E TypeError: '<' not supported between instances of 'str' and 'int'"},
    /* b'a' < 'a' */
    {"*", "cmp lt b61 s61",
     "E TypeError: '<' not supported between instances of 'bytes' and 'str'"},
    /* 'abc' == 'abd' */
    {"*", "cmp eq s616263 s616264",
     "R False"},
    /* '\xe9' == 'z' */
    {"*", "cmp eq sc3a9 s7a",
     "R False"},
    /* 'a' == 1 */
    {"*", "cmp eq s61 i1",
     "R False"},
    /* b'a' == 'a' */
    {"*", "cmp eq b61 s61",
     "R False"},
    /* 'abc' >= 'abd' */
    {"*", "cmp ge s616263 s616264",
     "R False"},
    /* '\xe9' >= 'z' */
    {"*", "cmp ge sc3a9 s7a",
     "R True"},
    /* 'a' >= 1 */
    {"*", "cmp ge s61 i1",
     "E TypeError: '>=' not supported between instances of 'str' and 'int'"},
    /* b'a' >= 'a' */
    {"*", "cmp ge b61 s61",
     "E TypeError: '>=' not supported between instances of 'bytes' and 'str'"},
    /* 'a' in 'xab' */
    {"*", "contains s61 s786162",
     "R True"},
    /* '' in 'xab' */
    {"*", "contains s s786162",
     "R True"},
    /* 'ab' in 'xab' */
    {"*", "contains s6162 s786162",
     "R True"},
    /* 1 in 'xab' */
    {"*", "contains i1 s786162",
     "E TypeError: 'in <string>' requires string as left operand, not int"},
    /* b'a' in 'xab' */
    {"*", "contains b61 s786162",
     "E TypeError: 'in <string>' requires string as left operand, not bytes"},
    /* 97 in b'xab' */
    {"*", "contains i97 b786162",
     "R True"},
    /* 300 in b'xab' */
    {"*", "contains i300 b786162",
     "E ValueError: byte must be in range(0, 256)"},
    /* b'a' in b'xab' */
    {"*", "contains b61 b786162",
     "R True"},
    /* 'a' in b'xab' */
    {"*", "contains s61 b786162",
     "E TypeError: a bytes-like object is required, not 'str'"},
    /* list(iter('h\xe9\u20ac')) */
    {"3.8", "iter s68c3a9e282ac",
     "R ['h', '\303\251', '\342\202\254'] 104"},
    {"3.11,3.12,3.13", "iter s68c3a9e282ac",
     "R ['h', '\303\251', '\342\202\254'] 88"},
    /* list(iter(b'ab')) */
    {"3.8", "iter b6162",
     "R [97, 98] 96"},
    {"3.11,3.12,3.13", "iter b6162",
     "R [97, 98] 72"},
    /* chr(65) */
    {"3.8,3.11", "chr i65",
     "R 'A' 50 0 1"},
    {"3.12,3.13", "chr i65",
     "R 'A' 42 0 1"},
    /* chr(233) */
    {"3.8,3.11", "chr i233",
     "R '\303\251' 74 0 1"},
    {"3.12,3.13", "chr i233",
     "R '\303\251' 61 0 1"},
    /* chr(8364) */
    {"3.8,3.11", "chr i8364",
     "R '\342\202\254' 76 0 0"},
    {"3.12,3.13", "chr i8364",
     "R '\342\202\254' 60 0 0"},
    /* chr(-1) */
    {"*", "chr i-1",
     "E ValueError: chr() arg not in range(0x110000)"},
    /* chr(1114112) */
    {"*", "chr i1114112",
     "E ValueError: chr() arg not in range(0x110000)"},
    /* ord('a') */
    {"*", "ord s61",
     "R 97"},
    /* ord('ab') */
    {"*", "ord s6162",
     "E TypeError: ord() expected a character, but string of length 2 found"},
    /* ord('') */
    {"*", "ord s",
     "E TypeError: ord() expected a character, but string of length 0 found"},
    /* ord(b'a') */
    {"*", "ord b61",
     "R 97"},
    /* ord(1) */
    {"*", "ord i1",
     "E TypeError: ord() expected string of length 1, but int found"},
    /* 'hello'.upper() */
    {"3.8,3.11", "call upper s68656c6c6f 0 0",
     "R 'HELLO' 54 0 0"},
    {"3.12,3.13", "call upper s68656c6c6f 0 0",
     "R 'HELLO' 46 0 0"},
    /* 'a'.upper() */
    {"3.8,3.11", "call upper s61 0 0",
     "R 'A' 50 0 0"},
    {"3.12,3.13", "call upper s61 0 0",
     "R 'A' 42 0 0"},
    /* '\xdf'.upper() */
    {"3.8,3.11", "call upper sc39f 0 0",
     "R 'SS' 51 0 0"},
    {"3.12,3.13", "call upper sc39f 0 0",
     "R 'SS' 43 0 0"},
    /* '\u03a3\u0391\u03a3 \u03a3\u0391'.lower() */
    {"3.8,3.11", "call lower scea3ce91cea320cea3ce91 0 0",
     "R '\317\203\316\261\317\202 \317\203\316\261' 86 0 0"},
    {"3.12,3.13", "call lower scea3ce91cea320cea3ce91 0 0",
     "R '\317\203\316\261\317\202 \317\203\316\261' 70 0 0"},
    /* "they're bill's".title() */
    {"3.8,3.11", "call title s746865792772652062696c6c2773 0 0",
     "R \"They'Re Bill'S\" 63 0 0"},
    {"3.12,3.13", "call title s746865792772652062696c6c2773 0 0",
     "R \"They'Re Bill'S\" 55 0 0"},
    /* 'hELLO'.capitalize() */
    {"3.8,3.11", "call capitalize s68454c4c4f 0 0",
     "R 'Hello' 54 0 0"},
    {"3.12,3.13", "call capitalize s68454c4c4f 0 0",
     "R 'Hello' 46 0 0"},
    /* 'Hello \xc9'.swapcase() */
    {"3.8,3.11", "call swapcase s48656c6c6f20c389 0 0",
     "R 'hELLO \303\251' 80 0 0"},
    {"3.12,3.13", "call swapcase s48656c6c6f20c389 0 0",
     "R 'hELLO \303\251' 64 0 0"},
    /* 'Stra\xdfe'.casefold() */
    {"3.8,3.11", "call casefold s53747261c39f65 0 0",
     "R 'strasse' 56 0 0"},
    {"3.12,3.13", "call casefold s53747261c39f65 0 0",
     "R 'strasse' 48 0 0"},
    /* '  ab  '.strip() */
    {"3.8,3.11", "call strip s202061622020 0 0",
     "R 'ab' 51 0 0"},
    {"3.12,3.13", "call strip s202061622020 0 0",
     "R 'ab' 43 0 0"},
    /* 'ab'.strip() */
    {"3.8,3.11", "call strip s6162 0 0",
     "R 'ab' 51 1 0"},
    {"3.12,3.13", "call strip s6162 0 0",
     "R 'ab' 43 1 0"},
    /* ' a '.strip() */
    {"3.8,3.11", "call strip s206120 0 0",
     "R 'a' 50 0 1"},
    {"3.12,3.13", "call strip s206120 0 0",
     "R 'a' 42 0 1"},
    /* 'xxaxx'.lstrip('x') */
    {"3.8,3.11", "call lstrip s7878617878 1 s78 0",
     "R 'axx' 52 0 0"},
    {"3.12,3.13", "call lstrip s7878617878 1 s78 0",
     "R 'axx' 44 0 0"},
    /* 'abc'.rstrip(1) */
    {"*", "call rstrip s616263 1 i1 0",
     "E TypeError: rstrip arg must be None or str"},
    /* 'a b  c'.split() */
    {"3.8,3.11", "call split s612062202063 0 0",
     "R ['a', 'b', 'c'] 152"},
    {"3.12,3.13", "call split s612062202063 0 0",
     "R ['a', 'b', 'c'] 88"},
    /* 'a b  c'.split(',') */
    {"3.8,3.11", "call split s612062202063 1 s2c 0",
     "R ['a b  c'] 152"},
    {"3.12,3.13", "call split s612062202063 1 s2c 0",
     "R ['a b  c'] 120"},
    /* 'a b  c'.rsplit(None, 1) */
    {"*", "call rsplit s612062202063 2 N i1 0",
     "R ['a b', 'c'] 72"},
    /* 'a b  c'.split('', 1) */
    {"*", "call split s612062202063 2 s i1 0",
     "E ValueError: empty separator"},
    /* ' '.split() */
    {"3.8,3.11", "call split s20 0 0",
     "R [] 152"},
    {"3.12,3.13", "call split s20 0 0",
     "R [] 72"},
    /* ' '.split(',') */
    {"3.8,3.11", "call split s20 1 s2c 0",
     "R [' '] 152"},
    {"3.12,3.13", "call split s20 1 s2c 0",
     "R [' '] 80"},
    /* ' '.rsplit(None, 1) */
    {"*", "call rsplit s20 2 N i1 0",
     "R [] 72"},
    /* ' '.split('', 1) */
    {"*", "call split s20 2 s i1 0",
     "E ValueError: empty separator"},
    /* ''.split() */
    {"3.8,3.11", "call split s 0 0",
     "R [] 152"},
    {"3.12,3.13", "call split s 0 0",
     "R [] 72"},
    /* ''.split(',') */
    {"*", "call split s 1 s2c 0",
     "R [''] 64"},
    /* ''.rsplit(None, 1) */
    {"*", "call rsplit s 2 N i1 0",
     "R [] 72"},
    /* ''.split('', 1) */
    {"*", "call split s 2 s i1 0",
     "E ValueError: empty separator"},
    /* 'a,b,,c'.split() */
    {"3.8,3.11", "call split s612c622c2c63 0 0",
     "R ['a,b,,c'] 152"},
    {"3.12,3.13", "call split s612c622c2c63 0 0",
     "R ['a,b,,c'] 88"},
    /* 'a,b,,c'.split(',') */
    {"3.8,3.11", "call split s612c622c2c63 1 s2c 0",
     "R ['a', 'b', '', 'c'] 152"},
    {"3.12,3.13", "call split s612c622c2c63 1 s2c 0",
     "R ['a', 'b', '', 'c'] 120"},
    /* 'a,b,,c'.rsplit(None, 1) */
    {"*", "call rsplit s612c622c2c63 2 N i1 0",
     "R ['a,b,,c'] 72"},
    /* 'a,b,,c'.split('', 1) */
    {"*", "call split s612c622c2c63 2 s i1 0",
     "E ValueError: empty separator"},
    /* 'abc'.split() */
    {"3.8,3.11", "call split s616263 0 0",
     "R ['abc'] 152"},
    {"3.12,3.13", "call split s616263 0 0",
     "R ['abc'] 80"},
    /* 'abc'.split(',') */
    {"3.8,3.11", "call split s616263 1 s2c 0",
     "R ['abc'] 152"},
    {"3.12,3.13", "call split s616263 1 s2c 0",
     "R ['abc'] 96"},
    /* 'abc'.rsplit(None, 1) */
    {"*", "call rsplit s616263 2 N i1 0",
     "R ['abc'] 72"},
    /* 'abc'.split('', 1) */
    {"*", "call split s616263 2 s i1 0",
     "E ValueError: empty separator"},
    /* 'a\nb\r\nc\rd'.splitlines() */
    {"*", "call splitlines s610a620d0a630d64 0 0",
     "R ['a', 'b', 'c', 'd'] 88"},
    /* 'a\nb'.splitlines(True) */
    {"*", "call splitlines s610a62 1 T 0",
     "R ['a\\n', 'b'] 88"},
    /* ', '.join(['a', 'b', 'c']) */
    {"3.8,3.11", "call join s2c20 1 l3 s61 s62 s63 0",
     "R 'a, b, c' 56 0 0"},
    {"3.12,3.13", "call join s2c20 1 l3 s61 s62 s63 0",
     "R 'a, b, c' 48 0 0"},
    /* ''.join(['a']) */
    {"3.8,3.11", "call join s 1 l1 s61 0",
     "R 'a' 50 0 1"},
    {"3.12,3.13", "call join s 1 l1 s61 0",
     "R 'a' 42 0 1"},
    /* '-'.join([]) */
    {"3.8,3.11", "call join s2d 1 l0 0",
     "R '' 49 0 1"},
    {"3.12,3.13", "call join s2d 1 l0 0",
     "R '' 41 0 1"},
    /* ''.join(['a', 2]) */
    {"*", "call join s 1 l2 s61 i2 0",
     "E TypeError: sequence item 1: expected str instance, int found"},
    /* ''.join(5) */
    {"*", "call join s 1 i5 0",
     "E TypeError: can only join an iterable"},
    /* '-'.join('xyz') */
    {"3.8,3.11", "call join s2d 1 s78797a 0",
     "R 'x-y-z' 54 0 0"},
    {"3.12,3.13", "call join s2d 1 s78797a 0",
     "R 'x-y-z' 46 0 0"},
    /* 'aaa'.replace('a', 'b', 2) */
    {"3.8,3.11", "call replace s616161 3 s61 s62 i2 0",
     "R 'bba' 52 0 0"},
    {"3.12,3.13", "call replace s616161 3 s61 s62 i2 0",
     "R 'bba' 44 0 0"},
    /* 'abc'.replace('', '-') */
    {"3.8,3.11", "call replace s616263 2 s s2d 0",
     "R '-a-b-c-' 56 0 0"},
    {"3.12,3.13", "call replace s616263 2 s s2d 0",
     "R '-a-b-c-' 48 0 0"},
    /* 'abc'.replace('x', 'y') */
    {"3.8,3.11", "call replace s616263 2 s78 s79 0",
     "R 'abc' 52 1 0"},
    {"3.12,3.13", "call replace s616263 2 s78 s79 0",
     "R 'abc' 44 1 0"},
    /* 'b'.replace('b', 'a') */
    {"3.8,3.11", "call replace s62 2 s62 s61 0",
     "R 'a' 50 0 0"},
    {"3.12,3.13", "call replace s62 2 s62 s61 0",
     "R 'a' 42 0 0"},
    /* 'abc'.replace(1, 'a') */
    {"*", "call replace s616263 2 i1 s61 0",
     "E TypeError: replace() argument 1 must be str, not int"},
    /* 'abcabc'.find('bc') */
    {"*", "call find s616263616263 1 s6263 0",
     "R 1"},
    /* 'abcabc'.find('x') */
    {"*", "call find s616263616263 1 s78 0",
     "R -1"},
    /* 'abc'.find(1) */
    {"3.8,3.11,3.12", "call find s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    {"3.13", "call find s616263 1 i1 0",
     "E TypeError: find() argument 1 must be str, not int"},
    /* 'abcabc'.rfind('bc') */
    {"*", "call rfind s616263616263 1 s6263 0",
     "R 4"},
    /* 'abcabc'.rfind('x') */
    {"*", "call rfind s616263616263 1 s78 0",
     "R -1"},
    /* 'abc'.rfind(1) */
    {"3.8,3.11,3.12", "call rfind s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    {"3.13", "call rfind s616263 1 i1 0",
     "E TypeError: rfind() argument 1 must be str, not int"},
    /* 'abcabc'.index('bc') */
    {"*", "call index s616263616263 1 s6263 0",
     "R 1"},
    /* 'abcabc'.index('x') */
    {"*", "call index s616263616263 1 s78 0",
     "E ValueError: substring not found"},
    /* 'abc'.index(1) */
    {"3.8,3.11,3.12", "call index s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    {"3.13", "call index s616263 1 i1 0",
     "E TypeError: index() argument 1 must be str, not int"},
    /* 'abcabc'.rindex('bc') */
    {"*", "call rindex s616263616263 1 s6263 0",
     "R 4"},
    /* 'abcabc'.rindex('x') */
    {"*", "call rindex s616263616263 1 s78 0",
     "E ValueError: substring not found"},
    /* 'abc'.rindex(1) */
    {"3.8,3.11,3.12", "call rindex s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    {"3.13", "call rindex s616263 1 i1 0",
     "E TypeError: rindex() argument 1 must be str, not int"},
    /* 'abcabc'.count('bc') */
    {"*", "call count s616263616263 1 s6263 0",
     "R 2"},
    /* 'abcabc'.count('x') */
    {"*", "call count s616263616263 1 s78 0",
     "R 0"},
    /* 'abc'.count(1) */
    {"3.8,3.11,3.12", "call count s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    {"3.13", "call count s616263 1 i1 0",
     "E TypeError: count() argument 1 must be str, not int"},
    /* 'abcabc'.startswith('bc') */
    {"*", "call startswith s616263616263 1 s6263 0",
     "R False"},
    /* 'abcabc'.startswith('x') */
    {"*", "call startswith s616263616263 1 s78 0",
     "R False"},
    /* 'abc'.startswith(1) */
    {"*", "call startswith s616263 1 i1 0",
     "E TypeError: startswith first arg must be str or a tuple of str, not int"},
    /* 'abcabc'.endswith('bc') */
    {"*", "call endswith s616263616263 1 s6263 0",
     "R True"},
    /* 'abcabc'.endswith('x') */
    {"*", "call endswith s616263616263 1 s78 0",
     "R False"},
    /* 'abc'.endswith(1) */
    {"*", "call endswith s616263 1 i1 0",
     "E TypeError: endswith first arg must be str or a tuple of str, not int"},
    /* 'abcabc'.partition('bc') */
    {"*", "call partition s616263616263 1 s6263 0",
     "R ('a', 'bc', 'abc')"},
    /* 'abcabc'.partition('x') */
    {"*", "call partition s616263616263 1 s78 0",
     "R ('abcabc', '', '')"},
    /* 'abc'.partition(1) */
    {"*", "call partition s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    /* 'abcabc'.rpartition('bc') */
    {"*", "call rpartition s616263616263 1 s6263 0",
     "R ('abca', 'bc', '')"},
    /* 'abcabc'.rpartition('x') */
    {"*", "call rpartition s616263616263 1 s78 0",
     "R ('', '', 'abcabc')"},
    /* 'abc'.rpartition(1) */
    {"*", "call rpartition s616263 1 i1 0",
     "E TypeError: must be str, not int"},
    /* 'abc'.find('c', -1) */
    {"*", "call find s616263 2 s63 i-1 0",
     "R 2"},
    /* 'abc'.count('') */
    {"*", "call count s616263 1 s 0",
     "R 4"},
    /* 'abc'.startswith(('x', 'a')) */
    {"*", "call startswith s616263 1 t2 s78 s61 0",
     "R True"},
    /* 'abc'.endswith(('x', 1)) */
    {"*", "call endswith s616263 1 t2 s78 i1 0",
     "E TypeError: tuple for endswith must only contain str, not int"},
    /* 'abc'.find() */
    {"3.8,3.11,3.12", "call find s616263 0 0",
     "E TypeError: find() takes at least 1 argument (0 given)"},
    {"3.13", "call find s616263 0 0",
     "E TypeError: find expected at least 1 argument, got 0"},
    /* 'Ab1'.isdigit() */
    {"*", "call isdigit s416231 0 0",
     "R False"},
    /* '\xb2'.isdigit() */
    {"*", "call isdigit sc2b2 0 0",
     "R True"},
    /* ''.isdigit() */
    {"*", "call isdigit s 0 0",
     "R False"},
    /* 'Ab1'.isalpha() */
    {"*", "call isalpha s416231 0 0",
     "R False"},
    /* '\xb2'.isalpha() */
    {"*", "call isalpha sc2b2 0 0",
     "R False"},
    /* ''.isalpha() */
    {"*", "call isalpha s 0 0",
     "R False"},
    /* 'Ab1'.isalnum() */
    {"*", "call isalnum s416231 0 0",
     "R True"},
    /* '\xb2'.isalnum() */
    {"*", "call isalnum sc2b2 0 0",
     "R True"},
    /* ''.isalnum() */
    {"*", "call isalnum s 0 0",
     "R False"},
    /* 'Ab1'.isspace() */
    {"*", "call isspace s416231 0 0",
     "R False"},
    /* '\xb2'.isspace() */
    {"*", "call isspace sc2b2 0 0",
     "R False"},
    /* ''.isspace() */
    {"*", "call isspace s 0 0",
     "R False"},
    /* 'Ab1'.isupper() */
    {"*", "call isupper s416231 0 0",
     "R False"},
    /* '\xb2'.isupper() */
    {"*", "call isupper sc2b2 0 0",
     "R False"},
    /* ''.isupper() */
    {"*", "call isupper s 0 0",
     "R False"},
    /* 'Ab1'.islower() */
    {"*", "call islower s416231 0 0",
     "R False"},
    /* '\xb2'.islower() */
    {"*", "call islower sc2b2 0 0",
     "R False"},
    /* ''.islower() */
    {"*", "call islower s 0 0",
     "R False"},
    /* 'Ab1'.istitle() */
    {"*", "call istitle s416231 0 0",
     "R True"},
    /* '\xb2'.istitle() */
    {"*", "call istitle sc2b2 0 0",
     "R False"},
    /* ''.istitle() */
    {"*", "call istitle s 0 0",
     "R False"},
    /* 'Ab1'.isidentifier() */
    {"*", "call isidentifier s416231 0 0",
     "R True"},
    /* '\xb2'.isidentifier() */
    {"*", "call isidentifier sc2b2 0 0",
     "R False"},
    /* ''.isidentifier() */
    {"*", "call isidentifier s 0 0",
     "R False"},
    /* 'Ab1'.isdecimal() */
    {"*", "call isdecimal s416231 0 0",
     "R False"},
    /* '\xb2'.isdecimal() */
    {"*", "call isdecimal sc2b2 0 0",
     "R False"},
    /* ''.isdecimal() */
    {"*", "call isdecimal s 0 0",
     "R False"},
    /* 'Ab1'.isnumeric() */
    {"*", "call isnumeric s416231 0 0",
     "R False"},
    /* '\xb2'.isnumeric() */
    {"*", "call isnumeric sc2b2 0 0",
     "R True"},
    /* ''.isnumeric() */
    {"*", "call isnumeric s 0 0",
     "R False"},
    /* 'Ab1'.isprintable() */
    {"*", "call isprintable s416231 0 0",
     "R True"},
    /* '\xb2'.isprintable() */
    {"*", "call isprintable sc2b2 0 0",
     "R True"},
    /* ''.isprintable() */
    {"*", "call isprintable s 0 0",
     "R True"},
    /* 'Ab1'.isascii() */
    {"*", "call isascii s416231 0 0",
     "R True"},
    /* '\xb2'.isascii() */
    {"*", "call isascii sc2b2 0 0",
     "R False"},
    /* ''.isascii() */
    {"*", "call isascii s 0 0",
     "R True"},
    /* 'a'.upper(1) */
    {"3.8", "call upper s61 1 i1 0",
     "E TypeError: upper() takes no arguments (1 given)"},
    {"3.11,3.12,3.13", "call upper s61 1 i1 0",
     "E TypeError: str.upper() takes no arguments (1 given)"},
    /* 'a'.split(foo=1) */
    {"3.8,3.11,3.12", "call split s61 0 1 s666f6f i1",
     "E TypeError: 'foo' is an invalid keyword argument for split()"},
    {"3.13", "call split s61 0 1 s666f6f i1",
     "E TypeError: split() got an unexpected keyword argument 'foo'"},
    /* 'a'.split(' ', 1, 2) */
    {"*", "call split s61 3 s20 i1 i2 0",
     "E TypeError: split() takes at most 2 arguments (3 given)"},
    /* 'a b'.split(' ', sep=' ') */
    {"*", "call split s612062 1 s20 1 s736570 s20",
     "E TypeError: argument for split() given by name ('sep') and position (1)"},
    /* '-12'.zfill(6) */
    {"3.8,3.11", "call zfill s2d3132 1 i6 0",
     "R '-00012' 55 0 0"},
    {"3.12,3.13", "call zfill s2d3132 1 i6 0",
     "R '-00012' 47 0 0"},
    /* 'ab'.zfill(1) */
    {"3.8,3.11", "call zfill s6162 1 i1 0",
     "R 'ab' 51 1 0"},
    {"3.12,3.13", "call zfill s6162 1 i1 0",
     "R 'ab' 43 1 0"},
    /* 'ab'.center(5) */
    {"3.8,3.11", "call center s6162 1 i5 0",
     "R '  ab ' 54 0 0"},
    {"3.12,3.13", "call center s6162 1 i5 0",
     "R '  ab ' 46 0 0"},
    /* 'abc'.center(8, '*') */
    {"3.8,3.11", "call center s616263 2 i8 s2a 0",
     "R '**abc***' 57 0 0"},
    {"3.12,3.13", "call center s616263 2 i8 s2a 0",
     "R '**abc***' 49 0 0"},
    /* 'abc'.center(5, 'ab') */
    {"*", "call center s616263 2 i5 s6162 0",
     "E TypeError: The fill character must be exactly one character long"},
    /* 'ab'.ljust(4, 1) */
    {"*", "call ljust s6162 2 i4 i1 0",
     "E TypeError: The fill character must be a unicode character, not int"},
    /* 'ab'.rjust(4) */
    {"3.8,3.11", "call rjust s6162 1 i4 0",
     "R '  ab' 53 0 0"},
    {"3.12,3.13", "call rjust s6162 1 i4 0",
     "R '  ab' 45 0 0"},
    /* 'a\tbc\td'.expandtabs(4) */
    {"3.8,3.11", "call expandtabs s610962630964 1 i4 0",
     "R 'a   bc  d' 58 0 0"},
    {"3.12,3.13", "call expandtabs s610962630964 1 i4 0",
     "R 'a   bc  d' 50 0 0"},
    /* 'abc'.removeprefix('a') */
    {"3.8", "call removeprefix s616263 1 s61 0",
     "E AttributeError: 'str' object has no attribute 'removeprefix'"},
    {"3.11", "call removeprefix s616263 1 s61 0",
     "R 'bc' 51 0 0"},
    {"3.12,3.13", "call removeprefix s616263 1 s61 0",
     "R 'bc' 43 0 0"},
    /* 'abc'.removesuffix('c') */
    {"3.8", "call removesuffix s616263 1 s63 0",
     "E AttributeError: 'str' object has no attribute 'removesuffix'"},
    {"3.11", "call removesuffix s616263 1 s63 0",
     "R 'ab' 51 0 0"},
    {"3.12,3.13", "call removesuffix s616263 1 s63 0",
     "R 'ab' 43 0 0"},
    /* 'caf\xe9'.encode() */
    {"*", "call encode s636166c3a9 0 0",
     "R b'caf\\xc3\\xa9' 38 0 0"},
    /* 'caf\xe9'.encode('ascii') */
    {"*", "call encode s636166c3a9 1 s6173636969 0",
     "E UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 3: ordinal not in range(128)"},
    /* 'caf\xe9'.encode('latin-1') */
    {"*", "call encode s636166c3a9 1 s6c6174696e2d31 0",
     "R b'caf\\xe9' 37 0 0"},
    /* '\u20ac'.encode('latin-1') */
    {"*", "call encode se282ac 1 s6c6174696e2d31 0",
     "E UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)"},
    /* 'a'.encode('bogus') */
    {"*", "call encode s61 1 s626f677573 0",
     "E LookupError: unknown encoding: bogus"},
    /* '\ud800'.encode() */
    {"*", "call encode seda080 0 0",
     "E UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed"},
    /* 'a'.encode(1) */
    {"*", "call encode s61 1 i1 0",
     "E TypeError: encode() argument 'encoding' must be str, not int"},
    /* b'caf\xc3\xa9'.decode() */
    {"3.8,3.11", "call decode b636166c3a9 0 0",
     "R 'caf\303\251' 77 0 0"},
    {"3.12,3.13", "call decode b636166c3a9 0 0",
     "R 'caf\303\251' 61 0 0"},
    /* b'\xff'.decode() */
    {"*", "call decode bff 0 0",
     "E UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
    /* b'\xe2\x82'.decode() */
    {"*", "call decode be282 0 0",
     "E UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-1: unexpected end of data"},
    /* b'\xffab'.decode('utf-8', 'replace') */
    {"3.8,3.11", "call decode bff6162 2 s7574662d38 s7265706c616365 0",
     "R '\357\277\275ab' 80 0 0"},
    {"3.12,3.13", "call decode bff6162 2 s7574662d38 s7265706c616365 0",
     "R '\357\277\275ab' 64 0 0"},
    /* b'\xe9'.decode('latin-1') */
    {"3.8,3.11", "call decode be9 1 s6c6174696e2d31 0",
     "R '\303\251' 74 0 1"},
    {"3.12,3.13", "call decode be9 1 s6c6174696e2d31 0",
     "R '\303\251' 61 0 1"},
    /* b'\xe9'.decode('ascii') */
    {"*", "call decode be9 1 s6173636969 0",
     "E UnicodeDecodeError: 'ascii' codec can't decode byte 0xe9 in position 0: ordinal not in range(128)"},
    /* b'\x01\xab'.hex() */
    {"3.8,3.11", "call hex b01ab 0 0",
     "R '01ab' 53 0 0"},
    {"3.12,3.13", "call hex b01ab 0 0",
     "R '01ab' 45 0 0"},
    /* b'abc'.hex(':') */
    {"3.8,3.11", "call hex b616263 1 s3a 0",
     "R '61:62:63' 57 0 0"},
    {"3.12,3.13", "call hex b616263 1 s3a 0",
     "R '61:62:63' 49 0 0"},
    /* b'-'.join([b'a', b'b']) */
    {"*", "call join b2d 1 l2 b61 b62 0",
     "R b'a-b' 36 0 0"},
    /* b'a b'.split() */
    {"*", "call split b612062 0 0",
     "R [b'a', b'b'] 152"},
    /* b'abc'.find(99) */
    {"*", "call find b616263 1 i99 0",
     "R 2"},
    /* b'abc'.count(b'') */
    {"*", "call count b616263 1 b 0",
     "R 4"},
    /* '%s' % 'x' */
    {"3.8,3.11", "binop mod s2573 s78",
     "R 'x' 50 0 1"},
    {"3.12,3.13", "binop mod s2573 s78",
     "R 'x' 42 0 1"},
    /* '%s' % '\xe9' */
    {"3.8,3.11", "binop mod s2573 sc3a9",
     "R '\303\251' 74 0 1"},
    {"3.12,3.13", "binop mod s2573 sc3a9",
     "R '\303\251' 61 0 1"},
    /* '%d' % 42 */
    {"3.8,3.11", "binop mod s2564 i42",
     "R '42' 51 0 0"},
    {"3.12,3.13", "binop mod s2564 i42",
     "R '42' 43 0 0"},
    /* '%5.2f' % 3.14159 */
    {"3.8,3.11", "binop mod s25352e3266 f3.14159",
     "R ' 3.14' 54 0 0"},
    {"3.12,3.13", "binop mod s25352e3266 f3.14159",
     "R ' 3.14' 46 0 0"},
    /* '%-5d|' % 7 */
    {"3.8,3.11", "binop mod s252d35647c i7",
     "R '7    |' 55 0 0"},
    {"3.12,3.13", "binop mod s252d35647c i7",
     "R '7    |' 47 0 0"},
    /* '%05d' % -42 */
    {"3.8,3.11", "binop mod s25303564 i-42",
     "R '-0042' 54 0 0"},
    {"3.12,3.13", "binop mod s25303564 i-42",
     "R '-0042' 46 0 0"},
    /* '%x' % 255 */
    {"3.8,3.11", "binop mod s2578 i255",
     "R 'ff' 51 0 0"},
    {"3.12,3.13", "binop mod s2578 i255",
     "R 'ff' 43 0 0"},
    /* '%#X' % 255 */
    {"3.8,3.11", "binop mod s252358 i255",
     "R '0XFF' 53 0 0"},
    {"3.12,3.13", "binop mod s252358 i255",
     "R '0XFF' 45 0 0"},
    /* '%o' % 8 */
    {"3.8,3.11", "binop mod s256f i8",
     "R '10' 51 0 0"},
    {"3.12,3.13", "binop mod s256f i8",
     "R '10' 43 0 0"},
    /* '%e' % 12345.678 */
    {"3.8,3.11", "binop mod s2565 f12345.678",
     "R '1.234568e+04' 61 0 0"},
    {"3.12,3.13", "binop mod s2565 f12345.678",
     "R '1.234568e+04' 53 0 0"},
    /* '%g' % 1e-05 */
    {"3.8,3.11", "binop mod s2567 f1e-05",
     "R '1e-05' 54 0 0"},
    {"3.12,3.13", "binop mod s2567 f1e-05",
     "R '1e-05' 46 0 0"},
    /* '%c' % 65 */
    {"3.8,3.11", "binop mod s2563 i65",
     "R 'A' 50 0 1"},
    {"3.12,3.13", "binop mod s2563 i65",
     "R 'A' 42 0 1"},
    /* '%r' % '\xe9' */
    {"3.8,3.11", "binop mod s2572 sc3a9",
     "R \"'\303\251'\" 76 0 0"},
    {"3.12,3.13", "binop mod s2572 sc3a9",
     "R \"'\303\251'\" 60 0 0"},
    /* '%a' % '\xe9' */
    {"3.8,3.11", "binop mod s2561 sc3a9",
     "R \"'\\\\xe9'\" 55 0 0"},
    {"3.12,3.13", "binop mod s2561 sc3a9",
     "R \"'\\\\xe9'\" 47 0 0"},
    /* '%%' % () */
    {"3.8,3.11", "binop mod s2525 t0",
     "R '%' 50 0 1"},
    {"3.12,3.13", "binop mod s2525 t0",
     "R '%' 42 0 1"},
    /* '%s %s' % (1,) */
    {"*", "binop mod s2573202573 t1 i1",
     "E TypeError: not enough arguments for format string"},
    /* '%s' % (1, 2) */
    {"*", "binop mod s2573 t2 i1 i2",
     "E TypeError: not all arguments converted during string formatting"},
    /* '%d' % 'x' */
    {"3.8", "binop mod s2564 s78",
     "E TypeError: %d format: a number is required, not str"},
    {"3.11,3.12,3.13", "binop mod s2564 s78",
     "E TypeError: %d format: a real number is required, not str"},
    /* '%x' % 1.5 */
    {"*", "binop mod s2578 f1.5",
     "E TypeError: %x format: an integer is required, not float"},
    /* '%f' % 'x' */
    {"*", "binop mod s2566 s78",
     "E TypeError: must be real number, not str"},
    /* '%z' % 1 */
    {"*", "binop mod s257a i1",
     "E ValueError: unsupported format character 'z' (0x7a) at index 1"},
    /* '%' % 1 */
    {"*", "binop mod s25 i1",
     "E ValueError: incomplete format"},
    /* '%(a)s' % {'a': 1} */
    {"3.8,3.11", "binop mod s2528612973 d1 s61 i1",
     "R '1' 50 0 1"},
    {"3.12,3.13", "binop mod s2528612973 d1 s61 i1",
     "R '1' 42 0 1"},
    /* '%(a)s' % (1,) */
    {"*", "binop mod s2528612973 t1 i1",
     "E TypeError: format requires a mapping"},
    /* 'hello' % [1] */
    {"3.8,3.11", "binop mod s68656c6c6f l1 i1",
     "R 'hello' 54 1 0"},
    {"3.12,3.13", "binop mod s68656c6c6f l1 i1",
     "R 'hello' 46 1 0"},
    /* 'hello' % 5 */
    {"*", "binop mod s68656c6c6f i5",
     "E TypeError: not all arguments converted during string formatting"},
    /* '%c' % 1114112 */
    {"*", "binop mod s2563 i1114112",
     "E OverflowError: %c arg not in range(0x110000)"},
    /* '%*d' % (5, 3) */
    {"3.8,3.11", "binop mod s252a64 t2 i5 i3",
     "R '    3' 54 0 0"},
    {"3.12,3.13", "binop mod s252a64 t2 i5 i3",
     "R '    3' 46 0 0"},
    /* '%.*f' % (2, 3.14159) */
    {"3.8,3.11", "binop mod s252e2a66 t2 i2 f3.14159",
     "R '3.14' 53 0 0"},
    {"3.12,3.13", "binop mod s252e2a66 t2 i2 f3.14159",
     "R '3.14' 45 0 0"},
    /* 'x%sy' % 'm' */
    {"3.8,3.11", "binop mod s78257379 s6d",
     "R 'xmy' 52 0 0"},
    {"3.12,3.13", "binop mod s78257379 s6d",
     "R 'xmy' 44 0 0"},
    /* '%s' % b'x' */
    {"3.8,3.11", "binop mod s2573 b78",
     "R \"b'x'\" 53 0 0"},
    {"3.12,3.13", "binop mod s2573 b78",
     "R \"b'x'\" 45 0 0"},
    /* '{}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b7d 2 s6162 f3.14159 0",
     "R 'ab' 51 0 0"},
    {"3.12,3.13", "call format s7b7d 2 s6162 f3.14159 0",
     "R 'ab' 43 0 0"},
    /* '{0}{1}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b307d7b317d 2 s6162 f3.14159 0",
     "R 'ab3.14159' 58 0 0"},
    {"3.12,3.13", "call format s7b307d7b317d 2 s6162 f3.14159 0",
     "R 'ab3.14159' 50 0 0"},
    /* '{name}'.format('ab', 3.14159) */
    {"*", "call format s7b6e616d657d 2 s6162 f3.14159 0",
     "E KeyError: 'name'"},
    /* '{0[0]}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b305b305d7d 2 s6162 f3.14159 0",
     "R 'a' 50 0 1"},
    {"3.12,3.13", "call format s7b305b305d7d 2 s6162 f3.14159 0",
     "R 'a' 42 0 1"},
    /* '{!r}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b21727d 2 s6162 f3.14159 0",
     "R \"'ab'\" 53 0 0"},
    {"3.12,3.13", "call format s7b21727d 2 s6162 f3.14159 0",
     "R \"'ab'\" 45 0 0"},
    /* '{:>5}|{:<5}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b3a3e357d7c7b3a3c357d 2 s6162 f3.14159 0",
     "R '   ab|3.14159' 62 0 0"},
    {"3.12,3.13", "call format s7b3a3e357d7c7b3a3c357d 2 s6162 f3.14159 0",
     "R '   ab|3.14159' 54 0 0"},
    /* '{:05.1f}'.format('ab', 3.14159) */
    {"*", "call format s7b3a30352e31667d 2 s6162 f3.14159 0",
     "E ValueError: Unknown format code 'f' for object of type 'str'"},
    /* '{{}} {}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b7b7d7d207b7d 2 s6162 f3.14159 0",
     "R '{} ab' 54 0 0"},
    {"3.12,3.13", "call format s7b7b7d7d207b7d 2 s6162 f3.14159 0",
     "R '{} ab' 46 0 0"},
    /* '{'.format('ab', 3.14159) */
    {"*", "call format s7b 2 s6162 f3.14159 0",
     "E ValueError: Single '{' encountered in format string"},
    /* '}'.format('ab', 3.14159) */
    {"*", "call format s7d 2 s6162 f3.14159 0",
     "E ValueError: Single '}' encountered in format string"},
    /* '{0}{}'.format('ab', 3.14159) */
    {"*", "call format s7b307d7b7d 2 s6162 f3.14159 0",
     "E ValueError: cannot switch from manual field specification to automatic field numbering"},
    /* '{}{0}'.format('ab', 3.14159) */
    {"*", "call format s7b7d7b307d 2 s6162 f3.14159 0",
     "E ValueError: cannot switch from automatic field numbering to manual field specification"},
    /* '{0!}'.format('ab', 3.14159) */
    {"*", "call format s7b30217d 2 s6162 f3.14159 0",
     "E ValueError: unmatched '{' in format spec"},
    /* '{:{}}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b3a7b7d7d 2 s6162 f3.14159 0",
     "R 'ab ' 52 0 0"},
    {"3.12,3.13", "call format s7b3a7b7d7d 2 s6162 f3.14159 0",
     "R 'ab ' 44 0 0"},
    /* '{0.real}'.format('ab', 3.14159) */
    {"*", "call format s7b302e7265616c7d 2 s6162 f3.14159 0",
     "E AttributeError: 'str' object has no attribute 'real'"},
    /* '{!x}'.format('ab', 3.14159) */
    {"*", "call format s7b21787d 2 s6162 f3.14159 0",
     "E ValueError: Unknown conversion specifier x"},
    /* '{1}'.format('ab', 3.14159) */
    {"3.8,3.11", "call format s7b317d 2 s6162 f3.14159 0",
     "R '3.14159' 56 0 0"},
    {"3.12,3.13", "call format s7b317d 2 s6162 f3.14159 0",
     "R '3.14159' 48 0 0"},
    /* '{name}'.format(name='N') */
    {"3.8,3.11", "call format s7b6e616d657d 0 1 s6e616d65 s4e",
     "R 'N' 50 0 1"},
    {"3.12,3.13", "call format s7b6e616d657d 0 1 s6e616d65 s4e",
     "R 'N' 42 0 1"},
    /* '{name}'.format(1) */
    {"*", "call format s7b6e616d657d 1 i1 0",
     "E KeyError: 'name'"},
    /* str() */
    {"3.8,3.11", "new str 0 0",
     "R '' 49 0 1"},
    {"3.12,3.13", "new str 0 0",
     "R '' 41 0 1"},
    /* str(12) */
    {"3.8,3.11", "new str 1 i12 0",
     "R '12' 51 0 0"},
    {"3.12,3.13", "new str 1 i12 0",
     "R '12' 43 0 0"},
    /* str(b'abc') */
    {"3.8,3.11", "new str 1 b616263 0",
     "R \"b'abc'\" 55 0 0"},
    {"3.12,3.13", "new str 1 b616263 0",
     "R \"b'abc'\" 47 0 0"},
    /* str(b'abc', 'utf-8') */
    {"3.8,3.11", "new str 2 b616263 s7574662d38 0",
     "R 'abc' 52 0 0"},
    {"3.12,3.13", "new str 2 b616263 s7574662d38 0",
     "R 'abc' 44 0 0"},
    /* str('abc', 'utf-8') */
    {"*", "new str 2 s616263 s7574662d38 0",
     "E TypeError: decoding str is not supported"},
    /* str(1, 'utf-8') */
    {"*", "new str 2 i1 s7574662d38 0",
     "E TypeError: decoding to str: need a bytes-like object, int found"},
    /* str(b'a', 5) */
    {"3.8", "new str 2 b61 i5 0",
     "E TypeError: str() argument 2 must be str, not int"},
    {"3.11,3.12,3.13", "new str 2 b61 i5 0",
     "E TypeError: str() argument 'encoding' must be str, not int"},
    /* str(foo=5) */
    {"3.8,3.11,3.12", "new str 0 1 s666f6f i5",
     "E TypeError: 'foo' is an invalid keyword argument for str()"},
    {"3.13", "new str 0 1 s666f6f i5",
     "E TypeError: str() got an unexpected keyword argument 'foo'"},
    /* str(1, 2, 3, 4) */
    {"3.8,3.11,3.12", "new str 4 i1 i2 i3 i4 0",
     "E TypeError: str() takes at most 3 arguments (4 given)"},
    {"3.13", "new str 4 i1 i2 i3 i4 0",
     "E TypeError: str expected at most 3 arguments, got 4"},
    /* str(b'\xff', 'utf-8') */
    {"*", "new str 2 bff s7574662d38 0",
     "E UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"},
    /* bytes() */
    {"*", "new bytes 0 0",
     "R b'' 33 0 1"},
    /* bytes(3) */
    {"*", "new bytes 1 i3 0",
     "R b'\\x00\\x00\\x00' 36 0 0"},
    /* bytes(-1) */
    {"*", "new bytes 1 i-1 0",
     "E ValueError: negative count"},
    /* bytes([1, 255]) */
    {"*", "new bytes 1 l2 i1 i255 0",
     "R b'\\x01\\xff' 35 0 0"},
    /* bytes([256]) */
    {"*", "new bytes 1 l1 i256 0",
     "E ValueError: bytes must be in range(0, 256)"},
    /* bytes('x') */
    {"*", "new bytes 1 s78 0",
     "E TypeError: string argument without an encoding"},
    /* bytes('x', 'utf-8') */
    {"*", "new bytes 2 s78 s7574662d38 0",
     "R b'x' 34 0 1"},
    /* bytes(b'x', 'utf-8') */
    {"*", "new bytes 2 b78 s7574662d38 0",
     "E TypeError: encoding without a string argument"},
    /* bytes(1.5) */
    {"*", "new bytes 1 f1.5 0",
     "E TypeError: cannot convert 'float' object to bytes"},
    /* bytes([7]) */
    {"*", "new bytes 1 l1 i7 0",
     "R b'\\x07' 34 0 1"},
    /* bytes(1) */
    {"*", "new bytes 1 i1 0",
     "R b'\\x00' 34 0 0"},
    /* bytes('a', encoding=1) */
    {"3.8", "new bytes 1 s61 1 s656e636f64696e67 i1",
     "E TypeError: bytes() argument 2 must be str, not int"},
    {"3.11,3.12,3.13", "new bytes 1 s61 1 s656e636f64696e67 i1",
     "E TypeError: bytes() argument 'encoding' must be str, not int"},
};

/* ---- the operation replayer ---- */

typedef struct Reader {
    Heap *h;
    char *save;
} Reader;

/* The next token of the operation. */
static char *tok(Reader *r)
{
    return strtok_r(NULL, " ", &r->save);
}

/* Decode hex text into a malloc'd buffer of *N bytes. */
static unsigned char *unhex(const char *s, size_t *n)
{
    size_t len = strlen(s) / 2;
    unsigned char *b = malloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned v;
        sscanf(s + 2 * i, "%2x", &v);
        b[i] = (unsigned char)v;
    }
    *n = len;
    return b;
}

static Ref value(Reader *r);

/* A tuple (T) or list of N values read next. */
static Ref sequence(Reader *r, char t, size_t n)
{
    Heap *h = r->h;
    Ref *items = calloc(n + 1, sizeof *items);
    for (size_t i = 0; i < n; i++)
        items[i] = value(r);
    Ref v = t == 't' ? tuple_from_array(h, items, n) : list_from_array(h, items, n);
    for (size_t i = 0; i < n; i++)
        heap_decref(h, items[i]);
    free(items);
    return v;
}

/* The next serialized value (a new reference). */
static Ref value(Reader *r)
{
    Heap *h = r->h;
    char *t = tok(r);
    size_t n;
    switch (t[0]) {
    case 'N': return heap_newref(h, h->none);
    case 'T': return heap_newref(h, h->true_);
    case 'F': return heap_newref(h, h->false_);
    case 'i': return int_from_i64(h, strtoll(t + 1, NULL, 10));
    case 'I': return int_from_str(h, t + 1, strlen(t + 1), 10);
    case 'f': return float_from_double(h, strtod(t + 1, NULL));
    case 's': case 'b': {
        unsigned char *b = unhex(t + 1, &n);
        Ref v = t[0] == 's' ? str_from_utf8(h, (char *)b, n) : bytes_from(h, b, n);
        free(b);
        return v;
    }
    case 't': case 'l':
        return sequence(r, t[0], strtoul(t + 1, NULL, 10));
    case 'd': {
        Ref d = dict_new(h);
        for (size_t k = strtoul(t + 1, NULL, 10); k > 0; k--) {
            Ref a = value(r), b = value(r);
            dict_setitem(h, d, a, b);
            heap_decref(h, a);
            heap_decref(h, b);
        }
        return d;
    }
    default: {
        Ref a = value(r), b = value(r), c = value(r);
        Ref s = slice_new(h, a, b, c);
        heap_decref(h, a);
        heap_decref(h, b);
        heap_decref(h, c);
        return s;
    }
    }
}

/* Describe result R (or the pending exception) like the table does. */
static void describe(Heap *h, Ref r, Ref self, StrBuf *out)
{
    if (!r) {
        Ref e = heap_fetch_exc(h);
        strbuf_printf(out, "E %s: ", heap_type_name(h, e));
        obj_str_into(h, e, out);
        heap_decref(h, e);
        return;
    }
    strbuf_puts(out, "R ");
    obj_repr_into(h, r, out);
    Kind k = heap_kind(h, r);
    if (k == K_STR || k == K_BYTES) {
        size_t len;
        bool single = false;
        if (k == K_STR) {
            len = str_len(h, r);
            uint32_t c = len == 1 ? str_char_at(h, r, 0) : 0;
            single = len == 0 ? r == h->empty_str : len == 1 && c < 256 && r == h->latin1[c];
        } else {
            const unsigned char *p = bytes_data(h, r, &len);
            single = len == 0 ? r == h->empty_bytes : len == 1 && r == h->bytes_chars[p[0]];
        }
        strbuf_printf(out, " %zu %d %d", heap_ops(h, r)->sizeof_(h, r), r == self, single);
    } else if (k == K_LIST) {
        strbuf_printf(out, " %zu", heap_ops(h, r)->sizeof_(h, r));
    }
    heap_decref(h, r);
}

/* Read N values into ARGS and keyword pairs into KW (names) and ARGS. */
static Ref call_args(Reader *r, Ref *args, size_t *nargs)
{
    Heap *h = r->h;
    size_t n = strtoul(tok(r), NULL, 10);
    for (size_t i = 0; i < n; i++)
        args[i] = value(r);
    size_t nk = strtoul(tok(r), NULL, 10);
    Ref names[8];
    for (size_t i = 0; i < nk; i++) {
        names[i] = value(r);
        args[n + i] = value(r);
    }
    *nargs = n;
    Ref kw = nk ? tuple_from_array(h, names, nk) : NULLREF;
    for (size_t i = 0; i < nk; i++)
        heap_decref(h, names[i]);
    return kw;
}

/* Release the arguments read by call_args. */
static void drop_args(Heap *h, Ref *args, size_t nargs, Ref kw)
{
    size_t total = nargs + (kw ? tuple_size(h, kw) : 0);
    for (size_t i = 0; i < total; i++)
        heap_decref(h, args[i]);
    heap_decref(h, kw);
}

/* The comparison operator named S. */
static int cmp_op(const char *s)
{
    static const char *const names[] = {"lt", "le", "eq", "ne", "gt", "ge"};
    for (int i = 0; i < 6; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return CMP_EQ;
}

/* Run a call/new operation. */
static void run_call(Reader *r, const char *op, StrBuf *out)
{
    Heap *h = r->h;
    Ref args[16], recv = NULLREF, fn;
    size_t nargs;
    if (strcmp(op, "call") == 0) {
        char *name = tok(r);
        recv = value(r);
        Ref kw = call_args(r, args, &nargs);
        fn = obj_getattr_cstr(h, recv, name);
        describe(h, fn ? obj_call(h, fn, args, nargs, kw) : NULLREF, recv, out);
        heap_decref(h, fn);
        drop_args(h, args, nargs, kw);
        heap_decref(h, recv);
        return;
    }
    Kind k = strcmp(tok(r), "str") == 0 ? K_STR : K_BYTES;
    Ref kw = call_args(r, args, &nargs);
    describe(h, obj_call(h, h->type_of_kind[k], args, nargs, kw), nargs ? args[0] : 0, out);
    drop_args(h, args, nargs, kw);
}

/* Run a unary operation (repr, str, hash, len, iter, chr, ord, size). */
static void run_unary(Reader *r, const char *op, StrBuf *out)
{
    Heap *h = r->h;
    Ref a = value(r), res = NULLREF;
    int64_t v;
    size_t n;
    if (strcmp(op, "repr") == 0)
        res = obj_repr(h, a);
    else if (strcmp(op, "str") == 0)
        res = obj_str(h, a);
    else if (strcmp(op, "hash") == 0)
        res = obj_hash(h, a, &v) < 0 ? NULLREF : int_from_i64(h, v);
    else if (strcmp(op, "len") == 0)
        res = obj_len(h, a, &n) < 0 ? NULLREF : int_from_i64(h, (int64_t)n);
    else if (strcmp(op, "iter") == 0) {
        Ref it = obj_iter(h, a);
        res = it ? obj_to_list(h, it) : NULLREF;
        heap_decref(h, it);
    } else if (strcmp(op, "chr") == 0) {
        int_as_i64(h, a, &v);
        res = str_chr(h, v);
    } else if (strcmp(op, "ord") == 0) {
        v = str_ord(h, a);
        res = v < 0 ? NULLREF : int_from_i64(h, v);
    } else {
        res = int_from_i64(h, (int64_t)heap_ops(h, a)->sizeof_(h, a));
    }
    describe(h, res, a, out);
    heap_decref(h, a);
}

/* Run the serialized operation OP on H and describe the outcome in OUT. */
static void run_op(Heap *h, const char *op, StrBuf *out)
{
    char *copy = strdup(op);
    Reader r = {h, NULL};
    char *name = strtok_r(copy, " ", &r.save);
    if (strcmp(name, "call") == 0 || strcmp(name, "new") == 0) {
        run_call(&r, name, out);
    } else if (strcmp(name, "binop") == 0 || strcmp(name, "cmp") == 0) {
        char *o = tok(&r);
        Ref a = value(&r), b = value(&r);
        Ref res = name[0] == 'c' ? obj_richcompare(h, a, b, cmp_op(o))
                  : obj_binop(h, a, b, o[0] == 'a' ? OP_ADD : o[1] == 'u' ? OP_MUL : OP_MOD);
        describe(h, res, a, out);
        heap_decref(h, a);
        heap_decref(h, b);
    } else if (strcmp(name, "getitem") == 0 || strcmp(name, "contains") == 0) {
        Ref a = value(&r), b = value(&r);
        Ref res;
        if (name[0] == 'g') {
            res = obj_getitem(h, a, b);
        } else {
            int c = obj_contains(h, b, a);
            res = c < 0 ? NULLREF : heap_newref(h, c ? h->true_ : h->false_);
        }
        describe(h, res, a, out);
        heap_decref(h, a);
        heap_decref(h, b);
    } else {
        run_unary(&r, name, out);
    }
    free(copy);
}

/* True when the row applies to VERSION. */
static bool applies(const char *vers, const char *version)
{
    if (strcmp(vers, "*") == 0)
        return true;
    size_t n = strlen(version);
    for (const char *p = vers; *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, version, n) == 0)
            return true;
        p += len + (e ? 1 : 0);
    }
    return false;
}

/* Every row of the table gives CPython's answer under every version, and
 * the heap stays valid. */
START_TEST(test_differential)
{
    const char *version = versions[_i];
    Heap *h = heap_new(profile_find(version));
    int failures = 0;
    for (size_t i = 0; i < sizeof diff_cases / sizeof diff_cases[0]; i++) {
        const DiffCase *c = &diff_cases[i];
        if (!applies(c->vers, version))
            continue;
        StrBuf out = {0};
        run_op(h, c->op, &out);
        if (strcmp(strbuf_cstr(&out), c->expect) != 0 && failures++ < 10)
            fprintf(stderr, "[%s] %s\n  want %s\n  got  %s\n", version, c->op, c->expect,
                    strbuf_cstr(&out));
        strbuf_free(&out);
        ck_assert_uint_eq(h->exc, 0);
    }
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
    ck_assert_int_eq(failures, 0);
}
END_TEST

/* ---- caches, interning and refcounts ---- */

/* A heap for VERSION. */
static Heap *heap_for(const char *version)
{
    return heap_new(profile_find(version));
}

/* sys.getsizeof of the str with UTF-8 text S. */
static size_t str_size(Heap *h, const char *s)
{
    Ref r = str_from_cstr(h, s);
    size_t n = heap_ops(h, r)->sizeof_(h, r);
    heap_decref(h, r);
    return n;
}

/* Sizes of fresh strings of each layout, as sys.getsizeof prints them
 * (tests/corpus size_str_*.py). */
START_TEST(test_str_sizes)
{
    static const struct {
        const char *text;
        size_t s38, s312;
    } rows[] = {
        {"", 49, 41}, {"a", 50, 42}, {"hello", 54, 46},
        {"\xc3\xa9", 74, 61},               /* 'é': the static 3.12 singleton has UTF-8 */
        {"caf\xc3\xa9", 77, 61}, {"\xc3\xa9\xc3\xa9", 75, 59},
        {"\xe2\x82\xac", 76, 60}, {"\xe2\x82\xac\xe2\x82\xac", 78, 62},
        {"\xf0\x9f\x98\x80", 80, 64}, {"aaaaaaaaaa\xf0\x9f\x98\x80", 120, 104},
        {"abc\xce\x94\xce\x94\xce\x94", 86, 70},
    };
    Heap *a = heap_for("3.8"), *b = heap_for("3.12");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        ck_assert_uint_eq(str_size(a, rows[i].text), rows[i].s38);
        ck_assert_uint_eq(str_size(b, rows[i].text), rows[i].s312);
    }
    Ref big = str_repeat(a, a->latin1['a'], 1000);
    ck_assert_uint_eq(heap_ops(a, big)->sizeof_(a, big), 1049);
    heap_decref(a, big);
    Ref by = bytes_from(b, "hello", 5);
    ck_assert_uint_eq(heap_ops(b, by)->sizeof_(b, by), 38);
    heap_decref(b, by);
    heap_delete(a);
    heap_delete(b);
}
END_TEST

/* chr() below 256 and one-character decodes are the cached objects;
 * 3.8 creates the non-ASCII ones on first use, in obmalloc. */
START_TEST(test_latin1_cache)
{
    const char *version = versions[_i];
    Heap *h = heap_for(version);
    Ref y = str_from_cstr(h, "y");
    ck_assert_uint_eq(y, h->latin1['y']);
    uint64_t before = h->mem_bytes;
    Ref e1 = str_chr(h, 233);
    uint64_t after = h->mem_bytes;
    Ref e2 = str_chr(h, 233);
    ck_assert_uint_eq(e1, e2);
    ck_assert_uint_eq(h->mem_bytes, after);
    if (strcmp(version, "3.8") == 0)
        ck_assert_uint_eq(after - before, 74);
    else
        ck_assert_uint_eq(after, before);
    Ref x1 = str_chr(h, 0x20ac), x2 = str_chr(h, 0x20ac);
    ck_assert_uint_ne(x1, x2);              /* chr(8364) is not chr(8364) */
    Ref items[] = {y, e1, e2, x1, x2};
    for (size_t i = 0; i < 5; i++)
        heap_decref(h, items[i]);
    heap_delete(h);
}
END_TEST

/* Interned strings: mortal and uncounted in 3.8/3.11, immortal in 3.12,
 * mortal for sys.intern but immortal for names in 3.13. */
START_TEST(test_intern_refcounts)
{
    const char *version = versions[_i];
    Heap *h = heap_for(version);
    Ref s = str_intern(h, str_new_utf8(h, "spam_eggs", 9));
    Ref t = str_intern(h, str_new_utf8(h, "spam_eggs", 9));
    ck_assert_uint_eq(s, t);
    ck_assert(heap_obj(h, s)->flags & OF_INTERNED);
    bool immortal = strcmp(version, "3.12") == 0;
    ck_assert_int_eq(heap_refcnt(h, s), immortal ? 4294967295LL : 2);
    heap_decref(h, t);
    if (!immortal) {
        heap_decref(h, s);                  /* the last reference: leaves the set */
        Ref probe = str_new_utf8(h, "spam_eggs", 9);
        ck_assert_uint_eq(str_interned_lookup(h, probe), 0);
        heap_decref(h, probe);
    }
    Ref n = str_intern_name(h, str_new_utf8(h, "a_name", 6));
    bool name_immortal = strcmp(version, "3.12") == 0 || strcmp(version, "3.13") == 0;
    ck_assert_int_eq(heap_refcnt(h, n), name_immortal ? 4294967295LL : 1);
    heap_decref(h, n);
    StrBuf why = {0};
    ck_assert_msg(heap_validate(h, &why), "%s", strbuf_cstr(&why));
    strbuf_free(&why);
    heap_delete(h);
}
END_TEST

/* In 3.11/3.12 deep-frozen modules interned some one-letter names first,
 * so a constant 'a' is not the Latin-1 singleton there. */
START_TEST(test_intern_single_chars)
{
    static const struct { const char *version; bool a_is_singleton; } rows[] = {
        {"3.8", true}, {"3.11", false}, {"3.12", false}, {"3.13", true},
    };
    for (size_t i = 0; i < 4; i++) {
        Heap *h = heap_for(rows[i].version);
        Ref a = str_intern(h, str_from_cstr(h, "a"));
        Ref q = str_intern(h, str_from_cstr(h, "Q"));
        ck_assert_int_eq(a == h->latin1['a'], rows[i].a_is_singleton);
        ck_assert_uint_eq(q, h->latin1['Q']);
        heap_decref(h, a);
        heap_decref(h, q);
        heap_delete(h);
    }
}
END_TEST

/* Names looked up by C code are static: no simulated memory is used. */
START_TEST(test_intern_cstr_static)
{
    Heap *h = heap_for(versions[_i]);
    uint64_t before = h->mem_bytes;
    Ref a = str_intern_cstr(h, "__not_a_real_name__");
    Ref b = str_intern_cstr(h, "__not_a_real_name__");
    ck_assert_uint_eq(a, b);
    ck_assert_uint_eq(h->mem_bytes, before);
    ck_assert(heap_obj(h, a)->flags & OF_STATIC);
    heap_decref(h, a);
    heap_decref(h, b);
    ck_assert(str_is_identifier_like(h, h->latin1['_']));
    Ref sp = str_from_cstr(h, "not ident");
    ck_assert(!str_is_identifier_like(h, sp));
    heap_decref(h, sp);
    heap_delete(h);
}
END_TEST

/* Operations that change nothing return their operand (id_str_ops.py). */
START_TEST(test_unchanged_operands)
{
    Heap *h = heap_for(versions[_i]);
    Ref s = str_new_utf8(h, "spameggs", 8);
    Ref all = slice_new(h, 0, 0, 0);
    Ref r[6];
    r[0] = obj_getitem(h, s, all);
    r[1] = str_concat(h, s, h->empty_str);
    r[2] = str_concat(h, h->empty_str, s);
    r[3] = str_repeat(h, s, 1);
    r[4] = obj_str(h, s);
    r[5] = str_substring(h, s, 8, 8);
    for (int i = 0; i < 5; i++)
        ck_assert_uint_eq(r[i], s);
    ck_assert_uint_eq(r[5], h->empty_str);
    for (int i = 0; i < 6; i++)
        heap_decref(h, r[i]);
    heap_decref(h, all);
    heap_decref(h, s);
    heap_delete(h);
}
END_TEST

/* str iterators: the type by version, 48 bytes, tracked, and the string
 * released when exhausted. */
START_TEST(test_iterators)
{
    const char *version = versions[_i];
    Heap *h = heap_for(version);
    Ref s = str_new_utf8(h, "ab", 2);
    Ref it = obj_iter(h, s);
    ck_assert_str_eq(heap_type_name(h, it),
                     strcmp(version, "3.8") == 0 ? "str_iterator" : "str_ascii_iterator");
    ck_assert_uint_eq(heap_ops(h, it)->sizeof_(h, it), 48);
    ck_assert(gc_is_tracked(h, it));
    ck_assert_int_eq(heap_refcnt(h, s), 2);
    Ref c;
    int n = 0;
    while ((c = obj_next(h, it)) != 0) {
        ck_assert_uint_eq(c, h->latin1[n ? 'b' : 'a']);
        heap_decref(h, c);
        n++;
    }
    ck_assert_int_eq(n, 2);
    ck_assert_int_eq(heap_refcnt(h, s), 1);
    heap_decref(h, it);
    Ref e = str_from_cstr(h, "\xc3\xa9\xe2\x82\xac");
    it = obj_iter(h, e);
    ck_assert_str_eq(heap_type_name(h, it), "str_iterator");
    heap_decref(h, it);
    Ref b = bytes_from(h, "xy", 2);
    it = obj_iter(h, b);
    ck_assert_str_eq(heap_type_name(h, it), "bytes_iterator");
    heap_decref(h, it);
    heap_decref(h, b);
    heap_decref(h, e);
    heap_decref(h, s);
    heap_delete(h);
}
END_TEST

/* One-byte bytes and b'' are cached; bytes(1) and b'ab' * 0 are not. */
START_TEST(test_bytes_cache)
{
    Heap *h = heap_for(versions[_i]);
    Ref a = bytes_from(h, "a", 1), b = bytes_from(h, "a", 1);
    ck_assert_uint_eq(a, b);
    Ref z = bytes_new_zeroed(h, 1);
    ck_assert_uint_ne(z, h->bytes_chars[0]);
    Ref e = bytes_from(h, "", 0);
    ck_assert_uint_eq(e, h->empty_bytes);
    Ref items[] = {a, b, z, e};
    for (size_t i = 0; i < 4; i++)
        heap_decref(h, items[i]);
    heap_delete(h);
}
END_TEST

/* "%s" % s, "{}".format(s) and f"{s}"-style joins of one piece return s
 * itself (the readonly _PyUnicodeWriter); anything around it copies. */
START_TEST(test_writer_identity)
{
    Heap *h = heap_for(versions[_i]);
    Ref s = str_new_utf8(h, "spam", 4);
    Ref pct = str_from_cstr(h, "%s"), brace = str_from_cstr(h, "{}");
    Ref around = str_from_cstr(h, "<{}>");
    Ref r1 = str_mod(h, pct, s);
    Ref r2 = str_format_call(h, brace, &s, 1, NULLREF);
    Ref r3 = str_join_array(h, h->empty_str, &s, 1);
    Ref r4 = str_format_call(h, around, &s, 1, NULLREF);
    ck_assert_uint_eq(r1, s);
    ck_assert_uint_eq(r2, s);
    ck_assert_uint_eq(r3, s);
    ck_assert_uint_ne(r4, s);
    ck_assert(str_eq_cstr(h, r4, "<spam>"));
    Ref items[] = {r1, r2, r3, r4, around, brace, pct, s};
    for (size_t i = 0; i < 8; i++)
        heap_decref(h, items[i]);
    heap_delete(h);
}
END_TEST

/* chr() of any object: the argument conversion messages of each version. */
START_TEST(test_chr_arguments)
{
    static const struct { const char *version, *big, *flt; } rows[] = {
        {"3.8", "E OverflowError: Python int too large to convert to C int",
         "E TypeError: integer argument expected, got float"},
        {"3.12", "E OverflowError: Python int too large to convert to C int",
         "E TypeError: 'float' object cannot be interpreted as an integer"},
        {"3.13", "E ValueError: chr() arg not in range(0x110000)",
         "E TypeError: 'float' object cannot be interpreted as an integer"},
    };
    for (size_t i = 0; i < 3; i++) {
        Heap *h = heap_for(rows[i].version);
        Ref big = int_from_i64(h, (int64_t)1 << 40), f = float_from_double(h, 1.5);
        StrBuf out = {0};
        describe(h, str_chr_obj(h, big), 0, &out);
        ck_assert_str_eq(strbuf_cstr(&out), rows[i].big);
        strbuf_reset(&out);
        describe(h, str_chr_obj(h, f), 0, &out);
        ck_assert_str_eq(strbuf_cstr(&out), rows[i].flt);
        strbuf_free(&out);
        heap_decref(h, big);
        heap_decref(h, f);
        heap_delete(h);
    }
}
END_TEST

/* A huge repetition raises MemoryError before using host memory. */
START_TEST(test_memory_error)
{
    Heap *h = heap_for("3.12");
    Ref r = str_repeat(h, h->latin1['a'], (int64_t)1 << 40);
    ck_assert_uint_eq(r, 0);
    ck_assert(heap_exc_matches(h, EXC_MemoryError));
    heap_clear_exc(h);
    heap_delete(h);
}
END_TEST

/* Spot checks of the generated Unicode tables against str methods. */
START_TEST(test_unicode_tables)
{
    uint32_t out[3];
    ck_assert_int_eq(uni_case(0xdf, UNI_TO_UPPER, out), 2);
    ck_assert_uint_eq(out[0], 'S');
    ck_assert_int_eq(uni_case(0x130, UNI_TO_LOWER, out), 2);
    ck_assert_uint_eq(out[1], 0x307);
    ck_assert_int_eq(uni_case(0x1c5, UNI_TO_TITLE, out), 1);
    ck_assert_uint_eq(out[0], 0x1c5);
    ck_assert(uni_is(0x663, UNI_DECIMAL));
    ck_assert(uni_is(0xbd, UNI_NUMERIC) && !uni_is(0xbd, UNI_DIGIT));
    ck_assert(uni_is(0x3000, UNI_SPACE));
    ck_assert(!uni_is(0xad, UNI_PRINTABLE) && uni_is(0xe9, UNI_PRINTABLE));
    ck_assert(uni_is(0x1f600, UNI_PRINTABLE));
    ck_assert(uni_is_linebreak(0x2028) && !uni_is_linebreak(0x9));
}
END_TEST

Suite *suite_strings(void)
{
    Suite *s = suite_create("strings");
    TCase *diff = tcase_create("Differential");
    tcase_set_timeout(diff, 60);
    tcase_add_loop_test(diff, test_differential, 0, 4);
    suite_add_tcase(s, diff);
    TCase *core = tcase_create("Core");
    tcase_add_test(core, test_str_sizes);
    tcase_add_loop_test(core, test_latin1_cache, 0, 4);
    tcase_add_loop_test(core, test_intern_refcounts, 0, 4);
    tcase_add_test(core, test_intern_single_chars);
    tcase_add_loop_test(core, test_intern_cstr_static, 0, 4);
    tcase_add_loop_test(core, test_unchanged_operands, 0, 4);
    tcase_add_loop_test(core, test_iterators, 0, 4);
    tcase_add_loop_test(core, test_bytes_cache, 0, 4);
    tcase_add_test(core, test_unicode_tables);
    tcase_add_loop_test(core, test_writer_identity, 0, 4);
    tcase_add_test(core, test_chr_arguments);
    suite_add_tcase(s, core);
    TCase *limits = tcase_create("Limits");
    tcase_add_test(limits, test_memory_error);
    suite_add_tcase(s, limits);
    return s;
}
