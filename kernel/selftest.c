/*
 * Running the self-tests, benchmarks and views registered with SELFTEST,
 * BENCH and VIEW (include/kernel/selftest.h), as the command line asks:
 *   selftest=all | selftest=a,b    bench=all | bench=a    show=a,b
 */
#include <kernel/selftest.h>
#include <kernel/cmdline.h>
#include <kernel/string.h>

extern const struct selftest __start_selftests[], __stop_selftests[];
extern const struct bench __start_benches[], __stop_benches[];
extern const struct view __start_views[], __stop_views[];

int selftest_fail(const char *fmt, ...)
{
	va_list ap;

	printk("selftest failure: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	return -1;
}

void bench_report(const char *name, unsigned long long value, const char *unit)
{
	printk("bench: %s %llu %s\n", name, value, unit);
}

const struct view *view_find(const char *name)
{
	const struct view *v;

	for (v = __start_views; v < __stop_views; v++)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

void list_views(void)
{
	const struct view *v;

	printk("views:");
	for (v = __start_views; v < __stop_views; v++)
		printk(" %s", v->name);
	printk("\n");
}

static bool wanted(const char *cmdline, const char *key, const char *name)
{
	return cmdline_list_has(cmdline, key, "all") ||
	       cmdline_list_has(cmdline, key, name);
}

/* run_selftests - returns the number that failed. */
int run_selftests(const char *cmdline)
{
	const struct selftest *t;
	int failed = 0, ran = 0;

	for (t = __start_selftests; t < __stop_selftests; t++) {
		if (!wanted(cmdline, "selftest", t->name))
			continue;
		ran++;
		if (t->fn()) {
			printk("selftest %s: FAIL\n", t->name);
			failed++;
		} else {
			printk("selftest %s: ok\n", t->name);
		}
	}
	if (ran)
		printk("selftests: %d run, %d failed\n", ran, failed);
	return failed;
}

void run_benches(const char *cmdline)
{
	const struct bench *b;

	for (b = __start_benches; b < __stop_benches; b++)
		if (wanted(cmdline, "bench", b->name))
			b->fn();
	printk("bench: done\n");
}

static char view_buf[16384];

/* show_view - print one view through printk, a line at a time. */
void show_view(const struct view *v)
{
	struct seq_buf s;
	char *line, *nl;

	seq_buf_init(&s, view_buf, sizeof(view_buf));
	v->fn(&s);
	printk("---- %s ----\n", v->name);
	for (line = view_buf; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl) {
			printk("%s\n", line);
			break;
		}
		*nl = '\0';
		printk("%s\n", line);
	}
	if (s.overflow)
		printk("(%s: output cut at %u bytes)\n", v->name, (unsigned)sizeof(view_buf));
}

void run_views(const char *cmdline)
{
	const struct view *v;

	for (v = __start_views; v < __stop_views; v++)
		if (wanted(cmdline, "show", v->name))
			show_view(v);
}
