/*
 * drivers/virtio/virtio_ring.c - split virtqueues (virtio 1.x, 2.6): the
 * driver's half of the three rings that the device reads and writes by
 * DMA.  Layout in include/kernel/virtio.h.
 *
 * Free descriptors are chained through their .next fields from
 * free_head.  A request takes a chain of them off the front, and
 * returns it when the device has used it.  The device reads only
 * descriptors of chains on the avail ring, so the free chain's links are
 * ours to keep in the table itself.
 *
 * Ordering.  The ring memory is Normal, non-cacheable (dma_alloc_coherent),
 * so no cache maintenance is needed, but the CPU may still make Normal
 * accesses visible in another order than the program's; the device must
 * see them in this one (ARM ARM A3.8.3, "Memory barriers"):
 *
 *   driver (virtqueue_add_sgs, virtqueue_kick)   device
 *   -------------------------------------------  --------------------------
 *   1 write the descriptors of the chain
 *   2 write avail->ring[idx % num] = head
 *     DMB   1-2 observed before 3
 *   3 write avail->idx = idx + 1                 reads avail->idx, then the
 *     DSB   3 complete before 4: a DMB only        entry and descriptors
 *           orders it against other Normal
 *           accesses; the doorbell is a Device
 *           write to the transport
 *   4 write QueueNotify                          wakes up
 *
 *   (virtqueue_get_buf)                          writes buffers, then
 *                                                used->ring[j], then used->idx
 *   5 read used->idx
 *     DMB   5 before 6: the entry must not be
 *           read ahead of the index that says
 *           it is there
 *   6 read used->ring[last_used % num]
 *
 * Reads of the data buffers come after 6 and after dma_unmap_page's
 * invalidate (which ends in a DSB), in the driver.
 */
#include <kernel/bug.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/virtio.h>
#include <asm/cp15.h>
#include <mm/slab.h>

size_t vring_size(unsigned int num, unsigned long align)
{
	size_t desc_avail = 16 * num + sizeof(u16) * (3 + num);
	size_t used = sizeof(u16) * 3 + sizeof(struct vring_used_elem) * num;

	return ALIGN_UP(desc_avail, align) + used;
}

struct virtqueue *vring_new_virtqueue(struct virtio_device *vdev, unsigned int index,
				      unsigned int num, unsigned long align, void *cpu,
				      dma_addr_t dma, void (*callback)(struct virtqueue *),
				      const char *name)
{
	struct virtqueue *vq = kzalloc(sizeof(*vq), GFP_KERNEL);
	unsigned int i;

	if (!vq)
		return NULL;
	vq->data = kzalloc(num * sizeof(void *), GFP_KERNEL);
	if (!vq->data) {
		kfree(vq);
		return NULL;
	}
	vq->vdev = vdev;
	vq->index = index;
	vq->num = num;
	vq->name = name;
	vq->callback = callback;
	vq->ring_mem = cpu;
	vq->ring_dma = dma;
	vq->ring_size = vring_size(num, align);
	vq->desc = cpu;
	vq->avail = (void *)((char *)cpu + 16 * num);
	vq->used = (void *)((char *)cpu + ALIGN_UP(16 * num + sizeof(u16) * (3 + num), align));
	for (i = 0; i < num - 1; i++)
		vq->desc[i].next = (u16)(i + 1);
	vq->free_head = 0;
	vq->num_free = (u16)num;
	return vq;
}

int virtqueue_add_sgs(struct virtqueue *vq, const struct sg_table *tables,
		      unsigned int out, unsigned int in, void *data)
{
	unsigned int t, i, total = 0, done = 0;
	u16 head = vq->free_head, d = head;

	for (t = 0; t < out + in; t++)
		total += tables[t].nents;
	if (!total || !data)
		panic("virtqueue_add_sgs(%s): an empty chain or no token", vq->name);
	if (total > vq->num_free)
		return -ENOSPC;
	for (t = 0; t < out + in; t++) {
		for (i = 0; i < tables[t].nents; i++) {
			const struct scatterlist *sg = &tables[t].sgl[i];

			vq->desc[d].addr = sg->dma_address;
			vq->desc[d].len = sg->length;
			vq->desc[d].flags = (u16)((t >= out ? VRING_DESC_F_WRITE : 0) |
						  (++done < total ? VRING_DESC_F_NEXT : 0));
			if (done < total)
				d = vq->desc[d].next;	/* the free chain's next is ours too */
		}
	}
	vq->free_head = vq->desc[d].next;
	vq->num_free = (u16)(vq->num_free - total);
	vq->data[head] = data;

	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	dmb();				/* descriptors and entry before the index (1-2 before 3) */
	vq->avail_idx++;
	vq->avail->idx = vq->avail_idx;
	vq->num_added++;
	return 0;
}

void virtqueue_kick(struct virtqueue *vq)
{
	if (!vq->num_added)
		return;
	dsb();				/* avail->idx in memory before the doorbell (3 before 4) */
	vq->num_added = 0;
	vq->kicks++;
	virtio_notify(vq);
}

/* Put the chain starting at head back on the free list. */
static void detach_chain(struct virtqueue *vq, u16 head)
{
	u16 d = head, n = 1;

	while (vq->desc[d].flags & VRING_DESC_F_NEXT) {
		d = vq->desc[d].next;
		n++;
	}
	vq->desc[d].next = vq->free_head;
	vq->free_head = head;
	vq->num_free = (u16)(vq->num_free + n);
}

void *virtqueue_get_buf(struct virtqueue *vq, u32 *len)
{
	u16 used_idx = vq->used->idx;
	volatile struct vring_used_elem *e;
	void *data;
	u32 id;

	if (vq->last_used_idx == used_idx)
		return NULL;
	dmb();				/* the index before the entry (5 before 6) */
	e = &vq->used->ring[vq->last_used_idx & (vq->num - 1)];
	id = e->id;
	*len = e->len;
	if (id >= vq->num || !vq->data[id])
		panic("virtqueue_get_buf(%s): the device used descriptor %u, which heads no "
		      "chain in flight", vq->name, id);
	vq->last_used_idx++;
	data = vq->data[id];
	vq->data[id] = NULL;
	detach_chain(vq, (u16)id);
	vq->reaped++;
	return data;
}
