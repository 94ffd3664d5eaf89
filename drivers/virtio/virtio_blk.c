/*
 * drivers/virtio/virtio_blk.c - the virtio block device (virtio 1.x, 5.2)
 * as a disk of the block layer: vda, vdb, ... with major 254 (the first
 * dynamic major, as on Linux when virtio-blk registers first) and 16
 * minors each.
 *
 * One request = one descriptor chain:
 *
 *   descriptor   buffer                               device    DMA mapping
 *   -----------  -----------------------------------  --------  ---------------------
 *   1            struct virtio_blk_outhdr: type,      reads     dma_map_single,
 *                sector (16 bytes)                              DMA_TO_DEVICE
 *   2 .. n+1     the data pieces (rq->sgt), a page    reads a   dma_map_page, either
 *                each at most                         write,    direction, HighMem
 *                                                     writes a  pages too
 *                                                     read
 *   n+2          status: 1 byte, VIRTIO_BLK_S_*       writes    dma_map_single,
 *                                                               DMA_FROM_DEVICE
 *
 * A flush has no data pieces.  The header and the status byte live in
 * the request's driver part (struct virtblk_req, blk_mq_rq_to_pdu), a
 * kmalloc'ed buffer: the status byte starts its own 64-byte line and
 * nothing else the CPU writes is in that line (ARCH_DMA_MINALIGN), so
 * invalidating it cannot lose data.
 *
 * Completion: the interrupt (or a poller) calls virtblk_done, which takes
 * each used chain back, unmaps its buffers (the invalidate after a read
 * is what makes the CPU see the device's data, not stale lines), turns
 * the status into 0 / -EIO / -EOPNOTSUPP and ends the request; then lets
 * the block layer hand over what waited for room.
 *
 * Features asked for: SIZE_MAX, SEG_MAX, BLK_SIZE (limits), FLUSH (a
 * volatile write cache to flush), RO; VIRTIO_F_VERSION_1 on modern
 * transports comes from virtio_mmio.c.
 */
#include <kernel/blk-mq.h>
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <kernel/virtio.h>
#include <mm/mm.h>
#include <mm/slab.h>

/* Feature bits (spec 5.2.3) */
#define VIRTIO_BLK_F_SIZE_MAX	1	/* size_max: largest data piece */
#define VIRTIO_BLK_F_SEG_MAX	2	/* seg_max: most data pieces per request */
#define VIRTIO_BLK_F_RO		5	/* read-only */
#define VIRTIO_BLK_F_BLK_SIZE	6	/* blk_size: logical block size */
#define VIRTIO_BLK_F_FLUSH	9	/* VIRTIO_BLK_T_FLUSH; a volatile write cache */

/* Configuration space (spec 5.2.4), byte offsets */
#define VIRTIO_BLK_CFG_CAPACITY	0	/* u64, 512-byte sectors */
#define VIRTIO_BLK_CFG_SIZE_MAX	8	/* u32 */
#define VIRTIO_BLK_CFG_SEG_MAX	12	/* u32 */
#define VIRTIO_BLK_CFG_BLK_SIZE	20	/* u32 */

/* Request types and status values (spec 5.2.6) */
#define VIRTIO_BLK_T_IN		0	/* read */
#define VIRTIO_BLK_T_OUT	1	/* write */
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

#define VIRTBLK_MINORS		16	/* as Linux's virtio_blk: vda, vda1..vda15 */
#define VIRTBLK_QUEUE_SIZE	128	/* entries asked for (QEMU allows 256) */

struct virtio_blk_outhdr {
	u32 type;
	u32 ioprio;
	u64 sector;
};

/*
 * The driver's part of each request (blk_mq_rq_to_pdu), last in the
 * request's kmalloc object.  The status byte comes last and starts a
 * cache line of its own: the CPU writes nothing else in that line while
 * the device may write the byte (hdr_sg and status_sg are set around the
 * mapping, so they must not share it).
 */
struct virtblk_req {
	struct virtio_blk_outhdr out_hdr;
	struct scatterlist hdr_sg, status_sg;
	u8 status __aligned(ARCH_DMA_MINALIGN);
};

struct virtio_blk {
	struct virtio_device *vdev;
	struct virtqueue *vq;
	struct gendisk *disk;
};

static int virtblk_major;
static unsigned int virtblk_index;

/*
 * "vd" + a, b, ... z, aa, ab, ...: the letters count in base 26 with no
 * zero digit, as Linux's disk names.
 */
