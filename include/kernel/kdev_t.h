/*
 * Device numbers.  A dev_t (include/kernel/types.h) holds a 12-bit major
 * and a 20-bit minor in the layout user space sees, which is Linux's
 * 32-bit "new" encoding (new_encode_dev in Linux, what its stat64 system
 * calls put in st_rdev, and what glibc's makedev() builds for numbers in
 * these ranges):
 *
 *   bits    31 ........ 20  19 ........ 8  7 ....... 0
 *   field   minor[19:8]     major[11:0]    minor[7:0]
 *
 *   MKDEV(254, 0)  = 0x0000fe00     vda, virtio-blk's usual major
 *   MKDEV(254, 17) = 0x0000fe11     vdb1 (16 minors per disk)
 *   MKDEV(8, 300)  = 0x0010082c     minor 0x12c: 0x2c low, 0x1 in bits 31..20
 *
 * Linux keeps another layout inside the kernel (major << 20 | minor) and
 * converts at the system-call boundary; this kernel keeps only the one
 * user space sees, so stat and /proc need no conversion.  Small numbers
 * (major and minor below 256) look the same as the old 16-bit
 * major << 8 | minor.
 */
#ifndef KERNEL_KDEV_T_H
#define KERNEL_KDEV_T_H

#include <kernel/types.h>

#define MAJOR_MAX	0xfffu		/* 12 bits */
#define MINOR_MAX	0xfffffu	/* 20 bits */

#define MKDEV(ma, mi) \
	((dev_t)((((u32)(mi)) & 0xffu) | ((((u32)(ma)) & MAJOR_MAX) << 8) | \
		 ((((u32)(mi)) & 0xfff00u) << 12)))
#define MAJOR(dev)	((unsigned int)(((u32)(dev) >> 8) & MAJOR_MAX))
#define MINOR(dev)	((unsigned int)(((u32)(dev) & 0xffu) | (((u32)(dev) >> 12) & 0xfff00u)))

#endif
