/*
 * undo.h: every edit's previous version, kept so that it can be put back
 * (hstsctl undo).  Each run of hstsctl that changes files keeps, before
 * each change, the file's bytes as read, in a folder of its own under the
 * undo folder:
 *
 *	$HSTSCTL_UNDO_DIR, else $XDG_STATE_HOME/hstsctl/undo, else
 *	~/.local/state/hstsctl/undo
 *
 * named YYYYMMDDTHHMMSS.uuuuuuZ-PID, holding N.path (the file's real path) and
 * N.data (its bytes), private to the user (0700, 0600).  The newest
 * HS_UNDO_KEEP runs are kept; older ones are removed.
 */
#ifndef HS_UNDO_H
#define HS_UNDO_H

#include <stddef.h>

#include "util/error.h"

#define HS_UNDO_KEEP	20

/* The undo folder into buf; -1 when no home is known. */
int	hs_undo_dir(char *, size_t);
/*
 * Keep bytes (the file at path as it is before this run changes it);
 * *slot names the copy for hs_undo_forget.  HS_OK, or an error the
 * caller reports as a warning (the edit itself goes ahead).
 */
int	hs_undo_keep(const char *, const char *, size_t, int *,
	    struct hs_error *);
/* The change did not happen after all: drop the copy. */
void	hs_undo_forget(int);
/*
 * Keep a copy before a change, as the editors do; a failure is remembered
 * for hs_undo_warning and the change goes ahead.  Returns the slot.
 */
int	hs_undo_before(const char *, const char *, size_t);
/* Why a copy could not be kept in this run, or NULL. */
const char *hs_undo_warning(void);

/* One kept copy. */
struct hs_undo_entry {
	char	run[64];	/* its run: "YYYYMMDDTHHMMSS.uuuuuuZ-PID" */
	char	path[4096];	/* the file it is a copy of */
	char	data[4200];	/* where the copy is */
};

/*
 * The copies of the newest run (other than this process's own) that
 * changed path (NULL: any file).  *out is new (caller frees), *n how many.
 */
int	hs_undo_last(const char *, struct hs_undo_entry **, size_t *,
	    struct hs_error *);

#endif
