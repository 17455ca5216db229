/*
 * ossl.h: the OpenSSL functions the TLS probe (probe.c) calls, through a
 * table.  Where configure found libssl's file name (HS_OPENSSL_SONAME),
 * OpenSSL is loaded with dlopen when the first probe starts, not when
 * hstsctl starts: loading and relocating libssl and libcrypto is a third
 * of what starting hstsctl costs (doc/PERFORMANCE.md), and only check and
 * doctor need them.  Elsewhere the table holds the functions linked in the
 * usual way.
 *
 * Include it after the OpenSSL headers: outside ossl.c it renames each
 * function below to its entry in the table.  A function probe.c starts
 * to use must be added to HS_OSSL_FUNCS (the link fails until it is).
 */
#ifndef HS_OSSL_H
#define HS_OSSL_H

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "util/dynlib.h"

#define HS_OSSL_FUNCS(X) \
	X(ASN1_STRING_get0_data) \
	X(ASN1_STRING_length) \
	X(ASN1_TIME_to_tm) \
	X(CRYPTO_get_ex_new_index) \
	X(ERR_clear_error) \
	X(ERR_peek_last_error) \
	X(ERR_reason_error_string) \
	X(EVP_MD_fetch) \
	X(EVP_MD_free) \
	X(EVP_sha1) \
	X(GENERAL_NAMES_free) \
	X(OPENSSL_sk_num) \
	X(OPENSSL_sk_pop_free) \
	X(OPENSSL_sk_value) \
	X(SSL_CTX_free) \
	X(SSL_CTX_new) \
	X(SSL_CTX_set_alpn_protos) \
	X(SSL_CTX_set_cert_verify_callback) \
	X(SSL_CTX_set_verify) \
	X(SSL_connect) \
	X(SSL_ctrl) \
	X(SSL_free) \
	X(SSL_get0_peer_certificate) \
	X(SSL_get_peer_cert_chain) \
	X(SSL_get_version) \
	X(SSL_new) \
	X(SSL_read) \
	X(SSL_set_fd) \
	X(SSL_shutdown) \
	X(SSL_write) \
	X(TLS_client_method) \
	X(X509_NAME_oneline) \
	X(X509_STORE_CTX_free) \
	X(X509_STORE_CTX_get0_param) \
	X(X509_STORE_CTX_get1_chain) \
	X(X509_STORE_CTX_get_error) \
	X(X509_STORE_CTX_get_error_depth) \
	X(X509_STORE_CTX_get_ex_data) \
	X(X509_STORE_CTX_init) \
	X(X509_STORE_CTX_new) \
	X(X509_STORE_CTX_set_ex_data) \
	X(X509_STORE_CTX_set_purpose) \
	X(X509_STORE_CTX_set_verify_cb) \
	X(X509_STORE_free) \
	X(X509_STORE_load_locations) \
	X(X509_STORE_new) \
	X(X509_STORE_set_default_paths) \
	X(X509_VERIFY_PARAM_set1_host) \
	X(X509_check_issued) \
	X(X509_cmp) \
	X(X509_digest) \
	X(X509_free) \
	X(X509_get0_notAfter) \
	X(X509_get0_notBefore) \
	X(X509_get_ext_d2i) \
	X(X509_get_issuer_name) \
	X(X509_get_subject_name) \
	X(X509_verify_cert) \
	X(X509_verify_cert_error_string)

/*
 * Make the table usable: load OpenSSL if that was put off.  Once per
 * process; call it before any other thread uses OpenSSL.  HS_EIO with a
 * message naming the library when it cannot be loaded.
 */
HS_DYNLIB_TABLE(hs_ossl, HS_OSSL_FUNCS);

