/*
 * What the files of kernel/block/ share, and nobody else needs.
 */
#ifndef KERNEL_BLOCK_BLK_H
#define KERNEL_BLOCK_BLK_H

#include <kernel/blkdev.h>
#include <kernel/blk-mq.h>
#include <kernel/irq.h>
#include <kernel/irqflags.h>
#include <kernel/sched.h>

/*
 * blk_can_sleep - may the caller wait for an interrupt by sleeping?  Not
 * pid 0 (the boot thread: there is nobody to switch to, and it runs the
 * self-tests before user space), not with interrupts masked (the wakeup
 * could never come), not in an interrupt handler.
 */
static inline bool blk_can_sleep(void)
{
	return current != &init_task && !irqs_disabled() && !in_interrupt();
}

/*
 * blk_poll - reap the device's completions without its interrupt, once.
 * Interrupts masked.  *since: 0 at the first call of a wait; a message
 * every 5 s while the device does not answer.
 */
void blk_poll(struct request_queue *q, u64 *since);

/* The I/O statistics (blk-core.c): io_ticks brought up to date at now (jiffies). */
void update_io_ticks(struct block_device *part, unsigned long now, bool end);

/* genhd.c: the disks, in the order added (for /proc). */
extern struct list_head disk_list;

#endif
