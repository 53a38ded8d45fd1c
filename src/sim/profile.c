/* One table per CPython version modelled.  Every number here was measured
 * with the real interpreter (see ../shared/FACTS.md and tests/corpus). */
#include "sim/profile.h"

#include <string.h>

/* Fields shared by every 64-bit profile, spelled out once. */
#define COMMON_64BIT                                                         \
    .gc_head_size = 16, .none_size = 16, .float_size = 24,                  \
    .complex_size = 32, .bytes_header = 33, .tuple_base = 40,               \
    .list_base = 56, .dict_base = 64, .set_base = 216, .range_size = 48,    \
    .cell_size = 40, .method_size = 64, .builtin_method_size = 72,          \
    .slotted_base = 32, .iter_size = 48, .bool_true_size = 28,              \
    .freelist_list = 80, .freelist_dict = 80, .freelist_float = 100,        \
    .freelist_tuple_maxsize = 20, .freelist_tuple_count = 2000,             \
    .small_int_min = -5, .small_int_max = 256, .recursion_limit = 1000

/* Error texts shared by 3.11 and later. */
#define MODERN_MESSAGES                                                      \
    .call_errors_qualname = 1, .exc_name_obj = 1,                           \
    .print_args_tuple = 1, .types_vectorcall = 1,                           \
    .msg_local_unbound =                                                    \
        "cannot access local variable '%s' where it is not associated with a value", \
    .msg_free_var_unbound =                                                 \
        "cannot access free variable '%s' where it is not associated with a value in enclosing scope", \
    .msg_recursion = "maximum recursion depth exceeded",                     \
    .msg_recursion_c = ""

