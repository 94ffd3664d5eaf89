/* Host tests of the kernel's printf formatter (kernel/vsprintf.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include <kernel/printk.h>

static char buf[128];

#define CHECK(expect, ...) do { \
	int n_ = snprintf(buf, sizeof(buf), __VA_ARGS__); \
	assert_string_equal(buf, expect); \
	assert_int_equal(n_, (int)strlen(expect)); \
} while (0)

static void test_integers(void **state)
{
	CHECK("0", "%d", 0);
	CHECK("-42", "%d", -42);
	CHECK("-2147483648", "%i", (int)0x80000000);
	CHECK("4294967295", "%u", 0xFFFFFFFFu);
	CHECK("deadbeef", "%x", 0xDEADBEEFu);
	CHECK("DEADBEEF", "%X", 0xDEADBEEFu);
	CHECK("17", "%o", 15);
	CHECK("18446744073709551615", "%llu", ~0ULL);
	CHECK("-9223372036854775808", "%lld", (long long)(1ULL << 63));
	CHECK("255 65535", "%hhu %hu", 0x1FF, 0x1FFFF);
	CHECK("123", "%zu", (size_t)123);
}

static void test_width_and_padding(void **state)
{
	CHECK("   42", "%5d", 42);
	CHECK("00042", "%05d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("  -42", "%5d", -42);
	CHECK("0000beef", "%08x", 0xBEEF);
	CHECK("123456", "%3d", 123456);	/* width is a minimum */
	CHECK("    7", "%*d", 5, 7);
	CHECK("7    |", "%*d|", -5, 7);
}

static void test_strings_chars_pointers(void **state)
{
	CHECK("hello", "%s", "hello");
	CHECK("  abc|abc  |", "%5s|%-5s|", "abc", "abc");
	CHECK("ab", "%.2s", "abcdef");
	{
		const char *volatile nul = NULL;	/* hidden from -Wformat */

		CHECK("(null)", "%s", nul);
	}
	CHECK("x", "%c", 'x');
	CHECK("  x", "%3c", 'x');
	CHECK("0x0000abcd", "%p", (void *)0xabcd);
	CHECK("100%", "%d%%", 100);
	{
		const char *volatile unknown = "%q";	/* unknown conversions print as they stand */

		CHECK("%q", unknown);
	}
}

static void test_truncation(void **state)
{
	char small[8];
	int n = snprintf(small, sizeof(small), "%s", "0123456789");

	assert_int_equal(n, 10);	/* what it would have written */
	assert_string_equal(small, "0123456");
	n = snprintf(small, 0, "%d", 12345);
	assert_int_equal(n, 5);
	assert_int_equal(scnprintf(small, sizeof(small), "%s", "0123456789"), 7);
}

static void test_seq_buf(void **state)
{
	char b[16];
	struct seq_buf s;

	seq_buf_init(&s, b, sizeof(b));
	seq_printf(&s, "%s=%d ", "a", 1);
	seq_printf(&s, "%s=%d", "b", 2);
	assert_string_equal(b, "a=1 b=2");
	assert_false(s.overflow);
	seq_printf(&s, " and a lot more text");
	assert_true(s.overflow);
	assert_int_equal(s.len, sizeof(b) - 1);
	assert_int_equal(strlen(b), sizeof(b) - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_width_and_padding),
		cmocka_unit_test(test_strings_chars_pointers),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_seq_buf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
