/* Host tests of command-line parsing (kernel/cmdline.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <kernel/cmdline.h>

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
