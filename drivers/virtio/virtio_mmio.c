/*
 * drivers/virtio/virtio_mmio.c - the virtio-mmio transport (virtio 1.x,
 * 4.2): find the devices in the DTB, start them, set up their queues,
 * take their interrupts.  Registers and the two layouts (legacy version
 * 1, modern version 2) are in include/kernel/virtio.h.
 *
 * Probe of one "virtio,mmio" node (level 1: the interrupt controller is
 * up), spec 3.1.1:
 *
 *   1. map the window; check MagicValue and Version
 *   2. DeviceID 0: an empty slot (QEMU always has some): unmap, quietly
 *   3. reset (Status = 0), ACKNOWLEDGE, DRIVER; legacy: GuestPageSize
 *   4. the driver's probe: features (FEATURES_OK on modern), queues,
 *      configuration, DRIVER_OK; on failure Status = FAILED
 *
 * The interrupt: read InterruptStatus, write the same bits to
 * InterruptACK (the line drops; a completion after the ack raises it
 * again, so none is lost), then let the queues' callbacks reap the used
 * rings.
 *
 * QEMU marks its transports "dma-coherent" (it models no cache).  This
 * kernel ignores that and does the cache maintenance of a real,
 * non-coherent board anyway: it is what the code has to get right.
 */
#include <kernel/driver.h>
#include <kernel/errno.h>
#include <kernel/irq.h>
#include <kernel/printk.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/virtio.h>
#include <mm/ioremap.h>
#include <mm/slab.h>

#define VIRTIO_MMIO_VRING_ALIGN	4096	/* legacy QueueAlign; used for both layouts */
#define VIRTIO_PAGE_SHIFT	12	/* legacy GuestPageSize 4096: QueuePFN units */

/* The drivers this kernel has, by device ID. */
static const struct virtio_driver *const virtio_drivers[] = {
	&virtio_blk_driver,
};

static struct virtio_device *virtio_devices;	/* every device started, newest first */
static unsigned int virtio_count;

static u32 vm_read(struct virtio_device *vdev, unsigned int reg)
{
	return readl(vdev->base + reg);
}

static void vm_write(struct virtio_device *vdev, unsigned int reg, u32 v)
{
	writel(v, vdev->base + reg);
}

static void vm_add_status(struct virtio_device *vdev, u32 bits)
{
	vm_write(vdev, VIRTIO_MMIO_STATUS, vm_read(vdev, VIRTIO_MMIO_STATUS) | bits);
}

int virtio_negotiate_features(struct virtio_device *vdev)
{
	bool modern = vdev->version == 2;
	u64 device, want = vdev->driver->features;

	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	device = vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES);
	if (modern) {
		vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
		device |= (u64)vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
		want |= 1ULL << VIRTIO_F_VERSION_1;
		if (!(device & (1ULL << VIRTIO_F_VERSION_1)))
			return -ENODEV;
	}
	vdev->features = device & want;
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)vdev->features);
	if (!modern)
		return 0;		/* legacy devices have no FEATURES_OK step */
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(vdev->features >> 32));
	vm_add_status(vdev, VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(vm_read(vdev, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK))
		return -ENODEV;
	return 0;
}

u32 virtio_cread32(struct virtio_device *vdev, unsigned int offset)
{
	return vm_read(vdev, VIRTIO_MMIO_CONFIG + offset);
}

/*
 * A 64-bit field is two reads; on a modern device, ConfigGeneration
 * changing between them means the device changed the field meanwhile:
 * read again (spec 2.5.1).
 */
u64 virtio_cread64(struct virtio_device *vdev, unsigned int offset)
{
	u32 gen, lo, hi;

	do {
		gen = vdev->version == 2 ? vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION) : 0;
		lo = virtio_cread32(vdev, offset);
		hi = virtio_cread32(vdev, offset + 4);
	} while (vdev->version == 2 && gen != vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION));
	return lo | (u64)hi << 32;
}

