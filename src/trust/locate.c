/* locate.c: walking a property list for trust-exception blobs. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trust/locate.h"
#include "util/encode.h"

#define SAFARI_DATA	"BypassedInvalidCertificateExceptionData"
#define SAFARI_HOST	"BypassedInvalidCertificateHost"
#define SAFARI_DATE	"BypassedInvalidCertificateDate"

struct texc_walk {
	const struct plist_doc	 *doc;
	char			**path;		/* the keys so far */
	plist_t			 *nodes;	/* the containers so far */
	size_t			  depth;
	int			  in_array;
	struct texc_found	 *found;
	size_t			  nfound;
	struct hs_error		 *err;
};

const char *
texc_layout_name(enum texc_layout l)
{
	static const char *const names[] = { "plain", "eapclient", "safari",
	    "sha1-map" };

	return names[l];
}

static int
texc_is_sha1_hex(const char *s)
{
	size_t	i;

	for (i = 0; i < 2 * TEXC_SHA1_LEN; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return s[i] == '\0';
}

static char *
texc_string(plist_t v)
{
	char	*s = NULL;

	if (v != NULL && plist_get_node_type(v) == PLIST_STRING)
		plist_get_string_val(v, &s);
	return s;
}

static int
texc_eap_domain(const char *s)
{
	return strcmp(s, "WirelessSSID") == 0 || strcmp(s, "ProfileID") == 0 ||
	    strcmp(s, "NetworkInterfaceName") == 0;
}

/* Name the layout of a blob found at w's path; fill f. */
static void
texc_classify(struct texc_walk *w, struct texc_found *f)
{
	plist_t		parent = w->nodes[w->depth - 1], d;
	const char	*key = w->path[w->depth - 1];
	size_t		hl;

	f->remove_at = w->depth - 1;
	if (!w->in_array && strcmp(key, SAFARI_DATA) == 0 && w->depth >= 2 &&
	    (f->owner = texc_string(plist_dict_get_item(parent,
	    SAFARI_HOST))) != NULL) {
		f->layout = TEXC_LAYOUT_SAFARI;
		f->remove_at = w->depth - 2;
		hl = strlen(f->owner);
		if (strncmp(w->path[w->depth - 2], f->owner, hl) == 0)
			f->port = strdup(w->path[w->depth - 2] + hl);
		d = plist_dict_get_item(parent, SAFARI_DATE);
		f->has_date = d != NULL && plist_doc_number(w->doc, d,
		    &f->date) == 0;
		return;
	}
	if (texc_is_sha1_hex(key))
		f->key_sha1 = strdup(key);
	if (!w->in_array && w->depth == 3 && texc_eap_domain(w->path[0])) {
		f->layout = TEXC_LAYOUT_EAP;
		f->domain = strdup(w->path[0]);
		f->owner = strdup(w->path[1]);
		return;
	}
	if (f->key_sha1 != NULL)
		f->layout = TEXC_LAYOUT_SHA1_MAP;
}

static int
texc_found_add(struct texc_walk *w, struct texc *blob)
{
	struct texc_found	*f;
	size_t			 i;

	f = realloc(w->found, (w->nfound + 1) * sizeof *f);
	if (f == NULL)
		return HS_ENOMEM;
	w->found = f;
	f = &w->found[w->nfound++];
	memset(f, 0, sizeof *f);
	f->blob = blob;
	f->in_array = w->in_array;
	f->depth = w->depth;
	if ((f->path = calloc(w->depth + 1, sizeof *f->path)) == NULL)
		return HS_ENOMEM;
	for (i = 0; i < w->depth; i++)
		if ((f->path[i] = strdup(w->path[i])) == NULL)
			return HS_ENOMEM;
	if (blob->certs[0].has_sha1)
		hs_encode_hex(blob->certs[0].sha1, TEXC_SHA1_LEN, f->leaf_sha1);
	if (w->depth > 0)
		texc_classify(w, f);
	return HS_OK;
}

static int	texc_walk_node(struct texc_walk *, plist_t);

static int
texc_walk_data(struct texc_walk *w, plist_t v)
{
	struct texc	*blob;
	struct hs_error	 quiet;
	const char	*p;
	uint64_t	 n = 0;

	p = plist_get_data_ptr(v, &n);
	/* Only plists can be blobs; skip other data without parsing. */
	if (n < 8 || (memcmp(p, "bplist", 6) != 0 && p[0] != '<'))
		return HS_OK;
	hs_error_init(&quiet);
	if (texc_decode(p, (size_t)n, &blob, &quiet) != HS_OK)
		return quiet.code == HS_ENOMEM ? HS_ENOMEM : HS_OK;
	if (texc_found_add(w, blob) != HS_OK) {
		texc_free(blob);
		return HS_ENOMEM;
	}
	return HS_OK;
}

static int
texc_walk_push(struct texc_walk *w, plist_t container, char *key)
{
	char	**np;
	plist_t	 *nn;

	np = realloc(w->path, (w->depth + 1) * sizeof *np);
	if (np == NULL)
		return HS_ENOMEM;
	w->path = np;
	nn = realloc(w->nodes, (w->depth + 1) * sizeof *nn);
	if (nn == NULL)
		return HS_ENOMEM;
	w->nodes = nn;
	w->path[w->depth] = key;
	w->nodes[w->depth] = container;
	w->depth++;
	return HS_OK;
}

static int
texc_walk_dict(struct texc_walk *w, plist_t d)
{
	plist_dict_iter	 it = NULL;
	char		*key;
	plist_t		 v;
	int		 r = HS_OK;

	plist_dict_new_iter(d, &it);
	while (r == HS_OK) {
		plist_dict_next_item(d, it, &key, &v);
		if (v == NULL)
			break;
		if ((r = texc_walk_push(w, d, key)) != HS_OK) {
			free(key);
			break;
		}
		r = texc_walk_node(w, v);
		free(w->path[--w->depth]);
	}
	free(it);
	return r;
}

static int
texc_walk_array(struct texc_walk *w, plist_t a)
{
	uint32_t	i, n = plist_array_get_size(a);
	char		*key;
	int		 r = HS_OK, was = w->in_array;

	w->in_array = 1;
	for (i = 0; i < n && r == HS_OK; i++) {
		if (asprintf(&key, "[%u]", i) == -1 ||
		    texc_walk_push(w, a, key) != HS_OK) {
			r = HS_ENOMEM;
			break;
		}
		r = texc_walk_node(w, plist_array_get_item(a, i));
		free(w->path[--w->depth]);
	}
	w->in_array = was;
	return r;
}

static int
texc_walk_node(struct texc_walk *w, plist_t v)
{
	switch (plist_get_node_type(v)) {
	case PLIST_DICT:
		return texc_walk_dict(w, v);
	case PLIST_ARRAY:
		return texc_walk_array(w, v);
	case PLIST_DATA:
		return texc_walk_data(w, v);
	default:
		return HS_OK;
	}
}

int
texc_find_all(const struct plist_doc *doc, struct texc_found **out,
    size_t *n, struct hs_error *err)
{
	struct texc_walk	w;
	plist_t			root;
	int			r;

	memset(&w, 0, sizeof w);
	w.doc = doc;
	w.err = err;
	if ((r = plist_doc_tree(doc, &root, err)) == HS_OK &&
	    texc_walk_node(&w, root) != HS_OK)
		r = hs_error_set(err, HS_ENOMEM, "out of memory");
	free(w.path);
	free(w.nodes);
	if (r != HS_OK) {
		texc_found_free(w.found, w.nfound);
		*out = NULL;
		*n = 0;
		return r;
	}
	*out = w.found;
	*n = w.nfound;
	return HS_OK;
}

void
texc_found_free(struct texc_found *f, size_t n)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < f[i].depth; k++)
			free(f[i].path[k]);
		free(f[i].path);
		free(f[i].owner);
		free(f[i].port);
		free(f[i].domain);
		free(f[i].key_sha1);
		texc_free(f[i].blob);
	}
	free(f);
}
