/* Run every unit-test suite. */
#include <stdlib.h>

#include "check_suites.h"

int main(void)
{
    SRunner *sr = srunner_create(suite_heap());
    srunner_add_suite(sr, suite_obmalloc());
    srunner_add_suite(sr, suite_parser());
    srunner_add_suite(sr, suite_numbers());
    srunner_add_suite(sr, suite_strings());
    srunner_add_suite(sr, suite_sequences());
    srunner_add_suite(sr, suite_mappings());
    srunner_add_suite(sr, suite_compile());
    srunner_add_suite(sr, suite_instances());
    srunner_add_suite(sr, suite_weakrefs());
    srunner_add_suite(sr, suite_gc());
    srunner_add_suite(sr, suite_memory());
    srunner_add_suite(sr, suite_console());
    srunner_add_suite(sr, suite_clone());
    srunner_add_suite(sr, suite_repl());
    srunner_add_suite(sr, suite_timeline());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
