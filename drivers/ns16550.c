/*
 * 16550-compatible UARTs: the console on the BeagleBone Black (TI AM335x
 * UART0, "ti,am3352-uart") and on QEMU's cubieboard (Allwinner A10, a
 * Synopsys DesignWare APB UART, "snps,dw-apb-uart").  Both space their
 * 8-bit registers 4 bytes apart (reg-shift 2) and are read and written
 * with 32-bit accesses, as U-Boot does on those SoCs.
 *
 * Registers (PC16550D data sheet; AM335x TRM SPRUH73 19.5.1):
 *
 *   index  read                 write                with LCR.DLAB = 1
 *   -----  -------------------  -------------------  -----------------
 *   0      RBR receive buffer   THR transmit         DLL divisor low
 *   1      IER interrupt enable IER                  DLM divisor high
 *   2      IIR interrupt ident  FCR FIFO control
 *   3      LCR line control     LCR
 *   4      MCR modem control    MCR
 *   5      LSR line status      -
 *   8      AM335x only: MDR1 mode (7 = disabled, 0 = UART 16x)
 *
 * Output is polled (printk must work with interrupts off); input comes
 * by the receive interrupt into the console's input ring, as with PL011.
 *
 * Baud rate: divisor = clock / (16 * baud).  The boot loader has set it
 * already; the driver sets it again only when the DTB gives the UART's
 * "clock-frequency" (48 MHz on the AM335x: 48e6 / 16 / 115200 = 26,
 * 0.16% fast).
 */
#include <kernel/types.h>
#include <kernel/console.h>
#include <kernel/driver.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/errno.h>
#ifndef HOST_TEST	/* tests/host/test_am335x.c supplies a register model */
#include <mm/ioremap.h>
#include <asm/io.h>
#endif

/* One UART: the console it provides and how to reach its registers. */
struct ns16550 {
	struct console con;	/* con.base: the registers (ioremap'd) */
	unsigned reg_shift;	/* register i is at base + (i << reg_shift) */
	bool has_mdr1;		/* AM335x: has the MDR1 mode register */
	bool is_dw;		/* DesignWare: has USR (busy detect) */
};

/* Register index (times 4 with reg-shift 2). */
#define UART_RBR	0
#define UART_THR	0
#define UART_DLL	0
#define UART_IER	1
#define UART_DLM	1
#define UART_IIR	2
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MDR1	8	/* AM335x: operating mode */
#define UART_USR	31	/* DesignWare: status (reading clears "busy") */

#define IER_RDI		0x01	/* receive data available interrupt */
#define IIR_NO_INT	0x01	/* no interrupt pending */
#define IIR_ID_MASK	0x0F
#define IIR_BUSY	0x07	/* DesignWare: LCR written while busy */
#define FCR_ENABLE	0x01
#define FCR_CLEAR_RX	0x02
#define FCR_CLEAR_TX	0x04
#define LCR_8N1		0x03	/* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB	0x80	/* divisor latch access */
#define MCR_DTR		0x01
#define MCR_RTS		0x02
#define LSR_DR		0x01	/* a received byte is waiting */
#define LSR_THRE	0x20	/* room in the transmit FIFO */
#define LSR_TEMT	0x40	/* transmitter empty: everything sent */
#define MDR1_DISABLE	0x07
#define MDR1_16X	0x00

static u32 uart_read(const struct ns16550 *u, unsigned reg)
{
	return readl_relaxed(u->con.base + (reg << u->reg_shift));
}

static void uart_write(const struct ns16550 *u, unsigned reg, u32 v)
{
	writel_relaxed(v, u->con.base + (reg << u->reg_shift));
}

/* ns16550_putc - wait for room in the transmitter, send c. */
static void ns16550_putc(struct console *con, char c)
{
	struct ns16550 *u = container_of(con, struct ns16550, con);

	while (!(uart_read(u, UART_LSR) & LSR_THRE))
		;
	uart_write(u, UART_THR, (u8)c);
}

/* ns16550_getc - the next received byte, or -1 if none is waiting. */
static int ns16550_getc(struct console *con)
{
	struct ns16550 *u = container_of(con, struct ns16550, con);

	if (!(uart_read(u, UART_LSR) & LSR_DR))
		return -1;
	return (int)(uart_read(u, UART_RBR) & 0xFF);
}

