/*
 * Host tests of the BeagleBone Black drivers (no emulator models the
 * AM335x): drivers/ns16550.c, am335x-intc.c, am335x-dmtimer.c and
 * am335x-wdt.c are compiled here against a register model of each device
 * that behaves as the AM335x TRM (SPRUH73) says and logs every access:
 *
 *   UART0    LSR.THRE/TEMT/DR, DLAB switching RBR/THR/IER <-> DLL/DLM, MDR1
 *   INTC     soft reset with ResetDone some reads later, MIR_SET/CLEAR,
 *            PENDING_IRQ = raised & ~masked, SIR_IRQ, NEWIRQAGR
 *   DMTimer  soft reset, write posting: a write to TCLR/TCRR/TLDR while
 *            TWPS says the previous one is pending is LOST (as in hardware)
 *   WDT      the WSPR start/stop state machine with W_PEND_WSPR posting
 *   PRCM     CM_PER_TIMER2_CLKCTRL (IDLEST goes to 0 once enabled), CLKSEL
 *
 * The drivers are #included (their probe and hardware functions are
 * static); readl/writel/ioremap below replace the kernel's.  The last
 * tests probe the real arch/arm/dts/beaglebone.dts, compiled with dtc.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <kernel/types.h>
#include <kernel/console.h>
#include <kernel/irq.h>
#include <kernel/fdt.h>

/* ------------------------------------------------------------ the model */

struct access {
	char dev;		/* 'U' uart, 'I' intc, 'T' timer, 'W' wdt, 'P' prcm, 'B' barrier */
	bool write;
	unsigned off;
	u32 val;
};

#define LOG_MAX 8192
static struct access log_[LOG_MAX];
static int nlog;

struct dev {
	char id;
	paddr_t pa;
	size_t size;
	u32 (*rd)(unsigned off);
	void (*wr)(unsigned off, u32 v);
	u8 *mem;		/* the "virtual address" ioremap hands out */
};

static void logit(char dev, bool write, unsigned off, u32 val)
{
	if (nlog < LOG_MAX)
		log_[nlog++] = (struct access){ dev, write, off, val };
}

/* ---- UART0 (16550, reg-shift 2) ---- */
static struct {
	u32 ier, lcr, mcr, fcr, dll, dlm, mdr1;
	int thre_busy;		/* LSR reads that still show the FIFO full */
	char tx[256];
	int ntx;
	char rx[16];
	int rx_head, rx_tail;
	bool dlab_seen_in_mdr1_disabled;	/* divisor written while MDR1 = 7 */
} uart;

static u32 uart_rd(unsigned off)
{
	switch (off >> 2) {
	case 0:
		if (uart.lcr & 0x80)
			return uart.dll;
		return uart.rx_head != uart.rx_tail ? (u8)uart.rx[uart.rx_tail++ % 16] : 0;
	case 1: return uart.lcr & 0x80 ? uart.dlm : uart.ier;
	case 2: return uart.rx_head != uart.rx_tail ? 0xC4 : 0xC1;	/* IIR */
	case 3: return uart.lcr;
	case 4: return uart.mcr;
	case 5: {
		u32 lsr = uart.rx_head != uart.rx_tail ? 0x01 : 0;

		if (uart.thre_busy > 0)
			uart.thre_busy--;
		else
			lsr |= 0x60;	/* THRE | TEMT */
		return lsr;
	}
	case 8: return uart.mdr1;
	}
	return 0;
}

static void uart_wr(unsigned off, u32 v)
{
	switch (off >> 2) {
	case 0:
		if (uart.lcr & 0x80) {
			uart.dll = v;
			uart.dlab_seen_in_mdr1_disabled = uart.mdr1 == 7;
		} else if (uart.ntx < (int)sizeof(uart.tx) - 1) {
			uart.tx[uart.ntx++] = (char)v;
		}
		break;
	case 1:
		if (uart.lcr & 0x80)
			uart.dlm = v;
		else
			uart.ier = v;
		break;
	case 2: uart.fcr = v; break;
	case 3: uart.lcr = v; break;
	case 4: uart.mcr = v; break;
	case 8: uart.mdr1 = v; break;
	}
}