static void virtblk_name(char *buf, size_t size, unsigned int index)
{
	char letters[8];
	int n = 0;

	do {
		letters[n++] = (char)('a' + index % 26);
		index = index / 26;
	} while (index-- > 0 && n < (int)sizeof(letters));
	snprintf(buf, size, "vd");
	while (n > 0 && strlen(buf) + 1 < size) {
		size_t len = strlen(buf);

		buf[len] = letters[--n];
		buf[len + 1] = '\0';
	}
}

static void virtblk_unmap(struct request *rq)
{
	struct virtblk_req *vbr = blk_mq_rq_to_pdu(rq);
	enum dma_data_direction dir = req_op(rq) == REQ_OP_WRITE ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	unsigned int i;

	dma_unmap_single(vbr->hdr_sg.dma_address, sizeof(vbr->out_hdr), DMA_TO_DEVICE);
	for (i = 0; i < rq->sgt.nents; i++)
		dma_unmap_page(rq->sgt.sgl[i].dma_address, rq->sgt.sgl[i].length, dir);
	dma_unmap_single(vbr->status_sg.dma_address, 1, DMA_FROM_DEVICE);
}

static void sg_set_kbuf(struct scatterlist *sg, void *buf, unsigned int len,
			enum dma_data_direction dir)
{
	sg->page = virt_to_page(buf);
	sg->offset = (unsigned int)((vaddr_t)buf & (PAGE_SIZE - 1));
	sg->length = len;
	sg->dma_address = dma_map_single(buf, len, dir);
}

/*
 * virtblk_queue_rq - rq as a descriptor chain on the ring (the table at
 * the top), without notifying the device.  -EBUSY when the ring lacks
 * descriptors for it.  Interrupts masked.
 */
static int virtblk_queue_rq(struct request *rq)
{
	struct virtio_blk *vblk = rq->q->queuedata;
	struct virtblk_req *vbr = blk_mq_rq_to_pdu(rq);
	bool write = req_op(rq) == REQ_OP_WRITE;
	enum dma_data_direction dir = write ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	struct sg_table tables[3];
	unsigned int i, out = 1, in = 1;
	int err;

	if (virtqueue_num_free(vblk->vq) < rq->sgt.nents + 2)
		return -EBUSY;
	vbr->out_hdr.type = req_op(rq) == REQ_OP_FLUSH ? VIRTIO_BLK_T_FLUSH :
			    write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
	vbr->out_hdr.ioprio = 0;
	vbr->out_hdr.sector = req_op(rq) == REQ_OP_FLUSH ? 0 : blk_rq_pos(rq);
	vbr->status = 0xff;		/* the device must overwrite it */
	sg_set_kbuf(&vbr->hdr_sg, &vbr->out_hdr, sizeof(vbr->out_hdr), DMA_TO_DEVICE);
	for (i = 0; i < rq->sgt.nents; i++) {
		struct scatterlist *sg = &rq->sgt.sgl[i];

		sg->dma_address = dma_map_page(sg->page, sg->offset, sg->length, dir);
	}
	sg_set_kbuf(&vbr->status_sg, &vbr->status, 1, DMA_FROM_DEVICE);

	tables[0] = (struct sg_table){ &vbr->hdr_sg, 1 };
	if (rq->sgt.nents) {
		tables[1] = rq->sgt;
		if (write)
			out++;
		else
			in++;
	}
	tables[out + in - 1] = (struct sg_table){ &vbr->status_sg, 1 };
	err = virtqueue_add_sgs(vblk->vq, tables, out, in, rq);
	if (err) {			/* cannot happen: room was checked */
		virtblk_unmap(rq);
		return -EBUSY;
	}
	return 0;
}

static void virtblk_commit_rqs(struct request_queue *q)
{
	struct virtio_blk *vblk = q->queuedata;

	virtqueue_kick(vblk->vq);
}

static int virtblk_status(u8 status)
{
	if (status == VIRTIO_BLK_S_OK)
		return 0;
	return status == VIRTIO_BLK_S_UNSUPP ? -EOPNOTSUPP : -EIO;
}

/* virtblk_done - reap every used chain (interrupt handler, or a poller). */
static void virtblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->vdev->priv;
	struct request *rq;
	bool any = false;
	u32 len;

	while ((rq = virtqueue_get_buf(vq, &len))) {
		struct virtblk_req *vbr = blk_mq_rq_to_pdu(rq);

		virtblk_unmap(rq);
		blk_mq_end_request(rq, virtblk_status(vbr->status));
		any = true;
	}
	if (any)
		blk_mq_run_hw_queue(vblk->disk->queue);
}