/*
 * ns16550_init - 8N1 at `baud` from a `clock` Hz input, FIFOs on, all
 * interrupts off.  Waits for the transmitter to drain first, so that
 * what the early console sent is not garbled by the new divisor.  The
 * AM335x UART is held in its "disabled" mode (MDR1 = 7) while the
 * divisor changes, as its TRM asks (19.4.1.1), then put in 16x mode.
 */
static void ns16550_init(struct ns16550 *u, u32 clock, u32 baud)
{
	u32 div = (clock + 8 * baud) / (16 * baud);	/* rounded */

	while (!(uart_read(u, UART_LSR) & LSR_TEMT))
		;
	uart_write(u, UART_IER, 0);
	if (u->has_mdr1)
		uart_write(u, UART_MDR1, MDR1_DISABLE);
	uart_write(u, UART_LCR, LCR_DLAB | LCR_8N1);
	uart_write(u, UART_DLL, div & 0xFF);
	uart_write(u, UART_DLM, (div >> 8) & 0xFF);
	uart_write(u, UART_LCR, LCR_8N1);
	uart_write(u, UART_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX);
	uart_write(u, UART_MCR, MCR_DTR | MCR_RTS);
	if (u->has_mdr1)
		uart_write(u, UART_MDR1, MDR1_16X);
}

/* ns16550_enable_rx_irq - interrupt when a byte arrives. */
static void ns16550_enable_rx_irq(struct ns16550 *u)
{
	uart_write(u, UART_IER, IER_RDI);
}

/*
 * ns16550_irq - the UART's interrupt: hand every waiting byte to the tty.
 * Reading RBR until LSR.DR is clear is what acknowledges the receive
 * interrupt; a DesignWare "busy detect" interrupt is cleared by reading
 * USR.
 */
static void ns16550_irq(int irq, void *dev)
{
	struct ns16550 *u = dev;
	u32 iir = uart_read(u, UART_IIR);
	int c;

	if ((iir & IIR_ID_MASK) == IIR_BUSY && u->is_dw)
		(void)uart_read(u, UART_USR);
	while ((c = ns16550_getc(&u->con)) >= 0)
		console_input((char)c);
}

#if DEBUG_UART_TYPE == 2
#include <asm/mmu.h>
/* The early console: the boot UART at its fixmap address (asm/mmu.h). */
static struct ns16550 early_uart = {
	.con = { .name = "16550-early", .putc = ns16550_putc, .getc = ns16550_getc,
		 .base = (volatile u8 *)EARLYCON_VA },
	.reg_shift = 2,
};

void early_console_init(void)
{
	console_register(&early_uart.con);
}
#endif

static struct ns16550 uart_console = {
	.con = { .name = "ttyS0", .putc = ns16550_putc, .getc = ns16550_getc },
};

/*
 * Only the first UART becomes the console: the DTB lists the console
 * UART first (UART0 on both boards).  reg-shift defaults to 2.
 */
static int ns16550_probe(const struct fdt *f, int node)
{
	u64 pa, size;
	int irq = fdt_irq(f, node, 0);
	u32 clock = fdt_prop_u32(f, node, "clock-frequency", 0);
	u32 baud = fdt_prop_u32(f, node, "current-speed", 115200);

	if (uart_console.con.base)
		return 0;
	if (!fdt_reg(f, node, 0, &pa, &size))
		return -EINVAL;
	uart_console.reg_shift = fdt_prop_u32(f, node, "reg-shift", 2);
	uart_console.has_mdr1 = fdt_is_compatible(f, node, "ti,am3352-uart");
	uart_console.is_dw = fdt_is_compatible(f, node, "snps,dw-apb-uart");
	uart_console.con.base = ioremap((paddr_t)pa, (size_t)size);
	if (!uart_console.con.base)
		return -ENOMEM;
	if (clock)
		ns16550_init(&uart_console, clock, baud);
	console_register(&uart_console.con);
	if (irq >= 0 && request_irq(irq, ns16550_irq, &uart_console, "uart") == 0)
		ns16550_enable_rx_irq(&uart_console);
	printk("console: 16550 UART at 0x%08x (irq %d, reg-shift %u) through ioremap at %p\n",
	       (u32)pa, irq, uart_console.reg_shift, (void *)uart_console.con.base);
	return 0;
}

DRIVER(ns16550_am335x, "ti,am3352-uart", 1, ns16550_probe);
DRIVER(ns16550_dw, "snps,dw-apb-uart", 1, ns16550_probe);
DRIVER(ns16550_sun4i, "allwinner,sun4i-a10-uart", 1, ns16550_probe);
