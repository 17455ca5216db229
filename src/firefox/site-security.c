/* site-security.c: Firefox's SiteSecurityServiceState; see firefox.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "firefox/firefox.h"
#include "hsts/text.h"
#include "util/cftime.h"

#define SLOT_KEY	256
#define SLOT_VALUE	24
#define SLOT_HEAD	6	/* checksum, score, lastAccessed */

static int
firefox_named(const char *path, const char *name)
{
	const char	*base = strrchr(path, '/');

	return strcmp(base ? base + 1 : path, name) == 0;
}

int
firefox_bin_sniff(const char *path, const char *buf, size_t len)
{
	(void)buf, (void)len;
	return firefox_named(path, FIREFOX_BIN_NAME);
}

int
firefox_txt_sniff(const char *path, const char *buf, size_t len)
{
	(void)buf, (void)len;
	return firefox_named(path, FIREFOX_TXT_NAME);
}

/*
 * A value "expiryMs,state,includeSubdomains[,...]" into e; -1 if it is
 * not one.
 */
static int
firefox_value(const char *v, size_t n, struct hsts_entry *e)
{
	char			buf[SLOT_VALUE + 64], *end;
	unsigned long long	ms;
	unsigned long		state, sub;

	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, v, n);
	buf[n] = '\0';
	if (buf[0] < '0' || buf[0] > '9')
		return -1;
	ms = strtoull(buf, &end, 10);
	if (*end != ',' || end[1] < '0' || end[1] > '2')
		return -1;
	state = strtoul(end + 1, &end, 10);
	if (*end != ',' || (end[1] != '0' && end[1] != '1'))
		return -1;
	sub = strtoul(end + 1, &end, 10);
	if (*end != '\0' && *end != ',')
		return -1;
	e->expiry_kind = HSTS_EXPIRY_AT;
	e->expiry = hs_cftime_from_unix((double)ms / 1000.0);
	e->state = state == 1 ? HSTS_STATE_FORCE : state == 2 ?
	    HSTS_STATE_KNOCKOUT : HSTS_STATE_OFF;
	e->include_subdomains = sub == 1;
	return 0;
}

/* The host of a key: up to its origin attributes ('^') or ":HSTS". */
static size_t
firefox_host_len(const char *key, size_t n)
{
	const char	*caret = memchr(key, '^', n);
	size_t		 h = caret ? (size_t)(caret - key) : n;

	if (h >= 5 && memcmp(key + h - 5, ":HSTS", 5) == 0)
		h -= 5;
	return h;
}

/* One entry: key (n bytes) and value; at/len the bytes that hold it. */
static int
firefox_add(struct hsts_store *st, const char *key, size_t n, const char *v,
    size_t vn, size_t at, size_t len, const char *where)
{
	struct hsts_entry	*e;
	char			 ses[SLOT_KEY + 1];
	size_t			 h = firefox_host_len(key, n);

	if (h == 0 || n - h >= sizeof ses) {
		hsts_store_warnf(st, "%s: the key is not HOST[^ATTRIBUTES]; "
		    "skipped", where);
		return HS_OK;
	}
	memcpy(ses, key + h, n - h);
	ses[n - h] = '\0';
	if ((e = hsts_store_add(st, ses, key, h)) == NULL)
		return HS_ENOMEM;
	e->at = at;
	e->len = len;
	if (firefox_value(v, vn, e) != 0) {
		e->expiry_kind = HSTS_EXPIRY_UNKNOWN;
		hsts_store_warnf(st, "%s: %.*s: the value is not EXPIRY,STATE,"
		    "SUBDOMAINS", where, (int)h, key);
	}
	return HS_OK;
}

static unsigned
firefox_u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Is the slot at p in use: its checksum right, score and date set? */
static int
firefox_slot_valid(const unsigned char *p)
{
	unsigned	sum = 0;
	size_t		i;

	for (i = 0; i < FIREFOX_SLOT; i += 2)
		sum ^= firefox_u16(p + i);
	return sum == 0 && firefox_u16(p + 2) != 0 && firefox_u16(p + 4) != 0;
}

