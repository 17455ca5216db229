/* cert-override.c: Firefox's cert_override.txt; see cert-override.h. */
#include <stdlib.h>
#include <string.h>

#include "firefox/cert-override.h"
#include "hsts/host.h"
#include "hsts/text.h"
#include "util/file.h"

#define FCO_HEADER	"# PSM Certificate Override Settings file"
#define FCO_SHA256_OID	"OID.2.16.840.1.101.3.4.2.1"
#define FCO_MAX_SIZE	((size_t)16 << 20)

int
fco_sniff(const char *path, const char *buf, size_t len)
{
	const char	*base = strrchr(path, '/');

	return strcmp(base ? base + 1 : path, FCO_NAME) == 0 ||
	    (len >= sizeof FCO_HEADER - 1 && memcmp(buf, FCO_HEADER,
	    sizeof FCO_HEADER - 1) == 0);
}

/* "AA:BB:..." (32 bytes) into out; -1 if it is not one. */
static int
fco_hex(const char *s, size_t n, unsigned char *out)
{
	size_t	i, k = 0;
	int	hi, lo;

	for (i = 0; i < n && k < 32; k++) {
		if (i + 1 >= n)
			return -1;
		hi = s[i] >= 'a' ? s[i] - 'a' + 10 : s[i] >= 'A' ?
		    s[i] - 'A' + 10 : s[i] - '0';
		lo = s[i + 1] >= 'a' ? s[i + 1] - 'a' + 10 : s[i + 1] >= 'A' ?
		    s[i + 1] - 'A' + 10 : s[i + 1] - '0';
		if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
			return -1;
		out[k] = (unsigned char)(hi << 4 | lo);
		i += 2;
		if (i < n && s[i++] != ':')
			return -1;
	}
	return k == 32 && i >= n ? 0 : -1;
}

/* host:port[:attrs] of n bytes at s into e; -1 if it is not one. */
static int
fco_origin(const char *s, size_t n, struct fco_entry *e)
{
	const char	*hend, *p, *end = s + n;
	unsigned long	 port = 0;
	struct hs_error	 err;

	if (n > 0 && *s == '[') {
		if ((hend = memchr(s, ']', n)) == NULL)
			return -1;
		e->host = strndup(s + 1, (size_t)(hend - s - 1));
		p = hend + 1;
	} else {
		if ((hend = memchr(s, ':', n)) == NULL)
			return -1;
		e->host = strndup(s, (size_t)(hend - s));
		p = hend;
	}
	if (e->host == NULL || p >= end || *p++ != ':')
		return -1;
	for (; p < end && *p >= '0' && *p <= '9' && port <= 65535; p++)
		port = port * 10 + (unsigned long)(*p - '0');
	if (port == 0 || port > 65535 || (p < end && *p != ':'))
		return -1;
	e->port = (unsigned)port;
	e->attrs = p < end ? strndup(p + 1, (size_t)(end - p - 1)) :
	    strdup("");
	hs_error_init(&err);
	if (host_normalise(e->host, &e->norm, &err) != HS_OK)
		e->norm = NULL;
	return e->attrs == NULL ? -1 : 0;
}

static void
fco_entry_clear(struct fco_entry *e)
{
	free(e->host);
	free(e->norm);
	free(e->attrs);
}

/* One line: an entry, a comment, or a line Firefox skips. */
static int
fco_line(struct fco *f, const struct hs_line *l)
{
	struct fco_entry	 e, *nv;
	const char		*t1, *t2, *t3, *end = l->p + l->len;

	if (l->len == 0 || l->p[0] == '#')
		return HS_OK;
	memset(&e, 0, sizeof e);
	if ((t1 = memchr(l->p, '\t', l->len)) == NULL ||
	    (t2 = memchr(t1 + 1, '\t', (size_t)(end - t1 - 1))) == NULL ||
	    fco_origin(l->p, (size_t)(t1 - l->p), &e) != 0) {
		fco_entry_clear(&e);
		f->skipped++;
		return HS_OK;
	}
	t3 = memchr(t2 + 1, '\t', (size_t)(end - t2 - 1));
	e.has_sha256 = (size_t)(t2 - t1 - 1) == sizeof FCO_SHA256_OID - 1 &&
	    memcmp(t1 + 1, FCO_SHA256_OID, sizeof FCO_SHA256_OID - 1) == 0 &&
	    fco_hex(t2 + 1, (size_t)((t3 ? t3 : end) - t2 - 1), e.sha256) == 0;
	e.line = l->no;
	e.at = l->at;
	e.len = l->span;
	if ((nv = realloc(f->v, (f->n + 1) * sizeof *nv)) == NULL) {
		fco_entry_clear(&e);
		return HS_ENOMEM;
	}
	f->v = nv;
	f->v[f->n++] = e;
	return HS_OK;
}