static void virtblk_poll(struct request_queue *q)
{
	struct virtio_blk *vblk = q->queuedata;

	virtblk_done(vblk->vq);
}

static const struct blk_mq_ops virtio_mq_ops = {
	.queue_rq = virtblk_queue_rq,
	.commit_rqs = virtblk_commit_rqs,
	.poll = virtblk_poll,
};

/* The queue's limits from what the device offered (spec 5.2.5). */
static void virtblk_limits(struct virtio_blk *vblk, struct request_queue *q)
{
	struct virtio_device *vdev = vblk->vdev;
	unsigned int seg_max = 1;

	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX))
		seg_max = virtio_cread32(vdev, VIRTIO_BLK_CFG_SEG_MAX);
	if (!seg_max || seg_max > vblk->vq->num - 2)
		seg_max = vblk->vq->num - 2;	/* header and status take two */
	q->limits.max_segments = seg_max;
	q->limits.max_segment_size = PAGE_SIZE;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX) &&
	    virtio_cread32(vdev, VIRTIO_BLK_CFG_SIZE_MAX) < PAGE_SIZE)
		q->limits.max_segment_size = virtio_cread32(vdev, VIRTIO_BLK_CFG_SIZE_MAX);
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_BLK_SIZE))
		q->limits.logical_block_size = virtio_cread32(vdev, VIRTIO_BLK_CFG_BLK_SIZE);
	q->write_cache = virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH);
	q->nr_requests = vblk->vq->num;
}

/*
 * virtblk_probe - features, the queue, the disk's limits and size,
 * DRIVER_OK, then add_disk (which reads the partition table).  On an
 * error the transport marks the device FAILED; what was set up stays
 * (a queue the device knows about cannot be taken back half-way).
 */
static int virtblk_probe(struct virtio_device *vdev)
{
	struct virtio_blk *vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	struct gendisk *disk;
	int err = -ENOMEM;

	if (!vblk)
		return -ENOMEM;
	vblk->vdev = vdev;
	err = virtio_negotiate_features(vdev);
	if (err)
		goto fail;
	err = -ENOMEM;
	vblk->vq = virtio_find_vq(vdev, 0, VIRTBLK_QUEUE_SIZE, virtblk_done, "requests");
	if (!vblk->vq)
		goto fail;
	if (!virtblk_major)
		virtblk_major = register_blkdev(0, "virtblk");
	disk = blk_mq_alloc_disk(&virtio_mq_ops, sizeof(struct virtblk_req), vblk);
	if (virtblk_major < 0 || !disk) {
		err = virtblk_major < 0 ? virtblk_major : -ENOMEM;
		goto fail;
	}
	vdev->priv = vblk;
	vblk->disk = disk;
	virtblk_limits(vblk, disk->queue);
	virtblk_name(disk->disk_name, sizeof(disk->disk_name), virtblk_index);
	disk->major = virtblk_major;
	disk->first_minor = (int)(virtblk_index++ * VIRTBLK_MINORS);
	disk->minors = VIRTBLK_MINORS;
	disk->capacity = virtio_cread64(vdev, VIRTIO_BLK_CFG_CAPACITY);
	disk->read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	disk->private_data = vblk;
	virtio_device_ready(vdev);	/* DRIVER_OK before the first request */
	printk("%s: %s at 0x%08x (%s), %llu sectors (%llu MiB), %u-byte blocks, "
	       "%u segments, %s%s\n", disk->disk_name, vdev->name, vdev->phys,
	       vdev->version == 1 ? "legacy" : "modern", (unsigned long long)disk->capacity,
	       (unsigned long long)(disk->capacity >> 11), disk->queue->limits.logical_block_size,
	       disk->queue->limits.max_segments,
	       disk->queue->write_cache ? "write cache" : "write through",
	       disk->read_only ? ", read-only" : "");
	return add_disk(disk);
fail:
	kfree(vblk);
	return err;
}

const struct virtio_driver virtio_blk_driver = {
	.name = "virtio_blk",
	.device_id = VIRTIO_ID_BLOCK,
	.features = (1ULL << VIRTIO_BLK_F_SIZE_MAX) | (1ULL << VIRTIO_BLK_F_SEG_MAX) |
		    (1ULL << VIRTIO_BLK_F_RO) | (1ULL << VIRTIO_BLK_F_BLK_SIZE) |
		    (1ULL << VIRTIO_BLK_F_FLUSH),
	.probe = virtblk_probe,
};
