/*
 * plistlib.h: the libplist functions hstsctl calls, through a table.
 * Where configure found libplist's file name (HS_LIBPLIST_SONAME), it is
 * loaded with dlopen when a libplist tree is first built (plist_doc_tree):
 * only the trust-exception commands walk one; HSTS stores are read
 * through pval.h, and loading a library costs a command start-up time
 * (doc/PERFORMANCE.md).  Elsewhere the table holds the functions linked
 * in the usual way.
 *
 * Include it after <plist/plist.h>, in the files that call libplist:
 * outside plistlib.c it renames each function below to its entry in the
 * table.  A function newly called must be added to HS_PLIST_FUNCS (the
 * link fails until it is).  Every plist_t comes from plist_doc_tree,
 * which loads the library first.
 */
#ifndef HS_PLISTLIB_H
#define HS_PLISTLIB_H

#include <plist/plist.h>

#include "util/dynlib.h"

#define HS_PLIST_FUNCS(X) \
	X(plist_array_append_item) \
	X(plist_array_get_item) \
	X(plist_array_get_size) \
	X(plist_array_new_iter) \
	X(plist_array_next_item) \
	X(plist_dict_get_item) \
	X(plist_dict_get_size) \
	X(plist_dict_new_iter) \
	X(plist_dict_next_item) \
	X(plist_dict_set_item) \
	X(plist_free) \
	X(plist_from_bin) \
	X(plist_get_bool_val) \
	X(plist_get_data_ptr) \
	X(plist_get_date_val) \
	X(plist_get_node_type) \
	X(plist_get_parent) \
	X(plist_get_real_val) \
	X(plist_get_string_val) \
	X(plist_get_uint_val) \
	X(plist_new_array) \
	X(plist_new_bool) \
	X(plist_new_data) \
	X(plist_new_date) \
	X(plist_new_dict) \
	X(plist_new_real) \
	X(plist_new_string) \
	X(plist_new_uint)

/* Make the table usable, loading libplist if that was put off.  HS_EIO
 * with a message naming the library when it cannot be loaded. */
HS_DYNLIB_TABLE(hs_plist, HS_PLIST_FUNCS);

#ifndef HS_PLIST_LOADER
#define plist_array_append_item	(hs_plist.plist_array_append_item)
#define plist_array_get_item	(hs_plist.plist_array_get_item)
#define plist_array_get_size	(hs_plist.plist_array_get_size)
#define plist_array_new_iter	(hs_plist.plist_array_new_iter)
#define plist_array_next_item	(hs_plist.plist_array_next_item)
#define plist_dict_get_item	(hs_plist.plist_dict_get_item)
#define plist_dict_get_size	(hs_plist.plist_dict_get_size)
#define plist_dict_new_iter	(hs_plist.plist_dict_new_iter)
#define plist_dict_next_item	(hs_plist.plist_dict_next_item)
#define plist_dict_set_item	(hs_plist.plist_dict_set_item)
#define plist_free		(hs_plist.plist_free)
#define plist_from_bin		(hs_plist.plist_from_bin)
#define plist_get_bool_val	(hs_plist.plist_get_bool_val)
#define plist_get_data_ptr	(hs_plist.plist_get_data_ptr)
#define plist_get_date_val	(hs_plist.plist_get_date_val)
#define plist_get_node_type	(hs_plist.plist_get_node_type)
#define plist_get_parent	(hs_plist.plist_get_parent)
#define plist_get_real_val	(hs_plist.plist_get_real_val)
#define plist_get_string_val	(hs_plist.plist_get_string_val)
#define plist_get_uint_val	(hs_plist.plist_get_uint_val)
#define plist_new_array		(hs_plist.plist_new_array)
#define plist_new_bool		(hs_plist.plist_new_bool)
#define plist_new_data		(hs_plist.plist_new_data)
#define plist_new_date		(hs_plist.plist_new_date)
#define plist_new_dict		(hs_plist.plist_new_dict)
#define plist_new_real		(hs_plist.plist_new_real)
#define plist_new_string	(hs_plist.plist_new_string)
#define plist_new_uint		(hs_plist.plist_new_uint)
#endif

#endif