/* ---- INTC ---- */
static struct {
	u32 sysconfig, control_writes, threshold;
	int reset_reads;		/* SYSSTATUS reads until ResetDone */
	u32 mir[4], itr[4], ilr[128];
	bool spurious;
	bool reset_never;		/* the module's clock is off */
} intc_m;

static u32 intc_rd(unsigned off)
{
	int b;

	if (off == 0x14) {			/* SYSSTATUS */
		if (intc_m.reset_never)
			return 0;
		if (intc_m.reset_reads > 0) {
			intc_m.reset_reads--;
			return 0;
		}
		return 1;
	}
	if (off == 0x10)
		return intc_m.sysconfig;
	if (off == 0x40) {			/* SIR_IRQ */
		if (intc_m.spurious)
			return 0xFFFFFF80u | 0x7F;
		for (b = 0; b < 128; b++)
			if (intc_m.itr[b / 32] & ~intc_m.mir[b / 32] & (1u << (b % 32)))
				return (u32)b;
		return 0xFFFFFF80u;
	}
	if (off >= 0x80 && off < 0x100) {
		b = (off - 0x80) / 0x20;
		switch ((off - 0x80) % 0x20) {
		case 0x04: return intc_m.mir[b];
		case 0x18: return intc_m.itr[b] & ~intc_m.mir[b];	/* PENDING_IRQ */
		}
	}
	return 0;
}

static void intc_wr(unsigned off, u32 v)
{
	int b;

	if (off == 0x10) {
		intc_m.sysconfig = v & ~2u;
		if (v & 2u) {				/* soft reset */
			intc_m.reset_reads = 3;
			memset(intc_m.mir, 0, sizeof(intc_m.mir));	/* TRM: all unmasked? keep it harsh */
			memset(intc_m.ilr, 0xAA, sizeof(intc_m.ilr));
		}
	} else if (off == 0x48) {
		intc_m.control_writes++;
	} else if (off == 0x68) {
		intc_m.threshold = v;
	} else if (off >= 0x80 && off < 0x100) {
		b = (off - 0x80) / 0x20;
		switch ((off - 0x80) % 0x20) {
		case 0x08: intc_m.mir[b] &= ~v; break;	/* MIR_CLEAR */
		case 0x0C: intc_m.mir[b] |= v; break;	/* MIR_SET */
		}
	} else if (off >= 0x100 && off < 0x300) {
		intc_m.ilr[(off - 0x100) / 4] = v;
	}
}

/* ---- DMTimer2 ---- */
static struct {
	u32 tclr, tcrr, tldr, irqstatus, irqenable, tiocp;
	int reset_reads;
	int pend_reads[4];		/* TWPS bit n pending for this many reads */
	int lost_writes;
} tm;

static int tm_pend_bit(unsigned off)
{
	switch (off) {
	case 0x38: return 0;	/* TCLR */
	case 0x3C: return 1;	/* TCRR */
	case 0x40: return 2;	/* TLDR */
	case 0x44: return 3;	/* TTGR */
	}
	return -1;
}

static u32 tm_rd(unsigned off)
{
	u32 twps = 0;
	int i;

	switch (off) {
	case 0x10:
		if (tm.reset_reads > 0 && --tm.reset_reads == 0)
			tm.tiocp &= ~1u;
		return tm.tiocp;
	case 0x28: return tm.irqstatus;
	case 0x2C: return tm.irqenable;
	case 0x38: return tm.tclr;
	case 0x3C: return tm.tcrr;
	case 0x40: return tm.tldr;
	case 0x48:
		for (i = 0; i < 4; i++)
			if (tm.pend_reads[i] > 0) {
				twps |= 1u << i;
				tm.pend_reads[i]--;
			}
		return twps;
	}
	return 0;
}

