/* Host tests of command-line parsing (kernel/cmdline.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <kernel/cmdline.h>
#include <kernel/errno.h>

static const char *line = "console=ttyAMA0 poweroff show=buddyinfo,zoneinfo mem_dma=8M vmalloc=0x10000000 quiet";

static void test_flags(void **state)
{
	assert_true(cmdline_has(line, "poweroff"));
	assert_true(cmdline_has(line, "quiet"));
	assert_false(cmdline_has(line, "power"));	/* whole words only */
	assert_false(cmdline_has(line, "show"));	/* show=... is not the flag */
	assert_false(cmdline_has("", "poweroff"));
}

static void test_values(void **state)
{
	char v[32];

	assert_true(cmdline_get(line, "console", v, sizeof(v)));
	assert_string_equal(v, "ttyAMA0");
	assert_true(cmdline_get(line, "mem_dma", v, sizeof(v)));
	assert_int_equal(memparse(v, NULL), 8u << 20);
	assert_true(cmdline_get(line, "vmalloc", v, sizeof(v)));
	assert_int_equal(memparse(v, NULL), 0x10000000);
	assert_false(cmdline_get(line, "mem", v, sizeof(v)));	/* not mem_dma */
	assert_true(cmdline_get(line, "console", v, 4));	/* truncated, terminated */
	assert_string_equal(v, "tty");
}

static void test_lists(void **state)
{
	assert_true(cmdline_list_has(line, "show", "buddyinfo"));
	assert_true(cmdline_list_has(line, "show", "zoneinfo"));
	assert_false(cmdline_list_has(line, "show", "zone"));
	assert_false(cmdline_list_has(line, "show", "meminfo"));
	assert_false(cmdline_list_has(line, "selftest", "buddy"));
}

static void test_numbers(void **state)
{
	const char *end;

	assert_int_equal(memparse("16K", &end), 16384);
	assert_int_equal(*end, '\0');
	assert_int_equal(memparse("1G", NULL), 1u << 30);
	assert_int_equal(memparse("42", NULL), 42);
	assert_int_equal(simple_strtoul("0x1fZ", &end, 0), 0x1f);
	assert_int_equal(*end, 'Z');
	assert_int_equal(simple_strtoul("777", NULL, 8), 511);
}

/* Linux's memparse and kstrtoull, as zram's sysfs files parse with them. */
static void test_linux_number_rules(void **state)
{
	unsigned long long v = 0;
	const char *s = "xyz", *end;

	assert_true(memparse("64M\n", &end) == 64ull << 20);
	assert_int_equal(*end, '\n');
	assert_true(memparse("2t", NULL) == 2ull << 40);
	assert_true(memparse("1E", NULL) == 1ull << 60);
	assert_true(memparse("5000000000", NULL) == 5000000000ull);	/* above 32 bits */
	assert_true(memparse("010", NULL) == 8);			/* octal */
	assert_true(memparse("0x10k", NULL) == 16384);
	assert_true(memparse(s, &end) == 0 && end == s);
	s = "garbage";		/* Linux's quirk: 'g' is taken as the suffix of no number */
	assert_true(memparse(s, &end) == 0 && end == s + 1);
	assert_true(memparse("-1", NULL) == 0);
	assert_int_equal(kstrtoull("1\n", 10, &v), 0);
	assert_true(v == 1);
	assert_int_equal(kstrtoull("+42", 0, &v), 0);
	assert_true(v == 42);
	assert_int_equal(kstrtoull("1\n\n", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("\n", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("1 ", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("-1", 10, &v), -EINVAL);
	assert_int_equal(kstrtoull("18446744073709551616", 10, &v), -ERANGE);
	assert_int_equal(kstrtoull("18446744073709551615", 10, &v), 0);
	assert_true(v == ~0ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_linux_number_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
