/*
 * trust-print.c: trust settings in words and as JSON, for trust list and
 * the reports of trust remove.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/cftime.h"
#include "util/encode.h"

/* The policy of a constraint in words: "SSL (1.2.840...)", or as given. */
static const char *
trust_policy_text(const struct tset_use *u, char *buf, size_t len)
{
	char	safe[CLI_SAFE_MAX];

	if (!u->has_policy)
		snprintf(buf, len, "any policy");
	else if (u->policy_name != NULL)
		snprintf(buf, len, "%s (%s)", u->policy_name, u->policy);
	else
		snprintf(buf, len, "%s", cli_safe(u->policy, safe,
		    sizeof safe));
	return buf;
}

static void
trust_use_text(FILE *f, const struct tset_use *u)
{
	char		 pol[CLI_SAFE_MAX], safe[CLI_SAFE_MAX], ku[200];
	const char	*name;

	fprintf(f, "    constraint %zu: %s", u->index, trust_policy_text(u,
	    pol, sizeof pol));
	if (u->scope != NULL)
		fprintf(f, ", for %s", cli_safe(u->scope, safe, sizeof safe));
	if (u->policy_label != NULL)
		fprintf(f, " (policy name %s)", cli_safe(u->policy_label, safe,
		    sizeof safe));
	if (u->has_app)
		fprintf(f, ", for one application");
	if (u->has_error) {
		name = tset_error_name(u->error);
		fprintf(f, ", allowing %s%s%lld%s", name ? name : "error",
		    name ? " (" : " ", (long long)u->error, name ? ")" : "");
	}
	name = u->has_result ? tset_result_name(u->result) : "TrustRoot";
	if (name != NULL)
		fprintf(f, ": %s%s", name, u->has_result ? "" : " (absent: "
		    "TrustRoot)");
	else
		fprintf(f, ": result %lld (unknown)", (long long)u->result);
	if (u->has_key_usage)
		fprintf(f, ", key usage %s", tset_key_usage_text(u->key_usage,
		    ku, sizeof ku));
	fputc('\n', f);
}

void
cli_trust_text(FILE *f, const struct tset_record *r)
{
	char	buf[1024], hex[1024], when[64];
	size_t	i, n;

	fprintf(f, "%s%s\n", r->key, r->default_root ? " (the default for "
	    "roots)" : "");
	fprintf(f, "    issuer    %s\n", tset_issuer_text(r, buf, sizeof buf));
	n = r->serial_len < 500 ? r->serial_len : 500;
	hs_encode_hex(r->serial, n, hex);
	fprintf(f, "    serial    %s\n", n ? hex : "(empty)");
	hs_cftime_format(r->mod_date, when, sizeof when);
	fprintf(f, "    modified  %s\n", when);
	if (tset_trusts_all(r))
		fprintf(f, "    TRUSTED FOR EVERYTHING: %s, so the certificate "
		    "is a trusted root\n    for every purpose and host\n",
		    r->has_settings ? "no constraints" : "no trustSettings");
	for (i = 0; i < r->nuses; i++)
		trust_use_text(f, &r->uses[i]);
}

json_object *
cli_trust_json(const struct tset_record *r)
{
	json_object	*o = json_object_new_object(), *a, *c;
	char		 buf[1024], hex[1024], ku[200];
	size_t		 i, n;
	const struct tset_use *u;

	json_object_object_add(o, "key", json_object_new_string(r->key));
	json_object_object_add(o, "default_root",
	    json_object_new_boolean(r->default_root));
	json_object_object_add(o, "issuer", json_object_new_string(
	    tset_issuer_text(r, buf, sizeof buf)));
	n = r->serial_len < 500 ? r->serial_len : 500;
	hs_encode_hex(r->serial, n, hex);
	json_object_object_add(o, "serial", n ? json_object_new_string(hex) :
	    NULL);
	cli_json_time(o, "modified", r->mod_date, 1);
	json_object_object_add(o, "trusted_for_everything",
	    json_object_new_boolean(tset_trusts_all(r)));
	a = json_object_new_array();
	for (i = 0; i < r->nuses; i++) {
		u = &r->uses[i];
		c = json_object_new_object();
		json_object_object_add(c, "index",
		    json_object_new_int64((int64_t)u->index));
		json_object_object_add(c, "policy", u->has_policy ?
		    json_object_new_string(u->policy) : NULL);
		json_object_object_add(c, "policy_meaning", u->policy_name ?
		    json_object_new_string(u->policy_name) : NULL);
		json_object_object_add(c, "policy_name", u->policy_label ?
		    json_object_new_string(u->policy_label) : NULL);
		json_object_object_add(c, "scope", u->scope ?
		    json_object_new_string(u->scope) : NULL);
		json_object_object_add(c, "application",
		    json_object_new_boolean(u->has_app));
		json_object_object_add(c, "allowed_error", u->has_error ?
		    json_object_new_int64(u->error) : NULL);
		json_object_object_add(c, "allowed_error_name", u->has_error &&
		    tset_error_name(u->error) ? json_object_new_string(
		    tset_error_name(u->error)) : NULL);
		json_object_object_add(c, "result", json_object_new_int64(
		    u->has_result ? u->result : 1));
		json_object_object_add(c, "result_name", tset_result_name(
		    u->has_result ? u->result : 1) ? json_object_new_string(
		    tset_result_name(u->has_result ? u->result : 1)) : NULL);
		json_object_object_add(c, "key_usage", u->has_key_usage ?
		    json_object_new_int64(u->key_usage) : NULL);
		json_object_object_add(c, "key_usage_text", u->has_key_usage ?
		    json_object_new_string(tset_key_usage_text(u->key_usage,
		    ku, sizeof ku)) : NULL);
		json_object_array_add(a, c);
	}
	json_object_object_add(o, "constraints", a);
	return o;
}
