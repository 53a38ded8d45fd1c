/* Snapshots: the whole simulated state of a session as JSON (for graders,
 * through Jansson) or as text (for a person).  Building a snapshot never
 * changes the heap: reprs are formatted from the payloads in C, never by
 * running obj_repr or Python code.  doc/snapshot-format.md is the schema. */
#ifndef HS_SNAPSHOT_H
#define HS_SNAPSHOT_H

#include <jansson.h>
#include <stdio.h>

#include "session/session.h"
#include "snapshot/inspect.h"

/* Version of the JSON layout; bump it when a field changes meaning. */
#define SNAPSHOT_FORMAT 1

/* Longest repr kept in a snapshot, in bytes, before "..." is appended. */
#define SNAPSHOT_REPR_MAX INSPECT_REPR_MAX

/* Build the snapshot of session S (a new reference).  Keys and objects
 * come in a fixed order, so the same state always gives the same bytes. */
json_t *snapshot_build(Session *s);
/* Write S's snapshot as indented JSON plus a newline to F. */
void snapshot_write_json(Session *s, FILE *f);
/* Write S's snapshot as one line of JSON (JSON Lines) to F. */
void snapshot_write_jsonl(Session *s, FILE *f);
/* Write S's snapshot laid out for a person to F. */
void snapshot_write_text(Session *s, FILE *f);

#endif
