/*
 * jsonlib.h: the json-c functions the command line calls for --json,
 * through a table.  Where configure found json-c's file (HS_JSONC_SONAME),
 * it is loaded with dlopen when a command is given --json (cmd_getopt),
 * not when hstsctl starts.  Elsewhere the table holds the functions
 * linked as usual.
 *
 * cli.h includes it: outside jsonlib.c it renames each function below to
 * its entry in the table (json_object_object_foreach calls
 * json_object_get_object).  A function the command line starts to use
 * must be added to HS_JSONC_FUNCS (the link fails until it is).
 */
#ifndef HS_JSONLIB_H
#define HS_JSONLIB_H

#include <json-c/json.h>

#include "util/dynlib.h"

#define HS_JSONC_FUNCS(X) \
	X(json_object_array_add) \
	X(json_object_get_object) \
	X(json_object_new_array) \
	X(json_object_new_boolean) \
	X(json_object_new_double) \
	X(json_object_new_int) \
	X(json_object_new_int64) \
	X(json_object_new_object) \
	X(json_object_new_string) \
	X(json_object_object_add) \
	X(json_object_put) \
	X(json_object_to_json_string_ext)

/* Make the table usable, loading json-c if that was put off.  HS_EIO
 * with a message naming the library when it cannot be loaded. */
HS_DYNLIB_TABLE(hs_jsonc, HS_JSONC_FUNCS);

#ifndef HS_JSONC_LOADER
#define json_object_array_add	(hs_jsonc.json_object_array_add)
#define json_object_get_object	(hs_jsonc.json_object_get_object)
#define json_object_new_array	(hs_jsonc.json_object_new_array)
#define json_object_new_boolean	(hs_jsonc.json_object_new_boolean)
#define json_object_new_double	(hs_jsonc.json_object_new_double)
#define json_object_new_int	(hs_jsonc.json_object_new_int)
#define json_object_new_int64	(hs_jsonc.json_object_new_int64)
#define json_object_new_object	(hs_jsonc.json_object_new_object)
#define json_object_new_string	(hs_jsonc.json_object_new_string)
#define json_object_object_add	(hs_jsonc.json_object_object_add)
#define json_object_put		(hs_jsonc.json_object_put)
#define json_object_to_json_string_ext \
	(hs_jsonc.json_object_to_json_string_ext)
#endif

#endif
