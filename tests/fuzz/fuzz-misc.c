/*
 * fuzz-misc.c: the trust-exception blob decoder (with the hex and base64
 * input layer in front of it), the Strict-Transport-Security parser, and
 * trust settings with their removal.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "net/sts.h"
#include "plist/plist-txn.h"
#include "trust/exception.h"
#include "trust/settings-remove.h"

int
fuzz_exception(const uint8_t *data, size_t len)
{
	struct texc	*x;
	struct hs_error	 err;
	unsigned char	*blob;
	size_t		 blen;

	hs_error_init(&err);
	if (texc_decode(data, len, &x, &err) == HS_OK)
		texc_free(x);
	else if (err.msg[0] == '\0')
		abort();
	hs_error_init(&err);
	if (texc_input((const char *)data, len, TEXC_INPUT_AUTO, &blob, &blen,
	    &err) != HS_OK)
		return 0;
	if (texc_decode(blob, blen, &x, &err) == HS_OK)
		texc_free(x);
	free(blob);
	return 0;
}

int
fuzz_sts(const uint8_t *data, size_t len)
{
	struct sts_header	a, b;
	int			va, vb;

	va = sts_parse((const char *)data, len, &a);
	vb = sts_parse((const char *)data, len, &b);
	/* Deterministic, and an invalid header always says why. */
	if (va != vb || a.valid != b.valid || a.max_age != b.max_age ||
	    a.include_subdomains != b.include_subdomains)
		abort();
	if (!a.valid && (a.error[0] == '\0' ||
	    memchr(a.error, '\0', sizeof a.error) == NULL))
		abort();
	return 0;
}

/*
 * Trust settings: read any bytes; when they read, plan removing a host's
 * settings, apply the plan and check that it never widens trust: no
 * record that had constraints is left with none.
 */
int
fuzz_trust(const uint8_t *data, size_t len)
{
	struct plist_doc	*doc, *res;
	struct tset		*ts, *after;
	struct tset_plan	 plan;
	struct tset_target	 target = { "dev.example.test", NULL, NULL, 0 };
	struct hs_error		 err;
	char			*out = NULL;
	size_t			 olen, i, k;

	hs_error_init(&err);
	if (plist_doc_parse(data, len, &doc, &err) != HS_OK)
		return 0;
	if (tset_parse(doc, &ts, &err) != HS_OK) {
		if (err.msg[0] == '\0')
			abort();
		plist_doc_free(doc);
		return 0;
	}
	memset(&plan, 0, sizeof plan);
	if (tset_plan(ts, &target, &plan, &err) == HS_OK &&
	    plan.nedits > 0 && plist_doc_apply(doc, plan.edits, plan.nedits,
	    &out, &olen, &err) == HS_OK) {
		if (plist_doc_parse(out, olen, &res, &err) != HS_OK ||
		    tset_parse(res, &after, &err) != HS_OK)
			abort();
		for (i = 0; i < after->nrecs; i++)
			for (k = 0; k < ts->nrecs; k++)
				if (strcmp(after->recs[i].key,
				    ts->recs[k].key) == 0 &&
				    ts->recs[k].nuses > 0 &&
				    after->recs[i].nuses == 0)
					abort();
		tset_free(after);
		plist_doc_free(res);
	}
	free(out);
	for (i = 0; i < plan.nch; i++)
		free(plan.ch[i].key);
	free(plan.ch);
	free(plan.edits);
	tset_free(ts);
	plist_doc_free(doc);
	return 0;
}
