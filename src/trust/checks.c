/* checks.c: the table of trust policy check names. */
#include <stdlib.h>
#include <string.h>

#include "trust/checks.h"

#define R	CHECK_RECOVERABLE
#define F	CHECK_FATAL
#define D	CHECK_DENY
#define O	CHECK_OPTION
#define L	CHECK_LEGACY

/* Sorted by name (strcmp) for bsearch; a test checks the order. */
static const struct check_info checks[] = {
	{ "AnchorApple", R, "the chain does not end at an Apple root" },
	{ "AnchorSHA1", L, "the root is not the one pinned by its SHA-1" },
	{ "AnchorSHA256", R, "the root is not the one pinned by its SHA-256" },
	{ "AnchorTrusted", R, "the chain ends at a root that is not trusted "
	    "(self-signed, or an unknown certificate authority)" },
	{ "AnyRevocationMethod", L, "no revocation method could be used" },
	{ "BasicCertificateProcessing", R, "the certificate failed basic "
	    "processing (malformed or inconsistent fields)" },
	{ "BasicConstraints", R, "the basic constraints extension is wrong" },
	{ "BasicConstraintsCA", R, "a certificate that signs others is not "
	    "marked as a certificate authority" },
	{ "BasicConstraintsPathLen", R, "the chain is longer than a "
	    "certificate authority allows" },
	{ "BasicContraints", L, "the basic constraints extension is wrong "
	    "(old spelling)" },
	{ "BlackListedKey", F, "the key is on Apple's block list" },
	{ "BlackListedLeaf", F, "the certificate is on Apple's block list" },
	{ "CAspkiSHA256", R, "the issuing authority's key is not the pinned "
	    "one" },
	{ "CRL", L, "the certificate revocation list check failed" },
	{ "CTRequired", R, "the certificate lacks the Certificate "
	    "Transparency proof that is required" },
	{ "CertificatePolicy", R, "the certificate does not carry the "
	    "required policy" },
	{ "CertificateTransparency", L, "the Certificate Transparency check "
	    "failed" },
	{ "ChainLength", R, "the chain has the wrong length" },
	{ "CheckIntermediateCountry", L, "the intermediate's country is not "
	    "the required one" },
	{ "CheckIntermediateMarkerOid", L, "the intermediate lacks the "
	    "required marker" },
	{ "CheckIntermediateOrganization", L, "the intermediate's "
	    "organization is not the required one" },
	{ "CheckLeafMarkerOid", L, "the certificate lacks the required "
	    "marker" },
	{ "CheckLeafMarkerOidNoValueCheck", L, "the certificate lacks the "
	    "required marker" },
	{ "CheckLeafMarkersProdAndQA", L, "the certificate lacks the "
	    "required production or QA marker" },
	{ "CriticalExtensions", R, "the certificate has a critical extension "
	    "that is not understood" },
	{ "DuplicateExtension", R, "the certificate has the same extension "
	    "twice" },
	{ "EAPTrustedServerNames", R, "the server's name is not among the "
	    "trusted names of the Wi-Fi profile" },
	{ "Email", R, "the certificate is not for this e-mail address" },
	{ "EmailProtectionEKU", R, "the certificate may not be used for "
	    "e-mail" },
	{ "ExtendedKeyUsage", R, "the certificate may not be used for this "
	    "purpose (extended key usage)" },
	{ "ExtendedValidation", O, "extended validation was asked for" },
	{ "GrayListedKey", R, "the key is on Apple's gray list" },
	{ "GrayListedLeaf", R, "the certificate is on Apple's gray list" },
	{ "IdLinkage", R, "the certificate's key identifiers do not link to "
	    "its issuer" },
	{ "IntermediateCountry", R, "the intermediate's country is not the "
	    "required one" },
	{ "IntermediateEKU", R, "the intermediate may not be used for this "
	    "purpose" },
	{ "IntermediateMarkerOid", R, "the intermediate lacks the required "
	    "marker" },
	{ "IntermediateMarkerOidWithoutValueCheck", R, "the intermediate "
	    "lacks the required marker" },
	{ "IntermediateOrganization", R, "the intermediate's organization is "
	    "not the required one" },
	{ "IntermediateSPKISHA256", R, "the intermediate's key is not the "
	    "pinned one" },
	{ "IssuerCommonName", R, "the issuer's name is not the required one" },
	{ "IssuerCommonNamePrefix", R, "the issuer's name does not start as "
	    "required" },
	{ "IssuerNameConstraints", F, "the issuer's name constraints forbid "
	    "this certificate" },
	{ "IssuerPolicyConstraints", F, "the issuer's policy constraints "
	    "forbid this certificate" },
	{ "KeySize", R, "the key is too small" },
	{ "KeyUsage", R, "the certificate's key may not be used this way "
	    "(key usage)" },
	{ "LeafBasicContraints", L, "the certificate's basic constraints are "
	    "wrong (old spelling)" },
	{ "LeafMarkerOid", R, "the certificate lacks the required marker" },
	{ "LeafMarkerOidWithoutValueCheck", R, "the certificate lacks the "
	    "required marker" },
	{ "LeafMarkersProdAndQA", R, "the certificate lacks the required "
	    "production or QA marker" },
	{ "LeafSPKISHA256", R, "the certificate's key is not the pinned one" },
	{ "MarkRepresentation", R, "the mark certificate's representation is "
	    "wrong" },
	{ "MissingIntermediate", R, "an intermediate certificate is missing, "
	    "so no chain to a root could be built" },
	{ "NameConstraints", R, "an issuer's name constraints forbid this "
	    "name" },
	{ "NoNetworkAccess", O, "network access was turned off for this "
	    "evaluation" },
	{ "NonEmptySubject", R, "the certificate's subject is empty" },
	{ "NonTlsCTRequired", R, "the certificate lacks a required "
	    "Certificate Transparency proof" },
	{ "NotCA", R, "a certificate authority was used as a server "
	    "certificate" },
	{ "NotValidBefore", R, "the certificate was issued after the allowed "
	    "date" },
	{ "OCSP", L, "the OCSP revocation check failed" },
	{ "Online", L, "the online revocation check failed" },
	{ "OtherTrustValidityPeriod", R, "the certificate is valid for longer "
	    "than allowed" },
	{ "PinningRequired", R, "the host requires a pinned certificate and "
	    "this one is not it" },
	{ "PolicyConstraints", R, "an issuer's policy constraints are not "
	    "met" },
	{ "QWAC", R, "the qualified website certificate checks failed" },
	{ "QualifiedCertStatements", L, "the qualified certificate statements "
	    "are wrong" },
	{ "Revocation", F, "the certificate has been revoked" },
	{ "RevocationDbIgnored", O, "the revocation database was ignored" },
	{ "RevocationIfTrusted", O, "revocation is checked only if the chain "
	    "is trusted" },
	{ "RevocationOnline", O, "revocation is checked online" },
	{ "RevocationResponseRequired", R, "no revocation response could be "
	    "had, and one is required" },
	{ "RootMarkerOid", R, "the root lacks the required marker" },
	{ "SSLHostname", R, "the certificate's name does not match the host" },
	{ "ServerAuthEKU", R, "the certificate may not be used for TLS "
	    "servers" },
	{ "SignatureHashAlgorithms", R, "the certificate is signed with a "
	    "hash that is not allowed" },
	{ "SinglePurposeChainEKU", R, "the chain's certificates are not "
	    "limited to one purpose as required" },
	{ "SubjectCommonName", R, "the subject's name is not the required "
	    "one" },
	{ "SubjectCommonNamePrefix", R, "the subject's name does not start as "
	    "required" },
	{ "SubjectCommonNameTEST", R, "the subject's name is not the required "
	    "test name" },
	{ "SubjectOrganization", R, "the subject's organization is not the "
	    "required one" },
	{ "SubjectOrganizationalUnit", R, "the subject's organizational unit "
	    "is not the required one" },
	{ "SystemTrustValidityPeriod", R, "the certificate is valid for "
	    "longer than publicly trusted certificates may be" },
	{ "SystemTrustedCTRequired", R, "a publicly trusted certificate lacks "
	    "the required Certificate Transparency proof" },
	{ "SystemTrustedWeakHash", R, "a publicly trusted certificate is "
	    "signed with a weak hash" },
	{ "SystemTrustedWeakKey", R, "a publicly trusted certificate has a "
	    "weak key" },
	{ "TemporalValidity", R, "the certificate has expired or is not yet "
	    "valid" },
	{ "URI", R, "the certificate is not for this URI" },
	{ "UnparseableExtension", R, "the certificate has an extension that "
	    "cannot be parsed" },
	{ "UsageConstraints", D, "the user's trust settings deny this use of "
	    "the certificate" },
	{ "ValidExpired", L, "the certificate has expired" },
	{ "ValidIntermediates", L, "an intermediate is not valid" },
	{ "ValidLeaf", R, "the certificate is not valid (expired or not yet "
	    "valid)" },
	{ "ValidRoot", R, "the root is not valid (expired or not yet valid)" },
	{ "ValidStarted", L, "the certificate is not valid yet" },
	{ "ValidityPeriodMaximums", R, "the certificate is valid for longer "
	    "than allowed" },
	{ "WeakIntermediates", L, "an intermediate uses a weak key or hash" },
	{ "WeakKeySize", F, "the key is too weak" },
	{ "WeakLeaf", L, "the certificate uses a weak key or hash" },
	{ "WeakRoot", L, "the root uses a weak key or hash" },
	{ "WeakSignature", F, "the signature uses a broken algorithm" },
	{ "email", L, "the certificate is not for this e-mail address (old "
	    "name)" },
};

static int
check_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct check_info *)elem)->name);
}

const struct check_info *
check_find(const char *name)
{
	return bsearch(name, checks, sizeof checks / sizeof checks[0],
	    sizeof checks[0], check_cmp);
}

const char *
check_class_name(enum check_class c)
{
	static const char *const names[] = { "recoverable", "fatal", "deny",
	    "option", "legacy" };

	return names[c];
}

int
check_exceptable(enum check_class c)
{
	return c == CHECK_RECOVERABLE;
}

int
check_table_sorted(void)
{
	size_t	i;

	for (i = 1; i < sizeof checks / sizeof checks[0]; i++)
		if (strcmp(checks[i - 1].name, checks[i].name) >= 0)
			return 0;
	return 1;
}
