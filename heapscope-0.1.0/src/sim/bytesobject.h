/* bytes objects (CPython's PyBytesObject).
 *
 * One simulated block of bytes_header + n (ob_sval keeps a trailing NUL
 * that the header size already counts).  b'' and the 256 one-byte objects
 * are cached singletons: static from 3.11, created on first use in 3.8
 * (CPython's characters[] and nullstring). */
#ifndef HS_BYTESOBJECT_H
#define HS_BYTESOBJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/heap.h"

/* The payload of a K_BYTES object. */
typedef struct BytesData {
    size_t n;            /* ob_size */
    int64_t hash;        /* ob_shash, valid when hashed */
    bool hashed;
    unsigned char data[];/* n bytes and a NUL */
} BytesData;

/* The BytesData of bytes B. */
static inline BytesData *bytes_data_of(const Heap *h, Ref b) { return (BytesData *)h->objs[b].v.p; }

/* Create b'' and the one-byte caches (heap startup). */
Ref bytes_new_static_empty(Heap *h);
/* PyBytes_FromStringAndSize(data, n): b'' and one-byte values are cached. */
Ref bytes_from(Heap *h, const void *data, size_t n);
/* A new bytes of N zero bytes that never comes from the one-byte cache
 * (PyBytes_FromStringAndSize(NULL, n); b'' is still the singleton). */
Ref bytes_new_zeroed(Heap *h, size_t n);
/* The bytes of B and their count in *N (when given). */
const unsigned char *bytes_data(const Heap *h, Ref b, size_t *n);
/* True when R is a bytes object. */
static inline bool bytes_check(const Heap *h, Ref r) { return h->objs[r].kind == K_BYTES; }
/* Append repr(b) (b'...') to BUF. */
void bytes_repr_into(const Heap *h, Ref b, StrBuf *buf);
/* A new bytes_iterator over B. */
Ref bytes_iter(Heap *h, Ref b);

extern const TypeOps bytes_ops;

#endif