static const Profile profile_38 = {
    .name = "3.8", .version = 0x0308, .full_version = "3.8.18",
    COMMON_64BIT,
    /* 256 KiB arenas, 4 KiB pools, no radix tree; every empty arena is
     * returned (the keep-the-last rule, bpo-37257, came in 3.9). */
    .obmalloc = {.arena_size = 256 << 10, .pool_size = 4 << 10, .initial_arenas = 16,
                 .release_last_free_arena = 1, .no_arena_map = 1},
    .preheader_size = 0,
    /* 3.8 singletons hold thousands of references from interpreter
     * internals heapscope does not simulate; they start from this base. */
    .immortal = 0, .immortal_refcnt = 0, .static_refcnt = 1000,
    .int_base = 24, .int_min_digits = 0,
    .bool_false_size = 24,
    .str_ascii_header = 48, .str_compact_header = 72,
    .dictkeys_header = 40, .dict_entry_size = 24, .dict_unicode_entry_size = 24,
    .function_size = 136, .weakref_size = 72, .code_size = 176,
    .instance_size = 48, .range_iter_size = 48, .type_size = 1064,
    .managed_weakref = 0, .heaptype_basicsize = 880, .static_type_size = 416,
    .attr_error_bare_name = 1, .dict_merge_clone_split = 0, .inst_getdict_shared = 0,
    .msg_weakref_slot =
        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
    .msg_no_dict_suffix = "",
    .exception_size = 80,
    .list_growth = LIST_GROWTH_38, .list_prealloc_even = 0, .list_literal_extend = 0,
    .gc_threshold = {700, 10, 10},
    .gc_check_garbage = 1,
    .gc_frame_objects = 1,
    .gc_collect_at_alloc = 1,
    .call_moves_args = 0,
    .call_errors_qualname = 0,
    .exc_name_with_main = 1,
    .msg_local_unbound = "local variable '%s' referenced before assignment",
    .msg_free_var_unbound = "free variable '%s' referenced before assignment in enclosing scope",
    .msg_recursion = "maximum recursion depth exceeded",
    .msg_recursion_c = " while calling a Python object",
    .int_max_str_digits = 4300, .int_limit_unit = "",
    .int_cache_all_results = 0, .zdiv_int_mod = "integer division or modulo by zero",
    .zdiv_float_floordiv = "float divmod()",
    .zdiv_float_mod = "float modulo",
    .complex_floor_slots = 1, .hash_nan_by_id = 0, .real_number = "number",
    .fmt_z_option = 0, .fmt_zero_keeps_align = 0, .fmt_invalid_spec_detail = 0,
    .method_qualname_errors = 0, .clinic_kw_errors_313 = 0, .int_to_bytes_defaults = 0,
    .int_bit_count = 0,
    .int_is_integer = 0, .fmt_space_not_allowed = 0,
    .pow3_op_name = "pow()",
    .int_limit_before_garbage = 1,
    .int_medium_size = 0,
    .hash_siphash13 = 0, .latin1_lazy = 1, .latin1_utf8 = 0,
    .interned_distinct_chars = "",
    .str_index_msg_type = 0, .str_find_clinic = 0, .int_arg_legacy_msg = 1,
    .splitlines_bool_arg = 0, .chr_overflow_valueerror = 0, .str_removeprefix = 0,
    .str_ascii_iterator = 0, .str_new_argnames = 0, .split_prealloc_from_len = 0,
    .pct_c_overflow = 0,
    .tuple_freelist_push_max = 19, .tuple_freelist_pop_max = 19,
    .tuple_resize_empty_singleton = 0,
    .list_prealloc_on_extend = 0, .list_extend_resize_containers = 0,
    .list_pop_clears = 0, .list_delitem_keeps_array = 0,
    .listreviter_keeps_seq = 0, .index_exact_int = 0, .range_length_fast = 0,
    .range_noarg_msg = "range expected 1 argument, got 0",
    .slice_hashable = 0, .zip_strict = 0,
    .enumerate_size = 64, .zip_size = 56, .clinic_missing_pos = 1,
    .sort_reverse_truth = 0, .list_assign_iter_msg = "can only assign an iterable",
    .contains_needle_left = 1,
    .sort_equal_descending_runs = 0,
    .dict_unicode_keys = 0, .dict_log2_quirk = 0,
    .dict_new_min_keys = 1, .dict_merge_clone = 0, .dict_vectorcall = 0, .dict_or_operator = 0,
    .dict_keys_freelist_unicode = 0, .dict_shared_keys_max = 0, .dict_values_inline = 0,
    .frozenset_empty_singleton = 1, .dictview_set_fast = 0,
    .inline_comprehensions = 0, .qualname_in_consts = 1,
    .stack_use_guideline = 0, .comp_single_item_fastpath = 0,
    .cellvars_args_first = 0, .remove_unused_consts = 0,
    .class_firstlineno = 0, .class_static_attributes = 0,
    .unpack_tuple_runs = 1,
    .finally_first = 1, .assert_loads_global = 1,
    .try_else_after_handlers = 1, .optimize_percent_format = 0,
    .const_test_in_consts = 0, .fold_empty_tuple = 0, .empty_fstring_const = 0,
    .msg_is_literal = "\"is\" with a literal. Did you mean \"==\"?",
    .msg_is_not_literal = "\"is not\" with a literal. Did you mean \"!=\"?",
    .weakref_ref_name = "weakref", .weakref_proxy_name = "weakproxy",
    .weakref_callable_proxy_name = "weakcallableproxy",
    .msg_weakref_call_args = "__call__() takes at most 0 arguments (%zu given)",
    .msg_weakproxy_not_iterator = "'%.200s' object is not iterable",
    .weakref_repr_name_special = 0, .weakproxy_repr_quoted = 0,
    .weakproxy_compare_incref = 0,
    .weakdict_gen_size = 112, .weakdict_gen_items_size = 112, .weakdict_gen_refs_size = 112,
    .repl_input_sources = 0, .frame_holds_func = 0, .tb_carets = TB_CARETS_NONE, .script_path_absolute = 0,
    .assert_raise_at_test = 0, .get_iter_at_iterable = 0,
    .layout_long = "ob_size",
    .layout_str_ascii = "length hash state:4 wstr",
    .layout_str_compact = "utf8_length utf8 wstr_length",
    .layout_str_state = "interned:2 kind:3 compact:1 ascii:1 ready:1",
    .layout_dictkeys = "dk_refcnt dk_size dk_lookup dk_usable dk_nentries",
    .layout_function = "func_code func_globals func_defaults func_kwdefaults func_closure "
                       "func_doc func_name func_dict func_weakreflist func_module "
                       "func_annotations func_qualname vectorcall",
    .layout_weakref = "wr_object wr_callback hash wr_prev wr_next",
    .layout_preheader = "", .layout_values = VALUES_ARRAY,
};

