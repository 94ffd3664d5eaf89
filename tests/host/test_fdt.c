/*
 * Host tests of the DTB reader (kernel/fdt.c) against blobs compiled by
 * dtc from tests/host/dts (build/host/dtbs), and malformed copies of them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/fdt.h>
#include <kernel/errno.h>

static u8 *blob;
static size_t blob_len;

static void load(const char *name)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "build/host/dtbs/%s.dtb", name);
	f = fopen(path, "rb");
	assert_non_null(f);
	blob = malloc(65536);
	blob_len = fread(blob, 1, 65536, f);
	fclose(f);
	assert_true(blob_len > 40);
}

static int setup(void **state) { load("good"); return 0; }
static int teardown(void **state) { free(blob); return 0; }

static void put32(u8 *p, u32 v)
{
	p[0] = (u8)(v >> 24); p[1] = (u8)(v >> 16); p[2] = (u8)(v >> 8); p[3] = (u8)v;
}

static void test_open_and_paths(void **state)
{
	struct fdt f;
	const char *why;
	u32 len;
	const char *s;

	assert_int_equal(fdt_open(&f, blob, blob_len, &why), 0);
	assert_null(why);
	assert_int_equal(fdt_path(&f, "/"), 0);
	assert_true(fdt_path(&f, "/chosen") > 0);
	assert_true(fdt_path(&f, "/memory") > 0);		/* matches memory@60000000 */
	assert_true(fdt_path(&f, "/memory@60000000") > 0);
	assert_true(fdt_path(&f, "/bus/uart@10009000") > 0);
	assert_int_equal(fdt_path(&f, "/nothing"), -1);
	/* without a unit address, the first node of that name (as libfdt) */
	assert_int_equal(fdt_path(&f, "/bus/uart"), fdt_path(&f, "/bus/uart@10009000"));
	assert_int_equal(fdt_path(&f, "/bus/uart@1"), -1);
	s = fdt_prop(&f, fdt_path(&f, "/chosen"), "bootargs", &len);
	assert_non_null(s);
	assert_string_equal(s, "console=ttyAMA0 show=buddyinfo");
	assert_int_equal(len, strlen(s) + 1);
	assert_string_equal(fdt_prop(&f, 0, "model", NULL), "test board");
	assert_int_equal(fdt_prop_u32(&f, fdt_path(&f, "/chosen"), "linux,initrd-start", 0),
			 0x68000000);
}

static void test_reg_cells(void **state)
{
	struct fdt f;
	const char *why;
	u64 a, s;
	int n;

	assert_int_equal(fdt_open(&f, blob, blob_len, &why), 0);
	assert_true(fdt_reg(&f, fdt_path(&f, "/memory"), 0, &a, &s));
	assert_int_equal(a, 0x60000000);
	assert_int_equal(s, 0x20000000);
	n = fdt_path(&f, "/interrupt-controller@1e001000");
	assert_true(fdt_reg(&f, n, 1, &a, &s));
	assert_int_equal(a, 0x1e000100);
	assert_int_equal(s, 0x100);
	assert_false(fdt_reg(&f, n, 2, &a, &s));
	/* two-cell addresses under /bus */
	assert_true(fdt_reg(&f, fdt_path(&f, "/bus/uart@10009000"), 0, &a, &s));
	assert_int_equal(a, 0x10009000);
	assert_int_equal(s, 0x1000);
}

static void test_compatible_status_irq(void **state)
{
	struct fdt f;
	const char *why;
	int n;

	assert_int_equal(fdt_open(&f, blob, blob_len, &why), 0);
	n = fdt_find_compatible(&f, -1, "arm,pl011");
	assert_string_equal(fdt_node_name(&f, n), "uart@10009000");
	/* the second pl011 is disabled */
	assert_int_equal(fdt_find_compatible(&f, n, "arm,pl011"), -1);
	assert_int_equal(fdt_irq(&f, n, 0), 32 + 5);		/* SPI 5 */
	assert_int_equal(fdt_irq(&f, n, 1), -1);
	n = fdt_find_compatible(&f, -1, "arm,cortex-a9-twd-timer");
	assert_int_equal(fdt_irq(&f, n, 0), 16 + 13);		/* PPI 13 */
	n = fdt_find_compatible(&f, -1, "ti,am3352-uart");
	assert_int_equal(fdt_irq(&f, n, 0), 72);		/* one-cell INTC */
	assert_int_equal(fdt_parent(&f, fdt_path(&f, "/bus/uart@10009000")), fdt_path(&f, "/bus"));
	assert_int_equal(fdt_parent(&f, 0), -1);
	assert_int_equal(fdt_find_compatible(&f, -1, "no,such"), -1);
}

/* Each corruption must be refused with a reason, never crash (ASan). */
static void expect_refused(u8 *b, size_t len, const char *reason)
{
	struct fdt f;
	const char *why;

	assert_int_equal(fdt_open(&f, b, len, &why), -EINVAL);
	assert_non_null(why);
	assert_string_equal(why, reason);
}

static void test_malformed(void **state)
{
	u8 *b = malloc(blob_len);
	u32 off_struct = fdt32(blob + 8), size_struct = fdt32(blob + 36);

#define FRESH() memcpy(b, blob, blob_len)
	FRESH(); put32(b, 0xd00dfeee);
	expect_refused(b, blob_len, "bad magic (not a DTB)");
	FRESH();
	expect_refused(b, 20, "blob shorter than its header");
	FRESH();
	expect_refused(b, blob_len - 8, "totalsize larger than the memory given");
	FRESH(); put32(b + 20, 3);
	expect_refused(b, blob_len, "unsupported DTB version (need 16 or 17)");
	FRESH(); put32(b + 36, (u32)blob_len);
	expect_refused(b, blob_len, "structure block outside the blob or misaligned");
	FRESH(); put32(b + 12, 0x7fffffff);
	expect_refused(b, blob_len, "strings block outside the blob");
	FRESH(); put32(b + off_struct, 7);
	expect_refused(b, blob_len, "unknown token in structure block");
	/* the END token replaced by END_NODE: unbalanced */
	FRESH(); put32(b + off_struct + size_struct - 4, 2);
	expect_refused(b, blob_len, "unbalanced end of node");
	/* drop the final END_NODE + END: structure ends inside a token */
	FRESH(); put32(b + 36, size_struct - 8);
	expect_refused(b, blob_len, "structure block ends inside a token");
	/* first property (root's "model"): huge length, then bad name offset */
	FRESH(); put32(b + off_struct + 8 + 4, 0x10000000);
	expect_refused(b, blob_len, "property value runs past the structure block");
	FRESH(); put32(b + off_struct + 8 + 8, 0x00ffffff);
	expect_refused(b, blob_len, "property name offset outside the strings block");
	/* every truncation of the blob is refused, none read out of bounds */
	for (size_t cut = 0; cut < blob_len; cut += 7) {
		struct fdt f;
		const char *why;
		u8 *t = malloc(cut ? cut : 1);

		memcpy(t, blob, cut);
		assert_int_equal(fdt_open(&f, t, cut, &why), -EINVAL);
		free(t);
	}
	free(b);
}

static void test_null_pointer(void **state)
{
	struct fdt f;
	const char *why;

	assert_int_equal(fdt_open(&f, NULL, 100, &why), -EINVAL);
	assert_string_equal(why, "no DTB pointer");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_and_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reg_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compatible_status_irq, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
		cmocka_unit_test(test_null_pointer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
