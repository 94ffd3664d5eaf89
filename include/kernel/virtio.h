/*
 * virtio over MMIO: the transport (drivers/virtio/virtio_mmio.c), split
 * virtqueues (drivers/virtio/virtio_ring.c) and what a device driver
 * (drivers/virtio/virtio_blk.c) uses of them.  Offsets, bits and formats
 * are the virtio 1.x specification's (sections 2.6 "Split Virtqueues",
 * 4.2 "Virtio Over MMIO"); names follow Linux's.
 *
 * A transport is a 0x200-byte register window found in the DTB
 * ("virtio,mmio").  QEMU's boards always have some (vexpress-a9: four at
 * 0x10013000 + 0x200 * n; virt: 32), and fill one per -device from the
 * top; an empty one reads DeviceID 0.  Two register layouts exist:
 *
 *   Version  name     queue memory                       features
 *   -------  -------  ---------------------------------  ------------------
 *   1        legacy   one block, found by its page       32 bits, no
 *                     number (QueuePFN, GuestPageSize,   FEATURES_OK step
 *                     QueueAlign)
 *   2        modern   three addresses (descriptors,      64 bits; the
 *                     driver ring, device ring) and      driver must accept
 *                     QueueReady                         VIRTIO_F_VERSION_1
 *
 * QEMU gives version 1 unless started with
 * -global virtio-mmio.force-legacy=false; both work here.
 *
 * A driver's life (spec 3.1.1, "Driver Requirements: Device
 * Initialization"): the transport resets the device and sets ACKNOWLEDGE
 * and DRIVER, then calls the driver's probe, which negotiates features
 * (virtio_negotiate_features), sets up its queues (virtio_find_vq), reads
 * its configuration (virtio_cread32/64) and sets DRIVER_OK
 * (virtio_device_ready) before its first request.
 */
#ifndef KERNEL_VIRTIO_H
#define KERNEL_VIRTIO_H

#include <kernel/types.h>
#include <asm/io.h>
#include <mm/dma.h>

/* ---- MMIO registers (spec 4.2.2; legacy-only ones: 4.2.4) -------------- */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt", 0x74726976 */
#define VIRTIO_MMIO_VERSION		0x004	/* 1 legacy, 2 modern */
#define VIRTIO_MMIO_DEVICE_ID		0x008	/* 0: no device here */
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010	/* 32 bits, chosen by ..._SEL */
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE	0x028	/* legacy */
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_ALIGN		0x03c	/* legacy */
#define VIRTIO_MMIO_QUEUE_PFN		0x040	/* legacy */
#define VIRTIO_MMIO_QUEUE_READY		0x044	/* modern */
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080	/* modern, and the next five */
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090	/* the spec's "driver area" */
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0	/* the spec's "device area" */
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc	/* modern */
#define VIRTIO_MMIO_CONFIG		0x100	/* device-specific configuration */

#define VIRTIO_MMIO_MAGIC		0x74726976u

/* InterruptStatus / InterruptACK bits */
#define VIRTIO_MMIO_INT_VRING		(1u << 0)	/* used ring updated */
#define VIRTIO_MMIO_INT_CONFIG		(1u << 1)	/* configuration changed */

/* ---- device status (spec 2.1) ------------------------------------------- */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1u	/* a driver noticed the device */
#define VIRTIO_CONFIG_S_DRIVER		2u	/* ... and knows how to drive it */
#define VIRTIO_CONFIG_S_DRIVER_OK	4u	/* ready: requests may flow */
#define VIRTIO_CONFIG_S_FEATURES_OK	8u	/* modern: features accepted */
#define VIRTIO_CONFIG_S_NEEDS_RESET	64u
#define VIRTIO_CONFIG_S_FAILED		128u	/* the driver gave up */

/* ---- device IDs (spec 5) ------------------------------------------------ */
#define VIRTIO_ID_NET			1
#define VIRTIO_ID_BLOCK			2
#define VIRTIO_ID_CONSOLE		3
#define VIRTIO_ID_RNG			4

/* ---- transport feature bits (spec 6) ------------------------------------ */
#define VIRTIO_RING_F_INDIRECT_DESC	28	/* not used here */
#define VIRTIO_RING_F_EVENT_IDX		29	/* not used here */
#define VIRTIO_F_VERSION_1		32	/* modern devices require it */

/* ---- split virtqueue layout (spec 2.6) -----------------------------------
 *
 *   descriptor table   num x struct vring_desc (16 bytes), 16-byte aligned
 *   avail ring         flags, idx, ring[num], used_event  (driver writes)
 *   used ring          flags, idx, ring[num] x {id, len}, avail_event
 *                      (device writes), 4-byte aligned; legacy: on the
 *                      next QueueAlign (4096) boundary after the avail ring
 *
 * The driver puts the head of a descriptor chain in avail->ring[idx % num]
 * and then increments avail->idx; the device puts {head, bytes written}
 * in used->ring[idx % num] and increments used->idx.  Both indexes run
 * freely and wrap at 2^16.  All fields are little-endian, as the CPU.
 */
#define VRING_DESC_F_NEXT		1u	/* the chain continues at .next */
#define VRING_DESC_F_WRITE		2u	/* the device writes this buffer */

#define VRING_AVAIL_F_NO_INTERRUPT	1u
#define VRING_USED_F_NO_NOTIFY		1u

struct vring_desc {
	u64 addr;		/* bus address of the buffer */
	u32 len;
	u16 flags;		/* VRING_DESC_F_* */
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;
	u16 ring[];		/* then u16 used_event */
};

struct vring_used_elem {
	u32 id;			/* head of the chain the device is done with */
	u32 len;		/* bytes it wrote into the chain */
};

