/*
 * fuzz.h: the fuzz targets.  Each takes any bytes, must never crash, leak
 * or hang, and calls abort() when a property it checks does not hold.
 * Built twice: as libFuzzer programs with --enable-fuzz (fuzz-main.c), and
 * into tests/fuzz/replay, which make check runs over the seed corpora and
 * every input that ever crashed (tests/fuzz/regress).
 */
#ifndef HS_FUZZ_H
#define HS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	fuzz_bplist(const uint8_t *, size_t);
int	fuzz_xmlplist(const uint8_t *, size_t);
int	fuzz_exception(const uint8_t *, size_t);
int	fuzz_sts(const uint8_t *, size_t);
int	fuzz_edit(const uint8_t *, size_t);
int	fuzz_trust(const uint8_t *, size_t);
int	fuzz_stores(const uint8_t *, size_t);

#endif