/* Tell the device where queue vq's rings are, in the layout it speaks. */
static void vm_setup_queue(struct virtio_device *vdev, struct virtqueue *vq)
{
	dma_addr_t avail = vq->ring_dma + (dma_addr_t)((char *)vq->avail - (char *)vq->ring_mem);
	dma_addr_t used = vq->ring_dma + (dma_addr_t)((char *)vq->used - (char *)vq->ring_mem);

	vm_write(vdev, VIRTIO_MMIO_QUEUE_NUM, vq->num);
	if (vdev->version == 1) {
		vm_write(vdev, VIRTIO_MMIO_QUEUE_ALIGN, VIRTIO_MMIO_VRING_ALIGN);
		vm_write(vdev, VIRTIO_MMIO_QUEUE_PFN, vq->ring_dma >> VIRTIO_PAGE_SHIFT);
		return;
	}
	vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_LOW, vq->ring_dma);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, avail);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, 0);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_LOW, used);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_HIGH, 0);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_READY, 1);
}

struct virtqueue *virtio_find_vq(struct virtio_device *vdev, unsigned int index,
				 unsigned int num, void (*callback)(struct virtqueue *),
				 const char *name)
{
	struct virtqueue *vq;
	unsigned int max;
	dma_addr_t dma;
	size_t size;
	void *cpu;

	if (index >= VIRTIO_MAX_VQS || !num || (num & (num - 1)))
		return NULL;
	vm_write(vdev, VIRTIO_MMIO_QUEUE_SEL, index);
	if (vm_read(vdev, vdev->version == 1 ? VIRTIO_MMIO_QUEUE_PFN : VIRTIO_MMIO_QUEUE_READY))
		return NULL;			/* already in use */
	max = vm_read(vdev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	while (num > max)
		num /= 2;			/* stays a power of 2 */
	if (!num)
		return NULL;
	size = vring_size(num, VIRTIO_MMIO_VRING_ALIGN);
	cpu = dma_alloc_coherent(size, &dma);
	if (!cpu)
		return NULL;
	vq = vring_new_virtqueue(vdev, index, num, VIRTIO_MMIO_VRING_ALIGN, cpu, dma, callback,
				 name);
	if (!vq) {
		dma_free_coherent(size, cpu, dma);
		return NULL;
	}
	vm_setup_queue(vdev, vq);
	vdev->vqs[index] = vq;
	return vq;
}

void virtio_device_ready(struct virtio_device *vdev)
{
	vm_add_status(vdev, VIRTIO_CONFIG_S_DRIVER_OK);
}

void virtio_notify(struct virtqueue *vq)
{
	vm_write(vq->vdev, VIRTIO_MMIO_QUEUE_NOTIFY, vq->index);
}

static void vm_interrupt(int irq, void *dev)
{
	struct virtio_device *vdev = dev;
	u32 status = vm_read(vdev, VIRTIO_MMIO_INTERRUPT_STATUS);
	unsigned int i;

	vm_write(vdev, VIRTIO_MMIO_INTERRUPT_ACK, status);
	if (status & VIRTIO_MMIO_INT_CONFIG)
		vdev->config_changes++;
	if (!(status & VIRTIO_MMIO_INT_VRING))
		return;
	for (i = 0; i < VIRTIO_MAX_VQS; i++) {
		struct virtqueue *vq = vdev->vqs[i];

		if (vq && vq->callback) {
			vq->interrupts++;
			vq->callback(vq);
		}
	}
}

static const struct virtio_driver *find_driver(u32 device_id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(virtio_drivers); i++)
		if (virtio_drivers[i]->device_id == device_id)
			return virtio_drivers[i];
	return NULL;
}

