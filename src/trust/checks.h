/*
 * checks.h: the names of Apple's trust policy checks, as they appear as
 * keys of a trust-exception dictionary, with what each means and whether
 * Apple lets it be excepted (doc/formats.md section 2,
 * from Security's SecPolicyChecks.list).
 */
#ifndef HS_CHECKS_H
#define HS_CHECKS_H

enum check_class {
	CHECK_RECOVERABLE,	/* R: the user may except it */
	CHECK_FATAL,		/* F: never excepted */
	CHECK_DENY,		/* D: never excepted */
	CHECK_OPTION,		/* a feature toggle, never a failure */
	CHECK_LEGACY		/* a name only older releases used */
};

struct check_info {
	const char		*name;
	enum check_class	 cls;
	const char		*meaning;	/* a sentence without full stop */
};

/* The entry for a key, or NULL if Apple never used that name. */
const struct check_info	*check_find(const char *);
/* "recoverable", "fatal", "deny", "option" or "legacy". */
const char		*check_class_name(enum check_class);
/* Can Apple except a failure of this class (today)? */
int			 check_exceptable(enum check_class);
/* Is the table sorted, as check_find needs?  For the tests. */
int			 check_table_sorted(void);

#endif
