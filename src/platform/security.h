/*
 * security.h: macOS's trust settings through security(1), the supported
 * way to read and change them (trustd's own files are mirrored in its
 * database and must not be edited in place).  security(1) is looked up on
 * PATH, so that the tests put a fake one there.
 */
#ifndef HS_SECURITY_H
#define HS_SECURITY_H

#include "util/error.h"

/*
 * Can this system export and import trust settings: macOS, or a test
 * that set HSTSCTL_TEST_SECURITY?
 */
int	sec_available(void);
/*
 * security trust-settings-export [-d] path: the user's (admin: the admin
 * domain's) trust settings into path.  HS_ENOENT when there are none.
 */
int	sec_export(int, const char *, struct hs_error *);
/* security trust-settings-import [-d] path (it asks for authorisation). */
int	sec_import(int, const char *, struct hs_error *);

#endif
