/*
 * settings.h: macOS trust settings, the "Always Trust" decisions that
 * `security trust-settings-export` writes and trustd keeps
 * (doc/formats.md section 8).
 *
 * A property list with trustVersion 1 and trustList: per certificate (the
 * upper-case hex SHA-1 of its DER, or kSecTrustRecordDefaultRootCert) a
 * record of issuerName, serialNumber, modDate and trustSettings, an array
 * of usage constraints.  An empty array trusts the certificate as a root
 * for everything.
 */
#ifndef HS_TRUST_SETTINGS_H
#define HS_TRUST_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "plist/plist-tree.h"
#include "util/error.h"

#define TSET_DEFAULT_ROOT	"kSecTrustRecordDefaultRootCert"

/* One usage constraint of a record; strings borrowed from the document. */
struct tset_use {
	size_t		 index;		/* in the record's array */
	int		 has_policy;
	char		 policy[128];	/* dotted OID, or the string given */
	const char	*policy_name;	/* Apple's name for the OID, or NULL */
	const char	*policy_label;	/* kSecTrustSettingsPolicyName */
	const char	*scope;		/* kSecTrustSettingsPolicyString: a
					   host for SSL, an address for
					   S/MIME; NULL */
	int		 has_app;	/* kSecTrustSettingsApplication */
	int		 has_error;
	int64_t		 error;		/* kSecTrustSettingsAllowedError */
	int		 has_result;
	int64_t		 result;	/* absent: TrustRoot */
	int		 has_key_usage;
	int64_t		 key_usage;	/* -1: any */
	int		 has_options;	/* kSecTrustSettingsPolicyOptions */
};

struct tset_record {
	char			*key;		/* owned: SHA-1 hex, or the
						   default */
	int			 default_root;
	const unsigned char	*issuer;	/* the issuer Name's DER */
	size_t			 issuer_len;
	const unsigned char	*serial;
	size_t			 serial_len;
	double			 mod_date;	/* CFAbsoluteTime */
	int			 has_settings;	/* trustSettings present */
	struct tset_use		*uses;		/* owned */
	size_t			 nuses;
};

struct tset {
	struct plist_doc	*doc;		/* owned */
	struct tset_record	*recs;		/* owned */
	size_t			 nrecs;
};

/*
 * Read a trust-settings file (XML or binary).  HS_EFORMAT names the
 * record and what is wrong with it.  *out is new; free with tset_free.
 */
int	tset_read(const char *, struct tset **, struct hs_error *);
int	tset_parse(const struct plist_doc *, struct tset **, struct hs_error *);
void	tset_free(struct tset *);

/* A record without constraints trusts its certificate for everything. */
int	tset_trusts_all(const struct tset_record *);
/* Is the constraint scoped to host (normalised), as an SSL host? */
int	tset_use_for_host(const struct tset_use *, const char *);
/* Does the record hold a constraint for host? */
int	tset_record_for_host(const struct tset_record *, const char *);

/* Names, or NULL when unknown. */
const char *tset_policy_name(const char *);	/* dotted OID */
const char *tset_error_name(int64_t);		/* CSSM / OSStatus code */
const char *tset_result_name(int64_t);		/* 1..4 */
/* "signature, sign certificate" or "any" (-1); into buf. */
const char *tset_key_usage_text(int64_t, char *, size_t);
/* The issuer Name in words ("CN=Dev CA, O=Example"), into buf. */
const char *tset_issuer_text(const struct tset_record *, char *, size_t);

#endif
