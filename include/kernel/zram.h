/*
 * zram (drivers/block/zram.c): /dev/zram0, a compressed disk in RAM with
 * Linux's interface under /sys/block/zram0/.
 */
#ifndef KERNEL_ZRAM_H
#define KERNEL_ZRAM_H

/*
 * zram_init - add zram0 (size 0 until disksize is written).  Boot, after
 * the DTB's drivers (Linux loads zram as a module, after them: its disk
 * comes after theirs in /proc/diskstats) and before bdev_init, which
 * makes the /dev node and the /sys/block directory.
 */
void zram_init(void);

#endif
