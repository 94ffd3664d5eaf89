/*
 * kernel/fault_inject.c - fail_page_alloc and failslab (the interface is
 * described in include/kernel/fault_inject.h).
 *
 * The decision for one call, in Linux's order:
 *
 *   the task has make-it-fail set, and this is not an interrupt   else no
 *   times left (times != 0)                                        else no
 *   space used up (else space--)                                   else no
 *   eligible++; every interval-th one                              else no
 *   a pseudo-random percent < probability                          else no
 *   => fail: times--, injected++, the call site noted
 *
 * The call site is the first caller, walking the frame-pointer chain, that
 * is not an allocator function itself: the place that must handle the
 * NULL.  /proc/fault_injection lists them, most failures first.
 */
#include <kernel/fault_inject.h>
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/sched.h>
#include <kernel/irq.h>
#include <kernel/kallsyms.h>
#include <kernel/irqflags.h>
#include <kernel/selftest.h>
#include <asm/traps.h>

struct fault_attr fail_page_alloc_attr = { .name = "fail_page_alloc" };
struct fault_attr failslab_attr = { .name = "failslab" };
bool fault_injection_on;

static u32 seed = 1, first_seed = 1;

/* xorshift32 (Marsaglia): enough for "2 percent of the calls" */
static u32 next_random(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 17;
	seed ^= seed << 5;
	return seed;
}

#define NR_SITES 48
static struct {
	unsigned long addr;
	const struct fault_attr *attr;
	unsigned long count;
} sites[NR_SITES];
static unsigned long sites_dropped;

