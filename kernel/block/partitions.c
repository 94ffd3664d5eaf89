/*
 * kernel/block/partitions.c - the PC partition table (MBR, "msdos"), read
 * the way Linux reads it, so that a disk shows the same vda1, vda5 ...
 * here as there.
 *
 * Sector 0 (and every extended boot record, EBR) ends with four 16-byte
 * entries at byte 446 and the signature 0x55 0xaa at 510:
 *
 *   offset  size  field
 *   ------  ----  ------------------------------------------------------
 *   0       1     boot indicator: 0x80 active, 0 not; anything else
 *                 means this is no partition table
 *   1       3     start CHS (ignored: LBA is what counts)
 *   4       1     type: 0x83 Linux, 0x05/0x0f/0x85 extended, 0xee GPT
 *   5       3     end CHS (ignored)
 *   8       4     first sector (LBA), little-endian
 *   12      4     number of sectors, little-endian; 0: unused entry
 *
 * Numbering:
 *   1-4   the primary entries by position (an unused one leaves a gap);
 *         an extended entry gets its number too, as a 2-sector stub
 *         (Linux's choice: nothing can be made on it by mistake, and
 *         /proc/partitions shows it with 1 block)
 *   5-    logical partitions, in the order of the EBR chain.  An EBR's
 *         data entry counts from that EBR; its link entry (an extended
 *         type) counts from the start of the primary extended partition.
 *
 * Hostile tables.  Sums are 64-bit, so an entry whose end wraps past 2^32
 * in 32-bit arithmetic is simply one that runs past the end of the disk:
 * such entries are ignored with a message (Linux truncates them instead;
 * ignoring never lets I/O leave the disk) but keep their number.  The EBR
 * chain is followed at most MBR_MAX_EBRS links, never twice through the
 * same sector, never past the end of the disk, and not beyond the
 * disk's last minor.
 *
 * Host-compilable: only printk and the state's read_sector are used.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include "partitions.h"

#define MBR_ENTRIES_OFFSET	446
#define MBR_ENTRY_SIZE		16
#define MBR_SIG_OFFSET		510

#define MBR_TYPE_DOS_EXTENDED	0x05
#define MBR_TYPE_WIN98_EXTENDED	0x0f
#define MBR_TYPE_LINUX_EXTENDED	0x85
#define MBR_TYPE_GPT_PROTECTIVE	0xee

struct mbr_entry {
	u8 boot_ind, sys_ind;
	u32 start, size;
};

static u32 get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static bool has_signature(const u8 *sector)
{
	return sector[MBR_SIG_OFFSET] == 0x55 && sector[MBR_SIG_OFFSET + 1] == 0xaa;
}

static void get_entries(const u8 *sector, struct mbr_entry e[4])
{
	const u8 *p = sector + MBR_ENTRIES_OFFSET;
	int i;

	for (i = 0; i < 4; i++, p += MBR_ENTRY_SIZE) {
		e[i].boot_ind = p[0];
		e[i].sys_ind = p[4];
		e[i].start = get_le32(p + 8);
		e[i].size = get_le32(p + 12);
	}
}

static bool is_extended(u8 type)
{
	return type == MBR_TYPE_DOS_EXTENDED || type == MBR_TYPE_WIN98_EXTENDED ||
	       type == MBR_TYPE_LINUX_EXTENDED;
}

static int read_sector(struct parsed_partitions *state, sector_t sector)
{
	state->reads++;
	return state->read_sector(state->ctx, sector, state->buf);
}

/*
 * put_partition - record number n as [from, from + size) if that lies on
 * the disk; a message and false otherwise.  n < state->limit.
 */
static bool put_partition(struct parsed_partitions *state, unsigned int n, sector_t from,
			  sector_t size, u8 type)
{
	if (from >= state->capacity || size > state->capacity - from) {
		printk("%s: partition %u (sectors %llu + %llu) runs past the end of the disk "
		       "(%llu sectors): ignored\n", state->name, n, (unsigned long long)from,
		       (unsigned long long)size, (unsigned long long)state->capacity);
		return false;
	}
	state->parts[n].from = from;
	state->parts[n].size = size;
	state->parts[n].sys_ind = type;
	return true;
}

