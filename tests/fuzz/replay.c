/*
 * replay.c: run every fuzz target over its seed corpus and its
 * regression inputs, without libFuzzer, as part of make check:
 *
 *   replay DIR
 *
 * DIR holds corpus/TARGET/ and regress/TARGET/ for each target.  A crash
 * is the failure; prints "N passed, 0 failed" at the end.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/file.h"
#include "plist/plist-doc.h"

static const struct {
	const char	*name;
	int		(*fn)(const uint8_t *, size_t);
} targets[] = {
	{ "bplist", fuzz_bplist }, { "xmlplist", fuzz_xmlplist },
	{ "exception", fuzz_exception }, { "sts", fuzz_sts },
	{ "edit", fuzz_edit }, { "trust", fuzz_trust },
	{ "stores", fuzz_stores },
};

static int
replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t))
{
	struct hs_error	 err;
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		 path[4096], *buf;
	uint8_t		*exact;
	size_t		 len;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		hs_error_init(&err);
		if (hs_file_read(path, PLIST_MAX_FILE_SIZE, &buf, &len, &st, &err) != HS_OK) {
			fprintf(stderr, "replay: %s: %s\n", path, err.msg);
			exit(1);
		}
		/* An exact-size copy, so overreads show under ASan. */
		if ((exact = malloc(len ? len : 1)) == NULL)
			exit(1);
		memcpy(exact, buf, len);
		free(buf);
		fn(exact, len);
		free(exact);
		n++;
	}
	closedir(d);
	return n;
}

int
main(int argc, char **argv)
{
	char	dir[4096];
	size_t	i;
	int	n, total = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: replay DIR\n");
		return 2;
	}
	for (i = 0; i < sizeof targets / sizeof *targets; i++) {
		snprintf(dir, sizeof dir, "%s/corpus/%s", argv[1],
		    targets[i].name);
		n = replay_dir(dir, targets[i].fn);
		snprintf(dir, sizeof dir, "%s/regress/%s", argv[1],
		    targets[i].name);
		n += replay_dir(dir, targets[i].fn);
		printf("%s: %d inputs\n", targets[i].name, n);
		total += n;
	}
	printf("%d passed, 0 failed\n", total);
	return 0;
}