static void tm_wr(unsigned off, u32 v)
{
	int bit = tm_pend_bit(off);

	if (bit >= 0) {
		if (tm.pend_reads[bit] > 0) {	/* posted write still pending: lost */
			tm.lost_writes++;
			return;
		}
		tm.pend_reads[bit] = 2;
	}
	switch (off) {
	case 0x10:
		tm.tiocp = v;
		if (v & 1u) {
			tm.reset_reads = 2;
			tm.tclr = tm.tcrr = tm.tldr = tm.irqenable = 0;
		}
		break;
	case 0x28: tm.irqstatus &= ~v; break;
	case 0x2C: tm.irqenable |= v; break;
	case 0x30: tm.irqenable &= ~v; break;
	case 0x38: tm.tclr = v; break;
	case 0x3C: tm.tcrr = v; break;
	case 0x40: tm.tldr = v; break;
	}
}

/* ---- WDT1 ---- */
static struct {
	bool running;
	u32 last_wspr;
	int pend_reads;
	int pend_forever;		/* never clears: a dead 32 kHz clock */
	int lost_writes;
} wd;

static u32 wd_rd(unsigned off)
{
	if (off == 0x34) {			/* WWPS */
		if (wd.pend_forever)
			return 1u << 4;
		if (wd.pend_reads > 0) {
			wd.pend_reads--;
			return 1u << 4;
		}
		return 0;
	}
	if (off == 0x48)
		return wd.last_wspr;
	return 0;
}

static void wd_wr(unsigned off, u32 v)
{
	if (off != 0x48)
		return;
	if (wd.pend_reads > 0 || wd.pend_forever) {
		wd.lost_writes++;
		return;
	}
	/* start: BBBB then 4444; stop: AAAA then 5555 (TRM 20.4.3.8) */
	if (wd.last_wspr == 0xAAAA && v == 0x5555)
		wd.running = false;
	if (wd.last_wspr == 0xBBBB && v == 0x4444)
		wd.running = true;
	wd.last_wspr = v;
	wd.pend_reads = 3;
}

/* ---- PRCM: CM_PER_TIMER2_CLKCTRL (0x44E00080), CLKSEL_TIMER2_CLK (0x44E00508) ---- */
static struct {
	u32 clkctrl, clksel;
	int idle_reads;
} prcm;

static u32 prcm_rd(unsigned off)
{
	if (off == 0x080) {
		u32 idlest = prcm.idle_reads > 0 ? 3u << 16 : 0;

		if (prcm.idle_reads > 0 && (prcm.clkctrl & 3) == 2)
			prcm.idle_reads--;
		return prcm.clkctrl | idlest;
	}
	if (off == 0x508)
		return prcm.clksel;
	return 0;
}

static void prcm_wr(unsigned off, u32 v)
{
	if (off == 0x080)
		prcm.clkctrl = v;
	else if (off == 0x508)
		prcm.clksel = v;
}

static u8 mem_uart[0x2000], mem_intc[0x1000], mem_tm[0x400], mem_wd[0x1000], mem_prcm[0x1000];

static struct dev devs[] = {
	{ 'U', 0x44E09000, sizeof(mem_uart), uart_rd, uart_wr, mem_uart },
	{ 'I', 0x48200000, sizeof(mem_intc), intc_rd, intc_wr, mem_intc },
	{ 'T', 0x48040000, sizeof(mem_tm), tm_rd, tm_wr, mem_tm },
	{ 'W', 0x44E35000, sizeof(mem_wd), wd_rd, wd_wr, mem_wd },
	{ 'P', 0x44E00000, sizeof(mem_prcm), prcm_rd, prcm_wr, mem_prcm },
};

static struct dev *dev_of(const volatile void *addr, unsigned *off)
{
	const u8 *a = (const u8 *)addr;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(devs); i++)
		if (a >= devs[i].mem && a < devs[i].mem + devs[i].size) {
			*off = (unsigned)(a - devs[i].mem);
			return &devs[i];
		}
	fail_msg("access to %p: no device there", (const void *)addr);
	return NULL;
}