static bool ebr_seen(const sector_t *seen, unsigned int n, sector_t ebr)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (seen[i] == ebr)
			return true;
	return false;
}

/*
 * parse_ebr - the data entries of the EBR in state->buf, at sector ebr,
 * as the next logical partitions.  Returns true and the link to the next
 * EBR in *link (relative to the extended partition; 0 is its first
 * sector) if there is one.
 */
static bool parse_ebr(struct parsed_partitions *state, sector_t ebr, u32 *link)
{
	struct mbr_entry e[4];
	bool linked = false;
	int i;

	get_entries(state->buf, e);
	for (i = 0; i < 4; i++) {
		if (!e[i].size)
			continue;
		if (is_extended(e[i].sys_ind)) {
			if (!linked)
				*link = e[i].start;	/* the first link counts */
			linked = true;
			continue;
		}
		if (state->next >= state->limit)
			break;
		if (put_partition(state, state->next, ebr + e[i].start, e[i].size, e[i].sys_ind))
			state->parts[state->next].logical = true;
		state->next++;
	}
	return linked;
}

/* parse_extended - follow the EBR chain of the extended partition at ext. */
static void parse_extended(struct parsed_partitions *state, sector_t ext)
{
	sector_t seen[MBR_MAX_EBRS], ebr = ext;
	unsigned int hops;
	u32 link;
	int err;

	for (hops = 0; hops < MBR_MAX_EBRS; hops++) {
		if (state->next >= state->limit) {
			printk("%s: more logical partitions than the disk has minors: "
			       "the rest ignored\n", state->name);
			return;
		}
		if (ebr >= state->capacity || ebr_seen(seen, hops, ebr)) {
			printk("%s: extended boot record at sector %llu is %s: chain ends\n",
			       state->name, (unsigned long long)ebr,
			       ebr >= state->capacity ? "past the end of the disk" : "a loop");
			return;
		}
		seen[hops] = ebr;
		err = read_sector(state, ebr);
		if (err) {
			printk("%s: cannot read the extended boot record at sector %llu (%d)\n",
			       state->name, (unsigned long long)ebr, err);
			return;
		}
		if (!has_signature(state->buf))
			return;
		if (!parse_ebr(state, ebr, &link))
			return;
		ebr = ext + link;
	}
	printk("%s: more than %d extended boot records: the rest ignored\n", state->name,
	       MBR_MAX_EBRS);
}

/*
 * Is sector 0 (state->buf) a partition table at all?  A boot indicator
 * other than 0 or 0x80 says it is a boot sector or file system with
 * 0x55aa at its end; a 0xee entry says the real table is a GPT.
 */
static bool is_mbr(struct parsed_partitions *state, const struct mbr_entry e[4])
{
	int i;

	if (!has_signature(state->buf))
		return false;
	for (i = 0; i < 4; i++)
		if (e[i].boot_ind != 0 && e[i].boot_ind != 0x80)
			return false;
	for (i = 0; i < 4; i++) {
		if (e[i].sys_ind == MBR_TYPE_GPT_PROTECTIVE) {
			printk("%s: GPT partition tables are not supported\n", state->name);
			return false;
		}
	}
	return true;
}

int msdos_partition(struct parsed_partitions *state)
{
	struct mbr_entry e[4];
	unsigned int slot;
	int err;

	err = read_sector(state, 0);
	if (err)
		return err;
	get_entries(state->buf, e);	/* a copy: EBR reads reuse the buffer */
	if (!is_mbr(state, e))
		return 0;
	state->next = 5;
	for (slot = 1; slot <= 4 && slot < state->limit; slot++) {
		const struct mbr_entry *p = &e[slot - 1];

		if (!p->size)
			continue;
		if (!is_extended(p->sys_ind)) {
			put_partition(state, slot, p->start, p->size, p->sys_ind);
			continue;
		}
		/* the whole extended partition must be on the disk; it shows as a stub */
		if (!put_partition(state, slot, p->start, p->size, p->sys_ind))
			continue;
		state->parts[slot].size = p->size < 2 ? p->size : 2;
		state->parts[slot].extended = true;
		parse_extended(state, p->start);
	}
	return 1;
}
