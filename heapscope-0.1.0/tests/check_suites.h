/* Every Check suite of the unit tests, one per module. */
#ifndef HS_CHECK_SUITES_H
#define HS_CHECK_SUITES_H

#include <check.h>

Suite *suite_obmalloc(void);
Suite *suite_parser(void);
Suite *suite_numbers(void);
Suite *suite_strings(void);
Suite *suite_sequences(void);
Suite *suite_mappings(void);
Suite *suite_compile(void);
Suite *suite_heap(void);
Suite *suite_instances(void);
Suite *suite_weakrefs(void);
Suite *suite_gc(void);
Suite *suite_memory(void);
Suite *suite_console(void);
Suite *suite_clone(void);
Suite *suite_repl(void);
Suite *suite_timeline(void);

#endif