int
firefox_bin_read(const char *path, const char *buf, size_t len,
    struct hsts_store **out, struct hs_error *err)
{
	const unsigned char	*p = (const unsigned char *)buf;
	struct hsts_store	*st;
	char			 where[32];
	size_t			 i, nslots = len / FIREFOX_SLOT, kn, vn;
	const char		*key, *val;

	*out = NULL;
	if ((st = hsts_store_new(path, HSTS_FMT_FIREFOX_BIN)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	if (len % FIREFOX_SLOT != 0)
		hsts_store_warnf(st, "the last slot is torn (%zu bytes of %d); "
		    "read as empty, as Firefox does", len % FIREFOX_SLOT,
		    FIREFOX_SLOT);
	for (i = 0; i < nslots; i++) {
		if (!firefox_slot_valid(p + i * FIREFOX_SLOT))
			continue;
		key = buf + i * FIREFOX_SLOT + SLOT_HEAD;
		val = key + SLOT_KEY;
		kn = strnlen(key, SLOT_KEY);
		vn = strnlen(val, SLOT_VALUE);
		snprintf(where, sizeof where, "slot %zu", i);
		if (firefox_add(st, key, kn, val, vn, i * FIREFOX_SLOT,
		    FIREFOX_SLOT, where) != HS_OK) {
			hsts_store_free(st);
			return hs_error_set(err, HS_ENOMEM, "out of memory");
		}
	}
	*out = st;
	return HS_OK;
}

int
firefox_bin_drop(const struct hsts_store *st, const char *buf, size_t len,
    const unsigned char *drop, char **out, size_t *outlen,
    struct hs_error *err)
{
	char	*o;
	size_t	 i;

	if ((o = malloc(len + 1)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	memcpy(o, buf, len);
	o[len] = '\0';
	for (i = 0; i < st->nentries; i++)
		if (drop[i])
			memset(o + st->entries[i].at, 0, st->entries[i].len);
	*out = o;
	*outlen = len;
	return HS_OK;
}

/* A .txt line: key<TAB>score<TAB>lastAccessed<TAB>value. */
static int
firefox_txt_line(struct hsts_store *st, const struct hs_line *l,
    struct hs_error *err)
{
	const char	*t1, *t2, *t3, *end = l->p + l->len;
	char		 where[32];

	if (l->len == 0)
		return HS_OK;
	snprintf(where, sizeof where, "line %u", l->no);
	if ((t1 = memchr(l->p, '\t', l->len)) == NULL ||
	    (t2 = memchr(t1 + 1, '\t', (size_t)(end - t1 - 1))) == NULL ||
	    (t3 = memchr(t2 + 1, '\t', (size_t)(end - t2 - 1))) == NULL) {
		hsts_store_warnf(st, "%s: not KEY<TAB>SCORE<TAB>DAY<TAB>VALUE; "
		    "skipped", where);
		return HS_OK;
	}
	if (t1 - l->p > SLOT_KEY)
		return hs_error_at_line(err, HS_EFORMAT, (int)l->no, 1,
		    "line %u: the key is %zu bytes; Firefox's keys are at "
		    "most %d", l->no, (size_t)(t1 - l->p), SLOT_KEY);
	if (firefox_add(st, l->p, (size_t)(t1 - l->p), t3 + 1,
	    (size_t)(end - t3 - 1), l->at, l->span, where) != HS_OK)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	return HS_OK;
}

int
firefox_txt_read(const char *path, const char *buf, size_t len,
    struct hsts_store **out, struct hs_error *err)
{
	char	bin[4200];
	int	r;
	FILE	*f;

	r = text_store_read(path, HSTS_FMT_FIREFOX_TXT, buf, len,
	    firefox_txt_line, out, err);
	if (r != HS_OK)
		return r;
	/* With a .bin beside it, Firefox reads that and ignores this. */
	snprintf(bin, sizeof bin, "%.*s%s", (int)(strlen(path) -
	    strlen(FIREFOX_TXT_NAME)), path, FIREFOX_BIN_NAME);
	if (firefox_named(path, FIREFOX_TXT_NAME) &&
	    (f = fopen(bin, "rb")) != NULL) {
		fclose(f);
		hsts_store_warnf(*out, "Firefox ignores this file: %s is "
		    "beside it", FIREFOX_BIN_NAME);
	}
	return HS_OK;
}