int
fco_parse(const char *buf, size_t len, struct fco **out, struct hs_error *err)
{
	struct fco	*f;
	struct hs_line	 l;
	size_t		 off = 0;
	int		 r;

	*out = NULL;
	if ((f = calloc(1, sizeof *f)) == NULL)
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	memset(&l, 0, sizeof l);
	while ((r = text_store_line(buf, len, &off, &l, err)) == 1)
		if (fco_line(f, &l) != HS_OK) {
			r = hs_error_set(err, HS_ENOMEM, "out of memory");
			break;
		}
	if (r != 0) {
		fco_free(f);
		return r;
	}
	*out = f;
	return HS_OK;
}

int
fco_read(const char *path, struct fco **out, struct hs_error *err)
{
	struct stat	 st;
	char		*buf;
	size_t		 len;
	int		 r;

	if ((r = hs_file_read(path, FCO_MAX_SIZE, &buf, &len, &st, err)) !=
	    HS_OK)
		return r;
	r = fco_parse(buf, len, out, err);
	free(buf);
	return r;
}

void
fco_free(struct fco *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		fco_entry_clear(&f->v[i]);
	free(f->v);
	free(f);
}

int
fco_for_host(const struct fco_entry *e, const char *host)
{
	return strcmp(e->norm ? e->norm : e->host, host) == 0;
}

/* --- removing a host's lines ----------------------------------------------- */

struct fco_edit {
	const char	*host;
	size_t		 removed;
};

static int
fco_plan(void *arg, const char *buf, size_t len, char **out, size_t *outlen,
    struct hs_error *err)
{
	struct fco_edit	*ed = arg;
	struct fco	*f;
	char		*o;
	size_t		 i, at = 0, n = 0;
	int		 r;

	*out = NULL;
	ed->removed = 0;
	if ((r = fco_parse(buf, len, &f, err)) != HS_OK)
		return r;
	if ((o = malloc(len + 1)) == NULL) {
		fco_free(f);
		return hs_error_set(err, HS_ENOMEM, "out of memory");
	}
	for (i = 0; i < f->n; i++) {
		if (!fco_for_host(&f->v[i], ed->host))
			continue;
		memcpy(o + n, buf + at, f->v[i].at - at);
		n += f->v[i].at - at;
		at = f->v[i].at + f->v[i].len;
		ed->removed++;
	}
	memcpy(o + n, buf + at, len - at);
	n += len - at;
	o[n] = '\0';
	fco_free(f);
	if (ed->removed == 0) {
		free(o);
		return HS_OK;
	}
	*out = o;
	*outlen = n;
	return HS_OK;
}

static int
fco_verify(void *arg, const char *buf, size_t len, struct hs_error *err)
{
	struct fco_edit	*ed = arg;
	struct fco	*f;
	size_t		 i, left = 0;

	if (fco_parse(buf, len, &f, err) != HS_OK)
		return hs_error_set(err, HS_EFORMAT, "internal error: the "
		    "edited file does not read back; nothing written");
	for (i = 0; i < f->n; i++)
		left += fco_for_host(&f->v[i], ed->host);
	fco_free(f);
	return left == 0 ? HS_OK : hs_error_set(err, HS_EFORMAT, "internal "
	    "error: the edited file still holds the host; nothing written");
}

int
fco_remove(const char *path, const char *host, int flags, size_t *removed,
    struct hs_error *err)
{
	struct fco_edit		ed = { host, 0 };
	struct hs_file_edit	fe = { fco_plan, fco_verify, &ed,
	    FCO_MAX_SIZE };
	int			r;

	r = hs_file_edit(path, &fe, flags, err);
	*removed = ed.removed;
	return r;
}