static const Profile profile_311 = {
    .name = "3.11", .version = 0x030b, .suggest_style = 1, .full_version = "3.11.7",
    COMMON_64BIT,
    .obmalloc = {.arena_size = 1 << 20, .pool_size = 16 << 10, .initial_arenas = 16},
    .preheader_size = 16,
    .immortal = 0, .immortal_refcnt = 0, .static_refcnt = 999999999,
    .int_base = 24, .int_min_digits = 1,
    .bool_false_size = 28,
    .str_ascii_header = 48, .str_compact_header = 72,
    .dictkeys_header = 32, .dict_entry_size = 24, .dict_unicode_entry_size = 16,
    .function_size = 152, .weakref_size = 80, .code_size = 192,
    .instance_size = 56, .inline_values = 1, .range_iter_size = 48, .type_size = 1688,
    .managed_weakref = 0, .heaptype_basicsize = 904, .static_type_size = 424,
    .attr_error_bare_name = 0, .dict_merge_clone_split = 1, .inst_getdict_shared = 0,
    .msg_weakref_slot =
        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
    .msg_no_dict_suffix = "",
    .exception_size = 88,
    .list_growth = LIST_GROWTH_39, .list_prealloc_even = 1, .list_literal_extend = 1,
    .gc_threshold = {700, 10, 10},
    .gc_check_garbage = 0,
    .gc_frame_objects = 0,
    .gc_collect_at_alloc = 1,
    .call_moves_args = 1,
    MODERN_MESSAGES,
    .int_max_str_digits = 4300, .int_limit_unit = " digits",
    .int_cache_all_results = 1, .zdiv_int_mod = "integer modulo by zero",
    .zdiv_float_floordiv = "float floor division by zero",
    .zdiv_float_mod = "float modulo",
    .complex_floor_slots = 0, .hash_nan_by_id = 1, .real_number = "real number",
    .fmt_z_option = 1, .fmt_zero_keeps_align = 1, .fmt_invalid_spec_detail = 1,
    .method_qualname_errors = 1, .clinic_kw_errors_313 = 0, .int_to_bytes_defaults = 1,
    .int_bit_count = 1,
    .int_is_integer = 0, .fmt_space_not_allowed = 1,
    .pow3_op_name = "** or pow()",
    .int_limit_before_garbage = 1,
    .int_medium_size = 32,
    .hash_siphash13 = 1, .latin1_lazy = 0, .latin1_utf8 = 0,
    .interned_distinct_chars = "BCLST_abcdefhijklmnopqrstvwxy",
    .str_index_msg_type = 1, .str_find_clinic = 0, .int_arg_legacy_msg = 0,
    .splitlines_bool_arg = 0, .chr_overflow_valueerror = 0, .str_removeprefix = 1,
    .str_ascii_iterator = 1, .str_new_argnames = 1, .split_prealloc_from_len = 0,
    .pct_c_overflow = 1,
    .tuple_freelist_push_max = 20, .tuple_freelist_pop_max = 19,
    .tuple_resize_empty_singleton = 1,
    .list_prealloc_on_extend = 1, .list_extend_resize_containers = 0,
    .list_pop_clears = 0, .list_delitem_keeps_array = 0,
    .listreviter_keeps_seq = 0, .index_exact_int = 1, .range_length_fast = 0,
    .range_noarg_msg = "range expected at least 1 argument, got 0",
    .slice_hashable = 0, .zip_strict = 1,
    .enumerate_size = 72, .zip_size = 64, .clinic_missing_pos = 0,
    .sort_reverse_truth = 0, .list_assign_iter_msg = "can only assign an iterable",
    .contains_needle_left = 0,
    .sort_equal_descending_runs = 0,
    .dict_unicode_keys = 1, .dict_log2_quirk = 1,
    .dict_new_min_keys = 0, .dict_merge_clone = 1, .dict_vectorcall = 1, .dict_or_operator = 1,
    .dict_keys_freelist_unicode = 1, .dict_shared_keys_max = 30, .dict_values_inline = 0,
    .frozenset_empty_singleton = 0, .dictview_set_fast = 1,
    .inline_comprehensions = 0, .qualname_in_consts = 0,
    .stack_use_guideline = 30, .comp_single_item_fastpath = 1,
    .cellvars_args_first = 1, .remove_unused_consts = 0,
    .class_firstlineno = 0, .class_static_attributes = 0,
    .unpack_tuple_runs = 0,
    .finally_first = 0, .assert_loads_global = 0,
    .try_else_after_handlers = 0, .optimize_percent_format = 1,
    .const_test_in_consts = 1, .fold_empty_tuple = 1, .empty_fstring_const = 0,
    .msg_is_literal = "\"is\" with a literal. Did you mean \"==\"?",
    .msg_is_not_literal = "\"is not\" with a literal. Did you mean \"!=\"?",
    .weakref_ref_name = "weakref.ReferenceType", .weakref_proxy_name = "weakref.ProxyType",
    .weakref_callable_proxy_name = "weakref.CallableProxyType",
    .msg_weakref_call_args = "weakref expected 0 arguments, got %zu",
    .msg_weakproxy_not_iterator = "Weakref proxy referenced a non-iterator '%.200s' object",
    .weakref_repr_name_special = 1, .weakproxy_repr_quoted = 0,
    .weakproxy_compare_incref = 0,
    .weakdict_gen_size = 240, .weakdict_gen_items_size = 248, .weakdict_gen_refs_size = 224,
    .repl_input_sources = 0, .frame_holds_func = 1, .tb_carets = TB_CARETS_C, .script_path_absolute = 1,
    .assert_raise_at_test = 1, .get_iter_at_iterable = 0,
    .layout_long = "ob_size",
    .layout_str_ascii = "length hash state:4 wstr",
    .layout_str_compact = "utf8_length utf8 wstr_length",
    .layout_str_state = "interned:2 kind:3 compact:1 ascii:1 ready:1",
    .layout_dictkeys = "dk_refcnt dk_log2_size:1 dk_log2_index_bytes:1 dk_kind:1 "
                       "dk_version:4 dk_usable dk_nentries",
    .layout_function = "func_globals func_builtins func_name func_qualname func_code "
                       "func_defaults func_kwdefaults func_closure func_doc func_dict "
                       "func_weakreflist func_module func_annotations vectorcall "
                       "func_version:4",
    .layout_weakref = "wr_object wr_callback hash wr_prev wr_next vectorcall",
    .layout_preheader = "values dict", .layout_values = VALUES_PREFIX,
};

