/* The CPython version being modelled.
 *
 * Everything that differs between the versions heapscope models lives in
 * one Profile table per version (profile.c), never in `if (version ...)`
 * chains elsewhere: sizes, growth rules, instance layout, allocator shape,
 * GC thresholds, immortality and interpreter behaviour that changes what a
 * script can observe. */
#ifndef HS_PROFILE_H
#define HS_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "sim/obmalloc.h"

/* How list_resize() picks the new allocation. */
typedef enum ListGrowth {
    LIST_GROWTH_38,   /* n + (n >> 3) + (n < 9 ? 3 : 6) */
    LIST_GROWTH_39,   /* (n + (n >> 3) + 6) & ~3, with the jump rule */
} ListGrowth;

typedef struct Profile {
    const char *name;          /* "3.12" */
    int version;               /* 0x030c for 3.12 */
    const char *full_version;  /* sys.version's first word, e.g. "3.12.1" */

    /* obmalloc */
    ObmallocConfig obmalloc;   /* arena/pool sizes and the allocator's rules */

    /* object header words */
    size_t gc_head_size;       /* PyGC_Head in front of GC objects */
    size_t preheader_size;     /* managed dict/weakref words in front of instances (3.11+) */

    /* refcounts */
    int immortal;              /* 3.12+: singletons and small ints are immortal */
    int64_t immortal_refcnt;   /* what sys.getrefcount() reports for them */
    int64_t static_refcnt;     /* starting refcount of static objects when not immortal */
    int intern_immortal;       /* interned strings are immortal (3.12 only) */
    int runtime_intern_mortal; /* sys.intern() of a runtime string stays mortal (3.13) */

    /* sizes (what sys.getsizeof reports, GC header included) */
    size_t none_size, float_size, complex_size;
    size_t int_base;           /* ob_size header before the 30-bit digits */
    int int_min_digits;        /* 0 in 3.8 (int 0 has no digit), 1 from 3.11 */
    size_t bool_false_size, bool_true_size;
    size_t str_ascii_header;   /* compact ASCII header, NUL not included */
    size_t str_compact_header; /* compact non-ASCII header */
    size_t bytes_header;       /* PyBytesObject up to ob_sval, NUL included */
    size_t tuple_base;         /* GC header included */
    size_t list_base;          /* GC header included, item array excluded */
    size_t dict_base;          /* GC header included, tables excluded */
    size_t dictkeys_header;    /* PyDictKeysObject without indices and entries */
    size_t dict_entry_size;    /* general entry */
    size_t dict_unicode_entry_size; /* entry of an all-str table (3.11+: 16) */
    size_t set_base;           /* GC header and small table included */
    size_t range_size;
    size_t function_size;
    size_t cell_size;
    size_t method_size;        /* bound method */
    size_t builtin_method_size;
    size_t weakref_size;
    size_t code_size;
    size_t instance_size;      /* plain instance, header words included */
    int inline_values;         /* 3.11+: attributes live in the instance until
                                  __dict__ is asked for */
    size_t slotted_base;       /* instance with __slots__, before 8 bytes a slot */
    size_t iter_size;          /* list/tuple iterators */
    size_t range_iter_size;
    size_t type_size;          /* a class object */
    /* instances and classes (typeobject.c) -- inline_values above means the
       instance dict is "managed" (a pre-header word, Py_TPFLAGS_MANAGED_DICT) */
    int managed_weakref;       /* 3.12+: __weakref__ lives in the pre-header too
                                  (Py_TPFLAGS_MANAGED_WEAKREF) */
    size_t heaptype_basicsize; /* type.__basicsize__ = sizeof(PyHeapTypeObject) */
    size_t static_type_size;   /* sys.getsizeof(int): sizeof(PyTypeObject) */
    int attr_error_bare_name;  /* 3.8: reading an unset slot and deleting a missing
                                  instance attribute raise AttributeError(name) */
    const char *msg_no_dict_suffix; /* 3.13: " and no __dict__ for setting new
                                  attributes" after "'P' object has no attribute 'z'" */
    const char *msg_weakref_slot;   /* TypeError of a second "__weakref__" slot */
    int dict_merge_clone_split;/* 3.11/3.12: d.update(clean dict) clones the keys even
                                  into an empty split (instance) dict; 3.13 only
                                  into a combined one */
    int inst_getdict_shared;   /* 3.12+: obj.__dict__ with neither dict nor values
                                  makes a split dict over the class's keys (3.11:
                                  PyDict_New) */
    size_t exception_size;     /* BaseException instance */

    /* growth */
    ListGrowth list_growth;
    int list_prealloc_even;    /* list_preallocate_exact rounds up to even (3.11+) */
    int list_literal_extend;   /* [c1, c2, c3...] of >=3 constants is built by LIST_EXTEND */

    /* free lists (0 = none) */
    int freelist_list, freelist_dict, freelist_float;
    int freelist_tuple_maxsize;   /* tuple lengths 1..maxsize-1 have free lists */
    int freelist_tuple_count;     /* entries kept per length */

    /* interpreter */
    int small_int_min, small_int_max;
    int recursion_limit;
    int gc_threshold[3];
    int gc_frame_objects;      /* gc.c: 3.8 frames are GC objects: a code object's first call
                                  allocates its (zombie) frame, +1 on gen0's count */
    int gc_collect_at_alloc;   /* gc.c: 3.8/3.11 collect inside the allocation (the generation
                                  is chosen then; we run it at the next instruction boundary) */
    int gc_check_garbage;      /* gc.c: 3.8 check_garbage (any resurrection keeps the whole
                                  unreachable set) rather than handle_resurrected_objects */
    int call_errors_qualname;  /* 3.10+: "A.f() missing ..." rather than "f() ..." */
    const char *msg_local_unbound;    /* UnboundLocalError text, %s = name */
    const char *msg_free_var_unbound; /* NameError text for an empty free cell */
    const char *msg_recursion;        /* RecursionError text */
    const char *msg_recursion_c;      /* its suffix for calls from C ("" or " while calling a Python object") */
    int suggest_style;         /* SuggestStyle: "Did you mean" in tracebacks (3.10+) */
    int exc_name_obj;          /* 3.10+: AttributeError/NameError carry .name (and .obj) */
    int64_t none_hash_constant;  /* hash(None) when constant (3.12+), else 0 */
    int print_args_tuple;      /* 3.11+: print() packs its positional args in a tuple */
    int types_vectorcall;      /* 3.9+: builtin types are called without an args tuple */
    int sum_compensated;       /* 3.12+: sum() of floats uses Neumaier compensation */
    int exc_name_with_main;    /* 3.8: an uncaught __main__.E prints as "__main__.E" */
    int call_moves_args;       /* 3.11+: a Python call moves the caller's argument
                                  references into the callee frame (no copy) */

    /* numbers (intobject.c, floatobject.c, complexobject.c, format.c) */
    int int_max_str_digits;          /* int<->str digit limit (4300; 3.8.18 has it too) */
    const char *int_limit_unit;      /* "" (3.8: "limit (4300)") or " digits" */
    int int_cache_all_results;       /* 0 in 3.8: x_add/x_sub results, x_divrem
                                        remainders and PyLong_FromDouble skip the
                                        small-int cache */
    const char *zdiv_int_mod;        /* ZeroDivisionError text of int % 0 */
    const char *zdiv_float_floordiv; /* ... of float // 0 */
    const char *zdiv_float_mod;      /* ... of float % 0 */
    int complex_floor_slots;         /* 3.8: complex //, %, divmod, int(), float()
                                        raise complex-specific TypeErrors */
    int hash_nan_by_id;              /* 3.10+: hash(nan) is the object's pointer hash */
    const char *real_number;         /* "number" / "real number" in int()/float() errors */
    int fmt_z_option;                /* 3.11+: 'z' in format specs (PEP 682) */
    int fmt_zero_keeps_align;        /* 3.10+: '0' forces '=' only for numbers */
    int fmt_invalid_spec_detail;     /* 3.11+: "Invalid format specifier 'x' for object of type 't'" */
    int method_qualname_errors;      /* 3.10+: "int.bit_length() takes no arguments" */
    int clinic_kw_errors_313;        /* 3.13: "int() got an unexpected keyword argument 'x'",
                                        "int expected at most 2 arguments, got 3" */
    int int_to_bytes_defaults;       /* 3.11+: to_bytes(length=1, byteorder='big') */
    int int_bit_count;               /* 3.10+: int.bit_count() exists */
    int int_is_integer;              /* 3.12+: int.is_integer() exists */
    int fmt_space_not_allowed;       /* 3.11+: "Space not allowed in string format specifier" */
    const char *pow3_op_name;        /* TypeError of pow(a, b, m): "pow()" (3.8) / "** or pow()" */
    size_t int_medium_size;          /* 3.11+: _PyLong_FromMedium's request for one-digit
                                        results (sizeof(PyLongObject) = 32), and the
                                        compact fast paths of shifts and bitwise ops;
                                        0 in 3.8 (_PyLong_New everywhere) */
    int int_limit_before_garbage;    /* 3.8/3.11: int('1'*5000 + 'x') reports the digit
                                        limit rather than the invalid literal */

    /* str and bytes (strobject.c, bytesobject.c) */
    int hash_siphash13;              /* 3.11+: str/bytes hashes use SipHash-1-3, else 2-4 */
    int latin1_lazy;                 /* 3.8: non-ASCII one-character str/bytes are made on
                                        first use (obmalloc blocks), not static */
    int latin1_utf8;                 /* 3.12+: static Latin-1 characters >= 0x80 carry a
                                        UTF-8 copy that sys.getsizeof counts */
    const char *interned_distinct_chars; /* one-character names interned at startup as
                                        separate static str (deep-frozen modules, 3.11,
                                        3.12): such literals are not the singletons */
    int str_index_msg_type;          /* 3.11+: "string indices must be integers, not 'str'" */
    int str_find_clinic;             /* 3.13: find/count/index/startswith/... and replace
                                        parse their arguments with Argument Clinic */
    int int_arg_legacy_msg;          /* 3.8: "an integer is required (got type str)" */
    int splitlines_bool_arg;         /* 3.12+: splitlines(keepends) takes any object */
    int chr_overflow_valueerror;     /* 3.13: chr(huge) raises ValueError */
    int str_removeprefix;            /* 3.9+: str.removeprefix/removesuffix exist */
    int str_ascii_iterator;          /* 3.11+: iter() of an ASCII str is a str_ascii_iterator */
    int str_new_argnames;            /* 3.10+: str()/bytes() name bad arguments
                                        ("argument 'encoding'", not "argument 2") */
    int split_prealloc_from_len;     /* 3.12+: split()/rsplit() without maxsplit size the
                                        result list from the string's length, not 12 */
    int pct_c_overflow;              /* 3.11+: '%c' % huge_int raises OverflowError
                                        (before: TypeError "%c requires int or char") */

    /* dicts and sets (dictobject.c, setobject.c) */
    int dict_unicode_keys;           /* 3.11+: str-only tables have 16-byte entries; a
                                        non-str key forces a resize to a general table */
    int dict_log2_quirk;             /* 3.11+: calculate_log2_keysize() maps 1..7 to 16
                                        and a power of two >= 16 to its double */
    int dict_new_min_keys;           /* 3.8: dict() allocates an 8-slot keys object */
    int dict_merge_clone;            /* 3.11+: merging a clean dict into an empty one
                                        clones its keys object */
    int dict_vectorcall;             /* 3.9+: dict(a=1) stores keywords directly (3.8
                                        merges a presized temporary kwargs dict) */
    int dict_or_operator;            /* 3.9+: dict | dict, dict |= other (PEP 584) */
    int dict_keys_freelist_unicode;  /* 3.11+: only str-only 8-slot keys objects go to
                                        the keys free list (3.8: every 8-slot one) */
    int dict_shared_keys_max;        /* 3.11+: 30 (SHARED_KEYS_MAX_SIZE); 0 = 3.8's
                                        growable 8-slot shared keys */
    int dict_values_inline;          /* 3.13: instance values live inside the instance */
    int frozenset_empty_singleton;   /* 3.8: frozenset() is a singleton */
    int dictview_set_fast;           /* 3.11+: keys-view set ops start from set(dict) and
                                        view & x is _PyDictView_Intersect (3.8: set(view)
                                        then the set method) */

    /* sequences and iterators (tupleobject.c, listobject.c, rangeobject.c,
       sliceobject.c, iterobject.c) */
    int tuple_freelist_push_max;     /* longest tuple dealloc puts on a free list (3.8: 19, else 20) */
    int tuple_freelist_pop_max;      /* longest tuple taken from a free list (3.13: 20, else 19;
                                        3.11/3.12 park dead 20-tuples there for good) */
    int tuple_resize_empty_singleton;/* 3.9+: shrinking a tuple to 0 items gives (); 3.8 keeps
                                        a separate empty tuple (tuple(x for x in []) is not ()) */
    int list_prealloc_on_extend;     /* 3.9+: extend() of a list with no array preallocates exactly
                                        (list(x), x literal extend); 3.8: only list(x), from len(x) */
    int list_extend_resize_containers; /* 3.13: extend from set/frozenset/dict/dict views uses
                                        list_resize(m + n) instead of the exact preallocation */
    int list_pop_clears;             /* 3.12+: pop() of the only item frees the array; pop(i)
                                        memmoves and resizes instead of deleting a slice */
    int list_delitem_keeps_array;    /* 3.13: del l[i] never shrinks the item array */
    int listreviter_keeps_seq;       /* 3.13: an exhausted reversed(list) keeps its list */
    int index_exact_int;             /* 3.10+: operator.index() returns an exact int:
                                        range(True) is range(0, 1), 3.8 range(0, True) */
    int range_length_fast;           /* 3.12+: a range's length is computed in C longs, 3.8/3.11
                                        go through four temporary int objects */
    const char *range_noarg_msg;     /* TypeError of range() */
    int slice_hashable;              /* 3.12+: slices are hashable */
    int zip_strict;                  /* 3.10+: zip(..., strict=True) */
    size_t enumerate_size, zip_size; /* sys.getsizeof(enumerate(x)), sys.getsizeof(zip(x)) */
    int clinic_missing_pos;          /* 3.8: "missing required argument 'x' (pos 1)" */
    int sort_reverse_truth;          /* 3.12+: list.sort(reverse=x) accepts any object */
    const char *list_assign_iter_msg;/* TypeError of l[i:j] = 5 */
    int contains_needle_left;        /* 3.8: `x in seq` compares x == item (bpo-37648 swapped it) */
    int sort_equal_descending_runs;  /* 3.13: list.sort's count_run also takes descending runs
                                        with equal items (gh-116554): other comparisons */
    /* compiler (lang/compile.c) */
    int inline_comprehensions;       /* 3.12+: list/set/dict comprehensions are inlined
                                        into their scope (PEP 709): no function, no frame */
    int qualname_in_consts;          /* 3.8: MAKE_FUNCTION pops __qualname__ from a
                                        co_consts string; 3.11+: it is code.co_qualname */
    int stack_use_guideline;         /* 3.10+: 30 -- longer displays, dicts and calls are
                                        built incrementally (BUILD_LIST 0 + LIST_APPEND...);
                                        0 = no limit (3.8) */
    int comp_single_item_fastpath;   /* 3.9+: `for y in [expr]` as an inner comprehension
                                        loop is compiled as the assignment y = expr */
    int cellvars_args_first;         /* 3.11+: co_cellvars lists cells that are arguments
                                        first (argument order), then the others sorted */
    int remove_unused_consts;        /* 3.12+: co_consts drops constants no instruction
                                        loads (the items of folded default tuples) */
    int class_firstlineno;           /* 3.13: class bodies store __firstlineno__ */
    int class_static_attributes;     /* 3.13: class bodies store __static_attributes__ */
    int unpack_tuple_runs;           /* 3.8: [*a, x, y] packs x, y into a tuple and extends
                                        (BUILD_LIST_UNPACK); f(**k) passes k itself */
    int finally_first;               /* 3.8 compiles a finally body before the try body
                                        (its names and constants come first) */
    int assert_loads_global;         /* 3.8: assert raises the global AssertionError
                                        (LOAD_GLOBAL); 3.9+ LOAD_ASSERTION_ERROR */
    int try_else_after_handlers;     /* 3.8 compiles `else:` of try after the handlers */
    int optimize_percent_format;     /* 3.11+: 'fmt %s %r' % (a, b) with simple units is
                                        compiled as an f-string (no tuple is built) */
    int const_test_in_consts;        /* 3.11+: `while True:` / `if 0:` keep their test
                                        constant in co_consts */
    int fold_empty_tuple;            /* 3.11+: BUILD_TUPLE 0 becomes LOAD_CONST () */
    int empty_fstring_const;         /* 3.13: an empty f-string part is LOAD_CONST '' (before:
                                        BUILD_STRING 0) */
    const char *msg_is_literal;      /* SyntaxWarning for `x is 1` (%s: the literal's type) */
    const char *msg_is_not_literal;  /* ... for `x is not 1` */

    /* weakrefs (weakrefobject.c) */
    const char *weakref_ref_name;    /* tp_name of weakref.ref: "weakref" (3.8),
                                        "weakref.ReferenceType" */
    const char *weakref_proxy_name;  /* "weakproxy" (3.8), "weakref.ProxyType" */
    const char *weakref_callable_proxy_name; /* "weakcallableproxy" (3.8),
                                        "weakref.CallableProxyType" */
    const char *msg_weakref_call_args; /* TypeError of r(1) (%zu: the count) */
    const char *msg_weakproxy_not_iterator; /* TypeError of next(proxy) when the referent
                                        is no iterator (%s: its type); 3.8 reaches
                                        _PyObject_NextNotImplemented */
    int weakref_repr_name_special;   /* 3.11+: repr(ref)'s " (name)" comes from the
                                        referent's type (_PyObject_LookupSpecial);
                                        3.8 asks the object itself */
    int weakproxy_repr_quoted;       /* 3.13: "<weakproxy at %p; to 'A' at %p>" and
                                        "<weakproxy at %p; dead>" (before: "to A at",
                                        a dead proxy shows NoneType) */
    int weakproxy_compare_incref;    /* 3.13: proxy comparisons hold references to
                                        the referents while they run */
    size_t weakdict_gen_size;        /* sys.getsizeof of WeakValueDictionary.keys() /
                                        values() generators */
    size_t weakdict_gen_items_size;  /* ... of .items() */
    size_t weakdict_gen_refs_size;   /* ... of .itervaluerefs() */

    /* the interactive prompt and tracebacks (ceval.c, session.c) */
    int repl_input_sources;          /* 3.13: the REPL keeps each input's text (compiled
                                        as "<stdin>-N", shown as "<stdin>"), so its
                                        tracebacks show source lines; before: none */
    int frame_holds_func;            /* 3.11+: a frame keeps its function (f_funcobj),
                                        so a traceback keeps the function alive */
    int tb_carets;                   /* TbCarets: the carets under traceback source lines */
    int unraisable_tb_carets;        /* TbCarets of the unraisable hook's tracebacks
                                        ("Exception ignored in"): always the C printer,
                                        which 3.13 made draw none */
    int script_path_absolute;        /* 3.9+: `python SCRIPT` names a relative SCRIPT as
                                        cwd + "/" + SCRIPT in tracebacks and SyntaxErrors */
    int assert_raise_at_test;        /* 3.11, 3.13: a failed assert's RAISE_VARARGS has its
                                        test's position (3.8/3.12: the statement's) */
    int get_iter_at_iterable;        /* 3.13: a for loop's GET_ITER has the iterable's
                                        position (before: the whole statement's) */

    /* C struct layouts that differ by version, for the viewer's memory
       drawings (src/tui/layout.c): field names in declaration order, with
       ":BYTES" when a field is not 8 bytes; offsets follow C's alignment */
    const char *layout_long;         /* PyLongObject before ob_digit */
    const char *layout_str_ascii;    /* PyASCIIObject after the PyObject header */
    const char *layout_str_compact;  /* what PyCompactUnicodeObject adds */
    const char *layout_str_state;    /* PyASCIIObject.state's bit fields, low bits first */
    const char *layout_dictkeys;     /* PyDictKeysObject before dk_indices */
    const char *layout_function;     /* PyFunctionObject after the header */
    const char *layout_weakref;      /* PyWeakReference after the header */
    const char *layout_preheader;    /* an instance's pre-header words, lowest address
                                        first ("" when there is none) */
    int layout_values;               /* ValuesLayout of a split table's values */
} Profile;

/* How a split table's values array is laid out (PyDictValues). */
typedef enum ValuesLayout {
    VALUES_ARRAY,    /* 3.8: PyObject *[n], ma_values points at its start */
    VALUES_PREFIX,   /* 3.11/3.12: insertion-order bytes, the count and the prefix's
                        size, then values[n]; the pointer is past the prefix */
    VALUES_HEADER,   /* 3.13: capacity, size, embedded, valid (a byte each), values[n],
                        then the insertion-order bytes */
} ValuesLayout;

/* How a traceback marks the failing expression under its source line. */
typedef enum TbCarets {
    TB_CARETS_NONE,                  /* 3.8: no carets */
    TB_CARETS_C,                     /* 3.11/3.12: the C printer's (anchors for binary
                                        operators and subscripts) */
    TB_CARETS_PY,                    /* 3.13: traceback.py's (also calls; none for
                                        `x = f(...)` / `return f(...)` lines) */
} TbCarets;

/* Return the profile for NAME ("3.8", "3.11", "3.12", "3.13"), or NULL. */
const Profile *profile_find(const char *name);
/* Return the default profile (3.12). */
const Profile *profile_default(void);
/* Return the comma-separated list of profile names, for messages. */
const char *profile_names(void);

#endif
