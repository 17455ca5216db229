/*
 * error.h: how the library reports failure.
 *
 * Library functions return 0 on success or a negative HS_E* code, and fill
 * a struct hs_error that the caller owns.  The library never prints; the
 * CLI turns an hs_error into "hstsctl: FILE: message (at offset N)".
 */
#ifndef HS_ERROR_H
#define HS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum {
	HS_OK = 0,
	HS_EIO = -1,		/* the file could not be read or written */
	HS_EFORMAT = -2,	/* the bytes are not what they should be */
	HS_ENOMEM = -3,		/* out of memory */
	HS_ENOENT = -4,		/* the file does not exist */
	HS_EINVAL = -5		/* a bad argument from the user */
};

struct hs_error {
	int		 code;
	char		 msg[512];
	long long	 offset;	/* byte offset in a binary file, or -1 */
	int		 line;		/* line in a text file, or 0 */
	int		 col;		/* column in a text file, or 0 */
	int		 landed;	/* the change was written all the same */
};

void	hs_error_init(struct hs_error *);
/* Set code and message; returns code so callers can "return hs_error_set(...)". */
int	hs_error_set(struct hs_error *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	hs_error_at(struct hs_error *, int, long long, const char *, ...)
	    __attribute__((format(printf, 4, 5)));
int	hs_error_at_line(struct hs_error *, int, int, int, const char *, ...)
	    __attribute__((format(printf, 5, 6)));
/* "(at offset N)" or "(at line L:C)" or "", for messages. */
const char *hs_error_where(const struct hs_error *, char *, size_t);

#endif
