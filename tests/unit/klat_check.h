/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every Check test file of klat shares: the runner main(), the timeout of
 * a test case, and the exact-length input buffer the parser tests hand to code
 * written for the kernel's write() path. Include it after the headers under
 * test. Everything is static inline, so a file pays only for what it uses.
 */
#ifndef KLAT_CHECK_H
#define KLAT_CHECK_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

/*
 * @tc into @s with a generous timeout: the sanitizer builds on a loaded
 * machine are slow, and Check's default of 4 s is a wall-clock limit.
 */
static inline void add_tcase(Suite *s, TCase *tc)
{
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
}

/*
 * @len bytes of @s in a heap buffer of exactly that size, no NUL after them
 * (as the kernel hands a write() over), so ASan catches a read past the end.
 */
static inline char *dup_exact(const char *s, size_t len)
{
	char *b = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(b);
	memcpy(b, s, len);
	return b;
}

/*
 * Run every test of @s (output as CK_VERBOSITY says, normal by default) and
 * give main()'s exit status: failure if any test failed.
 */
static inline int klat_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* main() of a test file whose tests are all in the suite @make_suite() builds */
#define KLAT_CHECK_MAIN(make_suite)		\
	int main(void)				\
	{					\
		return klat_check_run(make_suite()); \
	}

#endif /* KLAT_CHECK_H */