#ifndef HS_OSSL_LOADER
#define ASN1_STRING_get0_data	(hs_ossl.ASN1_STRING_get0_data)
#define ASN1_STRING_length	(hs_ossl.ASN1_STRING_length)
#define ASN1_TIME_to_tm	(hs_ossl.ASN1_TIME_to_tm)
#define CRYPTO_get_ex_new_index	(hs_ossl.CRYPTO_get_ex_new_index)
#define ERR_clear_error	(hs_ossl.ERR_clear_error)
#define ERR_peek_last_error	(hs_ossl.ERR_peek_last_error)
#define ERR_reason_error_string	(hs_ossl.ERR_reason_error_string)
#define EVP_MD_fetch	(hs_ossl.EVP_MD_fetch)
#define EVP_MD_free	(hs_ossl.EVP_MD_free)
#define EVP_sha1	(hs_ossl.EVP_sha1)
#define GENERAL_NAMES_free	(hs_ossl.GENERAL_NAMES_free)
#define OPENSSL_sk_num	(hs_ossl.OPENSSL_sk_num)
#define OPENSSL_sk_pop_free	(hs_ossl.OPENSSL_sk_pop_free)
#define OPENSSL_sk_value	(hs_ossl.OPENSSL_sk_value)
#define SSL_CTX_free	(hs_ossl.SSL_CTX_free)
#define SSL_CTX_new	(hs_ossl.SSL_CTX_new)
#define SSL_CTX_set_alpn_protos	(hs_ossl.SSL_CTX_set_alpn_protos)
#define SSL_CTX_set_cert_verify_callback	(hs_ossl.SSL_CTX_set_cert_verify_callback)
#define SSL_CTX_set_verify	(hs_ossl.SSL_CTX_set_verify)
#define SSL_connect	(hs_ossl.SSL_connect)
#define SSL_ctrl	(hs_ossl.SSL_ctrl)
#define SSL_free	(hs_ossl.SSL_free)
#define SSL_get0_peer_certificate	(hs_ossl.SSL_get0_peer_certificate)
#define SSL_get_peer_cert_chain	(hs_ossl.SSL_get_peer_cert_chain)
#define SSL_get_version	(hs_ossl.SSL_get_version)
#define SSL_new	(hs_ossl.SSL_new)
#define SSL_read	(hs_ossl.SSL_read)
#define SSL_set_fd	(hs_ossl.SSL_set_fd)
#define SSL_shutdown	(hs_ossl.SSL_shutdown)
#define SSL_write	(hs_ossl.SSL_write)
#define TLS_client_method	(hs_ossl.TLS_client_method)
#define X509_NAME_oneline	(hs_ossl.X509_NAME_oneline)
#define X509_STORE_CTX_free	(hs_ossl.X509_STORE_CTX_free)
#define X509_STORE_CTX_get0_param	(hs_ossl.X509_STORE_CTX_get0_param)
#define X509_STORE_CTX_get1_chain	(hs_ossl.X509_STORE_CTX_get1_chain)
#define X509_STORE_CTX_get_error	(hs_ossl.X509_STORE_CTX_get_error)
#define X509_STORE_CTX_get_error_depth	(hs_ossl.X509_STORE_CTX_get_error_depth)
#define X509_STORE_CTX_get_ex_data	(hs_ossl.X509_STORE_CTX_get_ex_data)
#define X509_STORE_CTX_init	(hs_ossl.X509_STORE_CTX_init)
#define X509_STORE_CTX_new	(hs_ossl.X509_STORE_CTX_new)
#define X509_STORE_CTX_set_ex_data	(hs_ossl.X509_STORE_CTX_set_ex_data)
#define X509_STORE_CTX_set_purpose	(hs_ossl.X509_STORE_CTX_set_purpose)
#define X509_STORE_CTX_set_verify_cb	(hs_ossl.X509_STORE_CTX_set_verify_cb)
#define X509_STORE_free	(hs_ossl.X509_STORE_free)
#define X509_STORE_load_locations	(hs_ossl.X509_STORE_load_locations)
#define X509_STORE_new	(hs_ossl.X509_STORE_new)
#define X509_STORE_set_default_paths	(hs_ossl.X509_STORE_set_default_paths)
#define X509_VERIFY_PARAM_set1_host	(hs_ossl.X509_VERIFY_PARAM_set1_host)
#define X509_check_issued	(hs_ossl.X509_check_issued)
#define X509_cmp	(hs_ossl.X509_cmp)
#define X509_digest	(hs_ossl.X509_digest)
#define X509_free	(hs_ossl.X509_free)
#define X509_get0_notAfter	(hs_ossl.X509_get0_notAfter)
#define X509_get0_notBefore	(hs_ossl.X509_get0_notBefore)
#define X509_get_ext_d2i	(hs_ossl.X509_get_ext_d2i)
#define X509_get_issuer_name	(hs_ossl.X509_get_issuer_name)
#define X509_get_subject_name	(hs_ossl.X509_get_subject_name)
#define X509_verify_cert	(hs_ossl.X509_verify_cert)
#define X509_verify_cert_error_string	(hs_ossl.X509_verify_cert_error_string)
#endif

#endif
