/*
 * ossl.c: OpenSSL loaded when first needed; see ossl.h.  libssl brings
 * libcrypto, and dlsym looks in both.
 */
#define HS_OSSL_LOADER
#include "net/ossl.h"

#ifdef HS_OPENSSL_SONAME
HS_DYNLIB_LOADER(hs_ossl, HS_OSSL_FUNCS, HS_OPENSSL_SONAME, "OpenSSL",
    "live checks need it")
#else
HS_DYNLIB_LINKED(hs_ossl, HS_OSSL_FUNCS)
#endif