static u32 model_readl(const volatile void *addr)
{
	unsigned off;
	struct dev *d = dev_of(addr, &off);
	u32 v = d->rd(off);

	logit(d->id, false, off, v);
	return v;
}

static void model_writel(u32 v, volatile void *addr)
{
	unsigned off;
	struct dev *d = dev_of(addr, &off);

	logit(d->id, true, off, v);
	d->wr(off, v);
}

static int ioremap_calls;

static void *model_ioremap(paddr_t pa, size_t size)
{
	size_t i;

	ioremap_calls++;
	for (i = 0; i < ARRAY_SIZE(devs); i++)
		if (pa >= devs[i].pa && pa + size <= devs[i].pa + devs[i].size)
			return devs[i].mem + (pa - devs[i].pa);
	return NULL;
}

/* What the drivers get instead of asm/io.h and mm/ioremap.h. */
#define __iomem volatile
#define readl(a) model_readl(a)
#define writel(v, a) model_writel(v, a)
#define readl_relaxed(a) model_readl(a)
#define writel_relaxed(v, a) model_writel(v, a)
#define ioremap(pa, size) model_ioremap(pa, size)
#define dsb() logit('B', true, 0, 0)

/* ------------------------------------------ the kernel around the drivers */
static const struct irq_chip *chip;
static struct { int irq; irq_handler_t fn; void *dev; } irqs[8];
static int nirqs;
static struct console *console;
static char input[64];
static int ninput, ticks;
const char *tick_source_name;

void irq_set_chip(const struct irq_chip *c) { chip = c; }
int request_irq(int irq, irq_handler_t fn, void *dev, const char *name)
{
	irqs[nirqs].irq = irq;
	irqs[nirqs].fn = fn;
	irqs[nirqs].dev = dev;
	nirqs++;
	if (chip)
		chip->unmask(irq);
	return 0;
}
void console_register(struct console *con) { console = con; }
void console_input(char c) { if (ninput < 63) input[ninput++] = c; }
void timer_tick(void) { ticks++; }

#include "../../drivers/ns16550.c"
#include "../../drivers/am335x-intc.c"
#include "../../drivers/am335x-dmtimer.c"
#include "../../drivers/am335x-wdt.c"

static int reset_model(void **state)
{
	memset(&uart, 0, sizeof(uart));
	memset(&intc_m, 0, sizeof(intc_m));
	memset(&tm, 0, sizeof(tm));
	memset(&wd, 0, sizeof(wd));
	memset(&prcm, 0, sizeof(prcm));
	memset(irqs, 0, sizeof(irqs));
	nlog = nirqs = ninput = ticks = ioremap_calls = 0;
	chip = NULL;
	console = NULL;
	tick_source_name = NULL;
	intc = NULL;
	tmr = NULL;
	uart_console.con.base = NULL;
	return 0;
}

/* index of the first logged access matching, from `from`; -1 if none */
static int find_access(int from, char dev, bool write, unsigned off, u32 val, bool any_val)
{
	int i;

	for (i = from; i < nlog; i++)
		if (log_[i].dev == dev && log_[i].write == write && log_[i].off == off &&
		    (any_val || log_[i].val == val))
			return i;
	return -1;
}

/* --------------------------------------------------------------- UART */

static struct ns16550 test_uart = {
	.con = { .name = "test", .putc = ns16550_putc, .getc = ns16550_getc,
		 .base = mem_uart },
	.reg_shift = 2, .has_mdr1 = true,
};