/* Allocator functions: a failure is charged to whoever called them. */
static bool allocator_function(const char *name)
{
	static const char *const prefixes[] = {
		"alloc_page", "__alloc_page", "get_free_page", "get_zeroed_page",
		"kmalloc", "__kmalloc", "kzalloc", "krealloc", "kmem_cache_alloc",
		"slab_", "cache_", "should_fail", "fault_site", "vmalloc", "__vmalloc",
		"vm_alloc", "alloc_anon_page", "user_table_page_alloc",
	};
	unsigned i;

	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

/*
 * The first return address up the frame-pointer chain that is not in an
 * allocator function (GCC's ARM frames: [fp] = return address, [fp - 4]
 * = the caller's fp; arch/arm/traps.c explains the layout).
 */
static __noinline unsigned long fault_site(void)
{
	u32 fp = (u32)(uintptr_t)__builtin_frame_address(0);
	u32 lo = fp & ~(u32)(THREAD_SIZE - 1), hi = lo + THREAD_SIZE;
	int depth;

	for (depth = 0; depth < 12 && fp >= lo + 4 && fp < hi && !(fp & 3); depth++) {
		u32 ret = *(u32 *)(uintptr_t)fp;
		unsigned long off;
		const char *name;

		if (!kernel_text_address(ret))
			break;
		name = kallsyms_lookup(ret - 4, &off);
		if (name && !allocator_function(name))
			return ret;
		if (*(u32 *)(uintptr_t)(fp - 4) <= fp)
			break;
		fp = *(u32 *)(uintptr_t)(fp - 4);
	}
	return 0;
}

static void note_site(const struct fault_attr *attr, unsigned long addr)
{
	unsigned i;

	for (i = 0; i < NR_SITES && sites[i].count; i++) {
		if (sites[i].addr == addr && sites[i].attr == attr) {
			sites[i].count++;
			return;
		}
	}
	if (i == NR_SITES) {
		sites_dropped++;
		return;
	}
	sites[i].addr = addr;
	sites[i].attr = attr;
	sites[i].count = 1;
}

bool should_fail(struct fault_attr *attr)
{
	unsigned long flags;
	bool fail = false;

	if (!attr->enabled || !current->make_it_fail || in_interrupt())
		return false;
	local_irq_save(flags);
	if (attr->times == 0)
		goto out;
	if (attr->space) {
		attr->space--;
		goto out;
	}
	attr->eligible++;
	if (attr->interval > 1 && attr->eligible % attr->interval)
		goto out;
	if (attr->probability < 100 && next_random() % 100 >= attr->probability)
		goto out;
	if (attr->times > 0)
		attr->times--;
	attr->injected++;
	note_site(attr, fault_site());
	fail = true;
out:
	local_irq_restore(flags);
	return fail;
}

/* "interval,probability,space,times", all four, as Linux's setup_fault_attr. */
static void parse_attr(struct fault_attr *attr, const char *cmdline)
{
	char val[64];
	const char *p = val, *end;
	long v[4];
	int i;

	if (!cmdline_get(cmdline, attr->name, val, sizeof(val)))
		return;
	for (i = 0; i < 4; i++) {
		bool neg = *p == '-';

		v[i] = (long)simple_strtoul(p + neg, &end, 10);
		if (end == p + neg || (i < 3 ? *end != ',' : *end != '\0')) {
			printk("fault injection: %s=%s: want interval,probability,space,times\n",
			       attr->name, val);
			return;
		}
		v[i] = neg ? -v[i] : v[i];
		p = end + 1;
	}
	if (v[0] < 1 || v[1] < 0 || v[1] > 100 || v[2] < 0) {
		printk("fault injection: %s=%s: out of range\n", attr->name, val);
		return;
	}
	attr->interval = (unsigned long)v[0];
	attr->probability = (unsigned int)v[1];
	attr->space = (unsigned long)v[2];
	attr->times = v[3];
	attr->enabled = true;
	fault_injection_on = true;
	printk("fault injection: %s: interval %lu, probability %u%%, space %lu, times %ld "
	       "(tasks with make-it-fail only)\n", attr->name, attr->interval,
	       attr->probability, attr->space, attr->times);
}

void fault_inject_init(const char *cmdline)
{
	char val[16];

	if (!IS_ENABLED_DEBUG_MM) {
		if (cmdline_get(cmdline, "fail_page_alloc", val, sizeof(val)) ||
		    cmdline_get(cmdline, "failslab", val, sizeof(val)))
			printk("fault injection: not in this build (DEBUG=0); options ignored\n");
		return;
	}
	if (cmdline_get(cmdline, "fail_seed", val, sizeof(val)))
		seed = first_seed = (u32)simple_strtoul(val, NULL, 0) ? (u32)simple_strtoul(val, NULL, 0) : 1;
	parse_attr(&fail_page_alloc_attr, cmdline);
	parse_attr(&failslab_attr, cmdline);
}

static void show_attr(struct seq_buf *s, const struct fault_attr *a)
{
	seq_printf(s, "%-16s %s interval %lu probability %u space %lu times %ld "
		   "eligible %lu injected %lu\n", a->name, a->enabled ? "on " : "off",
		   a->interval, a->probability, a->space, a->times, a->eligible, a->injected);
}

/* /proc/fault_injection: settings, counts, and where the failures landed. */
static void show_fault_injection(struct seq_buf *s)
{
	bool shown[NR_SITES] = { false };
	unsigned i, n;

	show_attr(s, &fail_page_alloc_attr);
	show_attr(s, &failslab_attr);
	seq_printf(s, "seed %u\nsites:\n", first_seed);
	for (n = 0; n < NR_SITES; n++) {	/* most failures first */
		unsigned best = NR_SITES;
		unsigned long off;
		const char *name;

		for (i = 0; i < NR_SITES && sites[i].count; i++)
			if (!shown[i] && (best == NR_SITES || sites[i].count > sites[best].count))
				best = i;
		if (best == NR_SITES)
			break;
		shown[best] = true;
		name = sites[best].addr ? kallsyms_lookup(sites[best].addr - 4, &off) : NULL;
		if (name)
			seq_printf(s, "%8lu  %-16s %s+0x%lx\n", sites[best].count,
				   sites[best].attr->name, name, off + 4);
		else
			seq_printf(s, "%8lu  %-16s ?\n", sites[best].count, sites[best].attr->name);
	}
	if (sites_dropped)
		seq_printf(s, "%8lu  (at sites beyond the first %d)\n", sites_dropped, NR_SITES);
}
VIEW(fault_injection, show_fault_injection);
