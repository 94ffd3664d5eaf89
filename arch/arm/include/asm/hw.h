/*
 * Every ARMv7-A register and descriptor bit field the kernel uses, named
 * after the fields of the ARM Architecture Reference Manual, ARMv7-A and
 * ARMv7-R edition (DDI 0406C).  No shifted literal for these appears
 * anywhere else.  Usable from C and from assembly.
 */
#ifndef ASM_HW_H
#define ASM_HW_H

#ifdef __ASSEMBLER__
#define _U(x) x
#else
#define _U(x) x##u
#endif
#define BIT(n) (_U(1) << (n))

/* ---- Processor modes and CPSR (B1.3.1, B1.3.3) ------------------------ */
#define MODE_USR	0x10
#define MODE_FIQ	0x11
#define MODE_IRQ	0x12
#define MODE_SVC	0x13
#define MODE_MON	0x16
#define MODE_ABT	0x17
#define MODE_HYP	0x1A
#define MODE_UND	0x1B
#define MODE_SYS	0x1F
#define MODE_MASK	0x1F
#define PSR_T		BIT(5)		/* Thumb state */
#define PSR_F		BIT(6)		/* FIQ masked */
#define PSR_I		BIT(7)		/* IRQ masked */
#define PSR_A		BIT(8)		/* asynchronous abort masked */
#define PSR_E		BIT(9)		/* big-endian data */

/* ---- SCTLR, System Control Register (B4.1.130) ------------------------ */
#define SCTLR_M		BIT(0)		/* MMU enable */
#define SCTLR_A		BIT(1)		/* alignment check */
#define SCTLR_C		BIT(2)		/* data and unified caches */
#define SCTLR_Z		BIT(11)		/* branch prediction */
#define SCTLR_I		BIT(12)		/* instruction cache */
#define SCTLR_V		BIT(13)		/* high vectors at 0xFFFF0000 */
#define SCTLR_TRE	BIT(28)		/* TEX remap */
#define SCTLR_AFE	BIT(29)		/* access flag enable */
#define SCTLR_TE	BIT(30)		/* exceptions taken in Thumb */

/* ---- TTBCR and TTBR0/1 (B4.1.153, B4.1.154) --------------------------- */
#define TTBCR_N_MASK	0x7		/* N=0: TTBR0 translates everything */
/*
 * Translation table walk attributes in TTBR0 (how the walker reads the
 * tables).  RGN (bits 4:3) = 01: outer write-back write-allocate.  The
 * inner attribute depends on the CPU:
 *   with the Multiprocessing Extensions (A9, A15): IRGN is split over bit 6
 *     (IRGN[0]) and bit 0 (IRGN[1]); 01 = write-back write-allocate;
 *   without them (A8): bit 0 is C, "inner cacheable".
 */
#define TTBR_IRGN0	BIT(6)
#define TTBR_C_IRGN1	BIT(0)
#define TTBR_RGN_WBWA	(_U(1) << 3)
#ifdef CONFIG_CPU_MP
#define TTBR_FLAGS	(TTBR_IRGN0 | TTBR_RGN_WBWA)
#else
#define TTBR_FLAGS	(TTBR_C_IRGN1 | TTBR_RGN_WBWA)
#endif

/* ---- DACR, Domain Access Control (B4.1.43) ---------------------------- */
#define DACR_NOACCESS	0
#define DACR_CLIENT	1		/* accesses checked against AP bits */
#define DACR_MANAGER	3
#define DOMAIN_KERNEL	0		/* the kernel uses domain 0 for everything */
#define DACR_VALUE	(DACR_CLIENT << (2 * DOMAIN_KERNEL))

/* ---- Short-descriptor first-level descriptors (B3.5.1) ---------------- */
#define L1_TYPE_MASK	0x3
#define L1_TYPE_FAULT	0x0
#define L1_TYPE_TABLE	0x1		/* points at a second-level table */
#define L1_TYPE_SECT	0x2		/* 1 MiB section (bit 18 = 0) */
#define L1_SECT_B	BIT(2)
#define L1_SECT_C	BIT(3)
#define L1_SECT_XN	BIT(4)
#define L1_DOMAIN_SHIFT	5
#define L1_DOMAIN(d)	((d) << L1_DOMAIN_SHIFT)
#define L1_SECT_AP0	BIT(10)		/* AP[1:0] at bits 11:10 */
#define L1_SECT_AP1	BIT(11)
#define L1_SECT_TEX_SHIFT 12
#define L1_SECT_TEX(x)	((x) << L1_SECT_TEX_SHIFT)
#define L1_SECT_AP2	BIT(15)
#define L1_SECT_S	BIT(16)
#define L1_SECT_NG	BIT(17)
#define L1_SECT_SUPER	BIT(18)		/* supersection (16 MiB) */
#define L1_SECT_NS	BIT(19)
#define L1_SECT_BASE_MASK 0xFFF00000
#define L1_TABLE_BASE_MASK 0xFFFFFC00
#define L1_ENTRIES	4096
#define L1_TABLE_SIZE	(L1_ENTRIES * 4)	/* 16 KiB, 16 KiB aligned */
#define L1_INDEX(va)	((va) >> 20)

/* Section AP[2:0] (AFE = 0, B3.7.1 Table B3-8) */
#define L1_SECT_AP_NONE	0					/* 000: no access */
#define L1_SECT_AP_KRW	(L1_SECT_AP0)				/* 001 */
#define L1_SECT_AP_URO	(L1_SECT_AP1)				/* 010 */
#define L1_SECT_AP_URW	(L1_SECT_AP1 | L1_SECT_AP0)		/* 011 */
#define L1_SECT_AP_KRO	(L1_SECT_AP2 | L1_SECT_AP0)		/* 101 */
#define L1_SECT_AP_UROKRO (L1_SECT_AP2 | L1_SECT_AP1 | L1_SECT_AP0) /* 111 */

