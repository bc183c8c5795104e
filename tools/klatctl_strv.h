/* SPDX-License-Identifier: GPL-2.0 */
/*
 * klatctl string lists: a growable list of strings, sorted lookups, and shell globs matched
 * against such a list.
 */
#ifndef KLATCTL_STRV_H
#define KLATCTL_STRV_H

#include <stdbool.h>
#include <stddef.h>

/* a growable list of strings */
struct klatctl_strv {
	size_t n, cap;
	char **v;
};

int klatctl_strv_add(struct klatctl_strv *sv, const char *s);
void klatctl_strv_sort_uniq(struct klatctl_strv *sv);
void klatctl_strv_sort_drop_dups(struct klatctl_strv *sv);
bool klatctl_strv_bsearch(const struct klatctl_strv *sv, const char *s);
void klatctl_strv_free(struct klatctl_strv *sv);

/* "did you mean": the edit distance of two strings, and the name of @names closest to @s */
size_t klatctl_edit_distance(const char *a, const char *b);
const char *klatctl_closest(const char *s, const char *const *names, size_t n);

bool klatctl_is_glob(const char *s);
int klatctl_glob_match(const char *pattern, const struct klatctl_strv *avail,
		       const struct klatctl_strv *blacklist, struct klatctl_strv *out);

#endif /* KLATCTL_STRV_H */
