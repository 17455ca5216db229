# HS_LAZY_LIB(FEATURE, VAR, PKG, FILE, DARWIN-FILE, SYMBOL, DEFINE, WHEN)
#
# Load a library with dlopen when hstsctl first needs it rather than at
# start-up, where its file can be named and opened: --disable-lazy-FEATURE
# links it as usual.  FILE is the file to open on Linux and the like,
# DARWIN-FILE the one in PKG's libdir on macOS; SYMBOL must be found in
# it.  On success DEFINE (config.h) names the file, HS_DYNLIB_LOADS is
# defined and VAR_LINK_LIBS is empty; otherwise VAR_LINK_LIBS is VAR_LIBS.  WHEN ends the sentences
# "link FEATURE at start-up instead of loading it ..." and "FEATURE's
# file, loaded ...".
AC_DEFUN([HS_LAZY_LIB], [
AC_ARG_ENABLE([lazy-$1],
  [AS_HELP_STRING([--disable-lazy-$1],
    [link $1 at start-up instead of loading it $8])],
  [], [AS_TR_SH([enable_lazy_$1])=yes])
$2_LINK_LIBS=$$2_LIBS
AS_IF([test "x$AS_TR_SH([enable_lazy_$1])" = xyes], [
  AC_SEARCH_LIBS([dlopen], [dl])
  hs_libdir=`$PKG_CONFIG --variable=libdir $3`
  AS_CASE([$host_os],
    [darwin*], [hs_file="$hs_libdir/$5"],
    [hs_file="$4"])
  AC_MSG_CHECKING([whether $hs_file can be loaded when needed])
  AC_RUN_IFELSE([AC_LANG_PROGRAM([[#include <dlfcn.h>
#include <stddef.h>]],
    [[void *h = dlopen("$hs_file", RTLD_NOW | RTLD_LOCAL);
      return h == NULL || dlsym(h, "$6") == NULL;]])],
    [AC_MSG_RESULT([yes])
     AC_DEFINE_UNQUOTED([$7], ["$hs_file"], [$1's file, loaded $8])
     AC_DEFINE([HS_DYNLIB_LOADS], [1],
       [Some library is loaded with dlopen (src/util/dynlib.c).])
     $2_LINK_LIBS=],
    [AC_MSG_RESULT([no: linked at start-up])],
    [AC_MSG_RESULT([cross-compiling: linked at start-up])])])
AC_SUBST([$2_LINK_LIBS])
])