/* Section memory types, TEX remap off (B3.8.2 Table B3-10) */
#define L1_SECT_NORMAL_WBWA (L1_SECT_TEX(1) | L1_SECT_C | L1_SECT_B)
#define L1_SECT_NORMAL_NC   (L1_SECT_TEX(1))
#define L1_SECT_DEVICE      (L1_SECT_B)			/* shareable device */
#define L1_SECT_SO          0				/* strongly ordered */

/* ---- Short-descriptor second-level descriptors (B3.5.1) --------------- */
#define L2_TYPE_MASK	0x3
#define L2_TYPE_FAULT	0x0
#define L2_TYPE_LARGE	0x1		/* 64 KiB large page (unused) */
#define L2_TYPE_SMALL	0x2		/* 4 KiB small page; bit 0 is XN */
#define L2_XN		BIT(0)
#define L2_B		BIT(2)
#define L2_C		BIT(3)
#define L2_AP0		BIT(4)		/* AP[1:0] at bits 5:4 */
#define L2_AP1		BIT(5)
#define L2_TEX_SHIFT	6
#define L2_TEX(x)	((x) << L2_TEX_SHIFT)
#define L2_AP2		BIT(9)
#define L2_S		BIT(10)
#define L2_NG		BIT(11)
#define L2_BASE_MASK	0xFFFFF000
#define L2_ENTRIES	256
#define L2_TABLE_SIZE	(L2_ENTRIES * 4)	/* 1 KiB */
#define L2_INDEX(va)	(((va) >> 12) & 0xFF)

#define L2_AP_NONE	0				/* 000: no access at all */
#define L2_AP_KRW	(L2_AP0)			/* 001: kernel RW, user none */
#define L2_AP_URO	(L2_AP1)			/* 010: kernel RW, user RO */
#define L2_AP_URW	(L2_AP1 | L2_AP0)		/* 011: both RW */
#define L2_AP_KRO	(L2_AP2 | L2_AP0)		/* 101: kernel RO, user none */
#define L2_AP_UROKRO	(L2_AP2 | L2_AP1 | L2_AP0)	/* 111: both RO */
#define L2_AP_MASK	(L2_AP2 | L2_AP1 | L2_AP0)

#define L2_NORMAL_WBWA	(L2_TEX(1) | L2_C | L2_B)
#define L2_NORMAL_NC	(L2_TEX(1))
#define L2_DEVICE	(L2_B)
#define L2_MEMTYPE_MASK	(L2_TEX(7) | L2_C | L2_B)

/* ---- Fault status registers DFSR/IFSR (B4.1.52, B4.1.96, B3.13.3) ---- */
#define FSR_FS_LOW_MASK	0xF		/* FS[3:0] */
#define FSR_FS4		BIT(10)		/* FS[4] */
#define FSR_WNR		BIT(11)		/* DFSR: write not read */
#define FSR_CM		BIT(13)		/* DFSR: a cache maintenance operation faulted */
#define FSR_EXT		BIT(12)		/* external abort type */
#define FSR_FS(fsr)	(((fsr) & FSR_FS_LOW_MASK) | (((fsr) & FSR_FS4) >> 6))

#define FS_ALIGNMENT		0x01
#define FS_DEBUG		0x02
#define FS_ACCESS_FLAG_SECT	0x03
#define FS_ICACHE_MAINT		0x04
#define FS_TRANSLATION_SECT	0x05
#define FS_ACCESS_FLAG_PAGE	0x06
#define FS_TRANSLATION_PAGE	0x07
#define FS_SYNC_EXTERNAL	0x08
#define FS_DOMAIN_SECT		0x09
#define FS_DOMAIN_PAGE		0x0B
#define FS_EXT_WALK_L1		0x0C
#define FS_PERMISSION_SECT	0x0D
#define FS_EXT_WALK_L2		0x0E
#define FS_PERMISSION_PAGE	0x0F
#define FS_TLB_CONFLICT		0x10
#define FS_LOCKDOWN		0x14
#define FS_ASYNC_EXTERNAL	0x16
#define FS_ASYNC_PARITY		0x18
#define FS_SYNC_PARITY		0x19
#define FS_COPROC		0x1A
#define FS_PARITY_WALK_L1	0x1C
#define FS_PARITY_WALK_L2	0x1E

/* ---- MIDR, Main ID Register (B4.1.105) -------------------------------- */
#define MIDR_IMPLEMENTER(m)	(((m) >> 24) & 0xFF)
#define MIDR_VARIANT(m)		(((m) >> 20) & 0xF)
#define MIDR_ARCH(m)		(((m) >> 16) & 0xF)
#define MIDR_PARTNUM(m)		(((m) >> 4) & 0xFFF)
#define MIDR_REVISION(m)	((m) & 0xF)

/* ---- CLIDR / CCSIDR / CSSELR, cache geometry (B4.1.20, B4.1.19) ------ */
#define CLIDR_LOC(c)		(((c) >> 24) & 0x7)
#define CCSIDR_LINESIZE(c)	((c) & 0x7)		/* log2(words) - 2 */
#define CCSIDR_ASSOC(c)		(((c) >> 3) & 0x3FF)	/* ways - 1 */
#define CCSIDR_NUMSETS(c)	(((c) >> 13) & 0x7FFF)	/* sets - 1 */

/* ---- CONTEXTIDR (B4.1.36) --------------------------------------------- */
#define CONTEXTIDR_ASID_MASK	0xFF

#endif
