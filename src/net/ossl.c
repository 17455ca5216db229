/* ossl.c: OpenSSL loaded when first needed; see ossl.h. */
#define HS_OSSL_LOADER
#include "net/ossl.h"
#include "util/dynlib.h"

struct hs_ossl	hs_ossl;

#ifdef HS_OPENSSL_SONAME
int
hs_ossl_load(struct hs_error *err)
{
#define HS_OSSL_NAME(f)	#f,
#define HS_OSSL_SLOT(f)	(void **)&hs_ossl.f,
	static const char *const names[] = { HS_OSSL_FUNCS(HS_OSSL_NAME) };
	static void **const	 slots[] = { HS_OSSL_FUNCS(HS_OSSL_SLOT) };
	static struct hs_dynlib	 dl;

	/* libssl brings libcrypto; dlsym looks in both. */
	if (hs_dynlib_open(&dl, HS_OPENSSL_SONAME, names, slots,
	    sizeof names / sizeof names[0]) == 0)
		return HS_OK;
	return hs_error_set(err, HS_EIO, "cannot load OpenSSL (%s): %s; live "
	    "checks need it", HS_OPENSSL_SONAME, dl.why);
}
#else
int
hs_ossl_load(struct hs_error *err)
{
#define HS_OSSL_SET(f)	hs_ossl.f = f;
	HS_OSSL_FUNCS(HS_OSSL_SET)
	return HS_OK;
}
#endif