static const Profile profile_312 = {
    .name = "3.12", .version = 0x030c, .suggest_style = 2, .sum_compensated = 1, .none_hash_constant = 0xFCA86420, .full_version = "3.12.1",
    COMMON_64BIT,
    .obmalloc = {.arena_size = 1 << 20, .pool_size = 16 << 10, .initial_arenas = 16},
    .preheader_size = 16,
    .immortal = 1, .immortal_refcnt = 4294967295LL, .static_refcnt = 0,
    .intern_immortal = 1,
    .int_base = 24, .int_min_digits = 1,
    .bool_false_size = 28,
    .str_ascii_header = 40, .str_compact_header = 56,
    .dictkeys_header = 32, .dict_entry_size = 24, .dict_unicode_entry_size = 16,
    .function_size = 160, .weakref_size = 80, .code_size = 200,
    .instance_size = 48, .inline_values = 1, .range_iter_size = 40, .type_size = 1704,
    .managed_weakref = 1, .heaptype_basicsize = 920, .static_type_size = 432,
    .attr_error_bare_name = 0, .dict_merge_clone_split = 1, .inst_getdict_shared = 1,
    .msg_weakref_slot =
        "__weakref__ slot disallowed: we already got one",
    .msg_no_dict_suffix = "",
    .exception_size = 88,
    .list_growth = LIST_GROWTH_39, .list_prealloc_even = 1, .list_literal_extend = 1,
    .gc_threshold = {700, 10, 10},
    .gc_check_garbage = 0,
    .gc_frame_objects = 0,
    .gc_collect_at_alloc = 0,
    .call_moves_args = 1,
    MODERN_MESSAGES,
    .int_max_str_digits = 4300, .int_limit_unit = " digits",
    .int_cache_all_results = 1, .zdiv_int_mod = "integer modulo by zero",
    .zdiv_float_floordiv = "float floor division by zero",
    .zdiv_float_mod = "float modulo",
    .complex_floor_slots = 0, .hash_nan_by_id = 1, .real_number = "real number",
    .fmt_z_option = 1, .fmt_zero_keeps_align = 1, .fmt_invalid_spec_detail = 1,
    .method_qualname_errors = 1, .clinic_kw_errors_313 = 0, .int_to_bytes_defaults = 1,
    .int_bit_count = 1,
    .int_is_integer = 1, .fmt_space_not_allowed = 1,
    .pow3_op_name = "** or pow()",
    .int_limit_before_garbage = 0,
    .int_medium_size = 32,
    .hash_siphash13 = 1, .latin1_lazy = 0, .latin1_utf8 = 1,
    .interned_distinct_chars = "_abcdenprsx",
    .str_index_msg_type = 1, .str_find_clinic = 0, .int_arg_legacy_msg = 0,
    .splitlines_bool_arg = 1, .chr_overflow_valueerror = 0, .str_removeprefix = 1,
    .str_ascii_iterator = 1, .str_new_argnames = 1, .split_prealloc_from_len = 1,
    .pct_c_overflow = 1,
    .tuple_freelist_push_max = 20, .tuple_freelist_pop_max = 19,
    .tuple_resize_empty_singleton = 1,
    .list_prealloc_on_extend = 1, .list_extend_resize_containers = 0,
    .list_pop_clears = 1, .list_delitem_keeps_array = 0,
    .listreviter_keeps_seq = 0, .index_exact_int = 1, .range_length_fast = 1,
    .range_noarg_msg = "range expected at least 1 argument, got 0",
    .slice_hashable = 1, .zip_strict = 1,
    .enumerate_size = 72, .zip_size = 64, .clinic_missing_pos = 0,
    .sort_reverse_truth = 1, .list_assign_iter_msg = "can only assign an iterable",
    .contains_needle_left = 0,
    .sort_equal_descending_runs = 0,
    .dict_unicode_keys = 1, .dict_log2_quirk = 1,
    .dict_new_min_keys = 0, .dict_merge_clone = 1, .dict_vectorcall = 1, .dict_or_operator = 1,
    .dict_keys_freelist_unicode = 1, .dict_shared_keys_max = 30, .dict_values_inline = 0,
    .frozenset_empty_singleton = 0, .dictview_set_fast = 1,
    .inline_comprehensions = 1, .qualname_in_consts = 0,
    .stack_use_guideline = 30, .comp_single_item_fastpath = 1,
    .cellvars_args_first = 1, .remove_unused_consts = 1,
    .class_firstlineno = 0, .class_static_attributes = 0,
    .unpack_tuple_runs = 0,
    .finally_first = 0, .assert_loads_global = 0,
    .try_else_after_handlers = 0, .optimize_percent_format = 1,
    .const_test_in_consts = 1, .fold_empty_tuple = 1, .empty_fstring_const = 0,
    .msg_is_literal = "\"is\" with '%s' literal. Did you mean \"==\"?",
    .msg_is_not_literal = "\"is not\" with '%s' literal. Did you mean \"!=\"?",
    .weakref_ref_name = "weakref.ReferenceType", .weakref_proxy_name = "weakref.ProxyType",
    .weakref_callable_proxy_name = "weakref.CallableProxyType",
    .msg_weakref_call_args = "weakref expected 0 arguments, got %zu",
    .msg_weakproxy_not_iterator = "Weakref proxy referenced a non-iterator '%.200s' object",
    .weakref_repr_name_special = 1, .weakproxy_repr_quoted = 0,
    .weakproxy_compare_incref = 0,
    .weakdict_gen_size = 232, .weakdict_gen_items_size = 240, .weakdict_gen_refs_size = 216,
    .repl_input_sources = 0, .frame_holds_func = 1, .tb_carets = TB_CARETS_C, .script_path_absolute = 1,
    .assert_raise_at_test = 0, .get_iter_at_iterable = 0,
    .layout_long = "lv_tag",
    .layout_str_ascii = "length hash state:4",
    .layout_str_compact = "utf8_length utf8",
    .layout_str_state = "interned:2 kind:3 compact:1 ascii:1 statically_allocated:1",
    .layout_dictkeys = "dk_refcnt dk_log2_size:1 dk_log2_index_bytes:1 dk_kind:1 "
                       "dk_version:4 dk_usable dk_nentries",
    .layout_function = "func_globals func_builtins func_name func_qualname func_code "
                       "func_defaults func_kwdefaults func_closure func_doc func_dict "
                       "func_weakreflist func_module func_annotations func_typeparams "
                       "vectorcall func_version:4",
    .layout_weakref = "wr_object wr_callback hash wr_prev wr_next vectorcall",
    .layout_preheader = "weakreflist dict_or_values", .layout_values = VALUES_PREFIX,
};

