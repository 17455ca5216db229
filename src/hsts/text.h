/*
 * text.h: what the stores kept as text share (curl's, wget's, Firefox's
 * .txt): their lines, read with bounds, and dropping whole lines.
 */
#ifndef HS_TEXT_H
#define HS_TEXT_H

#include <stddef.h>

#include "hsts/store.h"
#include "util/lines.h"

/*
 * The lines of a text store one by one, refusing what no such store
 * holds: a NUL byte, a line over 4096 bytes.  1 and *l, 0 at the end,
 * or an error naming the line.
 */
int	text_store_line(const char *, size_t, size_t *, struct hs_line *,
	    struct hs_error *);
/*
 * Read a text store: each line to line(store, line, err), which adds its
 * entry (recording the line's bytes in at and len) or warns, or fails
 * (err set).  *out is new.
 */
int	text_store_read(const char *, enum hsts_format, const char *, size_t,
	    int (*)(struct hsts_store *, const struct hs_line *,
	    struct hs_error *), struct hsts_store **, struct hs_error *);
/*
 * The bytes of a text store without the lines of the entries drop marks
 * (one flag per entry of st, read from the same bytes).  *out is new.
 */
int	text_store_drop(const struct hsts_store *, const char *, size_t,
	    const unsigned char *, char **, size_t *, struct hs_error *);

#endif