static void test_uart_init_115200(void **state)
{
	int dlab, lcr, mdr_off, mdr_on;

	uart.thre_busy = 2;			/* still sending: init must wait */
	ns16550_init(&test_uart, 48000000, 115200);
	assert_int_equal(uart.dll, 26);		/* 48e6 / 16 / 115200 = 26.04 */
	assert_int_equal(uart.dlm, 0);
	assert_int_equal(uart.lcr, 0x03);	/* 8N1, DLAB off again */
	assert_int_equal(uart.fcr & 0x07, 0x07);	/* FIFOs on and cleared */
	assert_int_equal(uart.ier, 0);		/* no interrupt yet */
	assert_int_equal(uart.mdr1, 0);		/* UART 16x mode at the end */
	assert_true(uart.dlab_seen_in_mdr1_disabled);
	/* order: drained, MDR1 = 7, DLAB on, DLL, DLAB off, ..., MDR1 = 0 */
	mdr_off = find_access(0, 'U', true, 8 << 2, 7, false);
	dlab = find_access(0, 'U', true, 3 << 2, 0x83, false);
	lcr = find_access(dlab, 'U', true, 3 << 2, 0x03, false);
	mdr_on = find_access(lcr, 'U', true, 8 << 2, 0, false);
	assert_true(mdr_off >= 0 && dlab > mdr_off && lcr > dlab && mdr_on > lcr);
	assert_true(find_access(0, 'U', false, 5 << 2, 0x60, false) < mdr_off);
}

static void test_uart_putc_waits_for_thre(void **state)
{
	int i, lsr_reads = 0;

	uart.thre_busy = 5;
	ns16550_putc(&test_uart.con, 'h');
	ns16550_putc(&test_uart.con, 'i');
	assert_int_equal(uart.ntx, 2);
	assert_memory_equal(uart.tx, "hi", 2);
	for (i = 0; i < nlog; i++)
		if (!log_[i].write && log_[i].off == (5 << 2))
			lsr_reads++;
	assert_int_equal(lsr_reads, 7);		/* 5 busy + 1 per character */
	/* every THR write came right after an LSR read that showed THRE */
	for (i = 0; i < nlog; i++)
		if (log_[i].write && log_[i].off == 0) {
			assert_true(i > 0 && log_[i - 1].off == (5 << 2) && (log_[i - 1].val & 0x20));
		}
}

static void test_uart_getc_and_irq(void **state)
{
	assert_int_equal(ns16550_getc(&test_uart.con), -1);
	uart.rx[uart.rx_head++ % 16] = 'o';
	uart.rx[uart.rx_head++ % 16] = 'k';
	assert_int_equal(ns16550_getc(&test_uart.con), 'o');
	uart.rx[uart.rx_head++ % 16] = '!';
	ns16550_irq(72, &test_uart);		/* drains everything waiting */
	assert_int_equal(ninput, 2);
	assert_memory_equal(input, "k!", 2);
	assert_int_equal(ns16550_getc(&test_uart.con), -1);
	ns16550_enable_rx_irq(&test_uart);
	assert_int_equal(uart.ier, 0x01);
}

/* --------------------------------------------------------------- INTC */