struct vring_used {
	u16 flags;
	u16 idx;
	struct vring_used_elem ring[];	/* then u16 avail_event */
};

/* ---- the objects -------------------------------------------------------- */

struct virtqueue;
struct virtio_device;

/*
 * One virtqueue.  The ring lives in coherent (uncached) DMA memory, so
 * the CPU's reads and writes of it go straight to RAM and only their
 * order needs care (barriers in virtio_ring.c).
 */
struct virtqueue {
	struct virtio_device *vdev;
	unsigned int index;		/* queue number on the device */
	unsigned int num;		/* entries: a power of 2 */
	const char *name;
	void (*callback)(struct virtqueue *vq);	/* used buffers to reap */

	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
	void *ring_mem;			/* dma_alloc_coherent: all three */
	dma_addr_t ring_dma;
	size_t ring_size;

	u16 free_head;			/* first free descriptor (chained by .next) */
	u16 num_free;
	u16 avail_idx;			/* our copy of avail->idx */
	u16 last_used_idx;		/* next used->ring entry to reap */
	unsigned int num_added;		/* chains added since the last kick */
	void **data;			/* data[head]: the caller's token per chain */

	unsigned long kicks, interrupts, reaped;	/* for the virtio view */
};

/* What a driver reads, and the transport fills in. */
struct virtio_device {
	unsigned int index;		/* virtio0, virtio1, ... in probe order */
	char name[12];
	void __iomem *base;
	paddr_t phys;			/* the register window, from the DTB */
	int irq;
	u32 version;			/* 1 legacy, 2 modern */
	u32 device_id, vendor_id;
	u64 features;			/* negotiated */
	const struct virtio_driver *driver;
	void *priv;			/* the driver's */
#define VIRTIO_MAX_VQS	2
	struct virtqueue *vqs[VIRTIO_MAX_VQS];
	unsigned long config_changes;
	struct virtio_device *next;	/* every device, for the view */
};

/*
 * A device driver: the device ID it drives, the features it understands
 * (the transport adds VIRTIO_F_VERSION_1 on modern devices) and its
 * probe, called with the device reset and ACKNOWLEDGE|DRIVER set; 0 or
 * -errno (the transport then sets FAILED).
 */
struct virtio_driver {
	const char *name;
	u32 device_id;
	u64 features;
	int (*probe)(struct virtio_device *vdev);
};

/* ---- transport calls for drivers (virtio_mmio.c) ------------------------ */

/*
 * virtio_negotiate_features - accept the device's features that are also
 * in the driver's list (plus VIRTIO_F_VERSION_1 on a modern device),
 * and on a modern device check that it agrees (FEATURES_OK).  Sets
 * vdev->features.  0, or -ENODEV if the device refuses.
 */
int virtio_negotiate_features(struct virtio_device *vdev);

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return vdev->features & (1ULL << bit);
}

/* Device configuration, by byte offset (32-bit aligned fields). */
u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset);
u64 virtio_cread64(struct virtio_device *vdev, unsigned int offset);

/*
 * virtio_find_vq - set up queue `index` with at most `num` entries (a
 * power of 2; fewer if the device allows fewer), calling callback(vq)
 * from the interrupt handler when the device has used buffers.  Boot
 * (probe) context.  The queue, or NULL if the device has no such queue
 * or there is no coherent memory for it.
 */
struct virtqueue *virtio_find_vq(struct virtio_device *vdev, unsigned int index,
				 unsigned int num, void (*callback)(struct virtqueue *),
				 const char *name);

/* virtio_device_ready - set DRIVER_OK: the driver may now use its queues. */
void virtio_device_ready(struct virtio_device *vdev);

/* virtio_notify - tell the device that queue vq has new buffers (a write
 * of QueueNotify; virtqueue_kick calls it after the barrier it needs). */
void virtio_notify(struct virtqueue *vq);

/* ---- split virtqueues (virtio_ring.c) ------------------------------------ */

/*
 * virtqueue_add_sgs - make one descriptor chain of `out` lists the device
 * reads followed by `in` lists it writes (tables[0 .. out + in - 1]; each
 * entry's dma_address and length are used: the caller has mapped them)
 * and put it on the avail ring, with `data` as the token that
 * virtqueue_get_buf returns for it.  The device is not told until
 * virtqueue_kick.  Interrupts masked.  0, or -ENOSPC if fewer free
 * descriptors are left than entries (nothing is changed then).
 */
int virtqueue_add_sgs(struct virtqueue *vq, const struct sg_table *tables,
		      unsigned int out, unsigned int in, void *data);

/* virtqueue_kick - notify the device if chains were added since the last kick. */
void virtqueue_kick(struct virtqueue *vq);

/*
 * virtqueue_get_buf - the token of the next chain the device has used
 * (its descriptors are free again), with the bytes it wrote in *len; NULL
 * if there is none.  Interrupts masked (the interrupt handler, or a
 * poller).
 */
void *virtqueue_get_buf(struct virtqueue *vq, u32 *len);

static inline unsigned int virtqueue_num_free(const struct virtqueue *vq)
{
	return vq->num_free;
}

/* The ring's memory for num entries, and the offsets of its parts. */
size_t vring_size(unsigned int num, unsigned long align);

/*
 * vring_new_virtqueue - a virtqueue over ring memory already allocated
 * (coherent, zeroed, vring_size(num, align) bytes at cpu/dma), its free
 * list threaded through every descriptor.  NULL on no memory.
 */
struct virtqueue *vring_new_virtqueue(struct virtio_device *vdev, unsigned int index,
				      unsigned int num, unsigned long align, void *cpu,
				      dma_addr_t dma, void (*callback)(struct virtqueue *),
				      const char *name);

/* virtio_blk.c */
extern const struct virtio_driver virtio_blk_driver;

#endif
