/* The table of C-level types: which TypeOps implements each kind. */
#include "sim/object.h"

#include "sim/complexobject.h"
#include "sim/dictobject.h"
#include "sim/excobject.h"
#include "sim/floatobject.h"
#include "sim/funcobject.h"
#include "sim/intobject.h"
#include "sim/iterobject.h"
#include "sim/listobject.h"
#include "sim/rangeobject.h"
#include "sim/setobject.h"
#include "sim/sliceobject.h"
#include "sim/strobject.h"
#include "sim/bytesobject.h"
#include "sim/tupleobject.h"
#include "sim/typeobject.h"
#include "sim/weakrefobject.h"

const TypeOps *const kind_ops[K_MAX] = {
    [K_NONE] = &none_ops,
    [K_NOTIMPL] = &notimpl_ops,
    [K_ELLIPSIS] = &ellipsis_ops,
    [K_BOOL] = &bool_ops,
    [K_INT] = &int_ops,
    [K_FLOAT] = &float_ops,
    [K_COMPLEX] = &complex_ops,
    [K_STR] = &str_ops,
    [K_BYTES] = &bytes_ops,
    [K_TUPLE] = &tuple_ops,
    [K_LIST] = &list_ops,
    [K_DICT] = &dict_ops,
    [K_SET] = &set_ops,
    [K_FROZENSET] = &frozenset_ops,
    [K_RANGE] = &range_ops,
    [K_SLICE] = &slice_ops,
    [K_FUNCTION] = &function_ops,
    [K_BUILTIN] = &builtin_ops,
    [K_CODE] = &code_ops,
    [K_CELL] = &cell_ops,
    [K_METHOD] = &method_ops,
    [K_TYPE] = &type_ops,
    [K_INSTANCE] = &instance_ops,
    [K_EXCEPTION] = &exception_ops,
    [K_MODULE] = &module_ops,
    [K_WEAKREF] = &weakref_ops,
    [K_WEAKPROXY] = &weakproxy_ops,
    [K_WEAKCALLABLEPROXY] = &weakcallableproxy_ops,
    [K_WEAKVALUEDICT] = &weakvaluedict_ops,
    [K_WEAKDICTITER] = &weakdictiter_ops,
    [K_LISTITER] = &listiter_ops,
    [K_LISTREVITER] = &listreviter_ops,
    [K_TUPLEITER] = &tupleiter_ops,
    [K_RANGEITER] = &rangeiter_ops,
    [K_STRITER] = &striter_ops,
    [K_DICTITER] = &dictiter_ops,
    [K_SETITER] = &setiter_ops,
    [K_DICTVIEW] = &dictview_ops,
    [K_ENUMERATE] = &enumerate_ops,
    [K_ZIP] = &zip_ops,
    [K_MAP] = &map_ops,
    [K_FILTER] = &filter_ops,
    [K_REVERSED] = &reversed_ops,
    [K_SEQITER] = &seqiter_ops,
    [K_MEMBERDESCR] = &memberdescr_ops,
    [K_SUPER] = &super_ops,
};
