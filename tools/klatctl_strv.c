// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl string lists: a growable list of strings, sorted lookups, and shell globs matched
 * against such a list.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "klatctl_strv.h"

int klatctl_strv_add(struct klatctl_strv *sv, const char *s)
{
	char *d;

	if (sv->n == sv->cap) {
		size_t ncap = sv->cap ? sv->cap * 2 : 64;
		char **nv = realloc(sv->v, ncap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		sv->v = nv;
		sv->cap = ncap;
	}
	d = strdup(s);
	if (!d)
		return -ENOMEM;
	sv->v[sv->n++] = d;
	return 0;
}

static int strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void klatctl_strv_sort_uniq(struct klatctl_strv *sv)
{
	size_t i, j = 0;

	if (!sv->n)
		return;
	qsort(sv->v, sv->n, sizeof(*sv->v), strp_cmp);
	for (i = 1; i < sv->n; i++) {
		if (!strcmp(sv->v[i], sv->v[j]))
			free(sv->v[i]);
		else
			sv->v[++j] = sv->v[i];
	}
	sv->n = j + 1;
}

bool klatctl_strv_bsearch(const struct klatctl_strv *sv, const char *s)
{
	return sv->n && bsearch(&s, sv->v, sv->n, sizeof(*sv->v), strp_cmp);
}

void klatctl_strv_free(struct klatctl_strv *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	memset(sv, 0, sizeof(*sv));
}

/* Sort, then drop every name that occurs more than once. */
void klatctl_strv_sort_drop_dups(struct klatctl_strv *sv)
{
	size_t i = 0, j, n = 0;

	if (!sv->n)	/* qsort(NULL, 0, ...) is undefined */
		return;
	qsort(sv->v, sv->n, sizeof(*sv->v), strp_cmp);
	while (i < sv->n) {
		for (j = i + 1; j < sv->n && !strcmp(sv->v[i], sv->v[j]); j++)
			;
		if (j == i + 1) {
			sv->v[n++] = sv->v[i];
		} else {
			for (; i < j; i++)
				free(sv->v[i]);
		}
		i = j;
	}
	sv->n = n;
}

bool klatctl_is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Names in avail (sorted) matching pattern and not blacklisted, appended to out. */
int klatctl_glob_match(const char *pattern, const struct klatctl_strv *avail,
		       const struct klatctl_strv *blacklist, struct klatctl_strv *out)
{
	size_t i;

	for (i = 0; i < avail->n; i++) {
		if (fnmatch(pattern, avail->v[i], 0))
			continue;
		if (blacklist && klatctl_strv_bsearch(blacklist, avail->v[i]))
			continue;
		if (klatctl_strv_add(out, avail->v[i]))
			return -ENOMEM;
	}
	return 0;
}
