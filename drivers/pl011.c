/*
 * ARM PrimeCell UART PL011 (DDI 0183): the console on vexpress-a9 and virt.
 * QEMU's UART needs no baud-rate set-up; on real hardware the boot loader
 * has set it.  Output is polled (printk must work with interrupts off);
 * input arrives by the receive interrupt into the console's input ring.
 */
#include <kernel/types.h>
#include <kernel/console.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#include <mm/ioremap.h>
#include <asm/io.h>
#include <asm/mmu.h>

#define UART_DR		0x00	/* data */
#define UART_FR		0x18	/* flags */
#define UART_IMSC	0x38	/* interrupt mask set/clear */
#define UART_ICR	0x44	/* interrupt clear */
#define FR_RXFE		(1u << 4)	/* receive FIFO empty */
#define FR_TXFF		(1u << 5)	/* transmit FIFO full */
#define INT_RX		(1u << 4)
#define INT_RT		(1u << 6)	/* receive timeout */

static void pl011_putc(struct console *con, char c)
{
	while (readl_relaxed(con->base + UART_FR) & FR_TXFF)
		;
	writel_relaxed((u8)c, con->base + UART_DR);
}

static int pl011_getc(struct console *con)
{
	if (readl_relaxed(con->base + UART_FR) & FR_RXFE)
		return -1;
	return (int)(readl_relaxed(con->base + UART_DR) & 0xFF);
}

#if DEBUG_UART_TYPE == 1
/* The early console: the boot UART at its fixmap address (asm/mmu.h). */
static struct console early_console = {
	.name = "pl011-early", .putc = pl011_putc, .getc = pl011_getc,
	.base = (volatile u8 *)EARLYCON_VA,
};

void early_console_init(void)
{
	console_register(&early_console);
}
#endif

static struct console pl011_console = {
	.name = "ttyAMA0", .putc = pl011_putc, .getc = pl011_getc,
};

/*
 * Acknowledge first, then drain the FIFO.  The other order loses input
 * for good: a character arriving between the last read and the clear
 * would have its interrupt cleared while it sits in the (full, on QEMU
 * one-deep) FIFO, and no further character could ever arrive.
 */
static void pl011_irq(int irq, void *dev)
{
	struct console *con = dev;
	int c;

	writel_relaxed(INT_RX | INT_RT, con->base + UART_ICR);
	while ((c = pl011_getc(con)) >= 0)
		console_input((char)c);
}

/* Only the first PL011 becomes the console (uart@10009000 on vexpress). */
static int pl011_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	int irq = fdt_irq(f, node, 0);

	if (pl011_console.base)
		return 0;
	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	pl011_console.base = ioremap((paddr_t)pa, (size_t)size);
	if (!pl011_console.base)
		return -ENOMEM;
	console_register(&pl011_console);
	if (irq >= 0 && request_irq(irq, pl011_irq, &pl011_console, "uart") == 0)
		writel_relaxed(INT_RX | INT_RT, pl011_console.base + UART_IMSC);
	printk("console: PL011 at 0x%08x (irq %d) through ioremap at %p\n",
	       (u32)pa, irq, (void *)pl011_console.base);
	return 0;
}

DRIVER(pl011, "arm,pl011", 1, pl011_probe);
