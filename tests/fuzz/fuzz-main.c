/*
 * fuzz-main.c: the libFuzzer entry point; FUZZ_TARGET names the target
 * (fuzz_bplist, ...).  Built only with ./configure --enable-fuzz.
 */
#include "fuzz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	return FUZZ_TARGET(data, len);
}