static void test_intc_init(void **state)
{
	int i;

	intc = mem_intc;
	assert_int_equal(intc_hw_init(), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(intc_m.mir[i], 0xFFFFFFFFu);	/* all masked */
	for (i = 0; i < 128; i++)
		assert_int_equal(intc_m.ilr[i], 0);		/* IRQ, priority 0 */
	assert_int_equal(intc_m.threshold, 0xFF);
	/* soft reset first, waited for */
	assert_int_equal(find_access(0, 'I', true, 0x10, 2, false), 0);
	assert_true(find_access(0, 'I', false, 0x14, 1, false) > 0);
}

static void test_intc_reset_timeout(void **state)
{
	intc = mem_intc;
	intc_m.reset_never = true;
	assert_int_equal(intc_hw_init(), -ETIMEDOUT);
}

static void test_intc_mask_ack_eoi(void **state)
{
	int i, ctl, bar;

	intc = mem_intc;
	assert_int_equal(intc_hw_init(), 0);
	irq_set_chip(&intc_chip);
	assert_int_equal(intc_ack(), -1);		/* nothing pending */
	intc_m.itr[72 / 32] |= 1u << (72 % 32);	/* UART0 raises its line */
	assert_int_equal(intc_ack(), -1);		/* still masked */
	intc_unmask(72);
	assert_int_equal(intc_m.mir[2], ~(1u << 8));
	assert_int_equal(intc_ack(), 72);
	nlog = 0;
	intc_eoi(72);
	ctl = find_access(0, 'I', true, 0x48, 1, false);	/* NEWIRQAGR */
	bar = find_access(0, 'B', true, 0, 0, false);		/* then DSB */
	assert_true(ctl >= 0 && bar > ctl);
	intc_m.itr[2] = 0;				/* the handler cleared it */
	assert_int_equal(intc_ack(), -1);
	intc_mask(72);
	assert_int_equal(intc_m.mir[2], 0xFFFFFFFFu);
	/* two lines: the sorter's choice comes back, one at a time */
	intc_unmask(68);
	intc_unmask(72);
	intc_m.itr[2] = (1u << 4) | (1u << 8);
	assert_int_equal(intc_ack(), 68);
	intc_m.itr[2] &= ~(1u << 4);
	intc_eoi(68);
	assert_int_equal(intc_ack(), 72);
	for (i = 0; i < 4; i++)
		intc_m.itr[i] = 0;
}

static void test_intc_spurious(void **state)
{
	u32 before;

	intc = mem_intc;
	assert_int_equal(intc_hw_init(), 0);
	intc_unmask(68);
	intc_m.itr[2] = 1u << 4;
	intc_m.spurious = true;
	before = intc_m.control_writes;
	assert_int_equal(intc_ack(), -1);
	assert_int_equal(intc_m.control_writes, before + 1);	/* sorter restarted */
}

/* ------------------------------------------------------------ DMTimer */

static void test_dmtimer_programming(void **state)
{
	int i, last = -1;

	tmr = mem_tm;
	assert_int_equal(dmtimer_hw_init(24000000), 0);
	assert_int_equal(tm.lost_writes, 0);		/* every posted write waited */
	assert_int_equal(tm.tldr, 0xFFFC5680u);		/* 2^32 - 24e6 / 100 */
	assert_int_equal(tm.tcrr, 0xFFFC5680u);
	assert_int_equal(tm.tclr, 0x3);			/* ST | AR, no prescaler */
	assert_int_equal(tm.irqenable, 0x2);		/* overflow only */
	assert_int_equal(dmtimer_load(32768), 0u - 327);
	/* soft reset first; stopped before loading; started last */
	assert_int_equal(find_access(0, 'T', true, 0x10, 1, false), 0);
	assert_true(find_access(0, 'T', true, 0x38, 0, false) <
		    find_access(0, 'T', true, 0x40, 0xFFFC5680u, false));
	for (i = 0; i < nlog; i++)
		if (log_[i].write)
			last = i;
	assert_int_equal(log_[last].off, 0x38);
	assert_int_equal(log_[last].val, 3);
}

static void test_dmtimer_irq(void **state)
{
	tmr = mem_tm;
	tm.irqstatus = 0x2;
	dmtimer_irq(68, NULL);
	assert_int_equal(tm.irqstatus, 0);		/* overflow acknowledged */
	assert_int_equal(ticks, 1);
}

/* ---------------------------------------------------------- watchdog */

static void test_wdt_disable_sequence(void **state)
{
	int a, b, i;

	wd.running = true;
	assert_int_equal(wdt_disable(mem_wd), 0);
	assert_false(wd.running);
	assert_int_equal(wd.lost_writes, 0);
	a = find_access(0, 'W', true, 0x48, 0xAAAA, false);
	b = find_access(0, 'W', true, 0x48, 0x5555, false);
	assert_true(a >= 0 && b > a);
	/* between them: WWPS polled until W_PEND_WSPR cleared */
	assert_false(log_[b - 1].write);
	assert_int_equal(log_[b - 1].off, 0x34);
	assert_int_equal(log_[b - 1].val & (1u << 4), 0);
	for (i = a + 1; i < b; i++)
		assert_int_equal(log_[i].off, 0x34);
	/* and after the second write too */
	assert_int_equal(log_[nlog - 1].off, 0x34);
	assert_int_equal(log_[nlog - 1].val, 0);
}

static void test_wdt_dead_clock_times_out(void **state)
{
	wd.running = true;
	wd.pend_forever = 1;
	assert_int_equal(wdt_disable(mem_wd), -ETIMEDOUT);
	assert_true(wd.running);
}

/* ---------------------------------------- probing the real beaglebone.dts */

static u8 *dtb;
static struct fdt fdt;

static int load_dtb(void **state)
{
	const char *why;
	FILE *p = popen("dtc -q -I dts -O dtb arch/arm/dts/beaglebone.dts", "r");
	size_t n = 0;

	reset_model(state);
	prcm.idle_reads = 3;		/* the module takes a while to wake */
	if (!p)
		return -1;
	dtb = malloc(65536);
	n = fread(dtb, 1, 65536, p);
	if (pclose(p) != 0 || n == 0)
		return -1;
	return fdt_open(&fdt, dtb, n, &why);
}

static int probe_all(const char *compat, int (*probe)(const struct fdt *, int))
{
	int node = fdt_find_compatible(&fdt, -1, compat);

	assert_true(node >= 0);
	return probe(&fdt, node);
}

static void test_probe_beaglebone_dtb(void **state)
{
	assert_int_equal(probe_all("ti,am33xx-intc", intc_probe), 0);
	assert_ptr_equal(chip, &intc_chip);
	assert_int_equal(probe_all("ti,omap3-wdt", wdt_probe), 0);
	assert_false(wd.running);
	assert_int_equal(probe_all("ti,am3352-uart", ns16550_probe), 0);
	assert_ptr_equal(console, &uart_console.con);
	assert_int_equal(uart_console.reg_shift, 2);
	assert_true(uart_console.has_mdr1);
	assert_int_equal(uart.dll, 26);			/* clock-frequency 48 MHz */
	assert_int_equal(uart.ier, 0x01);		/* receive interrupt on */
	assert_int_equal(probe_all("ti,am335x-timer", dmtimer_probe), 0);
	assert_string_equal(tick_source_name, "dmtimer");
	assert_int_equal(prcm.clksel, 1);		/* CLK_M_OSC */
	assert_int_equal(prcm.clkctrl & 3, 2);		/* MODULEMODE enabled */
	assert_int_equal(tm.tclr, 3);
	/* the interrupt lines of the TRM, unmasked at the INTC */
	assert_int_equal(nirqs, 2);
	assert_int_equal(irqs[0].irq, 72);
	assert_int_equal(irqs[1].irq, 68);
	assert_int_equal(intc_m.mir[2], ~((1u << 8) | (1u << 4)));
	/* a character through the whole path: INTC -> UART handler -> tty */
	uart.rx[uart.rx_head++ % 16] = 'x';
	intc_m.itr[2] = 1u << 8;
	assert_int_equal(chip->ack(), 72);
	irqs[0].fn(72, irqs[0].dev);
	intc_m.itr[2] = 0;
	chip->eoi(72);
	assert_int_equal(ninput, 1);
	assert_int_equal(input[0], 'x');
	console->putc(console, 'B');
	assert_int_equal(uart.tx[uart.ntx - 1], 'B');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_uart_init_115200, reset_model),
		cmocka_unit_test_setup(test_uart_putc_waits_for_thre, reset_model),
		cmocka_unit_test_setup(test_uart_getc_and_irq, reset_model),
		cmocka_unit_test_setup(test_intc_init, reset_model),
		cmocka_unit_test_setup(test_intc_reset_timeout, reset_model),
		cmocka_unit_test_setup(test_intc_mask_ack_eoi, reset_model),
		cmocka_unit_test_setup(test_intc_spurious, reset_model),
		cmocka_unit_test_setup(test_dmtimer_programming, reset_model),
		cmocka_unit_test_setup(test_dmtimer_irq, reset_model),
		cmocka_unit_test_setup(test_wdt_disable_sequence, reset_model),
		cmocka_unit_test_setup(test_wdt_dead_clock_times_out, reset_model),
		cmocka_unit_test_setup(test_probe_beaglebone_dtb, load_dtb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
