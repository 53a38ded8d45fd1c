/* Functions, code objects, cells, bound methods, builtin functions and
 * modules: the objects the VM creates to run code. */
#ifndef HS_FUNCOBJECT_H
#define HS_FUNCOBJECT_H

#include "sim/heap.h"

typedef struct CodeData {
    Ref consts;      /* tuple: co_consts (owns the constants) */
    Ref names;       /* tuple of str: co_names */
    Ref varnames;    /* tuple of str: locals, arguments first */
    Ref cellvars;    /* tuple of str */
    Ref freevars;    /* tuple of str */
    Ref name;        /* str: co_name */
    Ref qualname;    /* str: co_qualname */
    Ref filename;    /* str */
    int argcount, kwonlyargcount;
    int flags;       /* CO_VARARGS, CO_VARKEYWORDS, ... */
    int firstlineno;
    void *body;      /* the compiled instructions (owned by the compiler) */
    void (*body_free)(void *body);
    void *(*body_copy)(const void *body); /* a deep copy of BODY (heap_clone) */
    size_t size;     /* sys.getsizeof */
} CodeData;

enum { CO_VARARGS = 0x4, CO_VARKEYWORDS = 0x8, CO_NESTED = 0x10 };

typedef struct FuncData {
    Ref code, globals, builtins, name, qualname, module, doc;
    Ref defaults;    /* tuple or 0 */
    Ref kwdefaults;  /* dict or 0 */
    Ref closure;     /* tuple of cells or 0 */
    Ref dict;        /* __dict__ or 0 */
} FuncData;

typedef struct MethodData {
    Ref func;        /* __func__ */
    Ref self;        /* __self__ */
} MethodData;

typedef struct BuiltinData {
    const MethodDef *def;
    Ref self;        /* bound object, or 0 */
    Ref module;      /* module name str, or 0 */
    Ref objclass;    /* unbound method descriptor of this type (list.append), or 0 */
} BuiltinData;

typedef struct ModuleData {
    Ref name;        /* str */
    Ref dict;        /* the module's namespace */
} ModuleData;

/* A new code object; takes references to the given tuples and strings. */
Ref code_new(Heap *h, const CodeData *init);
/* The CodeData of code object C. */
static inline CodeData *code_data(const Heap *h, Ref c) { return (CodeData *)h->objs[c].v.p; }

/* A new function for CODE in GLOBALS (MAKE_FUNCTION). */
Ref func_new(Heap *h, Ref code, Ref globals, Ref builtins, Ref qualname);
/* The FuncData of function F. */
static inline FuncData *func_data(const Heap *h, Ref f) { return (FuncData *)h->objs[f].v.p; }

/* A new cell holding VALUE (borrowed; may be 0). */
Ref cell_new(Heap *h, Ref value);
/* The content of cell C (borrowed; 0 when empty). */
static inline Ref cell_get(const Heap *h, Ref c) { return (Ref)h->objs[c].v.u; }
/* Store VALUE (borrowed; may be 0) in cell C. */
void cell_set(Heap *h, Ref c, Ref value);

/* A new bound method of FUNC to SELF. */
Ref method_new(Heap *h, Ref func, Ref self);
/* The MethodData of bound method M. */
static inline MethodData *method_data(const Heap *h, Ref m) { return (MethodData *)h->objs[m].v.p; }

/* A new builtin function object for DEF, bound to SELF (borrowed, may be 0). */
Ref builtin_new(Heap *h, const MethodDef *def, Ref self, Ref module);
/* An unbound method descriptor: `list.append`, called with self first. */
Ref builtin_new_descriptor(Heap *h, const MethodDef *def, Ref type);
/* The static (never freed, immortal in 3.12+) method descriptor of DEF
 * for static type TYPE, made on first use, one per MethodDef: what
 * LOAD_METHOD pushes for a builtin's method (BORROWED). */
Ref builtin_static_descriptor(Heap *h, const MethodDef *def, Ref type);
/* heap_clone: copy SRC's table of static method descriptors into DST. */
void builtin_static_descriptors_clone(const Heap *src, Heap *dst);
/* The BuiltinData of builtin B. */
static inline BuiltinData *builtin_data(const Heap *h, Ref b) { return (BuiltinData *)h->objs[b].v.p; }

/* A new module named NAME with a fresh namespace dict. */
Ref module_new(Heap *h, const char *name);
/* The ModuleData of module M. */
static inline ModuleData *module_data(const Heap *h, Ref m) { return (ModuleData *)h->objs[m].v.p; }

extern const TypeOps function_ops, code_ops, cell_ops, method_ops,
    builtin_ops, module_ops;

#endif
