/* An object's memory as CPython lays it out, for the Object pane: the
 * main block (pre-header, GC header, the C struct, 3.13's inline values)
 * and each separately allocated part (a list's item array, a dict's keys
 * object and values, a set's big table), field by field with offsets and
 * the simulation's real values.  The result is a list of rows that the
 * pane draws as boxes; it holds text only, so it is independent of the
 * canvas and cheap to throw away after each draw. */
#ifndef HS_LAYOUT_H
#define HS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/heap.h"

/* Rows of items (list/tuple items, dict entries, digits...) drawn per
 * array before the rest is summed up as "... N more". */
#define LAYOUT_MAX_ITEMS 32

typedef enum LayoutRowKind {
    LAYOUT_CAPTION,   /* a line above a separate block: what it is and where it lives */
    LAYOUT_SECTION,   /* the top edge of a struct in the current block, with a title */
    LAYOUT_FIELD,     /* one field: offset, C name, value */
    LAYOUT_END,       /* the bottom edge of the current block, at offset OFF */
} LayoutRowKind;

/* One row of a drawn layout. */
typedef struct LayoutRow {
    LayoutRowKind kind;
    bool has_off;         /* OFF is meaningful (summaries have no offset) */
    bool pointer;         /* the value is an address: drawn after an arrow */
    bool dim;             /* unused memory, or a value the simulation lacks */
    int64_t off;          /* from the object's address (its main block) or the block's start */
    uint32_t size;        /* the field's bytes */
    uint64_t target;      /* the object the field refers to (selectable), or 0 */
    char name[40];        /* the C name ("ob_item", "[3]", "me_key") */
    char text[120];       /* the value; a section's title; a caption */
} LayoutRow;

typedef struct Layout {
    LayoutRow *rows;
    size_t n, cap;
} Layout;

/* Lay object R out into OUT (appending): its main block, then its
 * separately allocated parts.  Reads the heap only. */
void layout_object(Heap *h, Ref r, Layout *out);
/* Release OUT's rows. */
void layout_free(Layout *out);

#endif
