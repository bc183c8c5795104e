// SPDX-License-Identifier: GPL-2.0
/*
 * klatctl string lists: a growable list of strings, sorted lookups, and shell globs matched
 * against such a list.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
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

/*
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
 * substitutions and swaps of two neighbours cost 1 each.  Strings up to 63 bytes; longer
 * ones are compared on their first 63.
 */
size_t klatctl_edit_distance(const char *a, const char *b)
{
	size_t d[64][64], la = strnlen(a, 63), lb = strnlen(b, 63), i, j;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1], v = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/*
 * The name of @names closest to @s, as git suggests a command: at most 2 edits away and
 * fewer edits than @s has bytes, or of which @s is a prefix; NULL if none is, or if two are
 * equally close.
 */
const char *klatctl_closest(const char *s, const char *const *names, size_t n)
{
	size_t i, best = SIZE_MAX, len = strlen(s);
	const char *found = NULL;
	bool tie = false;

	for (i = 0; i < n; i++) {
		size_t d = klatctl_edit_distance(s, names[i]);

		if (len && !strncmp(names[i], s, len))
			d = 0;
		if (d > 2 || d >= len)
			continue;
		if (d < best) {
			best = d;
			found = names[i];
			tie = false;
		} else if (d == best) {
			tie = true;
		}
	}
	return tie ? NULL : found;
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