static const Profile profile_313 = {
    .name = "3.13", .version = 0x030d, .suggest_style = 2, .sum_compensated = 1, .none_hash_constant = 0xFCA86420, .full_version = "3.13.0",
    COMMON_64BIT,
    .obmalloc = {.arena_size = 1 << 20, .pool_size = 16 << 10, .initial_arenas = 16},
    .preheader_size = 16,
    .immortal = 1, .immortal_refcnt = 4294967295LL, .static_refcnt = 0,
    .intern_immortal = 1, .runtime_intern_mortal = 1,
    .int_base = 24, .int_min_digits = 1,
    .bool_false_size = 28,
    .str_ascii_header = 40, .str_compact_header = 56,
    .dictkeys_header = 32, .dict_entry_size = 24, .dict_unicode_entry_size = 16,
    .function_size = 160, .weakref_size = 80, .code_size = 208,
    .instance_size = 48, .inline_values = 1, .range_iter_size = 40, .type_size = 1712,
    .managed_weakref = 1, .heaptype_basicsize = 928, .static_type_size = 416,
    .attr_error_bare_name = 0, .dict_merge_clone_split = 0, .inst_getdict_shared = 1,
    .msg_weakref_slot =
        "__weakref__ slot disallowed: we already got one",
    .msg_no_dict_suffix = " and no __dict__ for setting new attributes",
    .exception_size = 88,
    .list_growth = LIST_GROWTH_39, .list_prealloc_even = 1, .list_literal_extend = 1,
    .gc_threshold = {2000, 10, 10},
    .gc_check_garbage = 0,
    .gc_frame_objects = 0,
    .gc_collect_at_alloc = 0,
    .call_moves_args = 1,
    MODERN_MESSAGES,
    .int_max_str_digits = 4300, .int_limit_unit = " digits",
    .int_cache_all_results = 1, .zdiv_int_mod = "integer modulo by zero",
    .zdiv_float_floordiv = "float floor division by zero",
    .zdiv_float_mod = "float modulo by zero",
    .complex_floor_slots = 0, .hash_nan_by_id = 1, .real_number = "real number",
    .fmt_z_option = 1, .fmt_zero_keeps_align = 1, .fmt_invalid_spec_detail = 1,
    .method_qualname_errors = 1, .clinic_kw_errors_313 = 1, .int_to_bytes_defaults = 1,
    .int_bit_count = 1,
    .int_is_integer = 1, .fmt_space_not_allowed = 1,
    .pow3_op_name = "** or pow()",
    .int_limit_before_garbage = 0,
    .int_medium_size = 32,
    .hash_siphash13 = 1, .latin1_lazy = 0, .latin1_utf8 = 1,
    .interned_distinct_chars = "",
    .str_index_msg_type = 1, .str_find_clinic = 1, .int_arg_legacy_msg = 0,
    .splitlines_bool_arg = 1, .chr_overflow_valueerror = 1, .str_removeprefix = 1,
    .str_ascii_iterator = 1, .str_new_argnames = 1, .split_prealloc_from_len = 1,
    .pct_c_overflow = 1,
    .tuple_freelist_push_max = 20, .tuple_freelist_pop_max = 20,
    .tuple_resize_empty_singleton = 1,
    .list_prealloc_on_extend = 1, .list_extend_resize_containers = 1,
    .list_pop_clears = 1, .list_delitem_keeps_array = 1,
    .listreviter_keeps_seq = 1, .index_exact_int = 1, .range_length_fast = 1,
    .range_noarg_msg = "range expected at least 1 argument, got 0",
    .slice_hashable = 1, .zip_strict = 1,
    .enumerate_size = 72, .zip_size = 64, .clinic_missing_pos = 0,
    .sort_reverse_truth = 1, .list_assign_iter_msg = "must assign iterable to extended slice",
    .contains_needle_left = 0,
    .sort_equal_descending_runs = 1,
    .dict_unicode_keys = 1, .dict_log2_quirk = 1,
    .dict_new_min_keys = 0, .dict_merge_clone = 1, .dict_vectorcall = 1, .dict_or_operator = 1,
    .dict_keys_freelist_unicode = 1, .dict_shared_keys_max = 30, .dict_values_inline = 1,
    .frozenset_empty_singleton = 0, .dictview_set_fast = 1,
    .inline_comprehensions = 1, .qualname_in_consts = 0,
    .stack_use_guideline = 30, .comp_single_item_fastpath = 1,
    .cellvars_args_first = 1, .remove_unused_consts = 1,
    .class_firstlineno = 1, .class_static_attributes = 1,
    .unpack_tuple_runs = 0,
    .finally_first = 0, .assert_loads_global = 0,
    .try_else_after_handlers = 0, .optimize_percent_format = 1,
    .const_test_in_consts = 1, .fold_empty_tuple = 1, .empty_fstring_const = 1,
    .msg_is_literal = "\"is\" with '%s' literal. Did you mean \"==\"?",
    .msg_is_not_literal = "\"is not\" with '%s' literal. Did you mean \"!=\"?",
    .weakref_ref_name = "weakref.ReferenceType", .weakref_proxy_name = "weakref.ProxyType",
    .weakref_callable_proxy_name = "weakref.CallableProxyType",
    .msg_weakref_call_args = "weakref expected 0 arguments, got %zu",
    .msg_weakproxy_not_iterator = "Weakref proxy referenced a non-iterator '%.200s' object",
    .weakref_repr_name_special = 1, .weakproxy_repr_quoted = 1,
    .weakproxy_compare_incref = 1,
    .weakdict_gen_size = 232, .weakdict_gen_items_size = 240, .weakdict_gen_refs_size = 216,
    .repl_input_sources = 1, .frame_holds_func = 1, .tb_carets = TB_CARETS_PY, .script_path_absolute = 1,
    .assert_raise_at_test = 1, .get_iter_at_iterable = 1,
    .layout_long = "lv_tag",
    .layout_str_ascii = "length hash state:4",
    .layout_str_compact = "utf8_length utf8",
    .layout_str_state = "interned:2 kind:3 compact:1 ascii:1 statically_allocated:1",
    .layout_dictkeys = "dk_refcnt dk_log2_size:1 dk_log2_index_bytes:1 dk_kind:1 "
                       "dk_version:4 dk_usable dk_nentries",
    .layout_function = "func_globals func_builtins func_name func_qualname func_code "
                       "func_defaults func_kwdefaults func_closure func_doc func_dict "
                       "func_weakreflist func_module func_annotations func_typeparams "
                       "vectorcall func_version:4",
    .layout_weakref = "wr_object wr_callback hash wr_prev wr_next vectorcall",
    .layout_preheader = "weakreflist dict", .layout_values = VALUES_HEADER,
};

static const Profile *const profiles[] = {
    &profile_38, &profile_311, &profile_312, &profile_313,
};

/* Return the profile for NAME ("3.8", "3.11", "3.12", "3.13"), or NULL. */
const Profile *profile_find(const char *name)
{
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(profiles[i]->name, name) == 0)
            return profiles[i];
    return NULL;
}

/* Return the default profile (3.12). */
const Profile *profile_default(void)
{
    return &profile_312;
}

/* Return the comma-separated list of profile names, for messages. */
const char *profile_names(void)
{
    return "3.8, 3.11, 3.12, 3.13";
}