/* Steps 3 and 4 of the probe (top of this file). */
static int vm_start(struct virtio_device *vdev)
{
	int err;

	vm_write(vdev, VIRTIO_MMIO_STATUS, 0);
	while (vdev->version == 2 && vm_read(vdev, VIRTIO_MMIO_STATUS))
		;				/* modern: the reset is over when Status reads 0 */
	vm_add_status(vdev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vm_add_status(vdev, VIRTIO_CONFIG_S_DRIVER);
	if (vdev->version == 1)
		vm_write(vdev, VIRTIO_MMIO_GUEST_PAGE_SIZE, 1u << VIRTIO_PAGE_SHIFT);
	err = request_irq(vdev->irq, vm_interrupt, vdev, vdev->name);
	if (!err)
		err = vdev->driver->probe(vdev);
	if (err)
		vm_add_status(vdev, VIRTIO_CONFIG_S_FAILED);
	return err;
}

/* A device to start: its registers mapped at base, a driver for it known. */
static struct virtio_device *vm_new_device(void *base, paddr_t pa, int irq, u32 version,
					   u32 device_id)
{
	struct virtio_device *vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);

	if (!vdev)
		return NULL;
	vdev->index = virtio_count++;
	snprintf(vdev->name, sizeof(vdev->name), "virtio%u", vdev->index);
	vdev->base = base;
	vdev->phys = pa;
	vdev->irq = irq;
	vdev->version = version;
	vdev->device_id = device_id;
	vdev->vendor_id = readl(base + VIRTIO_MMIO_VENDOR_ID);
	vdev->driver = find_driver(device_id);
	vdev->next = virtio_devices;
	virtio_devices = vdev;
	return vdev;
}

static int virtio_mmio_probe(const struct fdt *f, int node)
{
	struct virtio_device *vdev;
	u32 version, device_id;
	u64 pa, size;
	void *base;
	int irq = fdt_irq(f, node, 0), err;

	if (!fdt_reg(f, node, 0, &pa, &size) || irq < 0)
		return -EINVAL;
	base = ioremap((paddr_t)pa, (size_t)size);
	if (!base)
		return -ENOMEM;
	version = readl(base + VIRTIO_MMIO_VERSION);
	device_id = readl(base + VIRTIO_MMIO_DEVICE_ID);
	if (readl(base + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC ||
	    (version != 1 && version != 2)) {
		printk("virtio-mmio at 0x%08x: no virtio magic, or version %u\n", (u32)pa, version);
		iounmap(base);
		return -ENODEV;
	}
	if (!device_id || !find_driver(device_id)) {
		if (device_id)
			printk("virtio-mmio at 0x%08x: device %u has no driver here\n", (u32)pa,
			       device_id);
		iounmap(base);
		return 0;			/* an empty slot */
	}
	vdev = vm_new_device(base, (paddr_t)pa, irq, version, device_id);
	if (!vdev) {
		iounmap(base);
		return -ENOMEM;
	}
	err = vm_start(vdev);
	if (err)
		printk("%s: %s driver failed (%d)\n", vdev->name, vdev->driver->name, err);
	return err;
}

DRIVER(virtio_mmio, "virtio,mmio", 1, virtio_mmio_probe);

/* The virtio view: each device, its features and its queues. */
static void show_virtio(struct seq_buf *s)
{
	struct virtio_device *vdev;
	unsigned int i;

	for (vdev = virtio_devices; vdev; vdev = vdev->next) {
		seq_printf(s, "%s: mmio 0x%08x irq %d, %s (version %u), device %u (%s), "
			   "features 0x%llx\n", vdev->name, vdev->phys, vdev->irq,
			   vdev->version == 1 ? "legacy" : "modern", vdev->version,
			   vdev->device_id, vdev->driver->name,
			   (unsigned long long)vdev->features);
		for (i = 0; i < VIRTIO_MAX_VQS; i++) {
			const struct virtqueue *vq = vdev->vqs[i];

			if (vq)
				seq_printf(s, "  queue %u (%s): %u entries, %u descriptors free, "
					   "%lu kicks, %lu interrupts, %lu used buffers\n",
					   vq->index, vq->name, vq->num, vq->num_free, vq->kicks,
					   vq->interrupts, vq->reaped);
		}
	}
}
VIEW(virtio, show_virtio);
